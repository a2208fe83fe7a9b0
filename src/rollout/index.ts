// One function's release, top to bottom:
//   preflight → before-traffic checks → for each stage: barrier, shift, watch → promote → final bake → done,
// and from any failing point the one way out (stop.ts): restore the alias exactly as it was, then fail.
// Every run is a lockstep release (a single function is a lockstep of one); it talks only to ports and
// never formats output. Each step's mechanics live in the module it imports.
import { describeOwner, formatDescription, parseDescription, stamp, withoutMark } from '../history.js'
import { formatPercent } from '../parse.js'
import type { Ports } from '../ports.js'
import type { DeploymentSpec, RunSettings } from '../settings.js'
import { type Finding, snapshot } from '../timeline.js'
import type { Judging } from './baseline.js'
import { beforeTraffic, hook } from './before-traffic.js'
import { type Context, conclude, contextOf, throwIfCancelled } from './context.js'
import type { GuardedAlias } from './guarded-alias.js'
import { manualRollback } from './manual-rollback.js'
import { type Outcome, type Versions, checkpointOf, messageOf } from './outcome.js'
import { AliasMark, ownerOf } from './ownership.js'
import { type Known, releasePreflight } from './release-preflight.js'
import { rollBack, stoppedInPreflight, stoppedInRelease } from './stop.js'
import { ReleaseWatch, alignDown, watchStage } from './watch.js'

export type { Cause, Outcome } from './outcome.js'

/** Runs one function's deployment, plan or manual rollback to its end; never throws for a failed release. */
export async function runDeployment(run: RunSettings, spec: DeploymentSpec, ports: Ports): Promise<Outcome> {
  const ctx = contextOf(run, spec, ports)
  const findings: Finding[] = []
  const known: Known = { versions: {} }
  try {
    if (spec.release.kind === 'rollback') return await manualRollback(ctx, spec.release.to, findings, known)
    const ready = await releasePreflight(ctx, findings, known)
    ctx.journal.emit({ type: 'preflight', at: ctx.journal.now(), findings })
    if (!ready.go) {
      if (ready.ending.result === 'failed') ctx.lockstep.fail(ready.ending.reason)
      else ctx.lockstep.leave()
      return conclude(ctx, ready.ending)
    }
    // Nothing moves until every function of the release has passed its preflight.
    await ctx.lockstep.arrive('preflight')
    if (ready.rejudge) return await rejudge(ctx, ready.alias, ready.versions, ready.judging)
    return await release(ctx, ready.alias, ready.versions, ready.judging)
  } catch (error) {
    if (!ctx.journal.timeline.some(e => e.type === 'preflight')) ctx.journal.emit({ type: 'preflight', at: ctx.journal.now(), findings })
    return stoppedInPreflight(ctx, error, known.versions, known.aliasArn)
  }
}

async function release(ctx: Context, alias: GuardedAlias, versions: Versions, judging: Judging): Promise<Outcome> {
  const { run, spec, ports, lockstep } = ctx
  const mark = new AliasMark(ctx, alias, ownerOf(ctx), withoutMark(alias.state.description))
  ctx.mark = mark
  ports.checkpoint?.({ ...checkpointOf(run, spec, versions, 'shifting'), ...mark.checkpointFields() })
  await ports.onReady?.({ ...versions, manualRollback: false })
  const blocked = await beforeTraffic(ctx, versions)
  if (blocked) {
    lockstep.fail(blocked)
    const reason = `${blocked}; no traffic was shifted, alias "${run.alias}" still points at version ${versions.oldVersion}`
    return conclude(ctx, { result: 'failed', reason, cause: { kind: 'check-failed' }, versions, aliasArn: alias.state.arn })
  }
  // Bakes sleep on a clock that renews the mark before it runs low.
  const baking: Context = { ...ctx, ports: { ...ports, clock: mark.renewing(ports.clock) } }
  let shifted = false
  try {
    const stages = run.plan.stages
    // Evidence accumulates from the first shift on: the new version's rate does not depend on its weight.
    let watch: ReleaseWatch | undefined
    let stageStart: number | undefined
    for (const [i, stage] of stages.entries()) {
      await barrier(ctx, `stage ${i + 1}`)
      await shift(ctx, mark, versions, i + 1, stage.weight)
      shifted = true
      watch ??= firstWatch(ctx, judging)
      const last = i === stages.length - 1
      const watched = await watchStage(baking, watch, versions, {
        stage: i + 1,
        ...stage,
        stageStart: stageStart ?? watch.deploymentStart,
        settle: last
      })
      if (watched.decision === 'fail') return await rollBack(ctx, alias, versions, watched.reason, { kind: 'check-failed' })
      stageStart = watched.nextStageStart
    }
    await barrier(ctx, 'promote')
    const held = await promote(ctx, mark, versions)
    shifted = true
    watch ??= firstWatch(ctx, judging)
    const final = { stage: stages.length + 1, bakeSeconds: run.plan.finalBakeSeconds, stageStart: stageStart ?? watch.deploymentStart }
    const failed = await finalBake(baking, alias, watch, versions, final)
    if (failed) return failed
    // A release is done only when every function's is: one failing later still restores all.
    await lockstep.arrive('done')
    lockstep.leave()
    const steps = stages.length + 1
    const reason = `version ${versions.newVersion} took 100% of alias "${run.alias}" after ${steps} step${steps > 1 ? 's' : ''}, replacing version ${versions.oldVersion}`
    return promoted(ctx, alias, versions, reason + (held ? await clearMark(mark) : ''))
  } catch (error) {
    return stoppedInRelease(ctx, alias, versions, shifted, error)
  }
}

