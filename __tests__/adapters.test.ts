import { describe, expect, it, beforeEach } from '@jest/globals'
import { mockClient } from 'aws-sdk-client-mock'
import {
  GetAliasCommand,
  GetFunctionCommand,
  GetFunctionConfigurationCommand,
  GetProvisionedConcurrencyConfigCommand,
  InvalidParameterValueException,
  ProvisionedConcurrencyConfigNotFoundException,
  LambdaClient,
  PreconditionFailedException,
  PublishVersionCommand,
  ResourceNotFoundException,
  TooManyRequestsException,
  UpdateAliasCommand
} from '@aws-sdk/client-lambda'
import { CloudWatchClient, DescribeAlarmsCommand, GetMetricDataCommand } from '@aws-sdk/client-cloudwatch'
import { createCloudWatchClient, createLambdaClient } from '../src/adapters/aws-clients.js'
import { sdkCloudWatchApi } from '../src/adapters/aws-cloudwatch-api.js'
import { sdkLambdaApi } from '../src/adapters/aws-lambda-api.js'
import { LambdaAlias, LambdaFunction } from '../src/adapters/lambda.js'
import { CloudWatchMetrics, buildQueries } from '../src/adapters/cloudwatch.js'
import { AliasConflictError, TransientError } from '../src/ports.js'
import { runDeployment } from '../src/rollout/index.js'
import { readSettings } from '../src/inputs/index.js'
import { T0, VirtualClock, inputsFrom } from './helpers/fakes.js'

const lambdaMock = mockClient(LambdaClient)
const cwMock = mockClient(CloudWatchClient)
beforeEach(() => {
  lambdaMock.reset()
  cwMock.reset()
})

const aliasOut = (version: string, weights: Record<string, number> | undefined, rev: string) => ({
  AliasArn: 'arn:aws:lambda:us-east-1:123456789012:function:api:live',
  Name: 'live',
  FunctionVersion: version,
  RevisionId: rev,
  ...(weights ? { RoutingConfig: { AdditionalVersionWeights: weights } } : {})
})
const sdkError = <T>(Ctor: new (o: { message: string; $metadata: object }) => T, status: number) =>
  new Ctor({ message: 'boom', $metadata: { httpStatusCode: status } })

describe('SDK clients', () => {
  it('name the action and its version in the user agent, and use adaptive retries', async () => {
    const lambda = createLambdaClient('us-east-1')
    const cw = createCloudWatchClient('us-east-1')
    expect(lambda.config.customUserAgent).toEqual([['lambda-canary', '1.0.0']])
    expect(cw.config.customUserAgent).toEqual([['lambda-canary', '1.0.0']])
    expect(await lambda.config.retryStrategy()).toMatchObject({ mode: 'adaptive' })
  })
})

describe('LambdaAlias', () => {
  const alias = () => new LambdaAlias(sdkLambdaApi(new LambdaClient({ region: 'us-east-1' })), 'api', 'live')

  it('reads the alias with its routing and RevisionId', async () => {
    lambdaMock.on(GetAliasCommand, { FunctionName: 'api', Name: 'live' }).resolves(aliasOut('1', { '2': 0.1 }, 'r1'))
    expect(await alias().read()).toEqual({
      arn: 'arn:aws:lambda:us-east-1:123456789012:function:api:live',
      version: '1',
      weights: { '2': 0.1 },
      revisionId: 'r1'
    })
  })

  it('writes FunctionVersion, the whole routing config and the RevisionId it was given', async () => {
    lambdaMock.on(UpdateAliasCommand).resolves(aliasOut('1', { '2': 0.25 }, 'r2'))
    const out = await alias().write({ version: '1', weights: { '2': 0.25 } }, 'r1')
    expect(lambdaMock.commandCalls(UpdateAliasCommand)[0]!.args[0].input).toEqual({
      FunctionName: 'api',
      Name: 'live',
      FunctionVersion: '1',
      RoutingConfig: { AdditionalVersionWeights: { '2': 0.25 } },
      RevisionId: 'r1'
    })
    expect(out.revisionId).toBe('r2')
  })

  it('clears routing on promote with an empty map (omitting it would keep the old routing)', async () => {
    lambdaMock.on(UpdateAliasCommand).resolves(aliasOut('2', undefined, 'r3'))
    await alias().write({ version: '2', weights: {} }, 'r2')
    expect(lambdaMock.commandCalls(UpdateAliasCommand)[0]!.args[0].input.RoutingConfig).toEqual({ AdditionalVersionWeights: {} })
  })

  it('PreconditionFailedException → AliasConflictError; throttling → TransientError; not found → NotFoundError', async () => {
    lambdaMock
      .on(UpdateAliasCommand)
      .rejectsOnce(sdkError(PreconditionFailedException, 412))
      .rejectsOnce(sdkError(TooManyRequestsException, 429))
    await expect(alias().write({ version: '1', weights: {} }, 'stale')).rejects.toBeInstanceOf(AliasConflictError)
    await expect(alias().write({ version: '1', weights: {} }, 'r1')).rejects.toBeInstanceOf(TransientError)
    lambdaMock.on(GetAliasCommand).rejects(sdkError(ResourceNotFoundException, 404))
    await expect(alias().read()).rejects.toThrow('was not found')
  })
})

