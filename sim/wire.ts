/** Shapes and encodings shared by both services' operations (SDK-shaped inputs, wire-shaped outputs). */
import { CloudWatchErrors, LambdaErrors } from './errors.js'

/** A wire-shaped output object (PascalCase members, as the service sends them). */
export type Json = Record<string, unknown>

/** An SDK input member: may be absent or explicitly undefined. */
export type Opt<T> = T | undefined

/** The page offset carried by a Marker / NextToken; an undecodable token is the service's own error. */
export function decodeToken(token: string | undefined, service: 'lambda' | 'cloudwatch'): number {
  if (token === undefined || token === '') return 0
  const n = Number.parseInt(Buffer.from(token, 'base64url').toString('utf8').replace(/^o:/, ''), 10)
  if (!Number.isInteger(n) || n < 0) {
    throw service === 'lambda'
      ? LambdaErrors.invalidParameterValue('Invalid marker')
      : CloudWatchErrors.invalidNextToken('The service cannot process the NextToken.')
  }
  return n
}

export function encodeToken(offset: number): string {
  return Buffer.from(`o:${offset}`, 'utf8').toString('base64url')
}
