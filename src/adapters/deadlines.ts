// Every AWS call is bounded and cancellable. A call is sent with a signal that ends it at its deadline or
// at the runner's cancel; which of the two ended it decides what the caller sees:
// - a cancel ends a read at once (an AbortError: the rollout stops and restores the alias);
// - a write in flight when the cancel comes may still answer for a short grace: its answer says where
//   the alias is, and an UpdateAlias cut off after it was applied would leave the alias's state unknown;
// - a call started after the cancel (the restore, and what it reads) gets a fresh short deadline of its own,
//   never the aborted signal, and every call ends inside the runner's window before it kills the step;
// - a deadline becomes CallTimeoutError, a TransientError: the guarded write retries it and, if the write
//   had been applied, recognises it behind the RevisionId conflict.
import { TransientError } from '../ports.js'

/** What the adapters need of the runner's cancel (see entry/cancel.ts). */
export interface CancelSource {
  readonly signal: AbortSignal
  cancelledAt(): number | undefined
}

export interface DeadlineLimits {
  /** A whole call, the SDK's own retries included, before any cancel. */
  callMs: number
  /** A call started after the cancel: the restore and what it reads. */
  afterCancelMs: number
  /** Every call ends within this long after the first signal (the runner kills the step 10 s after it). */
  windowMs: number
  /** How long a write in flight when the cancel comes may still answer. */
  writeGraceMs: number
}

/** The runner's window: SIGINT → 7.5 s → SIGTERM → 2.5 s → SIGKILL; calls end at 9 s, leaving time to report. */
export const STEP_LIMITS: DeadlineLimits = { callMs: 60_000, afterCancelMs: 4_000, windowMs: 9_000, writeGraceMs: 2_000 }

/** No cancel: the tests and tools that build adapters without a runner. */
export const NEVER_CANCELLED: CancelSource = { signal: new AbortController().signal, cancelledAt: () => undefined }

export type CallKind = 'read' | 'write'

/** A call that did not answer within its deadline; for a write, whether it was applied is unknown. */
export class CallTimeoutError extends TransientError {
  constructor(what: string, kind: CallKind, ms: number) {
    const within = ms < 1000 ? `${ms}ms` : `${Math.round(ms / 100) / 10}s`
    super(`${what} did not answer within ${within}${kind === 'write' ? ' (whether it was applied is unknown)' : ''}`)
    this.name = 'CallTimeoutError'
  }
}

interface Deadline {
  signal: AbortSignal
  /** Set when the deadline (not the cancel) ended the call: its length in ms. */
  expiredAfter(): number | undefined
  dispose(): void
}

export class CallDeadlines {
  constructor(
    private readonly cancel: CancelSource = NEVER_CANCELLED,
    private readonly limits: DeadlineLimits = STEP_LIMITS,
    private readonly now: () => number = Date.now
  ) {}

  /**
   * Runs `send` with the signal a call of this kind gets. `ms` replaces the call's own deadline (an invoke
   * bounded by hook-timeout); a deadline that ends the call becomes CallTimeoutError, a cancel stays an AbortError.
   */
  async call<T>(what: string, kind: CallKind, send: (signal: AbortSignal) => Promise<T>, ms = this.limits.callMs): Promise<T> {
    const deadline = this.deadline(kind, ms)
    try {
      return await send(deadline.signal)
    } catch (error) {
      const expired = deadline.expiredAfter()
      if (expired !== undefined) throw new CallTimeoutError(what, kind, expired)
      throw error
    } finally {
      deadline.dispose()
    }
  }

  /** The signal for a call starting now (exposed for the tests). */
  deadline(kind: CallKind, ms: number): Deadline {
    const controller = new AbortController()
    const started = this.now()
    let expired: number | undefined
    let timer: ReturnType<typeof setTimeout> | undefined
    const expireIn = (after: number) => {
      if (timer) clearTimeout(timer)
      const wait = Math.max(0, after)
      timer = setTimeout(() => {
        expired = this.now() - started
        controller.abort()
      }, wait)
    }
    const cancelledAt = this.cancel.cancelledAt()
    const windowLeft = (at: number) => at + this.limits.windowMs - this.now()
    if (cancelledAt !== undefined) {
      // After the cancel: a fresh short deadline, inside the window.
      expireIn(Math.min(ms, this.limits.afterCancelMs, windowLeft(cancelledAt)))
      return { signal: controller.signal, expiredAfter: () => expired, dispose: () => clearTimeout(timer) }
    }
    expireIn(ms)
    const onCancel = () => {
      const at = this.cancel.cancelledAt() ?? this.now()
      if (kind === 'read') controller.abort(this.cancel.signal.reason)
      else expireIn(Math.min(ms - (this.now() - started), this.limits.writeGraceMs, windowLeft(at)))
    }
    this.cancel.signal.addEventListener('abort', onCancel, { once: true })
    return {
      signal: controller.signal,
      expiredAfter: () => expired,
      dispose: () => {
        clearTimeout(timer)
        this.cancel.signal.removeEventListener('abort', onCancel)
      }
    }
  }
}
