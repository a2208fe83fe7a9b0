/**
 * The pure traffic/metrics model, driven in virtual time (no HTTP, no sleeping).
 */
import { describe, expect, it } from '@jest/globals'
import { MetricStore, nearestRank } from '../../sim/metrics.js'
import { DEFAULT_ORIGIN_EPOCH_MS, SimModel } from '../../sim/model.js'
import { parseScenario, ScenarioError } from '../../sim/scenario.js'
import { baseScenario, dims } from './helpers.js'

const ORIGIN_S = DEFAULT_ORIGIN_EPOCH_MS / 1000

type Out = { MetricDataResults: Array<{ Timestamps: number[]; Values: number[]; StatusCode: string }> }

function query(
  m: SimModel,
  metric: string,
  d: Record<string, string>,
  stat: string,
  from: number,
  to: number,
  period: number,
  extra: Record<string, unknown> = {}
) {
  const out = m.getMetricData({
    StartTime: ORIGIN_S + from,
    EndTime: ORIGIN_S + to,
    ScanBy: 'TimestampAscending',
    MetricDataQueries: [
      {
        Id: 'q',
        MetricStat: { Metric: { Namespace: 'AWS/Lambda', MetricName: metric, Dimensions: dims(d) }, Period: period, Stat: stat },
        ...extra
      }
    ]
  }) as unknown as Out
  const r = out.MetricDataResults[0]
  if (!r) throw new Error('no result')
  return { ts: r.Timestamps.map(t => t - ORIGIN_S), values: r.Values }
}

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0)

