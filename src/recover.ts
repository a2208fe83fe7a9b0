// The post step's second chance: if the main step did not finish (cancelled, timed out, killed),
// put the alias back from the saved checkpoint — never over someone else's change.
import { AliasConflictError, type AliasPort, type AliasTarget, type Checkpoint } from './ports.js'
import {
  DEFAULT_RESTORE_TIMEOUT_MS,
  GuardedAlias,
  finalAliasState,
  readBack,
  readPersistently,
  restoreCommand,
  withoutVersion
} from './rollout/guarded-alias.js'
import { messageOf } from './rollout/outcome.js'
import { describeAlias } from './timeline.js'
import { describeOwner, isLive, parseDescription, sameOwner, withoutMark } from './history.js'

export interface Recovery {
  action: 'nothing' | 'restored' | 'left-alone' | 'failed'
  message: string
  command?: string
}

export async function recoverAlias(
  alias: AliasPort,
  cp: Checkpoint,
  sleep: (ms: number) => Promise<void>,
  now: () => number = Date.now
): Promise<Recovery> {
  if (cp.phase === 'done') return { action: 'nothing', message: 'the deployment finished; nothing to clean up' }
  const command = restoreCommand(cp, cp.oldVersion)
  // The post step's own window: restore-timeout again, as the main step saved it.
  const deadline = now() + (cp.restoreTimeoutSeconds !== undefined ? cp.restoreTimeoutSeconds * 1000 : DEFAULT_RESTORE_TIMEOUT_MS)
  let target: AliasTarget | undefined
  try {
    // Against a 5xx storm the post step keeps reading and writing until its own window closes.
    const current = await readPersistently(alias, { sleep, now }, deadline)
    const { mark } = parseDescription(current.description)
    const ownMark = mark !== undefined && sameOwner(mark.owner, cp.owner)
    // Another run's live mark: that run is releasing now, whatever the routing looks like.
    if (mark && !ownMark && isLive(mark, now())) {
      return {
        action: 'left-alone',
        message: `alias "${cp.alias}" is held by ${describeOwner(mark.owner)} until ${mark.until} (${describeAlias(current)}); left to that run`
      }
    }
    const extra = Object.keys(current.weights)
    // The new version alone is ours only under our own mark (promoted before a final bake): without it, another
    // run (or a person) released that version since, and putting the old one back would undo their release.
    const ours =
      (current.version === cp.oldVersion && extra.length === 1 && extra[0] === cp.newVersion) ||
      (current.version === cp.newVersion && extra.length === 0 && ownMark)
    // The description the alias had before the run (older checkpoints: the current one without the mark).
    const description = ownMark ? (cp.description ?? withoutMark(current.description)) : undefined
    if (current.version === cp.oldVersion && extra.length === 0 && !ownMark) {
      return { action: 'nothing', message: `alias "${cp.alias}" already points at version ${cp.oldVersion} only` }
    }
    // Someone else moved the primary: take back only the traffic our unfinished deployment gave the new version.
    const routing: AliasTarget | undefined =
      ours || (current.version === cp.oldVersion && extra.length === 0)
        ? { version: cp.oldVersion, weights: {} }
        : withoutVersion(current, cp.newVersion)
    target = routing && description !== undefined ? { ...routing, description } : routing
    if (!target) {
      return {
        action: 'left-alone',
        message: `alias "${cp.alias}" is at ${describeAlias(current)}, which this deployment did not set; left as it is`
      }
    }
    const guarded = new GuardedAlias(alias, current, { sleep, now })
    const restored = await guarded.restore(target, `restore version ${cp.oldVersion}`, Math.max(0, deadline - now()))
    const final = finalAliasState(cp.alias, (await readBack(alias)) ?? restored, target, command)
    return {
      action: 'restored',
      message: `the deployment of version ${cp.newVersion} did not finish${ownMark && mark.phase === 'final-bake' ? ' (its final bake was interrupted)' : ''}; alias "${cp.alias}" moved from ${describeAlias(current)} back to ${describeAlias(restored)}; ${final.words}`
    }
  } catch (error) {
    if (error instanceof AliasConflictError) {
      return { action: 'left-alone', message: `alias "${cp.alias}" changed while restoring it (${error.message}); not overwritten` }
    }
    // Say exactly what the alias serves now, read back once more.
    const final = finalAliasState(cp.alias, await readBack(alias), target ?? { version: cp.oldVersion, weights: {} }, command)
    return { action: 'failed', message: `could not restore alias "${cp.alias}": ${messageOf(error)}; ${final.words}`, command }
  }
}