describe('LambdaFunction', () => {
  const fn = () => new LambdaFunction(sdkLambdaApi(new LambdaClient({ region: 'us-east-1' })), 'api')

  it('reads a version’s configuration; a missing one is undefined', async () => {
    lambdaMock
      .on(GetFunctionConfigurationCommand, { FunctionName: 'api', Qualifier: '2' })
      .resolves({ Version: '2', State: 'Active', Role: 'arn:role', DeadLetterConfig: { TargetArn: 'arn:sqs' }, CodeSha256: 'abc' })
      .on(GetFunctionConfigurationCommand, { FunctionName: 'api', Qualifier: '9' })
      .rejects(sdkError(ResourceNotFoundException, 404))
    expect(await fn().configuration('2')).toEqual({
      version: '2',
      state: 'Active',
      role: 'arn:role',
      deadLetterTargetArn: 'arn:sqs',
      codeSha256: 'abc'
    })
    expect(await fn().configuration('9')).toBeUndefined()
  })

  it('reads provisioned concurrency; none configured is undefined', async () => {
    lambdaMock
      .on(GetProvisionedConcurrencyConfigCommand, { FunctionName: 'api', Qualifier: 'live' })
      .resolves({ RequestedProvisionedConcurrentExecutions: 5, AllocatedProvisionedConcurrentExecutions: 3, Status: 'IN_PROGRESS' })
      .on(GetProvisionedConcurrencyConfigCommand, { FunctionName: 'api', Qualifier: '2' })
      .rejects(new ProvisionedConcurrencyConfigNotFoundException({ message: 'none', $metadata: { httpStatusCode: 404 } }))
    expect(await fn().provisionedConcurrency('live')).toEqual({ requested: 5, allocated: 3, status: 'IN_PROGRESS' })
    expect(await fn().provisionedConcurrency('2')).toBeUndefined()
  })

  it('publishes guarded by CodeSha256 and waits until the version is active', async () => {
    lambdaMock
      // waitUntilFunctionUpdatedV2 polls GetFunction; waitUntilPublishedVersionActive polls GetFunctionConfiguration.
      .on(GetFunctionCommand, { FunctionName: 'api' })
      .resolves({ Configuration: { Version: '$LATEST', State: 'Active', LastUpdateStatus: 'Successful' } })
      .on(GetFunctionConfigurationCommand, { FunctionName: 'api', Qualifier: '5' })
      .resolves({ Version: '5', State: 'Active' })
      .on(PublishVersionCommand)
      .resolves({ Version: '5' })
    expect(await fn().publish('sha-1', 'release')).toBe('5')
    expect(lambdaMock.commandCalls(PublishVersionCommand)[0]!.args[0].input).toEqual({
      FunctionName: 'api',
      CodeSha256: 'sha-1',
      Description: 'release'
    })
  })

  it('a CodeSha256 mismatch says $LATEST changed', async () => {
    lambdaMock
      .on(GetFunctionCommand)
      .resolves({ Configuration: { Version: '$LATEST', State: 'Active', LastUpdateStatus: 'Successful' } })
      .on(PublishVersionCommand)
      .rejects(
        new InvalidParameterValueException({
          message:
            'CodeSHA256 (sha-1) is different from current CodeSHA256 in $LATEST (sha-2). Please try again with the current CodeSHA256.',
          $metadata: { httpStatusCode: 400 }
        })
      )
    await expect(fn().publish('sha-1', 'release')).rejects.toThrow('changed while publishing')
  })
})

