// The latency gates, warm with warm: the new version's periods within latency-warm-up of a weight increase are
// left out (new containers start cold). Latency is read as counts, exact and additive across periods: "slow"
// invocations per period = invocations × (1 − PR(:T)/100) from CloudWatch's percentile rank. Then
//  - latency-increase (T = the baseline's statistic × (1 + max-latency-increase)): below 100% a stratified test
//    of new vs old slow fractions over the warm periods (a shared slowdown cancels), margin 1 − q (1% for p99);
//    at 100% a one-sample test of the new version's warm slow fraction against the statistic's tail 1 − q;
//  - latency (T = max-latency): the same one-sample test at any weight.
// For avg and max (no percentile rank), and without a baseline, the per-period statistics are compared once
// they rest on the minimum evidence (avg: weighted by invocations, so sums add up).
import { type Evidence, type LatencyStatistic, type PeriodPoint, isWarm } from '../evidence.js'
import { formatPercent } from '../parse.js'
import { binomialUpperTail } from './stats.js'
import { stratifiedIncrease } from './stratified.js'

/** Invocations a latency statistic needs before it means anything: ten beyond the percentile. */
export function latencyMinimum(statistic: LatencyStatistic, minInvocations: number): number {
  const q = quantileOf(statistic)
  return Math.max(minInvocations, 1, q !== undefined ? Math.ceil(10 / (1 - q) - 1e-9) : 0)
}

/** The statistic's quantile (0.99 for p99); undefined for avg and max. */
export function quantileOf(statistic: LatencyStatistic): number | undefined {
  return statistic === 'avg' || statistic === 'max' ? undefined : Number(statistic.slice(1)) / 100
}

/** The latency-increase threshold: the baseline's statistic × (1 + increase); undefined without a baseline latency. */
export function increaseThresholdMs(evidence: Pick<Evidence, 'baseline'>, maxIncrease: number | undefined): number | undefined {
  const ref = evidence.baseline?.latencyMs
  return maxIncrease === undefined || ref === undefined || !(ref > 0) ? undefined : ref * (1 + maxIncrease)
}

/** The warm periods of the evidence: clear of every warm-up after a weight increase. */
export function warmPeriods(evidence: Evidence): PeriodPoint[] {
  return evidence.total.periods.filter(p => isWarm(p.time, evidence))
}

export interface LatencyTest {
  status: 'pass' | 'fail' | 'pending'
  observed: string
  detail?: string
  /** The observed slow fraction is beyond the tail, though not significantly. */
  overLimit?: boolean
}

/** What the warm-up left out, for the report: "3 of 9 periods in warm-ups left out". */
export function warmUpWords(evidence: Evidence): string {
  const all = evidence.total.periods.filter(p => p.newInvocations > 0).length
  const warm = warmPeriods(evidence).filter(p => p.newInvocations > 0).length
  return all > warm ? `; ${all - warm} of ${all} periods of the new version left out as warm-up` : ''
}

/** One-sample: is the new version's warm fraction above T more than the statistic's tail 1 − q? */
export function tailTest(
  periods: PeriodPoint[],
  key: 'newSlow' | 'newOverMax',
  q: number,
  alpha: number,
  needed: number,
  thresholdMs: number
): LatencyTest {
  const used = periods.filter(p => p.newInvocations > 0 && p[key] !== undefined)
  const n = used.reduce((s, p) => s + p.newInvocations, 0)
  const slow = used.reduce((s, p) => s + (p[key] ?? 0), 0)
  const observed = n > 0 ? `${formatPercent(slow / n)} of ${n} warm invocations above ${Math.round(thresholdMs)} ms` : 'no warm data'
  const tail = 1 - q
  if (n > 0 && alpha > 0 && binomialUpperTail(slow, n, tail) < alpha)
    return { status: 'fail', observed, detail: `more than ${formatPercent(tail)} of them (exact binomial test)` }
  return { status: n >= needed ? 'pass' : 'pending', observed, overLimit: n > 0 && slow / n > tail }
}

/** Below 100%: the new version's warm slow fraction against the old version's in the same periods. */
export function stratifiedSlowTest(periods: PeriodPoint[], q: number, alpha: number, needed: number, thresholdMs: number): LatencyTest {
  const strata = periods
    .filter(p => p.newSlow !== undefined && p.oldSlow !== undefined)
    .map(p => ({
      newInvocations: p.newInvocations,
      newErrors: p.newSlow ?? 0,
      oldInvocations: p.oldInvocations,
      oldErrors: p.oldSlow ?? 0
    }))
    .filter(s => s.newInvocations > 0 && s.oldInvocations > 0)
  const sum = (f: (s: (typeof strata)[number]) => number) => strata.reduce((a, s) => a + f(s), 0)
  const [n, ns, o, os] = [sum(s => s.newInvocations), sum(s => s.newErrors), sum(s => s.oldInvocations), sum(s => s.oldErrors)]
  const above = Math.round(thresholdMs)
  const observed =
    n > 0
      ? `${formatPercent(ns / n)} of ${n} warm invocations above ${above} ms vs ${formatPercent(o > 0 ? os / o : 0)} of ${o} on the old version`
      : 'no warm data'
  if (n > 0 && alpha > 0) {
    const test = stratifiedIncrease(strata, 1 - q, alpha)
    if (test.evidence) return { status: 'fail', observed, detail: test.summary }
  }
  return { status: n >= needed && o >= needed ? 'pass' : 'pending', observed, overLimit: n > 0 && o > 0 && ns / n > os / o + (1 - q) }
}

/** avg/max, or no baseline: the warm per-period statistics (avg weighted by invocations, max the largest). */
export function warmStatistic(periods: PeriodPoint[], version: 'new' | 'old', statistic: LatencyStatistic): { ms?: number; n: number } {
  const n = periods.reduce((s, p) => s + (version === 'new' ? p.newInvocations : p.oldInvocations), 0)
  let weighted = 0
  let weight = 0
  let max: number | undefined
  for (const p of periods) {
    const ms = version === 'new' ? p.newLatencyMs : p.oldLatencyMs
    const inv = version === 'new' ? p.newInvocations : p.oldInvocations
    if (ms === undefined || inv === 0) continue
    weighted += ms * inv
    weight += inv
    max = Math.max(max ?? 0, ms)
  }
  if (weight === 0) return { n }
  // A percentile without a baseline: the invocation-weighted mean of the warm periods' percentiles (an approximation, said in the report).
  return statistic === 'max' ? { ms: max as number, n } : { ms: weighted / weight, n }
}
