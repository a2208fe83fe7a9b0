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
        async abortSignal => {
          await waitUntilFunctionUpdatedV2({ client, maxWaitTime: maxWaitSeconds, abortSignal }, input)
        },
        waiterMs(maxWaitSeconds)
      ),
    waitForPublishedVersionActive: (input, maxWaitSeconds) =>
      call(
        'GetFunctionConfiguration (waiting for the version to be active)',
        'read',
        async abortSignal => {
          await waitUntilPublishedVersionActive({ client, maxWaitTime: maxWaitSeconds, abortSignal }, input)
        },
        waiterMs(maxWaitSeconds)
      )
  }
}

/** Node's longest timer (about 24.8 days): "no deadline of ours". */
const UNBOUNDED_MS = 2 ** 31 - 1

/** A waiter gives up by itself at maxWaitTime; its last poll may still be under way then. */
function waiterMs(maxWaitSeconds: number): number {
  return (maxWaitSeconds + 30) * 1000
}
