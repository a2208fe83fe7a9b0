// mode: rollback — the workflow_dispatch button. The shared preflight, an optional smoke test of the target,
// one guarded write (recording what it replaced), then a read-back to prove it took.
import { type HistoryRecord, readHistory, roomProblem, stamp, withHistory } from '../history.js'
import { AliasConflictError, type AliasState } from '../ports.js'
import { type Finding, describeAlias, snapshot } from '../timeline.js'
import { smokeTest } from './before-traffic.js'
import { type Context, conclude, guardAlias } from './context.js'
import { finalAliasState, readBack, restoreCommand } from './guarded-alias.js'
import { type Outcome, type Versions, messageOf } from './outcome.js'
import { heldByAnother, ownerOf } from './ownership.js'
import type { Known } from './release-preflight.js'
import { ROLLBACK_HINTS, checkFunction, checkTarget, failed, readAlias } from './preflight.js'

/** `findings` and `known` are filled as they are learnt, so a call that throws midway still reports them. */
export async function manualRollback(ctx: Context, to: string, findings: Finding[], known: Known): Promise<Outcome> {
  const { run, journal } = ctx
  const preflight = await rollbackPreflight(ctx, findings, to, known)
  journal.emit({ type: 'preflight', at: journal.now(), findings })
  if (!preflight.ok)
    return conclude(ctx, { result: 'failed', reason: preflight.message, cause: { kind: 'check-failed' }, ...preflight.known })
  const { versions, aliasArn } = preflight
  if (preflight.unchanged) {
    const reason = preflight.alreadyRolledBack
      ? `already rolled back: alias "${run.alias}" points at version ${versions.newVersion}, to which version ${preflight.alreadyRolledBack.current} was rolled back at ${preflight.alreadyRolledBack.rolledBack}; nothing to do`
      : `alias "${run.alias}" already points at version ${versions.newVersion}; nothing to roll back`
    return conclude(ctx, { result: 'unchanged', reason, cause: { kind: 'completed' }, versions, aliasArn })
  }
  await ctx.ports.onReady?.({ ...versions, manualRollback: true })
  const smokeFailed = await smokeTest(ctx, versions.newVersion)
  if (smokeFailed) {
    const reason = `${smokeFailed}; alias "${run.alias}" was not changed`
    return conclude(ctx, { result: 'failed', reason, cause: { kind: 'check-failed' }, versions, aliasArn })
  }
  return rollBackTo(ctx, preflight.alias, versions, preflight.record)
}

async function rollbackPreflight(ctx: Context, findings: Finding[], to: string, known: Known) {
  const { run } = ctx
  const stop = (message: string) => {
    findings.push({ level: 'error', message })
    return { ...failed(message), known }
  }
  const fn = await checkFunction(ctx, findings, ROLLBACK_HINTS)
  if (!fn.ok) return stop(fn.message)
  const read = await readAlias(ctx, findings, ROLLBACK_HINTS)
  if (!read.ok) return stop(read.message)
  const { alias } = read
  known.versions = { oldVersion: alias.version }
  known.aliasArn = alias.arn
  // A run releasing this alias right now is not overwritten: it restores the alias itself if cancelled.
  const held = heldByAnother(alias, ownerOf(ctx), ctx.journal.now())
  if (held) return stop(`alias "${run.alias}" is held by ${held}; cancel that run (it restores the alias) or wait for it, then roll back`)
  const at = stamp(ctx.journal.now())
  const room = roomProblem(run.alias, alias.description, {
    text: '',
    history: { previous: to, current: alias.version, at, rolledBack: at }
  })
  if (room) return stop(room)
  const split = Object.keys(alias.weights).length > 0
  if (split)
    findings.push({ level: 'warning', message: `alias "${run.alias}" is split (${describeAlias(alias)}); the rollback clears the routing` })

  let target = to
  const record = readHistory(alias.description)
  if (to === 'previous') {
    if (!record) {
      return stop(
        `alias "${run.alias}" has no lambda-canary record of a previous version in its description; give rollback-to a version number`
      )
    }
    target = record.previous
    // Pressed again: the alias is where the last rollback put it; "previous" never toggles back.
    if (record.rolledBack && alias.version === record.previous && !split) {
      findings.push({
        level: 'ok',
        message: `version ${record.current} was already rolled back to ${record.previous} at ${record.rolledBack}`
      })
      const versions = { oldVersion: alias.version, newVersion: target }
      known.versions = versions
      return { ok: true as const, alias, versions, aliasArn: alias.arn, unchanged: true, alreadyRolledBack: record, record }
    }
    findings.push({
      level: 'ok',
      message: `the last lambda-canary deployment (${record.at}) replaced version ${record.previous} with ${record.current}`
    })
  }
  const versions = { oldVersion: alias.version, newVersion: target }
  known.versions = versions
  if (target === alias.version && !split) return { ok: true as const, alias, versions, aliasArn: alias.arn, unchanged: true, record }
  const checked = await checkTarget(ctx, findings, ROLLBACK_HINTS, target, alias.version)
  if (!checked.ok) return stop(checked.message)
  return { ok: true as const, alias, versions, aliasArn: alias.arn, unchanged: false, record }
}

/** The one write of a manual rollback, read back: it is only done when GetAlias shows it. */
async function rollBackTo(ctx: Context, state: AliasState, versions: Versions, record?: HistoryRecord): Promise<Outcome> {
  const { run, journal } = ctx
  const { oldVersion: from, newVersion: target } = versions
  const alias = guardAlias(ctx, state)
  const end = (result: 'failed' | 'rolled-back', reason: string, restore?: string) =>
    conclude(ctx, {
      result,
      reason,
      cause: result === 'failed' ? { kind: 'check-failed' } : { kind: 'completed' },
      versions,
      aliasArn: alias.state.arn,
      ...(restore ? { restoreCommand: restore } : {})
    })
  try {
    // The history says which version was rolled back to which, so "previous" pressed again changes nothing.
    const now = stamp(journal.now())
    const released = record && record.current === from && record.previous === target ? record.at : now
    const description = withHistory(state.description, { previous: target, current: from, at: released, rolledBack: now })
    // A rollback is a restore: it keeps trying against throttling and 5xx for restore-timeout.
    await alias.restore({ version: target, weights: {}, description }, `roll back to version ${target}`)
  } catch (error) {
    if (error instanceof AliasConflictError) {
      const theirs = await ctx.ports.alias.read().catch(() => undefined)
      return conclude(ctx, {
        result: 'failed',
        reason: `alias "${run.alias}" changed while rolling back (expected RevisionId ${state.revisionId}, found ${theirs ? describeAlias(theirs) : 'an unreadable alias'}); nothing was overwritten`,
        cause: { kind: 'alias-conflict' },
        versions,
        aliasArn: state.arn
      })
    }
    const command = restoreCommand({ functionId: ctx.spec.fn.id, alias: run.alias, region: run.region }, target)
    const final = finalAliasState(run.alias, await readBack(ctx.ports.alias), { version: target, weights: {} }, command)
    return end('failed', `the rollback to version ${target} could not be written (${messageOf(error)}); ${final.words}`, command)
  }
  const check = await ctx.ports.alias.read()
  if (check.version !== target || Object.keys(check.weights).length > 0) {
    return end('failed', `after the rollback write, alias "${run.alias}" reads ${describeAlias(check)} instead of version ${target}`)
  }
  journal.emit({ type: 'manual-rollback', at: journal.now(), from, to: target, alias: snapshot(check) })
  return end(
    'rolled-back',
    `alias "${run.alias}" moved from version ${from} back to version ${target} (manual rollback, verified by reading it back)`
  )
}
