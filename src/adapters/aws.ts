// Wires the AWS adapters: SDK clients → the narrow APIs → the ports, every call bounded and ended by the step's
// cancel (deadlines.ts). The set-up (a region, credentials) is checked once before any AWS call, and every
// refusal points at the README's policy for the mode. Loaded lazily by the steps, so a run that fails on bad
// input never pays for parsing the AWS SDK.
import type { LambdaClient } from '@aws-sdk/client-lambda'
import type { AliasPort, FunctionPort, MetricsPort, ProbePort } from '../ports.js'
import type { FunctionRef, Mode } from '../settings.js'
import { createCloudWatchClient, createLambdaClient } from './aws-clients.js'
import { sdkCloudWatchApi } from './aws-cloudwatch-api.js'
import { AwsScope, accountIn, credentialsNotLoaded, isMissingRegion, noRegion, policyPointer } from './aws-errors.js'
import { sdkLambdaApi } from './aws-lambda-api.js'
import { CallDeadlines, type CancelSource } from './deadlines.js'
import { CloudWatchMetrics } from './cloudwatch.js'
import { LambdaAlias, LambdaFunction, LambdaProbe } from './lambda.js'

export interface FunctionPorts {
  alias: AliasPort
  fn: FunctionPort
  metrics: MetricsPort
  probe: ProbePort
}

/** The AWS side of one run: one Lambda and one CloudWatch client, shared by the functions it releases. */
export interface AwsSession {
  /** The region the calls go to (the run's, or the SDK's own from a profile). */
  region: string
  ports(fn: FunctionRef, alias: string): FunctionPorts
}

/**
 * The set-up every call needs, checked before the first: a region (the run's; else what the SDK finds in a
 * profile) and credentials (resolved once; the client keeps them, and refreshes them, for every call). A problem
 * comes back in words that say what to do, and nothing has been called.
 */
export async function openAws(
  run: { region?: string | undefined; mode: Mode },
  cancel?: CancelSource,
  env: NodeJS.ProcessEnv = process.env
): Promise<{ ok: true; session: AwsSession } | { ok: false; problem: string }> {
  const lambda = createLambdaClient(run.region)
  let region: string
  try {
    region = await lambda.config.region()
  } catch (error) {
    if (isMissingRegion(error)) return { ok: false, problem: noRegion() }
    throw error
  }
  const refused = await credentialsRefused(lambda)
  if (refused) return { ok: false, problem: refused }
  const cloudWatch = createCloudWatchClient(region)
  const policy = policyPointer(run.mode, env)
  const session: AwsSession = {
    region,
    ports: (fn, alias) => {
      const scope = new AwsScope(policy, region, accountOf(fn.id))
      const deadlines = new CallDeadlines(cancel)
      const api = sdkLambdaApi(lambda, deadlines)
      return {
        alias: new LambdaAlias(api, fn.id, alias, scope),
        fn: new LambdaFunction(api, fn.id, scope),
        probe: new LambdaProbe(api, scope),
        metrics: new CloudWatchMetrics(sdkCloudWatchApi(cloudWatch, deadlines), fn.name, alias, scope)
      }
    }
  }
  return { ok: true, session }
}

/** Credentials from the SDK's default chain (configure-aws-credentials' environment, a profile, a container or instance role). */
async function credentialsRefused(client: LambdaClient): Promise<string | undefined> {
  try {
    await client.config.credentials()
    return undefined
  } catch (error) {
    return credentialsNotLoaded(error)
  }
}

/** The account in function-name, when it is a full ("arn:aws:lambda:…") or partial ("123456789012:function:…") ARN. */
function accountOf(functionId: string): string | undefined {
  return accountIn(functionId) ?? /^(\d{12}):function:/.exec(functionId)?.[1]
}

/** The post step's alias port: it only restores, so a refusal points at the deploy policy (the post step's calls are in it). */
export function aliasPort(functionId: string, alias: string, region: string | undefined, cancel?: CancelSource): AliasPort {
  const scope = new AwsScope(policyPointer('deploy', process.env), region, accountOf(functionId))
  return new LambdaAlias(sdkLambdaApi(createLambdaClient(region), new CallDeadlines(cancel)), functionId, alias, scope)
}
