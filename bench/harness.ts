// Monte-Carlo benchmark of the judges (bench/judges.ts) on simulated traffic, in virtual time.
//
// One run = one deployment of the scenario's new version by one judge, on a fresh simulator model
// with the aggregated traffic path (sim/model.ts, aggregateTraffic). Run i of a scenario has the same
// seed for every judge (same traffic per period, same ingestion lags, same start second), so the judges
// are compared on common random numbers as far as their different alias weights allow.
//
// Scenario times count from the start of the deployment: the harness shifts them by the warm-up
// (WARMUP_SECONDS of traffic on the old version before the deployment, so CloudWatch and the alarm have
// history as they would in production) and starts the deployment at a random second of the minute.
import { availableParallelism } from 'node:os'
import { readFileSync } from 'node:fs'
import { dirname, isAbsolute, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { Worker } from 'node:worker_threads'
import type { Settings } from '../src/settings.js'
import { ManualClock } from '../sim/clock.js'
import { DEFAULT_ORIGIN_EPOCH_MS, SimModel } from '../sim/model.js'
import { hash32, hashUnit } from '../sim/rng.js'
import { parseScenario, type BehaviorSpec, type LatencySpec, type Scenario } from '../sim/scenario.js'
import {
  JUDGES,
  type JudgeName,
  type JudgeOutcome,
  type Subject,
  lambdaCanary,
  lambdaCanarySettings,
  seedAlarm,
  seedEndOfStage
} from './judges.js'
import { SimWorld } from './sim-ports.js'

/** Traffic on the old version before each deployment starts. */
export const WARMUP_SECONDS = 300

export interface BenchScenario {
  name: string
  /** As given (times count from the deployment start). */
  scenario: Scenario
  subject: Subject
  /** For each phase of the new version's behaviour (base first, then by time): is it worse than the old version? */
  badPhases: boolean[]
}

export interface RunRecord {
  result: string
  /** The judge's reason, in its words. */
  reason: string
  /** Seconds from the first bad invocation to the first restoring UpdateAlias; null when either did not happen (or the restore came first). */
  detectionSeconds: number | null
  /** Invocations the new version served while bad, up to the end of the deployment. */
  badInvocations: number
  durationSeconds: number
}

export interface ResultRow {
  judge: JudgeName
  scenario: string
  runs: number
  /** Fraction of runs that did not end promoted. */
  rolledBack: number
  medianDetectionSeconds: number | null
  meanBadInvocations: number
  meanDurationSeconds: number
}

export interface ResultDetail {
  judge: JudgeName
  scenario: string
  /** How many runs ended with each result ("promoted", "rolled-back", "failed", …). */
  outcomes: Record<string, number>
  /** Runs the median detection time is taken over (rolled back after a first bad invocation). */
  detections: number
  /** 10th and 90th percentile of the detection time. */
  detectionP10Seconds: number | null
  detectionP90Seconds: number | null
  /** Why runs did not end promoted: the most frequent reasons (numbers replaced by #) with their counts. */
  reasons: { result: string; reason: string; runs: number; example: string }[]
}

export interface BenchReport {
  results: ResultRow[]
  details: ResultDetail[]
  meta: { runs: number; seed: number; scenarios: string[]; judges: JudgeName[]; warmupSeconds: number }
}

export interface BenchOptions {
  runs: number
  seed: number
  scenarios: BenchScenario[]
  judges?: readonly JudgeName[]
  /** Worker threads; 0 runs everything in this thread (tests). Default: the machine's parallelism. */
  workers?: number
  /** Runs per task handed to a worker. */
  chunk?: number
}

// ── scenarios ──────────────────────────────────────────────────────────────────────────────────

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
  }
  for (const t of c.traffic ?? []) for (const p of t.schedule ?? []) p.at += seconds
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

// ── one run ────────────────────────────────────────────────────────────────────────────────────

export function runSeed(baseSeed: number, scenario: string, run: number): number {
  return hash32(baseSeed, scenario, run)
}

/** Prepared once per scenario (and per worker). */
export interface PreparedScenario {
  bench: BenchScenario
  shifted: Scenario
  settings: Settings
}

export function prepare(bench: BenchScenario): PreparedScenario {
  return { bench, shifted: shiftScenario(bench.scenario, WARMUP_SECONDS), settings: lambdaCanarySettings(bench.subject) }
}

