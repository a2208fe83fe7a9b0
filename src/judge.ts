// Samples of the new and old version + gates → a verdict value. Pure; verdicts are values, not exceptions.
import { formatPercent } from './parse.js'
import { alphaAtLook, binomialUpperTail, clopperPearsonLower } from './stats.js'

export type LatencyStatistic = 'p50' | 'p90' | 'p95' | 'p99' | 'p99.9' | 'avg' | 'max'

export interface Gates {
  /** Highest error rate (errors / invocations) the new version may show, as a fraction. */
  maxErrorRate?: number
  maxLatencyMs?: number
  latencyStatistic: LatencyStatistic
  /** Highest count of throttled requests on the alias over the window. */
  maxThrottles?: number
  /** Invocations of the new version a stage needs before it can pass. */
  minInvocations: number
  /** How sure a failing verdict must be, e.g. 0.99: the false-alarm budget is 1 − confidence over all looks. */
  confidence: number
}

/** What one version served in a window, from its own ExecutedVersion metrics. */
export interface VersionSample {
  invocations: number
  errors: number
  /** The gate's latency statistic over the whole window, in ms; undefined when there were no invocations. */
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
  /** Per-period counts, for the chart. */
  periods: PeriodPoint[]
}

export interface PeriodPoint {
  time: number
  newInvocations: number
  newErrors: number
  oldInvocations: number
  oldErrors: number
}

export interface AlarmState {
  name: string
  state: 'OK' | 'ALARM' | 'INSUFFICIENT_DATA'
  reason?: string
}

export type VerdictStatus = 'pass' | 'fail' | 'inconclusive'

export interface GateCheck {
  gate: 'error-rate' | 'latency' | 'throttles' | 'alarm' | 'min-invocations'
  status: VerdictStatus
  observed: string
  limit: string
  /** Whether the gate was decided on at least the minimum evidence it needs. */
  enoughData: boolean
}

export interface Verdict {
  status: VerdictStatus
  /** Why it failed or could not decide, in words a person on call can act on. */
  reasons: string[]
  checks: GateCheck[]
}

export function errorRate(v: Pick<VersionSample, 'invocations' | 'errors'>): number | undefined {
  return v.invocations > 0 ? v.errors / v.invocations : undefined
}

/**
 * Judges the new version on its own numbers: errors of the old version never count against it.
 * `look` counts the polls so far in the deployment (1, 2, …), so repeated looks do not inflate false alarms.
 * A pass needs `minInvocations` of the new version in the window; a failure needs only evidence.
 * Alarms and throttles are facts whatever the traffic.
 */
export function judge(sample: Sample, gates: Gates, alarms: AlarmState[] = [], look = 1): Verdict {
  const checks: GateCheck[] = []
  const reasons: string[] = []
  const n = sample.newVersion
  const enough = n.invocations >= gates.minInvocations && n.invocations > 0

  checks.push({
    gate: 'min-invocations',
    status: enough ? 'pass' : 'inconclusive',
    observed: `${n.invocations}`,
    limit: `≥ ${gates.minInvocations}`,
    enoughData: enough
  })

  if (gates.maxErrorRate !== undefined) {
    // A failing verdict needs evidence, not one unlucky minute: an exact binomial test that the rate is
    // above the limit, with the false-alarm budget (1 − confidence) spread over every look.
    const rate = errorRate(n)
    const alpha = alphaAtLook(1 - gates.confidence, Math.max(1, look))
    const evidence = n.invocations > 0 && binomialUpperTail(n.errors, n.invocations, gates.maxErrorRate) < alpha
    const observed = rate === undefined ? 'no invocations' : `${formatPercent(rate)} (${n.errors}/${n.invocations})`
    const limit = `≤ ${formatPercent(gates.maxErrorRate)}`
    if (evidence) {
      const lower = clopperPearsonLower(n.errors, n.invocations, alpha)
      checks.push({ gate: 'error-rate', status: 'fail', observed, limit, enoughData: true })
      reasons.push(
        `error rate of the new version ${observed} is above ${formatPercent(gates.maxErrorRate)} (at least ${formatPercent(lower)} with ${formatPercent(gates.confidence)} confidence)`
      )
    } else if (!enough) {
      checks.push({ gate: 'error-rate', status: 'inconclusive', observed, limit, enoughData: false })
    } else {
      checks.push({ gate: 'error-rate', status: 'pass', observed, limit, enoughData: true })
    }
  }

  if (gates.maxLatencyMs !== undefined) {
    const observed = n.latencyMs === undefined ? 'no data' : `${Math.round(n.latencyMs)} ms`
    const limit = `${gates.latencyStatistic} ≤ ${gates.maxLatencyMs} ms`
    if (!enough || n.latencyMs === undefined) {
      checks.push({ gate: 'latency', status: 'inconclusive', observed, limit, enoughData: false })
    } else if (n.latencyMs > gates.maxLatencyMs) {
      checks.push({ gate: 'latency', status: 'fail', observed, limit, enoughData: true })
      reasons.push(`${gates.latencyStatistic} latency of the new version ${observed} is above ${gates.maxLatencyMs} ms`)
    } else {
      checks.push({ gate: 'latency', status: 'pass', observed, limit, enoughData: true })
    }
  }

  if (gates.maxThrottles !== undefined) {
    const failed = sample.throttles > gates.maxThrottles
    checks.push({
      gate: 'throttles',
      status: failed ? 'fail' : 'pass',
      observed: `${sample.throttles}`,
      limit: `≤ ${gates.maxThrottles}`,
      enoughData: true
    })
    if (failed) reasons.push(`${sample.throttles} throttled requests on the alias, more than ${gates.maxThrottles}`)
  }

  for (const alarm of alarms) {
    const failed = alarm.state === 'ALARM'
    checks.push({ gate: 'alarm', status: failed ? 'fail' : 'pass', observed: `${alarm.name}: ${alarm.state}`, limit: 'not ALARM', enoughData: true })
    if (failed) reasons.push(`alarm "${alarm.name}" is in ALARM${alarm.reason ? `: ${alarm.reason}` : ''}`)
  }

  if (reasons.length > 0) return { status: 'fail', reasons, checks }
  if (!enough) {
    return {
      status: 'inconclusive',
      reasons: [
        n.invocations === 0
          ? `no invocations of the new version yet (min-invocations is ${gates.minInvocations})`
          : `only ${n.invocations} invocations of the new version, fewer than min-invocations ${gates.minInvocations}`
      ],
      checks
    }
  }
  return { status: 'pass', reasons: [], checks }
}
