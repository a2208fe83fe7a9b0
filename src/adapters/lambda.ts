// Lambda adapter: the alias port (every write guarded by RevisionId), the function port and the probe port,
// written once against LambdaApi, the few Lambda operations they use (as argo-rollouts' CloudWatchClientAPI):
// over the SDK client in the action (aws-lambda-api.ts), over the simulator's model in the benchmark.
import type {
  AliasConfiguration,
  FunctionConfiguration,
  GetAliasRequest,
  GetFunctionConfigurationRequest,
  GetFunctionRequest,
  GetProvisionedConcurrencyConfigRequest,
  GetProvisionedConcurrencyConfigResponse,
  InvocationRequest,
  InvocationResponse,
  PublishVersionRequest,
  UpdateAliasRequest
} from '@aws-sdk/client-lambda'
import {
  type AliasPort,
  type AliasState,
  type AliasTarget,
  type FunctionConfig,
  type FunctionPort,
  type InvokeResult,
  type Location,
  NotFoundError,
  type ProbePort,
  type ProvisionedConcurrency
} from '../ports.js'
import { AwsScope, errorName, translateAwsError } from './aws-errors.js'

/** Invoke's request with the payload as bytes, the one form the probe sends. */
type InvokeRequest = Omit<InvocationRequest, 'Payload'> & { Payload: Uint8Array }

export interface LambdaApi {
  getAlias(input: GetAliasRequest): Promise<AliasConfiguration>
  updateAlias(input: UpdateAliasRequest): Promise<AliasConfiguration>
  getFunctionConfiguration(input: GetFunctionConfigurationRequest): Promise<FunctionConfiguration>
  getProvisionedConcurrencyConfig(input: GetProvisionedConcurrencyConfigRequest): Promise<GetProvisionedConcurrencyConfigResponse>
  publishVersion(input: PublishVersionRequest): Promise<FunctionConfiguration>
  /** Rejects with an AbortError or TimeoutError when `abortSignal` fires first. */
  invoke(input: InvokeRequest, abortSignal: AbortSignal): Promise<InvocationResponse>
  /** Until $LATEST's LastUpdateStatus is Successful (GetFunction); rejects when it failed or after `maxWaitSeconds`. */
  waitForFunctionUpdated(input: GetFunctionRequest, maxWaitSeconds: number): Promise<void>
  /** Until the version's State is Active (GetFunctionConfiguration); rejects when it failed or after `maxWaitSeconds`. */
  waitForPublishedVersionActive(input: GetFunctionConfigurationRequest, maxWaitSeconds: number): Promise<void>
}

/** Waiters give up after this long; a version that is not Active by then is a failed preflight. */
const WAIT_SECONDS = 300

export class LambdaAlias implements AliasPort {
  constructor(
    private readonly api: LambdaApi,
    private readonly functionId: string,
    private readonly alias: string,
    private readonly scope = new AwsScope()
  ) {}

  async read(): Promise<AliasState> {
    try {
      const out = await this.api.getAlias({ FunctionName: this.functionId, Name: this.alias })
      this.scope.learn(out.AliasArn)
      return toAliasState(out)
    } catch (error) {
      throw translateAwsError(error, `alias "${this.alias}" of "${this.functionId}"`, { action: 'lambda:GetAlias', scope: this.scope })
    }
  }

  async write(target: AliasTarget, revisionId: string): Promise<AliasState> {
    try {
      const out = await this.api.updateAlias({
        FunctionName: this.functionId,
        Name: this.alias,
        FunctionVersion: target.version,
        // An empty map clears routing; Lambda keeps the old routing when RoutingConfig is omitted.
        RoutingConfig: { AdditionalVersionWeights: target.weights },
        ...(target.description !== undefined ? { Description: target.description } : {}),
        RevisionId: revisionId
      })
      return toAliasState(out)
    } catch (error) {
      throw translateAwsError(error, `alias "${this.alias}" of "${this.functionId}"`, { action: 'lambda:UpdateAlias', scope: this.scope })
    }
  }
}

export class LambdaFunction implements FunctionPort {
  constructor(
    private readonly api: LambdaApi,
    private readonly functionId: string,
    private readonly scope = new AwsScope()
  ) {}

  location(): Location {
    return this.scope.location()
  }

