// A run's mark on the alias it moves: every shift and the promotion carry it (the same guarded UpdateAlias, so
// mark and routing never disagree), it expires MARK_TTL after its last write, and it is renewed while the run
// bakes. Another run, a restore of a split alias or a post step leaves a live mark of another run alone.
import {
  type AliasRecord,
  type HistoryRecord,
  type Mark,
  type Owner,
  describeOwner,
  formatDescription,
  isLive,
  parseDescription,
  sameOwner,
  stamp
} from '../history.js'
import type { AliasState, AliasTarget, Clock } from '../ports.js'
import { AliasConflictError } from '../ports.js'
import type { Context } from './context.js'
import type { GuardedAlias } from './guarded-alias.js'
import { messageOf } from './outcome.js'

/** A mark lives this long after its last write: longer than any stretch between writes outside a bake. */
export const MARK_TTL_MS = 20 * 60_000
/** During a bake the mark is renewed once less than this is left. */
export const RENEW_BEFORE_MS = 10 * 60_000

/** This run's identity: the composition root gives it; tests and the benchmark get one from the deployment id. */
export function ownerOf(ctx: Pick<Context, 'ports' | 'deploymentId'>): Owner {
  return ctx.ports.owner ?? { run: `local.1.${ctx.deploymentId.replace(/[^A-Za-z0-9._-]/g, '_').slice(-12)}`, job: 'local', repo: 'local' }
}

/** Another run's live mark on this alias, in words; undefined when the alias is free for `owner`. */
export function heldByAnother(alias: Pick<AliasState, 'description'>, owner: Owner, now: number): string | undefined {
  const { mark } = parseDescription(alias.description)
  if (!mark || sameOwner(mark.owner, owner) || !isLive(mark, now)) return undefined
  return `${describeOwner(mark.owner)}, which is ${mark.phase === 'shifting' ? 'shifting its traffic' : 'in its final bake'} (its mark lasts until ${mark.until})`
}

export class AliasMark {
  private until = 0
  private history: HistoryRecord | undefined
  private phase: Mark['phase'] = 'shifting'

  /**
   * @param restoreTo the description a restore puts back: the one the alias had before the run.
   */
  constructor(
    private readonly ctx: Context,
    private readonly alias: GuardedAlias,
    readonly owner: Owner,
    readonly restoreTo: string
  ) {
    this.history = parseDescription(restoreTo).history
  }

  private get text(): string {
    return parseDescription(this.restoreTo).text
  }

  /** The description to write; with the mark, it lasts MARK_TTL_MS from now (`until` is set once the write took). */
  private describe(mark: boolean): { description: string; until: number } {
    const until = this.ctx.journal.now() + MARK_TTL_MS
    const record: AliasRecord = { text: this.text, ...(this.history ? { history: this.history } : {}) }
    if (mark) record.mark = { owner: this.owner, until: stamp(until), phase: this.phase }
    return { description: formatDescription(record), until: mark ? until : 0 }
  }

  /** Writes `target` (a shift, the promotion, the end) through the guarded alias, and keeps the mark's expiry. */
  async write(target: AliasTarget & { until: number }, what: string): Promise<AliasState> {
    const { until, ...rest } = target
    const written = await this.alias.write(rest, what)
    this.until = until
    return written
  }

  /** A shift's target, carrying the mark. */
  shifting(target: AliasTarget): AliasTarget & { until: number } {
    this.phase = 'shifting'
    return { ...target, ...this.describe(true) }
  }

  /** The promotion's target: the new history, and the mark kept while anything is left to do (`done` false). */
  promoted(target: AliasTarget, history: HistoryRecord, done: boolean): AliasTarget & { until: number } {
    this.history = history
    this.phase = 'final-bake'
    return { ...target, ...this.describe(!done) }
  }

  /** The alias as the finished release leaves it: the history, no mark. */
  finished(): AliasTarget & { until: number } {
    return { version: this.alias.state.version, weights: this.alias.state.weights, ...this.describe(false) }
  }

  /** A restore's target: the version, no routing, the description as it was before the run. */
  restore(version: string): AliasTarget {
    return { version, weights: {}, description: this.restoreTo }
  }

  /** What the post step needs to restore the description and to know the mark as its own. */
  checkpointFields(): { description: string; owner: Owner } {
    return { description: this.restoreTo, owner: this.owner }
  }

  /** A clock whose sleeps renew the mark before it runs low, so a long bake never lets it expire. */
  renewing(clock: Clock): Clock {
    return {
      now: () => clock.now(),
      sleep: async (ms, signal) => {
        let left = ms
        while (left > 0) {
          await this.renewIfDue()
          // After a renewal that did not take, the next try is a minute later.
          const due = this.until - RENEW_BEFORE_MS - clock.now()
          const step = Math.max(1, Math.min(left, due > 0 ? due : 60_000))
          await clock.sleep(step, signal)
          left -= step
        }
      }
    }
  }

  private async renewIfDue(): Promise<void> {
    const { journal } = this.ctx
    if (this.until === 0 || this.until - journal.now() > RENEW_BEFORE_MS) return
    const { version, weights } = this.alias.state
    try {
      await this.write({ version, weights, ...this.describe(true) }, 'renew the lambda-canary mark')
    } catch (error) {
      // Someone else wrote the alias: the release stops there. Anything else is tried again at the next sleep.
      if (error instanceof AliasConflictError) throw error
      journal.emit({ type: 'retry', at: journal.now(), what: 'renew the lambda-canary mark', attempt: 1, error: messageOf(error) })
    }
  }
}
