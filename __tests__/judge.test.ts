import { describe, expect, it } from '@jest/globals'
import { type Gates, type Sample, judge } from '../src/judge.js'

const gates: Gates = { maxErrorRate: 0.01, maxLatencyMs: 1000, latencyStatistic: 'p99', maxThrottles: 5, minInvocations: 20, confidence: 0.99 }
const sample = (n: [number, number, number?], o: [number, number, number?] = [1000, 0, 100], throttles = 0): Sample => ({
  windowStart: 0,
  windowEnd: 60000,
  newVersion: { invocations: n[0], errors: n[1], latencyMs: n[2] },
  oldVersion: { invocations: o[0], errors: o[1], latencyMs: o[2] },
  throttles,
  periods: []
})

describe('judge', () => {
  it('passes a healthy new version and records every gate as decided on enough data', () => {
    const v = judge(sample([200, 1, 300]), gates)
    expect(v.status).toBe('pass')
    expect(v.reasons).toEqual([])
    expect(v.checks.map(c => [c.gate, c.status, c.enoughData])).toEqual([
      ['min-invocations', 'pass', true],
      ['error-rate', 'pass', true],
      ['latency', 'pass', true],
      ['throttles', 'pass', true]
    ])
  })

  it('zero traffic is inconclusive, never a pass', () => {
    const v = judge(sample([0, 0]), gates)
    expect(v.status).toBe('inconclusive')
    expect(v.reasons[0]).toContain('no invocations of the new version')
    expect(v.checks.find(c => c.gate === 'error-rate')).toMatchObject({ status: 'inconclusive', enoughData: false })
  })

  it('is inconclusive below min-invocations when the errors are not yet evidence', () => {
    const v = judge(sample([5, 1, 50]), gates)
    expect(v.status).toBe('inconclusive')
    expect(v.reasons[0]).toContain('only 5 invocations')
  })

  it('fails fast below min-invocations when every invocation failed: that is evidence already', () => {
    const v = judge(sample([5, 5, 50]), gates)
    expect(v.status).toBe('fail')
  })

  it('one error in a small healthy sample is not a regression (the reference script would roll back)', () => {
    const v = judge(sample([26, 1, 100]), gates)
    expect(v.status).toBe('pass')
    expect(v.checks.find(c => c.gate === 'error-rate')?.observed).toBe('3.85% (1/26)')
  })

  it('min-invocations 0 still needs one invocation to judge error rate', () => {
    expect(judge(sample([0, 0]), { ...gates, minInvocations: 0 }).status).toBe('inconclusive')
  })

  it('errors of the old version never count against the new one', () => {
    const v = judge(sample([100, 0, 200], [900, 450, 200]), gates)
    expect(v.status).toBe('pass')
  })

  it('fails on the new version’s own error rate, with the numbers and the evidence', () => {
    const v = judge(sample([200, 10, 100]), gates)
    expect(v.status).toBe('fail')
    // P(X ≥ 10 | n = 200, p = 1%) = 4.0e-5 < α₁ = 0.01·6/π² = 0.00608; Clopper–Pearson lower bound at α₁: 1.94%.
    expect(v.reasons).toEqual(['error rate of the new version 5% (10/200) is above 1% (at least 1.94% with 99% confidence)'])
  })

  it('needs more evidence at later looks: the same counts fail at look 1 but not at look 50', () => {
    // P(X ≥ 10 | 300, 1%) = 0.00102: below α₁ = 0.00608, above α₅₀ = 0.00608 / 2500.
    expect(judge(sample([300, 10, 100]), gates, [], 1).status).toBe('fail')
    expect(judge(sample([300, 10, 100]), gates, [], 50).status).toBe('pass')
    // 8 in 300 (P = 0.0115) is not evidence even at the first look.
    expect(judge(sample([300, 8, 100]), gates, [], 1).status).toBe('pass')
  })

  it('an error rate exactly at the limit passes', () => {
    expect(judge(sample([200, 2, 100]), gates).status).toBe('pass')
  })

  it('catches a latency-only regression', () => {
    const v = judge(sample([200, 0, 1500]), gates)
    expect(v.status).toBe('fail')
    expect(v.reasons).toEqual(['p99 latency of the new version 1500 ms is above 1000 ms'])
  })

  it('fails on throttles on the alias whatever the traffic', () => {
    const v = judge(sample([0, 0], [0, 0], 6), gates)
    expect(v.status).toBe('fail')
    expect(v.reasons[0]).toContain('6 throttled requests')
  })

  it('an alarm in ALARM fails the stage, even with no traffic; OK and INSUFFICIENT_DATA do not', () => {
    const alarm = judge(sample([0, 0]), gates, [{ name: 'api-5xx', state: 'ALARM', reason: 'Threshold Crossed' }])
    expect(alarm.status).toBe('fail')
    expect(alarm.reasons).toEqual(['alarm "api-5xx" is in ALARM: Threshold Crossed'])
    expect(judge(sample([200, 0, 10]), gates, [{ name: 'a', state: 'OK' }, { name: 'b', state: 'INSUFFICIENT_DATA' }]).status).toBe('pass')
  })

  it('reports several failing gates together', () => {
    const v = judge(sample([200, 50, 5000]), gates, [{ name: 'x', state: 'ALARM' }])
    expect(v.status).toBe('fail')
    expect(v.reasons).toHaveLength(3)
  })

  it('with gates turned off only min-invocations decides', () => {
    const v = judge(sample([200, 200]), { latencyStatistic: 'p99', minInvocations: 20, confidence: 0.99 })
    expect(v.status).toBe('pass')
  })
})
