import { describe, expect, it } from '@jest/globals'
import { convolve, exactStratifiedIncrease, noncentralHypergeometric, pmfUpperTail, psiFromMargin } from '../src/judge/conditional.js'
import { dispersion } from '../src/judge/dispersion.js'
import { errorRateIncreaseEvidence } from '../src/judge/gates.js'
import { mantelHaenszel, normalUpperTail, satoVariance, upperTailScore } from '../src/judge/increase.js'
import { type Stratum, mantelHaenszelIncrease, stratifiedIncrease } from '../src/judge/stratified.js'

const stratum = (newInvocations: number, newErrors: number, oldInvocations: number, oldErrors: number): Stratum => ({
  newInvocations,
  newErrors,
  oldInvocations,
  oldErrors
})

describe('Mantel–Haenszel risk difference with Sato’s variance, by hand', () => {
  // Stratum 1: new 10/100, old 10/200, N = 300. Stratum 2: new 2/50, old 1/50, N = 100.
  const strata = [stratum(100, 10, 200, 10), stratum(50, 2, 50, 1)]

  it('two strata worked by hand', () => {
    // w = 100·200/300 + 50·50/100 = 66.667 + 25 = 91.667 (= 275/3)
    // RD numerator = (10·200 − 10·100)/300 + (2·50 − 1·50)/100 = 3.3333 + 0.5 = 23/6
    // RD_MH = (23/6)/(275/3) = 23/550 = 0.0418182
    // P1 = (100²·10 − 200²·10 + 100·200·100/2)/300² = 700000/90000 = 7.77778; P2 = (2500·1 − 2500·2 + 0)/100² = −0.25
    // Q1 = (10·190 + 10·90)/600 = 4.66667;  Q2 = (2·49 + 1·48)/200 = 0.73
    // Var = (0.0418182·7.52778 + 5.39667) / 91.667² = 5.711465 / 8402.78 = 6.79711e-4 (sd 0.0260713)
    const mh = mantelHaenszel(strata)
    expect(mh.rd).toBeCloseTo(23 / 550, 12)
    expect(mh.w).toBeCloseTo(275 / 3, 10)
    expect(mh.p).toBeCloseTo(271 / 36, 10)
    expect(mh.q).toBeCloseTo(5.396667, 6)
    expect(satoVariance(mh)).toBeCloseTo(6.79711e-4, 8)
    // MH odds ratio: (10·190/300 + 2·49/100) / (10·90/300 + 1·48/100) = (6.3333 + 0.98)/(3 + 0.48) = 2.1015326
    expect(mh.oddsRatio).toBeCloseTo(2.1015326, 6)
    // z = 0.0418182 / 0.0260713 = 1.60399; p = Q(1.604) = 0.05436 (normal table: 0.0544)
    const test = mantelHaenszelIncrease(strata, 0, 0.05)
    expect(test.z).toBeCloseTo(1.60399, 4)
    expect(test.pValue).toBeCloseTo(0.05436, 4)
    expect(test.evidence).toBe(false)
    expect(mantelHaenszelIncrease(strata, 0, 0.06).evidence).toBe(true)
    // A margin of 1 pp: z = (0.0418182 − 0.01)/0.0260713 = 1.22043
    expect(mantelHaenszelIncrease(strata, 0.01, 0.05).z).toBeCloseTo(1.22043, 4)
    expect(test.summary).toBe('Mantel–Haenszel risk difference 4.18 pp vs margin 0.00 pp, z = 1.604, p = 0.0544, φ = 1, 2 periods')
  })

  it('φ divides z by √φ; an estimate’s ρ is rescaled to each period', () => {
    // φ = 2: z = 1.60399/√2 = 1.13419, p = Q(1.134) = 0.12836
    const doubled = mantelHaenszelIncrease(strata, 0, 0.05, 2)
    expect(doubled.z).toBeCloseTo(1.13419, 4)
    expect(doubled.pValue).toBeCloseTo(0.12836, 4)
    // One period of new 100, old 900 with ρ = 0.01: φ = 1 + ρ·(2·100·900/1000 − 1) = 1 + 0.01·179 = 2.79
    const estimate = { phi: 5, rho: 0.01, chi2: 0, df: 10, spread: 0 }
    expect(mantelHaenszelIncrease([stratum(100, 3, 900, 9)], 0, 0.05, estimate).phi).toBeCloseTo(2.79, 10)
  })

  it('periods where a version did not serve contribute nothing; no errors is no evidence', () => {
    const base = mantelHaenszelIncrease(strata, 0, 0.05)
    const padded = mantelHaenszelIncrease([stratum(0, 0, 1000, 50), ...strata, stratum(500, 40, 0, 0)], 0, 0.05)
    expect(padded).toEqual(base)
    const none = mantelHaenszelIncrease([stratum(100, 0, 900, 0)], 0, 0.01)
    expect(none).toMatchObject({ evidence: false, pValue: 1, estimate: 0, strata: 1 })
    expect(mantelHaenszelIncrease([], 0, 0.01)).toMatchObject({ evidence: false, strata: 0 })
  })

  it('an outage hitting both versions at the 10% → 25% boundary is not the new version’s fault', () => {
    // 10 minutes at 10%, then at 25%: 3 minutes of a 30% outage for both, 7 minutes at 1.2% for both.
    const outage = [
      ...Array.from({ length: 10 }, () => stratum(100, 1, 900, 9)),
      ...Array.from({ length: 3 }, () => stratum(250, 75, 750, 225)),
      ...Array.from({ length: 7 }, () => stratum(250, 3, 750, 9))
    ]
    // Pooled: new 256/3500 = 7.31% vs old 828/14250 = 5.81% — the test of today flags it at alpha 1%.
    expect(errorRateIncreaseEvidence({ invocations: 3500, errors: 256 }, { invocations: 14250, errors: 828 }, 0, 0.01).evidence).toBe(true)
    // Within each minute the rates are equal: RD_MH = 0.
    const test = stratifiedIncrease(outage, 0, 0.01)
    expect(test.method).toBe('mantel-haenszel')
    expect(test.estimate).toBeCloseTo(0, 12)
    expect(test.evidence).toBe(false)
    expect(exactStratifiedIncrease(outage, 0, 0.01, { pRef: 0.0581 }).evidence).toBe(false)
  })
})

