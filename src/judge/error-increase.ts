// The error-rate-increase gate's tests below 100%: within periods (conditional), and the new version's errors
// against the old version's upper bound + delta (the baseline's when the old version behaves as in it).
import type { Counts, Evidence, PeriodPoint } from '../evidence.js'
import { BASELINE_BOUND_SHARE } from './alpha.js'
import { dispersionAt } from './dispersion.js'
import { points, round3 } from './increase.js'
import { binomialUpperTail, clopperPearsonUpper, normalQuantile } from './stats.js'
import { stratifiedIncrease } from './stratified.js'

/**
 * Two tests, each with half the look's alpha. The conditional test within periods cancels shared outages but,
 * conditioning on each period's total errors, cannot see an error-free old version's rate (its odds margin
 * grows without bound); the exact test of the new version's errors against the old version's upper bound +
 * delta sees exactly that, over the periods where the old version behaved as in its baseline (so a shared
 * outage, which lifts the old version too, never enters it). The reference rate is the old version's in the
 * same periods, not the baseline's: the margin is about now.
 */
export function errorIncreaseTests(
  evidence: Evidence,
  steady: PeriodPoint[],
  delta: number,
  alpha: number,
  dispersion: NonNullable<Evidence['dispersion']>,
  confidence: number
): { evidence: boolean; summary: string } {
  const sum = (ps: PeriodPoint[]) => ({
    n: { invocations: ps.reduce((s, p) => s + p.newInvocations, 0), errors: ps.reduce((s, p) => s + p.newErrors, 0) },
    o: { invocations: ps.reduce((s, p) => s + p.oldInvocations, 0), errors: ps.reduce((s, p) => s + p.oldErrors, 0) }
  })
  const all = sum(steady)
  const pRef = all.o.invocations > 0 ? (all.o.errors + 0.5) / (all.o.invocations + 1) : undefined
  const within = stratifiedIncrease(steady, delta, alpha / 2, { dispersion, ...(pRef !== undefined ? { pRef } : {}) })
  if (within.evidence) return within
  const calm = sum(steady.filter(p => p.oldInvocations > 0 && oldAsBefore(p, evidence)))
  const phi = dispersion.phi
  // Bursts discount the evidence: counts deflated by φ (whole counts, errors rounded down), as quasi-binomial.
  const deflate = (c: Counts) => ({ invocations: Math.round(c.invocations / phi), errors: Math.floor(c.errors / phi) })
  const base = evidence.baseline
  const plain =
    base && base.invocations > 0 && calm.o.invocations > 0 && !aboveBaseline(calm.o, base, phi)
      ? againstBaselineBound(deflate(calm.n), base, delta, alpha / 2, confidence)
      : errorRateIncreaseEvidence(deflate(calm.n), deflate(calm.o), delta, alpha / 2)
  return plain.evidence ? { evidence: true, summary: `${plain.test}, over the periods where the old version behaved as before` } : within
}

/** Whether the old version's errors in these periods are above its baseline rate (one-sided, 5%, bursts discounted). */
function aboveBaseline(old: Counts, base: NonNullable<Evidence['baseline']>, phi: number): boolean {
  const rate = Math.min(1, (base.errors + 0.5) / (base.invocations + 1))
  return binomialUpperTail(old.errors / phi, old.invocations / phi, rate) < 0.05
}

/**
 * The old version's rate bounded from its pre-deployment window (SPEC: bound it from the first poll): the
 * Clopper–Pearson upper bound of the baseline (counts deflated by its φ) at BASELINE_BOUND_SHARE of the
 * release's whole false-alarm budget — one bound for every look, so a look's alpha goes to the test alone —
 * then an exact binomial test of the new version's errors against bound + delta. Used only over periods where
 * the old version behaved as in its baseline, and while the old version there is not above it.
 */
function againstBaselineBound(
  fresh: Counts,
  base: NonNullable<Evidence['baseline']>,
  delta: number,
  alpha: number,
  confidence: number
): { evidence: boolean; test: string } {
  if (fresh.invocations === 0 || !(alpha > 0)) return { evidence: false, test: '' }
  const phiBase = Math.max(1, base.dispersion.phi)
  const bound = clopperPearsonUpper(base.errors / phiBase, base.invocations / phiBase, BASELINE_BOUND_SHARE * (1 - confidence))
  const p0 = Math.min(1, bound + delta)
  const tail = p0 < 1 ? binomialUpperTail(fresh.errors, fresh.invocations, p0) : 1
  if (tail >= alpha) return { evidence: false, test: '' }
  return {
    evidence: true,
    test: `exact test against the baseline's upper bound ${points(bound)} + ${points(delta)} (p = ${tail.toPrecision(3)})`
  }
}

/**
 * A period with a weight change inside is still comparable when nothing shared changed with it: the old
 * version's errors there are what its baseline predicts (not above it at the 5% level, bursts discounted). An
 * outage starting at the shift shows in the old version's share after the shift too, and leaves the period out.
 */
export function oldAsBefore(p: PeriodPoint, evidence: Evidence): boolean {
  const base = evidence.baseline
  if (!base || base.invocations <= 0 || p.oldInvocations <= 0) return false
  const rate = Math.min(1, (base.errors + 0.5) / (base.invocations + 1))
  const phi = dispersionAt(base.dispersion, p.oldInvocations)
  return binomialUpperTail(p.oldErrors / phi, p.oldInvocations / phi, rate) >= 0.05
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
