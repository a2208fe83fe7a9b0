// Where a release that cannot go on ends: the one place a stop (a failed check, a cancel, another writer,
// another lockstep function's failure, an unexpected error) becomes a typed cause, and the one place
// that rolls back.
import { classifyWriteFailure } from '../adapters/aws-errors.js'
import { LockstepBroken } from '../lockstep.js'
import { AliasConflictError, type AliasState } from '../ports.js'
import { formatDuration } from '../parse.js'
import { describeAlias, snapshot } from '../timeline.js'
import { hook } from './before-traffic.js'
import { type Context, conclude, isAbort } from './context.js'
import { AliasWriteError, type GuardedAlias, finalAliasState, readBack, restoreCommand } from './guarded-alias.js'
import { type Cause, type Outcome, type Versions, messageOf } from './outcome.js'
import { heldByAnother, ownerOf } from './ownership.js'
import { parseDescription, sameOwner, withoutMark } from '../history.js'

const CANCELLED = 'the workflow was cancelled (or the job timed out)'

/** What stopped the run, from what was thrown and from what the lockstep knows. */
function causeOfStop(ctx: Context, error: unknown): Cause {
  if (error instanceof AliasConflictError) return { kind: 'alias-conflict' }
  if (error instanceof LockstepBroken || isAbort(error)) {
    const stop = ctx.lockstep.stoppedBy()
    return stop?.kind === 'member-failed' ? { kind: 'member-failed', member: stop.member, reason: stop.reason } : { kind: 'cancelled' }
  }
  return { kind: 'error', message: messageOf(error) }
}

/** A stop before preflight has finished (a lockstep function failed, a cancel, an error): nothing was shifted. */
export function stoppedInPreflight(ctx: Context, error: unknown, versions: Partial<Versions>, aliasArn?: string): Outcome {
  const cause = causeOfStop(ctx, error)
  const ending = { result: 'failed' as const, cause, versions, ...(aliasArn ? { aliasArn } : {}) }
  if (cause.kind === 'member-failed') return conclude(ctx, { ...ending, reason: `nothing was shifted: ${cause.member}: ${cause.reason}` })
  if (cause.kind === 'cancelled') return conclude(ctx, { ...ending, reason: `nothing was shifted: ${CANCELLED}` })
  ctx.lockstep.fail(messageOf(error))
  return conclude(ctx, { ...ending, reason: messageOf(error) })
}

/** A stop during the release; `shifted` says whether any traffic has moved (before that, nothing needs restoring). */
export async function stoppedInRelease(
  ctx: Context,
  alias: GuardedAlias,
  versions: Versions,
  shifted: boolean,
  error: unknown
): Promise<Outcome> {
  const cause = causeOfStop(ctx, error)
  const unchanged = `alias "${ctx.run.alias}" still points at version ${versions.oldVersion}`
  const aliasArn = alias.state.arn
  switch (cause.kind) {
    case 'alias-conflict':
      return conflicted(ctx, alias, versions, messageOf(error))
    case 'cancelled':
      if (!shifted)
        return conclude(ctx, { result: 'failed', reason: `nothing was shifted: ${CANCELLED}; ${unchanged}`, cause, versions, aliasArn })
      return rollBack(ctx, alias, versions, `${CANCELLED} during the deployment`, cause)
    case 'member-failed': {
      const because = `${cause.member}: ${cause.reason}`
      if (!shifted)
        return conclude(ctx, { result: 'failed', reason: `nothing was shifted: ${because}; ${unchanged}`, cause, versions, aliasArn })
      return rollBack(ctx, alias, versions, `restored with the other functions released in lockstep, because ${because}`, cause)
    }
    default:
      // The first shift refused (AccessDenied, a bad parameter), and the alias read back as it was: nothing moved,
      // nothing to restore. (A refusal can follow an attempt of the SDK's own retries that did apply: then restore.)
      if (!shifted && notApplied(error) && (await untouched(ctx, alias))) {
        ctx.lockstep.fail(messageOf(error))
        return conclude(ctx, {
          result: 'failed',
          reason: `nothing was shifted: ${messageOf(error)}; ${unchanged}`,
          cause,
          versions,
          aliasArn
        })
      }
      return rollBack(ctx, alias, versions, `unexpected error: ${messageOf(error)}`, cause)
  }
}

/** A write AWS refused outright (4xx), or one read back as not applied. */
function notApplied(error: unknown): boolean {
  return error instanceof AliasWriteError ? error.outcome === 'not-applied' : classifyWriteFailure(error) === 'rejected'
}

/** The alias, read again, has the revision this run last knew: no write of ours (nor anyone's) landed since. */
async function untouched(ctx: Context, alias: GuardedAlias): Promise<boolean> {
  const now = await readBack(ctx.ports.alias)
  return now !== undefined && now.revisionId === alias.state.revisionId
}

/** After a cancel the runner kills the step about 10 s later: restore within this, and the post step carries on. */
const CANCELLED_RESTORE_MS = 6000

