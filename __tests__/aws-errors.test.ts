// Issue 13 item 3: AWS errors that say what to do. A refusal names the IAM action and the README's policy for the
// mode; missing or rejected credentials name configure-aws-credentials; no region names aws-region and AWS_REGION;
// "not found" names the region and account searched. Each through the real adapters over a mocked SDK client.
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { mockClient } from 'aws-sdk-client-mock'
import {
  GetAliasCommand,
  GetFunctionCommand,
  GetFunctionConfigurationCommand,
  GetProvisionedConcurrencyConfigCommand,
  InvokeCommand,
  LambdaClient,
  LambdaServiceException,
  PublishVersionCommand,
  ResourceNotFoundException,
  UpdateAliasCommand
} from '@aws-sdk/client-lambda'
import { CloudWatchClient, CloudWatchServiceException, DescribeAlarmsCommand, GetMetricDataCommand } from '@aws-sdk/client-cloudwatch'
import {
  AwsScope,
  AwsSetupError,
  POLICY_ANCHORS,
  classifyWriteFailure,
  credentialsProblem,
  policyPointer,
  translateAwsError
} from '../src/adapters/aws-errors.js'
import { openAws } from '../src/adapters/aws.js'
import { sdkCloudWatchApi } from '../src/adapters/aws-cloudwatch-api.js'
import { sdkLambdaApi } from '../src/adapters/aws-lambda-api.js'
import { CloudWatchMetrics } from '../src/adapters/cloudwatch.js'
import { LambdaAlias, LambdaFunction, LambdaProbe } from '../src/adapters/lambda.js'
import { NotFoundError } from '../src/ports.js'
import { runDeployment } from '../src/rollout/index.js'
import { VirtualClock, settingsFrom } from './helpers/fakes.js'

const lambdaMock = mockClient(LambdaClient)
const cwMock = mockClient(CloudWatchClient)
beforeEach(() => {
  lambdaMock.reset()
  cwMock.reset()
})

const LINK = 'https://github.com/org/lambda-canary/blob/v1/README.md#iam-for-mode-deploy'
const scope = () =>
  new AwsScope(policyPointer('deploy', { GITHUB_ACTION_REPOSITORY: 'org/lambda-canary', GITHUB_ACTION_REF: 'v1' }), 'us-east-1')

/** An error as the SDK builds it from Lambda's or CloudWatch's answer: its name, message and HTTP status. */
const lambdaError = (name: string, status: number, message = 'boom') =>
  new LambdaServiceException({ name, $fault: 'client', message, $metadata: { httpStatusCode: status } })
const cloudWatchError = (name: string, status: number, message = 'boom') =>
  new CloudWatchServiceException({ name, $fault: 'client', message, $metadata: { httpStatusCode: status } })

function adapters(s = scope()) {
  const lambda = sdkLambdaApi(new LambdaClient({ region: 'us-east-1' }))
  return {
    alias: new LambdaAlias(lambda, 'api', 'live', s),
    fn: new LambdaFunction(lambda, 'api', s),
    probe: new LambdaProbe(lambda, s),
    metrics: new CloudWatchMetrics(sdkCloudWatchApi(new CloudWatchClient({ region: 'us-east-1' })), 'api', 'live', s)
  }
}

/** The error a call rejects with; a call that resolves fails the test. */
async function rejection(call: Promise<unknown>): Promise<Error> {
  const outcome = await call.then(
    value => ({ value }),
    (error: unknown) => ({ error })
  )
  if (!('error' in outcome)) throw new Error(`expected a rejection, got ${JSON.stringify(outcome.value)}`)
  return outcome.error as Error
}

const query = {
  newVersion: '2',
  oldVersion: '1',
  start: 0,
  end: 60_000,
  periodSeconds: 60,
  latencyStatistic: 'p99' as const,
  metricGates: []
}

