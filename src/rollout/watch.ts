// One stage's watch: poll every poll-interval (fail fast), and at the end of the bake decide. Each poll reads,
// in one call, every complete period since the first shift: the judge weighs all of it, and this stage's
// counts are cut from it (per-stage min-invocations, throttles, the summary).
import type { Evidence, Sample } from '../evidence.js'
import { type Verdict, judge } from '../judge/index.js'
import { formatDuration, formatPercent } from '../parse.js'
import type { RunSettings } from '../settings.js'
import { AlphaBudget } from '../judge/alpha.js'
import type { StageDecision } from '../timeline.js'
import { type Context, isAbort, throwIfCancelled } from './context.js'
import { type Versions, messageOf } from './outcome.js'

/** A metrics read that keeps failing is a failed stage, never a pass. */
const MAX_CONSECUTIVE_METRIC_ERRORS = 3

export interface StageWatch {
  stage: number
  weight: number
  bakeSeconds: number
  /** This stage's counts start here (the unsettled tail of the previous stage counts again). */
  stageStart: number
  /** Before promotion and before success: wait until every period of the bake has settled. */
  settle: boolean
}

export type StageResult = { decision: 'fail'; reason: string } | { decision: 'pass'; nextStageStart: number }

/**
 * The looks of one release: evidence accumulates from the first shift on (the new version's rate does not
 * depend on its weight), and the false-alarm budget is spread over the looks that bring new data.
 */
export class ReleaseWatch {
  private readonly budget: AlphaBudget
  private lastSeen = ''
  private lastLookAt: number

  constructor(
    run: RunSettings,
    /** The first shift, aligned down to a metric period: every read starts here. */
    readonly deploymentStart: number
  ) {
    this.budget = new AlphaBudget(1 - run.gates.confidence, plannedInformation(run), plannedLooks(run))
    this.lastLookAt = deploymentStart
  }

  /**
   * A look spends false-alarm budget only when it brings new data (with 30 s polls on 60 s periods, half do
   * not), and in proportion to the traffic-weighted time since the last one that did.
   */
  alphaFor(sample: Sample, windowEnd: number, weight: number, at: number): number {
    const seen = `${sample.newVersion.invocations}/${sample.oldVersion.invocations}/${sample.windowEnd}`
    if (windowEnd <= this.deploymentStart || seen === this.lastSeen) return 0
    const alpha = this.budget.next((weight * (at - this.lastLookAt)) / 1000)
    this.lastSeen = seen
    this.lastLookAt = at
    return alpha
  }
}

/**
 * Every period up to the bake's end is "settled" once it has been complete for metric-lag. `settle` waits for
 * that, so the decision that moves the alias to 100% never rests on an empty or half-filled last period, and
 * every gate must then have its evidence. Between stages a pass moves on at the bake's end, but "not enough
 * data" is only concluded once the stage's data has settled.
 */
