/**
 * Scenario format (see sim/scenario.schema.json and sim/README.md) and loading/validation.
 */
import { readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { SchemaValidator, type JsonSchema } from './jsonschema.js'

export type LatencySpec = { medianMs: number; p99Ms: number } | { constantMs: number }

export interface BehaviorPhase {
  at: number
  errorRate?: number
  latency?: LatencySpec
}

/** Cold starts: a version's first invocation on each new container is `multiplier` (uniform in [lo, hi]) times slower. */
export interface ColdStartSpec {
  multiplier: [number, number]
  /** Containers kept per unit of mean concurrency (rate × mean warm duration); default 10. */
  containersPerConcurrency?: number
  /** A version without invocations for this long loses its containers; default 600. */
  idleSeconds?: number
}

/** Bursty errors: per period the error rate is drawn from a beta distribution with the phase's mean (beta-binomial). */
export interface BurstySpec {
  /** Overdispersion ρ = 1 / (α + β + 1): the per-period rate's variance is ρ · p · (1 − p). */
  rho: number
  /** Length of a period with one error rate; default 60 (aligned to the epoch minute, like CloudWatch periods). */
  periodSeconds?: number
}

export interface BehaviorSpec {
  errorRate?: number
  latency?: LatencySpec
  phases?: BehaviorPhase[]
  coldStart?: ColdStartSpec
  bursty?: BurstySpec
}

/** A downstream outage hitting every version of the function at once. */
export interface OutageSpec {
  at: number
  durationSeconds: number
  /** Extra failures: an invocation fails with 1 − (1 − version's rate)(1 − errorRate). */
  errorRate?: number
  /** Durations are multiplied by this. */
  latencyMultiplier?: number
}

export interface ResponseSpec {
  payload?: unknown
  error?: { errorType?: string; errorMessage?: string }
}

export type FunctionStateValue = 'Pending' | 'Active' | 'Inactive' | 'Failed'
export type LastUpdateStatusValue = 'Successful' | 'Failed' | 'InProgress'

export interface CodeConfigSpec {
  codeSha256?: string
  role?: string
  deadLetterTargetArn?: string | null
  description?: string
  runtime?: string
  handler?: string
  memorySize?: number
  timeout?: number
  state?: FunctionStateValue
  lastUpdateStatus?: LastUpdateStatusValue
  behavior?: BehaviorSpec
  response?: ResponseSpec
}

export interface VersionSpec extends CodeConfigSpec {
  version: string
}

export interface AliasSpec {
  name: string
  functionVersion: string
  description?: string
  routing?: Record<string, number>
}

export type ProvisionedStatus = 'IN_PROGRESS' | 'READY' | 'FAILED'

export interface ProvisionedConfigSpec {
  requested: number
  available?: number
  allocated?: number
  status?: ProvisionedStatus
  statusReason?: string
}

export interface ProvisionedConcurrencySpec extends ProvisionedConfigSpec {
  qualifier: string
}

export interface FunctionSpec {
  name: string
  role?: string
  deadLetterTargetArn?: string | null
  runtime?: string
  handler?: string
  memorySize?: number
  timeout?: number
  versions: VersionSpec[]
  latest?: CodeConfigSpec
  aliases?: AliasSpec[]
  provisionedConcurrency?: ProvisionedConcurrencySpec[]
  outages?: OutageSpec[]
}

export interface TrafficSpec {
  function: string
  qualifier?: string
  ratePerSecond: number
  schedule?: Array<{ at: number; ratePerSecond: number }>
  /** Piecewise-linear rate through these points (ratePerSecond before the first, the last point's after it). */
  ramp?: Array<{ at: number; ratePerSecond: number }>
  throttleRate?: number
}

export type LagSpec = number | { min: number; max: number }

export type LambdaMetricName = 'Invocations' | 'Errors' | 'Duration' | 'Throttles'

export interface CustomMetricSpec {
  namespace: string
  metricName: string
  dimensions?: Record<string, string>
  unit?: string
  source: { function: string; qualifier?: string; metric: LambdaMetricName }
}

export interface MetricsSpec {
  periodSeconds?: number
  lagSeconds?: LagSpec
  lagScope?: 'period' | 'datapoint'
  startTimeRounding?: 'none' | 'aws'
  custom?: CustomMetricSpec[]
}

export type AlarmStateValue = 'OK' | 'ALARM' | 'INSUFFICIENT_DATA'

export interface AlarmSpec {
  name: string
  type?: 'metric' | 'composite'
  description?: string
  initialState?: AlarmStateValue
  transitions?: Array<{ at: number; state: AlarmStateValue; reason?: string }>
  metric?: {
    namespace?: string
    metricName?: string
    dimensions?: Record<string, string>
    statistic?: string
    period?: number
    evaluationPeriods?: number
    threshold?: number
    comparisonOperator?: string
  }
  alarmRule?: string
}

export interface FaultSpec {
  name?: string
  service?: 'lambda' | 'cloudwatch' | 'any'
  operations?: string[]
  /** unreadable: executed, then answered 200 with an HTML page (as afterCommit, whatever afterCommit says). */
  type: 'throttle' | 'server-error' | 'unreadable'
  status?: number
  probability?: number
  windows?: Array<{ from: number; to: number }>
  maxCount?: number
  afterCommit?: boolean
}

export interface UpdateAliasEvent {
  at: number
  type: 'updateAlias'
  function: string
  alias: string
  functionVersion?: string
  routing?: Record<string, number>
  description?: string
}

export interface UpdateLatestEvent extends CodeConfigSpec {
  at: number
  type: 'updateLatest'
  function: string
}

export interface SetFunctionStateEvent {
  at: number
  type: 'setFunctionState'
  function: string
  qualifier?: string
  state?: FunctionStateValue
  lastUpdateStatus?: LastUpdateStatusValue
  stateReason?: string
}

export interface SetProvisionedConcurrencyEvent {
  at: number
  type: 'setProvisionedConcurrency'
  function: string
  qualifier: string
  config?: ProvisionedConfigSpec | null
}

export type EventSpec = UpdateAliasEvent | UpdateLatestEvent | SetFunctionStateEvent | SetProvisionedConcurrencyEvent

export interface Scenario {
  $schema?: string
  name?: string
  description?: string
  seed?: number
  account?: string
  region?: string
  functions: FunctionSpec[]
  traffic?: TrafficSpec[]
  metrics?: MetricsSpec
  alarms?: AlarmSpec[]
  faults?: FaultSpec[]
  events?: EventSpec[]
  /** For the benchmark only (the simulator ignores it): action inputs of this scenario's deployment, e.g. its strategy. */
  bench?: { inputs?: Record<string, string> }
}

export class ScenarioError extends Error {
  constructor(
    message: string,
    readonly problems: string[] = []
  ) {
    super(problems.length ? `${message}:\n  - ${problems.join('\n  - ')}` : message)
    this.name = 'ScenarioError'
  }
}

/** Directory holding this module (works under tsx, node and ts-jest ESM). */
function simDir(): string {
  try {
    return dirname(fileURLToPath(import.meta.url))
  } catch {
    return join(process.cwd(), 'sim')
  }
}

export const SCENARIO_SCHEMA_PATH = join(simDir(), 'scenario.schema.json')
export const SCENARIOS_DIR = join(simDir(), 'scenarios')

let cachedValidator: SchemaValidator | undefined
export function scenarioSchema(): JsonSchema {
  return JSON.parse(readFileSync(SCENARIO_SCHEMA_PATH, 'utf8')) as JsonSchema
}

/** Structural validation against sim/scenario.schema.json. Returns problems ("path: message"). */
export function validateScenarioSchema(value: unknown): string[] {
  cachedValidator ??= new SchemaValidator(scenarioSchema())
  return cachedValidator.validate(value).map(e => `${e.path}: ${e.message}`)
}

/**
 * Checks that go beyond the schema: references between functions/versions/aliases/traffic,
 * and initial alias routing that AWS itself would accept.
 */
function validateScenarioSemantics(s: Scenario): string[] {
  const problems: string[] = []
  const fnNames = new Set<string>()
  for (const [fi, fn] of s.functions.entries()) {
    const at = `functions[${fi}] (${fn.name})`
    if (fnNames.has(fn.name)) problems.push(`${at}: duplicate function name`)
    fnNames.add(fn.name)
    const versions = new Map<string, VersionSpec>()
    for (const v of fn.versions) {
      if (versions.has(v.version)) problems.push(`${at}: duplicate version ${v.version}`)
      versions.set(v.version, v)
    }
    const role = (v: CodeConfigSpec) => v.role ?? fn.role
    const dlq = (v: CodeConfigSpec) => (v.deadLetterTargetArn !== undefined ? v.deadLetterTargetArn : fn.deadLetterTargetArn) ?? null
    if (!fn.versions.length && !fn.latest) problems.push(`${at}: needs at least one version or "latest"`)
    const aliasNames = new Set<string>()
    for (const a of fn.aliases ?? []) {
      const aat = `${at}.aliases.${a.name}`
      if (aliasNames.has(a.name)) problems.push(`${aat}: duplicate alias`)
      aliasNames.add(a.name)
      if (a.functionVersion !== '$LATEST' && !versions.has(a.functionVersion)) {
        problems.push(`${aat}: functionVersion ${a.functionVersion} does not exist`)
      }
      const routing = Object.entries(a.routing ?? {})
      if (routing.length > 1) problems.push(`${aat}: routing may name at most one additional version`)
      for (const [rv, w] of routing) {
        if (!/^[0-9]+$/.test(rv) || !versions.has(rv)) problems.push(`${aat}: routing version ${rv} does not exist`)
        if (!(w >= 0 && w <= 1)) problems.push(`${aat}: routing weight ${w} outside [0, 1]`)
        if (rv === a.functionVersion) problems.push(`${aat}: routing names the primary version`)
        if (a.functionVersion === '$LATEST') problems.push(`${aat}: $LATEST cannot have routing`)
        const p = versions.get(a.functionVersion)
        const r = versions.get(rv)
        if (p && r && role(p) !== role(r)) problems.push(`${aat}: versions ${a.functionVersion} and ${rv} have different roles`)
        if (p && r && dlq(p) !== dlq(r)) problems.push(`${aat}: versions ${a.functionVersion} and ${rv} have different DLQ config`)
      }
    }
    for (const pc of fn.provisionedConcurrency ?? []) {
      if (pc.qualifier === '$LATEST') problems.push(`${at}: provisioned concurrency cannot be on $LATEST`)
      else if (!versions.has(pc.qualifier) && !aliasNames.has(pc.qualifier)) {
        problems.push(`${at}: provisioned concurrency qualifier ${pc.qualifier} is not a version or alias`)
      }
    }
  }
  const findFn = (name: string) => s.functions.find(f => f.name === name)
  const qualifierExists = (fnName: string, q: string | undefined) => {
    const fn = findFn(fnName)
    if (!fn) return false
    if (q === undefined || q === '$LATEST') return true
    return fn.versions.some(v => v.version === q) || (fn.aliases ?? []).some(a => a.name === q)
  }
  for (const [i, t] of (s.traffic ?? []).entries()) {
    if (t.ramp && t.schedule) problems.push(`traffic[${i}]: give a schedule or a ramp, not both`)
    const ramp = t.ramp ?? []
    for (let j = 1; j < ramp.length; j++) {
      if (!((ramp[j]?.at as number) > (ramp[j - 1]?.at as number))) problems.push(`traffic[${i}].ramp: times must rise`)
    }
    if (!findFn(t.function)) problems.push(`traffic[${i}]: unknown function ${t.function}`)
    else if (!qualifierExists(t.function, t.qualifier)) problems.push(`traffic[${i}]: unknown qualifier ${t.qualifier}`)
  }
  for (const [i, c] of (s.metrics?.custom ?? []).entries()) {
    if (!findFn(c.source.function)) problems.push(`metrics.custom[${i}]: unknown function ${c.source.function}`)
    else if (!qualifierExists(c.source.function, c.source.qualifier)) {
      problems.push(`metrics.custom[${i}]: unknown qualifier ${c.source.qualifier}`)
    }
  }
  const checkLatency = (where: string, l: LatencySpec | undefined) => {
    if (l && 'medianMs' in l && l.p99Ms < l.medianMs) problems.push(`${where}: latency p99Ms (${l.p99Ms}) < medianMs (${l.medianMs})`)
  }
  const checkBehavior = (where: string, b: BehaviorSpec | undefined) => {
    checkLatency(where, b?.latency)
    const m = b?.coldStart?.multiplier
    if (m && m[1] < m[0]) problems.push(`${where}: coldStart.multiplier [lo, hi] has hi < lo`)
    for (const p of b?.phases ?? []) checkLatency(`${where} phase at ${p.at}`, p.latency)
  }
  for (const fn of s.functions) {
    for (const v of fn.versions) checkBehavior(`${fn.name} version ${v.version}`, v.behavior)
    checkBehavior(`${fn.name} $LATEST`, fn.latest?.behavior)
  }
  for (const [i, e] of (s.events ?? []).entries()) if (e.type === 'updateLatest') checkBehavior(`events[${i}]`, e.behavior)
  const lag = s.metrics?.lagSeconds
  if (typeof lag === 'object' && lag.max < lag.min) problems.push('metrics.lagSeconds: max < min')
  const alarmNames = new Set<string>()
  for (const a of s.alarms ?? []) {
    if (alarmNames.has(a.name)) problems.push(`alarms: duplicate alarm ${a.name}`)
    alarmNames.add(a.name)
  }
  for (const [i, f] of (s.faults ?? []).entries()) {
    for (const w of f.windows ?? []) if (w.to < w.from) problems.push(`faults[${i}]: window to < from`)
  }
  for (const [i, e] of (s.events ?? []).entries()) {
    const fn = findFn(e.function)
    if (!fn) problems.push(`events[${i}]: unknown function ${e.function}`)
    else if (e.type === 'updateAlias' && !(fn.aliases ?? []).some(a => a.name === e.alias)) {
      problems.push(`events[${i}]: unknown alias ${e.alias}`)
    }
  }
  return problems
}

/** Validate (schema + semantics) and return the scenario; throws ScenarioError listing every problem. */
export function parseScenario(value: unknown): Scenario {
  const structural = validateScenarioSchema(value)
  if (structural.length) throw new ScenarioError('Scenario does not match sim/scenario.schema.json', structural)
  const s = value as Scenario
  const semantic = validateScenarioSemantics(s)
  if (semantic.length) throw new ScenarioError('Scenario is inconsistent', semantic)
  return s
}

/** Load a scenario JSON file (validated). */
export function loadScenarioFile(path: string): Scenario {
  let raw: unknown
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'))
  } catch (e) {
    throw new ScenarioError(`Cannot read scenario ${path}: ${(e as Error).message}`)
  }
  return parseScenario(raw)
}

/** Accepts a Scenario object or a path to a scenario file; a bare name like "healthy" resolves to sim/scenarios/healthy.json. */
export function resolveScenario(input: Scenario | string): Scenario {
  if (typeof input !== 'string') return parseScenario(input)
  if (/^[a-z0-9-]+$/i.test(input)) return loadScenarioFile(join(SCENARIOS_DIR, `${input}.json`))
  return loadScenarioFile(input)
}
