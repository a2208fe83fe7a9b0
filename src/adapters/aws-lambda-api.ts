// LambdaApi over the SDK's LambdaClient: one command per operation, the SDK's own waiters.
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
import type { LambdaApi } from './lambda.js'

export function sdkLambdaApi(client: LambdaClient): LambdaApi {
  return {
    getAlias: input => client.send(new GetAliasCommand(input)),
    updateAlias: input => client.send(new UpdateAliasCommand(input)),
    getFunctionConfiguration: input => client.send(new GetFunctionConfigurationCommand(input)),
    getProvisionedConcurrencyConfig: input => client.send(new GetProvisionedConcurrencyConfigCommand(input)),
    publishVersion: input => client.send(new PublishVersionCommand(input)),
    invoke: (input, abortSignal) => client.send(new InvokeCommand(input), { abortSignal }),
    waitForFunctionUpdated: async (input, maxWaitSeconds) => {
      await waitUntilFunctionUpdatedV2({ client, maxWaitTime: maxWaitSeconds }, input)
    },
    waitForPublishedVersionActive: async (input, maxWaitSeconds) => {
      await waitUntilPublishedVersionActive({ client, maxWaitTime: maxWaitSeconds }, input)
    }
  }
}