/** The watch at 100% after the promotion, then the post-traffic hook: a failure restores the alias. */
async function finalBake(
  ctx: Context,
  alias: GuardedAlias,
  watch: ReleaseWatch,
  versions: Versions,
  final: { stage: number; bakeSeconds: number; stageStart: number }
) {
  if (final.bakeSeconds > 0) {
    const watched = await watchStage(ctx, watch, versions, { ...final, weight: 1, settle: true })
    if (watched.decision === 'fail') return await rollBack(ctx, alias, versions, watched.reason, { kind: 'check-failed' })
  }
  const after = await hook(ctx, 'post-traffic', versions)
  if (after) return await rollBack(ctx, alias, versions, after, { kind: 'check-failed' })
  return undefined
}

/** The release is done: the alias keeps its history and loses the mark; a failure to write that only warns. */
async function clearMark(mark: AliasMark): Promise<string> {
  try {
    await mark.write(mark.finished(), 'clear the lambda-canary mark')
    return ''
  } catch (error) {
    return ` (its lambda-canary mark could not be cleared: ${messageOf(error)}; the next run will report an unfinished final bake)`
  }
}

/**
 * An earlier run promoted version N and died in its final bake: watch N again at 100% (this run's final bake,
 * or its last stage's bake when it has none), marked as this run's. A failure restores the version N replaced,
 * its history saying it was rolled back; a pass leaves N with its history and no mark.
 */
async function rejudge(ctx: Context, alias: GuardedAlias, versions: Versions, judging: Judging): Promise<Outcome> {
  const { run, spec, ports, lockstep, journal } = ctx
  const before = parseDescription(alias.state.description)
  const history = { previous: versions.oldVersion, current: versions.newVersion, at: before.history?.at ?? stamp(journal.now()) }
  const restoreTo = formatDescription({ text: before.text, history: { ...history, rolledBack: stamp(journal.now()) } })
  const mark = new AliasMark(ctx, alias, ownerOf(ctx), restoreTo)
  ctx.mark = mark
  ports.checkpoint?.({ ...checkpointOf(run, spec, versions, 'shifting'), ...mark.checkpointFields() })
  await ports.onReady?.({ ...versions, manualRollback: false })
  const baking: Context = { ...ctx, ports: { ...ports, clock: mark.renewing(ports.clock) } }
  let marked = false
  try {
    await barrier(ctx, 'promote')
    await mark.write(
      mark.promoted({ version: versions.newVersion, weights: {} }, history, false),
      `mark version ${versions.newVersion}'s new final bake`
    )
    marked = true
    const watch = firstWatch(ctx, judging)
    const bakeSeconds = run.plan.finalBakeSeconds || (run.plan.stages.at(-1)?.bakeSeconds ?? 0)
    const failed = await finalBake(baking, alias, watch, versions, { stage: 1, bakeSeconds, stageStart: watch.deploymentStart })
    if (failed) return failed
    await lockstep.arrive('done')
    lockstep.leave()
    const who = before.mark ? describeOwner(before.mark.owner) : 'an earlier run'
    const reason = `version ${versions.newVersion} passed the final bake that ${who} never finished; alias "${run.alias}" stays on it, replacing version ${versions.oldVersion}`
    return promoted(ctx, alias, versions, reason + (await clearMark(mark)))
  } catch (error) {
    return stoppedInRelease(ctx, alias, versions, marked, error)
  }
}

/** The release is done: the new version holds the alias. */
function promoted(ctx: Context, alias: GuardedAlias, versions: Versions, reason: string): Outcome {
  return conclude(ctx, { result: 'promoted', reason, cause: { kind: 'completed' }, versions, aliasArn: alias.state.arn })
}

/** In lockstep, nothing moves until every function still releasing is here; a cancel stops here too. */
async function barrier(ctx: Context, point: string): Promise<void> {
  await ctx.lockstep.arrive(point)
  throwIfCancelled(ctx)
}

async function shift(ctx: Context, mark: AliasMark, versions: Versions, stage: number, weight: number): Promise<void> {
  const { journal } = ctx
  const written = await mark.write(
    mark.shifting({ version: versions.oldVersion, weights: { [versions.newVersion]: weight } }),
    `shift ${formatPercent(weight)} to version ${versions.newVersion}`
  )
  journal.emit({ type: 'shift', at: journal.now(), stage, weight, alias: snapshot(written) })
}

/** The watch of the release starts at the first shift (or the promotion, with no stages), aligned to a metric period. */
function firstWatch(ctx: Context, judging: Judging): ReleaseWatch {
  return new ReleaseWatch(ctx.run, alignDown(ctx.journal.now(), ctx.run.metricPeriodSeconds * 1000), judging)
}

/**
 * 100% to the new version, routing cleared, and the alias's description records what it replaced. The mark
 * stays while anything is left (final bake, post-traffic hook, other functions); true when it does.
 */
async function promote(ctx: Context, mark: AliasMark, versions: Versions): Promise<boolean> {
  const { journal, run } = ctx
  const history = { previous: versions.oldVersion, current: versions.newVersion, at: stamp(journal.now()) }
  const held = run.plan.finalBakeSeconds > 0 || run.hooks.postTraffic !== undefined
  const target = mark.promoted({ version: versions.newVersion, weights: {} }, history, !held)
  const promoted = await mark.write(target, `promote version ${versions.newVersion}`)
  journal.emit({ type: 'promote', at: journal.now(), alias: snapshot(promoted) })
  return held
}
