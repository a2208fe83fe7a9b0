/** What the simulator stores about a Lambda function: its versions (with their behaviour), aliases and provisioned concurrency. */
import { Z99 } from '../rng.js'
import type { BehaviorSpec, FunctionStateValue, LastUpdateStatusValue, LatencySpec, ResponseSpec } from '../scenario.js'

export type Latency = { kind: 'lognormal'; mu: number; sigma: number } | { kind: 'constant'; ms: number }

/** One phase of a version's behaviour: from `at` on, this error rate and latency. */
export interface Phase {
  /** Position in the version's phases (0 = the base behaviour). */
  index: number
  at: number
  errorRate: number
  latency: Latency
}

export interface CodeConfig {
  codeSha256: string
  role: string
  dlq: string | null
  description: string
  runtime: string
  handler: string
  memorySize: number
  timeout: number
  behaviorSpec: BehaviorSpec
  phases: Phase[]
  response: ResponseSpec
}

export interface VersionRecord extends CodeConfig {
  version: string
  state: FunctionStateValue
  lastUpdateStatus: LastUpdateStatusValue
  stateReason: string | undefined
  revisionId: string
  lastModifiedMs: number
}

export interface AliasRecord {
  name: string
  functionVersion: string
  description: string
  routing: Record<string, number> | null
  revisionId: string
}

export interface ProvisionedRecord {
  requested: number
  available: number
  allocated: number
  status: string
  statusReason: string | undefined
  lastModifiedMs: number
}

export interface FunctionRecord {
  name: string
  arn: string
  versions: Map<string, VersionRecord>
  latest: VersionRecord
  aliases: Map<string, AliasRecord>
  nextVersion: number
  provisioned: Map<string, ProvisionedRecord>
}

export function versionRecord(fn: FunctionRecord, v: string): VersionRecord | undefined {
  return v === '$LATEST' ? fn.latest : fn.versions.get(v)
}

function normalizeLatency(spec: LatencySpec | undefined): Latency {
  if (!spec) return { kind: 'lognormal', mu: Math.log(50), sigma: (Math.log(200) - Math.log(50)) / Z99 }
  if ('constantMs' in spec) return { kind: 'constant', ms: spec.constantMs }
  return {
    kind: 'lognormal',
    mu: Math.log(spec.medianMs),
    sigma: Math.max(0, (Math.log(spec.p99Ms) - Math.log(spec.medianMs)) / Z99)
  }
}

/** The base behaviour and the scenario's phases in time order, each inheriting what it leaves out. */
export function normalizeBehavior(b: BehaviorSpec | undefined): Phase[] {
  const base: Phase = { index: 0, at: -Infinity, errorRate: b?.errorRate ?? 0, latency: normalizeLatency(b?.latency) }
  const phases: Phase[] = [base]
  const sorted = [...(b?.phases ?? [])].sort((x, y) => x.at - y.at)
  for (const p of sorted) {
    const prev = phases[phases.length - 1] as Phase
    phases.push({
      index: phases.length,
      at: p.at,
      errorRate: p.errorRate ?? prev.errorRate,
      latency: p.latency ? normalizeLatency(p.latency) : prev.latency
    })
  }
  return phases
}

export function phaseAt(phases: Phase[], t: number): Phase {
  for (let i = phases.length - 1; i > 0; i--) {
    const p = phases[i] as Phase
    if (p.at <= t) return p
  }
  return phases[0] as Phase
}

/** One invocation's duration (ms, two decimals) for a standard normal draw z. */
export function sampleLatency(l: Latency, z: number): number {
  const ms = l.kind === 'constant' ? l.ms : Math.exp(l.mu + l.sigma * z)
  return Math.round(ms * 100) / 100
}
