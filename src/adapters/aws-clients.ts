// The SDK clients, built the same way for every service: the action's user agent, adaptive retries, and the
// region when one is given. The SDK itself reads AWS_ENDPOINT_URL (the simulator, LocalStack) and credentials.
import { CloudWatchClient } from '@aws-sdk/client-cloudwatch'
import { LambdaClient } from '@aws-sdk/client-lambda'
import { USER_AGENT } from '../constants.js'

function clientConfig(region: string | undefined) {
  return {
    ...(region ? { region } : {}),
    customUserAgent: [USER_AGENT],
    // Throttling and 5xx: the SDK's adaptive retry first; the rollout adds bounded retries on decisive writes.
    retryMode: 'adaptive',
    maxAttempts: 5
  }
}

export function createLambdaClient(region: string | undefined): LambdaClient {
  return new LambdaClient(clientConfig(region))
}

export function createCloudWatchClient(region: string | undefined): CloudWatchClient {
  return new CloudWatchClient(clientConfig(region))
}
