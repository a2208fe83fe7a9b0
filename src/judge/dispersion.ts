// How much more per-period error counts vary than independent coin flips would (errors come in bursts):
// a quasi-binomial dispersion factor φ that the error tests multiply their binomial variances by.
import type { Counts } from '../evidence.js'

/** A dispersion estimate, with what it rests on so two estimates can be pooled and φ rescaled. */
export interface DispersionEstimate {
  /** The factor binomial variances are multiplied by: 1 ≤ φ ≤ cap. */
  phi: number
  /** Intra-period correlation of outcomes, read as beta-binomial: φ(n) = 1 + (n − 1)·ρ at n invocations per period. */
  rho: number
  /** Pearson χ² of the per-period counts around their pooled rate (0 when not estimated). */
  chi2: number
  /** Degrees of freedom behind the estimate: periods with invocations − 1 (0 when not estimated). */
  df: number
  /** Σ (n_t − 1)(1 − n_t / N): what E[χ²] − df grows with per unit of ρ (0 when not estimated). */
  spread: number
}

/**
 * A factor above this says more about an incident than about noise; beyond it no test could ever fail. Errors in
 * bursts of ρ = 0.1 at 1,200 invocations a minute are φ ≈ 120: a lower cap would read such a healthy release's
 * bursts as a regression.
 */
export const DISPERSION_CAP = 200

/** Prior degrees of freedom at φ = 1: an estimate from few periods is pulled toward the binomial. */
export const DISPERSION_PRIOR_DF = 2

/** Binomial: what a test assumes without an estimate. */
export const NO_DISPERSION: DispersionEstimate = { phi: 1, rho: 0, chi2: 0, df: 0, spread: 0 }

/**
 * φ from one version's per-period counts: Pearson χ² around the pooled rate p̂ = Σe / Σn, divided by its
 * degrees of freedom k − 1 after adding DISPERSION_PRIOR_DF prior degrees of freedom at φ = 1, floored at
 * 1 and capped. Periods without invocations are left out; fewer than 3 periods, or no errors (or nothing
 * but errors), give φ = 1 — there is nothing to estimate the extra variance from.
 */
export function dispersion(periods: readonly Counts[], cap = DISPERSION_CAP): DispersionEstimate {
  const used = periods.filter(p => p.invocations > 0)
  const n = used.reduce((s, p) => s + p.invocations, 0)
  const e = used.reduce((s, p) => s + p.errors, 0)
  if (used.length < 3 || e <= 0 || e >= n) return NO_DISPERSION
  const p = e / n
  const chi2 = used.reduce((s, c) => s + (c.errors - c.invocations * p) ** 2 / (c.invocations * p * (1 - p)), 0)
  const spread = used.reduce((s, c) => s + (c.invocations - 1) * (1 - c.invocations / n), 0)
  return fromChi2(chi2, used.length - 1, spread, cap)
}

/**
 * Pools two estimates (e.g. the old version's baseline window and the old version beside the new one),
 * weighting each by its degrees of freedom: χ² and df add up (each keeps its own pooled rate).
 */
export function combineDispersion(a: DispersionEstimate, b: DispersionEstimate, cap = DISPERSION_CAP): DispersionEstimate {
  if (a.df + b.df === 0) return NO_DISPERSION
  return fromChi2(a.chi2 + b.chi2, a.df + b.df, a.spread + b.spread, cap)
}

/**
 * φ at another period size: bursts add variance in proportion to n², so a φ measured on periods of 1,000
 * invocations overstates it for a version serving 100 a period. Beta-binomial: φ(n) = 1 + (n − 1)·ρ.
 */
export function dispersionAt(estimate: DispersionEstimate, invocationsPerPeriod: number, cap = DISPERSION_CAP): number {
  return clampPhi(1 + Math.max(0, invocationsPerPeriod - 1) * estimate.rho, cap)
}

function fromChi2(chi2: number, df: number, spread: number, cap: number): DispersionEstimate {
  const phi = clampPhi((chi2 + DISPERSION_PRIOR_DF) / (df + DISPERSION_PRIOR_DF), cap)
  // E[χ²] ≈ df + ρ·spread; ρ is read from the shrunk, capped φ so φ = 1 ⇔ ρ = 0 (for equal n: ρ = (φ − 1)/(n − 1)).
  const rho = spread > 0 ? ((phi - 1) * df) / spread : 0
  return { phi, rho, chi2, df, spread }
}

function clampPhi(phi: number, cap: number): number {
  return Math.min(Math.max(1, cap), Math.max(1, phi))
}
