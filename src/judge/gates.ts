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
  type PeriodPoint,
  errorRate,
  isSteady
} from '../evidence.js'
import { formatPercent } from '../parse.js'
import { errorIncreaseTests, oldAsBefore } from './error-increase.js'
import { DISPERSION_CAP, NO_DISPERSION, dispersion, dispersionAt } from './dispersion.js'
import {
  increaseThresholdMs,
  latencyMinimum,
  quantileOf,
  stratifiedSlowTest,
  tailTest,
  warmPeriods,
  warmStatistic,
  warmUpWords
} from './latency-gates.js'
import { baselineIncrease } from './reference.js'
import { binomialUpperTail, clopperPearsonLower } from './stats.js'

export { latencyMinimum } from './latency-gates.js'
export { errorRateIncreaseEvidence } from './error-increase.js'

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
  /** The share of `alpha` a gate may spend (the statistical gates split it); all of it when left out. */
  shareOf?: (gate: string) => number
}

/** What a gate shows in the report whatever it decides: what it saw, its limit, the least evidence it decides on. */
interface Reading {
  observed: string
  limit: string
  needs?: string
  /** The observed value is beyond the limit, yet not by enough evidence to fail at this look's confidence. */
  overLimit?: boolean
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
    gate.applies(look).map(limit => {
      const named = typeof name === 'string' ? name : name(limit)
      return { gate: named, verdict: gate.verdict({ ...look, alpha: look.alpha * (look.shareOf?.(named) ?? 1) }, limit) }
    })
}

/** The gates in the order the report lists them. */
export const GATES: GateRow[] = [
  row({ name: 'min-invocations', applies: ({ gates }) => [gates.minInvocations], verdict: minInvocations }),
  row({ name: 'error-rate', applies: ({ gates }) => given(gates.maxErrorRate), verdict: errorRateLimit }),
  row({
    name: 'error-rate-increase',
    applies: look => withErrorReference(look, look.gates.maxErrorRateIncrease),
    verdict: errorRateIncrease
  }),
  row({ name: 'latency', applies: ({ gates }) => given(gates.maxLatencyMs), verdict: latencyLimit }),
  row({ name: 'latency-increase', applies: look => withLatencyReference(look, look.gates.maxLatencyIncrease), verdict: latencyIncrease }),
  row({ name: 'throttles', applies: ({ gates }) => given(gates.maxThrottles), verdict: throttles }),
  row({ name: (g: MetricGate) => `metric:${g.name}`, applies: ({ gates }) => gates.metricGates ?? [], verdict: metricGate }),
  row({ name: 'alarm', applies: ({ alarms }) => alarms, verdict: alarm })
]

function given(limit: number | undefined): number[] {
  return limit === undefined ? [] : [limit]
}

/** A limit relative to the old version: beside it below 100%, against its pre-deployment baseline at 100%. */
function withErrorReference({ evidence }: Look, limit: number | undefined): number[] {
  return evidence.weight < 1 || (evidence.baseline?.invocations ?? 0) > 0 ? given(limit) : []
}

function withLatencyReference({ evidence, gates }: Look, limit: number | undefined): number[] {
  return evidence.weight < 1 || increaseThresholdMs(evidence, gates.maxLatencyIncrease) !== undefined ? given(limit) : []
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
  const reading = {
    observed,
    limit: `≤ ${formatPercent(maxRate)}`,
    needs: `${gates.minInvocations} invocations of the new version`,
    ...over((errorRate(n) ?? 0) > maxRate)
  }
  if (n.invocations > 0 && binomialUpperTail(n.errors, n.invocations, maxRate) < alpha) {
    const lower = clopperPearsonLower(n.errors, n.invocations, alpha)
    const reason = `error rate of the new version ${observed} is above ${formatPercent(maxRate)} (at least ${formatPercent(lower)} with ${formatPercent(gates.confidence)} confidence)`
    return { status: 'fail', ...reading, reason }
  }
  return passIfEnough(enoughInvocations(n, gates), reading)
}

/**
 * Below 100%: the new version against the old one within each period since the first shift (stratified), φ from
 * the baseline (the concurrent old version's only without one), the baseline's rate as the reference. At 100%:
 * the new version's periods at 100% against the old version's pre-deployment baseline.
 */
