import { describe, expect, it } from '@jest/globals'
import type { Evidence } from '../src/evidence.js'
import { errorRateIncreaseEvidence, latencyMinimum } from '../src/judge/gates.js'
import { type Gates, judge } from '../src/judge/index.js'

const noLatency: Gates = { maxErrorRate: 0.01, latencyStatistic: 'p99', maxThrottles: 5, minInvocations: 20, confidence: 0.99 }
const gates: Gates = {
  maxErrorRate: 0.01,
  maxLatencyMs: 1000,
  latencyStatistic: 'p99',
  maxThrottles: 5,
  minInvocations: 20,
  confidence: 0.99
}
const ALPHA = 0.006 // the share of 1 − confidence one look may spend

type V = [invocations: number, errors: number, latencyMs?: number]
/**
 * Evidence where this stage saw everything since the first shift (a first stage), in one period with its
 * per-period latency; every invocation of the new version is above max-latency (1000 ms) when its latency is.
 */
const evidence = (n: V, o: V = [1000, 0, 100], throttles = 0, weight = 0.1): Evidence => ({
  stage: { newVersion: { invocations: n[0], errors: n[1] }, oldVersion: { invocations: o[0], errors: o[1] }, throttles },
  total: {
    windowStart: 0,
    windowEnd: 60000,
    newVersion: { invocations: n[0], errors: n[1], latencyMs: n[2] },
    oldVersion: { invocations: o[0], errors: o[1], latencyMs: o[2] },
    throttles,
    periods: [
      {
        time: 0,
        newInvocations: n[0],
        newErrors: n[1],
        oldInvocations: o[0],
        oldErrors: o[1],
        ...(n[2] !== undefined ? { newLatencyMs: n[2], newOverMax: n[2] > 1000 ? n[0] : 0 } : {}),
        ...(o[2] !== undefined ? { oldLatencyMs: o[2] } : {})
      }
    ]
  },
  weight
})

