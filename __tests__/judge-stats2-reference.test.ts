import { describe, expect, it } from '@jest/globals'
import { latencyMinimum } from '../src/judge/gates.js'
import { invocationsToDetect } from '../src/judge/power.js'
import { baselineIncrease, latencyAgainstReference } from '../src/judge/reference.js'

describe('the new version against the old version’s baseline window (100% stages)', () => {
  it('few errors: exact binomial against the baseline’s upper bound + δ', () => {
    // Baseline 0/1000; alpha 4%, a quarter of it (1%) for the bound: 1 − 0.01^(1/1000) = 0.0045946.
    // p0 = 0.0045946 + 0.01 = 0.0145946; P(X ≥ 3 | 20, p0) = 1 − 0.745245 − 0.220753 − 0.031060 = 0.0029424
    // against the other 3%: reported on the alpha scale as 0.0029424 / 0.75 = 0.0039233 < 0.04.
    const test = baselineIncrease({ invocations: 20, errors: 3 }, { invocations: 1000, errors: 0 }, 0.01, 0.04)
    expect(test.method).toBe('exact-binomial')
    expect(test.pValue).toBeCloseTo(0.0039233, 6)
    expect(test.evidence).toBe(true)
    expect(test.estimate).toBeCloseTo(0.15, 12)
  })

  it('φ deflates both sides to effective counts, real-valued', () => {
    // φ = 2 on both sides: 6/40 and 0/2000 are 3/20 and 0/1000, the case above.
    const doubled = baselineIncrease({ invocations: 40, errors: 6 }, { invocations: 2000, errors: 0 }, 0.01, 0.04, { phi: 2 })
    expect(doubled.pValue).toBeCloseTo(0.0039233, 6)
    // φ = 1.5: 3/30 is 2 effective errors of 20: P(X ≥ 2 | 20, p0) = 1 − 0.745245 − 0.220753 = 0.034003,
    // 0.034003 / 0.75 = 0.045337 > 0.04: no evidence.
    const milder = baselineIncrease({ invocations: 30, errors: 3 }, { invocations: 1500, errors: 0 }, 0.01, 0.04, { phi: 1.5 })
    expect(milder.pValue).toBeCloseTo(0.045337, 5)
    expect(milder.evidence).toBe(false)
    // The new version's own φ (rescaled to its traffic) can differ from the baseline's: 3/30 at φ 1 vs 0/1500 at φ 1.5.
    const own = baselineIncrease({ invocations: 30, errors: 3 }, { invocations: 1500, errors: 0 }, 0.01, 0.04, { phi: 1.5, phiNew: 1 })
    expect(own.pValue).toBeLessThan(milder.pValue)
  })

  it('many errors: the normal test with both variances, each inflated by its φ', () => {
    // 300/10000 = 3% vs 1200/60000 = 2%, δ = 0.5 pp:
    // z = (0.03 − 0.02 − 0.005) / √(0.03·0.97/10000 + 0.02·0.98/60000) = 0.005 / √3.236667e-6 = 2.779208
    const test = baselineIncrease({ invocations: 10000, errors: 300 }, { invocations: 60000, errors: 1200 }, 0.005, 0.01)
    expect(test.method).toBe('normal')
    expect(test.z).toBeCloseTo(2.779208, 5)
    expect(test.evidence).toBe(true)
    // φ = 2 on both: z / √2 = 1.965197, p = 0.0247 > 0.01
    const bursty = baselineIncrease({ invocations: 10000, errors: 300 }, { invocations: 60000, errors: 1200 }, 0.005, 0.01, { phi: 2 })
    expect(bursty.z).toBeCloseTo(1.965197, 5)
    expect(bursty.evidence).toBe(false)
  })

  it('nothing to compare is no evidence', () => {
    expect(baselineIncrease({ invocations: 0, errors: 0 }, { invocations: 1000, errors: 5 }, 0, 0.01).evidence).toBe(false)
    expect(baselineIncrease({ invocations: 100, errors: 50 }, { invocations: 0, errors: 0 }, 0, 0.01).evidence).toBe(false)
    expect(baselineIncrease({ invocations: 100, errors: 50 }, { invocations: 1000, errors: 5 }, 0, 0).evidence).toBe(false)
  })
})

describe('latency against a reference', () => {
  const needed = latencyMinimum('p99', 100) // 1000 invocations for a p99

  it('passes within reference × (1 + maxIncrease), fails above, pending without enough invocations', () => {
    // 200 ms × 1.5 = 300 ms
    expect(latencyAgainstReference({ latencyMs: 290, invocations: 1000 }, { latencyMs: 200, invocations: 5000 }, 0.5, needed)).toEqual({
      status: 'pass',
      ratio: 1.45,
      limitMs: 300,
      summary: '290 ms vs 200 ms (× 1.45, limit × 1.5)'
    })
    expect(latencyAgainstReference({ latencyMs: 310, invocations: 1000 }, { latencyMs: 200, invocations: 5000 }, 0.5, needed).status).toBe(
      'fail'
    )
    const early = latencyAgainstReference({ latencyMs: 900, invocations: 999 }, { latencyMs: 200, invocations: 5000 }, 0.5, needed)
    expect(early.status).toBe('pending')
    expect(early.summary).toContain('needs 1000 invocations of each')
    expect(latencyAgainstReference({ latencyMs: undefined, invocations: 0 }, { latencyMs: 200, invocations: 5000 }, 0.5, 1).status).toBe(
      'pending'
    )
    expect(latencyAgainstReference({ latencyMs: 250, invocations: 5000 }, { latencyMs: 200, invocations: 10 }, 0.5, 100).status).toBe(
      'pending'
    )
  })
})

describe('invocations a stage needs to detect an increase', () => {
  it('the normal approximation, by hand', () => {
    // pRef 1%, δ 1 pp, alpha 1%, power ½: 2.326348² · 0.01·0.99 / 0.01² = 5.411894 · 99 = 535.8 → 536
    expect(invocationsToDetect(0.01, 0.01, 0.01)).toBe(536)
    // power 80%: (2.326348·√0.0099 + 0.841621·√0.0196)² / 0.01² = (0.231469 + 0.117827)² / 1e-4 = 1220.1 → 1221
    expect(invocationsToDetect(0.01, 0.01, 0.01, 0.8)).toBe(1221)
    // φ = 2 doubles it: 1071.6 → 1072
    expect(invocationsToDetect(0.01, 0.01, 0.01, 0.5, 2)).toBe(1072)
    // Against a margin of ½ pp (an increase gate with δ = 0.5 pp): p0 = 1.5%, p1 = 2%:
    // 5.411894 · 0.015·0.985 / 0.005² = 3198.4 → 3199
    expect(invocationsToDetect(0.01, 0.01, 0.01, 0.5, 1, 0.005)).toBe(3199)
  })

  it('never fewer than it takes to see an error; nothing to detect is Infinity', () => {
    // pRef 0: the normal formula gives 0; one error with probability ½ takes ln ½ / ln 0.99 = 68.97 → 69
    expect(invocationsToDetect(0, 0.01, 0.01)).toBe(69)
    expect(invocationsToDetect(0.01, 0.005, 0.01, 0.5, 1, 0.005)).toBe(Number.POSITIVE_INFINITY)
    expect(invocationsToDetect(0.01, 0, 0.01)).toBe(Number.POSITIVE_INFINITY)
  })
})
