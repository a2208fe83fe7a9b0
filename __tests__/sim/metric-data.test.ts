/**
 * GetMetricData on the model: its semantics (periods, lag, rounding, math, pagination) and percentiles.
 */
import { describe, expect, it } from '@jest/globals'
import { MetricStore, nearestRank } from '../../sim/cloudwatch/metric-store.js'
import { SimModel } from '../../sim/model.js'
import { baseScenario, dims, type MetricDataOut, ORIGIN_S, query, sum } from './helpers.js'

describe('GetMetricData semantics', () => {
  it('returns one datapoint when the Period equals the window, aggregating all of it', () => {
    const m = new SimModel(baseScenario())
    m.advanceTo(37)
    const perSecond = query(m, 'Invocations', { FunctionName: 'fn' }, 'Sum', 3, 37, 1)
    expect(perSecond.ts).toHaveLength(34)
    expect(perSecond.ts[0]).toBe(3)
    const whole = query(m, 'Invocations', { FunctionName: 'fn' }, 'Sum', 3, 37, 34)
    expect(whole.ts).toEqual([3])
    expect(whole.values[0]).toBe(sum(perSecond.values))
    const count = query(m, 'Duration', { FunctionName: 'fn' }, 'SampleCount', 3, 37, 34)
    expect(count.values[0]).toBe(whole.values[0])
  })

  it('omits periods without data and honours ScanBy', () => {
    const m = new SimModel(baseScenario({ traffic: [] }))
    m.advanceTo(1.5)
    m.invoke({ FunctionName: 'fn', Qualifier: 'live' })
    m.advanceTo(4.2)
    m.invoke({ FunctionName: 'fn', Qualifier: 'live' })
    m.advanceTo(10)
    expect(query(m, 'Invocations', { FunctionName: 'fn' }, 'Sum', 0, 10, 1).ts).toEqual([1, 4])
    const desc = m.getMetricData({
      StartTime: ORIGIN_S,
      EndTime: ORIGIN_S + 10,
      MetricDataQueries: [
        {
          Id: 'q',
          MetricStat: {
            Metric: { Namespace: 'AWS/Lambda', MetricName: 'Invocations', Dimensions: dims({ FunctionName: 'fn' }) },
            Period: 1,
            Stat: 'Sum'
          }
        }
      ]
    }) as unknown as MetricDataOut
    expect(desc.MetricDataResults[0]?.Timestamps.map(t => t - ORIGIN_S)).toEqual([4, 1]) // default TimestampDescending
    expect(desc.MetricDataResults[0]?.StatusCode).toBe('Complete')
  })

  it('makes a datapoint visible only after its ingestion lag', () => {
    const m = new SimModel(baseScenario({ traffic: [], metrics: { periodSeconds: 1, lagSeconds: 2 } }))
    m.advanceTo(0.5)
    m.invoke({ FunctionName: 'fn', Qualifier: 'live' }) // bucket [0,1) -> visible at 1 + 2 = 3
    m.advanceTo(2.999)
    expect(query(m, 'Invocations', { FunctionName: 'fn' }, 'Sum', 0, 10, 1).values).toEqual([])
    m.advanceTo(3)
    expect(query(m, 'Invocations', { FunctionName: 'fn' }, 'Sum', 0, 10, 1).values).toEqual([1])
  })

  it('draws lag per period within [min, max], deterministically', () => {
    const a = new SimModel(baseScenario({ metrics: { periodSeconds: 1, lagSeconds: { min: 1, max: 2 } } }))
    const b = new SimModel(baseScenario({ metrics: { periodSeconds: 1, lagSeconds: { min: 1, max: 2 } } }))
    a.advanceTo(30)
    b.advanceTo(1)
    const s = a.metrics.findSeries('AWS/Lambda', 'Invocations', { FunctionName: 'fn' })
    const s2 = b.metrics.findSeries('AWS/Lambda', 'Invocations', { FunctionName: 'fn' })
    if (!s || !s2) throw new Error('series missing')
    const lags = new Set<number>()
    for (let k = 0; k < 30; k++) {
      const idx = Math.floor(ORIGIN_S) + k
      const lag = a.metrics.visibleAt(s, idx) - (idx + 1)
      expect(lag).toBeGreaterThanOrEqual(1)
      expect(lag).toBeLessThanOrEqual(2)
      expect(b.metrics.visibleAt(s2, idx)).toBe(a.metrics.visibleAt(s, idx))
      lags.add(Math.round(lag * 1000))
    }
    expect(lags.size).toBeGreaterThan(10)
    // With lag 1-2 s, the newest visible per-second datapoint trails "now" by 2-3 s.
    const r = query(a, 'Invocations', { FunctionName: 'fn' }, 'Sum', 0, 30, 1)
    const newest = r.ts[r.ts.length - 1] as number
    expect(newest).toBeGreaterThanOrEqual(27)
    expect(newest).toBeLessThanOrEqual(28)
  })

  it('rounds StartTime like CloudWatch when asked to', () => {
    const m = new SimModel(baseScenario({ metrics: { periodSeconds: 1, lagSeconds: 0, startTimeRounding: 'aws' } }))
    m.advanceTo(130)
    expect(query(m, 'Invocations', { FunctionName: 'fn' }, 'Sum', 75, 130, 60).ts).toEqual([60, 120])
    expect(query(m, 'Invocations', { FunctionName: 'fn' }, 'Sum', 77, 90, 10).ts).toEqual([70, 80])
  })

  it('validates queries like CloudWatch', () => {
    const m = new SimModel(baseScenario())
    const q = (over: Record<string, unknown>) => () =>
      m.getMetricData({
        StartTime: ORIGIN_S,
        EndTime: ORIGIN_S + 10,
        MetricDataQueries: [
          { Id: 'q', MetricStat: { Metric: { Namespace: 'AWS/Lambda', MetricName: 'Errors' }, Period: 1, Stat: 'Sum' }, ...over }
        ]
      })
    expect(q({ Id: 'Bad-Id' })).toThrow(expect.objectContaining({ code: 'ValidationError', status: 400 }))
    expect(q({ MetricStat: { Metric: { Namespace: 'AWS/Lambda', MetricName: 'Errors' }, Period: 1, Stat: 'median' } })).toThrow(
      expect.objectContaining({ code: 'ValidationError' })
    )
    expect(q({ MetricStat: undefined, Expression: 'FILL(m1, 0)' })).toThrow(expect.objectContaining({ code: 'ValidationError' }))
    expect(q({ MetricStat: undefined, Expression: 'nope * 2' })).toThrow(expect.objectContaining({ code: 'ValidationError' }))
    expect(q({ Expression: 'q * 2' })).toThrow(expect.objectContaining({ code: 'ValidationError' })) // both MetricStat and Expression
    expect(() =>
      m.getMetricData({
        StartTime: ORIGIN_S + 10,
        EndTime: ORIGIN_S,
        MetricDataQueries: [{ Id: 'q', MetricStat: { Metric: { Namespace: 'A', MetricName: 'B' }, Period: 1, Stat: 'Sum' } }]
      })
    ).toThrow(expect.objectContaining({ code: 'ValidationError' }))
  })

  it('evaluates simple metric math over other queries (+ - * / and parentheses)', () => {
    const m = new SimModel(baseScenario())
    m.updateAlias({ FunctionName: 'fn', Name: 'live', FunctionVersion: '2' })
    m.advanceTo(20)
    const stat = (id: string, metric: string) => ({
      Id: id,
      ReturnData: false,
      MetricStat: {
        Metric: { Namespace: 'AWS/Lambda', MetricName: metric, Dimensions: dims({ FunctionName: 'fn' }) },
        Period: 5,
        Stat: 'Sum'
      }
    })
    const out = m.getMetricData({
      StartTime: ORIGIN_S,
      EndTime: ORIGIN_S + 20,
      ScanBy: 'TimestampAscending',
      MetricDataQueries: [
        { Id: 'rate', Expression: '100 * err / (inv - 0)', Label: 'error %' },
        stat('err', 'Errors'),
        stat('inv', 'Invocations')
      ]
    }) as unknown as { MetricDataResults: Array<{ Id: string; Label: string; Values: number[]; Timestamps: number[] }> }
    expect(out.MetricDataResults.map(r => r.Id)).toEqual(['rate'])
    const r = out.MetricDataResults[0]
    expect(r?.Label).toBe('error %')
    expect(r?.Timestamps.map(t => t - ORIGIN_S)).toEqual([0, 5, 10, 15])
    const err = query(m, 'Errors', { FunctionName: 'fn' }, 'Sum', 0, 20, 5).values
    const inv = query(m, 'Invocations', { FunctionName: 'fn' }, 'Sum', 0, 20, 5).values
    expect(r?.Values).toEqual(err.map((e, i) => (100 * e) / (inv[i] as number)))
  })

  it('paginates with MaxDatapoints/NextToken', () => {
    const m = new SimModel(baseScenario())
    m.advanceTo(10)
    const base = {
      StartTime: ORIGIN_S,
      EndTime: ORIGIN_S + 10,
      ScanBy: 'TimestampAscending',
      MaxDatapoints: 4,
      MetricDataQueries: [
        {
          Id: 'q',
          MetricStat: {
            Metric: { Namespace: 'AWS/Lambda', MetricName: 'Invocations', Dimensions: dims({ FunctionName: 'fn' }) },
            Period: 1,
            Stat: 'Sum'
          }
        }
      ]
    }
    const seen: number[] = []
    let token: string | undefined
    for (let i = 0; i < 5; i++) {
      const page = m.getMetricData(token ? { ...base, NextToken: token } : base) as unknown as MetricDataOut & { NextToken?: string }
      seen.push(...(page.MetricDataResults[0]?.Timestamps ?? []).map(t => t - ORIGIN_S))
      token = page.NextToken
      if (!token) break
    }
    expect(seen).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9])
  })
})

