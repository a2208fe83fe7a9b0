// One function's release, top to bottom:
//   preflight → before-traffic checks → for each stage: barrier, shift, watch → promote → final bake → done,
// and from any failing point the one way out (stop.ts): restore the alias exactly as it was, then fail.
// Every run is a lockstep release (a single function is a lockstep of one); it talks only to ports and
// never formats output. Each step's mechanics live in the module it imports.
import { withHistory } from '../history.js'
import { formatPercent } from '../parse.js'
import type { Ports } from '../ports.js'
import type { DeploymentSpec, RunSettings } from '../settings.js'
import { type Finding, snapshot } from '../timeline.js'
import type { Judging } from './baseline.js'
import { beforeTraffic, hook } from './before-traffic.js'
import { type Context, conclude, contextOf, throwIfCancelled } from './context.js'
import type { GuardedAlias } from './guarded-alias.js'
import { manualRollback } from './manual-rollback.js'
import { type Outcome, type Versions, checkpointOf } from './outcome.js'
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
    return await release(ctx, ready.alias, ready.versions, ready.judging)
  } catch (error) {
    if (!ctx.journal.timeline.some(e => e.type === 'preflight')) ctx.journal.emit({ type: 'preflight', at: ctx.journal.now(), findings })
    return stoppedInPreflight(ctx, error, known.versions, known.aliasArn)
  }
}

async function release(ctx: Context, alias: GuardedAlias, versions: Versions, judging: Judging): Promise<Outcome> {
  const { run, spec, ports, lockstep } = ctx
  ports.checkpoint?.(checkpointOf(run, spec, versions, 'shifting'))
  await ports.onReady?.({ ...versions, manualRollback: false })
  const blocked = await beforeTraffic(ctx, versions)
  if (blocked) {
    lockstep.fail(blocked)
    const reason = `${blocked}; no traffic was shifted, alias "${run.alias}" still points at version ${versions.oldVersion}`
    return conclude(ctx, { result: 'failed', reason, cause: { kind: 'check-failed' }, versions, aliasArn: alias.state.arn })
  }
  let shifted = false
  try {
    const stages = run.plan.stages
    // Evidence accumulates from the first shift on: the new version's rate does not depend on its weight.
    let watch: ReleaseWatch | undefined
    let stageStart: number | undefined
    for (const [i, stage] of stages.entries()) {
      await barrier(ctx, `stage ${i + 1}`)
      await shift(ctx, alias, versions, i + 1, stage.weight)
      shifted = true
      watch ??= firstWatch(ctx, judging)
      const last = i === stages.length - 1
      const watched = await watchStage(ctx, watch, versions, {
        stage: i + 1,
        ...stage,
        stageStart: stageStart ?? watch.deploymentStart,
        settle: last
      })
      if (watched.decision === 'fail') return await rollBack(ctx, alias, versions, watched.reason, { kind: 'check-failed' })
      stageStart = watched.nextStageStart
    }
    await barrier(ctx, 'promote')
    await promote(ctx, alias, versions)
    shifted = true
    if (run.plan.finalBakeSeconds > 0) {
      watch ??= firstWatch(ctx, judging)
      const final = { stage: stages.length + 1, weight: 1, bakeSeconds: run.plan.finalBakeSeconds, settle: true }
      const watched = await watchStage(ctx, watch, versions, { ...final, stageStart: stageStart ?? watch.deploymentStart })
      if (watched.decision === 'fail') return await rollBack(ctx, alias, versions, watched.reason, { kind: 'check-failed' })
    }
    const after = await hook(ctx, 'post-traffic', versions)
    if (after) return await rollBack(ctx, alias, versions, after, { kind: 'check-failed' })
    // A release is done only when every function's is: one failing later still restores all.
    await lockstep.arrive('done')
    lockstep.leave()
    const steps = stages.length + 1
    const reason = `version ${versions.newVersion} took 100% of alias "${run.alias}" after ${steps} step${steps > 1 ? 's' : ''}, replacing version ${versions.oldVersion}`
    return conclude(ctx, { result: 'promoted', reason, cause: { kind: 'completed' }, versions, aliasArn: alias.state.arn })
  } catch (error) {
    return stoppedInRelease(ctx, alias, versions, shifted, error)
  }
}

/** In lockstep, nothing moves until every function still releasing is here; a cancel stops here too. */
async function barrier(ctx: Context, point: string): Promise<void> {
  await ctx.lockstep.arrive(point)
  throwIfCancelled(ctx)
}

async function shift(ctx: Context, alias: GuardedAlias, versions: Versions, stage: number, weight: number): Promise<void> {
  const { journal } = ctx
  const written = await alias.write(
    { version: versions.oldVersion, weights: { [versions.newVersion]: weight } },
    `shift ${formatPercent(weight)} to version ${versions.newVersion}`
  )
  journal.emit({ type: 'shift', at: journal.now(), stage, weight, alias: snapshot(written) })
}

/** The watch of the release starts at the first shift (or the promotion, with no stages), aligned to a metric period. */
function firstWatch(ctx: Context, judging: Judging): ReleaseWatch {
  return new ReleaseWatch(ctx.run, alignDown(ctx.journal.now(), ctx.run.metricPeriodSeconds * 1000), judging)
}

/** 100% to the new version, routing cleared, and the alias's description records what it replaced. */
async function promote(ctx: Context, alias: GuardedAlias, versions: Versions): Promise<void> {
  const { journal } = ctx
  const at = new Date(journal.now()).toISOString()
  const description = withHistory(alias.state.description, { previous: versions.oldVersion, current: versions.newVersion, at })
  const promoted = await alias.write({ version: versions.newVersion, weights: {}, description }, `promote version ${versions.newVersion}`)
  journal.emit({ type: 'promote', at: journal.now(), alias: snapshot(promoted) })
}
