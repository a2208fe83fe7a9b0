// Which gates judge each stage, and whether the stage's expected traffic (from the baseline) reaches each
// gate's minimum evidence: what `mode: plan` prints, what the preflight refuses (a stage no gate can fail),
// and which gates a stage's pending verdicts may not be held against ("not judged at this traffic"). Pure.
import { type Baseline, baselineSeconds, warmUpSeconds } from '../evidence.js'
import { formatDuration, formatPercent } from '../parse.js'
import type { Plan } from '../plan.js'
import type { Gates } from './gates.js'
import { latencyMinimum } from './latency-gates.js'
import { invocationsToDetect } from './power.js'

export interface GateCoverage {
  gate: string
  /** The least evidence the gate decides on, in new-version invocations (warm ones for latency). */
  minimum?: number
  /** Whether the stage's expected traffic reaches the minimum; undefined when the traffic is unknown (no baseline). */
  reachable?: boolean
  /** What the gate compares with, or why it is left out. */
  note: string
}

export interface StageCoverage {
  stage: number
  weight: number
  bakeSeconds: number
  /** New-version invocations the stage should see at the baseline's traffic; undefined without a baseline. */
  expected?: number
  gates: GateCoverage[]
  /** Some gate could fail the stage. */
  judged: boolean
}

export interface CoverageInput {
  plan: Plan
  gates: Gates
  alarms: string[]
  latencyWarmUpSeconds: number
  /** A period that overlaps a warm-up is left out whole, so a stage's warm time is counted in whole periods. */
  metricPeriodSeconds: number
}

/** Every watched stage (the weighted stages, and the final bake at 100%) with the gates that judge it. */
export function coverage(input: CoverageInput, baseline: Baseline | undefined): StageCoverage[] {
  const { plan } = input
  const stages = plan.stages.map((s, i) => ({ stage: i + 1, ...s }))
  if (plan.finalBakeSeconds > 0) stages.push({ stage: plan.stages.length + 1, weight: 1, bakeSeconds: plan.finalBakeSeconds })
  const perSecond = baseline && baseline.invocations > 0 ? baseline.invocations / baselineSeconds(baseline) : undefined
  return stages.map(s => {
    const expected = perSecond === undefined ? undefined : perSecond * s.weight * s.bakeSeconds
    const warmUp = warmUpSeconds(input.latencyWarmUpSeconds, s.bakeSeconds)
    // The period that holds the end of the warm-up is left out too (when there is a warm-up at all).
    const warm = Math.max(0, s.bakeSeconds - warmUp - (warmUp > 0 ? input.metricPeriodSeconds : 0))
    const warmShare = s.bakeSeconds > 0 ? warm / s.bakeSeconds : 0
    const gates = stageGates(input, baseline, s.weight, expected, warmShare)
    return { ...s, ...(expected !== undefined ? { expected: Math.floor(expected) } : {}), gates, judged: gates.length > 0 }
  })
}

function stageGates(
  input: CoverageInput,
  baseline: Baseline | undefined,
  weight: number,
  expected: number | undefined,
  warmShare: number
): GateCoverage[] {
  const { gates } = input
  const hasBase = (baseline?.invocations ?? 0) > 0
  const reach = (minimum: number, share = 1): Pick<GateCoverage, 'minimum' | 'reachable'> =>
    expected === undefined ? { minimum } : { minimum, reachable: expected * share >= minimum }
  const latencyMin = latencyMinimum(gates.latencyStatistic, gates.minInvocations)
  const out: GateCoverage[] = []
  if (gates.maxErrorRate !== undefined)
    out.push({ gate: 'error-rate', ...reach(gates.minInvocations), note: `≤ ${formatPercent(gates.maxErrorRate)}` })
  if (gates.maxErrorRateIncrease !== undefined && (weight < 1 || hasBase))
    out.push({
      gate: 'error-rate-increase',
      ...reach(gates.minInvocations),
      note: weight < 1 ? 'against the old version in the same periods' : 'against the baseline'
    })
  if (gates.maxLatencyMs !== undefined)
    out.push({ gate: 'latency', ...reach(latencyMin, warmShare), note: `warm ${gates.latencyStatistic} ≤ ${gates.maxLatencyMs} ms` })
  if (gates.maxLatencyIncrease !== undefined && (weight < 1 || baseline?.latencyMs !== undefined))
    out.push({
      gate: 'latency-increase',
      ...reach(latencyMin, warmShare),
      note: `warm ${gates.latencyStatistic} against ${baseline?.latencyMs !== undefined ? 'the baseline' : 'the old version'}`
    })
  if (gates.maxThrottles !== undefined) out.push({ gate: 'throttles', note: `≤ ${gates.maxThrottles}` })
  for (const g of gates.metricGates ?? []) out.push({ gate: `metric:${g.name}`, note: `${g.namespace} ${g.metric}` })
  if (input.alarms.length > 0) out.push({ gate: 'alarm', note: input.alarms.join(', ') })
  return out
}

