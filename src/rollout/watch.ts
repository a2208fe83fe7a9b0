// One stage's watch: poll every poll-interval (fail fast), and at the end of the bake decide. The judge weighs
// every complete period since the first shift, and this stage's counts are cut from them (per-stage
// min-invocations, throttles, the summary). The release keeps one point per period; each poll reads only the
// periods that may still change and merges them in (see ReleaseWatch.merge).
import { type Evidence, type PeriodPoint, type Sample, warmUpSeconds } from '../evidence.js'
import { unreachableGates } from '../judge/coverage.js'
import { NO_DISPERSION, dispersion } from '../judge/dispersion.js'
import { type Verdict, judge } from '../judge/index.js'
import { increaseThresholdMs, quantileOf } from '../judge/latency-gates.js'
import { formatDuration, formatPercent } from '../parse.js'
import type { RunSettings } from '../settings.js'
import { AlphaBudget } from '../judge/alpha.js'
import { type StageDecision, totalsOf } from '../timeline.js'
import { type Context, isAbort, throwIfCancelled } from './context.js'
import type { Judging } from './baseline.js'
import { type Versions, messageOf } from './outcome.js'
import { waitReporter } from './stage-wait.js'

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
  /** Periods whose evidence a look has already spent budget on (epoch ms of their start). */
  private readonly credited = new Set<number>()
  /** The new version's weight from each change on (epoch ms): what share of a period it served. */
  private readonly weights: { at: number; weight: number }[] = []
  /** The warm-up after every weight increase: latency gates leave these spans out. */
  readonly warmUps: { start: number; end: number }[] = []
  /** Every weight change: a period holding one mixes weights (and whatever else changed at that moment). */
  readonly shifts: number[] = []
  /** One point per period since the first shift, ascending, each as last read: what every poll's Sample is built from. */
  private readonly points: PeriodPoint[] = []
  /** Periods before this (epoch ms) were read after they had settled: no later read can change them. */
  private settledBefore: number

  constructor(
    private readonly run: RunSettings,
    /** The first shift, aligned down to a metric period: every read starts here. */
    readonly deploymentStart: number,
    /** The baseline and which gates judge each stage, from the preflight. */
    readonly judging: Judging = { stages: [] }
  ) {
    this.budget = new AlphaBudget(1 - run.gates.confidence, plannedInformation(run), plannedSeconds(run), plannedFinals(run))
    this.settledBefore = deploymentStart
  }

  /** Where the next read starts: the earliest period not yet read once settled. */
  get readFrom(): number {
    return this.settledBefore
  }

  /** The periods held: one per period with a datapoint, as last read. */
  get periodCount(): number {
    return this.points.length
  }

  /**
   * Merges a read of the periods [from, end) made at `at` into the store (each read period replaces what an
   * earlier read held for it) and returns the Sample of the whole window [first shift, end) the judge weighs:
   * the periods held, the totals summed from them, the window's latency statistics and metric gates as read.
   * A period settles once it ended settleHorizonMs before a read of it: later reads start after it.
   */
  merge(read: Sample, from: number, end: number, at: number): Sample {
    let keep = this.points.length
    while (keep > 0 && (this.points[keep - 1] as PeriodPoint).time >= from) keep--
    this.points.length = keep
    const fresh = read.periods.filter(p => p.time >= from && p.time < end).sort((a, b) => a.time - b.time)
    for (const p of fresh) this.points.push(p)
    const periodMs = this.run.metricPeriodSeconds * 1000
    this.settledBefore = Math.max(this.settledBefore, Math.min(end, alignDown(at - settleHorizonMs(this.run), periodMs)))
    return sampleOf(this.points, read, this.deploymentStart, end)
  }

  /** The new version's weight just rose to `weight` at `at`: its containers are cold for the warm-up (see warmUpSeconds). */
  weightIncreased(at: number, bakeSeconds: number, weight: number): void {
    this.shifts.push(at)
    this.weights.push({ at, weight })
    const seconds = warmUpSeconds(this.run.latencyWarmUpSeconds, bakeSeconds)
    if (seconds > 0) this.warmUps.push({ start: at, end: at + seconds * 1000 })
  }

  /**
   * A look spends false-alarm budget on the periods whose evidence became complete since the last look: both
   * versions' Invocations and Errors landed (the new version's alone at 100%), or the period has settled
   * (metric-lag after its end; then whatever landed is all there is). Each period is spent on once, in
   * proportion to its time and to the new version's traffic-weighted time in it, so the budget goes where
   * information arrives — the look that completes a minute gets that minute's share, however many polls before
   * it saw part of it (an Errors-only datapoint completes a minute too). A look that completes nothing spends none.
   */
  alphaFor(sample: Sample, windowEnd: number, at: number): number {
    const periodMs = this.run.metricPeriodSeconds * 1000
    const lagMs = this.run.metricLagSeconds * 1000
    const points = new Map(sample.periods.map(p => [p.time, p]))
    let seconds = 0
    let information = 0
    for (let t = this.deploymentStart; t + periodMs <= windowEnd; t += periodMs) {
      if (this.credited.has(t)) continue
      const weight = this.weightOver(t, t + periodMs)
      const p = points.get(t)
      const complete =
        p !== undefined && p.newInvocations > 0 && !p.newErrorsPending && (weight >= 1 || (p.oldInvocations > 0 && !p.oldErrorsPending))
      if (!complete && at < t + periodMs + lagMs) continue
      this.credited.add(t)
      seconds += periodMs / 1000
      information += (weight * periodMs) / 1000
    }
    return seconds > 0 ? this.budget.next(information, seconds) : 0
  }

  /** The new version's mean weight over [from, to): the weights in force, by the time each held. */
  private weightOver(from: number, to: number): number {
    let sum = 0
    this.weights.forEach((w, i) => {
      const end = Math.min(to, this.weights[i + 1]?.at ?? Number.POSITIVE_INFINITY)
      const start = Math.max(from, w.at)
      if (end > start) sum += w.weight * (end - start)
    })
    return sum / (to - from)
  }

  /** The alpha kept for one settled decision (before promotion, before success): spent once, new data or not. */
  finalAlpha(): number {
    return this.budget.final()
  }

  /** What the judge weighs at one look: this stage's counts, everything since the first shift, the baseline. */
  evidence(total: Sample, stage: number, stageStart: number, weight: number): Evidence {
    const { baseline, stages } = this.judging
    const old = total.periods.map(p => ({ invocations: p.oldInvocations, errors: p.oldErrors }))
    const spread = baseline ? baseline.dispersion : old.length > 0 ? dispersion(old) : NO_DISPERSION
    return {
      ...evidenceOf(total, stageStart, weight),
      ...(baseline ? { baseline } : {}),
      dispersion: spread,
      warmUps: this.warmUps,
      shifts: this.shifts,
      periodMs: this.run.metricPeriodSeconds * 1000,
      unreachable: unreachableGates(stages.find(s => s.stage === stage))
    }
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
  const explainWait = waitReporter(ctx, s, { bakeEnd, passAt, settledAt, waitUntil })
  watch.weightIncreased(startedAt, s.bakeSeconds, s.weight)
  let sample: Sample = emptySample(watch.deploymentStart, watch.deploymentStart)
  let evidence = watch.evidence(sample, s.stage, s.stageStart, s.weight)
  let verdict: Verdict = judge(evidence, run.gates, [], 0, false)
  let metricErrors = 0
  let decided = false
  const end = (decision: StageDecision, v: Verdict = verdict) =>
    journal.emit({
      type: 'stage-end',
      at: journal.now(),
      stage: s.stage,
      weight: s.weight,
      startedAt,
      sample: totalsOf(sample),
      counts: evidence.stage,
      verdict: v,
      decision
    })

  for (;;) {
    const now = journal.now()
    // A look at the bake's end, whatever the poll interval: a stage that waits past it says so then, not minutes later.
    const target = now < bakeEnd ? bakeEnd : now < passAt ? passAt : now < settledAt ? settledAt : now + poll
    await ports.clock.sleep(Math.max(1, Math.min(poll, target - now)), ports.signal)
    throwIfCancelled(ctx)
    const at = journal.now()
    try {
      const windowEnd = Math.max(watch.deploymentStart, alignDown(at, period))
      sample = await readSample(ctx, watch, windowEnd, versions)
      const alarms = run.alarms.length > 0 ? await ports.metrics.alarms(run.alarms) : []
      evidence = watch.evidence(sample, s.stage, s.stageStart, s.weight)
      // The first look once the bake has settled is the stage's decision: it also spends the budget kept for it.
      const settledLook: boolean = s.settle && at >= settledAt && !decided
      decided ||= settledLook
      const alpha = watch.alphaFor(sample, windowEnd, at) + (settledLook ? watch.finalAlpha() : 0)
      verdict = judge(evidence, run.gates, alarms, alpha, s.settle)
      metricErrors = 0
    } catch (error) {
      if (isAbort(error)) throw error
      metricErrors++
      journal.emit({ type: 'metrics-error', at, stage: s.stage, message: messageOf(error), consecutive: metricErrors })
      if (metricErrors < MAX_CONSECUTIVE_METRIC_ERRORS) continue
      const reason = `metrics could not be read ${metricErrors} times in a row (${messageOf(error)}); a stage that cannot be judged does not pass`
      end('fail', { status: 'fail', reasons: [reason], checks: verdict.checks, judged: verdict.judged })
      return { decision: 'fail', reason }
    }
    // The event carries the totals, never the per-period points: what the run keeps stays the latest sample alone.
    journal.emit({ type: 'poll', at, stage: s.stage, weight: s.weight, sample: totalsOf(sample), counts: evidence.stage, verdict })

    if (verdict.status === 'fail') {
      end('fail')
      return { decision: 'fail', reason: `stage ${s.stage} (${formatPercent(s.weight)}): ${verdict.reasons.join('; ')}` }
    }
    explainWait(at, verdict)
    if (at < passAt) continue
    const nextStageStart = Math.max(s.stageStart, alignDown(at - lag, period))
    if (verdict.status === 'pass') {
      end(verdict.judged ? 'pass' : 'not-judged')
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
    const waited = run.onInsufficientData === 'wait' ? ` after waiting ${formatDuration(Math.round((at - startedAt) / 1000))}` : ''
    return {
      decision: 'fail',
      reason: `stage ${s.stage} (${formatPercent(s.weight)}) ended without enough data${waited}: ${verdict.reasons.join('; ')} (on-insufficient-data: ${run.onInsufficientData})`
    }
  }
}

/**
 * Every complete period since the first shift, read from the earliest not yet settled and merged into the
 * release's store; nothing to read (and no call) before the first is complete.
 */
async function readSample(ctx: Context, watch: ReleaseWatch, end: number, versions: Versions): Promise<Sample> {
  const { run } = ctx
  const start = watch.deploymentStart
  if (end <= start) return emptySample(start, end)
  const from = Math.min(watch.readFrom, end - run.metricPeriodSeconds * 1000)
  const percentile = quantileOf(run.gates.latencyStatistic) !== undefined
  const increaseMs = percentile ? increaseThresholdMs(watch.judging, run.gates.maxLatencyIncrease) : undefined
  const maxMs = percentile ? run.gates.maxLatencyMs : undefined
  const thresholds = { ...(increaseMs !== undefined ? { increaseMs } : {}), ...(maxMs !== undefined ? { maxMs } : {}) }
  const read = await ctx.ports.metrics.read({
    ...(Object.keys(thresholds).length > 0 ? { latencyThresholds: thresholds } : {}),
    newVersion: versions.newVersion,
    oldVersion: versions.oldVersion,
    start,
    end,
    ...(from > start ? { from } : {}),
    periodSeconds: run.metricPeriodSeconds,
    latencyStatistic: run.gates.latencyStatistic,
    metricGates: run.gates.metricGates ?? []
  })
  return watch.merge(read, from, end, ctx.journal.now())
}

/**
 * How long after its end a period is re-read: twice metric-lag (the judge already takes a period as final at
 * metric-lag; the margin keeps datapoints that land a little later), and at least one period. A datapoint that
 * lands later still is not seen (a read of the whole window would have seen it).
 */
export function settleHorizonMs(run: Pick<RunSettings, 'metricLagSeconds' | 'metricPeriodSeconds'>): number {
  return Math.max(2 * run.metricLagSeconds, run.metricPeriodSeconds) * 1000
}

/** The Sample of [start, end) from the periods held: totals summed from them; latency statistics and metric gates as read over the window. */
function sampleOf(points: readonly PeriodPoint[], read: Sample, start: number, end: number): Sample {
  const sum = (key: 'newInvocations' | 'newErrors' | 'oldInvocations' | 'oldErrors' | 'throttles') =>
    points.reduce((a, p) => a + (p[key] ?? 0), 0)
  const newInvocations = sum('newInvocations')
  const oldInvocations = sum('oldInvocations')
  return {
    windowStart: start,
    windowEnd: end,
    newVersion: {
      invocations: newInvocations,
      errors: sum('newErrors'),
      latencyMs: newInvocations > 0 ? read.newVersion.latencyMs : undefined
    },
    oldVersion: {
      invocations: oldInvocations,
      errors: sum('oldErrors'),
      latencyMs: oldInvocations > 0 ? read.oldVersion.latencyMs : undefined
    },
    throttles: sum('throttles'),
    periods: points.slice(),
    ...(read.metricGates ? { metricGates: read.metricGates } : {})
  }
}

/** Seconds the plan will watch, the last settle included: the time half's denominator. */
function plannedSeconds(run: RunSettings): number {
  const { plan, metricLagSeconds, metricPeriodSeconds } = run
  return plan.totalBakeSeconds + metricLagSeconds + metricPeriodSeconds
}

/** Settled decisions: once the last stage's bake has settled (before promotion), once the final bake's has. */
function plannedFinals(run: RunSettings): number {
  return (run.plan.stages.length > 0 ? 1 : 0) + (run.plan.finalBakeSeconds > 0 ? 1 : 0)
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
