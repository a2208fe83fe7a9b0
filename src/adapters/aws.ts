// Wires the AWS adapters for one function. Loaded lazily by the entry points, so a run that fails
// on bad input never pays for parsing the AWS SDK.
import type { Settings } from '../inputs/legacy.js'
import type { AliasPort, FunctionPort, MetricsPort, ProbePort } from '../ports.js'
import { CloudWatchMetrics, createCloudWatchClient } from './cloudwatch.js'
import { LambdaAlias, LambdaFunction, LambdaProbe, createLambdaClient } from './lambda.js'

export function awsPorts(settings: Pick<Settings, 'fn' | 'alias' | 'region'>): {
  alias: AliasPort
  fn: FunctionPort
  metrics: MetricsPort
  probe: ProbePort
} {
  const lambda = createLambdaClient(settings.region)
  return {
    alias: new LambdaAlias(lambda, settings.fn.id, settings.alias),
    fn: new LambdaFunction(lambda, settings.fn.id),
    probe: new LambdaProbe(lambda),
    metrics: new CloudWatchMetrics(createCloudWatchClient(settings.region), settings.fn.name, settings.alias)
  }
}

export function aliasPort(functionId: string, alias: string, region: string | undefined): AliasPort {
  return new LambdaAlias(createLambdaClient(region), functionId, alias)
}
