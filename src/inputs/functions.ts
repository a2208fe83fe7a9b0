// What is released: the functions (one, or several in lockstep), the alias, the region, and for each
// function the version to release (given, published now, or rolled back to).
import { Inputs } from '../constants.js'
import { InputError, parseBoolean, parseChoice } from '../parse.js'
import { type DeploymentSpec, type FunctionRef, type Mode, ON_SPLIT_ALIAS, type OnSplitAlias, type Release } from '../settings.js'
import type { InputReader } from './reader.js'

const FUNCTION_NAME = /^[a-zA-Z0-9_-]{1,64}$/
const PARTIAL_ARN = /^(\d{12}):function:([a-zA-Z0-9_-]{1,64})$/
const FULL_ARN = /^arn:aws[a-zA-Z-]*:lambda:([a-z]{2,4}(?:-[a-z]+)+-\d+):(\d{12}):function:([a-zA-Z0-9_-]{1,64})$/
const ALIAS_NAME = /^(?!\d+$)[a-zA-Z0-9_-]{1,128}$/
// Two to four letters first: us-east-1, us-gov-west-1, eu-isoe-west-1, eusc-de-east-1 (the European Sovereign Cloud).
const REGION = /^[a-z]{2,4}(?:-[a-z]+)+-\d+$/
const VERSION_NUMBER = /^[1-9]\d{0,9}$/

interface Functions {
  alias: string
  region?: string
  /** In the order of function-name. */
  deployments: DeploymentSpec[]
}

export function readFunctions(input: InputReader, env: NodeJS.ProcessEnv, mode: Mode): Functions {
  const fns = readFunctionRefs(input)
  const alias = input(Inputs.Alias)
  if (!ALIAS_NAME.test(alias) || alias.toUpperCase() === '$LATEST') {
    throw new InputError(Inputs.Alias, alias, 'use an alias name of letters, digits, "-" and "_" (up to 128, not only digits)')
  }
  const region = readRegion(input, env, fns[0] as FunctionRef)
  const releases = readReleases(input, mode, fns.length)
  return { alias, ...(region ? { region } : {}), deployments: fns.map((fn, i) => ({ fn, release: releases[i] as Release })) }
}

/** on-split-alias: what to do when the alias is already split at the start. */
export function readOnSplitAlias(input: InputReader): OnSplitAlias {
  return parseChoice(Inputs.OnSplitAlias, input(Inputs.OnSplitAlias), ON_SPLIT_ALIAS)
}

/** function-name: several functions, one per line, are released in lockstep; all in one region. */
function readFunctionRefs(input: InputReader): FunctionRef[] {
  const raw = input(Inputs.FunctionName)
  if (raw === '') throw new InputError(Inputs.FunctionName, raw, 'it is required: the name or ARN of the Lambda function to release')
  const fns = lines(raw).map(parseFunctionRef)
  const names = fns.map(f => f.name)
  const duplicate = names.find((n, i) => names.indexOf(n) !== i)
  if (duplicate)
    throw new InputError(Inputs.FunctionName, raw, `function "${duplicate}" is listed twice; list each function once, one per line`)
  const regions = [...new Set(fns.map(f => f.region).filter(Boolean))]
  if (regions.length > 1)
    throw new InputError(
      Inputs.FunctionName,
      raw,
      `the ARNs are in different regions (${regions.join(', ')}); release functions of one region per step`
    )
  if (fns.some(f => f.region) && fns.some(f => !f.region)) {
    const arnRegion = regions[0] as string
    for (const f of fns) f.region ??= arnRegion
  }
  return fns
}

function parseFunctionRef(raw: string): FunctionRef {
  const value = raw.trim()
  const accepted =
    'use a function name (letters, digits, "-" and "_", up to 64), a partial ARN "123456789012:function:name" or a full ARN "arn:aws:lambda:REGION:ACCOUNT:function:name" without a version or alias'
  if (FUNCTION_NAME.test(value)) return { name: value, id: value }
  const partial = PARTIAL_ARN.exec(value)
  if (partial) return { name: partial[2] as string, id: value }
  const full = FULL_ARN.exec(value)
  if (full) return { name: full[3] as string, id: value, region: full[1] as string }
  throw new InputError(Inputs.FunctionName, raw, accepted)
}

/** aws-region: must agree with an ARN's region; empty takes the ARN's, else the runner's environment. */
function readRegion(input: InputReader, env: NodeJS.ProcessEnv, first: FunctionRef): string | undefined {
  const raw = input(Inputs.Region)
  if (raw === '') return first.region ?? regionFromEnv(env)
  if (!REGION.test(raw)) throw new InputError(Inputs.Region, raw, 'use an AWS region code like "us-west-2"')
  if (first.region && first.region !== raw) {
    throw new InputError(Inputs.Region, raw, `it must match the region "${first.region}" in function-name's ARN, or be left empty`)
  }
  return raw
}