function errorRateIncrease(look: Look, delta: number): GateVerdict {
  const { evidence, gates, alpha } = look
  if (evidence.weight >= 1 && evidence.baseline) return errorRateAgainstBaseline(look, delta)
  const { newVersion: n, oldVersion: o } = evidence.total
  const dispersion = evidence.dispersion ?? NO_DISPERSION
  const discounted = dispersion.phi > 1.001 ? `; bursty errors, evidence discounted (φ = ${round3(dispersion.phi)})` : ''
  const reading = {
    observed: `${describeRate(n)} vs ${describeRate(o)} on the old version in the same periods${discounted}`,
    limit: `≤ old + ${points(delta)}`,
    needs: `${gates.minInvocations} invocations of each version`,
    ...over(rateAbove(n, o, delta))
  }
  if (alpha > 0 && n.errors > 0) {
    // Within periods, and only periods without a weight change inside (an outage starting at a shift would
    // hit the new version's share of such a period harder) whose old-version Errors have landed.
    const steady = evidence.total.periods.filter(
      p => !p.oldErrorsPending && !p.newErrorsPending && (isSteady(p.time, evidence) || oldAsBefore(p, evidence))
    )
    const test = errorIncreaseTests(evidence, steady, delta, alpha, dispersion, gates.confidence)
    if (test.evidence) {
      const reason = `error rate of the new version ${describeRate(n)} is more than ${points(delta)} above the old version's ${describeRate(o)} in the same periods (${formatPercent(gates.confidence)} confidence; ${test.summary})`
      return { status: 'fail', ...reading, reason }
    }
  }
  return passIfEnough(enoughInvocations(n, gates) && enoughInvocations(o, gates), reading)
}

/**
 * φ for the new version's counts at 100%: the baseline's burstiness at the new version's period size, or the new
 * version's own once it has periods enough to measure it (Pearson χ² / df over at least MIN_OWN_PERIODS), whichever
 * is smaller. An old version whose errors came in bursts then does not hide a new version failing steadily (its
 * own φ is about 1), and a new version that fails in bursts of its own is still held to the baseline's φ.
 */
function newVersionPhi(periods: readonly PeriodPoint[], fromBaseline: number): number {
  const own = dispersion(
    periods.map(p => ({ invocations: p.newInvocations, errors: p.newErrors })),
    DISPERSION_CAP
  )
  if (own.df + 1 < MIN_OWN_PERIODS || own.df === 0) return fromBaseline
  return Math.min(fromBaseline, Math.max(1, own.chi2 / own.df))
}

/** Periods the new version's own φ needs before it counts: fewer say too little about its variance. */
const MIN_OWN_PERIODS = 6

/** At 100%: the new version's counts in periods without the old version, against the baseline (one-sample, φ rescaled). */
function errorRateAgainstBaseline({ evidence, gates, alpha }: Look, delta: number): GateVerdict {
  const base = evidence.baseline as NonNullable<Evidence['baseline']>
  // A period whose Errors datapoint has not landed is not a period without errors: left out until it lands.
  const full = evidence.total.periods.filter(p => p.oldInvocations === 0 && p.newInvocations > 0 && !p.newErrorsPending)
  const fresh = { invocations: full.reduce((s, p) => s + p.newInvocations, 0), errors: full.reduce((s, p) => s + p.newErrors, 0) }
  const phi = base.dispersion.phi
  const perPeriod = fresh.invocations / Math.max(1, full.length)
  const phiNew = newVersionPhi(full, dispersionAt(base.dispersion, perPeriod))
  const discounted = phiNew > 1.001 ? `; bursty errors, evidence discounted (φ = ${round3(phiNew)})` : ''
  const reading = {
    observed: `${describeRate(fresh)} at 100% vs ${describeRate(base)} before the deployment${discounted}`,
    limit: `≤ baseline + ${points(delta)}`,
    needs: `${gates.minInvocations} invocations of the new version at 100%`,
    ...over(rateAbove(fresh, base, delta))
  }
  if (alpha > 0 && fresh.errors > 0) {
    const test = baselineIncrease(fresh, base, delta, alpha, { phi, phiNew })
    if (test.evidence) {
      const reason = `error rate of the new version at 100% ${describeRate(fresh)} is more than ${points(delta)} above the old version's ${describeRate(base)} before the deployment (${formatPercent(gates.confidence)} confidence; ${test.summary})`
      return { status: 'fail', ...reading, reason }
    }
  }
  return passIfEnough(enoughInvocations(fresh, gates), reading)
}

