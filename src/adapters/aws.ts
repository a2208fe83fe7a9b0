// Wires the AWS adapters for one function: SDK clients → the narrow APIs → the ports. Loaded lazily by the
// entry points, so a run that fails on bad input never pays for parsing the AWS SDK.
import type { Settings } from '../inputs/legacy.js'
import type { AliasPort, FunctionPort, MetricsPort, ProbePort } from '../ports.js'
import { createCloudWatchClient, createLambdaClient } from './aws-clients.js'
import { sdkCloudWatchApi } from './aws-cloudwatch-api.js'
import { sdkLambdaApi } from './aws-lambda-api.js'
import { CloudWatchMetrics } from './cloudwatch.js'
import { LambdaAlias, LambdaFunction, LambdaProbe } from './lambda.js'

export function awsPorts(settings: Pick<Settings, 'fn' | 'alias' | 'region'>): {
  alias: AliasPort
  fn: FunctionPort
  metrics: MetricsPort
  probe: ProbePort
} {
  const lambda = sdkLambdaApi(createLambdaClient(settings.region))
  return {
    alias: new LambdaAlias(lambda, settings.fn.id, settings.alias),
    fn: new LambdaFunction(lambda, settings.fn.id),
    probe: new LambdaProbe(lambda),
    metrics: new CloudWatchMetrics(sdkCloudWatchApi(createCloudWatchClient(settings.region)), settings.fn.name, settings.alias)
  }
}

export function aliasPort(functionId: string, alias: string, region: string | undefined): AliasPort {
  return new LambdaAlias(sdkLambdaApi(createLambdaClient(region)), functionId, alias)
}