/** How long this restore may keep trying: restore-timeout, or what is left of the runner's cancel window. */
function restoreWindowMs(ctx: Context, cause: Cause): number {
  const full = ctx.run.restoreTimeoutSeconds * 1000
  return cause.kind === 'cancelled' ? Math.min(full, CANCELLED_RESTORE_MS) : full
}

/**
 * Puts the alias back exactly as it was before the deployment: old version, no routing. Retried against
 * throttling and 5xx for restore-timeout; either way the alias is read back and the reason says what it serves.
 */
export async function rollBack(ctx: Context, alias: GuardedAlias, versions: Versions, reason: string, cause: Cause): Promise<Outcome> {
  const { run, journal } = ctx
  const { oldVersion } = versions
  // This function's own failure stops the others released in lockstep with it.
  if (cause.kind !== 'member-failed') ctx.lockstep.fail(reason)
  // The description goes back too: the user's text and the history as they were before this run.
  const target = ctx.mark?.restore(oldVersion) ?? { version: oldVersion, weights: {} }
  const command = restoreCommand({ functionId: ctx.spec.fn.id, alias: run.alias, region: run.region }, oldVersion)
  const windowMs = restoreWindowMs(ctx, cause)
  const ending = (result: 'rolled-back' | 'failed', words: string, unrestored: boolean) =>
    conclude(ctx, {
      result,
      reason: `${reason}; ${words}`,
      cause,
      versions,
      aliasArn: alias.state.arn,
      ...(unrestored ? { restoreCommand: command } : {})
    })
  let restored: AliasState
  try {
    restored = await alias.restore(target, `restore version ${oldVersion}`, windowMs)
  } catch (error) {
    if (error instanceof AliasConflictError) return conflicted(ctx, alias, versions, error.message, reason)
    const read = await readBack(ctx.ports.alias)
    const final = finalAliasState(run.alias, read, target, command)
    journal.emit({
      type: 'restore',
      at: journal.now(),
      reason,
      ok: final.restored,
      error: messageOf(error),
      ...(read ? { alias: snapshot(read) } : {})
    })
    if (final.restored) return ending('rolled-back', `restored — ${final.words}`, false)
    const after = cause.kind === 'cancelled' ? ', and the post step keeps trying' : ''
    const tried = `the alias could NOT be restored to version ${oldVersion} within ${formatDuration(windowMs / 1000)}${after} (${messageOf(error)})`
    return ending('failed', `${tried}; ${final.words}`, true)
  }
  journal.emit({ type: 'restore', at: journal.now(), reason, ok: true, alias: snapshot(restored) })
  // The rollback hook (revert a migration, page someone) runs after the restore; its failure is
  // reported but never blocks or undoes the restore.
  const hookFailed = await hook(ctx, 'rollback', versions, reason)
  const final = finalAliasState(run.alias, (await readBack(ctx.ports.alias)) ?? restored, target, command)
  const restoredTo = `restored — ${final.words}${hookFailed ? ` (and the ${hookFailed})` : ''}`
  return final.restored ? ending('rolled-back', restoredTo, false) : ending('failed', `restored, then changed — ${final.words}`, true)
}

/** Someone else wrote the alias: never overwrite them; report both states (see GuardedAlias.yieldTo). */
async function conflicted(
  ctx: Context,
  alias: GuardedAlias,
  versions: Versions,
  message: string,
  pendingReason?: string
): Promise<Outcome> {
  const { run, journal } = ctx
  ctx.lockstep.fail(`alias "${run.alias}" was changed by someone else`)
  const aliasArn = alias.state.arn
  // Another run's live mark: its canary is not ours to trim, whatever its routing looks like.
  const holder = await anotherRunHolds(ctx)
  const { ours, theirs, action } = holder
    ? { ours: alias.state, theirs: holder.alias, action: `left it to ${holder.who}` }
    : await alias.yieldTo(versions.newVersion, description => {
        const { mark } = parseDescription(description)
        return mark && sameOwner(mark.owner, ownerOf(ctx)) ? withoutMark(description) : undefined
      })
  journal.emit({
    type: 'conflict',
    at: journal.now(),
    expectedRevisionId: ours.revisionId,
    ours: snapshot(ours),
    ...(theirs ? { theirs: snapshot(theirs) } : {}),
    action
  })
  const found = theirs ? describeAlias(theirs) : 'an unknown state'
  const reason =
    `${pendingReason ? `${pendingReason}; then ` : ''}alias "${run.alias}" was changed by someone else during the deployment ` +
    `(expected RevisionId ${ours.revisionId}, ${describeAlias(ours)}; found ${found}); lambda-canary did not overwrite it and ${action}. ${message}`
  return conclude(ctx, { result: 'failed', reason, cause: { kind: 'alias-conflict' }, versions, aliasArn })
}

async function anotherRunHolds(ctx: Context) {
  const now = await ctx.ports.alias.read().catch(() => undefined)
  const who = now && heldByAnother(now, ownerOf(ctx), ctx.journal.now())
  return now && who ? { alias: now, who } : undefined
}