  async configuration(qualifier: string): Promise<FunctionConfig | undefined> {
    try {
      const out = await this.api.getFunctionConfiguration({ FunctionName: this.functionId, Qualifier: qualifier })
      this.scope.learn(out.FunctionArn)
      return toFunctionConfig(out)
    } catch (error) {
      const translated = translateAwsError(
        error,
        `version ${qualifier} of "${this.functionId}"`,
        this.call('lambda:GetFunctionConfiguration')
      )
      if (translated instanceof NotFoundError) return undefined
      throw translated
    }
  }

  private call(action: string) {
    return { action, scope: this.scope }
  }

  async provisionedConcurrency(qualifier: string): Promise<ProvisionedConcurrency | undefined> {
    try {
      const out = await this.api.getProvisionedConcurrencyConfig({ FunctionName: this.functionId, Qualifier: qualifier })
      return {
        requested: out.RequestedProvisionedConcurrentExecutions ?? 0,
        allocated: out.AllocatedProvisionedConcurrentExecutions ?? 0,
        status: out.Status ?? 'UNKNOWN',
        ...(out.StatusReason ? { statusReason: out.StatusReason } : {})
      }
    } catch (error) {
      // ProvisionedConcurrencyConfigNotFoundException (404): nothing is provisioned on this qualifier.
      if (errorName(error) === 'ProvisionedConcurrencyConfigNotFoundException') return undefined
      throw translateAwsError(
        error,
        `provisioned concurrency of ${this.functionId}:${qualifier}`,
        this.call('lambda:GetProvisionedConcurrencyConfig')
      )
    }
  }

  async publish(codeSha256: string, description: string): Promise<string> {
    // The IAM action of the step under way, for the words of a refusal.
    let action = 'lambda:GetFunction'
    try {
      await this.api.waitForFunctionUpdated({ FunctionName: this.functionId }, WAIT_SECONDS)
      action = 'lambda:PublishVersion'
      // CodeSha256 guards the publish: if $LATEST changed since preflight, Lambda refuses it.
      const published = await this.api.publishVersion({ FunctionName: this.functionId, CodeSha256: codeSha256, Description: description })
      const version = published.Version
      if (!version) throw new Error('PublishVersion returned no version number')
      action = 'lambda:GetFunctionConfiguration'
      await this.api.waitForPublishedVersionActive({ FunctionName: this.functionId, Qualifier: version }, WAIT_SECONDS)
      return version
    } catch (error) {
      // Lambda answers a CodeSha256 mismatch with InvalidParameterValueException ("CodeSHA256 … is different from current").
      if (errorName(error) === 'InvalidParameterValueException' && /CodeSHA256/i.test((error as Error).message)) {
        throw new Error(
          `$LATEST of "${this.functionId}" changed while publishing (its CodeSha256 is no longer ${codeSha256}); nothing was released`
        )
      }
      throw translateAwsError(error, `"${this.functionId}"`, this.call(action))
    }
  }
}

export class LambdaProbe implements ProbePort {
  constructor(
    private readonly api: LambdaApi,
    private readonly scope = new AwsScope()
  ) {}

  async invoke(functionId: string, qualifier: string | undefined, payload: string, timeoutMs: number): Promise<InvokeResult> {
    const timeout = AbortSignal.timeout(timeoutMs)
    try {
      const out = await this.api.invoke(
        {
          FunctionName: functionId,
          ...(qualifier ? { Qualifier: qualifier } : {}),
          InvocationType: 'RequestResponse',
          Payload: new TextEncoder().encode(payload)
        },
        timeout
      )
      return {
        statusCode: out.StatusCode ?? 0,
        ...(out.FunctionError ? { functionError: out.FunctionError } : {}),
        payload: out.Payload ? new TextDecoder().decode(out.Payload) : '',
        ...(out.ExecutedVersion ? { executedVersion: out.ExecutedVersion } : {})
      }
    } catch (error) {
      // The runner's cancel also aborts an invoke: that stays an AbortError (the rollout stops), not a failed probe.
      if (error instanceof Error && error.name === 'AbortError' && !timeout.aborted) throw error
      if (error instanceof Error && (error.name === 'AbortError' || error.name === 'TimeoutError')) {
        throw new Error(`${functionId}${qualifier ? `:${qualifier}` : ''} did not answer within ${Math.round(timeoutMs / 1000)}s`)
      }
      throw translateAwsError(error, `invoke of ${functionId}${qualifier ? `:${qualifier}` : ''}`, {
        action: 'lambda:InvokeFunction',
        scope: this.scope
      })
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

function toFunctionConfig(out: FunctionConfiguration): FunctionConfig {
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
