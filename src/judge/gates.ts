// The gates: one row each, a small pure function from the evidence at one look and the alpha it may spend
// to a verdict. A new gate is one row in GATES and one function.
//
// Error-rate gates are statistical tests: a failing verdict needs evidence at the false-alarm level the
// rollout grants this look (its share of 1 − confidence), so looking at the data every poll does not roll
// back healthy releases. Latency and extra metric gates compare CloudWatch statistics, and decide only
// once their statistic rests on enough invocations.
import {
  type AlarmState,
  type Comparison,
  type Counts,
  type Evidence,
  type LatencyStatistic,
  type MetricGate,
  errorRate
} from '../evidence.js'
import { formatPercent } from '../parse.js'
import { binomialUpperTail, clopperPearsonLower, clopperPearsonUpper, normalQuantile } from './stats.js'

/** The limits the new version is held to, from the action's inputs. */
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

/** What every gate sees at one look. */
interface Look {
  evidence: Evidence
  alarms: AlarmState[]
  gates: Gates
  /** The false-alarm level this look may spend (its share of 1 − confidence). */
  alpha: number
}

/** What a gate shows in the report whatever it decides: what it saw, its limit, the least evidence it decides on. */
interface Reading {
  observed: string
  limit: string
  needs?: string
}

/**
 * A gate's verdict at one look. Pending: it has not the evidence it needs yet, which holds back only the
 * final decision, unless `holdsStage` says why the stage cannot pass at any look.
 */
export type GateVerdict = Reading & ({ status: 'pass' } | { status: 'fail'; reason: string } | { status: 'pending'; holdsStage?: string })

/** One gate. `Limit` is what it holds the new version to: a number from the settings, a metric gate, an alarm. */
interface Gate<Limit> {
  /** The gate's name in the report; per limit for gates that judge several (metric:<name>). */
  name: string | ((limit: Limit) => string)
  /** The limits it judges at this look: none when it does not apply (not configured, or nothing to compare with). */
  applies(look: Look): Limit[]
  verdict(look: Look, limit: Limit): GateVerdict
}

/** A row of the gate table as judge() runs it: one named verdict per limit the gate applies with. */
type GateRow = (look: Look) => { gate: string; verdict: GateVerdict }[]

/** Keeps each gate's limits with the verdict function that expects them, so gates of any limit share one table. */
function row<Limit>(gate: Gate<Limit>): GateRow {
  const { name } = gate
  return look =>
    gate.applies(look).map(limit => ({ gate: typeof name === 'string' ? name : name(limit), verdict: gate.verdict(look, limit) }))
}

/** The gates in the order the report lists them. */
export const GATES: GateRow[] = [
  row({ name: 'min-invocations', applies: ({ gates }) => [gates.minInvocations], verdict: minInvocations }),
  row({ name: 'error-rate', applies: ({ gates }) => given(gates.maxErrorRate), verdict: errorRateLimit }),
  row({ name: 'error-rate-increase', applies: look => besideOld(look, look.gates.maxErrorRateIncrease), verdict: errorRateIncrease }),
  row({ name: 'latency', applies: ({ gates }) => given(gates.maxLatencyMs), verdict: latencyLimit }),
  row({ name: 'latency-increase', applies: look => besideOld(look, look.gates.maxLatencyIncrease), verdict: latencyIncrease }),
  row({ name: 'throttles', applies: ({ gates }) => given(gates.maxThrottles), verdict: throttles }),
  row({ name: (g: MetricGate) => `metric:${g.name}`, applies: ({ gates }) => gates.metricGates ?? [], verdict: metricGate }),
  row({ name: 'alarm', applies: ({ alarms }) => alarms, verdict: alarm })
]

function given(limit: number | undefined): number[] {
  return limit === undefined ? [] : [limit]
}

/** A limit relative to the old version applies only while the old version still serves (below 100%). */
function besideOld({ evidence }: Look, limit: number | undefined): number[] {
  return evidence.weight < 1 ? given(limit) : []
}

/** Passes once it rests on the evidence it needs; pending before. */
function passIfEnough(enough: boolean, reading: Reading): GateVerdict {
  return enough ? { status: 'pass', ...reading } : { status: 'pending', ...reading }
}

function enoughInvocations(v: Counts, gates: Gates): boolean {
  return v.invocations >= Math.max(1, gates.minInvocations)
}

function minInvocations({ evidence }: Look, min: number): GateVerdict {
  const count = evidence.stage.newVersion.invocations
  const reading = { observed: `${count} in this stage`, limit: `≥ ${min}`, needs: `${min} invocations of the new version in each stage` }
  if (count >= Math.max(1, min)) return { status: 'pass', ...reading }
  const holdsStage =
    count === 0
      ? `no invocations of the new version in this stage yet (min-invocations is ${min})`
      : `only ${count} invocations of the new version in this stage, fewer than min-invocations ${min}`
  return { status: 'pending', ...reading, holdsStage }
}

