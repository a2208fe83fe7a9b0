// Every alias write (shift, promote, restore, manual rollback) goes through here: it carries the RevisionId
// last seen, and any answer that is not a clean success is settled by reading the alias back and comparing it
// with the whole target (routing and description): applied → done; not applied → retried with backoff;
// someone else's change → AliasConflictError, and the conflict policy (yieldTo) decides. Restores keep trying
// for restore-timeout. The restore command and the words for what the alias holds are written here too.
import { classifyWriteFailure } from '../adapters/aws-errors.js'
import { AliasConflictError, type AliasPort, type AliasState, type AliasTarget } from '../ports.js'
import { retryWithBackoff } from '../retry.js'
import { describeAlias } from '../timeline.js'
import { messageOf } from './outcome.js'

/** Bounded retries around a shift or promote, on top of the SDK's own: a failed one is restored anyway. */
const WRITE_RETRY = { attempts: 5, baseMs: 500, maxMs: 4000 }
/** Restores retry until their deadline, at most this far apart. */
const RESTORE_BACKOFF = { baseMs: 500, maxMs: 8000 }
/** restore-timeout's default, for callers given none. */
export const DEFAULT_RESTORE_TIMEOUT_MS = 5 * 60_000

export interface WriteRetry {
  sleep: (ms: number) => Promise<void>
  /** The clock the restore deadline is measured by. */
  now?: () => number
  random?: () => number
  onRetry?: (what: string, attempt: number, error: string) => void
  /** How long a restore keeps trying against throttling, 5xx and unreadable answers (restore-timeout). */
  restoreTimeoutMs?: number
  /** A cancel stops retrying a shift or promote (never a restore: the cancel is why we restore). */
  signal?: AbortSignal
}

/** A write that did not take: `unknown` when even reading the alias back could not tell whether it was applied. */
export class AliasWriteError extends Error {
  constructor(
    message: string,
    readonly outcome: 'not-applied' | 'unknown',
    options?: { cause?: unknown }
  ) {
    super(message, options)
    this.name = 'AliasWriteError'
  }
}

/** One attempt's failure once settled: retried (the target is still wanted and no one else wrote). */
class Unsettled extends Error {
  constructor(
    readonly original: unknown,
    readonly outcome: 'not-applied' | 'unknown'
  ) {
    super(messageOf(original))
  }
}

export class GuardedAlias {
  /** A write whose outcome stayed unknown: seeing it later is our own write, not someone else's. */
  private unsettled: AliasTarget | undefined

  constructor(
    private readonly port: AliasPort,
    /** The alias as we last wrote or read it; every write carries its RevisionId. */
    private current: AliasState,
    private readonly retry: WriteRetry
  ) {}

  get state(): AliasState {
    return this.current
  }

  /** A shift or promote: a few retries, stopped by a cancel. */
  async write(target: AliasTarget, what: string): Promise<AliasState> {
    return this.settledWrite(target, what, { ...WRITE_RETRY, cancellable: true })
  }

  /** A restore (or manual rollback): retried against throttling and 5xx until `timeoutMs` has passed. */
  async restore(
    target: AliasTarget,
    what: string,
    timeoutMs = this.retry.restoreTimeoutMs ?? DEFAULT_RESTORE_TIMEOUT_MS
  ): Promise<AliasState> {
    const now = this.retry.now ?? Date.now
    return this.settledWrite(target, what, { ...RESTORE_BACKOFF, deadline: now() + timeoutMs, cancellable: false })
  }

