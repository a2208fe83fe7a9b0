// Compare like with like: the new version against the old one within each period, never pooled over periods
// of different weights (a downstream outage at a stage boundary would otherwise look like the new version's
// fault). Tests of H0: p_new ≤ p_old + δ against H1: p_new > p_old + δ, stratified by period.
import { exactStratifiedIncrease } from './conditional.js'
import {
  type Dispersion,
  type IncreaseTest,
  type Stratum,
  mantelHaenszel,
  normalUpperTail,
  points,
  round3,
  satoVariance,
  stratumPhi,
  usable
} from './increase.js'

export type { Dispersion, IncreaseTest, Stratum } from './increase.js'

/** At most this many errors (both versions, all periods) the exact conditional test is used; above, Mantel–Haenszel. */
export const EXACT_MAX_ERRORS = 200

/**
 * Mantel–Haenszel risk difference RD_MH with Sato's (1989) variance, inflated by φ:
 * z = (RD_MH − δ) / √(φ·Var_Sato), p = P(Z > z). Periods where a version had no invocations contribute
 * nothing. φ is the periods' φ averaged with the weights of their share of the variance (n1·n0/N · p̄(1 − p̄)).
 */
export function mantelHaenszelIncrease(strata: readonly Stratum[], delta: number, alpha: number, dispersion: Dispersion = 1): IncreaseTest {
  const used = usable(strata)
  const mh = mantelHaenszel(used)
  const phi = weightedPhi(used, dispersion)
  const se = Math.sqrt(phi * satoVariance(mh))
  // No variation at all (no errors, or nothing but errors) leaves RD_MH = 0: no evidence either way. Within-version
  // variation none but a difference (every period all-or-nothing on each side, e.g. every call of a 40× slower
  // version above the latency threshold and none of the old one's) is complete separation: evidence of any δ < RD.
  const separated = !(se > 0) && mh.rd > delta
  const z = se > 0 ? (mh.rd - delta) / se : separated ? Number.POSITIVE_INFINITY : 0
  const pValue = se > 0 ? normalUpperTail(z) : separated ? 0 : 1
  const summary = `Mantel–Haenszel risk difference ${points(mh.rd)} vs margin ${points(delta)}, z = ${round3(z)}, p = ${pValue.toPrecision(3)}, φ = ${round3(phi)}, ${used.length} periods`
  return { evidence: alpha > 0 && pValue < alpha, pValue, method: 'mantel-haenszel', estimate: mh.rd, z, phi, strata: used.length, summary }
}

function weightedPhi(used: readonly Stratum[], dispersion: Dispersion): number {
  let weight = 0
  let sum = 0
  for (const s of used) {
    const n = s.newInvocations + s.oldInvocations
    const rate = (s.newErrors + s.oldErrors) / n
    const w = ((s.newInvocations * s.oldInvocations) / n) * rate * (1 - rate)
    weight += w
    sum += w * stratumPhi(dispersion, s.newInvocations, s.oldInvocations)
  }
  if (weight > 0) return sum / weight
  return typeof dispersion === 'number' ? Math.max(1, dispersion) : dispersion.phi
}

export interface StratifiedOptions {
  /** φ, or a dispersion estimate rescaled to each period's invocations; 1 (binomial) when left out. */
  dispersion?: Dispersion
  /** Reference rate for the exact test's odds-ratio margin; the old version's pooled rate (e0 + ½)/(n0 + 1) when left out. */
  pRef?: number
}

/**
 * The stratified test a gate calls: exact conditional while the errors are few (≤ EXACT_MAX_ERRORS in all),
 * where normal approximations fail and the null-based conditional variance gives it more power; Mantel–Haenszel
 * with Sato's variance above, where the exact convolution grows costly and the normal approximation is good.
 */
export function stratifiedIncrease(
  strata: readonly Stratum[],
  delta: number,
  alpha: number,
  options: StratifiedOptions = {}
): IncreaseTest {
  const used = usable(strata)
  const errors = used.reduce((s, p) => s + p.newErrors + p.oldErrors, 0)
  const dispersion = options.dispersion ?? 1
  if (errors > EXACT_MAX_ERRORS) return mantelHaenszelIncrease(used, delta, alpha, dispersion)
  const oldErrors = used.reduce((s, p) => s + p.oldErrors, 0)
  const oldInvocations = used.reduce((s, p) => s + p.oldInvocations, 0)
  const pRef = options.pRef ?? (oldErrors + 0.5) / (oldInvocations + 1)
  return exactStratifiedIncrease(used, delta, alpha, { pRef, dispersion })
}
