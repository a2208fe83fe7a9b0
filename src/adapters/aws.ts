// Wires the AWS adapters for one function: SDK clients → the narrow APIs → the ports. Loaded lazily by the
// entry points, so a run that fails on bad input never pays for parsing the AWS SDK.
import type { FunctionRef } from '../settings.js'
import type { AliasPort, FunctionPort, MetricsPort, ProbePort } from '../ports.js'
import { createCloudWatchClient, createLambdaClient } from './aws-clients.js'
import { sdkCloudWatchApi } from './aws-cloudwatch-api.js'
import { sdkLambdaApi } from './aws-lambda-api.js'
import { CloudWatchMetrics } from './cloudwatch.js'
import { LambdaAlias, LambdaFunction, LambdaProbe } from './lambda.js'

export function awsPorts(
  fn: FunctionRef,
  alias: string,
  region: string | undefined
): {
  alias: AliasPort
  fn: FunctionPort
  metrics: MetricsPort
  probe: ProbePort
} {
  const lambda = sdkLambdaApi(createLambdaClient(region))
  return {
    alias: new LambdaAlias(lambda, fn.id, alias),
    fn: new LambdaFunction(lambda, fn.id),
    probe: new LambdaProbe(lambda),
    metrics: new CloudWatchMetrics(sdkCloudWatchApi(createCloudWatchClient(region)), fn.name, alias)
  }
}

export function aliasPort(functionId: string, alias: string, region: string | undefined): AliasPort {
  return new LambdaAlias(sdkLambdaApi(createLambdaClient(region)), functionId, alias)
}
