// The exact conditional test for small counts, where normal approximations fail: given each period's total
// errors m_t, the new version's errors e1_t follow Fisher's noncentral hypergeometric distribution with the
// odds ratio ψ; their sum over periods is the convolution of those distributions.
import {
  type Dispersion,
  type IncreaseTest,
  type Stratum,
  mantelHaenszel,
  normalUpperTail,
  points,
  round3,
  stratumPhi,
  upperTailScore,
  usable
} from './increase.js'

/** A probability mass function on the integers lo, lo + 1, …: P(X = lo + i) = p[i]. */
export interface Pmf {
  lo: number
  p: Float64Array
}

/** Terms below this share of the mode's are left out of a period's distribution. */
const TINY = 1e-17
/** Each tail of a convolution is cut where its mass falls below this. */
const TRIM = 1e-15
/** Multiply-adds the exact convolution may spend; beyond it the conditional normal approximation is used (≈ 30 ms). */
export const MAX_EXACT_WORK = 2e7

/**
 * Fisher's noncentral hypergeometric distribution of e1 given m errors among n1 new and n0 old invocations:
 * P(x) ∝ C(n1, x)·C(n0, m − x)·ψ^x. Built outward from the mode by the ratio of neighbours, so no factorial
 * or exponent is ever formed (stable for n up to 10⁶ and beyond).
 */
export function noncentralHypergeometric(n1: number, n0: number, m: number, psi: number): Pmf {
  const lo = Math.max(0, m - n0)
  const hi = Math.min(n1, m)
  // f(x + 1)/f(x), decreasing in x.
  const up = (x: number) => ((n1 - x) * (m - x) * psi) / ((x + 1) * (n0 - m + x + 1))
  let a = lo
  let b = hi
  while (a < b) {
    const mid = Math.floor((a + b) / 2)
    if (up(mid) < 1) b = mid
    else a = mid + 1
  }
  const mode = a
  const right: number[] = []
  for (let x = mode, w = 1; x < hi; x++) {
    w *= up(x)
    if (w < TINY) break
    right.push(w)
  }
  const left: number[] = []
  for (let x = mode, w = 1; x > lo; x--) {
    w /= up(x - 1)
    if (w < TINY) break
    left.push(w)
  }
  const p = Float64Array.from([...left.reverse(), 1, ...right])
  const total = p.reduce((s, v) => s + v, 0)
  for (let i = 0; i < p.length; i++) p[i] = (p[i] as number) / total
  return { lo: mode - left.length, p }
}

/** Cuts each tail where its mass is below TRIM: the support of a sum of hundreds of periods stays narrow. */
function trim(d: Pmf): Pmf {
  let start = 0
  let end = d.p.length
  for (let mass = 0; start < end - 1 && mass + (d.p[start] as number) < TRIM; start++) mass += d.p[start] as number
  for (let mass = 0; end - 1 > start && mass + (d.p[end - 1] as number) < TRIM; end--) mass += d.p[end - 1] as number
  return { lo: d.lo + start, p: d.p.subarray(start, end) }
}

/** The distribution of X + Y for independent X and Y. */
export function convolve(x: Pmf, y: Pmf): Pmf {
  const out = new Float64Array(x.p.length + y.p.length - 1)
  for (let i = 0; i < x.p.length; i++) {
    const xi = x.p[i] as number
    if (xi === 0) continue
    for (let j = 0; j < y.p.length; j++) out[i + j] = (out[i + j] as number) + xi * (y.p[j] as number)
  }
  return trim({ lo: x.lo + y.lo, p: out })
}

/** P(X ≥ s). */
export function pmfUpperTail(d: Pmf, s: number): number {
  let tail = 0
  for (let i = Math.max(0, s - d.lo); i < d.p.length; i++) tail += d.p[i] as number
  return Math.min(1, tail)
}

function moments(d: Pmf): { mean: number; variance: number } {
  let mean = 0
  let square = 0
  d.p.forEach((p, i) => {
    mean += p * (d.lo + i)
    square += p * (d.lo + i) ** 2
  })
  return { mean, variance: Math.max(0, square - mean * mean) }
}

/**
 * The odds-ratio margin that matches a risk-difference margin δ at the reference rate p_ref:
 * ψ = odds(p_ref + δ) / odds(p_ref). Exact only at p_ref: the margin is a risk difference, the test an odds ratio.
 */
