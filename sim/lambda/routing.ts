/** Weighted aliases: where an invocation of a qualifier goes, and AWS's rules for an alias's routing configuration. */
import { LambdaErrors } from '../errors.js'
import type { SimState } from '../state.js'
import type { Opt } from '../wire.js'
import { type AliasRecord, type FunctionRecord, versionRecord } from './records.js'
import { notFound, VERSION_RE } from './validation.js'

export interface RoutingConfigInput {
  AdditionalVersionWeights?: Opt<Record<string, unknown>>
}

/** What an invocation of a qualifier reaches: a version, or an alias and its primary version. */
export interface Target {
  version: string
  alias: AliasRecord | undefined
  /** The qualifier in the metrics' Resource dimension (null for the unqualified function / $LATEST). */
  resourceQualifier: string | null
}

/** The target of a qualifier, or undefined when it names no version or alias (the request fails before Lambda's metrics). */
export function resolveTarget(fn: FunctionRecord, qualifier: string | undefined): Target | undefined {
  if (qualifier === undefined || qualifier === '$LATEST') return { version: '$LATEST', alias: undefined, resourceQualifier: null }
  if (VERSION_RE.test(qualifier)) {
    return fn.versions.has(qualifier) ? { version: qualifier, alias: undefined, resourceQualifier: qualifier } : undefined
  }
  const alias = fn.aliases.get(qualifier)
  return alias ? { version: alias.functionVersion, alias, resourceQualifier: qualifier } : undefined
}

/** The version an alias routes a uniform draw u to: each additional version by its weight, the rest to the primary. */
export function pickVersion(alias: AliasRecord, u: number): string {
  if (alias.routing) {
    let acc = 0
    for (const [v, w] of Object.entries(alias.routing)) {
      acc += w
      if (u < acc) return v
    }
  }
  return alias.functionVersion
}

/** Java-style rendering of a double (as in AWS validation messages): 2 -> "2.0". */
function javaDouble(v: unknown): string {
  if (typeof v !== 'number') return String(v)
  if (Number.isInteger(v)) return v.toFixed(1)
  return String(v)
}

/** Constraint validation of AdditionalVersionWeights (ValidationException, as AWS does before anything else). */
export function routingFromInput(rc: RoutingConfigInput | undefined): Record<string, number> | null {
  if (rc === undefined || rc === null) return null
  const raw = rc.AdditionalVersionWeights
  if (raw === undefined || raw === null) return {}
  const weights: Record<string, number> = {}
  for (const [k, v] of Object.entries(raw)) weights[k] = v as number
  validateWeightConstraints(weights)
  return weights
}

export function validateWeightConstraints(weights: Record<string, unknown>): void {
  const rendered = `{${Object.entries(weights)
    .map(([k, v]) => `${k}=${javaDouble(v)}`)
    .join(', ')}}`
  for (const [k, v] of Object.entries(weights)) {
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0 || v > 1) {
      throw LambdaErrors.validation(
        `1 validation error detected: Value '${rendered}' at 'routingConfig.additionalVersionWeights' failed to satisfy constraint: Map value must satisfy constraint: [Member must have value less than or equal to 1.0, Member must have value greater than or equal to 0.0, Member must not be null]`
      )
    }
    if (!VERSION_RE.test(k) || k.length > 1024) {
      throw LambdaErrors.validation(
        `1 validation error detected: Value '${rendered}' at 'routingConfig.additionalVersionWeights' failed to satisfy constraint: Map keys must satisfy constraint: [Member must have length less than or equal to 1024, Member must have length greater than or equal to 1, Member must satisfy regular expression pattern: [0-9]+]`
      )
    }
  }
}

/** Business rules for a weighted alias (AWS: at most 2 versions, published, same role and DLQ). */
export function validateRouting(state: SimState, fn: FunctionRecord, primary: string, routing: Record<string, number>): void {
  const entries = Object.entries(routing)
  if (entries.length > 1) {
    throw LambdaErrors.invalidParameterValue('Number of items in AdditionalVersionWeights cannot be greater than 1')
  }
  for (const [v] of entries) {
    if (v === primary) {
      throw LambdaErrors.invalidParameterValue(
        `Invalid function version ${primary}. Function version ${primary} is already included in routing configuration.`
      )
    }
    if (primary === '$LATEST') {
      throw LambdaErrors.invalidParameterValue('$LATEST is not supported for an alias pointing to more than 1 version')
    }
    const p = versionRecord(fn, primary)
    const r = fn.versions.get(v)
    if (!r) throw notFound(state, fn, v)
    if (!p) throw notFound(state, fn, primary)
    if (p.role !== r.role) {
      throw LambdaErrors.invalidParameterValue('Specified versions must be associated with the same execution role')
    }
    if ((p.dlq ?? null) !== (r.dlq ?? null)) {
      throw LambdaErrors.invalidParameterValue('Specified versions must have the same dead-letter queue configuration')
    }
  }
}