describe('traffic split and per-version metrics', () => {
  it('splits alias traffic by the current weights and publishes per-version series', () => {
    const m = new SimModel(baseScenario())
    m.advanceTo(10) // 10 s on version 1 only
    m.updateAlias({ FunctionName: 'fn', Name: 'live', RoutingConfig: { AdditionalVersionWeights: { '2': 0.25 } } })
    m.advanceTo(110)
    const live = { FunctionName: 'fn', Resource: 'fn:live' }
    const v2 = query(m, 'Invocations', { ...live, ExecutedVersion: '2' }, 'Sum', 10, 110, 100)
    const all = query(m, 'Invocations', live, 'Sum', 10, 110, 100)
    expect(all.values).toHaveLength(1)
    const total = all.values[0] as number
    expect(total).toBeGreaterThan(19_000)
    expect(total).toBeLessThan(21_000)
    const share = (v2.values[0] as number) / total
    expect(share).toBeGreaterThan(0.23)
    expect(share).toBeLessThan(0.27)
    // Before the weight change nothing ran on version 2.
    expect(query(m, 'Invocations', { ...live, ExecutedVersion: '2' }, 'Sum', 0, 10, 10).values).toEqual([])
    // Per-version error rates reflect each version's behaviour.
    const v2err = query(m, 'Errors', { ...live, ExecutedVersion: '2' }, 'Average', 10, 110, 100).values[0] as number
    const v1err = query(m, 'Errors', { ...live, ExecutedVersion: '1' }, 'Average', 10, 110, 100).values[0] as number
    expect(v2err).toBeGreaterThan(0.27)
    expect(v2err).toBeLessThan(0.33)
    expect(v1err).toBeLessThan(0.02)
    // Counters agree with the metrics.
    const totals = m.versionTotals('fn')
    expect((totals['1']?.invocations ?? 0) + (totals['2']?.invocations ?? 0)).toBe(
      query(m, 'Invocations', live, 'Sum', 0, 110, 110).values[0] as number
    )
  })

  it('matches dimension sets exactly, like CloudWatch', () => {
    const m = new SimModel(baseScenario())
    m.updateAlias({ FunctionName: 'fn', Name: 'live', RoutingConfig: { AdditionalVersionWeights: { '2': 0.5 } } })
    m.advanceTo(20)
    const total = query(m, 'Invocations', { FunctionName: 'fn' }, 'Sum', 0, 20, 20).values[0] as number
    const byAlias = query(m, 'Invocations', { FunctionName: 'fn', Resource: 'fn:live' }, 'Sum', 0, 20, 20).values[0] as number
    const v1 = query(m, 'Invocations', { FunctionName: 'fn', Resource: 'fn:live', ExecutedVersion: '1' }, 'Sum', 0, 20, 20)
      .values[0] as number
    const v2 = query(m, 'Invocations', { ExecutedVersion: '2', Resource: 'fn:live', FunctionName: 'fn' }, 'Sum', 0, 20, 20)
      .values[0] as number
    expect(total).toBe(byAlias)
    expect(v1 + v2).toBe(byAlias)
    expect(v1).toBeGreaterThan(0)
    expect(v2).toBeGreaterThan(0)
    // Subsets/supersets of a published dimension set are different metrics: no data.
    expect(query(m, 'Invocations', { FunctionName: 'fn', ExecutedVersion: '2' }, 'Sum', 0, 20, 20).values).toEqual([])
    expect(query(m, 'Invocations', { Resource: 'fn:live' }, 'Sum', 0, 20, 20).values).toEqual([])
    expect(query(m, 'Invocations', { FunctionName: 'fn', Resource: 'fn:2' }, 'Sum', 0, 20, 20).values).toEqual([])
    // The account-wide aggregate has no dimensions.
    expect(query(m, 'Invocations', {}, 'Sum', 0, 20, 20).values[0]).toBe(total)
    // Unit must match when given.
    expect(query(m, 'Invocations', { FunctionName: 'fn' }, 'Sum', 0, 20, 20).values).toHaveLength(1)
    const wrongUnit = m.getMetricData({
      StartTime: ORIGIN_S,
      EndTime: ORIGIN_S + 20,
      MetricDataQueries: [
        {
          Id: 'q',
          MetricStat: {
            Metric: { Namespace: 'AWS/Lambda', MetricName: 'Invocations', Dimensions: dims({ FunctionName: 'fn' }) },
            Period: 20,
            Stat: 'Sum',
            Unit: 'Seconds'
          }
        }
      ]
    }) as unknown as Out
    expect(wrongUnit.MetricDataResults[0]?.Values).toEqual([])
  })

  it('publishes direct version invocations under Resource=fn:N and throttles without ExecutedVersion', () => {
    const m = new SimModel(
      baseScenario({
        traffic: [
          { function: 'fn', qualifier: '2', ratePerSecond: 50 },
          { function: 'fn', qualifier: 'live', ratePerSecond: 100, throttleRate: 0.1 }
        ]
      })
    )
    m.advanceTo(30)
    const direct = query(m, 'Invocations', { FunctionName: 'fn', Resource: 'fn:2' }, 'Sum', 0, 30, 30).values[0] as number
    expect(direct).toBeGreaterThan(1200)
    expect(query(m, 'Invocations', { FunctionName: 'fn', Resource: 'fn:2', ExecutedVersion: '2' }, 'Sum', 0, 30, 30).values).toEqual([])
    const throttles = query(m, 'Throttles', { FunctionName: 'fn', Resource: 'fn:live' }, 'Sum', 0, 30, 30).values[0] as number
    expect(throttles).toBeGreaterThan(200)
    expect(throttles).toBeLessThan(400)
    expect(query(m, 'Throttles', { FunctionName: 'fn', Resource: 'fn:live', ExecutedVersion: '1' }, 'Sum', 0, 30, 30).values).toEqual([])
  })

  it('mirrors alias metrics into custom gate metrics (e.g. AWS/ApiGateway 5XXError)', () => {
    const m = new SimModel(
      baseScenario({
        metrics: {
          periodSeconds: 1,
          lagSeconds: 0,
          custom: [
            {
              namespace: 'AWS/ApiGateway',
              metricName: '5XXError',
              dimensions: { ApiName: 'demo' },
              source: { function: 'fn', qualifier: 'live', metric: 'Errors' }
            },
            {
              namespace: 'AWS/ApiGateway',
              metricName: 'Latency',
              dimensions: { ApiName: 'demo' },
              source: { function: 'fn', qualifier: 'live', metric: 'Duration' }
            }
          ]
        }
      })
    )
    m.updateAlias({ FunctionName: 'fn', Name: 'live', FunctionVersion: '2' })
    m.advanceTo(10)
    const gw = (metric: string, stat: string) =>
      (
        m.getMetricData({
          StartTime: ORIGIN_S,
          EndTime: ORIGIN_S + 10,
          MetricDataQueries: [
            {
              Id: 'g',
              MetricStat: {
                Metric: { Namespace: 'AWS/ApiGateway', MetricName: metric, Dimensions: dims({ ApiName: 'demo' }) },
                Period: 10,
                Stat: stat
              }
            }
          ]
        }) as unknown as Out
      ).MetricDataResults[0]?.Values[0]
    expect(gw('5XXError', 'Sum')).toBe(query(m, 'Errors', { FunctionName: 'fn', Resource: 'fn:live' }, 'Sum', 0, 10, 10).values[0])
    expect(gw('Latency', 'Maximum')).toBe(50)
  })

  it('honours traffic schedules and behaviour phases', () => {
    const m = new SimModel(
      baseScenario({
        traffic: [{ function: 'fn', qualifier: 'live', ratePerSecond: 100, schedule: [{ at: 10, ratePerSecond: 0 }] }],
        functions: [
          {
            name: 'fn',
            role: 'r',
            versions: [{ version: '1', behavior: { errorRate: 0, latency: { constantMs: 5 }, phases: [{ at: 5, errorRate: 1 }] } }],
            aliases: [{ name: 'live', functionVersion: '1' }]
          }
        ]
      })
    )
    m.advanceTo(20)
    const inv = query(m, 'Invocations', { FunctionName: 'fn' }, 'Sum', 0, 20, 5)
    expect(inv.ts).toEqual([0, 5]) // nothing after t=10
    const err = query(m, 'Errors', { FunctionName: 'fn' }, 'Average', 0, 20, 5)
    expect(err.values).toEqual([0, 1])
  })
})

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
    }) as unknown as Out
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
      const page = m.getMetricData(token ? { ...base, NextToken: token } : base) as unknown as Out & { NextToken?: string }
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

