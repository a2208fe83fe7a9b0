// What the metrics port reads and the judge weighs: per-version counts and latency over a window, the
// alias's throttles, the metric gates' values and the alarms' states.
import type { DispersionEstimate } from './judge/dispersion.js'

export type LatencyStatistic = 'p50' | 'p90' | 'p95' | 'p99' | 'p99.9' | 'avg' | 'max'

export type Comparison = '>' | '>=' | '<' | '<='

/** A gate on any CloudWatch metric (API Gateway 5XX, a DLQ's depth, a business metric). */
export interface MetricGate {
  name: string
  namespace: string
  metric: string
  dimensions: Record<string, string>
  /** A CloudWatch statistic: Sum, Average, Maximum, Minimum, SampleCount or pNN. */
  statistic: string
  /** The stage fails when `value comparison threshold` holds. */
  comparison: Comparison
  threshold: number
}

export interface Counts {
  invocations: number
  errors: number
}

/** What one version served in a window, from its own ExecutedVersion metrics. */
interface VersionSample extends Counts {
  /** The latency statistic over the whole window, in ms; undefined when there were no invocations. */
  latencyMs: number | undefined
}

export interface Sample {
  /** Epoch ms, aligned to the metric period. */
  windowStart: number
  windowEnd: number
  newVersion: VersionSample
  oldVersion: VersionSample
  /** Throttled requests on the alias (Lambda publishes Throttles without ExecutedVersion). */
  throttles: number
  /** Per-period counts: stage windows and the chart are cut from them. */
  periods: PeriodPoint[]
  /** Value of each metric gate over the window, by gate name; undefined when CloudWatch had no datapoint. */
  metricGates?: Record<string, number | undefined>
}

export interface PeriodPoint {
  time: number
  newInvocations: number
  newErrors: number
  oldInvocations: number
  oldErrors: number
  throttles?: number
  /** The old version served in this period but its Errors datapoint has not landed yet: not a clean zero to compare with. */
  oldErrorsPending?: boolean
  /** The same for the new version: its Errors datapoint has not landed yet. */
  newErrorsPending?: boolean
  /** Invocations slower than the latency-increase threshold (from Duration PR(:T)); undefined when CloudWatch had no datapoint. */
  newSlow?: number
  oldSlow?: number
  /** Invocations of the new version slower than max-latency (PR(:max-latency)). */
  newOverMax?: number
  /** The latency statistic of the period (avg, max; a fallback when there is no baseline). */
  newLatencyMs?: number
  oldLatencyMs?: number
}

/** The old version's own metrics over a window before the deployment: the reference at 100% traffic. */
export interface Baseline {
  version: string
  /** Epoch ms. */
  windowStart: number
  windowEnd: number
  periodSeconds: number
  /** Per-period counts of the old version (periods without datapoints count zero). */
  periods: (Counts & { time: number })[]
  invocations: number
  errors: number
  /** The latency statistic over the whole window, in ms; undefined without invocations. */
  latencyMs: number | undefined
  latencyStatistic: LatencyStatistic
  /** How much more than binomial its per-period errors vary (bursts). */
  dispersion: DispersionEstimate
}

/**
 * Seconds the baseline's traffic ran over: from its first period with invocations to the window's end. A function
 * (or alias) younger than baseline-window served only that part of it: its rate is counted over that part.
 */
export function baselineSeconds(b: Pick<Baseline, 'periods' | 'windowStart' | 'windowEnd'>): number {
  const first = b.periods.find(p => p.invocations > 0)?.time ?? b.windowStart
  return Math.max(1, (b.windowEnd - Math.max(b.windowStart, first)) / 1000)
}

/** The evidence at one poll: this stage's counts, and everything since the first shift. */
export interface Evidence {
  stage: { newVersion: Counts; oldVersion: Counts; throttles: number }
  total: Sample
  /** Traffic weight of the new version now; at 100% there is no old version to compare with. */
  weight: number
  /** The old version before the deployment; absent when the window had no old-version traffic (or baseline-window: 0). */
  baseline?: Baseline
  /** The dispersion the error tests use: the baseline's, or without one the concurrent old version's. */
  dispersion?: DispersionEstimate
  /** Latency gates leave out periods that overlap these spans (the warm-up after every weight increase), epoch ms. */
  warmUps?: { start: number; end: number }[]
  /** When the new version's weight changed (shifts, promotion), epoch ms: periods holding one are not compared within. */
  shifts?: number[]
  /** Length of a period in ms (which periods overlap a warm-up). */
  periodMs?: number
  /** Gates whose minimum evidence this stage's expected traffic cannot reach: "not judged at this traffic", never holding the stage. */
  unreachable?: string[]
}

export interface AlarmState {
  name: string
  state: 'OK' | 'ALARM' | 'INSUFFICIENT_DATA'
  reason?: string
}

export function errorRate(v: Counts): number | undefined {
  return v.invocations > 0 ? v.errors / v.invocations : undefined
}

/** Whether a period holds no weight change strictly inside it (its versions' invocations would come from different weights and times). */
export function isSteady(time: number, evidence: Pick<Evidence, 'shifts' | 'periodMs'>): boolean {
  const periodMs = evidence.periodMs ?? 60_000
  return !(evidence.shifts ?? []).some(at => at > time && at < time + periodMs)
}

/** Whether a period is clear of every warm-up (a new version's containers are cold after each weight increase). */
/**
 * The warm-up left out after a weight increase: latency-warm-up, but never more than half the stage's bake,
 * so every stage keeps warm calls to judge latency on (a much slower release must not pass a short bake
 * that is all warm-up).
 */
export function warmUpSeconds(latencyWarmUpSeconds: number, bakeSeconds: number): number {
  return Math.min(latencyWarmUpSeconds, bakeSeconds / 2)
}

export function isWarm(time: number, evidence: Pick<Evidence, 'warmUps' | 'periodMs'>): boolean {
  const periodMs = evidence.periodMs ?? 60_000
  return !(evidence.warmUps ?? []).some(w => time < w.end && time + periodMs > w.start)
}
