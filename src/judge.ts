// Evidence about the new and old version + gates → a verdict value. Pure; verdicts are values, not exceptions.
//
// Error-rate gates are statistical tests: a failing verdict needs evidence at the false-alarm level the
// rollout grants this look (its share of 1 − confidence), so looking at the data every poll does not roll
// back healthy releases. Latency and extra metric gates compare CloudWatch statistics, and decide only
// once their statistic rests on enough invocations.
import { type AlarmState, type Comparison, type Counts, type Evidence, type LatencyStatistic, type MetricGate, errorRate } from './evidence.js'
import { formatPercent } from './parse.js'
import { binomialUpperTail, clopperPearsonLower, clopperPearsonUpper, normalQuantile } from './judge/stats.js'

export interface Gates {
  /** Highest error rate (errors / invocations) the new version may show, as a fraction. */
  maxErrorRate?: number
  /** Highest increase of the new version's error rate over the old version's, in fraction points (0.005 = 0.5 pp). */
  maxErrorRateIncrease?: number
  maxLatencyMs?: number
  /** Highest increase of the new version's latency statistic over the old version's, as a fraction (0.5 = +50%). */
  maxLatencyIncrease?: number
  latencyStatistic: LatencyStatistic
  /** Highest count of throttled requests on the alias over a stage. */
  maxThrottles?: number
  /** Invocations of the new version each stage needs before it can pass. */
  minInvocations: number
  /** How sure a failing verdict must be, e.g. 0.99: the false-alarm budget is 1 − confidence over all looks. */
  confidence: number
  metricGates?: MetricGate[]
}

export type VerdictStatus = 'pass' | 'fail' | 'inconclusive'

export interface GateCheck {
  gate: string
  status: VerdictStatus
  observed: string
  limit: string
  /** Whether the gate was decided on at least the minimum evidence it needs. */
  enoughData: boolean
  /** The minimum evidence it needs, in words. */
  needs?: string
}

export interface Verdict {
  status: VerdictStatus
  /** Why it failed or could not decide, in words a person on call can act on. */
  reasons: string[]
  checks: GateCheck[]
}

/** Invocations a latency statistic needs before it means anything: ten beyond the percentile. */
export function latencyMinimum(statistic: LatencyStatistic, minInvocations: number): number {
  const q = statistic === 'avg' || statistic === 'max' ? 0 : Number(statistic.slice(1)) / 100
  return Math.max(minInvocations, 1, q > 0 ? Math.ceil(10 / (1 - q) - 1e-9) : 0)
}

/**
 * Judges the new version. `alpha` is the false-alarm level this look may spend (the rollout spreads
 * 1 − confidence over all looks). `final` marks the decision before promotion or success: then every
 * gate must have its minimum evidence; earlier, a gate still short of it is pending, not a failure.
 */