describe('the exact conditional test, by hand', () => {
  it('Fisher’s noncentral hypergeometric law of a tiny table', () => {
    // n1 = 2, n0 = 3, m = 2, ψ = 2: weights C(2,x)·C(3,2−x)·2^x = 3, 12, 4 (sum 19)
    const d = noncentralHypergeometric(2, 3, 2, 2)
    expect(d.lo).toBe(0)
    expect([...d.p].map(p => p * 19)).toEqual([expect.closeTo(3, 12), expect.closeTo(12, 12), expect.closeTo(4, 12)])
    // Support starts above 0 when the old version has fewer invocations than errors: n0 = 1, m = 3 → x ∈ {2, 3}
    // weights C(4,2)·C(1,1) = 6, C(4,3)·C(1,0) = 4 (ψ = 1)
    const shifted = noncentralHypergeometric(4, 1, 3, 1)
    expect(shifted.lo).toBe(2)
    expect(shifted.p[0]).toBeCloseTo(0.6, 12)
    // Large n: n1 = n0 = 10⁶, m = 20, ψ = 1 is Binomial(20, ½) to 1e-5: P(10) = 184756/2²⁰ = 0.176197
    const large = noncentralHypergeometric(1e6, 1e6, 20, 1)
    expect(large.p[10 - large.lo]).toBeCloseTo(0.176197, 5)
  })

  it('two periods summed by convolution', () => {
    // A as above (3, 12, 4)/19; B: n1 = n0 = 1, m = 1, ψ = 2: weights 1, 2 → (1/3, 2/3)
    // P(S ≥ 3) = P(A = 2)·P(B = 1) = 4/19 · 2/3 = 8/57; P(S ≥ 2) = 4/19 + 12/19 · 2/3 = 12/19
    const sum = convolve(noncentralHypergeometric(2, 3, 2, 2), noncentralHypergeometric(1, 1, 1, 2))
    expect(pmfUpperTail(sum, 3)).toBeCloseTo(8 / 57, 12)
    expect(pmfUpperTail(sum, 2)).toBeCloseTo(12 / 19, 12)
    expect(pmfUpperTail(sum, 0)).toBeCloseTo(1, 12)
    expect(pmfUpperTail(sum, 4)).toBe(0)
  })

  it('the margin as an odds ratio at the reference rate; the test’s p-value', () => {
    // odds(0.015)/odds(0.01) = (0.015/0.985)/(0.01/0.99) = 1.507614
    expect(psiFromMargin(0.01, 0.005)).toBeCloseTo(1.507614, 6)
    expect(psiFromMargin(0.01, 0)).toBe(1)
    // p_ref = 0.2 (odds ¼), δ = 1/3 − 0.2 (odds ½): ψ = 2, the tables above: p = 8/57 = 0.140351
    const tables = [stratum(2, 2, 3, 0), stratum(1, 1, 1, 0), stratum(5, 0, 5, 0)]
    const test = exactStratifiedIncrease(tables, 1 / 3 - 0.2, 0.15, { pRef: 0.2 })
    expect(test.method).toBe('exact-conditional')
    expect(test.pValue).toBeCloseTo(8 / 57, 12)
    expect(test.evidence).toBe(true)
    // δ = 0 (ψ = 1, Fisher's exact test stratified): A (3, 6, 1)/10, B (½, ½): P(S ≥ 3) = 1/10 · 1/2 = 0.05
    expect(exactStratifiedIncrease(tables, 0, 0.05, { pRef: 0.2 }).pValue).toBeCloseTo(0.05, 12)
    // φ = 2: the p-value's normal score 1.07874 becomes 1.07874/√2 = 0.76279, p = Q(0.7628) = 0.22279
    expect(upperTailScore(8 / 57)).toBeCloseTo(1.07874, 4)
    expect(exactStratifiedIncrease(tables, 1 / 3 - 0.2, 0.15, { pRef: 0.2, dispersion: 2 }).pValue).toBeCloseTo(0.22279, 4)
  })

  it('normal tail against the table', () => {
    expect(normalUpperTail(0)).toBeCloseTo(0.5, 7)
    expect(normalUpperTail(1.959964)).toBeCloseTo(0.025, 7)
    expect(normalUpperTail(-2.326348)).toBeCloseTo(0.99, 7)
    expect(normalUpperTail(6)).toBeCloseTo(9.8659e-10, 13)
    expect(upperTailScore(0)).toBe(Number.POSITIVE_INFINITY)
    expect(upperTailScore(1e-20)).toBeCloseTo(9.26234, 5)
  })
})

