// At 100% there is no old version beside the new one: the old version's own pre-deployment window is the
// reference. A one-sample test that carries the baseline's own uncertainty and the bursts (φ) of both, and
// the latency comparison against a reference, so the gates have one place to call.
import type { Counts } from '../evidence.js'
import { type IncreaseTest, normalUpperTail, points, round3, upperTailScore } from './increase.js'
import { binomialUpperTail, clopperPearsonUpper } from './stats.js'

export interface BaselineOptions {
  /** φ of the baseline's periods (dispersion() of the baseline window); 1 when left out. */
  phi?: number
  /** φ for the new version's counts, e.g. dispersionAt(estimate, its invocations per period); `phi` when left out. */
  phiNew?: number
  /** Share of alpha spent on the baseline's upper confidence bound in the exact path (default ¼). */
  boundShare?: number
}

/** Effective errors (e/φ) of both sides at or above this: the normal test; below: the exact one. */
export const NORMAL_MIN_ERRORS = 30

/**
 * H0: p_new ≤ p_base + δ against more errors on the new version, with φ deflating counts to effective ones
 * (n/φ, e/φ; real-valued through the incomplete beta function). Few errors: exact binomial test of the new
 * version against the baseline's Clopper–Pearson upper bound + δ, the bound at boundShare·alpha and the test
 * at the rest (Bonferroni). Many: z = (p̂_new − p̂_base − δ) / √(φ_new·p̂q̂/n + φ_base·p̂q̂/n_base).
 */
export function baselineIncrease(
  fresh: Counts,
  baseline: Counts,
  delta: number,
  alpha: number,
  options: BaselineOptions = {}
): IncreaseTest {
  const phiBase = Math.max(1, options.phi ?? 1)
  const phiNew = Math.max(1, options.phiNew ?? phiBase)
  const n = fresh.invocations / phiNew
  const e = fresh.errors / phiNew
  const nb = baseline.invocations / phiBase
  const eb = baseline.errors / phiBase
  const estimate =
    (fresh.invocations > 0 ? fresh.errors / fresh.invocations : 0) - (baseline.invocations > 0 ? baseline.errors / baseline.invocations : 0)
  const phi = phiNew
  if (!(n > 0) || !(nb > 0)) {
    const summary = `no ${n > 0 ? 'baseline' : 'invocations of the new version'} to compare`
    return { evidence: false, pValue: 1, method: 'exact-binomial', estimate, z: Number.NEGATIVE_INFINITY, phi, strata: 0, summary }
  }
  if (Math.min(e, n - e, eb, nb - eb) >= NORMAL_MIN_ERRORS) {
    const pn = e / n
    const pb = eb / nb
    const z = (pn - pb - delta) / Math.sqrt((pn * (1 - pn)) / n + (pb * (1 - pb)) / nb)
    const pValue = normalUpperTail(z)
    const summary = `normal test against the baseline: ${points(estimate)} over it vs margin ${points(delta)}, z = ${round3(z)}, p = ${pValue.toPrecision(3)}, φ = ${round3(phiNew)} (new), ${round3(phiBase)} (baseline)`
    return { evidence: alpha > 0 && pValue < alpha, pValue, method: 'normal', estimate, z, phi, strata: 1, summary }
  }
  const share = Math.min(Math.max(options.boundShare ?? 0.25, 0.01), 0.5)
  const bound = alpha > 0 ? clopperPearsonUpper(eb, nb, share * alpha) : 1
  const p0 = Math.min(1, bound + delta)
  const tail = p0 < 1 ? binomialUpperTail(e, n, p0) : 1
  // Reported on the alpha scale: evidence ⇔ tail < (1 − share)·alpha ⇔ pValue < alpha.
  const pValue = Math.min(1, tail / (1 - share))
  const summary = `exact test against the baseline's upper bound ${points(bound)} + ${points(delta)}: ${round3(e)} effective errors of ${round3(n)}, p = ${pValue.toPrecision(3)}, φ = ${round3(phiNew)} (new), ${round3(phiBase)} (baseline)`
  return {
    evidence: alpha > 0 && pValue < alpha,
    pValue,
    method: 'exact-binomial',
    estimate,
    z: upperTailScore(pValue),
    phi,
    strata: 1,
    summary
  }
}

/** A latency statistic and the invocations it rests on. */
export interface LatencyReading {
  latencyMs: number | undefined
  invocations: number
}

export interface LatencyComparison {
  status: 'pass' | 'fail' | 'pending'
  /** new ÷ reference, when both are known. */
  ratio?: number
  /** The highest latency the new version may show: reference × (1 + maxIncrease). */
  limitMs?: number
  summary: string
}

/**
 * The new version's warm latency statistic against a reference (the old version's warm statistic in the
 * same window, or the baseline's): fails above reference × (1 + maxIncrease), pending until both rest on
 * minInvocations (use latencyMinimum() for a percentile).
 */
export function latencyAgainstReference(
  fresh: LatencyReading,
  reference: LatencyReading,
  maxIncrease: number,
  minInvocations: number
): LatencyComparison {
  const needed = Math.max(1, minInvocations)
  if (fresh.latencyMs === undefined || reference.latencyMs === undefined || !(reference.latencyMs > 0))
    return { status: 'pending', summary: 'no latency data yet' }
  const limitMs = reference.latencyMs * (1 + maxIncrease)
  const ratio = fresh.latencyMs / reference.latencyMs
  const numbers = `${Math.round(fresh.latencyMs)} ms vs ${Math.round(reference.latencyMs)} ms (× ${round3(ratio)}, limit × ${round3(1 + maxIncrease)})`
  if (fresh.invocations < needed || reference.invocations < needed)
    return { status: 'pending', ratio, limitMs, summary: `${numbers}: needs ${needed} invocations of each` }
  return { status: fresh.latencyMs > limitMs ? 'fail' : 'pass', ratio, limitMs, summary: numbers }
}