export function judge(evidence: Evidence, gates: Gates, alarms: AlarmState[] = [], alpha = 1 - gates.confidence, final = true): Verdict {
  const checks: GateCheck[] = []
  const reasons: string[] = []
  const { stage, total } = evidence
  const n = total.newVersion
  const o = total.oldVersion
  const stageEnough = stage.newVersion.invocations >= Math.max(1, gates.minInvocations)
  const totalEnough = n.invocations >= Math.max(1, gates.minInvocations)
  const baseline = evidence.weight < 1
  const confidence = formatPercent(gates.confidence)

  checks.push({
    gate: 'min-invocations',
    status: stageEnough ? 'pass' : 'inconclusive',
    observed: `${stage.newVersion.invocations} in this stage`,
    limit: `≥ ${gates.minInvocations}`,
    enoughData: stageEnough,
    needs: `${gates.minInvocations} invocations of the new version in each stage`
  })

  if (gates.maxErrorRate !== undefined) {
    // Exact binomial test: is the new version's error rate above the limit?
    const observed = describeRate(n)
    const limit = `≤ ${formatPercent(gates.maxErrorRate)}`
    const needs = `${gates.minInvocations} invocations of the new version`
    if (n.invocations > 0 && binomialUpperTail(n.errors, n.invocations, gates.maxErrorRate) < alpha) {
      const lower = clopperPearsonLower(n.errors, n.invocations, alpha)
      checks.push({ gate: 'error-rate', status: 'fail', observed, limit, enoughData: true, needs })
      reasons.push(
        `error rate of the new version ${observed} is above ${formatPercent(gates.maxErrorRate)} (at least ${formatPercent(lower)} with ${confidence} confidence)`
      )
    } else {
      checks.push({ gate: 'error-rate', status: totalEnough ? 'pass' : 'inconclusive', observed, limit, enoughData: totalEnough, needs })
    }
  }

  if (gates.maxErrorRateIncrease !== undefined && baseline) {
    const delta = gates.maxErrorRateIncrease
    const observed = `${describeRate(n)} vs ${describeRate(o)} on the old version`
    const limit = `≤ old + ${points(delta)}`
    const needs = `${gates.minInvocations} invocations of each version`
    const enough = totalEnough && o.invocations >= Math.max(1, gates.minInvocations)
    const increase = errorRateIncreaseEvidence(n, o, delta, alpha)
    if (increase.evidence) {
      checks.push({ gate: 'error-rate-increase', status: 'fail', observed, limit, enoughData: true, needs })
      reasons.push(
        `error rate of the new version ${describeRate(n)} is more than ${points(delta)} above the old version's ${describeRate(o)} (${confidence} confidence, ${increase.test})`
      )
    } else {
      checks.push({ gate: 'error-rate-increase', status: enough ? 'pass' : 'inconclusive', observed, limit, enoughData: enough, needs })
    }
  }

  const latencyNeeds = latencyMinimum(gates.latencyStatistic, gates.minInvocations)
  const stat = gates.latencyStatistic
  if (gates.maxLatencyMs !== undefined) {
    const enough = n.invocations >= latencyNeeds && n.latencyMs !== undefined
    const observed = n.latencyMs === undefined ? 'no data' : `${Math.round(n.latencyMs)} ms`
    const limit = `${stat} ≤ ${gates.maxLatencyMs} ms`
    const needs = `${latencyNeeds} invocations of the new version for a ${stat}`
    if (enough && (n.latencyMs as number) > gates.maxLatencyMs) {
      checks.push({ gate: 'latency', status: 'fail', observed, limit, enoughData: true, needs })
      reasons.push(`${stat} latency of the new version ${observed} is above ${gates.maxLatencyMs} ms`)
    } else {
      checks.push({ gate: 'latency', status: enough ? 'pass' : 'inconclusive', observed, limit, enoughData: enough, needs })
    }
  }

  if (gates.maxLatencyIncrease !== undefined && baseline) {
    const enough = n.invocations >= latencyNeeds && o.invocations >= latencyNeeds && n.latencyMs !== undefined && o.latencyMs !== undefined
    const observed =
      n.latencyMs === undefined || o.latencyMs === undefined ? 'no data' : `${Math.round(n.latencyMs)} ms vs ${Math.round(o.latencyMs)} ms`
    const limit = `${stat} ≤ old × ${round3(1 + gates.maxLatencyIncrease)}`
    const needs = `${latencyNeeds} invocations of each version for a ${stat}`
    if (enough && (n.latencyMs as number) > (o.latencyMs as number) * (1 + gates.maxLatencyIncrease)) {
      checks.push({ gate: 'latency-increase', status: 'fail', observed, limit, enoughData: true, needs })
      reasons.push(
        `${stat} latency of the new version ${Math.round(n.latencyMs as number)} ms is more than ${formatPercent(gates.maxLatencyIncrease)} above the old version's ${Math.round(o.latencyMs as number)} ms`
      )
    } else {
      checks.push({ gate: 'latency-increase', status: enough ? 'pass' : 'inconclusive', observed, limit, enoughData: enough, needs })
    }
  }

  if (gates.maxThrottles !== undefined) {
    const failed = stage.throttles > gates.maxThrottles
    checks.push({
      gate: 'throttles',
      status: failed ? 'fail' : 'pass',
      observed: `${stage.throttles}`,
      limit: `≤ ${gates.maxThrottles}`,
      enoughData: true
    })
    if (failed) reasons.push(`${stage.throttles} throttled requests on the alias in this stage, more than ${gates.maxThrottles}`)
  }

  for (const g of gates.metricGates ?? []) {
    const value = total.metricGates?.[g.name]
    const limit = `not ${g.statistic} ${g.comparison} ${g.threshold}`
    if (value === undefined) {
      checks.push({
        gate: `metric:${g.name}`,
        status: 'inconclusive',
        observed: 'no data',
        limit,
        enoughData: false,
        needs: `a datapoint of ${g.namespace} ${g.metric}`
      })
      continue
    }
    const breached = compare(value, g.comparison, g.threshold)
    checks.push({ gate: `metric:${g.name}`, status: breached ? 'fail' : 'pass', observed: `${round3(value)}`, limit, enoughData: true })
    if (breached)
      reasons.push(`metric gate "${g.name}": ${g.namespace} ${g.metric} ${g.statistic} is ${round3(value)}, ${g.comparison} ${g.threshold}`)
  }

  for (const alarm of alarms) {
    const failed = alarm.state === 'ALARM'
    checks.push({
      gate: 'alarm',
      status: failed ? 'fail' : 'pass',
      observed: `${alarm.name}: ${alarm.state}`,
      limit: 'not ALARM',
      enoughData: true
    })
    if (failed) reasons.push(`alarm "${alarm.name}" is in ALARM${alarm.reason ? `: ${alarm.reason}` : ''}`)
  }

  if (reasons.length > 0) return { status: 'fail', reasons, checks }
  if (!stageEnough) {
    const count = stage.newVersion.invocations
    return {
      status: 'inconclusive',
      reasons: [
        count === 0
          ? `no invocations of the new version in this stage yet (min-invocations is ${gates.minInvocations})`
          : `only ${count} invocations of the new version in this stage, fewer than min-invocations ${gates.minInvocations}`
      ],
      checks
    }
  }
  const pending = checks.filter(c => !c.enoughData)
  if (final && pending.length > 0) {
    return {
      status: 'inconclusive',
      reasons: pending.map(c => `${c.gate} has not enough data: it needs ${c.needs ?? 'more data'} (has ${c.observed})`),
      checks
    }
  }
  return { status: 'pass', reasons: [], checks }
}

