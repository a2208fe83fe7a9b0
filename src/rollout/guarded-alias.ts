// Every alias write (shift, promote, restore, manual rollback) goes through here: it carries the RevisionId
// last seen, is retried with backoff, recognises its own write behind a lost answer, and never overwrites
// another writer. The restore command is written here too, for the summary and the post step.
import { AliasConflictError, type AliasPort, type AliasState, type AliasTarget } from '../ports.js'
import { retryWithBackoff } from '../retry.js'
import { messageOf } from './outcome.js'

/** Bounded retries around every alias write, on top of the SDK's own. */
const WRITE_RETRY = { attempts: 5, baseMs: 500, maxMs: 4000 }

export interface WriteRetry {
  sleep: (ms: number) => Promise<void>
  random?: () => number
  onRetry?: (what: string, attempt: number, error: string) => void
  /** The post step has seconds, not minutes: it retries less. */
  budget?: { attempts: number; baseMs: number; maxMs: number }
}

export class GuardedAlias {
  constructor(
    private readonly port: AliasPort,
    /** The alias as we last wrote or read it; every write carries its RevisionId. */
    private current: AliasState,
    private readonly retry: WriteRetry
  ) {}

  get state(): AliasState {
    return this.current
  }

  /**
   * Writes with the RevisionId we last saw, retried on throttling and 5xx. A write can be applied though its
   * answer was lost (a 5xx after commit): the retry then meets a new RevisionId. So on a conflict we re-read,
   * and if the alias is exactly our target, the write happened.
   */
  async write(target: AliasTarget, what: string): Promise<AliasState> {
    const revisionId = this.current.revisionId
    const attempt = async () => {
      try {
        return await this.port.write(target, revisionId)
      } catch (error) {
        if (!(error instanceof AliasConflictError)) throw error
        const now = await this.port.read()
        if (sameRouting(now, target)) return now
        throw error
      }
    }
    this.current = await retryWithBackoff(attempt, {
      ...(this.retry.budget ?? WRITE_RETRY),
      sleep: this.retry.sleep,
      ...(this.retry.random ? { random: this.retry.random } : {}),
      onRetry: (n, error) => this.retry.onRetry?.(what, n, messageOf(error))
    })
    return this.current
  }

  /**
   * The conflict policy: never overwrite another writer. Re-read, and if they left the alias sending traffic
   * to our new version, remove only that part (it is ours).
   */
  async yieldTo(newVersion: string): Promise<{ ours: AliasState; theirs?: AliasState; action: string }> {
    const ours = this.current
    let theirs: AliasState
    try {
      theirs = await this.port.read()
    } catch (readError) {
      return { ours, action: `could not re-read the alias: ${messageOf(readError)}` }
    }
    this.current = theirs
    const without = withoutVersion(theirs, newVersion)
    if (!without) return { ours, theirs, action: 'left the alias as the other writer set it' }
    try {
      const cleaned = await this.write(without, `remove version ${newVersion}'s traffic`)
      return {
        ours,
        theirs: cleaned,
        action: `removed only version ${newVersion}'s weighted traffic, keeping the other writer's primary version ${without.version}`
      }
    } catch (cleanupError) {
      // What they left is still worth reporting even though our part of it could not be removed.
      return { ours, theirs, action: `could not remove version ${newVersion}'s weighted traffic: ${messageOf(cleanupError)}` }
    }
  }
}

/** The alias without `version`'s weighted traffic, or undefined when it has none. */
export function withoutVersion(alias: AliasTarget, version: string): AliasTarget | undefined {
  if (alias.weights[version] === undefined) return undefined
  const weights = { ...alias.weights }
  delete weights[version]
  return { version: alias.version, weights }
}

function sameRouting(alias: AliasTarget, target: AliasTarget): boolean {
  const a = Object.entries(alias.weights).sort()
  const b = Object.entries(target.weights).sort()
  return alias.version === target.version && JSON.stringify(a) === JSON.stringify(b)
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
