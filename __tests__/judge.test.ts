import { describe, expect, it } from '@jest/globals'
import { type Gates, type Sample, judge } from '../src/judge.js'

const gates: Gates = { maxErrorRate: 0.01, maxLatencyMs: 1000, latencyStatistic: 'p99', maxThrottles: 5, minInvocations: 20 }
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

  it('is inconclusive below min-invocations even when every invocation failed', () => {
    const v = judge(sample([5, 5, 50]), gates)
    expect(v.status).toBe('inconclusive')
    expect(v.reasons[0]).toContain('only 5 invocations')
  })

  it('min-invocations 0 still needs one invocation to judge error rate', () => {
    expect(judge(sample([0, 0]), { ...gates, minInvocations: 0 }).status).toBe('inconclusive')
  })

  it('errors of the old version never count against the new one', () => {
    const v = judge(sample([100, 0, 200], [900, 450, 200]), gates)
    expect(v.status).toBe('pass')
  })

  it('fails on the new version’s own error rate, with the numbers', () => {
    const v = judge(sample([200, 5, 100]), gates)
    expect(v.status).toBe('fail')
    expect(v.reasons).toEqual(['error rate of the new version 2.5% (5/200) is above 1%'])
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
    expect(v.reasons).toHaveLength(3)
  })

  it('with gates turned off only min-invocations decides', () => {
    const v = judge(sample([200, 200]), { latencyStatistic: 'p99', minInvocations: 20 })
    expect(v.status).toBe('pass')
  })
})
