// Wires the AWS adapters for one function: SDK clients → the narrow APIs → the ports, every call bounded and
// ended by the step's cancel (deadlines.ts). Loaded lazily by the steps, so a run that fails on bad input never
// pays for parsing the AWS SDK.
import type { FunctionRef } from '../settings.js'
import type { AliasPort, FunctionPort, MetricsPort, ProbePort } from '../ports.js'
import { createCloudWatchClient, createLambdaClient } from './aws-clients.js'
import { sdkCloudWatchApi } from './aws-cloudwatch-api.js'
import { sdkLambdaApi } from './aws-lambda-api.js'
import { CallDeadlines, type CancelSource } from './deadlines.js'
import { CloudWatchMetrics } from './cloudwatch.js'
import { LambdaAlias, LambdaFunction, LambdaProbe } from './lambda.js'

export function awsPorts(
  fn: FunctionRef,
  alias: string,
  region: string | undefined,
  cancel?: CancelSource
): {
  alias: AliasPort
  fn: FunctionPort
  metrics: MetricsPort
  probe: ProbePort
} {
  const deadlines = new CallDeadlines(cancel)
  const lambda = sdkLambdaApi(createLambdaClient(region), deadlines)
  return {
    alias: new LambdaAlias(lambda, fn.id, alias),
    fn: new LambdaFunction(lambda, fn.id),
    probe: new LambdaProbe(lambda),
    metrics: new CloudWatchMetrics(sdkCloudWatchApi(createCloudWatchClient(region), deadlines), fn.name, alias)
  }
}

export function aliasPort(functionId: string, alias: string, region: string | undefined, cancel?: CancelSource): AliasPort {
  return new LambdaAlias(sdkLambdaApi(createLambdaClient(region), new CallDeadlines(cancel)), functionId, alias)
}
