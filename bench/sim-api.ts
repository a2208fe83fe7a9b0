// LambdaApi and CloudWatchApi over the simulator's model, in process and in virtual time, so the benchmark runs
// the action's own adapters. Each call goes to the model operation sim/protocol.ts routes it to, with the steps
// sim/server.ts takes around it (the model brought up to the clock, scripted faults, AWS errors as the SDK raises
// them) and the wire's conversions (epoch seconds to Dates, payloads as bytes).
import type { DescribeAlarmsOutput, GetMetricDataOutput, MetricDataResult } from '@aws-sdk/client-cloudwatch'
import type {
  AliasConfiguration,
  FunctionConfiguration,
  GetFunctionConfigurationRequest,
  GetFunctionRequest,
  GetProvisionedConcurrencyConfigResponse,
  InvocationResponse
} from '@aws-sdk/client-lambda'
import type { CloudWatchApi } from '../src/adapters/cloudwatch.js'
import type { LambdaApi } from '../src/adapters/lambda.js'
import { AwsError, type AwsService } from '../sim/errors.js'
import type { SimModel } from '../sim/model.js'
import type { SimWorld } from './sim-ports.js'

type Json = Record<string, unknown>

/** An AwsError as the SDK raises it after reading the simulator's error response: name, message, HTTP status. */
function sdkError(error: AwsError): Error {
  return Object.assign(new Error(error.message), {
    name: error.code,
    $fault: error.status >= 500 ? 'server' : 'client',
    $metadata: { httpStatusCode: error.status }
  })
}

/** One AWS call as sim/server.ts handles a request: sync the model, decide a scripted fault, run the operation. */
async function call<T>(world: SimWorld, service: AwsService, operation: string, run: (model: SimModel) => T): Promise<T> {
  world.sync()
  const fault = world.model.decideFault(service, operation)
  try {
    if (fault && !fault.afterCommit) throw fault.error
    const out = run(world.model)
    if (fault) throw fault.error
    return out
  } catch (error) {
    throw error instanceof AwsError ? sdkError(error) : error
  }
}

/** The model answers with the JSON body the server sends; for these shapes the SDK's deserializer keeps every member as is. */
function body<T>(json: Json): T {
  return json as T
}

const seconds = (value: unknown): Date | undefined => (typeof value === 'number' ? new Date(value * 1000) : undefined)

/** Polls in virtual time as the SDK's waiters do (first check at once, then every `delaySeconds`) until success or the deadline. */
async function waitInVirtualTime(
  world: SimWorld,
  check: () => Promise<'success' | 'failure' | 'retry'>,
  delaySeconds: number,
  maxWaitSeconds: number,
  what: string
): Promise<void> {
  const deadline = world.now() + maxWaitSeconds * 1000
  for (;;) {
    // The SDK's waiters retry on any error the acceptors do not name.
    const state = await check().catch(() => 'retry' as const)
    if (state === 'success') return
    if (state === 'failure') throw new Error(`${what}: the waiter reached a failure state`)
    if (world.now() + delaySeconds * 1000 > deadline) {
      throw Object.assign(new Error(`${what}: the waiter timed out`), { name: 'TimeoutError' })
    }
    world.advance(delaySeconds * 1000)
  }
}

function invocationResponse(out: ReturnType<SimModel['invoke']>): InvocationResponse {
  return {
    StatusCode: out.StatusCode,
    ExecutedVersion: out.ExecutedVersion,
    ...(out.FunctionError ? { FunctionError: out.FunctionError } : {}),
    ...(out.LogResult ? { LogResult: out.LogResult } : {}),
    Payload: new TextEncoder().encode(out.Payload)
  }
}

