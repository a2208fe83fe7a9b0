// LambdaApi over the SDK's LambdaClient: one command per operation and the SDK's own waiters, each sent with
// its deadline and the runner's cancel (see deadlines.ts). Alias and version writes are writes; the rest reads.
import { anySignal } from './signals.js'
import {
  GetAliasCommand,
  GetFunctionConfigurationCommand,
  GetProvisionedConcurrencyConfigCommand,
  InvokeCommand,
  type LambdaClient,
  PublishVersionCommand,
  UpdateAliasCommand,
  waitUntilFunctionUpdatedV2,
  waitUntilPublishedVersionActive
} from '@aws-sdk/client-lambda'
import { CallDeadlines } from './deadlines.js'
import type { LambdaApi } from './lambda.js'

export function sdkLambdaApi(client: LambdaClient, deadlines = new CallDeadlines()): LambdaApi {
  const call = deadlines.call.bind(deadlines)
  return {
    getAlias: input => call('GetAlias', 'read', abortSignal => client.send(new GetAliasCommand(input), { abortSignal })),
    updateAlias: input => call('UpdateAlias', 'write', abortSignal => client.send(new UpdateAliasCommand(input), { abortSignal })),
    getFunctionConfiguration: input =>
      call('GetFunctionConfiguration', 'read', abortSignal => client.send(new GetFunctionConfigurationCommand(input), { abortSignal })),
    getProvisionedConcurrencyConfig: input =>
      call('GetProvisionedConcurrencyConfig', 'read', abortSignal =>
        client.send(new GetProvisionedConcurrencyConfigCommand(input), { abortSignal })
      ),
    publishVersion: input => call('PublishVersion', 'write', abortSignal => client.send(new PublishVersionCommand(input), { abortSignal })),
    // The probe's own signal bounds an invoke (hook-timeout can be minutes): no per-attempt requestTimeout,
    // no call deadline of ours; the runner's cancel still ends it.
    invoke: (input, probeSignal) =>
      call(
        'Invoke',
        'read',
        abortSignal => client.send(new InvokeCommand(input), { abortSignal: anySignal([abortSignal, probeSignal]), requestTimeout: 0 }),
        UNBOUNDED_MS
      ),
    waitForFunctionUpdated: (input, maxWaitSeconds) =>
      call(
        'GetFunction (waiting for $LATEST to be updated)',
        'read',
        abortSignal =>
          untilRefused(client, abortSignal, maxWaitSeconds, (c, signal) =>
            waitUntilFunctionUpdatedV2({ client: c, maxWaitTime: maxWaitSeconds, abortSignal: signal }, input)
          ),
        waiterMs(maxWaitSeconds)
      ),
    waitForPublishedVersionActive: (input, maxWaitSeconds) =>
      call(
        'GetFunctionConfiguration (waiting for the version to be active)',
        'read',
        abortSignal =>
          untilRefused(client, abortSignal, maxWaitSeconds, (c, signal) =>
            waitUntilPublishedVersionActive({ client: c, maxWaitTime: maxWaitSeconds, abortSignal: signal }, input)
          ),
        waiterMs(maxWaitSeconds)
      )
  }
}

/**
 * The SDK's waiters retry every error until their maxWaitTime: a role without lambda:GetFunction, or expired
 * credentials, would wait minutes for an answer that cannot change. A definite refusal (a 4xx other than 404,
 * 408, 409 and 429 — a version just published may not be found for a moment) ends the wait with that error.
 * The waiter's own requests carry the cancel (it passes none to them), and its timeout is said in words.
 */
async function untilRefused(
  client: LambdaClient,
  abortSignal: AbortSignal,
  maxWaitSeconds: number,
  wait: (client: LambdaClient, signal: AbortSignal) => Promise<unknown>
): Promise<void> {
  const stop = new AbortController()
  const signal = anySignal([abortSignal, stop.signal])
  let refused: unknown
  let last: unknown
  const watched = new Proxy(client, {
    get(target, key, receiver) {
      if (key !== 'send') return Reflect.get(target, key, receiver)
      return async (command: unknown, options?: Record<string, unknown>) => {
        try {
          return await (target.send as (...a: unknown[]) => Promise<unknown>)(command, { ...options, abortSignal: signal })
        } catch (error) {
          last = error
          if (isRefusal(error)) {
            refused ??= error
            stop.abort()
          }
          throw error
        }
      }
    }
  })
  try {
    await wait(watched, signal)
  } catch (error) {
    if (refused !== undefined) throw refused
    if ((error as Error | null)?.name !== 'TimeoutError' || abortSignal.aborted) throw error
    const answer = last instanceof Error ? `; the last answer was an error: ${last.name}: ${last.message}` : ''
    throw new Error(`the wait gave up after ${maxWaitSeconds}s without the state it waits for${answer}`)
  }
  if (refused !== undefined) throw refused
}

function isRefusal(error: unknown): boolean {
  const status = (error as { $metadata?: { httpStatusCode?: unknown } } | null)?.$metadata?.httpStatusCode
  return typeof status === 'number' && status >= 400 && status < 500 && ![404, 408, 409, 429].includes(status)
}

/** Node's longest timer (about 24.8 days): "no deadline of ours". */
const UNBOUNDED_MS = 2 ** 31 - 1

/** A waiter gives up by itself at maxWaitTime; its last poll may still be under way then. */
function waiterMs(maxWaitSeconds: number): number {
  return (maxWaitSeconds + 30) * 1000
}