describe('CloudWatchMetrics', () => {
  const query = {
    newVersion: '2',
    oldVersion: '1',
    start: T0,
    end: T0 + 180_000,
    periodSeconds: 60,
    latencyStatistic: 'p99' as const,
    metricGates: []
  }

  it('asks for both versions under the per-version dimensions, latency over the whole window, and alias throttles', () => {
    const queries = buildQueries('api', 'live', query)
    expect(queries.map(q => [q.Id, q.MetricStat!.Metric!.MetricName, q.MetricStat!.Stat, q.MetricStat!.Period])).toEqual([
      ['newInvocations', 'Invocations', 'Sum', 60],
      ['newErrors', 'Errors', 'Sum', 60],
      ['oldInvocations', 'Invocations', 'Sum', 60],
      ['oldErrors', 'Errors', 'Sum', 60],
      ['newLatency', 'Duration', 'p99', 180],
      ['oldLatency', 'Duration', 'p99', 180],
      ['newLatencyPeriod', 'Duration', 'p99', 60],
      ['oldLatencyPeriod', 'Duration', 'p99', 60],
      ['throttles', 'Throttles', 'Sum', 60]
    ])
    expect(queries[0]!.MetricStat!.Metric!.Dimensions).toEqual([
      { Name: 'FunctionName', Value: 'api' },
      { Name: 'Resource', Value: 'api:live' },
      { Name: 'ExecutedVersion', Value: '2' }
    ])
    expect(queries[8]!.MetricStat!.Metric!.Dimensions).toEqual([
      { Name: 'FunctionName', Value: 'api' },
      { Name: 'Resource', Value: 'api:live' }
    ])
    expect(buildQueries('api', 'live', { ...query, latencyStatistic: 'avg' })[4]!.MetricStat!.Stat).toBe('Average')
  })

  it('sums the Sum series itself; missing datapoints are zero; latency only with invocations', async () => {
    cwMock.on(GetMetricDataCommand).resolves({
      MetricDataResults: [
        { Id: 'newInvocations', Timestamps: [new Date(T0), new Date(T0 + 120_000)], Values: [10, 30] },
        { Id: 'newErrors', Timestamps: [new Date(T0 + 120_000)], Values: [2] },
        { Id: 'oldInvocations', Timestamps: [new Date(T0), new Date(T0 + 60_000), new Date(T0 + 120_000)], Values: [90, 100, 110] },
        { Id: 'oldErrors', Timestamps: [], Values: [] },
        { Id: 'newLatency', Timestamps: [new Date(T0)], Values: [250.5] },
        { Id: 'oldLatency', Timestamps: [new Date(T0)], Values: [120] },
        { Id: 'throttles', Timestamps: [], Values: [] }
      ]
    })
    const metrics = new CloudWatchMetrics(sdkCloudWatchApi(new CloudWatchClient({ region: 'us-east-1' })), 'api', 'live')
    const sample = await metrics.read(query)
    expect(sample.newVersion).toEqual({ invocations: 40, errors: 2, latencyMs: 250.5 })
    expect(sample.oldVersion).toEqual({ invocations: 300, errors: 0, latencyMs: 120 })
    expect(sample.throttles).toBe(0)
    expect(sample.periods).toEqual([
      // Lambda publishes Errors (0 too) for every period with invocations: the old version's have not landed yet,
      // nor the new version's of the first minute.
      { time: T0, newInvocations: 10, newErrors: 0, oldInvocations: 90, oldErrors: 0, oldErrorsPending: true, newErrorsPending: true },
      { time: T0 + 60_000, newInvocations: 0, newErrors: 0, oldInvocations: 100, oldErrors: 0, oldErrorsPending: true },
      { time: T0 + 120_000, newInvocations: 30, newErrors: 2, oldInvocations: 110, oldErrors: 0, oldErrorsPending: true }
    ])
    const input = cwMock.commandCalls(GetMetricDataCommand)[0]!.args[0].input
    expect(input.StartTime).toEqual(new Date(T0))
    expect(input.EndTime).toEqual(new Date(T0 + 180_000))
  })

  it('metric gates ride in the same GetMetricData call, one value over the window each', async () => {
    const gates = [
      {
        name: 'api-5xx',
        namespace: 'AWS/ApiGateway',
        metric: '5XXError',
        dimensions: { ApiName: 'orders' },
        statistic: 'Sum',
        comparison: '>' as const,
        threshold: 5
      },
      {
        name: 'dlq',
        namespace: 'AWS/SQS',
        metric: 'ApproximateNumberOfMessagesVisible',
        dimensions: { QueueName: 'dlq' },
        statistic: 'Maximum',
        comparison: '>=' as const,
        threshold: 1
      }
    ]
    const queries = buildQueries('api', 'live', { ...query, metricGates: gates })
    expect(
      queries
        .slice(9)
        .map(q => [
          q.Id,
          q.Label,
          q.MetricStat!.Metric!.Namespace,
          q.MetricStat!.Metric!.Dimensions,
          q.MetricStat!.Stat,
          q.MetricStat!.Period
        ])
    ).toEqual([
      ['gate0', 'api-5xx', 'AWS/ApiGateway', [{ Name: 'ApiName', Value: 'orders' }], 'Sum', 180],
      ['gate1', 'dlq', 'AWS/SQS', [{ Name: 'QueueName', Value: 'dlq' }], 'Maximum', 180]
    ])
    cwMock.on(GetMetricDataCommand).resolves({ MetricDataResults: [{ Id: 'gate0', Timestamps: [new Date(T0)], Values: [7] }] })
    const metrics = new CloudWatchMetrics(sdkCloudWatchApi(new CloudWatchClient({ region: 'us-east-1' })), 'api', 'live')
    const sample = await metrics.read({ ...query, metricGates: gates })
    // A Sum without datapoints is zero; a Maximum without datapoints is "no data".
    expect(sample.metricGates).toEqual({ 'api-5xx': 7, dlq: undefined })
    expect(cwMock.commandCalls(GetMetricDataCommand)).toHaveLength(1)
  })

  it('a period whose Errors arrived before its Invocations never counts more errors than invocations', async () => {
    cwMock.on(GetMetricDataCommand).resolves({
      MetricDataResults: [
        { Id: 'newInvocations', Timestamps: [new Date(T0)], Values: [1] },
        { Id: 'newErrors', Timestamps: [new Date(T0), new Date(T0 + 60_000)], Values: [2, 3] },
        { Id: 'oldInvocations', Timestamps: [new Date(T0), new Date(T0 + 60_000)], Values: [50, 60] }
      ]
    })
    const metrics = new CloudWatchMetrics(sdkCloudWatchApi(new CloudWatchClient({ region: 'us-east-1' })), 'api', 'live')
    const sample = await metrics.read(query)
    expect(sample.newVersion).toMatchObject({ invocations: 1, errors: 1 })
    expect(sample.periods.map(p => [p.newInvocations, p.newErrors])).toEqual([
      [1, 1],
      [0, 0]
    ])
  })

  it('reads alarm states, metric and composite', async () => {
    cwMock.on(DescribeAlarmsCommand).resolves({
      MetricAlarms: [{ AlarmName: 'a', StateValue: 'ALARM', StateReason: 'Threshold Crossed' }],
      CompositeAlarms: [{ AlarmName: 'b', StateValue: 'OK' }]
    })
    const metrics = new CloudWatchMetrics(sdkCloudWatchApi(new CloudWatchClient({ region: 'us-east-1' })), 'api', 'live')
    expect(await metrics.alarms(['a', 'b'])).toEqual([
      { name: 'a', state: 'ALARM', reason: 'Threshold Crossed' },
      { name: 'b', state: 'OK' }
    ])
    expect(cwMock.commandCalls(DescribeAlarmsCommand)[0]!.args[0].input).toEqual({
      AlarmNames: ['a', 'b'],
      AlarmTypes: ['MetricAlarm', 'CompositeAlarm']
    })
  })
})

