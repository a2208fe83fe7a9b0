// What the error-increase tests share: the per-period table they read, the result they return, the normal
// tail, the Mantel–Haenszel estimates that explain a verdict, and φ per period.
import type { PeriodPoint } from '../evidence.js'
import { type DispersionEstimate, DISPERSION_CAP } from './dispersion.js'
import { normalQuantile } from './stats.js'

/** One period's counts of both versions: the fields of a PeriodPoint, so a gate can pass `evidence.total.periods`. */
export type Stratum = Pick<PeriodPoint, 'newInvocations' | 'newErrors' | 'oldInvocations' | 'oldErrors'>

/** A constant φ, or an estimate whose ρ rescales φ to each period's invocations. */
export type Dispersion = number | DispersionEstimate

/** The verdict of an error-increase test, with the numbers that explain it in one line. */
export interface IncreaseTest {
  /** Evidence at the alpha given that the new version's error rate is above the reference + margin. */
  evidence: boolean
  /** One-sided p-value of H0: p_new ≤ p_ref + δ. */
  pValue: number
  method: 'mantel-haenszel' | 'exact-conditional' | 'conditional-normal' | 'exact-binomial' | 'normal'
  /** Estimated increase of the new version's rate over the reference, in fraction points. */
  estimate: number
  /** The z statistic (for the exact methods, the normal score of the p-value). */
  z: number
  /** The dispersion factor the variance was multiplied by (a variance-weighted mean over periods). */
  phi: number
  /** Periods (strata) that contributed: both versions had invocations. */
  strata: number
  /** The verdict's numbers in one line, for the report. */
  summary: string
}

/** P(Z > z) for a standard normal Z: 0.5·erfc(z/√2), Numerical Recipes' erfcc (fractional error < 1.2e-7). */
export function normalUpperTail(z: number): number {
  if (Number.isNaN(z)) return Number.NaN
  const x = Math.abs(z) / Math.SQRT2
  const t = 1 / (1 + 0.5 * x)
  const k = [-1.26551223, 1.00002368, 0.37409196, 0.09678418, -0.18628806, 0.27886807, -1.13520398, 1.48851587, -0.82215223, 0.17087277]
  let poly = 0
  for (let i = k.length - 1; i >= 0; i--) poly = (k[i] as number) + t * poly
  const erfc = t * Math.exp(-x * x + poly)
  return z >= 0 ? 0.5 * erfc : 1 - 0.5 * erfc
}

/** The z with P(Z > z) = p, defined for every p in [0, 1] (±Infinity at the ends). */
export function upperTailScore(p: number): number {
  if (p <= 0) return Number.POSITIVE_INFINITY
  if (p >= 1) return Number.NEGATIVE_INFINITY
  // 1 − p would lose a p below 1e-16; the symmetric form keeps it.
  return p < 0.5 ? -normalQuantile(p) : normalQuantile(1 - p)
}

/** Periods where both versions served: the others say nothing about the difference. */
export function usable(strata: readonly Stratum[]): Stratum[] {
  return strata.filter(s => s.newInvocations > 0 && s.oldInvocations > 0)
}

/** φ for one period: the new version's and the old version's φ mixed as their shares of the period's RD variance. */
export function stratumPhi(d: Dispersion, n1: number, n0: number): number {
  if (typeof d === 'number') return Math.max(1, d)
  // Var contribution ∝ φ1/n1 + φ0/n0 = (n0·φ1 + n1·φ0)/(n1·n0); with φ_v = 1 + (n_v − 1)ρ: 1 + ρ(2·n1·n0/N − 1).
  const phi = 1 + d.rho * ((2 * n1 * n0) / (n1 + n0) - 1)
  return Math.min(DISPERSION_CAP, Math.max(1, phi))
}

/** The Mantel–Haenszel risk difference and the pieces of Sato's (1989) variance. */
export interface MantelHaenszel {
  rd: number
  /** Σ n1·n0/N */
  w: number
  /** Σ (n1²·e0 − n0²·e1 + n1·n0·(n0 − n1)/2) / N² */
  p: number
  /** Σ (e1·(n0 − e0) + e0·(n1 − e1)) / (2N) */
  q: number
  /** Mantel–Haenszel odds ratio Σ e1(n0 − e0)/N ÷ Σ e0(n1 − e1)/N (Infinity when the old version had no errors). */
  oddsRatio: number
}

/** RD_MH = Σ (e1·n0 − e0·n1)/N ÷ Σ n1·n0/N over the usable periods; 0 when none. */
export function mantelHaenszel(strata: readonly Stratum[]): MantelHaenszel {
  let w = 0
  let num = 0
  let p = 0
  let q = 0
  let orNum = 0
  let orDen = 0
  for (const s of usable(strata)) {
    const { newInvocations: n1, newErrors: e1, oldInvocations: n0, oldErrors: e0 } = s
    const n = n1 + n0
    w += (n1 * n0) / n
    num += (e1 * n0 - e0 * n1) / n
    p += (n1 * n1 * e0 - n0 * n0 * e1 + (n1 * n0 * (n0 - n1)) / 2) / (n * n)
    q += (e1 * (n0 - e0) + e0 * (n1 - e1)) / (2 * n)
    orNum += (e1 * (n0 - e0)) / n
    orDen += (e0 * (n1 - e1)) / n
  }
  const oddsRatio = orDen > 0 ? orNum / orDen : orNum > 0 ? Number.POSITIVE_INFINITY : 1
  return { rd: w > 0 ? num / w : 0, w, p, q, oddsRatio }
}

/** Sato's variance of RD_MH: (RD·ΣP + ΣQ) / (Σw)², valid for sparse and large strata alike. */
export function satoVariance(mh: MantelHaenszel): number {
  return mh.w > 0 ? Math.max(0, mh.rd * mh.p + mh.q) / (mh.w * mh.w) : 0
}

/** Fraction points as the report writes them: 0.0042 → "0.42 pp". */
export function points(fraction: number): string {
  return `${(fraction * 100).toFixed(2)} pp`
}

/** A number to three decimals, for one-line summaries. */
export function round3(n: number): number {
  return Math.round(n * 1000) / 1000
}
