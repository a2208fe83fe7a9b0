/**
 * CloudWatch's range statistics on the simulator: percentile rank PR(a:b) (the percentage of values v with
 * a < v <= b), trimmed count TC(a:b) and trimmed mean TM(a:b) with absolute bounds, from raw samples, from
 * the aggregated path's histograms, and through GetMetricData.
 */
import { describe, expect, it } from '@jest/globals'
import { MetricStore, parseStat, type Series } from '../../sim/cloudwatch/metric-store.js'
import { SimModel } from '../../sim/model.js'
import { LatencySampler } from '../../sim/traffic/latency-sampler.js'
import { Rng } from '../../sim/rng.js'
import { baseScenario, query } from './helpers.js'

const DURATION = {
  namespace: 'AWS/Lambda',
  metricName: 'Duration',
  dimensions: { FunctionName: 'fn' },
  unit: 'Milliseconds',
  binary: false
}

function store(histograms: boolean): { s: MetricStore; series: Series } {
  const s = new MetricStore({ resolution: 60, lag: () => 0, histograms })
  return { s, series: s.getSeries(DURATION) }
}

function stat(s: MetricStore, name: string, start = 0, end = 180, period = 60) {
  return s.query({ ...DURATION, period, stat: name }, { start, end, now: 1e12 })
}

describe('parseStat: range statistics', () => {
  it('reads absolute bounds, either side open, and refuses the rest', () => {
    expect(parseStat('PR(:250)')).toEqual({ kind: 'PR', lo: Number.NEGATIVE_INFINITY, hi: 250 })
    expect(parseStat('PR(100:250)')).toEqual({ kind: 'PR', lo: 100, hi: 250 })
    expect(parseStat('PR(100:)')).toEqual({ kind: 'PR', lo: 100, hi: Number.POSITIVE_INFINITY })
    expect(parseStat('TC(0.005:0.030)')).toEqual({ kind: 'TC', lo: 0.005, hi: 0.03 })
    expect(parseStat('tm(150:1000)')).toEqual({ kind: 'TM', lo: 150, hi: 1000 })
    for (const bad of ['PR(:)', 'PR(250:100)', 'PR(10%:90%)', 'PR250', 'TC(10%:90%)', 'XX(1:2)']) expect(parseStat(bad)).toBeNull()
  })
})

describe('range statistics from raw samples (hand-computed)', () => {
  // Period [0, 60): 100, 200, 250, 250.01, 400. Period [60, 120): nothing. Period [120, 180): 50.
  const { s, series } = store(false)
  for (const v of [100, 200, 250, 250.01, 400]) s.add(series, 10, v)
  s.add(series, 130, 50)

  it('PR(:T) is the percentage of values <= T (upper bound inclusive); no datapoint for an empty period', () => {
    expect(stat(s, 'PR(:250)')).toEqual({ timestamps: [0, 120], values: [60, 100] })
    expect(stat(s, 'PR(:50)').values).toEqual([0, 100])
  })

  it('PR(a:b) leaves out the lower bound', () => {
    expect(stat(s, 'PR(100:250)').values).toEqual([40, 0]) // 200 and 250 of five
    expect(stat(s, 'PR(250:)').values).toEqual([40, 0]) // 250.01 and 400
  })

  it('adds up across periods when weighted by the sample count', () => {
    // One 180 s period: 4 of the 6 values are <= 250.
    expect(stat(s, 'PR(:250)', 0, 180, 180).values[0]).toBeCloseTo((100 * 4) / 6, 12)
    const counts = stat(s, 'SampleCount').values
    const ranks = stat(s, 'PR(:250)').values
    const pooled = counts.reduce((a, n, i) => a + n * (ranks[i] as number), 0) / counts.reduce((a, n) => a + n, 0)
    expect(pooled).toBeCloseTo((100 * 4) / 6, 12)
  })

  it('TC counts and TM averages the values in the range; TM of nothing is no datapoint', () => {
    expect(stat(s, 'TC(100:250)').values).toEqual([2, 0])
    expect(stat(s, 'TM(100:250)')).toEqual({ timestamps: [0], values: [225] })
  })

  it('reads a binary series (Errors) as 0/1 values', () => {
    const b = new MetricStore({ resolution: 60, lag: () => 0 })
    const errors = b.getSeries({ ...DURATION, metricName: 'Errors', unit: 'Count', binary: true })
    b.addBatch(errors, 0, { count: 10, sum: 3, min: 0, max: 1 })
    const r = b.query({ ...DURATION, metricName: 'Errors', unit: 'Count', period: 60, stat: 'PR(:0)' }, { start: 0, end: 60, now: 1e12 })
    expect(r.values).toEqual([70])
  })
})

describe('range statistics from the aggregated path (histograms)', () => {
  it('is exact for constant latencies, the bound inclusive', () => {
    const { s, series } = store(true)
    s.addBatch(
      series,
      0,
      LatencySampler.constant(120).sample(() => 0.5, 10)
    )
    s.addBatch(
      series,
      0,
      LatencySampler.constant(300).sample(() => 0.5, 30)
    )
    expect(stat(s, 'PR(:120)').values).toEqual([25])
    expect(stat(s, 'PR(:250)').values).toEqual([25])
    expect(stat(s, 'PR(120:300)').values).toEqual([75])
    expect(stat(s, 'TM(:250)').values).toEqual([120])
  })

  it('agrees with the percentiles it stores beside (pN <= T exactly when PR(:T) >= N)', () => {
    const { s, series } = store(true)
    const rng = new Rng(3, 'pr')
    s.addBatch(
      series,
      0,
      LatencySampler.lognormal(Math.log(100), 0.47).sample(() => rng.next(), 20_000)
    )
    const p99 = stat(s, 'p99').values[0] as number
    expect(stat(s, `PR(:${p99})`).values[0]).toBeGreaterThanOrEqual(99)
    expect(stat(s, `PR(:${(p99 * 0.985).toFixed(4)})`).values[0]).toBeLessThan(99)
    // Log-normal, median 100 ms, sigma 0.47: P(D <= 250) = Φ(ln 2.5 / 0.47) ≈ 97.4%.
    expect(stat(s, 'PR(:250)').values[0]).toBeGreaterThan(97)
    expect(stat(s, 'PR(:250)').values[0]).toBeLessThan(97.8)
  })
})

describe('GetMetricData with range statistics', () => {
  it('answers PR for Duration per version, as the model recorded it', () => {
    // Version 1 at 10 ms constant: every invocation <= 250 ms, none <= 5 ms.
    const m = new SimModel(baseScenario())
    m.advanceTo(5)
    const d = { FunctionName: 'fn', Resource: 'fn:live', ExecutedVersion: '1' }
    expect(query(m, 'Duration', d, 'PR(:250)', 0, 4, 1).values).toEqual([100, 100, 100, 100])
    expect(query(m, 'Duration', d, 'PR(5:10)', 0, 4, 1).values).toEqual([100, 100, 100, 100])
    expect(query(m, 'Duration', d, 'PR(:5)', 0, 4, 1).values).toEqual([0, 0, 0, 0])
  })

  it('refuses a percentage bound as CloudWatch does for PR', () => {
    const m = new SimModel(baseScenario())
    m.advanceTo(2)
    expect(() => query(m, 'Duration', { FunctionName: 'fn' }, 'PR(10%:90%)', 0, 2, 1)).toThrow(/not supported/)
  })
})