function lambdaWaiters(world: SimWorld): Pick<LambdaApi, 'waitForFunctionUpdated' | 'waitForPublishedVersionActive'> {
  const functionUpdated = async (input: GetFunctionRequest) => {
    const out = await call(world, 'lambda', 'GetFunction', model => model.getFunction(input))
    const status = (out.Configuration as Json | undefined)?.LastUpdateStatus
    return status === 'Successful' ? 'success' : status === 'Failed' ? 'failure' : 'retry'
  }
  const versionActive = async (input: GetFunctionConfigurationRequest) => {
    const out = await call(world, 'lambda', 'GetFunctionConfiguration', model => model.getFunctionConfiguration(input))
    return out.State === 'Active' ? 'success' : out.State === 'Failed' ? 'failure' : 'retry'
  }
  // The delays are the SDK waiters' minimum delays (waitUntilFunctionUpdatedV2: 1 s, waitUntilPublishedVersionActive: 5 s).
  return {
    waitForFunctionUpdated: (input, maxWaitSeconds) =>
      waitInVirtualTime(world, () => functionUpdated(input), 1, maxWaitSeconds, `update of ${input.FunctionName}`),
    waitForPublishedVersionActive: (input, maxWaitSeconds) =>
      waitInVirtualTime(world, () => versionActive(input), 5, maxWaitSeconds, `version ${input.Qualifier} of ${input.FunctionName}`)
  }
}

export function simLambdaApi(world: SimWorld): LambdaApi {
  const lambda = <T>(operation: string, run: (model: SimModel) => T) => call(world, 'lambda', operation, run)
  return {
    getAlias: input => lambda('GetAlias', model => body<AliasConfiguration>(model.getAlias(input))),
    updateAlias: input => {
      world.recordAliasWrite(input.FunctionVersion ?? '', input.RoutingConfig?.AdditionalVersionWeights ?? {})
      return lambda('UpdateAlias', model => body<AliasConfiguration>(model.updateAlias(input)))
    },
    getFunctionConfiguration: input =>
      lambda('GetFunctionConfiguration', model => body<FunctionConfiguration>(model.getFunctionConfiguration(input))),
    getProvisionedConcurrencyConfig: input =>
      lambda('GetProvisionedConcurrencyConfig', model =>
        body<GetProvisionedConcurrencyConfigResponse>(model.getProvisionedConcurrencyConfig(input))
      ),
    publishVersion: input => lambda('PublishVersion', model => body<FunctionConfiguration>(model.publishVersion(input))),
    // The model answers at once, so the abort signal (the probe's timeout in wall time) never fires first.
    invoke: input =>
      lambda('Invoke', model => invocationResponse(model.invoke({ ...input, Payload: new TextDecoder().decode(input.Payload) }))),
    ...lambdaWaiters(world)
  }
}

type WireMetricDataResult = Omit<MetricDataResult, 'Timestamps'> & { Timestamps?: number[] }

function metricDataOutput(json: Json): GetMetricDataOutput {
  const out = body<Omit<GetMetricDataOutput, 'MetricDataResults'> & { MetricDataResults?: WireMetricDataResult[] }>(json)
  return {
    ...out,
    MetricDataResults: (out.MetricDataResults ?? []).map(r => ({ ...r, Timestamps: (r.Timestamps ?? []).map(t => new Date(t * 1000)) }))
  }
}

const ALARM_TIMESTAMPS = ['StateUpdatedTimestamp', 'StateTransitionedTimestamp', 'AlarmConfigurationUpdatedTimestamp']

function describeAlarmsOutput(json: Json): DescribeAlarmsOutput {
  const withDates = (alarms: unknown) =>
    ((alarms as Json[] | undefined) ?? []).map(a => ({ ...a, ...Object.fromEntries(ALARM_TIMESTAMPS.map(k => [k, seconds(a[k])])) }))
  return body<DescribeAlarmsOutput>({
    ...json,
    MetricAlarms: withDates(json.MetricAlarms),
    CompositeAlarms: withDates(json.CompositeAlarms)
  })
}

export function simCloudWatchApi(world: SimWorld): CloudWatchApi {
  return {
    getMetricData: input => call(world, 'cloudwatch', 'GetMetricData', model => metricDataOutput(model.getMetricData(input))),
    describeAlarms: input => call(world, 'cloudwatch', 'DescribeAlarms', model => describeAlarmsOutput(model.describeAlarms(input)))
  }
}
