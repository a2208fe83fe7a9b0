/** Builds the stored functions from the scenario (and a version's code configuration from a scripted update). */
import { createHash } from 'node:crypto'
import type { CodeConfigSpec, FunctionSpec, ProvisionedConfigSpec } from '../scenario.js'
import type { SimState } from '../state.js'
import {
  type AliasRecord,
  type CodeConfig,
  type FunctionRecord,
  normalizeBehavior,
  type ProvisionedRecord,
  type VersionRecord
} from './records.js'

function fakeSha256(s: string): string {
  return createHash('sha256').update(s).digest('base64')
}

/** A code configuration from its spec; what the spec leaves out comes from `fallback`, then the function's spec. */
export function codeConfig(state: SimState, spec: CodeConfigSpec, fn: FunctionSpec, fallback?: CodeConfig): CodeConfig {
  const behaviorSpec = spec.behavior ?? fallback?.behaviorSpec ?? {}
  return {
    codeSha256: spec.codeSha256 ?? fallback?.codeSha256 ?? fakeSha256(fn.name),
    role: spec.role ?? fallback?.role ?? fn.role ?? `arn:aws:iam::${state.account}:role/${fn.name}-role`,
    dlq: spec.deadLetterTargetArn !== undefined ? spec.deadLetterTargetArn : fallback ? fallback.dlq : (fn.deadLetterTargetArn ?? null),
    description: spec.description ?? fallback?.description ?? '',
    runtime: spec.runtime ?? fallback?.runtime ?? fn.runtime ?? 'nodejs20.x',
    handler: spec.handler ?? fallback?.handler ?? fn.handler ?? 'index.handler',
    memorySize: spec.memorySize ?? fallback?.memorySize ?? fn.memorySize ?? 128,
    timeout: spec.timeout ?? fallback?.timeout ?? fn.timeout ?? 3,
    behaviorSpec,
    phases: normalizeBehavior(behaviorSpec),
    response: spec.response ?? fallback?.response ?? {}
  }
}

export function provisionedRecord(state: SimState, pc: ProvisionedConfigSpec): ProvisionedRecord {
  const status = pc.status ?? 'READY'
  return {
    requested: pc.requested,
    available: pc.available ?? (status === 'READY' ? pc.requested : 0),
    allocated: pc.allocated ?? (status === 'READY' ? pc.requested : 0),
    status,
    statusReason: pc.statusReason,
    lastModifiedMs: state.epochMsAt(state.now)
  }
}

/** Stores the scenario's functions, in order (their RevisionIds come from the model's id stream). */
export function buildFunctions(state: SimState): void {
  for (const f of state.scenario.functions) state.functions.set(f.name, buildFunction(state, f))
}

function buildFunction(state: SimState, f: FunctionSpec): FunctionRecord {
  const arn = `arn:aws:lambda:${state.region}:${state.account}:function:${f.name}`
  const versions = new Map<string, VersionRecord>()
  const builtMs = state.originEpochMs - 3_600_000
  for (const v of [...f.versions].sort((a, b) => Number(a.version) - Number(b.version))) {
    const cfg = codeConfig(state, { ...v, codeSha256: v.codeSha256 ?? fakeSha256(`${f.name}:${v.version}`) }, f)
    versions.set(v.version, {
      ...cfg,
      version: v.version,
      state: v.state ?? 'Active',
      lastUpdateStatus: v.lastUpdateStatus ?? 'Successful',
      stateReason: undefined,
      revisionId: state.newRevisionId(),
      lastModifiedMs: builtMs
    })
  }
  const highest = [...versions.values()].pop()
  const latestCfg = f.latest ? codeConfig(state, f.latest, f, highest) : highest ? { ...highest } : codeConfig(state, {}, f)
  const latest: VersionRecord = {
    ...latestCfg,
    version: '$LATEST',
    state: f.latest?.state ?? 'Active',
    lastUpdateStatus: f.latest?.lastUpdateStatus ?? 'Successful',
    stateReason: undefined,
    revisionId: state.newRevisionId(),
    lastModifiedMs: builtMs
  }
  const fn: FunctionRecord = {
    name: f.name,
    arn,
    versions,
    latest,
    aliases: new Map(),
    nextVersion: Math.max(0, ...[...versions.keys()].map(Number)) + 1,
    provisioned: new Map()
  }
  for (const a of f.aliases ?? []) {
    const routing = a.routing && Object.keys(a.routing).length ? { ...a.routing } : null
    const rec: AliasRecord = {
      name: a.name,
      functionVersion: a.functionVersion,
      description: a.description ?? '',
      routing,
      revisionId: state.newRevisionId()
    }
    fn.aliases.set(a.name, rec)
    state.aliasHistory.push({
      time: 0,
      function: f.name,
      alias: a.name,
      functionVersion: rec.functionVersion,
      routing,
      revisionId: rec.revisionId,
      source: 'initial'
    })
  }
  for (const pc of f.provisionedConcurrency ?? []) fn.provisioned.set(pc.qualifier, provisionedRecord(state, pc))
  return fn
}
