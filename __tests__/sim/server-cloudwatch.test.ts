/**
 * The simulator's CloudWatch API, scripted faults, inspection endpoints and unknown operations over HTTP,
 * driven by the real AWS SDK v3 clients, in virtual time (ManualClock).
 */
import { afterAll, describe, expect, it } from '@jest/globals'
import { DescribeAlarmsCommand, GetMetricDataCommand, PutMetricDataCommand } from '@aws-sdk/client-cloudwatch'
import {
  GetAliasCommand,
  PreconditionFailedException,
  ServiceException,
  TooManyRequestsException,
  UpdateAliasCommand
} from '@aws-sdk/client-lambda'
import { isThrottlingError } from '@smithy/core/retry'
import type { CallRecord } from '../../sim/server.js'
import { baseScenario, dims } from './helpers.js'
import { closeAll, failure, start } from './http.js'

afterAll(closeAll)

describe('CloudWatch API', () => {
  it('GetMetricData: exact dimensions, period = window, lag, ScanBy, epoch-second timestamps', async () => {
    const { sim, clock, lambda, cw } = await start(baseScenario({ metrics: { periodSeconds: 1, lagSeconds: 2 } }))
    const t0 = clock.now()
    clock.advance(5000)
    await lambda.send(
      new UpdateAliasCommand({ FunctionName: 'fn', Name: 'live', RoutingConfig: { AdditionalVersionWeights: { '2': 0.5 } } })
    )
    clock.advance(20_000) // t = 25 s
    const live = { FunctionName: 'fn', Resource: 'fn:live' }
    const q = (id: string, d: Record<string, string>, period: number, stat = 'Sum') => ({
      Id: id,
      MetricStat: { Metric: { Namespace: 'AWS/Lambda', MetricName: 'Invocations', Dimensions: dims(d) }, Period: period, Stat: stat }
    })
    const r = await cw.send(
      new GetMetricDataCommand({
        StartTime: new Date(t0 + 5000),
        EndTime: new Date(t0 + 25_000),
        ScanBy: 'TimestampAscending',
        MetricDataQueries: [
          q('alias', live, 20),
          q('v2', { ...live, ExecutedVersion: '2' }, 20),
          q('v1', { ...live, ExecutedVersion: '1' }, 20),
          q('wrong', { FunctionName: 'fn', ExecutedVersion: '2' }, 20),
          q('persec', live, 1)
        ]
      })
    )
    const res = Object.fromEntries((r.MetricDataResults ?? []).map(m => [m.Id, m]))
    // Lag 2 s: of [5, 25) only buckets ending by t=23 are visible -> one period (the whole window) with 18 s of data.
    expect(res.alias?.Timestamps).toEqual([new Date(t0 + 5000)])
    expect(res.alias?.StatusCode).toBe('Complete')
    const total = res.alias?.Values?.[0] as number
    expect(total).toBeGreaterThan(18 * 200 * 0.85)
    expect(total).toBeLessThan(18 * 200 * 1.15)
    expect((res.v1?.Values?.[0] as number) + (res.v2?.Values?.[0] as number)).toBe(total)
    expect(res.wrong?.Values).toEqual([])
    expect(res.persec?.Timestamps).toHaveLength(18)
    expect(res.persec?.Timestamps?.[17]).toEqual(new Date(t0 + 22_000))
    // Two seconds later the next datapoint has arrived.
    clock.advance(1000)
    const later = await cw.send(
      new GetMetricDataCommand({
        StartTime: new Date(t0 + 5000),
        EndTime: new Date(t0 + 26_000),
        MetricDataQueries: [q('persec', live, 1)]
      })
    )
    expect(later.MetricDataResults?.[0]?.Timestamps?.[0]).toEqual(new Date(t0 + 23_000)) // default ScanBy is TimestampDescending
    expect(sim.calls().filter(c => c.operation === 'GetMetricData')).toHaveLength(2)
  })

  it('GetMetricData percentiles through the SDK', async () => {
    const { clock, cw } = await start(
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
    const t0 = clock.now()
    clock.advance(60_000)
    const r = await cw.send(
      new GetMetricDataCommand({
        StartTime: new Date(t0),
        EndTime: new Date(t0 + 60_000),
        MetricDataQueries: ['p50', 'p99', 'p99.9'].map((stat, i) => ({
          Id: `q${i}`,
          MetricStat: {
            Metric: {
              Namespace: 'AWS/Lambda',
              MetricName: 'Duration',
              Dimensions: dims({ FunctionName: 'fn', Resource: 'fn:live', ExecutedVersion: '1' })
            },
            Period: 60,
            Stat: stat
          }
        }))
      })
    )
    const [p50, p99, p999] = (r.MetricDataResults ?? []).map(m => m.Values?.[0] as number)
    expect(p50).toBeGreaterThan(37)
    expect(p50).toBeLessThan(43)
    expect(p99).toBeGreaterThan(155)
    expect(p99).toBeLessThan(210)
    expect(p999).toBeGreaterThan(p99 as number)
  })

  it('DescribeAlarms follows the scripted alarm states', async () => {
    const { clock, cw } = await start('alarm')
    const state = async () => (await cw.send(new DescribeAlarmsCommand({ AlarmNames: ['demo-api-live-errors'] }))).MetricAlarms?.[0]
    expect((await state())?.StateValue).toBe('OK')
    clock.advance(10_000)
    const a = await state()
    expect(a?.StateValue).toBe('ALARM')
    expect(a?.StateUpdatedTimestamp).toEqual(new Date(clock.now()))
    clock.advance(30_000)
    expect((await state())?.StateValue).toBe('OK')
    expect((await cw.send(new DescribeAlarmsCommand({ AlarmNames: ['nope'] }))).MetricAlarms).toEqual([])
  })
})

describe('faults', () => {
  it('surfaces scripted throttling as the SDK throttling errors (retries disabled)', async () => {
    const { lambda, cw, sim } = await start(
      baseScenario({
        faults: [
          { type: 'throttle', service: 'lambda', operations: ['UpdateAlias'], maxCount: 1 },
          { type: 'throttle', service: 'cloudwatch', operations: ['GetMetricData'], windows: [{ from: 0, to: 10 }] }
        ]
      })
    )
    const e1 = await failure(lambda.send(new UpdateAliasCommand({ FunctionName: 'fn', Name: 'live', FunctionVersion: '2' })))
    expect(e1).toBeInstanceOf(TooManyRequestsException)
    expect(e1.$metadata.httpStatusCode).toBe(429)
    expect(isThrottlingError(e1 as never)).toBe(true)
    expect((await lambda.send(new GetAliasCommand({ FunctionName: 'fn', Name: 'live' }))).FunctionVersion).toBe('1') // not applied
    await lambda.send(new UpdateAliasCommand({ FunctionName: 'fn', Name: 'live', FunctionVersion: '2' })) // maxCount reached
    const e2 = await failure(
      cw.send(
        new GetMetricDataCommand({
          StartTime: new Date(Date.now() - 60_000),
          EndTime: new Date(),
          MetricDataQueries: [
            { Id: 'a', MetricStat: { Metric: { Namespace: 'AWS/Lambda', MetricName: 'Errors' }, Period: 60, Stat: 'Sum' } }
          ]
        })
      )
    )
    expect(e2.name).toBe('Throttling')
    expect(e2.$metadata.httpStatusCode).toBe(400)
    expect(isThrottlingError(e2 as never)).toBe(true)
    expect(sim.calls().map(c => [c.operation, c.status, c.fault ?? null])).toEqual([
      ['UpdateAlias', 429, 'throttle'],
      ['GetAlias', 200, null],
      ['UpdateAlias', 200, null],
      ['GetMetricData', 400, 'throttle']
    ])
  })

  it('afterCommit faults change state but answer 5xx (ambiguous failure)', async () => {
    const { lambda, sim } = await start(
      baseScenario({ faults: [{ type: 'server-error', status: 503, operations: ['UpdateAlias'], afterCommit: true, maxCount: 1 }] })
    )
    const e = await failure(lambda.send(new UpdateAliasCommand({ FunctionName: 'fn', Name: 'live', FunctionVersion: '2' })))
    expect(e).toBeInstanceOf(ServiceException)
    expect(e.$metadata.httpStatusCode).toBe(503)
    expect((await lambda.send(new GetAliasCommand({ FunctionName: 'fn', Name: 'live' }))).FunctionVersion).toBe('2')
    expect(sim.calls()[0]).toMatchObject({ operation: 'UpdateAlias', status: 503, changedState: true, fault: 'server-error' })
  })

  it('a concurrent writer at time T invalidates the RevisionId', async () => {
    const { lambda, clock } = await start('concurrent-writer')
    const a = await lambda.send(new GetAliasCommand({ FunctionName: 'demo-api', Name: 'live' }))
    const b = await lambda.send(
      new UpdateAliasCommand({
        FunctionName: 'demo-api',
        Name: 'live',
        RevisionId: a.RevisionId,
        RoutingConfig: { AdditionalVersionWeights: { '2': 0.1 } }
      })
    )
    clock.advance(8000)
    const e = await failure(
      lambda.send(
        new UpdateAliasCommand({
          FunctionName: 'demo-api',
          Name: 'live',
          RevisionId: b.RevisionId,
          RoutingConfig: { AdditionalVersionWeights: { '2': 0.5 } }
        })
      )
    )
    expect(e).toBeInstanceOf(PreconditionFailedException)
    const now = await lambda.send(new GetAliasCommand({ FunctionName: 'demo-api', Name: 'live' }))
    expect(now).toMatchObject({ FunctionVersion: '1', Description: 'hotfix by on-call (another writer)' })
    expect(now.RoutingConfig).toBeUndefined()
  })
})

describe('inspection and unknown operations', () => {
  it('serves /_sim/state, /_sim/calls, /_sim/reset and /_sim/advance', async () => {
    const { sim, lambda } = await start('healthy')
    await lambda.send(
      new UpdateAliasCommand({ FunctionName: 'demo-api', Name: 'live', RoutingConfig: { AdditionalVersionWeights: { '2': 0.2 } } })
    )
    await lambda.send(new GetAliasCommand({ FunctionName: 'demo-api', Name: 'live' }))
    const adv = (await (await fetch(`${sim.url}/_sim/advance?seconds=2.5`, { method: 'POST' })).json()) as { time: number }
    expect(adv.time).toBe(2.5)
    const state = (await (await fetch(`${sim.url}/_sim/state`)).json()) as {
      time: number
      functions: Array<{
        name: string
        versions: Array<{ version: string }>
        aliases: Array<{ name: string; functionVersion: string; routing: unknown; revisionId: string }>
      }>
    }
    expect(state.time).toBe(2.5)
    const fn = state.functions[0]
    expect(fn?.name).toBe('demo-api')
    expect(fn?.versions.map(v => v.version)).toEqual(['1', '2'])
    expect(fn?.aliases[0]).toMatchObject({ name: 'live', functionVersion: '1', routing: { '2': 0.2 } })
    expect(typeof fn?.aliases[0]?.revisionId).toBe('string')
    const calls = (await (await fetch(`${sim.url}/_sim/calls`)).json()) as CallRecord[]
    expect(calls.map(({ service, operation, changedState, status }) => ({ service, operation, changedState, status }))).toEqual([
      { service: 'lambda', operation: 'UpdateAlias', changedState: true, status: 200 },
      { service: 'lambda', operation: 'GetAlias', changedState: false, status: 200 }
    ])
    expect(calls[0]?.params).toMatchObject({
      FunctionName: 'demo-api',
      Name: 'live',
      RoutingConfig: { AdditionalVersionWeights: { '2': 0.2 } }
    })
    expect(typeof calls[0]?.time).toBe('number')
    const reset = await fetch(`${sim.url}/_sim/reset`, { method: 'POST' })
    expect(reset.status).toBe(200)
    expect(sim.calls()).toEqual([])
    expect((await lambda.send(new GetAliasCommand({ FunctionName: 'demo-api', Name: 'live' }))).RoutingConfig).toBeUndefined()
  })

  it('answers unknown operations with 400 UnknownOperationException, never success', async () => {
    const { sim, cw } = await start('healthy')
    const lambdaPath = await fetch(`${sim.url}/2015-03-31/functions/demo-api/concurrency`, { method: 'PUT', body: '{}' })
    expect(lambdaPath.status).toBe(400)
    expect(lambdaPath.headers.get('x-amzn-errortype')).toBe('UnknownOperationException')
    const other = await fetch(`${sim.url}/whatever`)
    expect(other.status).toBe(400)
    const e = await failure(cw.send(new PutMetricDataCommand({ Namespace: 'X', MetricData: [{ MetricName: 'm', Value: 1 }] })))
    expect(e.name).toBe('UnknownOperationException')
    expect(e.$metadata.httpStatusCode).toBe(400)
    expect(sim.calls().map(c => c.status)).toEqual([400, 400, 400])
    expect(sim.calls().every(c => !c.changedState)).toBe(true)
  })
})