/** Every call the action makes, the IAM action it needs, and how to make the adapters send it. */
const CALLS: [string, string, (a: ReturnType<typeof adapters>) => Promise<unknown>, () => void][] = [
  ['GetAlias', 'lambda:GetAlias', a => a.alias.read(), () => lambdaMock.on(GetAliasCommand).rejects(denied())],
  [
    'UpdateAlias',
    'lambda:UpdateAlias',
    a => a.alias.write({ version: '1', weights: {} }, 'r1'),
    () => lambdaMock.on(UpdateAliasCommand).rejects(denied())
  ],
  [
    'GetFunctionConfiguration',
    'lambda:GetFunctionConfiguration',
    a => a.fn.configuration('2'),
    () => lambdaMock.on(GetFunctionConfigurationCommand).rejects(denied())
  ],
  [
    'GetProvisionedConcurrencyConfig',
    'lambda:GetProvisionedConcurrencyConfig',
    a => a.fn.provisionedConcurrency('2'),
    () => lambdaMock.on(GetProvisionedConcurrencyConfigCommand).rejects(denied())
  ],
  [
    'PublishVersion',
    'lambda:PublishVersion',
    a => a.fn.publish('sha', 'd'),
    () => {
      lambdaMock.on(GetFunctionCommand).resolves({ Configuration: { LastUpdateStatus: 'Successful', State: 'Active' } })
      lambdaMock.on(PublishVersionCommand).rejects(denied())
    }
  ],
  ['Invoke', 'lambda:InvokeFunction', a => a.probe.invoke('api', '2', '{}', 5000), () => lambdaMock.on(InvokeCommand).rejects(denied())],
  [
    'GetMetricData',
    'cloudwatch:GetMetricData',
    a => a.metrics.read(query),
    () => cwMock.on(GetMetricDataCommand).rejects(cloudWatchError('AccessDenied', 403, 'Access denied'))
  ],
  [
    'DescribeAlarms',
    'cloudwatch:DescribeAlarms',
    a => a.metrics.alarms(['a']),
    () => cwMock.on(DescribeAlarmsCommand).rejects(cloudWatchError('AccessDenied', 403, 'Access denied'))
  ]
]

/** Lambda's AccessDeniedException without the action in its text: the adapter's own mapping must name it. */
const denied = () => lambdaError('AccessDeniedException', 403, 'Access denied')