export function psiFromMargin(pRef: number, delta: number): number {
  if (!(delta > 0)) return 1
  const p0 = Math.min(Math.max(pRef, 1e-9), 1 - 1e-9)
  const p1 = Math.min(p0 + delta, 1 - 1e-12)
  return (p1 * (1 - p0)) / (p0 * (1 - p1))
}

interface Period {
  pmf: Pmf
  mean: number
  variance: number
  phi: number
}

/** Each period with errors: its conditional distribution under ψ, its moments and its φ. */
function periodsUnder(strata: readonly Stratum[], psi: number, d: Dispersion): Period[] {
  return strata.flatMap(s => {
    const m = s.newErrors + s.oldErrors
    if (m === 0) return []
    const pmf = noncentralHypergeometric(s.newInvocations, s.oldInvocations, m, psi)
    return [{ pmf, ...moments(pmf), phi: stratumPhi(d, s.newInvocations, s.oldInvocations) }]
  })
}

/** Multiply-adds the convolution would take, with each partial sum's support trimmed to about ±8.5 sd. */
function convolutionWork(periods: readonly Period[]): number {
  let work = 0
  let length = 1
  let variance = 0
  for (const p of periods) {
    work += length * p.pmf.p.length
    variance += p.variance
    length = Math.min(length + p.pmf.p.length - 1, Math.ceil(17 * Math.sqrt(variance)) + p.pmf.p.length)
  }
  return work
}

export interface ConditionalOptions {
  /** The reference rate that turns the margin δ into an odds ratio, e.g. the old version's pooled rate or baseline. */
  pRef: number
  dispersion?: Dispersion
}

/**
 * Exact conditional test of H0: ψ ≤ ψ0 (ψ0 from δ at p_ref) against more errors on the new version: the
 * p-value is P(Σ e1_t ≥ observed) under the convolution of the periods' noncentral hypergeometric laws.
 * When φ > 1 the exact p-value's normal score is divided by √φ (an approximation: the exact law is
 * binomial-based). Beyond MAX_EXACT_WORK the sum is taken as normal with its exact mean and variance.
 */
export function exactStratifiedIncrease(
  strata: readonly Stratum[],
  delta: number,
  alpha: number,
  options: ConditionalOptions
): IncreaseTest {
  const used = usable(strata)
  const psi = psiFromMargin(options.pRef, delta)
  const periods = periodsUnder(used, psi, options.dispersion ?? 1)
  const observed = used.reduce((s, p) => s + (p.newErrors + p.oldErrors > 0 ? p.newErrors : 0), 0)
  const variance = periods.reduce((s, p) => s + p.variance, 0)
  const phi = variance > 0 ? periods.reduce((s, p) => s + p.variance * p.phi, 0) / variance : 1
  const exact = convolutionWork(periods) <= MAX_EXACT_WORK
  let pValue: number
  let z: number
  if (exact) {
    const sum = periods.reduce<Pmf>((acc, p) => convolve(acc, p.pmf), { lo: 0, p: Float64Array.of(1) })
    const tail = pmfUpperTail(sum, observed)
    pValue = phi > 1 ? normalUpperTail(upperTailScore(tail) / Math.sqrt(phi)) : tail
    z = upperTailScore(pValue)
  } else {
    const mean = periods.reduce((s, p) => s + p.mean, 0)
    // Continuity correction: P(S ≥ s) for a discrete S is read at s − ½.
    z = variance > 0 ? (observed - 0.5 - mean) / Math.sqrt(phi * variance) : Number.NEGATIVE_INFINITY
    pValue = normalUpperTail(z)
  }
  const mh = mantelHaenszel(used)
  const method = exact ? 'exact-conditional' : 'conditional-normal'
  const summary = `${method}: ${observed} of ${observed + used.reduce((s, p) => s + p.oldErrors, 0)} errors on the new version, MH risk difference ${points(mh.rd)}, odds ratio ${round3(mh.oddsRatio)} vs margin ${round3(psi)}, p = ${pValue.toPrecision(3)}, φ = ${round3(phi)}, ${used.length} periods`
  return { evidence: alpha > 0 && pValue < alpha, pValue, method, estimate: mh.rd, z, phi, strata: used.length, summary }
}
