/**
 * The simulator's Lambda API over HTTP, driven by the real AWS SDK v3 client, in virtual time (ManualClock).
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals'
import {
  CreateAliasCommand,
  GetAliasCommand,
  GetFunctionCommand,
  GetFunctionConfigurationCommand,
  GetProvisionedConcurrencyConfigCommand,
  InvalidParameterValueException,
  InvokeCommand,
  ListAliasesCommand,
  ListVersionsByFunctionCommand,
  PreconditionFailedException,
  ProvisionedConcurrencyConfigNotFoundException,
  PublishVersionCommand,
  ResourceConflictException,
  ResourceNotFoundException,
  UpdateAliasCommand
} from '@aws-sdk/client-lambda'
import { baseScenario, DLQ, ROLE } from './helpers.js'
import { closeAll, failure, start } from './http.js'

afterAll(closeAll)

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