describe('determinism', () => {
  const run = (steps: number[], seed?: number) => {
    const m = new SimModel(baseScenario(seed === undefined ? {} : { seed }))
    for (const t of steps) {
      m.advanceTo(t)
      if (t === 5) m.updateAlias({ FunctionName: 'fn', Name: 'live', RoutingConfig: { AdditionalVersionWeights: { '2': 0.1 } } })
    }
    return { stats: m.stats(), p99: query(m, 'Duration', { FunctionName: 'fn' }, 'p99', 0, 20, 1).values }
  }

  it('is identical for the same seed regardless of how time is advanced', () => {
    const coarse = run([5, 20])
    const fine = run([...Array.from({ length: 50 }, (_, i) => (i * 0.1 <= 5 ? i * 0.1 : 5)), 5, 7.77, 13.1, 20])
    expect(fine).toEqual(coarse)
  })

  it('differs for another seed', () => {
    expect(run([5, 20], 8).stats).not.toEqual(run([5, 20], 7).stats)
  })
})

describe('alarms and scripted events', () => {
  it('scripts alarm states over time', () => {
    const m = new SimModel(
      baseScenario({
        alarms: [
          {
            name: 'a1',
            transitions: [
              { at: 10, state: 'ALARM', reason: 'boom' },
              { at: 20, state: 'OK' }
            ]
          },
          { name: 'c1', type: 'composite', initialState: 'INSUFFICIENT_DATA' }
        ]
      })
    )
    const states = () =>
      (m.describeAlarms({ AlarmNames: ['a1'] }) as { MetricAlarms: Array<{ StateValue: string; StateReason: string }> }).MetricAlarms
    expect(states()[0]?.StateValue).toBe('OK')
    m.advanceTo(10)
    expect(states()[0]).toMatchObject({ StateValue: 'ALARM', StateReason: 'boom' })
    m.advanceTo(25)
    expect(states()[0]?.StateValue).toBe('OK')
    expect((m.describeAlarms({ StateValue: 'ALARM' }) as { MetricAlarms: unknown[] }).MetricAlarms).toHaveLength(0)
    const comp = m.describeAlarms({ AlarmTypes: ['CompositeAlarm'] }) as {
      CompositeAlarms: Array<{ StateValue: string }>
      MetricAlarms: unknown[]
    }
    expect(comp.CompositeAlarms[0]?.StateValue).toBe('INSUFFICIENT_DATA')
    expect(comp.MetricAlarms).toHaveLength(0)
    expect(() => m.describeAlarms({ AlarmNames: ['a1'], AlarmNamePrefix: 'a' })).toThrow(
      expect.objectContaining({ code: 'InvalidParameterCombination' })
    )
  })

  it('applies another writer at time T: new RevisionId, recorded in the history', () => {
    const m = new SimModel(
      baseScenario({ events: [{ at: 8, type: 'updateAlias', function: 'fn', alias: 'live', routing: {}, description: 'other writer' }] })
    )
    m.updateAlias({ FunctionName: 'fn', Name: 'live', RoutingConfig: { AdditionalVersionWeights: { '2': 0.1 } } })
    const rev = m.alias('fn', 'live')?.revisionId
    m.advanceTo(7.9)
    expect(m.alias('fn', 'live')?.routing).toEqual({ '2': 0.1 })
    m.advanceTo(8)
    expect(m.alias('fn', 'live')?.routing).toBeNull()
    expect(m.alias('fn', 'live')?.revisionId).not.toBe(rev)
    expect(m.aliasHistory.map(h => h.source)).toEqual(['initial', 'api', 'event'])
    expect(() =>
      m.updateAlias({ FunctionName: 'fn', Name: 'live', RevisionId: rev, RoutingConfig: { AdditionalVersionWeights: { '2': 0.5 } } })
    ).toThrow(expect.objectContaining({ code: 'PreconditionFailedException', status: 412 }))
  })

  it('publishes immutable snapshots of $LATEST', () => {
    const m = new SimModel(
      baseScenario({ events: [{ at: 5, type: 'updateLatest', function: 'fn', codeSha256: 'sha-3', behavior: { errorRate: 1 } }] })
    )
    // $LATEST == version 2: publishing returns version 2.
    expect(m.publishVersion({ FunctionName: 'fn' })).toMatchObject({ Version: '2' })
    m.advanceTo(5)
    expect(() => m.publishVersion({ FunctionName: 'fn', CodeSha256: 'sha-2' })).toThrow(
      expect.objectContaining({ code: 'InvalidParameterValueException', status: 400 })
    )
    const v3 = m.publishVersion({ FunctionName: 'fn', CodeSha256: 'sha-3', Description: 'three' })
    expect(v3).toMatchObject({ Version: '3', CodeSha256: 'sha-3', Description: 'three', Role: 'arn:aws:iam::123456789012:role/demo-role' })
    m.advanceTo(6)
    // Further $LATEST changes don't touch version 3.
    expect(m.getFunctionConfiguration({ FunctionName: 'fn', Qualifier: '3' })).toMatchObject({ CodeSha256: 'sha-3' })
  })
})

