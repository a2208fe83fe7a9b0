// The fault-injecting proxy the issue 11 acceptance tests stand on: each fault does what it says, to the real SDK.
import { afterAll, describe, expect, it } from '@jest/globals'
import { CloudWatchClient, GetMetricDataCommand } from '@aws-sdk/client-cloudwatch'
import { GetAliasCommand, LambdaClient, UpdateAliasCommand } from '@aws-sdk/client-lambda'
import { type FaultRule, operationOf, startFaultProxy } from '../../sim/fault-proxy.js'
import { type RunningSimulator, sdkConfig, startSimulator } from '../../sim/index.js'

const closers: (() => Promise<void>)[] = []
afterAll(async () => {
  for (const c of closers.reverse()) await c()
})

async function rig(rules: FaultRule[]) {
  const sim: RunningSimulator = await startSimulator({ scenario: 'healthy', port: 0 })
  const proxy = await startFaultProxy({ target: sim.url, rules })
  closers.push(
    () => sim.close(),
    () => proxy.close()
  )
  const lambda = new LambdaClient({ ...sdkConfig(proxy.url), maxAttempts: 1 })
  const cw = new CloudWatchClient({ ...sdkConfig(proxy.url), maxAttempts: 1 })
  const alias = () => sim.model.alias('demo-api', 'live')
  return { sim, proxy, lambda, cw, alias }
}

const getAlias = new GetAliasCommand({ FunctionName: 'demo-api', Name: 'live' })
const shift = (revisionId?: string) =>
  new UpdateAliasCommand({
    FunctionName: 'demo-api',
    Name: 'live',
    FunctionVersion: '1',
    RoutingConfig: { AdditionalVersionWeights: { '2': 0.1 } },
    ...(revisionId ? { RevisionId: revisionId } : {})
  })

describe('sim/fault-proxy', () => {
  it('names operations as the simulator routes them', () => {
    expect(operationOf('GET', '/2015-03-31/functions/demo-api/aliases/live', {})).toBe('GetAlias')
    expect(operationOf('PUT', '/2015-03-31/functions/arn%3Aaws%3Alambda%3Ax/aliases/live', {})).toBe('UpdateAlias')
    expect(operationOf('GET', '/2015-03-31/functions/demo-api', {})).toBe('GetFunction')
    expect(operationOf('POST', '/', { 'x-amz-target': 'GraniteServiceVersion20100801.GetMetricData' })).toBe('GetMetricData')
    expect(operationOf('GET', '/_sim/state', {})).toBe('Sim')
  })

  it('forwards what no rule matches, and counts every call per operation', async () => {
    const { proxy, lambda } = await rig([])
    const a = await lambda.send(getAlias)
    expect(a.FunctionVersion).toBe('1')
    await lambda.send(getAlias)
    expect(proxy.hits.map(h => [h.operation, h.n, h.fault])).toEqual([
      ['GetAlias', 1, undefined],
      ['GetAlias', 2, undefined]
    ])
  })

  it('hang: never answers until the client aborts; forward: the write applied all the same', async () => {
    const { proxy, lambda, alias } = await rig([{ operation: 'UpdateAlias', nth: 1, action: { kind: 'hang', forward: true } }])
    const abort = new AbortController()
    const sent = lambda.send(shift(), { abortSignal: abort.signal })
    while (!alias()?.routing) await new Promise(r => setTimeout(r, 10))
    abort.abort()
    await expect(sent).rejects.toThrow(/abort/i)
    expect(alias()?.routing).toEqual({ '2': 0.1 })
    expect(proxy.count('UpdateAlias', true)).toBe(1)
  })

  it('reset: the connection dies without an answer', async () => {
    const { lambda } = await rig([{ operation: 'GetAlias', nth: 1, action: { kind: 'reset' } }])
    await expect(lambda.send(getAlias)).rejects.toThrow(/socket hang up|ECONNRESET/)
    expect((await lambda.send(getAlias)).FunctionVersion).toBe('1')
  })

  it('error: 503 / 429 with the service’s error shape, for Lambda and CloudWatch; `when` and `after` select calls', async () => {
    let on = true
    const { lambda, cw } = await rig([
      { operation: 'GetAlias', after: 1, when: () => on, action: { kind: 'error', status: 503 } },
      { operation: 'GetMetricData', action: { kind: 'error', status: 429 } }
    ])
    await lambda.send(getAlias)
    await expect(lambda.send(getAlias)).rejects.toMatchObject({ $metadata: { httpStatusCode: 503 } })
    on = false
    expect((await lambda.send(getAlias)).FunctionVersion).toBe('1')
    const q = new GetMetricDataCommand({
      StartTime: new Date(Date.now() - 60_000),
      EndTime: new Date(),
      MetricDataQueries: [{ Id: 'a', MetricStat: { Metric: { Namespace: 'AWS/Lambda', MetricName: 'Errors' }, Period: 60, Stat: 'Sum' } }]
    })
    await expect(cw.send(q)).rejects.toMatchObject({ $metadata: { httpStatusCode: 429 } })
  })

  it('truncate and html: the write applied, its 200 answer unreadable', async () => {
    const { lambda, alias } = await rig([
      { operation: 'UpdateAlias', nth: 1, action: { kind: 'truncate' } },
      { operation: 'UpdateAlias', nth: 2, action: { kind: 'html' } }
    ])
    const before = alias()!.revisionId
    await expect(lambda.send(shift(before))).rejects.toThrow()
    const afterFirst = alias()!.revisionId
    expect(afterFirst).not.toBe(before)
    await expect(lambda.send(shift(afterFirst))).rejects.toThrow()
    expect(alias()!.revisionId).not.toBe(afterFirst)
  })
})