/**
 * Is the new version's error rate more than `delta` above the old one's? Two tests, each with half of
 * alpha (Bonferroni): an exact binomial test of the new version's errors against the old version's
 * upper confidence bound + delta (strong when the new version has few invocations; the old version has
 * many, so its bound needs little of the budget: alpha/8 for the bound, 3·alpha/8 for the test), and the
 * Agresti–Caffo adjusted difference of proportions (strong when both have many).
 */
export function errorRateIncreaseEvidence(n: Counts, o: Counts, delta: number, alpha: number): { evidence: boolean; test: string } {
  // A look that brought no new data has no alpha to spend.
  if (n.invocations === 0 || !(alpha > 0)) return { evidence: false, test: '' }
  if (o.invocations > 0) {
    const oldUpper = clopperPearsonUpper(o.errors, o.invocations, alpha / 8)
    const p0 = Math.min(1, oldUpper + delta)
    if (p0 < 1 && binomialUpperTail(n.errors, n.invocations, p0) < (3 * alpha) / 8)
      return { evidence: true, test: 'exact test against the old rate’s upper bound' }
  }
  const pn = (n.errors + 1) / (n.invocations + 2)
  const po = (o.errors + 1) / (o.invocations + 2)
  const se = Math.sqrt((pn * (1 - pn)) / (n.invocations + 2) + (po * (1 - po)) / (o.invocations + 2))
  const z = (pn - po - delta) / se
  if (z > normalQuantile(1 - alpha / 2)) return { evidence: true, test: `Agresti–Caffo z = ${round3(z)}` }
  return { evidence: false, test: '' }
}

function compare(value: number, comparison: Comparison, threshold: number): boolean {
  switch (comparison) {
    case '>':
      return value > threshold
    case '>=':
      return value >= threshold
    case '<':
      return value < threshold
    case '<=':
      return value <= threshold
  }
}

function describeRate(v: Counts): string {
  const rate = errorRate(v)
  return rate === undefined ? 'no invocations' : `${formatPercent(rate)} (${v.errors}/${v.invocations})`
}

function points(fraction: number): string {
  return `${round3(fraction * 100)} pp`
}

function round3(n: number): number {
  return Math.round(n * 1000) / 1000
}