  private async settledWrite(
    target: AliasTarget,
    what: string,
    budget: { attempts?: number; deadline?: number; baseMs: number; maxMs: number; cancellable: boolean }
  ): Promise<AliasState> {
    const { attempts, deadline, baseMs, maxMs, cancellable } = budget
    let tries = 0
    try {
      this.current = await retryWithBackoff(
        async () => {
          tries++
          return this.attempt(target)
        },
        {
          ...(attempts !== undefined ? { attempts } : {}),
          ...(deadline !== undefined ? { deadline } : {}),
          ...(this.retry.now ? { now: this.retry.now } : {}),
          baseMs,
          maxMs,
          sleep: this.retry.sleep,
          ...(this.retry.random ? { random: this.retry.random } : {}),
          isRetryable: e => e instanceof Unsettled && !(cancellable && this.retry.signal?.aborted),
          onRetry: (n, error) => this.retry.onRetry?.(what, n, messageOf(error))
        }
      )
      return this.current
    } catch (error) {
      if (!(error instanceof Unsettled)) throw error
      // A cancel while a shift was not applied: the stop path sees the cancel itself.
      if (cancellable && this.retry.signal?.aborted && error.outcome === 'not-applied' && isAbortError(error.original)) throw error.original
      const result = error.outcome === 'unknown' ? 'may or may not have been applied' : 'was not applied'
      throw new AliasWriteError(`${what} ${result} after ${tries} tr${tries === 1 ? 'y' : 'ies'}: ${error.message}`, error.outcome, {
        cause: error.original
      })
    }
  }

  /** One write; any failure but a definite refusal is settled by reading the alias back. */
  private async attempt(target: AliasTarget): Promise<AliasState> {
    try {
      const written = await this.port.write(target, this.current.revisionId)
      this.unsettled = undefined
      return written
    } catch (error) {
      const failure = classifyWriteFailure(error)
      // A refusal can answer one of the SDK's own retries after an earlier try of it applied (its answer lost):
      // the alias read back at our target is our write; anything else, the refusal stands.
      if (failure === 'rejected') {
        const now = await this.port.read().catch(() => undefined)
        if (now && now.revisionId !== this.current.revisionId && sameTarget(now, target)) {
          this.unsettled = undefined
          return now
        }
        throw error
      }
      let now: AliasState
      try {
        now = await this.port.read()
      } catch (readError) {
        this.unsettled = target
        throw new Unsettled(new Error(`${messageOf(error)}; reading the alias back failed too: ${messageOf(readError)}`), 'unknown')
      }
      if (sameTarget(now, target)) {
        this.unsettled = undefined
        return now
      }
      if (now.revisionId === this.current.revisionId) throw new Unsettled(error, 'not-applied')
      if (this.unsettled && sameTarget(now, this.unsettled)) {
        // An earlier write of ours whose answer was lost did apply: carry on from it.
        this.current = now
        this.unsettled = undefined
        throw new Unsettled(error, 'not-applied')
      }
      throw failure === 'conflict'
        ? error
        : new AliasConflictError(
            `${messageOf(error)}; read back, alias is ${describeAlias(now)} (RevisionId ${now.revisionId}): another writer`
          )
    }
  }

  /**
   * The conflict policy: never overwrite another writer. Re-read, and if they left the alias sending traffic
   * to our new version, remove only that part (it is ours).
   */
  async yieldTo(
    newVersion: string,
    /** The description without this run's own mark, when the alias still carries it (else undefined). */
    withoutOwnMark: (description: string | undefined) => string | undefined = () => undefined
  ): Promise<{ ours: AliasState; theirs?: AliasState; action: string }> {
    const ours = this.current
    let theirs: AliasState
    try {
      theirs = await this.port.read()
    } catch (readError) {
      return { ours, action: `could not re-read the alias: ${messageOf(readError)}` }
    }
    this.current = theirs
    const routing = withoutVersion(theirs, newVersion)
    // Our mark goes too: left behind, it would hold the alias against every other run until it expired.
    const description = withoutOwnMark(theirs.description)
    if (!routing && description === undefined) return { ours, theirs, action: 'left the alias as the other writer set it' }
    const target = {
      ...(routing ?? { version: theirs.version, weights: { ...theirs.weights } }),
      ...(description !== undefined ? { description } : {})
    }
    const parts = [
      ...(routing
        ? [`removed only version ${newVersion}'s weighted traffic, keeping the other writer's primary version ${routing.version}`]
        : []),
      ...(description !== undefined ? ["removed this run's mark from the description"] : [])
    ]
    try {
      const cleaned = await this.restore(target, routing ? `remove version ${newVersion}'s traffic` : "remove this run's mark")
      return { ours, theirs: cleaned, action: parts.join(' and ') }
    } catch (cleanupError) {
      // What they left is still worth reporting even though our part of it could not be removed.
      return {
        ours,
        theirs,
        action: `could not remove version ${newVersion}'s weighted traffic or this run's mark: ${messageOf(cleanupError)}`
      }
    }
  }
}