describe('a whole canary through the real adapters', () => {
  it('sends one GetMetricData per poll (two once periods settle) and the exact alias writes', async () => {
    let alias = aliasOut('1', undefined, 'r0')
    lambdaMock
      .on(GetFunctionConfigurationCommand, { FunctionName: 'api', Qualifier: '$LATEST' })
      .resolves({ Version: '$LATEST', State: 'Active', LastUpdateStatus: 'Successful', Role: 'role', CodeSha256: 'x' })
      .on(GetFunctionConfigurationCommand, { FunctionName: 'api', Qualifier: '1' })
      .resolves({ Version: '1', State: 'Active', Role: 'role' })
      .on(GetFunctionConfigurationCommand, { FunctionName: 'api', Qualifier: '2' })
      .resolves({ Version: '2', State: 'Active', Role: 'role' })
      .on(GetProvisionedConcurrencyConfigCommand)
      .rejects(
        new ProvisionedConcurrencyConfigNotFoundException({
          message: 'No Provisioned Concurrency Config found for this function',
          $metadata: { httpStatusCode: 404 }
        })
      )
      .on(GetAliasCommand)
      .callsFake(() => alias)
      .on(UpdateAliasCommand)
      .callsFake(input => {
        if (input.RevisionId !== alias.RevisionId) throw sdkError(PreconditionFailedException, 412)
        alias = aliasOut(input.FunctionVersion, input.RoutingConfig.AdditionalVersionWeights, `r${Number(alias.RevisionId.slice(1)) + 1}`)
        return alias
      })
    cwMock.on(GetMetricDataCommand).callsFake(input => ({
      MetricDataResults: [
        { Id: 'newInvocations', Timestamps: [input.StartTime], Values: [500] },
        { Id: 'newErrors', Timestamps: [input.StartTime], Values: [1] },
        { Id: 'oldInvocations', Timestamps: [input.StartTime], Values: [4500] },
        { Id: 'newLatency', Timestamps: [input.StartTime], Values: [100] }
      ]
    }))

    const clock = new VirtualClock()
    const settings = readSettings(
      inputsFrom({ 'function-name': 'api', version: '2', 'bake-time': '5m', 'poll-interval': '30s', 'max-latency-increase': 'off' }),
      {
        AWS_REGION: 'us-east-1'
      }
    )
    const client = sdkLambdaApi(new LambdaClient({ region: 'us-east-1' }))
    const outcome = await runDeployment(settings.run, settings.deployments[0]!, {
      alias: new LambdaAlias(client, 'api', 'live'),
      fn: new LambdaFunction(client, 'api'),
      metrics: new CloudWatchMetrics(sdkCloudWatchApi(new CloudWatchClient({ region: 'us-east-1' })), 'api', 'live'),
      clock
    })
    expect(`${outcome.result}: ${outcome.reason}`).toMatch(/^promoted: /)
    const polls = outcome.timeline.filter(e => e.type === 'poll' && e.sample.windowEnd > e.sample.windowStart)
    // One call for the baseline in the preflight, then one per poll over the whole window, or two once its first
    // periods have settled (the periods not yet settled; the window's latency statistic): as many metrics either way.
    const calls = cwMock.commandCalls(GetMetricDataCommand).map(c => c.args[0].input)
    const ids = (c: (typeof calls)[number]) => (c.MetricDataQueries ?? []).map(q => q.Id)
    const incremental = calls.filter(c => ids(c).includes('newInvocations') && !ids(c).includes('newLatency')).length
    expect(incremental).toBeGreaterThan(0)
    expect(calls).toHaveLength(polls.length + 1 + incremental)
    expect(polls.length).toBeGreaterThan(5)
    expect(cwMock.commandCalls(DescribeAlarmsCommand)).toHaveLength(0)
    expect(lambdaMock.commandCalls(UpdateAliasCommand).map(c => c.args[0].input)).toEqual([
      {
        FunctionName: 'api',
        Name: 'live',
        FunctionVersion: '1',
        RoutingConfig: { AdditionalVersionWeights: { '2': 0.1 } },
        // The shift carries this run's mark on the alias.
        Description: expect.stringMatching(/^\[lambda-canary run=\S+ job=local repo=local until=\S+ phase=shifting\]$/),
        RevisionId: 'r0'
      },
      {
        FunctionName: 'api',
        Name: 'live',
        FunctionVersion: '2',
        RoutingConfig: { AdditionalVersionWeights: {} },
        // The promotion records what it replaced, for rollback-to: previous.
        Description: expect.stringMatching(/^\[lambda-canary previous=1 current=2 at=\S+\]$/),
        RevisionId: 'r1'
      }
    ])
  })
})
