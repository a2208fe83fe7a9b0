/**
 * The realistic behaviours (sim/traffic/conditions.ts): traffic ramps, shared outages, bursty errors and
 * cold starts, on the aggregated and the per-invocation traffic paths.
 */
import { describe, expect, it } from '@jest/globals'
import { SimModel } from '../../sim/model.js'
import type { Scenario } from '../../sim/scenario.js'
import { baseScenario, query, sum } from './helpers.js'

const V = (v: string) => ({ FunctionName: 'fn', Resource: 'fn:live', ExecutedVersion: v })
const paths = [
  ['aggregated', true],
  ['per invocation', false]
] as const

function withVersions(s: Scenario, f: (b: NonNullable<Scenario['functions'][0]['versions'][0]['behavior']>, v: string) => void): Scenario {
  for (const v of s.functions[0]?.versions ?? []) {
    v.behavior ??= {}
    f(v.behavior, v.version)
  }
  return s
}

function route(m: SimModel, weight: number): void {
  m.updateAlias({ FunctionName: 'fn', Name: 'live', FunctionVersion: '1', RoutingConfig: { AdditionalVersionWeights: { '2': weight } } })
}

describe.each(paths)('traffic ramp (%s)', (_name, aggregateTraffic) => {
  it('generates the piecewise-linear rate: 10 → 50 req/s over 100 s, then 50', () => {
    const s = baseScenario({
      traffic: [
        {
          function: 'fn',
          qualifier: 'live',
          ratePerSecond: 10,
          ramp: [
            { at: 0, ratePerSecond: 10 },
            { at: 100, ratePerSecond: 50 }
          ]
        }
      ],
      metrics: { periodSeconds: 10, lagSeconds: 0 }
    })
    const m = new SimModel(s, { aggregateTraffic })
    m.advanceTo(200)
    const per10s = query(m, 'Invocations', { FunctionName: 'fn' }, 'Sum', 0, 200, 10).values
    // ∫ = 3000 over the ramp (sd ≈ 55), then 500 per 10 s.
    expect(Math.abs(sum(per10s.slice(0, 10)) - 3000)).toBeLessThan(250)
    expect(Math.abs((per10s[0] as number) - 120)).toBeLessThan(50)
    expect(Math.abs(sum(per10s.slice(10)) - 5000)).toBeLessThan(300)
  })
})

describe.each(paths)('shared outage (%s)', (_name, aggregateTraffic) => {
  it('hits every version at once: 30% more failures and 2× durations inside the window only', () => {
    const s = withVersions(baseScenario({ metrics: { periodSeconds: 10, lagSeconds: 0 } }), b => {
      b.errorRate = 0
      b.latency = { constantMs: 10 }
    })
    ;(s.functions[0] as { outages?: unknown }).outages = [{ at: 20, durationSeconds: 20, errorRate: 0.3, latencyMultiplier: 2 }]
    const m = new SimModel(s, { aggregateTraffic })
    route(m, 0.5)
    m.advanceTo(60)
    for (const v of ['1', '2']) {
      const errors = query(m, 'Errors', V(v), 'Sum', 0, 60, 10).values
      const invocations = query(m, 'Invocations', V(v), 'Sum', 0, 60, 10).values
      expect([errors[0], errors[1], errors[4], errors[5]]).toEqual([0, 0, 0, 0])
      const rate = ((errors[2] as number) + (errors[3] as number)) / ((invocations[2] as number) + (invocations[3] as number))
      expect(Math.abs(rate - 0.3)).toBeLessThan(0.06)
      expect(query(m, 'Duration', V(v), 'Maximum', 0, 60, 10).values).toEqual([10, 10, 20, 20, 10, 10])
    }
  })
})

describe('bursty errors (aggregated)', () => {
  it('vary per period far more than binomial, around the same mean, independently per version and deterministically', () => {
    const mk = () =>
      new SimModel(
        withVersions(baseScenario({ metrics: { periodSeconds: 1, lagSeconds: 0 } }), b => {
          b.errorRate = 0.05
          b.bursty = { rho: 0.1, periodSeconds: 1 }
        }),
        { aggregateTraffic: true }
      )
    const m = mk()
    route(m, 0.5)
    m.advanceTo(400)
    const rates = (v: string) => {
      const e = query(m, 'Errors', V(v), 'Sum', 0, 400, 1).values
      const n = query(m, 'Invocations', V(v), 'Sum', 0, 400, 1).values
      return e.map((x, i) => x / (n[i] as number))
    }
    const r1 = rates('1')
    const r2 = rates('2')
    const mean = sum(r1) / r1.length
    const variance = sum(r1.map(r => (r - mean) ** 2)) / (r1.length - 1)
    expect(Math.abs(mean - 0.05)).toBeLessThan(0.015)
    // Beta-binomial: ρ·p·(1 − p) + p·(1 − p)/n ≈ 0.0048 at n ≈ 100; binomial alone ≈ 0.0005.
    expect(variance).toBeGreaterThan(0.0025)
    expect(variance).toBeLessThan(0.008)
    const corr = sum(r1.map((r, i) => (r - mean) * ((r2[i] as number) - mean))) / (r1.length - 1) / variance
    expect(Math.abs(corr)).toBeLessThan(0.2)
    const again = mk()
    route(again, 0.5)
    again.advanceTo(400)
    expect(query(again, 'Errors', V('1'), 'Sum', 0, 400, 1).values).toEqual(query(m, 'Errors', V('1'), 'Sum', 0, 400, 1).values)
  })
})

describe.each(paths)('cold starts (%s)', (_name, aggregateTraffic) => {
  // 200 req/s, 100 ms: mean concurrency 20 × weight; 10 containers per unit → ⌈200 × weight⌉ containers.
  const scenario = () =>
    withVersions(baseScenario({ metrics: { periodSeconds: 10, lagSeconds: 0 } }), b => {
      b.errorRate = 0
      b.latency = { constantMs: 100 }
      b.coldStart = { multiplier: [5, 5], containersPerConcurrency: 10, idleSeconds: 600 }
    })
  const cold = (m: SimModel, v: string) => sum(query(m, 'Duration', V(v), 'TC(400:)', 0, 100, 10).values)

  it('start a new version with no containers: its first invocation on each new one is cold; the old version loses traffic warm', () => {
    const m = new SimModel(scenario(), { aggregateTraffic })
    m.advanceTo(10)
    route(m, 0.1)
    m.advanceTo(30)
    expect(cold(m, '2')).toBe(20)
    route(m, 0.5)
    m.advanceTo(60)
    expect(cold(m, '2')).toBe(100)
    expect(cold(m, '1')).toBe(0)
    // 5 × 100 ms (the aggregated path keeps it in a 1% histogram bin).
    expect(Math.abs(Math.max(...query(m, 'Duration', V('2'), 'Maximum', 0, 100, 10).values) - 500)).toBeLessThan(5)
    // Back to 10% and up again within the idle time: the containers are still there.
    route(m, 0.1)
    m.advanceTo(70)
    route(m, 0.5)
    m.advanceTo(100)
    expect(cold(m, '2')).toBe(100)
  })
})