/** max-latency: the new version's warm fraction above max-latency against the statistic's tail, at any weight. */
function latencyLimit({ evidence, gates, alpha }: Look, maxMs: number): GateVerdict {
  const stat = gates.latencyStatistic
  const needed = latencyMinimum(stat, gates.minInvocations)
  const q = quantileOf(stat)
  const periods = warmPeriods(evidence)
  const limit = `${stat} ≤ ${maxMs} ms`
  const needs = `${needed} warm invocations of the new version for a ${stat}`
  if (q === undefined) {
    const v = warmStatistic(periods, 'new', stat)
    const observed = `${v.ms === undefined ? 'no data' : `${Math.round(v.ms)} ms`}${warmUpWords(evidence)}`
    if (v.ms === undefined || v.n < needed)
      return { status: 'pending', observed, limit, needs, ...over(v.ms !== undefined && v.ms > maxMs) }
    if (v.ms > maxMs)
      return { status: 'fail', observed, limit, needs, reason: `warm ${stat} latency of the new version ${observed} is above ${maxMs} ms` }
    return { status: 'pass', observed, limit, needs }
  }
  const t = tailTest(periods, 'newOverMax', q, alpha, needed, maxMs)
  const observed = `${t.observed}${warmUpWords(evidence)}`
  if (t.status === 'fail')
    return {
      status: 'fail',
      observed,
      limit,
      needs,
      reason: `warm ${stat} latency of the new version is above ${maxMs} ms: ${t.observed}, ${t.detail}`
    }
  return { status: t.status, observed, limit, needs, ...over(t.overLimit === true) }
}

/**
 * max-latency-increase: warm with warm against T = the baseline's statistic × (1 + increase). Without a baseline
 * latency (below 100% only): the new version's warm statistic against the old version's in the same periods.
 */
function latencyIncrease({ evidence, gates, alpha }: Look, maxIncrease: number): GateVerdict {
  const stat = gates.latencyStatistic
  const needed = latencyMinimum(stat, gates.minInvocations)
  const q = quantileOf(stat)
  const periods = warmPeriods(evidence)
  const threshold = increaseThresholdMs(evidence, maxIncrease)
  const reference = evidence.baseline?.latencyMs
  const limit =
    threshold === undefined
      ? `${stat} ≤ old × ${round3(1 + maxIncrease)}`
      : `${stat} ≤ ${Math.round(threshold)} ms (baseline ${Math.round(reference ?? 0)} ms × ${round3(1 + maxIncrease)})`
  const needs = `${needed} warm invocations of ${evidence.weight < 1 ? 'each version' : 'the new version'} for a ${stat}`
  if (q === undefined || threshold === undefined) {
    const n = warmStatistic(periods, 'new', stat)
    const o = warmStatistic(periods, 'old', stat)
    const ref = threshold === undefined ? o.ms : reference
    const observed = `${n.ms === undefined || ref === undefined ? 'no data' : `${Math.round(n.ms)} ms vs ${Math.round(ref)} ms`}${warmUpWords(evidence)}`
    if (n.ms === undefined || ref === undefined || n.n < needed || (threshold === undefined && o.n < needed))
      return {
        status: 'pending',
        observed,
        limit,
        needs,
        ...over(n.ms !== undefined && ref !== undefined && n.ms > ref * (1 + maxIncrease))
      }
    if (n.ms > ref * (1 + maxIncrease)) {
      const reason = `warm ${stat} latency of the new version ${Math.round(n.ms)} ms is more than ${formatPercent(maxIncrease)} above ${threshold === undefined ? "the old version's" : 'the baseline'} ${Math.round(ref)} ms`
      return { status: 'fail', observed, limit, needs, reason }
    }
    return { status: 'pass', observed, limit, needs }
  }
  const t =
    evidence.weight < 1
      ? stratifiedSlowTest(periods, q, alpha, needed, threshold)
      : tailTest(
          periods.filter(p => p.oldInvocations === 0),
          'newSlow',
          q,
          alpha,
          needed,
          threshold
        )
  const observed = `${t.observed}${warmUpWords(evidence)}`
  if (t.status === 'fail') {
    const reason = `warm ${stat} latency of the new version is more than ${formatPercent(maxIncrease)} above the baseline's ${Math.round(reference ?? 0)} ms: ${t.observed} (${t.detail})`
    return { status: 'fail', observed, limit, needs, reason }
  }
  return { status: t.status, observed, limit, needs, ...over(t.overLimit === true) }
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

/** `overLimit` only when it holds, so a reading within its limit stays as it was. */
function over(beyond: boolean): { overLimit?: true } {
  return beyond ? { overLimit: true } : {}
}

/** Whether the new version's observed rate is more than `delta` above the reference's (both with invocations). */
function rateAbove(n: Counts, reference: Counts, delta: number): boolean {
  const [a, b] = [errorRate(n), errorRate(reference)]
  return a !== undefined && b !== undefined && a - b > delta
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
