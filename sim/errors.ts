/**
 * AWS-shaped errors. The model throws these; the HTTP layer serializes them the way each service does
 * (verified against @aws-sdk/client-lambda and @aws-sdk/client-cloudwatch 3.116x):
 *
 * - Lambda (restJson1): status code, header `x-amzn-ErrorType: <Name>`, JSON body `{ Type, message }`
 *   (`Message` for the shapes whose member is capitalised: ResourceNotFoundException, ServiceException).
 * - CloudWatch (awsJson1_0 with awsQueryCompatible): status code, header
 *   `x-amzn-query-error: <QueryCode>;Sender|Receiver`, JSON body `{ __type, message }`. The SDK takes the
 *   error name from the query-error header first, e.g. `Throttling`.
 */
export type AwsService = 'lambda' | 'cloudwatch'

export interface AwsErrorInit {
  service: AwsService
  /** Error name as the SDK will report it (`error.name`). */
  code: string
  status: number
  message: string
  /** Lambda: value of the `Type` body member ("User" / "Service"); omitted when undefined. */
  type?: string
  /** Lambda: body member holding the message. */
  messageField?: 'message' | 'Message'
  /** CloudWatch: the modelled shape name sent as `__type`. */
  shape?: string
  /** Extra JSON body members. */
  extra?: Record<string, unknown>
  /** Extra response headers. */
  headers?: Record<string, string>
}

export class AwsError extends Error {
  readonly service: AwsService
  readonly code: string
  readonly status: number
  readonly type: string | undefined
  readonly messageField: 'message' | 'Message'
  readonly shape: string | undefined
  readonly extra: Record<string, unknown>
  readonly headers: Record<string, string>

  constructor(init: AwsErrorInit) {
    super(init.message)
    this.name = init.code
    this.service = init.service
    this.code = init.code
    this.status = init.status
    this.type = init.type
    this.messageField = init.messageField ?? 'message'
    this.shape = init.shape
    this.extra = init.extra ?? {}
    this.headers = init.headers ?? {}
  }
}

const lambda = (code: string, status: number, message: string, rest: Partial<AwsErrorInit> = {}) =>
  new AwsError({ service: 'lambda', code, status, message, type: 'User', ...rest })

export const LambdaErrors = {
  resourceNotFound: (message: string) => lambda('ResourceNotFoundException', 404, message, { messageField: 'Message' }),
  invalidParameterValue: (message: string) => lambda('InvalidParameterValueException', 400, message),
  /** Constraint (model) validation failures; Lambda returns these without a `Type`. */
  validation: (message: string) => new AwsError({ service: 'lambda', code: 'ValidationException', status: 400, message }),
  /** A write (UpdateAlias, PublishVersion) whose RevisionId is not the resource's current one. */
  staleRevisionId: () =>
    lambda(
      'PreconditionFailedException',
      412,
      'The Revision Id provided does not match the latest Revision Id. Call the GetFunction/GetAlias API to retrieve the latest Revision Id'
    ),
  resourceConflict: (message: string) => lambda('ResourceConflictException', 409, message),
  tooManyRequests: (message = 'Rate exceeded', reason = 'CallerRateLimitExceeded', retryAfterSeconds = 1) =>
    lambda('TooManyRequestsException', 429, message, {
      extra: { Reason: reason },
      headers: { 'Retry-After': String(retryAfterSeconds) }
    }),
  service: (message = 'The Lambda service encountered an internal error (simulated).', status = 500) =>
    lambda('ServiceException', status, message, { type: 'Service', messageField: 'Message' }),
  provisionedConcurrencyConfigNotFound: (message = 'No Provisioned Concurrency Config found for this function') =>
    lambda('ProvisionedConcurrencyConfigNotFoundException', 404, message),
  unknownOperation: (message: string) => lambda('UnknownOperationException', 400, message)
}

const cw = (code: string, shape: string, status: number, message: string) =>
  new AwsError({ service: 'cloudwatch', code, shape, status, message })

export const CloudWatchErrors = {
  invalidParameterValue: (m: string) => cw('InvalidParameterValue', 'InvalidParameterValueException', 400, m),
  invalidParameterCombination: (m: string) => cw('InvalidParameterCombination', 'InvalidParameterCombinationException', 400, m),
  missingParameter: (m: string) => cw('MissingParameter', 'MissingRequiredParameterException', 400, m),
  validation: (m: string) => cw('ValidationError', 'ValidationException', 400, m),
  invalidNextToken: (m: string) => cw('InvalidNextToken', 'InvalidNextToken', 400, m),
  throttling: (m = 'Rate exceeded') => cw('Throttling', 'ThrottlingException', 400, m),
  internal: (m = 'Internal service error (simulated).', status = 500) => cw('InternalServiceError', 'InternalServiceFault', status, m),
  unknownOperation: (m: string) => cw('UnknownOperationException', 'UnknownOperationException', 400, m)
}
