// What the metrics port reads and the judge weighs: per-version counts and latency over a window, the
// alias's throttles, the metric gates' values and the alarms' states.

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
}

/** The evidence at one poll: this stage's counts, and everything since the first shift. */
export interface Evidence {
  stage: { newVersion: Counts; oldVersion: Counts; throttles: number }
  total: Sample
  /** Traffic weight of the new version now; at 100% there is no old version to compare with. */
  weight: number
}

export interface AlarmState {
  name: string
  state: 'OK' | 'ALARM' | 'INSUFFICIENT_DATA'
  reason?: string
}

export function errorRate(v: Counts): number | undefined {
  return v.invocations > 0 ? v.errors / v.invocations : undefined
}