/** Gates of a stage whose minimum its expected traffic cannot reach. */
export function unreachableGates(stage: StageCoverage | undefined): string[] {
  return (stage?.gates ?? []).filter(g => g.reachable === false).map(g => g.gate)
}

/** One line per stage for the plan: which gates judge it, and what the traffic lets each see. */
export function coverageLines(
  stages: StageCoverage[],
  input: CoverageInput,
  baseline: Baseline | undefined
): { level: 'ok' | 'warning' | 'error'; message: string }[] {
  return stages.map(s => {
    const where = `stage ${s.stage} (${formatPercent(s.weight)} for ${formatDuration(s.bakeSeconds)}${s.expected !== undefined ? `, ≈ ${s.expected} invocations of the new version expected` : ''})`
    if (!s.judged) return { level: 'error' as const, message: `${where}: no gate can fail it — ${unjudgedAdvice(s.weight)}` }
    const words = s.gates.map(g => `${g.gate} (${g.note}${gateReach(g, input, baseline, s)})`)
    return {
      level: s.gates.some(g => g.reachable === false) ? ('warning' as const) : ('ok' as const),
      message: `${where}: judged by ${words.join('; ')}`
    }
  })
}

function gateReach(g: GateCoverage, input: CoverageInput, baseline: Baseline | undefined, s: StageCoverage): string {
  if (g.minimum === undefined) return ''
  if (g.reachable === undefined) return `; needs ${g.minimum} invocations, traffic unknown`
  if (
    g.reachable &&
    g.gate === 'error-rate-increase' &&
    baseline &&
    baseline.invocations > 0 &&
    input.gates.maxErrorRateIncrease !== undefined
  ) {
    const delta = input.gates.maxErrorRateIncrease
    const needed = invocationsToDetect(
      baseline.errors / baseline.invocations,
      2 * delta,
      1 - input.gates.confidence,
      0.5,
      baseline.dispersion.phi,
      delta
    )
    return `; sees +${formatPercent(2 * delta)} after ≈ ${needed} invocations${needed > (s.expected ?? 0) ? ', more than the stage expects' : ''}`
  }
  if (g.reachable) return `; needs ${g.minimum}`
  const suggestion =
    g.gate.startsWith('latency') && input.gates.latencyStatistic === 'p99'
      ? 'use latency-statistic p95 (needs 200) or a longer bake'
      : `a bake of about ${formatDuration(Math.ceil((s.bakeSeconds * g.minimum) / Math.max(1, s.expected ?? 1) / 60) * 60)}`
  return `; needs ${g.minimum} warm invocations, which the stage cannot gather at this traffic: not judged at this traffic — it fails only gross regressions; ${suggestion}`
}

export function unjudgedAdvice(weight: number): string {
  return weight >= 1
    ? 'at 100% there is no old version beside the new one and no baseline (no old-version traffic in baseline-window); add max-error-rate (e.g. "2%") or max-latency, alarms or metric-gates, a longer baseline-window, or set allow-unjudged-stages: "true"'
    : 'add a gate (max-error-rate-increase, max-error-rate, max-latency, alarms) or set allow-unjudged-stages: "true"'
}
