/**
 * The simulator over HTTP, driven by the real AWS SDK v3 clients, in virtual time (ManualClock).
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals'
import { CloudWatchClient, DescribeAlarmsCommand, GetMetricDataCommand, PutMetricDataCommand } from '@aws-sdk/client-cloudwatch'
import {
  CreateAliasCommand,
  GetAliasCommand,
  GetFunctionCommand,
  GetFunctionConfigurationCommand,
  GetProvisionedConcurrencyConfigCommand,
  InvalidParameterValueException,
  InvokeCommand,
  LambdaClient,
  ListAliasesCommand,
  ListVersionsByFunctionCommand,
  PreconditionFailedException,
  ProvisionedConcurrencyConfigNotFoundException,
  PublishVersionCommand,
  ResourceConflictException,
  ResourceNotFoundException,
  ServiceException,
  TooManyRequestsException,
  UpdateAliasCommand
} from '@aws-sdk/client-lambda'
import { isThrottlingError } from '@smithy/core/retry'
import { ManualClock } from '../../sim/clock.js'
import type { Scenario } from '../../sim/scenario.js'
import { startSimulator, type CallRecord, type RunningSimulator } from '../../sim/server.js'
import { baseScenario, dims, DLQ, ROLE, SDK_QUIET } from './helpers.js'

const running: RunningSimulator[] = []

async function start(scenario: Scenario | string, clock = new ManualClock()) {
  const sim = await startSimulator({ scenario, port: 0, clock })
  running.push(sim)
  const cfg = {
    endpoint: sim.url,
    region: 'us-east-1',
    credentials: { accessKeyId: 'x', secretAccessKey: 'x' },
    maxAttempts: 1,
    logger: SDK_QUIET
  }
  return { sim, clock, lambda: new LambdaClient(cfg), cw: new CloudWatchClient(cfg) }
}

afterAll(async () => {
  await Promise.all(running.map(s => s.close()))
})

/** Await a promise that must reject; returns the error. */
async function failure(p: Promise<unknown>): Promise<Error & { name: string; $metadata: { httpStatusCode?: number } }> {
  try {
    await p
  } catch (e) {
    return e as Error & { name: string; $metadata: { httpStatusCode?: number } }
  }
  throw new Error('expected the call to fail')
}