export async function runOne(p: PreparedScenario, judge: JudgeName, baseSeed: number, run: number): Promise<RunRecord> {
  const { bench, shifted, settings } = p
  const seed = runSeed(baseSeed, bench.name, run)
  // The deployment starts at a random millisecond of the minute (the model's origin is minute-aligned otherwise).
  const origin = DEFAULT_ORIGIN_EPOCH_MS + Math.floor(hashUnit(seed, 'start-offset') * 60_000)
  const model = new SimModel(shifted, { seed, originEpochMs: origin, aggregateTraffic: true })
  const clock = new ManualClock(origin)
  const world = new SimWorld(model, clock, bench.subject.functionName, bench.subject.aliasName)
  world.advance(WARMUP_SECONDS * 1000)

  let outcome: JudgeOutcome
  switch (judge) {
    case 'seed-end-of-stage':
      outcome = await seedEndOfStage(world, bench.subject, settings.run.plan.stages)
      break
    case 'seed-alarm':
      outcome = await seedAlarm(world, bench.subject, settings.run.plan.stages)
      break
    case 'lambda-canary':
      outcome = await lambdaCanary(world, settings, seed)
      break
  }

  const { oldVersion, newVersion } = bench.subject
  const phases = model.phaseTotals(bench.subject.functionName, newVersion)
  let badInvocations = 0
  let firstBad: number | null = null
  for (const ph of phases) {
    if (!bench.badPhases[ph.phase]) continue
    badInvocations += ph.invocations
    if (ph.firstAt !== null && (firstBad === null || ph.firstAt < firstBad)) firstBad = ph.firstAt
  }
  // The start of the rollback: the first attempt to write the alias back to the old version alone, after a shift.
  const firstShift = world.writes.findIndex(w => w.weights[newVersion] !== undefined)
  const restore =
    firstShift < 0
      ? undefined
      : world.writes.slice(firstShift + 1).find(w => w.version === oldVersion && Object.keys(w.weights).length === 0)
  const restoreAt = restore ? model.timeOfEpochMs(restore.at) : null
  const detectionSeconds = restoreAt !== null && firstBad !== null && restoreAt >= firstBad ? restoreAt - firstBad : null
  return {
    result: outcome.result,
    reason: outcome.reason,
    detectionSeconds,
    badInvocations,
    durationSeconds: (outcome.finishedAt - outcome.startedAt) / 1000
  }
}

// ── many runs ──────────────────────────────────────────────────────────────────────────────────

interface Task {
  id: number
  scenario: number
  judge: JudgeName
  from: number
  to: number
}

export async function runBench(opts: BenchOptions): Promise<BenchReport> {
  const judges = opts.judges ?? JUDGES
  const chunk = Math.max(1, opts.chunk ?? 25)
  const tasks: Task[] = []
  // The heaviest judge first, so the workers finish together.
  const order = [...judges].sort((a, b) => Number(b === 'lambda-canary') - Number(a === 'lambda-canary'))
  for (const judge of order) {
    for (const [scenario] of opts.scenarios.entries()) {
      for (let from = 0; from < opts.runs; from += chunk)
        tasks.push({ id: tasks.length, scenario, judge, from, to: Math.min(opts.runs, from + chunk) })
    }
  }
  const records = new Map<string, RunRecord[]>()
  const key = (judge: string, scenario: number) => `${judge}\u0000${scenario}`
  const store = (task: Task, recs: RunRecord[]) => {
    const list = records.get(key(task.judge, task.scenario)) ?? new Array<RunRecord>(opts.runs)
    for (const [i, r] of recs.entries()) list[task.from + i] = r
    records.set(key(task.judge, task.scenario), list)
  }

  const workers = Math.min(opts.workers ?? availableParallelism(), tasks.length)
  if (workers <= 0) {
    const prepared = opts.scenarios.map(prepare)
    for (const task of tasks) store(task, await runTask(prepared, task, opts.seed))
  } else {
    await runInWorkers(workers, opts, tasks, store)
  }

  const results: ResultRow[] = []
  const details: ResultDetail[] = []
  for (const [si, s] of opts.scenarios.entries()) {
    for (const judge of judges) {
      const runs = records.get(key(judge, si)) ?? []
      const { row, detail } = summarize(judge, s.name, runs)
      results.push(row)
      details.push(detail)
    }
  }
  return {
    results,
    details,
    meta: {
      runs: opts.runs,
      seed: opts.seed,
      scenarios: opts.scenarios.map(s => s.name),
      judges: [...judges],
      warmupSeconds: WARMUP_SECONDS
    }
  }
}

