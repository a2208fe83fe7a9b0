/** Validation of Lambda inputs as AWS does it: function names and ARNs, qualifiers, alias names, versions. */
import { type AwsError, LambdaErrors } from '../errors.js'
import type { SimState } from '../state.js'
import { type AliasRecord, type FunctionRecord, type VersionRecord, versionRecord } from './records.js'

export const VERSION_RE = /^[0-9]+$/
export const ALIAS_RE = /^(?!^[0-9]+$)[a-zA-Z0-9_-]+$/
const FN_NAME_RE = /^[a-zA-Z0-9_-]+$/
const QUALIFIER_RE = /^(\$LATEST|[a-zA-Z0-9_-]+)$/

export function notFound(state: SimState, fn: FunctionRecord | string, qualifier?: string): AwsError {
  const arn = typeof fn === 'string' ? `arn:aws:lambda:${state.region}:${state.account}:function:${fn}` : fn.arn
  return LambdaErrors.resourceNotFound(`Function not found: ${qualifier ? `${arn}:${qualifier}` : arn}`)
}

interface FunctionNameParts {
  name: string | undefined
  /** The qualifier given in the name. */
  derived: string | undefined
  account: string | undefined
  region: string | undefined
}

const NOT_A_NAME: FunctionNameParts = { name: undefined, derived: undefined, account: undefined, region: undefined }

/** The parts of a name, `name:qualifier`, partial ARN or full ARN (`name` undefined when it is none of these). */
function splitFunctionName(nameOrArn: string): FunctionNameParts {
  const parts = nameOrArn.split(':')
  if (parts[0] === 'arn') {
    if (parts.length < 7 || parts.length > 8 || parts[2] !== 'lambda' || parts[5] !== 'function') return NOT_A_NAME
    return { region: parts[3], account: parts[4], name: parts[6], derived: parts[7] }
  }
  if (parts.length >= 3 && parts[1] === 'function' && /^\d{12}$/.test(parts[0] ?? '')) {
    if (parts.length > 4) return NOT_A_NAME
    return { region: undefined, account: parts[0], name: parts[2], derived: parts[3] }
  }
  if (parts.length <= 2) return { region: undefined, account: undefined, name: parts[0], derived: parts[1] }
  return NOT_A_NAME
}

/** Parse name / partial ARN / full ARN (optionally qualified) into function + qualifier. */
export function resolveFn(
  state: SimState,
  nameOrArn: string | undefined,
  qualifierParam: string | undefined,
  allowQualifier: boolean
): { fn: FunctionRecord; qualifier: string | undefined } {
  if (nameOrArn === undefined || nameOrArn === '') {
    throw LambdaErrors.validation(
      "1 validation error detected: Value null at 'functionName' failed to satisfy constraint: Member must not be null"
    )
  }
  const { name, derived, account, region } = splitFunctionName(nameOrArn)
  if (!name || !FN_NAME_RE.test(name) || (derived !== undefined && !QUALIFIER_RE.test(derived))) {
    throw LambdaErrors.validation(
      `1 validation error detected: Value '${nameOrArn}' at 'functionName' failed to satisfy constraint: Member must satisfy regular expression pattern: (arn:(aws[a-zA-Z-]*)?:lambda:)?([a-z]{2}(-gov)?-[a-z]+-\\d{1}:)?(\\d{12}:)?(function:)?([a-zA-Z0-9-_]+)(:(\\$LATEST|[a-zA-Z0-9-_]+))?`
    )
  }
  if ((account !== undefined && account !== state.account) || (region !== undefined && region !== state.region)) {
    throw LambdaErrors.resourceNotFound(`Function not found: ${nameOrArn}`)
  }
  if (derived !== undefined && qualifierParam !== undefined && derived !== qualifierParam) {
    throw LambdaErrors.invalidParameterValue('The derived qualifier from the function name does not match the specified qualifier.')
  }
  const qualifier = derived ?? qualifierParam
  if (!allowQualifier && derived !== undefined) {
    throw LambdaErrors.invalidParameterValue(
      `Qualified function name ${nameOrArn} is not accepted by this operation; pass the unqualified name or ARN.`
    )
  }
  const fn = state.functions.get(name)
  if (!fn) throw notFound(state, name)
  return { fn, qualifier }
}

/** Resolve a qualifier for read/invoke operations. */
export function resolveQualifier(
  state: SimState,
  fn: FunctionRecord,
  q: string | undefined
): { ver: VersionRecord; alias: AliasRecord | undefined; arnQualifier: string | null } {
  if (q === undefined) return { ver: fn.latest, alias: undefined, arnQualifier: null }
  if (q === '$LATEST') return { ver: fn.latest, alias: undefined, arnQualifier: '$LATEST' }
  if (!QUALIFIER_RE.test(q)) {
    throw LambdaErrors.validation(
      `1 validation error detected: Value '${q}' at 'qualifier' failed to satisfy constraint: Member must satisfy regular expression pattern: (|[a-zA-Z0-9$_-]+)`
    )
  }
  if (VERSION_RE.test(q)) {
    const ver = fn.versions.get(q)
    if (!ver) throw notFound(state, fn, q)
    return { ver, alias: undefined, arnQualifier: q }
  }
  const alias = fn.aliases.get(q)
  if (!alias) throw notFound(state, fn, q)
  const ver = versionRecord(fn, alias.functionVersion)
  if (!ver) throw notFound(state, fn, alias.functionVersion)
  return { ver, alias, arnQualifier: q }
}

export function checkVersionExists(state: SimState, fn: FunctionRecord, v: string): void {
  if (v === '$LATEST') return
  if (!fn.versions.has(v)) throw notFound(state, fn, v)
}

export function requireAliasName(name: string | undefined): string {
  if (name === undefined || name === '') {
    throw LambdaErrors.validation("1 validation error detected: Value null at 'name' failed to satisfy constraint: Member must not be null")
  }
  return name
}

export function requireFunctionVersion(v: string | undefined): string {
  if (v === undefined || !/^(\$LATEST|[0-9]+)$/.test(v)) {
    throw LambdaErrors.validation(
      `1 validation error detected: Value '${v ?? 'null'}' at 'functionVersion' failed to satisfy constraint: Member must satisfy regular expression pattern: (\\$LATEST|[0-9]+)`
    )
  }
  return v
}