/** One release per function: a given version each, publish for all, or (mode rollback) rollback-to for all. */
function readReleases(input: InputReader, mode: Mode, functions: number): Release[] {
  const versionRaw = input(Inputs.Version)
  const publish = parseBoolean(Inputs.Publish, input(Inputs.Publish))
  if (versionRaw !== '' && publish) {
    throw new InputError(Inputs.Version, versionRaw, 'give either "version" or "publish: true", not both')
  }
  if (mode === 'rollback') {
    if (versionRaw !== '')
      throw new InputError(Inputs.Version, versionRaw, 'mode "rollback" moves the alias back to rollback-to; leave version empty')
    if (publish) throw new InputError(Inputs.Publish, input(Inputs.Publish), 'mode "rollback" never publishes; leave publish false')
    const to = readRollbackTarget(input, functions)
    return Array.from({ length: functions }, () => ({ kind: 'rollback', to }))
  }
  if (publish) return Array.from({ length: functions }, () => ({ kind: 'publish' }))
  if (versionRaw === '')
    throw new InputError(Inputs.Version, versionRaw, 'give the published version to release, or set "publish: true" to publish $LATEST')
  // One version per function, in the same order (version numbers are per function).
  const versions = lines(versionRaw)
  if (versions.length !== functions) {
    throw new InputError(
      Inputs.Version,
      versionRaw,
      `give one published version per function, one per line in the order of function-name (${functions} function${functions > 1 ? 's' : ''}, ${versions.length} version${versions.length > 1 ? 's' : ''}), or use publish: true`
    )
  }
  return versions.map(v => ({ kind: 'version', version: parseVersion(v) }))
}

function parseVersion(raw: string): string {
  const value = raw.trim()
  if (value.toUpperCase() === '$LATEST') {
    throw new InputError(
      Inputs.Version,
      raw,
      'use a published version number like "42": $LATEST is mutable and cannot be released or receive weighted traffic'
    )
  }
  if (!VERSION_NUMBER.test(value)) throw new InputError(Inputs.Version, raw, 'use a published version number like "42"')
  return value
}

/** rollback-to: "previous", or a version number (which names a version of one function only). */
function readRollbackTarget(input: InputReader, functions: number): 'previous' | string {
  const raw = input(Inputs.RollbackTo)
  if (readRollbackToValue(input) === 'previous') return 'previous'
  if (functions > 1) {
    throw new InputError(
      Inputs.RollbackTo,
      raw,
      'with several functions use "previous" (each goes back to the version its last deployment replaced); a number names a version of one function'
    )
  }
  return raw.trim()
}

/** rollback-to's value alone: mode rollback reads it, and in modes deploy and plan (which do not use it) a bad one is refused too. */
export function readRollbackToValue(input: InputReader): 'previous' | string {
  const raw = input(Inputs.RollbackTo)
  if (raw.toLowerCase() === 'previous') return 'previous'
  const accepted = 'use "previous" (the version the last lambda-canary deployment replaced) or a published version number like "41"'
  if (raw.trim().toUpperCase() === '$LATEST') throw new InputError(Inputs.RollbackTo, raw, accepted)
  if (!VERSION_NUMBER.test(raw.trim())) throw new InputError(Inputs.RollbackTo, raw, accepted)
  return raw.trim()
}

/** One item per non-blank line, trimmed. */
function lines(raw: string): string[] {
  return raw
    .split('\n')
    .map(l => l.trim())
    .filter(l => l !== '')
}

/**
 * AWS_REGION (else AWS_DEFAULT_REGION), as configure-aws-credentials sets it: checked like aws-region, so a stray
 * space or a typo is named here rather than by the SDK's "not a valid hostname component".
 */
function regionFromEnv(env: NodeJS.ProcessEnv): string | undefined {
  const name = env.AWS_REGION ? 'AWS_REGION' : env.AWS_DEFAULT_REGION ? 'AWS_DEFAULT_REGION' : undefined
  if (!name) return undefined
  const value = env[name] as string
  if (!REGION.test(value))
    throw new InputError(
      Inputs.Region,
      value,
      `aws-region is empty, so the region comes from the environment variable ${name}, which is not an AWS region code like "us-west-2"; fix ${name} (aws-actions/configure-aws-credentials sets it from its aws-region) or give aws-region`
    )
  return value
}
