import { describe, expect, it } from '@jest/globals'
import type { Counts } from '../src/evidence.js'
import { NO_DISPERSION, combineDispersion, dispersion, dispersionAt } from '../src/judge/dispersion.js'
import { type Dispersion, type Stratum, stratifiedIncrease } from '../src/judge/stratified.js'

describe('dispersion on hand-computed cases', () => {
  it('φ for 4 periods: Pearson χ² / df, shrunk toward 1 by 2 prior degrees of freedom', () => {
    // Σn = 400, Σe = 8: p̂ = 0.02, expected 2 a period, n·p̂·q̂ = 100·0.02·0.98 = 1.96.
    // χ² = ((2−2)² + (0−2)² + (5−2)² + (1−2)²) / 1.96 = 14 / 1.96 = 7.142857; df = 3 (raw φ 2.381).
    // φ = (7.142857 + 2) / (3 + 2) = 1.828571.
    // spread = Σ (n − 1)(1 − n/N) = 4·99·0.75 = 297; ρ = (φ − 1)·df / spread = 0.828571·3 / 297 = 0.0083694.
    const d = dispersion([
      { invocations: 100, errors: 2 },
      { invocations: 100, errors: 0 },
      { invocations: 100, errors: 5 },
      { invocations: 100, errors: 1 }
    ])
    expect(d.chi2).toBeCloseTo(7.142857, 6)
    expect(d.df).toBe(3)
    expect(d.phi).toBeCloseTo(1.828571, 6)
    expect(d.rho).toBeCloseTo(0.0083694, 7)
    // At 10 invocations a period: 1 + 9·0.0083694 = 1.075325; at 100 it is φ itself.
    expect(dispersionAt(d, 10)).toBeCloseTo(1.075325, 6)
    expect(dispersionAt(d, 100)).toBeCloseTo(d.phi, 12)
  })

  it('two estimates pool their χ² and degrees of freedom', () => {
    const a = dispersion([
      { invocations: 100, errors: 2 },
      { invocations: 100, errors: 0 },
      { invocations: 100, errors: 5 },
      { invocations: 100, errors: 1 }
    ])
    // p̂ = 6/150 = 0.04, expected 2, n·p̂·q̂ = 50·0.04·0.96 = 1.92: χ² = (1 + 1 + 4)/1.92 = 3.125, df 2, spread 3·49·(2/3) = 98.
    const b = dispersion([
      { invocations: 50, errors: 1 },
      { invocations: 50, errors: 1 },
      { invocations: 50, errors: 4 }
    ])
    expect(b.chi2).toBeCloseTo(3.125, 9)
    // φ = (7.142857 + 3.125 + 2) / (3 + 2 + 2) = 1.752551; ρ = 0.752551·5 / 395 = 0.0095260.
    const both = combineDispersion(a, b)
    expect(both.phi).toBeCloseTo(1.752551, 6)
    expect(both.rho).toBeCloseTo(0.009526, 6)
    expect(combineDispersion(NO_DISPERSION, NO_DISPERSION)).toEqual(NO_DISPERSION)
    expect(combineDispersion(a, NO_DISPERSION).phi).toBeCloseTo(a.phi, 12)
  })

  it('nothing to estimate from gives φ = 1; a cap holds wild estimates', () => {
    expect(dispersion([]).phi).toBe(1)
    expect(
      dispersion([
        { invocations: 100, errors: 50 },
        { invocations: 100, errors: 0 }
      ]).phi
    ).toBe(1) // two periods
    expect(dispersion([100, 100, 100].map(invocations => ({ invocations, errors: 0 }))).phi).toBe(1) // no errors
    expect(dispersion([5, 5, 5].map(invocations => ({ invocations, errors: invocations }))).phi).toBe(1) // all errors
    // A period without invocations is left out: still only two.
    expect(
      dispersion([
        { invocations: 0, errors: 0 },
        { invocations: 100, errors: 50 },
        { invocations: 100, errors: 0 }
      ]).phi
    ).toBe(1)
    const incident = dispersion([0, 0, 0, 0, 0, 0, 0, 900].map(errors => ({ invocations: 1000, errors })))
    expect(incident.phi).toBe(200)
    expect(
      dispersion(
        [0, 0, 0, 0, 0, 0, 0, 900].map(errors => ({ invocations: 1000, errors })),
        5
      ).phi
    ).toBe(5)
    // Counts that vary less than binomial do not make a test bolder than the binomial.
    expect(dispersion([10, 10, 10, 10].map(errors => ({ invocations: 1000, errors }))).phi).toBe(1)
  })
})

