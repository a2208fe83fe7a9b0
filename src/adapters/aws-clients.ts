// The SDK clients, built the same way for every service: the action's user agent, adaptive retries, bounded
// connections and requests, and the region when one is given. The SDK itself reads AWS_ENDPOINT_URL (the
// simulator, LocalStack) and credentials.
import { CloudWatchClient } from '@aws-sdk/client-cloudwatch'
import { LambdaClient } from '@aws-sdk/client-lambda'
import { NodeHttpHandler } from '@smithy/node-http-handler'
import { USER_AGENT } from '../constants.js'

/**
 * Every attempt is bounded: a TCP/TLS connection that is not up within connectionTimeout, or a request not
 * answered within requestTimeout, fails as a TimeoutError that the SDK retries. (Without throwOnRequestTimeout
 * the SDK only logs a warning and waits forever.) A whole call, retries included, is bounded by CallDeadlines.
 */
export const HTTP_TIMEOUTS = { connectionTimeout: 5_000, requestTimeout: 15_000, throwOnRequestTimeout: true } as const

function clientConfig(region: string | undefined) {
  return {
    ...(region ? { region } : {}),
    customUserAgent: [USER_AGENT],
    requestHandler: new NodeHttpHandler({ ...HTTP_TIMEOUTS }),
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