function isAbortError(error: unknown): boolean {
  return error instanceof Error && error.name === 'AbortError'
}

/** The alias without `version`'s weighted traffic, or undefined when it has none. */
export function withoutVersion(alias: AliasTarget, version: string): AliasTarget | undefined {
  if (alias.weights[version] === undefined) return undefined
  const weights = { ...alias.weights }
  delete weights[version]
  return { version: alias.version, weights }
}

/** The alias holds the whole target: primary, routing, and the description when the target sets one. */
export function sameTarget(alias: AliasTarget, target: AliasTarget): boolean {
  const a = Object.entries(alias.weights).sort()
  const b = Object.entries(target.weights).sort()
  const description = target.description === undefined || (alias.description ?? '') === target.description
  return alias.version === target.version && JSON.stringify(a) === JSON.stringify(b) && description
}

/** The exact command that points the alias at `version` alone, for a person to run. */
export function restoreCommand(where: { functionId: string; alias: string; region?: string | undefined }, version: string): string {
  return [
    'aws lambda update-alias',
    `--function-name ${where.functionId}`,
    `--name ${where.alias}`,
    `--function-version ${version}`,
    `--routing-config 'AdditionalVersionWeights={}'`,
    ...(where.region ? [`--region ${where.region}`] : [])
  ].join(' ')
}

/** What the alias serves, in the log's words: "version 1 only" or "split 90/10 (version 1 90%, version 2 10%)". */
export function aliasHolds(alias: Pick<AliasTarget, 'version' | 'weights'>): string {
  const extra = Object.entries(alias.weights)
  if (extra.length === 0) return `version ${alias.version} only`
  const primary = 1 - extra.reduce((s, [, w]) => s + w, 0)
  const shares = [[alias.version, primary] as const, ...extra]
  const pct = (w: number) => Math.round(w * 10_000) / 100
  return `split ${shares.map(([, w]) => pct(w)).join('/')}: ${shares.map(([v, w]) => `version ${v} (${pct(w)}%)`).join(' + ')}`
}

/**
 * The last word on an alias after a restore: read back, "alias "live" now: version 1 only" when it holds
 * `wanted`; otherwise what it still holds and the command that fixes it.
 */
export function finalAliasState(
  name: string,
  read: AliasState | undefined,
  wanted: AliasTarget,
  command: string
): { restored: boolean; words: string } {
  if (!read) return { restored: false, words: `alias "${name}" could not be read back, so what it serves is unknown — run: ${command}` }
  if (sameTarget(read, { version: wanted.version, weights: wanted.weights }))
    return { restored: true, words: `alias "${name}" now: ${aliasHolds(read)}` }
  const split = Object.keys(read.weights).length > 0
  return {
    restored: false,
    words: `alias "${name}" ${split ? 'is STILL' : 'STILL serves'} ${aliasHolds(read)} — run: ${command}`
  }
}

/** Reads the alias, retried like a restore against throttling, 5xx and unreadable answers until `deadline`. */
export async function readPersistently(
  port: AliasPort,
  clock: { sleep: (ms: number) => Promise<void>; now: () => number },
  deadline: number
): Promise<AliasState> {
  return retryWithBackoff(() => port.read(), {
    ...RESTORE_BACKOFF,
    deadline,
    now: clock.now,
    sleep: clock.sleep,
    isRetryable: e => classifyWriteFailure(e) === 'unknown'
  })
}

/** Reads the alias for the final word; undefined when it cannot be read. */
export async function readBack(port: AliasPort): Promise<AliasState | undefined> {
  try {
    return await port.read()
  } catch {
    return undefined
  }
}
