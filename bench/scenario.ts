// The benchmark's scenarios: a list file of simulator scenarios, each validated and read for what is
// deployed (the alias's version → the newest other version) and in which phases the new version is bad.
// Scenario times count from the start of the deployment; `shiftScenario` moves them behind the warm-up.
import { readFileSync } from 'node:fs'
import { dirname, isAbsolute, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseScenario, type BehaviorSpec, type LatencySpec, type Scenario } from '../sim/scenario.js'
import type { Subject } from './judges.js'

export interface BenchScenario {
  name: string
  /** As given (times count from the deployment start). */
  scenario: Scenario
  subject: Subject
  /** For each phase of the new version's behaviour (base first, then by time): is it worse than the old version? */
  badPhases: boolean[]
}

export const DEFAULT_SCENARIOS = join(benchDir(), 'scenarios', 'default.json')

function benchDir(): string {
  try {
    return dirname(fileURLToPath(import.meta.url))
  } catch {
    return join(process.cwd(), 'bench')
  }
}

/**
 * A JSON file holding a list of scenarios — each a path (relative to the list) or a scenario object —
 * or a single scenario object.
 */
export function loadScenarioList(file: string): BenchScenario[] {
  const path = resolve(file)
  const raw = JSON.parse(readFileSync(path, 'utf8')) as unknown
  const items = Array.isArray(raw) ? raw : [raw]
  const list = items.map((item, i) => {
    if (typeof item === 'string') {
      const p = isAbsolute(item) ? item : join(dirname(path), item)
      const scenario = JSON.parse(readFileSync(p, 'utf8')) as unknown
      return benchScenario(scenario, basename(p))
    }
    return benchScenario(item, `scenario-${i + 1}`)
  })
  const names = new Set<string>()
  for (const s of list) {
    if (names.has(s.name)) throw new Error(`two scenarios are named "${s.name}"`)
    names.add(s.name)
  }
  return list
}

function basename(p: string): string {
  return (p.split(/[\\/]/).pop() ?? p).replace(/\.json$/, '')
}

/** Validates a scenario and works out what is deployed and when the new version is bad. */
export function benchScenario(
  value: unknown,
  fallbackName = 'scenario',
  name = (value as Scenario | undefined)?.name ?? fallbackName
): BenchScenario {
  const scenario = parseScenario(value)
  const fn = scenario.functions[0]
  if (!fn) throw new Error(`scenario "${name}" has no function`)
  const traffic = (scenario.traffic ?? []).find(t => t.function === fn.name && (fn.aliases ?? []).some(a => a.name === t.qualifier))
  const alias = (fn.aliases ?? []).find(a => a.name === traffic?.qualifier) ?? fn.aliases?.[0]
  if (!alias) throw new Error(`scenario "${name}": function ${fn.name} needs an alias to deploy through`)
  if (alias.routing && Object.keys(alias.routing).length > 0) throw new Error(`scenario "${name}": alias ${alias.name} must start unsplit`)
  const oldVersion = alias.functionVersion
  const candidates = fn.versions.map(v => v.version).filter(v => v !== oldVersion)
  const newVersion = candidates.sort((a, b) => Number(b) - Number(a))[0]
  if (!newVersion) throw new Error(`scenario "${name}": function ${fn.name} needs a version besides ${oldVersion} to deploy`)
  const behavior = (v: string) => fn.versions.find(x => x.version === v)?.behavior
  if ((behavior(oldVersion)?.phases ?? []).length > 0) {
    throw new Error(
      `scenario "${name}": the old version ${oldVersion} must behave the same throughout (no phases), so "bad" is well defined`
    )
  }
  const old = effectivePhases(behavior(oldVersion))[0] as EffectivePhase
  const badPhases = effectivePhases(behavior(newVersion)).map(
    p => p.errorRate > old.errorRate || p.medianMs > old.medianMs || p.p99Ms > old.p99Ms
  )
  return { name, scenario, subject: { functionName: fn.name, aliasName: alias.name, oldVersion, newVersion }, badPhases }
}

interface EffectivePhase {
  errorRate: number
  medianMs: number
  p99Ms: number
}

/** The behaviour in effect in each phase, as the model builds it (each phase inherits what it leaves out). */
function effectivePhases(b: BehaviorSpec | undefined): EffectivePhase[] {
  const latency = (l: LatencySpec | undefined, prev?: EffectivePhase) =>
    l === undefined
      ? { medianMs: prev?.medianMs ?? 50, p99Ms: prev?.p99Ms ?? 200 }
      : 'constantMs' in l
        ? { medianMs: l.constantMs, p99Ms: l.constantMs }
        : { medianMs: l.medianMs, p99Ms: l.p99Ms }
  const phases: EffectivePhase[] = [{ errorRate: b?.errorRate ?? 0, ...latency(b?.latency) }]
  for (const p of [...(b?.phases ?? [])].sort((x, y) => x.at - y.at)) {
    const prev = phases[phases.length - 1] as EffectivePhase
    phases.push({
      errorRate: p.errorRate ?? prev.errorRate,
      ...(p.latency ? latency(p.latency) : { medianMs: prev.medianMs, p99Ms: prev.p99Ms })
    })
  }
  return phases
}

/** The scenario with its ingestion lag drawn per period (all series together) or per datapoint (each series on its own). */
export function withLagScope(b: BenchScenario, lagScope: 'period' | 'datapoint'): BenchScenario {
  const scenario = structuredClone(b.scenario)
  scenario.metrics = { ...(scenario.metrics ?? {}), lagScope }
  return { ...b, scenario }
}

/** The scenario with every time moved by `seconds` (scenario time 0 = the deployment start). */
export function shiftScenario(s: Scenario, seconds: number): Scenario {
  const c = structuredClone(s)
  const shiftBehavior = (b: BehaviorSpec | undefined) => {
    for (const p of b?.phases ?? []) p.at += seconds
  }
  for (const fn of c.functions) {
    for (const v of fn.versions) shiftBehavior(v.behavior)
    shiftBehavior(fn.latest?.behavior)
    for (const o of fn.outages ?? []) o.at += seconds
  }
  for (const t of c.traffic ?? []) for (const p of [...(t.schedule ?? []), ...(t.ramp ?? [])]) p.at += seconds
  for (const e of c.events ?? []) {
    e.at += seconds
    if (e.type === 'updateLatest') shiftBehavior(e.behavior)
  }
  for (const a of c.alarms ?? []) for (const tr of a.transitions ?? []) tr.at += seconds
  for (const f of c.faults ?? []) {
    for (const w of f.windows ?? []) {
      w.from += seconds
      w.to += seconds
    }
  }
  return c
}
