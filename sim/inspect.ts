/** Inspection of the simulator's state for tests, benchmarks and GET /_sim/state: counters, phase totals, the snapshot. */
import { alarmStateAt } from './cloudwatch/alarms.js'
import { type VersionRecord, versionRecord } from './lambda/records.js'
import type { SimState } from './state.js'
import type { Counter, TrafficRecorder } from './traffic/recorder.js'
import type { Json } from './wire.js'

/** Invocations a version served in one phase of its behaviour (see `phaseTotals`). */
export interface PhaseTotal {
  /** 0 = the base behaviour, then the scenario's phases in time order. */
  phase: number
  /** Model time the phase starts (null for the base behaviour). */
  at: number | null
  errorRate: number
  invocations: number
  errors: number
  /** Model time of the first invocation served in this phase (null when none). */
  firstAt: number | null
}

export interface AliasView {
  functionVersion: string
  routing: Record<string, number> | null
  revisionId: string
}

/** Invocation counters: key "function|qualifierInvoked|executedVersion" ("-" for throttles). */
export function stats(recorder: TrafficRecorder): Record<string, Counter> {
  return Object.fromEntries([...recorder.counters.entries()].map(([k, v]) => [k, { ...v }]))
}

/** Totals per executed version of a function (all entry points). */
export function versionTotals(recorder: TrafficRecorder, fnName: string): Record<string, Counter> {
  const out: Record<string, Counter> = {}
  for (const [k, c] of recorder.counters) {
    const [f, , v] = k.split('|') as [string, string, string]
    if (f !== fnName || v === '-') continue
    out[v] ??= { invocations: 0, errors: 0, throttles: 0, durationMsSum: 0 }
    const t = out[v]
    t.invocations += c.invocations
    t.errors += c.errors
    t.durationMsSum += c.durationMsSum
  }
  return out
}

/** What a version served in each phase of its behaviour (base behaviour first), through every entry point. */
export function phaseTotals(state: SimState, recorder: TrafficRecorder, fnName: string, version: string): PhaseTotal[] {
  const fn = state.functions.get(fnName)
  const ver = fn ? versionRecord(fn, version) : undefined
  if (!ver) return []
  return ver.phases.map(p => {
    const c = recorder.phaseCounters.get(`${fnName}|${version}|${p.index}`)
    return {
      phase: p.index,
      at: Number.isFinite(p.at) ? p.at : null,
      errorRate: p.errorRate,
      invocations: c?.invocations ?? 0,
      errors: c?.errors ?? 0,
      firstAt: c?.firstAt ?? null
    }
  })
}

export function aliasView(state: SimState, fnName: string, aliasName: string): AliasView | undefined {
  const a = state.functions.get(fnName)?.aliases.get(aliasName)
  return a ? { functionVersion: a.functionVersion, routing: a.routing ? { ...a.routing } : null, revisionId: a.revisionId } : undefined
}

/** JSON-able snapshot of the whole state (served at GET /_sim/state). */
export function snapshot(state: SimState, recorder: TrafficRecorder): Json {
  const functions = [...state.functions.values()].map(fn => ({
    name: fn.name,
    arn: fn.arn,
    latest: versionSnapshot(fn.latest),
    versions: [...fn.versions.values()].map(versionSnapshot),
    aliases: [...fn.aliases.values()].map(a => ({
      name: a.name,
      functionVersion: a.functionVersion,
      routing: a.routing,
      description: a.description,
      revisionId: a.revisionId
    })),
    provisionedConcurrency: Object.fromEntries(fn.provisioned.entries()),
    totals: versionTotals(recorder, fn.name)
  }))
  return {
    scenario: state.scenario.name ?? null,
    seed: state.seed,
    time: state.now,
    epochMs: state.epochMsAt(state.now),
    originEpochMs: state.originEpochMs,
    functions,
    alarms: state.alarms.map(a => ({ name: a.name, ...alarmStateAt(a, state.now) })),
    aliasHistory: state.aliasHistory,
    events: state.eventLog,
    counters: stats(recorder),
    metricSeries: state.metrics.allSeries().length
  }
}

function versionSnapshot(v: VersionRecord): Json {
  return {
    version: v.version,
    codeSha256: v.codeSha256,
    role: v.role,
    deadLetterTargetArn: v.dlq,
    description: v.description,
    state: v.state,
    lastUpdateStatus: v.lastUpdateStatus,
    revisionId: v.revisionId,
    behavior: v.behaviorSpec
  }
}