describe('absolute gates', () => {
  it('passes a healthy new version and records every gate as decided on enough data', () => {
    const v = judge(evidence([200, 1, 300]), noLatency, [], ALPHA)
    expect(v.status).toBe('pass')
    expect(v.checks.map(c => [c.gate, c.status, c.enoughData])).toEqual([
      ['min-invocations', 'pass', true],
      ['error-rate', 'pass', true],
      ['throttles', 'pass', true]
    ])
  })

  it('zero traffic is inconclusive, never a pass', () => {
    const v = judge(evidence([0, 0]), gates, [], ALPHA)
    expect(v.status).toBe('inconclusive')
    expect(v.reasons[0]).toContain('no invocations of the new version in this stage')
  })

  it('below min-invocations: inconclusive while the errors are not evidence, a failure once they are', () => {
    expect(judge(evidence([5, 1, 50]), gates, [], ALPHA).status).toBe('inconclusive')
    // P(X ≥ 5 | 5, 1%) = 1e-10: five failures in five is evidence already.
    expect(judge(evidence([5, 5, 50]), gates, [], ALPHA).status).toBe('fail')
  })

  it('one error in a small healthy sample is not a regression (the reference script would roll back)', () => {
    const v = judge(evidence([26, 1]), noLatency, [], ALPHA)
    expect(v.status).toBe('pass')
    expect(v.checks.find(c => c.gate === 'error-rate')?.observed).toBe('3.85% (1/26)')
  })

  it('fails on the new version’s own error rate with the numbers and the evidence', () => {
    const v = judge(evidence([200, 10, 100]), gates, [], 0.0060793)
    expect(v.status).toBe('fail')
    // Beside max-latency the error-rate gate spends 2/3 of the look's 0.00608 (weighted Bonferroni): 0.00405.
    // P(X ≥ 10 | 200, 1%) = 4.0e-5 < 0.00405; Clopper–Pearson lower bound at 0.00405: 1.83%.
    expect(v.reasons).toEqual(['error rate of the new version 5% (10/200) is above 1% (at least 1.83% with 99% confidence)'])
  })

  it('spends less alpha, needs more evidence: 10 errors in 300 fail at α = 0.006 but not at α = 0.0000024', () => {
    // P(X ≥ 10 | 300, 1%) = 0.00102
    expect(judge(evidence([300, 10, 100]), noLatency, [], 0.006).status).toBe('fail')
    expect(judge(evidence([300, 10, 100]), noLatency, [], 0.0000024).status).toBe('pass')
  })

  it('the statistical gates split a look’s alpha: 12 errors in 500 (p = 0.0052 against 1%) fail alone, not beside a latency gate', () => {
    // error-rate alone spends all of α = 0.006; beside max-latency it spends its weight's share, 2/3 · 0.006 = 0.004
    expect(judge(evidence([500, 12, 100]), noLatency, [], ALPHA).status).toBe('fail')
    expect(judge(evidence([500, 12, 100]), gates, [], ALPHA).status).not.toBe('fail')
  })

  it('an absolute latency gate passes once the statistic rests on enough warm invocations, and fails a gross slowdown before', () => {
    expect(latencyMinimum('p99', 20)).toBe(1000)
    expect(latencyMinimum('p90', 20)).toBe(100)
    expect(latencyMinimum('avg', 20)).toBe(20)
    expect(judge(evidence([999, 0, 900]), gates, [], ALPHA, true).status).toBe('inconclusive')
    expect(judge(evidence([999, 0, 900]), gates, [], ALPHA, false).status).toBe('pass') // pending before the last stage
    expect(judge(evidence([1000, 0, 900]), gates, [], ALPHA, true).status).toBe('pass')
    // Every one of 30 warm invocations above 1000 ms: P(X ≥ 30 | 30, 1%) = 1e-60, evidence long before 1000 invocations.
    const v = judge(evidence([30, 0, 1500]), gates, [], ALPHA)
    expect(v.status).toBe('fail')
    expect(v.reasons).toEqual([
      'warm p99 latency of the new version is above 1000 ms: 100% of 30 warm invocations above 1000 ms, more than 1% of them (exact binomial test)'
    ])
  })

  it('throttles and alarms fail whatever the traffic; OK and INSUFFICIENT_DATA alarms do not', () => {
    expect(judge(evidence([0, 0], [0, 0], 6), gates, [], ALPHA).reasons[0]).toContain('6 throttled requests')
    const alarm = judge(evidence([0, 0]), gates, [{ name: 'api-5xx', state: 'ALARM', reason: 'Threshold Crossed' }], ALPHA)
    expect(alarm.reasons).toEqual(['alarm "api-5xx" is in ALARM: Threshold Crossed'])
    const ok = judge(
      evidence([200, 0, 10]),
      noLatency,
      [
        { name: 'a', state: 'OK' },
        { name: 'b', state: 'INSUFFICIENT_DATA' }
      ],
      ALPHA
    )
    expect(ok.status).toBe('pass')
  })
})

