// The simulator's aggregated traffic path (ModelOptions.aggregateTraffic), which the benchmark runs on:
// same distributions as the per-invocation path, counts per period independent of the call pattern.
import { describe, expect, it } from '@jest/globals'
import { SimModel } from '../../sim/model.js'
import { binomial, poisson, Rng } from '../../sim/rng.js'
import type { Scenario } from '../../sim/scenario.js'

const ORIGIN = 1_700_000_040_000 + 23_456 // not minute-aligned
const dims = (d: Record<string, string>) => Object.entries(d).map(([Name, Value]) => ({ Name, Value }))

function scenario(): Scenario {
  return {
    seed: 3,
    functions: [
      {
        name: 'fn',
        role: 'arn:aws:iam::123456789012:role/r',
        versions: [
          { version: '1', behavior: { errorRate: 0.01, latency: { medianMs: 100, p99Ms: 300 } } },
          { version: '2', behavior: { errorRate: 0.01, latency: { constantMs: 40 }, phases: [{ at: 200, errorRate: 0.2 }] } }
        ],
        aliases: [{ name: 'live', functionVersion: '1' }]
      }
    ],
    traffic: [{ function: 'fn', qualifier: 'live', ratePerSecond: 50, schedule: [{ at: 400, ratePerSecond: 10 }] }],
    metrics: { periodSeconds: 60, lagSeconds: 0 }
  }
}

function split(m: SimModel, weight: number): void {
  const alias = m.getAlias({ FunctionName: 'fn', Name: 'live' }) as { RevisionId: string }
  m.updateAlias({
    FunctionName: 'fn',
    Name: 'live',
    RoutingConfig: { AdditionalVersionWeights: { '2': weight } },
    RevisionId: alias.RevisionId
  })
}

function series(
  m: SimModel,
  metric: string,
  stat: string,
  d: Record<string, string>,
  period = 60
): { timestamps: number[]; values: number[] } {
  const out = m.getMetricData({
    MetricDataQueries: [
      { Id: 'q', MetricStat: { Metric: { Namespace: 'AWS/Lambda', MetricName: metric, Dimensions: dims(d) }, Period: period, Stat: stat } }
    ],
    StartTime: new Date(ORIGIN - 60_000),
    EndTime: new Date(ORIGIN + 3_600_000),
    ScanBy: 'TimestampAscending'
  }) as { MetricDataResults: { Timestamps: number[]; Values: number[] }[] }
  const r = out.MetricDataResults[0] as { Timestamps: number[]; Values: number[] }
  return { timestamps: r.Timestamps, values: r.Values }
}

