/**
 * The model's traffic: the alias's split, per-version metrics and counters, determinism — in virtual time, no HTTP.
 */
import { describe, expect, it } from '@jest/globals'
import { SimModel } from '../../sim/model.js'
import { baseScenario, dims, type MetricDataOut, ORIGIN_S, query } from './helpers.js'

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
    }) as unknown as MetricDataOut
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
        }) as unknown as MetricDataOut
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
    const fine = run([...Array.from({ length: 50 }, (_, i) => Math.min(i * 0.1, 5)), 5, 7.77, 13.1, 20])
    expect(fine).toEqual(coarse)
  })

  it('differs for another seed', () => {
    expect(run([5, 20], 8).stats).not.toEqual(run([5, 20], 7).stats)
  })
})