/** Exact binomial test: is the new version's error rate above the limit? */
function errorRateLimit({ evidence, gates, alpha }: Look, maxRate: number): GateVerdict {
  const n = evidence.total.newVersion
  const observed = describeRate(n)
  const reading = { observed, limit: `≤ ${formatPercent(maxRate)}`, needs: `${gates.minInvocations} invocations of the new version` }
  if (n.invocations > 0 && binomialUpperTail(n.errors, n.invocations, maxRate) < alpha) {
    const lower = clopperPearsonLower(n.errors, n.invocations, alpha)
    const reason = `error rate of the new version ${observed} is above ${formatPercent(maxRate)} (at least ${formatPercent(lower)} with ${formatPercent(gates.confidence)} confidence)`
    return { status: 'fail', ...reading, reason }
  }
  return passIfEnough(enoughInvocations(n, gates), reading)
}

function errorRateIncrease({ evidence, gates, alpha }: Look, delta: number): GateVerdict {
  const { newVersion: n, oldVersion: o } = evidence.total
  const reading = {
    observed: `${describeRate(n)} vs ${describeRate(o)} on the old version`,
    limit: `≤ old + ${points(delta)}`,
    needs: `${gates.minInvocations} invocations of each version`
  }
  const increase = errorRateIncreaseEvidence(n, o, delta, alpha)
  if (increase.evidence) {
    const reason = `error rate of the new version ${describeRate(n)} is more than ${points(delta)} above the old version's ${describeRate(o)} (${formatPercent(gates.confidence)} confidence, ${increase.test})`
    return { status: 'fail', ...reading, reason }
  }
  return passIfEnough(enoughInvocations(n, gates) && enoughInvocations(o, gates), reading)
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

/** Invocations a latency statistic needs before it means anything: ten beyond the percentile. */
export function latencyMinimum(statistic: LatencyStatistic, minInvocations: number): number {
  const q = statistic === 'avg' || statistic === 'max' ? 0 : Number(statistic.slice(1)) / 100
  return Math.max(minInvocations, 1, q > 0 ? Math.ceil(10 / (1 - q) - 1e-9) : 0)
}

function latencyLimit({ evidence, gates }: Look, maxMs: number): GateVerdict {
  const n = evidence.total.newVersion
  const stat = gates.latencyStatistic
  const needed = latencyMinimum(stat, gates.minInvocations)
  const reading = {
    observed: n.latencyMs === undefined ? 'no data' : `${Math.round(n.latencyMs)} ms`,
    limit: `${stat} ≤ ${maxMs} ms`,
    needs: `${needed} invocations of the new version for a ${stat}`
  }
  if (n.latencyMs === undefined || n.invocations < needed) return { status: 'pending', ...reading }
  if (n.latencyMs > maxMs)
    return { status: 'fail', ...reading, reason: `${stat} latency of the new version ${reading.observed} is above ${maxMs} ms` }
  return { status: 'pass', ...reading }
}

function latencyIncrease({ evidence, gates }: Look, maxIncrease: number): GateVerdict {
  const { newVersion: n, oldVersion: o } = evidence.total
  const stat = gates.latencyStatistic
  const needed = latencyMinimum(stat, gates.minInvocations)
  const reading = {
    observed:
      n.latencyMs === undefined || o.latencyMs === undefined ? 'no data' : `${Math.round(n.latencyMs)} ms vs ${Math.round(o.latencyMs)} ms`,
    limit: `${stat} ≤ old × ${round3(1 + maxIncrease)}`,
    needs: `${needed} invocations of each version for a ${stat}`
  }
  if (n.latencyMs === undefined || o.latencyMs === undefined || n.invocations < needed || o.invocations < needed)
    return { status: 'pending', ...reading }
  if (n.latencyMs > o.latencyMs * (1 + maxIncrease)) {
    const reason = `${stat} latency of the new version ${Math.round(n.latencyMs)} ms is more than ${formatPercent(maxIncrease)} above the old version's ${Math.round(o.latencyMs)} ms`
    return { status: 'fail', ...reading, reason }
  }
  return { status: 'pass', ...reading }
}

function throttles({ evidence }: Look, max: number): GateVerdict {
  const count = evidence.stage.throttles
  const reading = { observed: `${count}`, limit: `≤ ${max}` }
  if (count > max) return { status: 'fail', ...reading, reason: `${count} throttled requests on the alias in this stage, more than ${max}` }
  return { status: 'pass', ...reading }
}

function metricGate({ evidence }: Look, g: MetricGate): GateVerdict {
  const value = evidence.total.metricGates?.[g.name]
  const limit = `not ${g.statistic} ${g.comparison} ${g.threshold}`
  if (value === undefined) return { status: 'pending', observed: 'no data', limit, needs: `a datapoint of ${g.namespace} ${g.metric}` }
  const reading = { observed: `${round3(value)}`, limit }
  if (compare(value, g.comparison, g.threshold)) {
    const reason = `metric gate "${g.name}": ${g.namespace} ${g.metric} ${g.statistic} is ${round3(value)}, ${g.comparison} ${g.threshold}`
    return { status: 'fail', ...reading, reason }
  }
  return { status: 'pass', ...reading }
}

function alarm(_look: Look, state: AlarmState): GateVerdict {
  const reading = { observed: `${state.name}: ${state.state}`, limit: 'not ALARM' }
  if (state.state === 'ALARM')
    return { status: 'fail', ...reading, reason: `alarm "${state.name}" is in ALARM${state.reason ? `: ${state.reason}` : ''}` }
  return { status: 'pass', ...reading }
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