export async function runTask(prepared: PreparedScenario[], task: Task, seed: number): Promise<RunRecord[]> {
  const out: RunRecord[] = []
  const p = prepared[task.scenario] as PreparedScenario
  for (let run = task.from; run < task.to; run++) out.push(await runOne(p, task.judge, seed, run))
  return out
}

/**
 * A worker running bench/worker: compiled JavaScript directly; TypeScript under tsx through tsx's API
 * (on Node 20 a worker thread does not inherit the loader hooks tsx registers in the main thread).
 */
function startWorker(workerData: unknown): Worker {
  const self = import.meta.url
  if (!self.endsWith('.ts')) return new Worker(new URL('./worker.js', self), { workerData })
  const target = new URL('./worker.ts', self).href
  const api = import.meta.resolve('tsx/esm/api')
  const bootstrap = [
    `import(${JSON.stringify(api)})`,
    `.then(m => { m.register(); return import(${JSON.stringify(target)}) })`,
    `.catch(e => require('node:worker_threads').parentPort.postMessage({ id: -1, error: String((e && e.stack) || e) }))`
  ].join('')
  return new Worker(bootstrap, { eval: true, workerData })
}

async function runInWorkers(
  count: number,
  opts: BenchOptions,
  tasks: Task[],
  store: (task: Task, recs: RunRecord[]) => void
): Promise<void> {
  const queue = [...tasks]
  const byId = new Map(tasks.map(t => [t.id, t]))
  const workerData = { scenarios: opts.scenarios.map(s => s.scenario), names: opts.scenarios.map(s => s.name), seed: opts.seed }
  await new Promise<void>((resolvePromise, reject) => {
    let running = 0
    let settled = false
    const pool: Worker[] = []
    const fail = (error: Error) => {
      if (settled) return
      settled = true
      for (const x of pool) void x.terminate()
      reject(error)
    }
    const retired = new Set<Worker>()
    const feed = (w: Worker) => {
      const task = queue.shift()
      if (task) {
        w.postMessage(task)
        return
      }
      running--
      retired.add(w)
      void w.terminate()
      if (running === 0 && !settled) {
        settled = true
        resolvePromise()
      }
    }
    for (let i = 0; i < count; i++) {
      const w = startWorker(workerData)
      pool.push(w)
      running++
      w.on('message', (msg: { id: number; records?: RunRecord[]; error?: string }) => {
        if (msg.error !== undefined) return fail(new Error(`benchmark worker failed: ${msg.error}`))
        store(byId.get(msg.id) as Task, msg.records ?? [])
        feed(w)
      })
      w.on('error', error => fail(error))
      // terminate() ends a retired worker with code 1; any other exit before the work is done is a failure.
      w.on('exit', code => {
        if (!retired.has(w)) fail(new Error(`benchmark worker exited early with code ${code}`))
      })
      feed(w)
    }
  })
}

// ── statistics ─────────────────────────────────────────────────────────────────────────────────

function quantile(sorted: number[], q: number): number | null {
  if (sorted.length === 0) return null
  const pos = (sorted.length - 1) * q
  const lo = Math.floor(pos)
  const hi = Math.ceil(pos)
  return (sorted[lo] as number) + ((sorted[hi] as number) - (sorted[lo] as number)) * (pos - lo)
}

const round = (n: number, digits: number) => Math.round(n * 10 ** digits) / 10 ** digits
const roundOrNull = (n: number | null, digits: number) => (n === null ? null : round(n, digits))