/** mulberry32: a tiny seeded PRNG, so the simulation is the same on every run. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

class Draws {
  constructor(private readonly u: () => number) {}

  normal(): number {
    return Math.sqrt(-2 * Math.log(1 - this.u())) * Math.cos(2 * Math.PI * this.u())
  }

  /** Marsaglia–Tsang; shape < 1 through Gamma(shape + 1)·U^(1/shape). */
  gamma(shape: number): number {
    if (shape < 1) return this.gamma(shape + 1) * (1 - this.u()) ** (1 / shape)
    const d = shape - 1 / 3
    const c = 1 / Math.sqrt(9 * d)
    for (;;) {
      const x = this.normal()
      const v = (1 + c * x) ** 3
      if (v > 0 && Math.log(1 - this.u()) < 0.5 * x * x + d - d * v + d * Math.log(v)) return d * v
    }
  }

  /** Binomial by inversion (n·p here is at most a few dozen). */
  binomial(n: number, p: number): number {
    const u = this.u()
    let k = 0
    let pk = (1 - p) ** n
    let cdf = pk
    while (u > cdf && k < n) {
      pk *= ((n - k) / (k + 1)) * (p / (1 - p))
      k++
      cdf += pk
    }
    return k
  }

  /** Beta-binomial with mean p and intra-period correlation ρ: the rate of each period is Beta(p(1/ρ − 1), q(1/ρ − 1)). */
  betaBinomial(n: number, p: number, rho: number): Counts {
    const s = 1 / rho - 1
    const x = this.gamma(p * s)
    const rate = x / (x + this.gamma((1 - p) * s))
    return { invocations: n, errors: this.binomial(n, rate) }
  }
}

/** A 30-minute deployment at 10%, 25% and 50% (10 minutes each) and the old version's hour before it. */
function deployment(draw: Draws, perMinute: number, rho: number, p: number): { strata: Stratum[]; baseline: Counts[] } {
  const baseline = Array.from({ length: 60 }, () => draw.betaBinomial(perMinute, p, rho))
  const strata = Array.from({ length: 30 }, (_, t) => {
    const n1 = perMinute * [0.1, 0.25, 0.5][Math.floor(t / 10)]!
    const fresh = draw.betaBinomial(n1, p, rho)
    const old = draw.betaBinomial(perMinute - n1, p, rho)
    return { newInvocations: n1, newErrors: fresh.errors, oldInvocations: perMinute - n1, oldErrors: old.errors }
  })
  return { strata, baseline }
}

/** φ from the baseline window and the concurrent old version, pooled by degrees of freedom. */
function estimate(strata: Stratum[], baseline: Counts[]): Dispersion {
  const concurrent = dispersion(strata.map(s => ({ invocations: s.oldInvocations, errors: s.oldErrors })))
  return combineDispersion(dispersion(baseline), concurrent)
}

/** Rejections at alpha 1% in 2,000 healthy deployments (both versions at 1%), with the φ estimate and without. */
function falseAlarms(seed: number, perMinute: number, rho: number): { corrected: number; uncorrected: number; methods: Set<string> } {
  const draw = new Draws(mulberry32(seed))
  let corrected = 0
  let uncorrected = 0
  const methods = new Set<string>()
  for (let r = 0; r < 2000; r++) {
    const { strata, baseline } = deployment(draw, perMinute, rho, 0.01)
    const test = stratifiedIncrease(strata, 0, 0.01, { dispersion: estimate(strata, baseline) })
    methods.add(test.method)
    if (test.evidence) corrected++
    if (stratifiedIncrease(strata, 0, 0.01).evidence) uncorrected++
  }
  return { corrected: corrected / 2000, uncorrected: uncorrected / 2000, methods }
}

describe('the stratified test keeps its false-alarm rate when errors come in bursts', () => {
  // Seeded, so the rates are fixed; the comments give them (the nominal rate is 1%).
  it('1,000 invocations a minute, ρ = 0.003 (Mantel–Haenszel): 1.1% false alarms with φ, 4.65% without', () => {
    const { corrected, uncorrected, methods } = falseAlarms(20261127, 1000, 0.003)
    expect([...methods]).toEqual(['mantel-haenszel'])
    expect(corrected).toBeLessThanOrEqual(0.02)
    expect(uncorrected).toBeGreaterThanOrEqual(0.04)
    expect(uncorrected).toBeGreaterThan(2 * corrected)
  })

  it('200 invocations a minute, ρ = 0.01 (exact conditional): 1.45% false alarms with φ, 3.55% without', () => {
    const { corrected, uncorrected, methods } = falseAlarms(99, 200, 0.01)
    expect([...methods]).toEqual(['exact-conditional'])
    expect(corrected).toBeLessThanOrEqual(0.02)
    expect(uncorrected).toBeGreaterThan(2 * corrected)
  })

  it('still detects a gross difference: 10% vs 0.5% with 120 new invocations in one minute (ρ = 0.001): 99.2%', () => {
    // Near the ceiling: even without φ the exact test at alpha 1% misses when 120 draws at 10% give ≤ 4 errors (0.6%).
    const draw = new Draws(mulberry32(7))
    let detected = 0
    for (let r = 0; r < 2000; r++) {
      const baseline = Array.from({ length: 60 }, () => draw.betaBinomial(1200, 0.005, 0.001))
      const fresh = draw.betaBinomial(120, 0.1, 0.001)
      const old = draw.betaBinomial(1080, 0.005, 0.001)
      const strata = [{ newInvocations: 120, newErrors: fresh.errors, oldInvocations: 1080, oldErrors: old.errors }]
      if (stratifiedIncrease(strata, 0, 0.01, { dispersion: estimate(strata, baseline) }).evidence) detected++
    }
    expect(detected / 2000).toBeGreaterThanOrEqual(0.99)
  })
})
