// Minimum evidence: how many invocations of the new version a stage needs before a test could see a given
// increase — what `mode: plan` holds against a stage's expected traffic within its bake.
import { normalQuantile } from './stats.js'

/**
 * Roughly how many new-version invocations it takes to detect a true error rate of pRef + delta with a
 * one-sided test at alpha of H0: p ≤ pRef + margin (margin 0: any increase; the gate's δ for an increase gate),
 * with the given power (0.5: the increase is detected as often as not). Normal approximation of the binomial
 * against a known reference, variance inflated by φ:
 *   n = φ · (z_{1−α}·√(p0·q0) + z_{power}·√(p1·q1))² / (p1 − p0)²,   p0 = pRef + margin, p1 = pRef + delta.
 * Never fewer than it takes to see one error with that probability, ln(1 − power) / ln(1 − p1): no test
 * fails a version on zero errors. Infinity when delta ≤ margin (nothing to detect). The reference is taken
 * as known: an old version with far more invocations, or a long baseline (add its n if it is not).
 */
export function invocationsToDetect(pRef: number, delta: number, alpha: number, power = 0.5, phi = 1, margin = 0): number {
  const p0 = Math.max(0, pRef + Math.max(0, margin))
  const p1 = Math.min(1, pRef + delta)
  if (!(p1 > p0) || !(alpha > 0 && alpha < 1) || !(power > 0 && power < 1)) return Number.POSITIVE_INFINITY
  const zAlpha = normalQuantile(1 - alpha)
  const zPower = normalQuantile(power)
  const spread = zAlpha * Math.sqrt(p0 * (1 - p0)) + zPower * Math.sqrt(p1 * (1 - p1))
  const normal = (Math.max(1, phi) * Math.max(0, spread) ** 2) / (p1 - p0) ** 2
  const oneError = p1 < 1 ? Math.log(1 - power) / Math.log(1 - p1) : 1
  return Math.ceil(Math.max(normal, oneError) - 1e-9)
}