describe('function state events', () => {
  it('reports State/LastUpdateStatus changes and blocks publishing while an update is in progress', () => {
    const m = new SimModel(
      baseScenario({
        events: [
          { at: 0, type: 'setFunctionState', function: 'fn', state: 'Active', lastUpdateStatus: 'InProgress' },
          { at: 3, type: 'setFunctionState', function: 'fn', lastUpdateStatus: 'Successful' },
          { at: 4, type: 'setProvisionedConcurrency', function: 'fn', qualifier: 'live', config: { requested: 3, status: 'READY' } }
        ]
      })
    )
    expect(m.getFunctionConfiguration({ FunctionName: 'fn' })).toMatchObject({
      LastUpdateStatus: 'InProgress',
      LastUpdateStatusReasonCode: 'Updating'
    })
    expect(() => m.publishVersion({ FunctionName: 'fn' })).toThrow(
      expect.objectContaining({ code: 'ResourceConflictException', status: 409 })
    )
    expect(() => m.getProvisionedConcurrencyConfig({ FunctionName: 'fn', Qualifier: 'live' })).toThrow(
      expect.objectContaining({ code: 'ProvisionedConcurrencyConfigNotFoundException', status: 404 })
    )
    m.advanceTo(4)
    expect(m.getFunctionConfiguration({ FunctionName: 'fn' })).toMatchObject({ LastUpdateStatus: 'Successful' })
    expect(m.getProvisionedConcurrencyConfig({ FunctionName: 'fn', Qualifier: 'live' })).toMatchObject({
      RequestedProvisionedConcurrentExecutions: 3,
      AvailableProvisionedConcurrentExecutions: 3,
      Status: 'READY'
    })
    expect(m.eventLog.every(e => e.ok)).toBe(true)
  })
})

describe('scenario validation', () => {
  it('rejects structural and semantic problems with every problem listed', () => {
    expect(() => parseScenario({ functions: [{ name: 'fn', versions: [], bogus: 1 }] })).toThrow(ScenarioError)
    try {
      parseScenario(
        baseScenario({
          functions: [
            {
              name: 'fn',
              versions: [
                { version: '1', role: 'a' },
                { version: '2', role: 'b' }
              ],
              aliases: [{ name: 'live', functionVersion: '1', routing: { '2': 0.5 } }]
            }
          ],
          traffic: [{ function: 'nope', ratePerSecond: 1 }]
        })
      )
      throw new Error('expected a ScenarioError')
    } catch (e) {
      expect(e).toBeInstanceOf(ScenarioError)
      expect((e as ScenarioError).problems.join('\n')).toMatch(/different roles[\s\S]*unknown function nope/)
    }
  })
})
