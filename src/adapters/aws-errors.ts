// AWS errors → the core's error kinds: one translation for every Lambda and CloudWatch call.
import { AliasConflictError, NotFoundError, TransientError } from '../ports.js'

export function errorName(error: unknown): string {
  return error instanceof Error ? error.name : ''
}

function httpStatus(error: unknown): number | undefined {
  const status = (error as { $metadata?: { httpStatusCode?: unknown } } | null | undefined)?.$metadata?.httpStatusCode
  return typeof status === 'number' ? status : undefined
}

/** SDK errors → the core's error kinds, keeping AWS's name and message for the report. `what` names the resource. */
export function translateAwsError(error: unknown, what: string): Error {
  const name = errorName(error)
  const message = error instanceof Error ? error.message : String(error)
  const status = httpStatus(error)
  if (name === 'PreconditionFailedException' || status === 412) {
    return new AliasConflictError(`${name || 'PreconditionFailed'} on ${what}: ${message}`)
  }
  if (name === 'ResourceNotFoundException' || status === 404) return new NotFoundError(`${what} was not found (${name}: ${message})`)
  const throttled = /throttl|toomanyrequests|ratelimit/i.test(name) || status === 429
  if (throttled || (status !== undefined && status >= 500)) {
    return new TransientError(`${name || `HTTP ${status}`} on ${what} after the SDK's retries: ${message}`, { cause: error })
  }
  return error instanceof Error ? error : new Error(message)
}
