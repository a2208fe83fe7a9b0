// The SDK's waiters retry every error until their maxWaitTime. A refusal (AccessDenied, an expired token) cannot
// change by waiting: the adapter ends the wait on the first one, with that error (attack finding, issue 13 item 3).
import { afterEach, describe, expect, it } from '@jest/globals'
import { mockClient } from 'aws-sdk-client-mock'
import { GetFunctionCommand, GetFunctionConfigurationCommand, LambdaClient, LambdaServiceException } from '@aws-sdk/client-lambda'
import { sdkLambdaApi } from '../src/adapters/aws-lambda-api.js'

const lambdaMock = mockClient(LambdaClient)
afterEach(() => {
  lambdaMock.reset()
})

const client = () => new LambdaClient({ region: 'us-east-1', credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' } })
const refusal = (name: string, status: number) =>
  new LambdaServiceException({ name, $fault: 'client', $metadata: { httpStatusCode: status }, message: `${name} from AWS` })

describe('waiters end on a refusal instead of retrying it until maxWaitTime', () => {
  it.each([
    ['AccessDeniedException', 403],
    ['ExpiredTokenException', 403],
    ['UnrecognizedClientException', 403],
    ['InvalidParameterValueException', 400]
  ])('waitForFunctionUpdated: %s (%i) rejects after one GetFunction', async (name, status) => {
    lambdaMock.on(GetFunctionCommand).rejects(refusal(name, status))
    const api = sdkLambdaApi(client())
    await expect(api.waitForFunctionUpdated({ FunctionName: 'f' }, 300)).rejects.toMatchObject({ name })
    expect(lambdaMock.commandCalls(GetFunctionCommand)).toHaveLength(1)
  })

  it('waitForPublishedVersionActive: AccessDenied rejects after one GetFunctionConfiguration', async () => {
    lambdaMock.on(GetFunctionConfigurationCommand).rejects(refusal('AccessDeniedException', 403))
    const api = sdkLambdaApi(client())
    await expect(api.waitForPublishedVersionActive({ FunctionName: 'f', Qualifier: '3' }, 300)).rejects.toMatchObject({
      name: 'AccessDeniedException'
    })
    expect(lambdaMock.commandCalls(GetFunctionConfigurationCommand)).toHaveLength(1)
  })

  it('a version not found for a moment after publishing is waited for, and the wait then succeeds', async () => {
    lambdaMock
      .on(GetFunctionConfigurationCommand)
      .rejectsOnce(refusal('ResourceNotFoundException', 404))
      .resolves({ State: 'Active', LastUpdateStatus: 'Successful' })
    const api = sdkLambdaApi(client())
    await api.waitForPublishedVersionActive({ FunctionName: 'f', Qualifier: '3' }, 300)
    expect(lambdaMock.commandCalls(GetFunctionConfigurationCommand)).toHaveLength(2)
  }, 20_000)

  it('an update in progress is waited for until it succeeds', async () => {
    lambdaMock
      .on(GetFunctionCommand)
      .resolvesOnce({ Configuration: { LastUpdateStatus: 'InProgress' } })
      .resolves({ Configuration: { LastUpdateStatus: 'Successful' } })
    const api = sdkLambdaApi(client())
    await api.waitForFunctionUpdated({ FunctionName: 'f' }, 300)
    expect(lambdaMock.commandCalls(GetFunctionCommand)).toHaveLength(2)
  }, 20_000)
})