export function summarize(judge: JudgeName, scenario: string, runs: RunRecord[]): { row: ResultRow; detail: ResultDetail } {
  const n = runs.length
  const outcomes: Record<string, number> = {}
  for (const r of runs) outcomes[r.result] = (outcomes[r.result] ?? 0) + 1
  const notPromoted = runs.filter(r => r.result !== 'promoted').length
  const detections = runs
    .filter(r => r.result !== 'promoted' && r.detectionSeconds !== null)
    .map(r => r.detectionSeconds as number)
    .sort((a, b) => a - b)
  const mean = (f: (r: RunRecord) => number) => (n === 0 ? 0 : runs.reduce((a, r) => a + f(r), 0) / n)
  return {
    row: {
      judge,
      scenario,
      runs: n,
      rolledBack: n === 0 ? 0 : round(notPromoted / n, 4),
      medianDetectionSeconds: roundOrNull(quantile(detections, 0.5), 1),
      meanBadInvocations: round(
        mean(r => r.badInvocations),
        1
      ),
      meanDurationSeconds: round(
        mean(r => r.durationSeconds),
        1
      )
    },
    detail: {
      judge,
      scenario,
      outcomes: Object.fromEntries(Object.entries(outcomes).sort(([a], [b]) => (a < b ? -1 : 1))),
      detections: detections.length,
      detectionP10Seconds: roundOrNull(quantile(detections, 0.1), 1),
      detectionP90Seconds: roundOrNull(quantile(detections, 0.9), 1),
      reasons: topReasons(
        runs.filter(r => r.result !== 'promoted'),
        5
      )
    }
  }
}

/** Reasons grouped by their wording without numbers, most frequent first (ties: first seen). */
function topReasons(runs: RunRecord[], limit: number): ResultDetail['reasons'] {
  const groups = new Map<string, { result: string; reason: string; runs: number; example: string }>()
  for (const r of runs) {
    const reason = r.reason.replace(/\d+(\.\d+)?/g, '#')
    const key = `${r.result}\u0000${reason}`
    const g = groups.get(key)
    if (g) g.runs++
    else groups.set(key, { result: r.result, reason, runs: 1, example: r.reason })
  }
  return [...groups.values()].sort((a, b) => b.runs - a.runs).slice(0, limit)
}

// ── output ─────────────────────────────────────────────────────────────────────────────────────

/** The JSON written by --json: the results as specified, plus details and the run's parameters. */
export function toJson(report: BenchReport): string {
  return `${JSON.stringify({ results: report.results, details: report.details, meta: report.meta }, null, 2)}\n`
}

export function formatTable(report: BenchReport): string {
  const header = [
    'scenario',
    'judge',
    'runs',
    'not promoted',
    'outcomes',
    'median detection',
    'p10–p90 detection',
    'mean bad inv.',
    'mean duration'
  ]
  const rows: string[][] = []
  const details = new Map(report.details.map(d => [`${d.judge}\u0000${d.scenario}`, d]))
  let lastScenario = ''
  for (const r of report.results) {
    const d = details.get(`${r.judge}\u0000${r.scenario}`)
    const outcomes = d
      ? Object.entries(d.outcomes)
          .map(([k, v]) => `${v} ${k}`)
          .join(', ')
      : ''
    rows.push([
      r.scenario === lastScenario ? '' : r.scenario,
      r.judge,
      String(r.runs),
      `${(r.rolledBack * 100).toFixed(1)}%`,
      outcomes,
      r.medianDetectionSeconds === null ? '—' : `${r.medianDetectionSeconds.toFixed(0)} s (n=${d?.detections ?? 0})`,
      d && d.detectionP10Seconds !== null && d.detectionP90Seconds !== null
        ? `${d.detectionP10Seconds.toFixed(0)}–${d.detectionP90Seconds.toFixed(0)} s`
        : '—',
      r.meanBadInvocations.toFixed(1),
      `${r.meanDurationSeconds.toFixed(0)} s (${formatMinutes(r.meanDurationSeconds)})`
    ])
    lastScenario = r.scenario
  }
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map(r => (r[i] as string).length)))
  const numeric = new Set([2, 3, 5, 6, 7, 8])
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (numeric.has(i) ? c.padStart(widths[i] as number) : c.padEnd(widths[i] as number)))
      .join('  ')
      .trimEnd()
  const out = [line(header), widths.map(w => '─'.repeat(w)).join('  ')]
  lastScenario = ''
  for (const [i, r] of rows.entries()) {
    const scenario = report.results[i]?.scenario ?? ''
    if (i > 0 && scenario !== lastScenario) out.push('')
    out.push(line(r))
    lastScenario = scenario
  }
  return out.join('\n')
}

function formatMinutes(seconds: number): string {
  const m = Math.floor(seconds / 60)
  const s = Math.round(seconds - m * 60)
  return s === 60 ? `${m + 1}m00s` : `${m}m${String(s).padStart(2, '0')}s`
}
