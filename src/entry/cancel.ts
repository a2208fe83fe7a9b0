// The runner's cancel, caught from the first line of either entry point. This module imports nothing, so
// its handlers are installed before any other code of the step is even parsed: a SIGINT at any millisecond
// after Node starts is a cancel the step handles, never a kill that skips it.

/** The cancel as the steps see it: a signal that aborts at the first SIGINT or SIGTERM, and when that came. */
export interface Cancel {
  readonly signal: AbortSignal
  /** Epoch ms of the first SIGINT/SIGTERM; undefined while the step is not cancelled. */
  cancelledAt(): number | undefined
  /** Which signals came, in order (for the log). */
  received(): readonly NodeJS.Signals[]
}

/**
 * Installs SIGINT and SIGTERM handlers for the life of the process. The runner sends SIGINT on cancel or
 * timeout, SIGTERM 7.5 s later and SIGKILL 2.5 s after that: the first signal aborts; later ones are noted
 * and ignored, so a restore under way is never cut short by the runner's second signal.
 */
export function catchCancel(now: () => number = Date.now): Cancel {
  const controller = new AbortController()
  const signals: NodeJS.Signals[] = []
  let at: number | undefined
  const onSignal = (name: NodeJS.Signals) => {
    signals.push(name)
    if (at !== undefined) return
    at = now()
    controller.abort()
  }
  process.on('SIGINT', onSignal)
  process.on('SIGTERM', onSignal)
  return { signal: controller.signal, cancelledAt: () => at, received: () => signals }
}