describe('aggregated traffic', () => {
  it('draws the same number of invocations per period however often time is advanced', () => {
    const coarse = new SimModel(scenario(), { originEpochMs: ORIGIN, aggregateTraffic: true })
    const fine = new SimModel(scenario(), { originEpochMs: ORIGIN, aggregateTraffic: true })
    coarse.advanceTo(100)
    split(coarse, 0.3)
    coarse.advanceTo(600)
    for (let t = 1; t <= 100; t++) fine.advanceTo(t)
    split(fine, 0.3)
    for (let t = 100.5; t <= 600; t += 0.5) fine.advanceTo(t)
    const fn = { FunctionName: 'fn' }
    expect(series(fine, 'Invocations', 'Sum', fn)).toEqual(series(coarse, 'Invocations', 'Sum', fn))
  })

  it('matches the per-invocation path in rates, weights, error rates, latency and phases', () => {
    const totals = { perInvocation: [] as number[][], aggregated: [] as number[][] }
    for (const aggregateTraffic of [false, true]) {
      for (let seed = 1; seed <= 6; seed++) {
        const m = new SimModel(scenario(), { originEpochMs: ORIGIN, seed, aggregateTraffic })
        m.advanceTo(30)
        split(m, 0.25)
        m.advanceTo(700)
        const v = m.versionTotals('fn')
        const phases = m.phaseTotals('fn', '2')
        const p99 = series(m, 'Duration', 'p99', { FunctionName: 'fn', Resource: 'fn:live', ExecutedVersion: '1' }, 3600)
          .values[0] as number
        const p50v2 = series(m, 'Duration', 'p50', { FunctionName: 'fn', Resource: 'fn:live', ExecutedVersion: '2' }, 3600)
          .values[0] as number
        ;(aggregateTraffic ? totals.aggregated : totals.perInvocation).push([
          (v['1']?.invocations ?? 0) + (v['2']?.invocations ?? 0),
          (v['2']?.invocations ?? 0) / ((v['1']?.invocations ?? 0) + (v['2']?.invocations ?? 0)),
          (v['1']?.errors ?? 0) / (v['1']?.invocations ?? 1),
          (phases[1]?.errors ?? 0) / (phases[1]?.invocations ?? 1),
          phases[1]?.firstAt ?? NaN,
          p99,
          p50v2
        ])
        expect(phases.map(p => p.at)).toEqual([null, 200])
        expect((phases[0]?.invocations ?? 0) + (phases[1]?.invocations ?? 0)).toBe(v['2']?.invocations)
      }
    }
    const mean = (rows: number[][], i: number) => rows.reduce((a, r) => a + (r[i] as number), 0) / rows.length
    // 50/s for 400 s then 10/s for 300 s = 23 000 arrivals.
    for (const rows of [totals.perInvocation, totals.aggregated]) {
      expect(mean(rows, 0)).toBeGreaterThan(23_000 * 0.98)
      expect(mean(rows, 0)).toBeLessThan(23_000 * 1.02)
      expect(Math.abs(mean(rows, 1) - (0.25 * 21_500) / 23_000)).toBeLessThan(0.01)
      expect(Math.abs(mean(rows, 2) - 0.01)).toBeLessThan(0.002)
      expect(Math.abs(mean(rows, 3) - 0.2)).toBeLessThan(0.02)
      expect(mean(rows, 4)).toBeGreaterThanOrEqual(200)
      expect(mean(rows, 4)).toBeLessThan(201)
      expect(Math.abs(mean(rows, 5) - 300) / 300).toBeLessThan(0.03)
      expect(mean(rows, 6)).toBe(40) // a constant latency stays exact in the histogram
    }
  })

  it('keeps percentiles within the histogram resolution of the raw nearest-rank value', () => {
    const raw = new SimModel(scenario(), { originEpochMs: ORIGIN, seed: 9 })
    raw.advanceTo(600)
    const d = { FunctionName: 'fn' }
    const exact = series(raw, 'Duration', 'p90', d, 3600).values[0] as number
    const agg = new SimModel(scenario(), { originEpochMs: ORIGIN, seed: 9, aggregateTraffic: true })
    agg.advanceTo(600)
    const approx = series(agg, 'Duration', 'p90', d, 3600).values[0] as number
    // Different draws, same distribution: p90 of ~23k samples agrees to a few percent.
    expect(Math.abs(approx - exact) / exact).toBeLessThan(0.03)
    const avg = series(agg, 'Duration', 'Average', d, 3600).values[0] as number
    expect(avg).toBeGreaterThan(100)
    expect(avg).toBeLessThan(125)
  })
})

describe('count samplers', () => {
  const moments = (draw: () => number, n = 20_000) => {
    let s = 0
    let s2 = 0
    for (let i = 0; i < n; i++) {
      const x = draw()
      s += x
      s2 += x * x
    }
    const m = s / n
    return { mean: m, variance: s2 / n - m * m }
  }

  it.each([0.5, 8, 30, 1200])('poisson(%p) has the right mean and variance', lambda => {
    const r = new Rng(1, `poisson-${lambda}`)
    const { mean, variance } = moments(() => poisson(() => r.next(), lambda))
    expect(Math.abs(mean - lambda)).toBeLessThan(5 * Math.sqrt(lambda / 20_000))
    expect(Math.abs(variance / lambda - 1)).toBeLessThan(0.06)
  })

  it.each([
    [20, 0.3],
    [1000, 0.005],
    [1200, 0.1],
    [5000, 0.6]
  ])('binomial(%p, %p) has the right mean and variance', (n, p) => {
    const r = new Rng(1, `binomial-${n}-${p}`)
    const { mean, variance } = moments(() => binomial(() => r.next(), n, p))
    const v = n * p * (1 - p)
    expect(Math.abs(mean - n * p)).toBeLessThan(5 * Math.sqrt(v / 20_000))
    expect(Math.abs(variance / v - 1)).toBeLessThan(0.06)
  })
})