describe('baseline comparison', () => {
  const relative: Gates = {
    maxErrorRateIncrease: 0.005,
    maxLatencyIncrease: 0.5,
    latencyStatistic: 'p99',
    minInvocations: 20,
    confidence: 0.99
  }

  it('errors of the old version never count against the new one (old at 45%, new at 0%)', () => {
    const v = judge(evidence([2000, 0, 200], [18000, 8100, 200]), relative, [], ALPHA)
    expect(v.status).toBe('pass')
  })

  it('both versions noisy at 2%: no evidence of an increase', () => {
    expect(errorRateIncreaseEvidence({ invocations: 1000, errors: 20 }, { invocations: 1000, errors: 20 }, 0.005, 1e-4).evidence).toBe(
      false
    )
  })

  it('a gross regression is caught from its first minute by the exact test against the old rate’s upper bound', () => {
    // 12/120 vs 5/1080: old upper bound at α/8 = 7.5e-4 is 1.55%; P(X ≥ 12 | 120, 2.05%) ≈ 7.6e-6 < 3α/8.
    const r = errorRateIncreaseEvidence({ invocations: 120, errors: 12 }, { invocations: 1080, errors: 5 }, 0.005, 0.006)
    expect(r).toEqual({ evidence: true, test: 'exact test against the old rate’s upper bound' })
  })

  it('a subtle regression on large samples is caught by the Agresti–Caffo difference', () => {
    // 189/12600 vs 117/23400: p̃ = 190/12602, 118/23402; z = (0.015077 − 0.005042 − 0.005) / 0.0011777 = 4.27
    const r = errorRateIncreaseEvidence({ invocations: 12600, errors: 189 }, { invocations: 23400, errors: 117 }, 0.005, 1e-4)
    expect(r.evidence).toBe(true)
    expect(r.test).toMatch(/^Agresti–Caffo z = 4\.2\d+$/)
    // The same rates on 9000 each are not yet evidence at α = 1e-4 (z = 3.36 < 3.89).
    expect(errorRateIncreaseEvidence({ invocations: 9000, errors: 135 }, { invocations: 9000, errors: 45 }, 0.005, 1e-4).evidence).toBe(
      false
    )
  })

  it('reports the increase in words', () => {
    const v = judge(evidence([1200, 120, 100], [10800, 50, 100]), relative, [], ALPHA)
    expect(v.status).toBe('fail')
    expect(v.reasons[0]).toMatch(
      /^error rate of the new version 10% \(120\/1200\) is more than 0\.5 pp above the old version's 0\.46% \(50\/10800\) in the same periods \(99% confidence; exact-conditional: /
    )
  })

  it('a latency-only regression: p99 doubled', () => {
    const v = judge(evidence([2000, 0, 600], [18000, 0, 300]), relative, [], ALPHA)
    expect(v.status).toBe('fail')
    expect(v.reasons).toEqual(["warm p99 latency of the new version 600 ms is more than 50% above the old version's 300 ms"])
    expect(judge(evidence([2000, 0, 440], [18000, 0, 300]), relative, [], ALPHA).status).toBe('pass')
  })

  it('relative gates need data on both versions, and do not apply at 100% (no old version left)', () => {
    const pending = judge(evidence([500, 0, 600], [4500, 0, 300]), relative, [], ALPHA, true)
    expect(pending.status).toBe('inconclusive')
    expect(pending.reasons).toEqual([
      'latency-increase has not enough data: it needs 1000 warm invocations of each version for a p99 (has 600 ms vs 300 ms)'
    ])
    const atFull = judge(evidence([2000, 0, 600], [0, 0]), relative, [], ALPHA, true)
    expect(judge(evidence([2000, 0, 600], [0, 0], 0, 1), relative, [], ALPHA).status).toBe('pass')
    expect(atFull.status).toBe('inconclusive')
  })
})

describe('metric gates', () => {
  const withGate: Gates = {
    latencyStatistic: 'p99',
    minInvocations: 20,
    confidence: 0.99,
    metricGates: [
      {
        name: 'api-5xx',
        namespace: 'AWS/ApiGateway',
        metric: '5XXError',
        dimensions: { ApiName: 'api' },
        statistic: 'Sum',
        comparison: '>',
        threshold: 10
      }
    ]
  }
  const withValue = (value: number | undefined): Evidence => {
    const e = evidence([200, 0])
    e.total.metricGates = { 'api-5xx': value }
    return e
  }
  it('fails when the statistic meets the comparison, passes otherwise', () => {
    expect(judge(withValue(11), withGate, [], ALPHA).reasons).toEqual(['metric gate "api-5xx": AWS/ApiGateway 5XXError Sum is 11, > 10'])
    expect(judge(withValue(10), withGate, [], ALPHA).status).toBe('pass')
  })
  it('no datapoint is not enough data for the final decision', () => {
    const v = judge(withValue(undefined), withGate, [], ALPHA, true)
    expect(v.status).toBe('inconclusive')
    expect(v.checks.find(c => c.gate === 'metric:api-5xx')).toMatchObject({ enoughData: false, observed: 'no data' })
  })
})

describe('a look with no alpha to spend', () => {
  it('never fails an error-rate gate, however bad the numbers', () => {
    const both: Gates = { maxErrorRate: 0.01, maxErrorRateIncrease: 0.005, latencyStatistic: 'p99', minInvocations: 20, confidence: 0.99 }
    expect(judge(evidence([1000, 900], [1000, 0]), both, [], 0).status).toBe('pass')
  })
})
