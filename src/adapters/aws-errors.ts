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

/**
 * What an alias write's failure says about the write, decided here once for every write kind:
 * - `conflict`: Lambda refused it for a stale RevisionId (someone else, or our own earlier write behind a lost answer);
 * - `rejected`: Lambda refused it for good (a 4xx such as validation or access denied): not applied, and a retry
 *   would be refused the same way;
 * - `unknown`: anything else — a timeout, a reset connection, a 5xx or throttle after the SDK's retries, an answer
 *   the SDK could not parse (truncated JSON, an HTML page with status 200), an answer without the alias's fields.
 *   The write may have been applied; only reading the alias back can tell.
 */
export type WriteFailure = 'conflict' | 'rejected' | 'unknown'

export function classifyWriteFailure(error: unknown): WriteFailure {
  if (error instanceof AliasConflictError) return 'conflict'
  if (error instanceof NotFoundError) return 'rejected'
  if (error instanceof TransientError) return 'unknown'
  const status = httpStatus(error)
  // 408 (timeout), 409 (Lambda's ResourceConflictException: an update in progress) and 429 (throttled) mean "later",
  // and say nothing about whether an earlier attempt by the SDK's own retries was applied.
  if (status !== undefined && status >= 400 && status < 500 && ![408, 409, 429].includes(status)) return 'rejected'
  return 'unknown'
}
