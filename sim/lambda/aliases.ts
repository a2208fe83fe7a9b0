/** Lambda alias operations; every write (API or scripted) goes through `writeAlias`: a new RevisionId and a history entry. */
import { LambdaErrors } from '../errors.js'
import type { AliasHistoryEntry, SimState } from '../state.js'
import type { Json } from '../wire.js'
import type { AliasRecord, FunctionRecord } from './records.js'
import { routingFromInput, validateRouting } from './routing.js'
import { ALIAS_RE, checkVersionExists, requireAliasName, requireFunctionVersion, resolveFn } from './validation.js'
import { type AliasRefInput, aliasArn, aliasOut, type CreateAliasInput, type ListInput, paginate, type UpdateAliasInput } from './wire.js'

export function getAlias(state: SimState, input: AliasRefInput): Json {
  const { fn } = resolveFn(state, input.FunctionName, undefined, false)
  const name = requireAliasName(input.Name)
  const a = fn.aliases.get(name)
  if (!a) throw LambdaErrors.resourceNotFound(`Cannot find alias arn: ${aliasArn(fn, name)}`)
  return aliasOut(fn, a)
}

export function listAliases(state: SimState, input: ListInput): Json {
  const { fn } = resolveFn(state, input.FunctionName, undefined, false)
  const all = [...fn.aliases.values()]
    .filter(a => input.FunctionVersion === undefined || a.functionVersion === input.FunctionVersion)
    .sort((a, b) => (a.name < b.name ? -1 : 1))
    .map(a => aliasOut(fn, a))
  const { page, next } = paginate(all, input.Marker, input.MaxItems)
  const out: Json = { Aliases: page }
  if (next) out.NextMarker = next
  return out
}

export function createAlias(state: SimState, input: CreateAliasInput): Json {
  const name = input.Name
  if (name === undefined || !ALIAS_RE.test(name) || name.length > 128) {
    throw LambdaErrors.validation(
      `1 validation error detected: Value '${name ?? 'null'}' at 'name' failed to satisfy constraint: Member must satisfy regular expression pattern: (?!^[0-9]+$)([a-zA-Z0-9-_]+)`
    )
  }
  const primary = requireFunctionVersion(input.FunctionVersion)
  const routing = routingFromInput(input.RoutingConfig)
  const { fn } = resolveFn(state, input.FunctionName, undefined, false)
  checkVersionExists(state, fn, primary)
  if (fn.aliases.has(name)) throw LambdaErrors.resourceConflict(`Alias already exists: ${aliasArn(fn, name)}`)
  const effective = routing && Object.keys(routing).length ? routing : null
  if (effective) validateRouting(state, fn, primary, effective)
  const rec: AliasRecord = { name, functionVersion: primary, description: input.Description ?? '', routing: null, revisionId: '' }
  fn.aliases.set(name, rec)
  writeAlias(state, fn, rec, { primary, routing: effective, description: rec.description }, 'api')
  return aliasOut(fn, rec)
}

export function updateAlias(state: SimState, input: UpdateAliasInput): Json {
  const primaryIn = input.FunctionVersion === undefined ? undefined : requireFunctionVersion(input.FunctionVersion)
  const routingIn = routingFromInput(input.RoutingConfig)
  const { fn } = resolveFn(state, input.FunctionName, undefined, false)
  const name = requireAliasName(input.Name)
  const alias = fn.aliases.get(name)
  if (!alias) throw LambdaErrors.resourceNotFound(`Alias not found: ${aliasArn(fn, name)}`)
  if (input.RevisionId !== undefined && input.RevisionId !== alias.revisionId) throw LambdaErrors.staleRevisionId()
  const primary = primaryIn ?? alias.functionVersion
  checkVersionExists(state, fn, primary)
  let routing = alias.routing
  if (input.RoutingConfig !== undefined) routing = routingIn && Object.keys(routingIn).length ? routingIn : null
  if (routing) validateRouting(state, fn, primary, routing)
  writeAlias(state, fn, alias, { primary, routing, description: input.Description ?? alias.description }, 'api')
  return aliasOut(fn, alias)
}

export function deleteAlias(state: SimState, input: AliasRefInput): void {
  const { fn } = resolveFn(state, input.FunctionName, undefined, false)
  const name = requireAliasName(input.Name)
  if (fn.aliases.delete(name)) {
    fn.provisioned.delete(name)
    state.mutations++
  }
}

/** An alias's new state, already validated. */
export interface AliasWrite {
  primary: string
  routing: Record<string, number> | null
  description: string
}

/** Writes an alias (any write, even an unchanged one, gets a new RevisionId) and records it in the alias history. */
export function writeAlias(
  state: SimState,
  fn: FunctionRecord,
  alias: AliasRecord,
  write: AliasWrite,
  source: AliasHistoryEntry['source']
): void {
  alias.functionVersion = write.primary
  alias.routing = write.routing ? { ...write.routing } : null
  alias.description = write.description
  alias.revisionId = state.newRevisionId()
  state.mutations++
  state.aliasHistory.push({
    time: state.now,
    function: fn.name,
    alias: alias.name,
    functionVersion: write.primary,
    routing: alias.routing,
    revisionId: alias.revisionId,
    source
  })
}