export async function watchStage(ctx: Context, watch: ReleaseWatch, versions: Versions, s: StageWatch): Promise<StageResult> {
  const { run, ports, journal } = ctx
  const period = run.metricPeriodSeconds * 1000
  const lag = run.metricLagSeconds * 1000
  const poll = run.pollIntervalSeconds * 1000
  const startedAt = journal.now()
  const bakeEnd = startedAt + s.bakeSeconds * 1000
  const settledAt = Math.max(bakeEnd, alignUp(bakeEnd, period) + lag)
  const passAt = s.settle ? settledAt : bakeEnd
  // on-insufficient-data: wait extends the stage by at most one more bake.
  const waitUntil = settledAt + s.bakeSeconds * 1000
  let sample: Sample = emptySample(watch.deploymentStart, watch.deploymentStart)
  let evidence = evidenceOf(sample, s.stageStart, s.weight)
  let verdict: Verdict = judge(evidence, run.gates)
  let metricErrors = 0
  const end = (decision: StageDecision, v: Verdict = verdict) =>
    journal.emit({
      type: 'stage-end',
      at: journal.now(),
      stage: s.stage,
      weight: s.weight,
      startedAt,
      sample,
      counts: evidence.stage,
      verdict: v,
      decision
    })

  for (;;) {
    const now = journal.now()
    const target = now < passAt ? passAt : now < settledAt ? settledAt : now + poll
    await ports.clock.sleep(Math.max(1, Math.min(poll, target - now)), ports.signal)
    throwIfCancelled(ctx)
    const at = journal.now()
    try {
      const windowEnd = Math.max(watch.deploymentStart, alignDown(at, period))
      sample = await readSample(ctx, watch.deploymentStart, windowEnd, versions)
      const alarms = run.alarms.length > 0 ? await ports.metrics.alarms(run.alarms) : []
      evidence = evidenceOf(sample, s.stageStart, s.weight)
      verdict = judge(evidence, run.gates, alarms, watch.alphaFor(sample, windowEnd, s.weight, at), s.settle)
      metricErrors = 0
    } catch (error) {
      if (isAbort(error)) throw error
      metricErrors++
      journal.emit({ type: 'metrics-error', at, stage: s.stage, message: messageOf(error), consecutive: metricErrors })
      if (metricErrors < MAX_CONSECUTIVE_METRIC_ERRORS) continue
      const reason = `metrics could not be read ${metricErrors} times in a row (${messageOf(error)}); a stage that cannot be judged does not pass`
      end('fail', { status: 'fail', reasons: [reason], checks: verdict.checks })
      return { decision: 'fail', reason }
    }
    journal.emit({ type: 'poll', at, stage: s.stage, weight: s.weight, sample, counts: evidence.stage, verdict })

    if (verdict.status === 'fail') {
      end('fail')
      return { decision: 'fail', reason: `stage ${s.stage} (${formatPercent(s.weight)}): ${verdict.reasons.join('; ')}` }
    }
    if (at < passAt) continue
    const nextStageStart = Math.max(s.stageStart, alignDown(at - lag, period))
    if (verdict.status === 'pass') {
      end('pass')
      return { decision: 'pass', nextStageStart }
    }
    if (at < settledAt) continue
    // Inconclusive at the end of the bake: on-insufficient-data decides, and the summary says so.
    if (run.onInsufficientData === 'proceed') {
      end('proceeded-without-enough-data')
      return { decision: 'pass', nextStageStart }
    }
    if (run.onInsufficientData === 'wait' && at < waitUntil) continue
    end('fail')
    const waited = run.onInsufficientData === 'wait' ? ` after waiting ${formatDuration((at - startedAt) / 1000)}` : ''
    return {
      decision: 'fail',
      reason: `stage ${s.stage} (${formatPercent(s.weight)}) ended without enough data${waited}: ${verdict.reasons.join('; ')} (on-insufficient-data: ${run.onInsufficientData})`
    }
  }
}

/** Every complete period since the first shift; nothing to read (and no call) before the first is complete. */
async function readSample(ctx: Context, start: number, end: number, versions: Versions): Promise<Sample> {
  const { run } = ctx
  if (end <= start) return emptySample(start, end)
  return ctx.ports.metrics.read({
    newVersion: versions.newVersion,
    oldVersion: versions.oldVersion,
    start,
    end,
    periodSeconds: run.metricPeriodSeconds,
    latencyStatistic: run.gates.latencyStatistic,
    metricGates: run.gates.metricGates ?? []
  })
}

/** Looks with new data the plan expects: one per poll or per metric period, whichever is longer. */
function plannedLooks(run: RunSettings): number {
  const { plan, pollIntervalSeconds, metricLagSeconds, metricPeriodSeconds } = run
  const seconds = plan.totalBakeSeconds + metricLagSeconds + metricPeriodSeconds
  return Math.ceil(seconds / Math.max(pollIntervalSeconds, metricPeriodSeconds)) + plan.stages.length + 1
}

/** Traffic-weighted seconds (weight × time) the plan will watch, settles included: the budget's denominator. */
function plannedInformation(run: RunSettings): number {
  const { plan, metricLagSeconds, metricPeriodSeconds } = run
  const settle = metricLagSeconds + metricPeriodSeconds
  const last = plan.stages[plan.stages.length - 1]
  const weighted = plan.stages.reduce((sum, s) => sum + s.weight * s.bakeSeconds, 0) + (last ? last.weight * settle : 0)
  return weighted + (plan.finalBakeSeconds > 0 ? plan.finalBakeSeconds + settle : 0)
}

function emptySample(start: number, end: number): Sample {
  const none = { invocations: 0, errors: 0, latencyMs: undefined }
  return { windowStart: start, windowEnd: end, newVersion: { ...none }, oldVersion: { ...none }, throttles: 0, periods: [] }
}

/** This stage's counts are the periods since it started; the rest of the evidence is everything since the first shift. */
function evidenceOf(total: Sample, stageStart: number, weight: number): Evidence {
  const stage = { newVersion: { invocations: 0, errors: 0 }, oldVersion: { invocations: 0, errors: 0 }, throttles: 0 }
  for (const p of total.periods) {
    if (p.time < stageStart) continue
    stage.newVersion.invocations += p.newInvocations
    stage.newVersion.errors += p.newErrors
    stage.oldVersion.invocations += p.oldInvocations
    stage.oldVersion.errors += p.oldErrors
    stage.throttles += p.throttles ?? 0
  }
  return { stage, total, weight }
}

export function alignDown(ms: number, period: number): number {
  return Math.floor(ms / period) * period
}

function alignUp(ms: number, period: number): number {
  return Math.ceil(ms / period) * period
}