describe('percentiles', () => {
  it('computes nearest-rank percentiles over all raw samples in a period', () => {
    const store = new MetricStore({ resolution: 1, lag: () => 0 })
    const s = store.getSeries({ namespace: 'N', metricName: 'D', dimensions: {}, unit: 'Milliseconds', binary: false })
    // 100 samples spread over 10 one-second buckets.
    for (let i = 1; i <= 100; i++) store.add(s, 1000 + ((i * 7) % 10), i)
    const q = (stat: string, period: number) =>
      store.query({ namespace: 'N', metricName: 'D', dimensions: {}, period, stat }, { start: 1000, end: 1010, now: 2000 }).values
    expect(q('p50', 10)).toEqual([50])
    expect(q('p90', 10)).toEqual([90])
    expect(q('p99', 10)).toEqual([99])
    expect(q('p99.9', 10)).toEqual([100])
    expect(q('p100', 10)).toEqual([100])
    expect(q('Average', 10)).toEqual([50.5])
    expect(q('Minimum', 10)).toEqual([1])
    expect(q('Maximum', 10)).toEqual([100])
    expect(q('SampleCount', 10)).toEqual([100])
    expect(q('Sum', 10)).toEqual([5050])
    expect(q('p50', 1)).toHaveLength(10)
    expect(nearestRank([1, 2, 3, 4], 50)).toBe(2)
  })

  it('reproduces the scenario latency distribution (log-normal by median and p99)', () => {
    const m = new SimModel(
      baseScenario({
        functions: [
          {
            name: 'fn',
            role: 'r',
            versions: [{ version: '1', behavior: { latency: { medianMs: 40, p99Ms: 180 } } }],
            aliases: [{ name: 'live', functionVersion: '1' }]
          }
        ]
      })
    )
    m.advanceTo(100)
    const p50 = query(m, 'Duration', { FunctionName: 'fn' }, 'p50', 0, 100, 100).values[0] as number
    const p99 = query(m, 'Duration', { FunctionName: 'fn' }, 'p99', 0, 100, 100).values[0] as number
    expect(p50).toBeGreaterThan(38)
    expect(p50).toBeLessThan(42)
    expect(p99).toBeGreaterThan(160)
    expect(p99).toBeLessThan(200)
  })

  it('computes percentiles of 0/1 count metrics', () => {
    const m = new SimModel(baseScenario())
    m.updateAlias({ FunctionName: 'fn', Name: 'live', FunctionVersion: '2' }) // 30% errors
    m.advanceTo(20)
    expect(query(m, 'Errors', { FunctionName: 'fn' }, 'p50', 0, 20, 20).values).toEqual([0])
    expect(query(m, 'Errors', { FunctionName: 'fn' }, 'p90', 0, 20, 20).values).toEqual([1])
  })
})