describe('the stratified test a gate calls', () => {
  it('chooses exact for few errors, Mantel–Haenszel for many', () => {
    const few = Array.from({ length: 10 }, () => stratum(30, 1, 270, 2))
    expect(stratifiedIncrease(few, 0, 0.01).method).toBe('exact-conditional')
    const many = Array.from({ length: 60 }, () => stratum(1000, 10, 1000, 10))
    expect(stratifiedIncrease(many, 0, 0.01).method).toBe('mantel-haenszel')
  })

  it('small counts where the normal approximation fails: 30 invocations, 0–5 errors', () => {
    // One minute, new 5/30 vs old 1/270. Given m = 6 and ψ = 1, e1 is hypergeometric (N = 300, 30 of them new):
    // P(e1 ≥ 5) = [C(30,5)·C(270,1) + C(30,6)] / C(300,6) = (142506·270 + 593775) / 962822846700 = 4.05790e-5
    const test = stratifiedIncrease([stratum(30, 5, 270, 1)], 0, 0.01)
    expect(test.method).toBe('exact-conditional')
    expect(test.pValue).toBeCloseTo(4.0579e-5, 9)
    expect(test.evidence).toBe(true)
    expect(stratifiedIncrease([stratum(30, 1, 270, 2)], 0, 0.01).evidence).toBe(false)
  })

  it('is fast: 60 periods of 1,000 invocations in well under 50 ms', () => {
    const strata = Array.from({ length: 60 }, (_, t) => stratum(1000, 10 + (t % 5), 1000, 10))
    exactStratifiedIncrease(strata, 0.005, 0.01, { pRef: 0.01 })
    const start = performance.now()
    const test = exactStratifiedIncrease(strata, 0.005, 0.01, { pRef: 0.01 })
    expect(performance.now() - start).toBeLessThan(50)
    expect(test.method).toBe('exact-conditional')
    expect(test.evidence).toBe(false)
  })

  it('is stable at 10⁶ invocations a period over 360 periods', () => {
    // 1% errors: far too many for the convolution, the conditional normal takes over.
    const busy = Array.from({ length: 360 }, (_, t) => stratum(1e6, 10000 + (t % 50), 1e6, 10000))
    const normal = exactStratifiedIncrease(busy, 0, 0.01, { pRef: 0.01 })
    expect(normal.method).toBe('conditional-normal')
    // Excess 23.94 errors a period (the mean of t mod 50) over 10,000 in 10⁶: Var(RD_t) ≈ 0.01·0.99·2/10⁶ per period,
    // z ≈ 23.94·√360 / √(2·10000·0.99) = 3.228
    expect(normal.z).toBeCloseTo(3.23, 1)
    expect(mantelHaenszelIncrease(busy, 0, 0.01).z).toBeCloseTo(3.23, 1)
    // 10 errors in a million on each side: exact over 360 periods, and it agrees with Mantel–Haenszel.
    const quiet = Array.from({ length: 360 }, (_, t) => stratum(1e6, 10 + (t % 3), 1e6, 10))
    const exact = exactStratifiedIncrease(quiet, 0, 0.01, { pRef: 1e-5 })
    expect(exact.method).toBe('exact-conditional')
    const mh = mantelHaenszelIncrease(quiet, 0, 0.01)
    expect(Number.isFinite(exact.pValue) && exact.pValue > 0 && exact.pValue < 1).toBe(true)
    expect(Math.abs(exact.z - mh.z)).toBeLessThan(0.1)
  })

  it('takes a φ estimate straight from the old version’s periods', () => {
    const strata = [stratum(100, 4, 900, 2), stratum(100, 0, 900, 30), stratum(100, 1, 900, 4), stratum(100, 2, 900, 9)]
    const phi = dispersion(strata.map(s => ({ invocations: s.oldInvocations, errors: s.oldErrors })))
    expect(phi.phi).toBeGreaterThan(1)
    const plain = stratifiedIncrease(strata, 0, 0.05)
    const corrected = stratifiedIncrease(strata, 0, 0.05, { dispersion: phi })
    expect(corrected.phi).toBeGreaterThan(1)
    expect(corrected.pValue).toBeGreaterThan(plain.pValue)
  })
})
