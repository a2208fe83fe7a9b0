/** Lambda operations on functions and versions: configuration, listing, PublishVersion, provisioned concurrency. */
import { LambdaErrors } from '../errors.js'
import type { SimState } from '../state.js'
import type { Json } from '../wire.js'
import type { CodeConfig, VersionRecord } from './records.js'
import { resolveFn, resolveQualifier } from './validation.js'
import { configOut, type FunctionRefInput, type ListInput, lambdaTimestamp, paginate, type PublishVersionInput } from './wire.js'

export function getFunctionConfiguration(state: SimState, input: FunctionRefInput): Json {
  const { fn, qualifier } = resolveFn(state, input.FunctionName, input.Qualifier, true)
  const { ver, arnQualifier } = resolveQualifier(state, fn, qualifier)
  return configOut(fn, ver, arnQualifier)
}

export function getFunction(state: SimState, input: FunctionRefInput): Json {
  const { fn, qualifier } = resolveFn(state, input.FunctionName, input.Qualifier, true)
  const { ver, arnQualifier } = resolveQualifier(state, fn, qualifier)
  const { region, account } = state
  return {
    Configuration: configOut(fn, ver, arnQualifier),
    Code: {
      RepositoryType: 'S3',
      Location: `https://awslambda-${region}-tasks.s3.${region}.amazonaws.com/snapshots/${account}/${fn.name}-${ver.codeSha256.slice(0, 8)}`
    },
    Tags: {}
  }
}

export function listVersionsByFunction(state: SimState, input: ListInput): Json {
  const { fn } = resolveFn(state, input.FunctionName, undefined, false)
  const all = [configOut(fn, fn.latest, '$LATEST')]
  for (const v of [...fn.versions.values()].sort((a, b) => Number(a.version) - Number(b.version))) {
    all.push(configOut(fn, v, v.version))
  }
  const { page, next } = paginate(all, input.Marker, input.MaxItems)
  const out: Json = { Versions: page }
  if (next) out.NextMarker = next
  return out
}

/** What makes two versions the same code and configuration (PublishVersion of an unchanged $LATEST returns the last version). */
function contentKey(c: CodeConfig): string {
  return JSON.stringify([c.codeSha256, c.role, c.dlq, c.runtime, c.handler, c.memorySize, c.timeout, c.behaviorSpec, c.response])
}

export function publishVersion(state: SimState, input: PublishVersionInput): Json {
  const { fn } = resolveFn(state, input.FunctionName, undefined, false)
  const latest = fn.latest
  if (latest.lastUpdateStatus === 'InProgress') {
    throw LambdaErrors.resourceConflict(`The operation cannot be performed at this time. An update is in progress for resource: ${fn.arn}`)
  }
  if (input.RevisionId !== undefined && input.RevisionId !== latest.revisionId) throw LambdaErrors.staleRevisionId()
  if (input.CodeSha256 !== undefined && input.CodeSha256 !== latest.codeSha256) {
    throw LambdaErrors.invalidParameterValue(
      `CodeSHA256 (${input.CodeSha256}) is different from current CodeSHA256 in $LATEST (${latest.codeSha256}). Please try again with the CodeSHA256 in $LATEST.`
    )
  }
  const last = [...fn.versions.values()].sort((a, b) => Number(a.version) - Number(b.version)).pop()
  if (last && contentKey(last) === contentKey(latest)) {
    // Nothing changed since the last publish: AWS returns the existing version.
    return configOut(fn, last, last.version)
  }
  const version = String(fn.nextVersion++)
  const rec: VersionRecord = {
    ...latest,
    version,
    description: input.Description ?? latest.description,
    state: 'Active',
    lastUpdateStatus: 'Successful',
    stateReason: undefined,
    revisionId: state.newRevisionId(),
    lastModifiedMs: state.epochMsAt(state.now)
  }
  fn.versions.set(version, rec)
  state.mutations++
  return configOut(fn, rec, version)
}

export function getProvisionedConcurrencyConfig(state: SimState, input: FunctionRefInput): Json {
  if (input.Qualifier === undefined) {
    throw LambdaErrors.validation(
      "1 validation error detected: Value null at 'qualifier' failed to satisfy constraint: Member must not be null"
    )
  }
  if (input.Qualifier === '$LATEST') {
    throw LambdaErrors.invalidParameterValue('The function resource provided must be an alias or a published version.')
  }
  const { fn, qualifier } = resolveFn(state, input.FunctionName, input.Qualifier, true)
  resolveQualifier(state, fn, qualifier)
  const pc = fn.provisioned.get(qualifier as string)
  if (!pc) throw LambdaErrors.provisionedConcurrencyConfigNotFound()
  const out: Json = {
    RequestedProvisionedConcurrentExecutions: pc.requested,
    AvailableProvisionedConcurrentExecutions: pc.available,
    AllocatedProvisionedConcurrentExecutions: pc.allocated,
    Status: pc.status,
    LastModified: lambdaTimestamp(pc.lastModifiedMs)
  }
  if (pc.statusReason) out.StatusReason = pc.statusReason
  return out
}
