/** The Lambda API's shapes: SDK-shaped inputs (members may be absent), wire-shaped outputs, pagination. */
import { LambdaErrors } from '../errors.js'
import { decodeToken, encodeToken, type Json, type Opt } from '../wire.js'
import type { AliasRecord, FunctionRecord, VersionRecord } from './records.js'
import type { RoutingConfigInput } from './routing.js'

export interface FunctionRefInput {
  FunctionName?: Opt<string>
  Qualifier?: Opt<string>
}
export interface ListInput {
  FunctionName?: Opt<string>
  Marker?: Opt<string>
  MaxItems?: Opt<number>
  FunctionVersion?: Opt<string>
}
export interface PublishVersionInput {
  FunctionName?: Opt<string>
  CodeSha256?: Opt<string>
  Description?: Opt<string>
  RevisionId?: Opt<string>
}
export interface CreateAliasInput {
  FunctionName?: Opt<string>
  Name?: Opt<string>
  FunctionVersion?: Opt<string>
  Description?: Opt<string>
  RoutingConfig?: Opt<RoutingConfigInput>
}
export interface UpdateAliasInput extends CreateAliasInput {
  RevisionId?: Opt<string>
}
export interface AliasRefInput {
  FunctionName?: Opt<string>
  Name?: Opt<string>
}
export interface InvokeInput {
  FunctionName?: Opt<string>
  Qualifier?: Opt<string>
  InvocationType?: Opt<string>
  LogType?: Opt<string>
  Payload?: Opt<string>
}
export interface InvokeOutput {
  StatusCode: number
  ExecutedVersion: string
  FunctionError: string | undefined
  LogResult: string | undefined
  Payload: string
}

export function lambdaTimestamp(ms: number): string {
  return new Date(ms).toISOString().replace('Z', '+0000')
}

export function configOut(fn: FunctionRecord, ver: VersionRecord, arnQualifier: string | null): Json {
  const out: Json = {
    FunctionName: fn.name,
    FunctionArn: arnQualifier ? `${fn.arn}:${arnQualifier}` : fn.arn,
    Runtime: ver.runtime,
    Role: ver.role,
    Handler: ver.handler,
    CodeSize: 1024,
    Description: ver.description,
    Timeout: ver.timeout,
    MemorySize: ver.memorySize,
    LastModified: lambdaTimestamp(ver.lastModifiedMs),
    CodeSha256: ver.codeSha256,
    Version: ver.version,
    TracingConfig: { Mode: 'PassThrough' },
    RevisionId: ver.revisionId,
    State: ver.state,
    LastUpdateStatus: ver.lastUpdateStatus,
    PackageType: 'Zip',
    Architectures: ['x86_64'],
    EphemeralStorage: { Size: 512 },
    SnapStart: { ApplyOn: 'None', OptimizationStatus: 'Off' },
    LoggingConfig: { LogFormat: 'Text', LogGroup: `/aws/lambda/${fn.name}` }
  }
  if (ver.dlq) out.DeadLetterConfig = { TargetArn: ver.dlq }
  if (ver.stateReason) out.StateReason = ver.stateReason
  if (ver.state === 'Pending') {
    out.StateReason ??= 'The function is being created.'
    out.StateReasonCode = 'Creating'
  }
  if (ver.lastUpdateStatus === 'InProgress') {
    out.LastUpdateStatusReason = 'The function is being updated.'
    out.LastUpdateStatusReasonCode = 'Updating'
  }
  return out
}

export function aliasArn(fn: FunctionRecord, name: string): string {
  return `${fn.arn}:${name}`
}

export function aliasOut(fn: FunctionRecord, a: AliasRecord): Json {
  const out: Json = {
    AliasArn: aliasArn(fn, a.name),
    Name: a.name,
    FunctionVersion: a.functionVersion,
    Description: a.description,
    RevisionId: a.revisionId
  }
  if (a.routing) out.RoutingConfig = { AdditionalVersionWeights: { ...a.routing } }
  return out
}

/** One page of a listing: `Marker` is an offset token, `MaxItems` 1–10000 (default 50). */
export function paginate<T>(items: T[], marker: string | undefined, maxItems: number | undefined): { page: T[]; next: string | undefined } {
  if (maxItems !== undefined && (!Number.isInteger(maxItems) || maxItems < 1 || maxItems > 10000)) {
    throw LambdaErrors.validation(
      `1 validation error detected: Value '${maxItems}' at 'maxItems' failed to satisfy constraint: Member must have value between 1 and 10000`
    )
  }
  const start = decodeToken(marker, 'lambda')
  const size = maxItems ?? 50
  const page = items.slice(start, start + size)
  return { page, next: start + size < items.length ? encodeToken(start + size) : undefined }
}
