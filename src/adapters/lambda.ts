// Lambda adapter: the alias port (every write guarded by RevisionId) and the function port.
import {
  GetAliasCommand,
  GetFunctionConfigurationCommand,
  type GetFunctionConfigurationCommandOutput,
  GetProvisionedConcurrencyConfigCommand,
  InvokeCommand,
  LambdaClient,
  PublishVersionCommand,
  UpdateAliasCommand,
  type AliasConfiguration,
  waitUntilFunctionUpdatedV2,
  waitUntilPublishedVersionActive
} from '@aws-sdk/client-lambda'
import { USER_AGENT } from '../constants.js'
import {
  AliasConflictError,
  type AliasPort,
  type AliasState,
  type AliasTarget,
  type FunctionConfig,
  type FunctionPort,
  type InvokeResult,
  NotFoundError,
  type ProbePort,
  type ProvisionedConcurrency,
  TransientError
} from '../ports.js'

/** Waiters give up after this long; a version that is not Active by then is a failed preflight. */
const WAIT_SECONDS = 300

export function createLambdaClient(region: string | undefined): LambdaClient {
  return new LambdaClient({
    ...(region ? { region } : {}),
    customUserAgent: [USER_AGENT],
    // Throttling and 5xx: the SDK's adaptive retry first; the rollout adds bounded retries on decisive writes.
    retryMode: 'adaptive',
    maxAttempts: 5
  })
}

export class LambdaAlias implements AliasPort {
  constructor(
    private readonly client: LambdaClient,
    private readonly functionId: string,
    private readonly alias: string
  ) {}

  async read(): Promise<AliasState> {
    try {
      return toAliasState(await this.client.send(new GetAliasCommand({ FunctionName: this.functionId, Name: this.alias })))
    } catch (error) {
      throw translate(error, `alias "${this.alias}" of "${this.functionId}"`)
    }
  }

  async write(target: AliasTarget, revisionId: string): Promise<AliasState> {
    try {
      const out = await this.client.send(
        new UpdateAliasCommand({
          FunctionName: this.functionId,
          Name: this.alias,
          FunctionVersion: target.version,
          // An empty map clears routing; Lambda keeps the old routing when RoutingConfig is omitted.
          RoutingConfig: { AdditionalVersionWeights: target.weights },
          ...(target.description !== undefined ? { Description: target.description } : {}),
          RevisionId: revisionId
        })
      )
      return toAliasState(out)
    } catch (error) {
      throw translate(error, `alias "${this.alias}" of "${this.functionId}"`)
    }
  }
}

export class LambdaFunction implements FunctionPort {
  constructor(
    private readonly client: LambdaClient,
    private readonly functionId: string
  ) {}

  async configuration(qualifier: string): Promise<FunctionConfig | undefined> {
    try {
      return toFunctionConfig(
        await this.client.send(new GetFunctionConfigurationCommand({ FunctionName: this.functionId, Qualifier: qualifier }))
      )
    } catch (error) {
      const translated = translate(error, `version ${qualifier} of "${this.functionId}"`)
      if (translated instanceof NotFoundError) return undefined
      throw translated
    }
  }

  async provisionedConcurrency(qualifier: string): Promise<ProvisionedConcurrency | undefined> {
    try {
      const out = await this.client.send(
        new GetProvisionedConcurrencyConfigCommand({ FunctionName: this.functionId, Qualifier: qualifier })
      )
      return {
        requested: out.RequestedProvisionedConcurrentExecutions ?? 0,
        allocated: out.AllocatedProvisionedConcurrentExecutions ?? 0,
        status: out.Status ?? 'UNKNOWN',
        ...(out.StatusReason ? { statusReason: out.StatusReason } : {})
      }
    } catch (error) {
      // ProvisionedConcurrencyConfigNotFoundException (404): nothing is provisioned on this qualifier.
      if (errorName(error) === 'ProvisionedConcurrencyConfigNotFoundException') return undefined
      throw translate(error, `provisioned concurrency of ${this.functionId}:${qualifier}`)
    }
  }