describe('Lambda API', () => {
  let env: Awaited<ReturnType<typeof start>>
  beforeAll(async () => {
    env = await start(
      baseScenario({
        functions: [
          {
            name: 'fn',
            role: ROLE,
            deadLetterTargetArn: DLQ,
            versions: [
              { version: '1', codeSha256: 'sha-1' },
              { version: '2', codeSha256: 'sha-2' },
              { version: '3', codeSha256: 'sha-3', role: 'arn:aws:iam::123456789012:role/other' },
              { version: '4', codeSha256: 'sha-4', deadLetterTargetArn: 'arn:aws:sqs:us-east-1:123456789012:other' },
              { version: '5', codeSha256: 'sha-5', deadLetterTargetArn: null }
            ],
            latest: { codeSha256: 'sha-latest' },
            aliases: [
              { name: 'live', functionVersion: '1' },
              { name: 'scratch', functionVersion: '1' }
            ],
            provisionedConcurrency: [{ qualifier: 'live', requested: 5, status: 'IN_PROGRESS' }]
          }
        ],
        traffic: []
      })
    )
  })
  afterEach(async () => {
    // Leave 'scratch' without routing for the next test.
    await env.lambda.send(
      new UpdateAliasCommand({ FunctionName: 'fn', Name: 'scratch', FunctionVersion: '1', RoutingConfig: { AdditionalVersionWeights: {} } })
    )
  })

  it('GetFunctionConfiguration returns the fields the action needs, for name, partial ARN and full ARN', async () => {
    const { lambda } = env
    const byName = await lambda.send(new GetFunctionConfigurationCommand({ FunctionName: 'fn', Qualifier: 'live' }))
    expect(byName).toMatchObject({
      FunctionName: 'fn',
      FunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:fn:live',
      Version: '1',
      CodeSha256: 'sha-1',
      Role: ROLE,
      DeadLetterConfig: { TargetArn: DLQ },
      State: 'Active',
      LastUpdateStatus: 'Successful'
    })
    expect(typeof byName.RevisionId).toBe('string')
    const partial = await lambda.send(new GetFunctionConfigurationCommand({ FunctionName: '123456789012:function:fn', Qualifier: '2' }))
    expect(partial).toMatchObject({ Version: '2', FunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:fn:2' })
    const qualifiedArn = await lambda.send(
      new GetFunctionConfigurationCommand({ FunctionName: 'arn:aws:lambda:us-east-1:123456789012:function:fn:2' })
    )
    expect(qualifiedArn.Version).toBe('2')
    const latest = await lambda.send(
      new GetFunctionConfigurationCommand({ FunctionName: 'arn:aws:lambda:us-east-1:123456789012:function:fn' })
    )
    expect(latest).toMatchObject({
      Version: '$LATEST',
      CodeSha256: 'sha-latest',
      FunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:fn'
    })
    const noDlq = await lambda.send(new GetFunctionConfigurationCommand({ FunctionName: 'fn', Qualifier: '5' }))
    expect(noDlq.DeadLetterConfig).toBeUndefined()
    const full = await lambda.send(new GetFunctionCommand({ FunctionName: 'fn', Qualifier: 'live' }))
    expect(full.Configuration?.Version).toBe('1')

    const e1 = await failure(lambda.send(new GetFunctionConfigurationCommand({ FunctionName: 'missing' })))
    expect(e1).toBeInstanceOf(ResourceNotFoundException)
    expect(e1.$metadata.httpStatusCode).toBe(404)
    const e2 = await failure(lambda.send(new GetFunctionConfigurationCommand({ FunctionName: 'fn', Qualifier: '42' })))
    expect(e2).toBeInstanceOf(ResourceNotFoundException)
    const e3 = await failure(lambda.send(new GetFunctionConfigurationCommand({ FunctionName: 'fn:1', Qualifier: '2' })))
    expect(e3).toBeInstanceOf(InvalidParameterValueException)
  })

  it('lists versions ($LATEST first) and aliases, with pagination', async () => {
    const { lambda } = env
    const page1 = await lambda.send(new ListVersionsByFunctionCommand({ FunctionName: 'fn', MaxItems: 2 }))
    expect(page1.Versions?.map(v => v.Version)).toEqual(['$LATEST', '1'])
    const page2 = await lambda.send(new ListVersionsByFunctionCommand({ FunctionName: 'fn', Marker: page1.NextMarker }))
    expect(page2.Versions?.map(v => v.Version)).toEqual(['2', '3', '4', '5'])
    expect(page2.NextMarker).toBeUndefined()
    const aliases = await lambda.send(new ListAliasesCommand({ FunctionName: 'fn' }))
    expect(aliases.Aliases?.map(a => a.Name)).toEqual(['live', 'scratch'])
  })

  it('gives every alias write a new RevisionId and refuses stale ones with 412', async () => {
    const { lambda } = env
    const a0 = await lambda.send(new GetAliasCommand({ FunctionName: 'fn', Name: 'live' }))
    expect(a0.RoutingConfig).toBeUndefined()
    const a1 = await lambda.send(
      new UpdateAliasCommand({
        FunctionName: 'fn',
        Name: 'live',
        RevisionId: a0.RevisionId,
        RoutingConfig: { AdditionalVersionWeights: { '2': 0.1 } }
      })
    )
    expect(a1.RevisionId).not.toBe(a0.RevisionId)
    expect(a1.RoutingConfig?.AdditionalVersionWeights).toEqual({ '2': 0.1 })
    // Same content, still a new revision.
    const a2 = await lambda.send(
      new UpdateAliasCommand({
        FunctionName: 'fn',
        Name: 'live',
        RevisionId: a1.RevisionId,
        RoutingConfig: { AdditionalVersionWeights: { '2': 0.1 } }
      })
    )
    expect(a2.RevisionId).not.toBe(a1.RevisionId)
    const stale = await failure(
      lambda.send(new UpdateAliasCommand({ FunctionName: 'fn', Name: 'live', RevisionId: a1.RevisionId, FunctionVersion: '2' }))
    )
    expect(stale).toBeInstanceOf(PreconditionFailedException)
    expect(stale.$metadata.httpStatusCode).toBe(412)
    // Omitting RoutingConfig keeps the routing; {} clears it.
    const a3 = await lambda.send(new UpdateAliasCommand({ FunctionName: 'fn', Name: 'live', Description: 'x' }))
    expect(a3.RoutingConfig?.AdditionalVersionWeights).toEqual({ '2': 0.1 })
    const a4 = await lambda.send(
      new UpdateAliasCommand({ FunctionName: 'fn', Name: 'live', RoutingConfig: { AdditionalVersionWeights: {} } })
    )
    expect(a4.RoutingConfig).toBeUndefined()
    expect((await lambda.send(new GetAliasCommand({ FunctionName: 'fn', Name: 'live' }))).RevisionId).toBe(a4.RevisionId)
  })

  it.each([
    ['$LATEST as an additional version', { '1': 0.5 }, '$LATEST', 'InvalidParameterValueException', 400],
    ['a $LATEST routing key', { $LATEST: 0.5 }, '1', 'ValidationException', 400],
    ['a version that does not exist', { '42': 0.5 }, '1', 'ResourceNotFoundException', 404],
    ['two additional versions', { '2': 0.1, '3': 0.1 }, '1', 'InvalidParameterValueException', 400],
    ["the alias's own primary version", { '1': 0.5 }, '1', 'InvalidParameterValueException', 400],
    ['a weight above 1', { '2': 1.5 }, '1', 'ValidationException', 400],
    ['a negative weight', { '2': -0.1 }, '1', 'ValidationException', 400],
    ['a version with another execution role', { '3': 0.1 }, '1', 'InvalidParameterValueException', 400],
    ['a version with another DLQ', { '4': 0.1 }, '1', 'InvalidParameterValueException', 400],
    ['a version without the DLQ', { '5': 0.1 }, '1', 'InvalidParameterValueException', 400]
  ])('refuses routing to %s', async (_label, weights, primary, name, status) => {
    const { lambda, sim } = env
    const before = await lambda.send(new GetAliasCommand({ FunctionName: 'fn', Name: 'scratch' }))
    const err = await failure(
      lambda.send(
        new UpdateAliasCommand({
          FunctionName: 'fn',
          Name: 'scratch',
          FunctionVersion: primary,
          RoutingConfig: { AdditionalVersionWeights: weights }
        })
      )
    )
    expect(err.name).toBe(name)
    expect(err.$metadata.httpStatusCode).toBe(status)
    const after = await lambda.send(new GetAliasCommand({ FunctionName: 'fn', Name: 'scratch' }))
    expect(after).toEqual({ ...before, $metadata: after.$metadata })
    expect(
      sim
        .calls()
        .filter(c => c.operation === 'UpdateAlias')
        .pop()
    ).toMatchObject({ changedState: false, status })
  })

  it('accepts the edge weights 0 and 1', async () => {
    const { lambda } = env
    for (const w of [0, 1]) {
      const r = await lambda.send(
        new UpdateAliasCommand({ FunctionName: 'fn', Name: 'scratch', RoutingConfig: { AdditionalVersionWeights: { '2': w } } })
      )
      expect(r.RoutingConfig?.AdditionalVersionWeights).toEqual({ '2': w })
    }
  })

  it('CreateAlias validates like UpdateAlias and refuses duplicates', async () => {
    const { lambda } = env
    const created = await lambda.send(
      new CreateAliasCommand({
        FunctionName: 'fn',
        Name: 'canary',
        FunctionVersion: '1',
        RoutingConfig: { AdditionalVersionWeights: { '2': 0.05 } }
      })
    )
    expect(created).toMatchObject({ Name: 'canary', FunctionVersion: '1', RoutingConfig: { AdditionalVersionWeights: { '2': 0.05 } } })
    expect(created.$metadata.httpStatusCode).toBe(201)
    expect(await failure(lambda.send(new CreateAliasCommand({ FunctionName: 'fn', Name: 'canary', FunctionVersion: '1' })))).toBeInstanceOf(
      ResourceConflictException
    )
    const bad = await failure(
      lambda.send(
        new CreateAliasCommand({
          FunctionName: 'fn',
          Name: 'other',
          FunctionVersion: '1',
          RoutingConfig: { AdditionalVersionWeights: { '3': 0.5 } }
        })
      )
    )
    expect(bad).toBeInstanceOf(InvalidParameterValueException)
  })

  it('PublishVersion honours the CodeSha256 and RevisionId guards', async () => {
    const { lambda } = env
    const latest = await lambda.send(new GetFunctionConfigurationCommand({ FunctionName: 'fn' }))
    const wrongSha = await failure(lambda.send(new PublishVersionCommand({ FunctionName: 'fn', CodeSha256: 'sha-1' })))
    expect(wrongSha).toBeInstanceOf(InvalidParameterValueException) // what AWS returns
    const staleRev = await failure(lambda.send(new PublishVersionCommand({ FunctionName: 'fn', RevisionId: 'not-the-revision' })))
    expect(staleRev).toBeInstanceOf(PreconditionFailedException)
    const v6 = await lambda.send(
      new PublishVersionCommand({ FunctionName: 'fn', CodeSha256: 'sha-latest', RevisionId: latest.RevisionId, Description: 'six' })
    )
    expect(v6).toMatchObject({
      Version: '6',
      CodeSha256: 'sha-latest',
      Description: 'six',
      FunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:fn:6'
    })
    expect(v6.$metadata.httpStatusCode).toBe(201)
    // Nothing changed since: AWS returns the same version.
    expect((await lambda.send(new PublishVersionCommand({ FunctionName: 'fn' }))).Version).toBe('6')
  })

  it('GetProvisionedConcurrencyConfig: configured vs 404', async () => {
    const { lambda } = env
    const pc = await lambda.send(new GetProvisionedConcurrencyConfigCommand({ FunctionName: 'fn', Qualifier: 'live' }))
    expect(pc).toMatchObject({ RequestedProvisionedConcurrentExecutions: 5, Status: 'IN_PROGRESS' })
    const none = await failure(lambda.send(new GetProvisionedConcurrencyConfigCommand({ FunctionName: 'fn', Qualifier: '2' })))
    expect(none).toBeInstanceOf(ProvisionedConcurrencyConfigNotFoundException)
    expect(none.$metadata.httpStatusCode).toBe(404)
  })
})

describe('Invoke', () => {
  it('splits alias invocations by weight, reports the executed version and function errors', async () => {
    const { lambda } = await start(
      baseScenario({
        functions: [
          {
            name: 'fn',
            role: ROLE,
            versions: [
              { version: '1', behavior: { errorRate: 0 }, response: { payload: { hello: 'from v1' } } },
              { version: '2', behavior: { errorRate: 1 }, response: { error: { errorType: 'Boom', errorMessage: 'v2 fails' } } }
            ],
            aliases: [{ name: 'live', functionVersion: '1', routing: { '2': 0.3 } }]
          }
        ],
        traffic: []
      })
    )
    const counts: Record<string, number> = { '1': 0, '2': 0 }
    const n = 300
    for (let i = 0; i < n; i++) {
      const r = await lambda.send(new InvokeCommand({ FunctionName: 'fn', Qualifier: 'live', Payload: Buffer.from('{}') }))
      const v = r.ExecutedVersion as string
      counts[v] = (counts[v] ?? 0) + 1
      const body = JSON.parse(Buffer.from(r.Payload ?? new Uint8Array()).toString('utf8')) as Record<string, unknown>
      if (v === '2') {
        expect(r.FunctionError).toBe('Unhandled')
        expect(body).toMatchObject({ errorType: 'Boom', errorMessage: 'v2 fails' })
      } else {
        expect(r.FunctionError).toBeUndefined()
        expect(body).toEqual({ hello: 'from v1' })
      }
      expect(r.StatusCode).toBe(200)
    }
    expect((counts['2'] as number) / n).toBeGreaterThan(0.2)
    expect((counts['2'] as number) / n).toBeLessThan(0.4)
    const direct = await lambda.send(new InvokeCommand({ FunctionName: 'fn', Qualifier: '1', InvocationType: 'Event' }))
    expect(direct.StatusCode).toBe(202)
  })
})

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