describe('AccessDenied names the IAM action and points to the policy for the mode', () => {
  it.each(CALLS)('%s → %s, with the link to the README anchor', async (_command, action, call, arrange) => {
    arrange()
    const error = await rejection(call(adapters()))
    expect(error).toBeInstanceOf(AwsSetupError)
    const message = (error as Error).message
    expect(message).toContain(`AWS denied ${action} on `)
    expect(message).toContain(`the credentials' role needs ${action}`)
    expect(message).toContain(`see the IAM policy for mode: deploy: ${LINK}`)
    // AWS's own words stay in it (raw here; every sink escapes them).
    expect(message).toMatch(/\((AccessDeniedException|AccessDenied): Access denied\)/)
  })

  it('the action AWS names in its refusal wins over the mapping, and its ARN tells the account', () => {
    const s = scope()
    const aws = lambdaError(
      'AccessDeniedException',
      403,
      'User: arn:aws:sts::210987654321:assumed-role/deploy/gh is not authorized to perform: lambda:GetFunction on resource: arn:aws:lambda:us-east-1:210987654321:function:api'
    )
    const error = translateAwsError(aws, '"api"', { action: 'lambda:PublishVersion', scope: s })
    expect(error.message).toContain('AWS denied lambda:GetFunction on "api"')
    expect(s.account).toBe('210987654321')
  })

  it('points to the policy of the mode the run is in, or names the README section outside GitHub', () => {
    const env = { GITHUB_ACTION_REPOSITORY: 'org/lambda-canary', GITHUB_ACTION_REF: 'v1.2.0' }
    expect(policyPointer('plan', env)).toBe(
      'the IAM policy for mode: plan: https://github.com/org/lambda-canary/blob/v1.2.0/README.md#iam-for-mode-plan'
    )
    expect(policyPointer('rollback', { GITHUB_ACTION_REPOSITORY: 'org/lambda-canary' })).toContain(
      '/blob/HEAD/README.md#iam-for-mode-rollback'
    )
    expect(policyPointer('deploy', {})).toBe('the IAM policy for mode: deploy in the README\'s section "IAM permissions"')
    // A value that is not a repository is never put into a link.
    expect(policyPointer('deploy', { GITHUB_ACTION_REPOSITORY: 'x y/z', GITHUB_ACTION_REF: 'v1' })).not.toContain('https://')
  })

  it("the anchors are the README's headings, as GitHub slugs them", () => {
    const slug = (heading: string) =>
      heading
        .toLowerCase()
        .replace(/[^\w\- ]/g, '')
        .replace(/ /g, '-')
    const readme = readFileSync('README.md', 'utf8')
    const headings = [...readme.matchAll(/^#{2,4} (.+)$/gm)].map(m => slug(m[1] as string))
    for (const anchor of Object.values(POLICY_ANCHORS)) expect(headings).toContain(anchor)
  })

  it('a write refused this way was not applied and is not retried', () => {
    expect(classifyWriteFailure(translateAwsError(denied(), 'alias', { action: 'lambda:UpdateAlias' }))).toBe('rejected')
  })
})

describe('credentials: missing, expired, unknown or badly signed', () => {
  it.each([
    ['ExpiredTokenException', 'The security token included in the request is expired'],
    ['UnrecognizedClientException', 'The security token included in the request is invalid.'],
    ['InvalidSignatureException', 'The request signature we calculated does not match the signature you provided.'],
    ['MissingAuthenticationTokenException', 'Missing Authentication Token']
  ])('Lambda %s → names configure-aws-credentials and id-token: write', async (name, text) => {
    lambdaMock.on(GetAliasCommand).rejects(lambdaError(name, 403, text))
    const error = await rejection(adapters().alias.read())
    expect(error).toBeInstanceOf(AwsSetupError)
    expect(error.message).toContain(`AWS did not accept the credentials for lambda:GetAlias (${name}: ${text})`)
    expect(error.message).toContain('aws-actions/configure-aws-credentials')
    expect(error.message).toContain('"permissions: id-token: write"')
    expect(error.message.includes('role-duration-seconds')).toBe(/expired/.test(text))
  })

  it.each([
    ['ExpiredToken', 'The security token included in the request is expired'],
    ['InvalidClientTokenId', 'The security token included in the request is invalid.'],
    ['SignatureDoesNotMatch', 'Signature expired']
  ])('CloudWatch %s mid-bake → the same words, for cloudwatch:GetMetricData', async (name, text) => {
    cwMock.on(GetMetricDataCommand).rejects(cloudWatchError(name, 403, text))
    const error = await rejection(adapters().metrics.read(query))
    expect(error).toBeInstanceOf(AwsSetupError)
    expect(error.message).toContain(`AWS did not accept the credentials for cloudwatch:GetMetricData (${name}: ${text})`)
    expect(error.message).toContain('aws-actions/configure-aws-credentials')
  })

  it("the SDK's CredentialsProviderError (no credentials anywhere) → no AWS credentials were found", async () => {
    const none = Object.assign(new Error('Could not load credentials from any providers'), { name: 'CredentialsProviderError' })
    lambdaMock.on(GetAliasCommand).rejects(none)
    const error = await rejection(adapters().alias.read())
    expect(error.message).toBe(
      'no AWS credentials were found (CredentialsProviderError: Could not load credentials from any providers): run aws-actions/configure-aws-credentials before this step (role-to-assume and aws-region), with "permissions: id-token: write" on the job for its OIDC token'
    )
  })
})

describe('not found: which region and account were searched', () => {
  it('a missing function: the account from the ARN in Lambda’s answer, the region of the client', async () => {
    lambdaMock.on(GetFunctionConfigurationCommand).rejects(
      new ResourceNotFoundException({
        message: 'Function not found: arn:aws:lambda:us-east-1:123456789012:function:api',
        $metadata: { httpStatusCode: 404 }
      })
    )
    const { fn } = adapters()
    expect(await fn.configuration('$LATEST')).toBeUndefined()
    expect(fn.location()).toEqual({ region: 'us-east-1', account: '123456789012' })
  })

  it('a missing alias mid-deploy: the error names the alias, the function, the region and the account', async () => {
    lambdaMock
      .on(UpdateAliasCommand)
      .rejects(lambdaError('ResourceNotFoundException', 404, 'Alias not found: arn:aws:lambda:us-east-1:123456789012:function:api:live'))
    const error = await rejection(adapters().alias.write({ version: '1', weights: {} }, 'r1'))
    expect(error).toBeInstanceOf(NotFoundError)
    expect(error.message).toMatch(
      /^alias "live" of "api" was not found in region us-east-1, account 123456789012 \(ResourceNotFoundException: /
    )
  })

  it('without an ARN anywhere: "the account of the credentials"', () => {
    const error = translateAwsError(lambdaError('ResourceNotFoundException', 404, 'nope'), 'version 9 of "api"', {
      action: 'lambda:GetFunctionConfiguration',
      scope: scope()
    })
    expect(error.message).toBe(
      'version 9 of "api" was not found in region us-east-1, the account of the credentials (ResourceNotFoundException: nope)'
    )
  })

  it.each([
    [
      'function',
      'Function not found: arn:aws:lambda:eu-west-1:123456789012:function:api',
      'function "api" was not found in region eu-west-1, account 123456789012: check function-name and aws-region'
    ],
    [
      'version',
      'Function not found: arn:aws:lambda:eu-west-1:123456789012:function:api:2',
      'version 2 of "api" does not exist in region eu-west-1, account 123456789012; publish it first'
    ]
  ])('the preflight says so for a missing %s', async (what, text, expected) => {
    lambdaMock
      .on(GetFunctionConfigurationCommand)
      .resolves({
        Version: '1',
        State: 'Active',
        LastUpdateStatus: 'Successful',
        FunctionArn: 'arn:aws:lambda:eu-west-1:123456789012:function:api'
      })
      .on(GetFunctionConfigurationCommand, { Qualifier: what === 'function' ? '$LATEST' : '2' })
      .rejects(new ResourceNotFoundException({ message: text, $metadata: { httpStatusCode: 404 } }))
      .on(GetAliasCommand)
      .resolves({
        AliasArn: 'arn:aws:lambda:eu-west-1:123456789012:function:api:live',
        FunctionVersion: '1',
        RevisionId: 'r0',
        Name: 'live'
      })
      .on(GetProvisionedConcurrencyConfigCommand)
      .rejects(lambdaError('ProvisionedConcurrencyConfigNotFoundException', 404))
    cwMock.on(GetMetricDataCommand).resolves({ MetricDataResults: [] })
    const settings = settingsFrom({ 'function-name': 'api', version: '2' }, { AWS_REGION: 'eu-west-1' })
    const s = new AwsScope(undefined, 'eu-west-1')
    const lambda = sdkLambdaApi(new LambdaClient({ region: 'eu-west-1' }))
    const outcome = await runDeployment(settings.run, settings.deployments[0]!, {
      alias: new LambdaAlias(lambda, 'api', 'live', s),
      fn: new LambdaFunction(lambda, 'api', s),
      metrics: new CloudWatchMetrics(sdkCloudWatchApi(new CloudWatchClient({ region: 'eu-west-1' })), 'api', 'live', s),
      clock: new VirtualClock()
    })
    expect(outcome.result).toBe('failed')
    expect(outcome.reason).toContain(expected)
    expect(lambdaMock.commandCalls(UpdateAliasCommand)).toHaveLength(0)
  })
})

describe('the set-up, checked before any AWS call', () => {
  const saved = { ...process.env }
  const isolate = (env: Record<string, string>) => {
    for (const k of Object.keys(process.env)) if (/^AWS_/.test(k)) delete process.env[k]
    Object.assign(process.env, {
      AWS_CONFIG_FILE: '/nonexistent/aws-config',
      AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/aws-credentials',
      AWS_EC2_METADATA_DISABLED: 'true',
      ...env
    })
  }
  afterEach(() => {
    for (const k of Object.keys(process.env)) if (!(k in saved)) delete process.env[k]
    Object.assign(process.env, saved)
  })

  it('no region anywhere: names aws-region, AWS_REGION and configure-aws-credentials; nothing was sent', async () => {
    isolate({ AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE', AWS_SECRET_ACCESS_KEY: 'secret' })
    const opened = await openAws({ mode: 'deploy' })
    expect(opened.ok).toBe(false)
    const problem = opened.ok ? '' : opened.problem
    for (const words of ['aws-region', 'AWS_REGION', 'aws-actions/configure-aws-credentials']) expect(problem).toContain(words)
    expect(lambdaMock.calls()).toHaveLength(0)
  })

  it('no credentials anywhere: names configure-aws-credentials and id-token: write; nothing was sent', async () => {
    isolate({})
    const opened = await openAws({ mode: 'plan', region: 'us-east-1' })
    expect(opened.ok ? '' : opened.problem).toMatch(
      /^no AWS credentials were found \(CredentialsProviderError: .*\): run aws-actions\/configure-aws-credentials .*"permissions: id-token: write"/
    )
    expect(lambdaMock.calls()).toHaveLength(0)
  })

  it('a region from AWS_REGION and credentials from the environment: ready, with the region it will use', async () => {
    isolate({ AWS_REGION: 'ap-south-1', AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE', AWS_SECRET_ACCESS_KEY: 'secret' })
    const opened = await openAws({ mode: 'deploy' })
    expect(opened.ok && opened.session.region).toBe('ap-south-1')
    expect(opened.ok && opened.session.ports({ id: '123456789012:function:api', name: 'api' }, 'live').fn.location?.()).toEqual({
      region: 'ap-south-1',
      account: '123456789012'
    })
  })
})

describe('no credentials: what in the environment steered the SDK wrong (attack finding)', () => {
  const noCredentials = Object.assign(new Error('Could not load credentials from any providers'), { name: 'CredentialsProviderError' })
  it('half a key pair is named', () => {
    expect(credentialsProblem(noCredentials, undefined, { AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE' })).toContain(
      '; AWS_ACCESS_KEY_ID is set but AWS_SECRET_ACCESS_KEY is not: run aws-actions/configure-aws-credentials'
    )
    expect(credentialsProblem(noCredentials, undefined, { AWS_SECRET_ACCESS_KEY: 's' })).toContain(
      'AWS_SECRET_ACCESS_KEY is set but AWS_ACCESS_KEY_ID is not'
    )
  })
  it('a profile is named (not its value), with what to check', () => {
    const said = credentialsProblem(noCredentials, undefined, {
      AWS_PROFILE: 'nonexistent',
      AWS_ACCESS_KEY_ID: 'a',
      AWS_SECRET_ACCESS_KEY: 'b'
    })
    expect(said).toContain('AWS_PROFILE is set, so the SDK reads that profile')
    expect(said).not.toContain('nonexistent')
  })
  it('nothing set: only the set-up to run', () => {
    expect(credentialsProblem(noCredentials, undefined, {})).toBe(
      `no AWS credentials were found (CredentialsProviderError: Could not load credentials from any providers): run aws-actions/configure-aws-credentials before this step (role-to-assume and aws-region), with "permissions: id-token: write" on the job for its OIDC token`
    )
  })
})