  async publish(codeSha256: string, description: string): Promise<string> {
    try {
      await waitUntilFunctionUpdatedV2({ client: this.client, maxWaitTime: WAIT_SECONDS }, { FunctionName: this.functionId })
      const published = await this.client.send(
        // CodeSha256 guards the publish: if $LATEST changed since preflight, Lambda refuses it.
        new PublishVersionCommand({ FunctionName: this.functionId, CodeSha256: codeSha256, Description: description })
      )
      const version = published.Version
      if (!version) throw new Error('PublishVersion returned no version number')
      await waitUntilPublishedVersionActive(
        { client: this.client, maxWaitTime: WAIT_SECONDS },
        { FunctionName: this.functionId, Qualifier: version }
      )
      return version
    } catch (error) {
      // Lambda answers a CodeSha256 mismatch with InvalidParameterValueException ("CodeSHA256 … is different from current").
      if (errorName(error) === 'InvalidParameterValueException' && /CodeSHA256/i.test((error as Error).message)) {
        throw new Error(
          `$LATEST of "${this.functionId}" changed while publishing (its CodeSha256 is no longer ${codeSha256}); nothing was released`
        )
      }
      throw translate(error, `"${this.functionId}"`)
    }
  }
}

export class LambdaProbe implements ProbePort {
  constructor(private readonly client: LambdaClient) {}

  async invoke(functionId: string, qualifier: string | undefined, payload: string, timeoutMs: number): Promise<InvokeResult> {
    try {
      const out = await this.client.send(
        new InvokeCommand({
          FunctionName: functionId,
          ...(qualifier ? { Qualifier: qualifier } : {}),
          InvocationType: 'RequestResponse',
          Payload: new TextEncoder().encode(payload)
        }),
        { abortSignal: AbortSignal.timeout(timeoutMs) }
      )
      return {
        statusCode: out.StatusCode ?? 0,
        ...(out.FunctionError ? { functionError: out.FunctionError } : {}),
        payload: out.Payload ? new TextDecoder().decode(out.Payload) : '',
        ...(out.ExecutedVersion ? { executedVersion: out.ExecutedVersion } : {})
      }
    } catch (error) {
      if (error instanceof Error && (error.name === 'AbortError' || error.name === 'TimeoutError')) {
        throw new Error(`${functionId}${qualifier ? `:${qualifier}` : ''} did not answer within ${Math.round(timeoutMs / 1000)}s`)
      }
      throw translate(error, `invoke of ${functionId}${qualifier ? `:${qualifier}` : ''}`)
    }
  }
}

function toAliasState(out: AliasConfiguration): AliasState {
  if (!out.AliasArn || !out.FunctionVersion || !out.RevisionId)
    throw new Error('Lambda returned an alias without AliasArn, FunctionVersion or RevisionId')
  return {
    arn: out.AliasArn,
    version: out.FunctionVersion,
    weights: { ...(out.RoutingConfig?.AdditionalVersionWeights ?? {}) },
    revisionId: out.RevisionId,
    ...(out.Description ? { description: out.Description } : {})
  }
}

function toFunctionConfig(out: GetFunctionConfigurationCommandOutput): FunctionConfig {
  const config: FunctionConfig = { version: out.Version ?? '' }
  if (out.State) config.state = out.State
  if (out.StateReason) config.stateReason = out.StateReason
  if (out.LastUpdateStatus) config.lastUpdateStatus = out.LastUpdateStatus
  if (out.LastUpdateStatusReason) config.lastUpdateStatusReason = out.LastUpdateStatusReason
  if (out.Role) config.role = out.Role
  if (out.DeadLetterConfig?.TargetArn) config.deadLetterTargetArn = out.DeadLetterConfig.TargetArn
  if (out.CodeSha256) config.codeSha256 = out.CodeSha256
  return config
}

export function errorName(error: unknown): string {
  return error instanceof Error ? error.name : ''
}

/** SDK errors → the core's error kinds, keeping AWS's name and message for the report. */
export function translate(error: unknown, what: string): Error {
  const name = errorName(error)
  const message = error instanceof Error ? error.message : String(error)
  const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode
  if (name === 'PreconditionFailedException' || status === 412) {
    return new AliasConflictError(`${name || 'PreconditionFailed'} on ${what}: ${message}`)
  }
  if (name === 'ResourceNotFoundException' || status === 404) return new NotFoundError(`${what} was not found (${name}: ${message})`)
  const throttled = /throttl|toomanyrequests|ratelimit/i.test(name) || status === 429
  if (throttled || (status !== undefined && status >= 500)) {
    return new TransientError(`${name || `HTTP ${status}`} on ${what} after the SDK's retries: ${message}`, { cause: error })
  }
  return error instanceof Error ? error : new Error(message)
}
