/**
 * Pure, deterministic model of the parts of AWS Lambda and CloudWatch that lambda-canary uses.
 *
 * - No timers, no wall clock: the owner moves time forward with `advanceTo(t)` (seconds since the
 *   model's origin). Traffic is generated lazily up to that time, scripted events are applied at
 *   their exact times, and every operation acts "now".
 * - Deterministic given the scenario seed: each traffic source, direct Invoke, faults and id
 *   generation use their own random streams, and every arrival consumes a fixed number of draws,
 *   so how often you call `advanceTo` does not change the outcome.
 * - Operations take SDK-shaped inputs (PascalCase, as sent on the wire) and return wire-shaped
 *   outputs; failures throw `AwsError` with AWS's error name and HTTP status.
 */
import { createHash } from 'node:crypto'
import { type AwsError, CloudWatchErrors, LambdaErrors } from './errors.js'
import { evaluate as evaluateExpression, ExpressionError, type Value as ExprValue } from './expr.js'
import { LatencySampler } from './aggregate.js'
import { MetricStore, makeLagFn, parseStat, type Dimensions, type SampleBatch, type Series, type SeriesDef } from './metrics.js'
import { binomial, poisson, Rng, Z99 } from './rng.js'
import type {
  AlarmSpec,
  AlarmStateValue,
  BehaviorSpec,
  CodeConfigSpec,
  EventSpec,
  FaultSpec,
  FunctionSpec,
  FunctionStateValue,
  LambdaMetricName,
  LastUpdateStatusValue,
  LatencySpec,
  ProvisionedConfigSpec,
  ResponseSpec,
  Scenario
} from './scenario.js'

export const DEFAULT_ACCOUNT = '123456789012'
export const DEFAULT_REGION = 'us-east-1'
/** Default origin for virtual time: a fixed, minute-aligned instant. */
export const DEFAULT_ORIGIN_EPOCH_MS = 1_700_000_040_000

// ---------------------------------------------------------------------------------------------
// Internal state
// ---------------------------------------------------------------------------------------------

type Latency = { kind: 'lognormal'; mu: number; sigma: number } | { kind: 'constant'; ms: number }

interface Phase {
  /** Position in the version's phases (0 = the base behaviour). */
  index: number
  at: number
  errorRate: number
  latency: Latency
}

interface CodeConfig {
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

interface VersionRecord extends CodeConfig {
  version: string
  state: FunctionStateValue
  lastUpdateStatus: LastUpdateStatusValue
  stateReason: string | undefined
  revisionId: string
  lastModifiedMs: number
}

interface AliasRecord {
  name: string
  functionVersion: string
  description: string
  routing: Record<string, number> | null
  revisionId: string
}

interface ProvisionedRecord {
  requested: number
  available: number
  allocated: number
  status: string
  statusReason: string | undefined
  lastModifiedMs: number
}

interface FunctionRecord {
  name: string
  arn: string
  versions: Map<string, VersionRecord>
  latest: VersionRecord
  aliases: Map<string, AliasRecord>
  nextVersion: number
  provisioned: Map<string, ProvisionedRecord>
}

interface TrafficSource {
  index: number
  fn: FunctionRecord
  qualifier: string | undefined
  schedule: Array<{ at: number; rate: number }>
  seg: number
  next: number
  throttleRate: number
  rng: Rng
  /** Aggregated traffic: generated up to this time; the current storage bucket, its random stream and what is left of it. */
  aggT: number
  aggBucket: number
  aggBucketEnd: number
  aggRng: Rng | undefined
  aggNext: () => number
  aggLeft: number
  aggMass: number
}

interface Mirror {
  qualifier: string | undefined
  metric: LambdaMetricName
  series: Series
}

export interface Counter {
  invocations: number
  errors: number
  throttles: number
  durationMsSum: number
}

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

interface PhaseCounter {
  invocations: number
  errors: number
  firstAt: number | null
}

export interface AliasHistoryEntry {
  time: number
  function: string
  alias: string
  functionVersion: string
  routing: Record<string, number> | null
  revisionId: string
  source: 'initial' | 'api' | 'event'
}

export interface EventLogEntry {
  time: number
  type: string
  ok: boolean
  error?: string
}

export interface FaultDecision {
  fault: FaultSpec
  error: AwsError
  afterCommit: boolean
}

// ---------------------------------------------------------------------------------------------
// Input shapes (SDK-like; fields may be undefined)
// ---------------------------------------------------------------------------------------------

type Opt<T> = T | undefined

export interface FunctionRefInput {
  FunctionName?: Opt<string>
  Qualifier?: Opt<string>
}
export interface ListInput {
  FunctionName?: Opt<string>
  Marker?: Opt<string>
  MaxItems?: Opt<number>
  FunctionVersion?: Opt<string>
}
export interface PublishVersionInput {
  FunctionName?: Opt<string>
  CodeSha256?: Opt<string>
  Description?: Opt<string>
  RevisionId?: Opt<string>
}
export interface RoutingConfigInput {
  AdditionalVersionWeights?: Opt<Record<string, unknown>>
}
export interface CreateAliasInput {
  FunctionName?: Opt<string>
  Name?: Opt<string>
  FunctionVersion?: Opt<string>
  Description?: Opt<string>
  RoutingConfig?: Opt<RoutingConfigInput>
}
export interface UpdateAliasInput {
  FunctionName?: Opt<string>
  Name?: Opt<string>
  FunctionVersion?: Opt<string>
  Description?: Opt<string>
  RoutingConfig?: Opt<RoutingConfigInput>
  RevisionId?: Opt<string>
}
export interface AliasRefInput {
  FunctionName?: Opt<string>
  Name?: Opt<string>
}
export interface InvokeInput {
  FunctionName?: Opt<string>
  Qualifier?: Opt<string>
  InvocationType?: Opt<string>
  LogType?: Opt<string>
  Payload?: Opt<string>
}
export interface InvokeOutput {
  StatusCode: number
  ExecutedVersion: string
  FunctionError: string | undefined
  LogResult: string | undefined
  Payload: string
}

export interface MetricStatInput {
  Metric?: Opt<{ Namespace?: Opt<string>; MetricName?: Opt<string>; Dimensions?: Opt<Array<{ Name?: Opt<string>; Value?: Opt<string> }>> }>
  Period?: Opt<number>
  Stat?: Opt<string>
  Unit?: Opt<string>
}
export interface MetricDataQueryInput {
  Id?: Opt<string>
  MetricStat?: Opt<MetricStatInput>
  Expression?: Opt<string>
  Label?: Opt<string>
  ReturnData?: Opt<boolean>
  Period?: Opt<number>
}
export interface GetMetricDataInput {
  MetricDataQueries?: Opt<MetricDataQueryInput[]>
  /** Epoch seconds (as the SDK sends it), epoch ms Date, or ISO string. */
  StartTime?: Opt<number | string | Date>
  EndTime?: Opt<number | string | Date>
  NextToken?: Opt<string>
  ScanBy?: Opt<string>
  MaxDatapoints?: Opt<number>
}
export interface DescribeAlarmsInput {
  AlarmNames?: Opt<string[]>
  AlarmNamePrefix?: Opt<string>
  AlarmTypes?: Opt<string[]>
  StateValue?: Opt<string>
  MaxRecords?: Opt<number>
  NextToken?: Opt<string>
  ChildrenOfAlarmName?: Opt<string>
  ParentsOfAlarmName?: Opt<string>
  ActionPrefix?: Opt<string>
}

export interface ModelOptions {
  /** Epoch ms corresponding to model time 0 (default: DEFAULT_ORIGIN_EPOCH_MS). */
  originEpochMs?: number
  /** Overrides the scenario seed. */
  seed?: number
  /**
   * Generate traffic per storage period instead of per invocation, for long Monte-Carlo runs: for each
   * source and period a Poisson count (split exactly over the stretches between calls, schedule changes
   * and behaviour phases), binomial splits by alias weight and errors, and durations drawn straight
   * into a log-bucket histogram (percentiles within ±0.5%). Same distributions as the per-invocation
   * path, not the same draws. Each source and period has its own random stream, so the number of
   * invocations per period does not depend on when API calls happen.
   */
  aggregateTraffic?: boolean
}

type Json = Record<string, unknown>

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

const VERSION_RE = /^[0-9]+$/
const ALIAS_RE = /^(?!^[0-9]+$)[a-zA-Z0-9_-]+$/
const FN_NAME_RE = /^[a-zA-Z0-9_-]+$/
const QUALIFIER_RE = /^(\$LATEST|[a-zA-Z0-9_-]+)$/

function normalizeLatency(spec: LatencySpec | undefined): Latency {
  if (!spec) return { kind: 'lognormal', mu: Math.log(50), sigma: (Math.log(200) - Math.log(50)) / Z99 }
  if ('constantMs' in spec) return { kind: 'constant', ms: spec.constantMs }
  return {
    kind: 'lognormal',
    mu: Math.log(spec.medianMs),
    sigma: Math.max(0, (Math.log(spec.p99Ms) - Math.log(spec.medianMs)) / Z99)
  }
}

function normalizeBehavior(b: BehaviorSpec | undefined): Phase[] {
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

function phaseAt(phases: Phase[], t: number): Phase {
  for (let i = phases.length - 1; i > 0; i--) {
    const p = phases[i] as Phase
    if (p.at <= t) return p
  }
  return phases[0] as Phase
}

function sampleLatency(l: Latency, z: number): number {
  const ms = l.kind === 'constant' ? l.ms : Math.exp(l.mu + l.sigma * z)
  return Math.round(ms * 100) / 100
}

/** Java-style rendering of a double (as in AWS validation messages): 2 -> "2.0". */
function javaDouble(v: unknown): string {
  if (typeof v !== 'number') return String(v)
  if (Number.isInteger(v)) return v.toFixed(1)
  return String(v)
}

function fakeSha256(s: string): string {
  return createHash('sha256').update(s).digest('base64')
}

function lambdaTimestamp(ms: number): string {
  return new Date(ms).toISOString().replace('Z', '+0000')
}

function toEpochSeconds(v: number | string | Date | undefined, field: string): number {
  if (v === undefined) throw CloudWatchErrors.missingParameter(`The parameter ${field} is required.`)
  if (v instanceof Date) return v.getTime() / 1000
  if (typeof v === 'number') return v
  const n = Number(v)
  if (Number.isFinite(n)) return n
  const d = Date.parse(v)
  if (Number.isNaN(d)) throw CloudWatchErrors.invalidParameterValue(`The parameter ${field} must be a timestamp.`)
  return d / 1000
}

function decodeToken(token: string | undefined, what: 'lambda' | 'cloudwatch'): number {
  if (token === undefined || token === '') return 0
  const n = Number.parseInt(Buffer.from(token, 'base64url').toString('utf8').replace(/^o:/, ''), 10)
  if (!Number.isInteger(n) || n < 0) {
    throw what === 'lambda'
      ? LambdaErrors.invalidParameterValue('Invalid marker')
      : CloudWatchErrors.invalidNextToken('The service cannot process the NextToken.')
  }
  return n
}

function encodeToken(offset: number): string {
  return Buffer.from(`o:${offset}`, 'utf8').toString('base64url')
}

function contentKey(c: CodeConfig): string {
  return JSON.stringify([c.codeSha256, c.role, c.dlq, c.runtime, c.handler, c.memorySize, c.timeout, c.behaviorSpec, c.response])
}

// ---------------------------------------------------------------------------------------------
// The model
// ---------------------------------------------------------------------------------------------

export class SimModel {
  readonly scenario: Scenario
  readonly seed: number
  readonly originEpochMs: number
  readonly account: string
  readonly region: string
  readonly metrics: MetricStore

  /** Current model time, seconds since origin. */
  now = 0
  /** Incremented on every state change (alias writes, publishes, scripted events). */
  mutations = 0

  readonly aliasHistory: AliasHistoryEntry[] = []
  readonly eventLog: EventLogEntry[] = []

  private readonly functions = new Map<string, FunctionRecord>()
  private readonly sources: TrafficSource[] = []
  private readonly events: EventSpec[]
  private eventIdx = 0
  private readonly alarms: AlarmSpec[]
  private readonly faults: FaultSpec[]
  private readonly faultCounts: number[]
  private readonly faultRng: Rng
  private readonly invokeRng: Rng
  private readonly idRng: Rng
  private readonly seriesCache = new Map<string, Series[]>()
  private readonly mirrors = new Map<string, Mirror[]>()
  private readonly counters = new Map<string, Counter>()
  private readonly phaseCounters = new Map<string, PhaseCounter>()
  private readonly rounding: 'none' | 'aws'
  private readonly aggregate: boolean
  private readonly samplers = new WeakMap<Latency, LatencySampler>()

  constructor(scenario: Scenario, opts: ModelOptions = {}) {
    this.scenario = scenario
    this.seed = opts.seed ?? scenario.seed ?? 1
    this.originEpochMs = opts.originEpochMs ?? DEFAULT_ORIGIN_EPOCH_MS
    this.account = scenario.account ?? DEFAULT_ACCOUNT
    this.region = scenario.region ?? DEFAULT_REGION
    const m = scenario.metrics ?? {}
    this.aggregate = opts.aggregateTraffic ?? false
    this.metrics = new MetricStore({
      resolution: m.periodSeconds ?? 60,
      lag: makeLagFn(m.lagSeconds ?? 0, m.lagScope ?? 'period', this.seed),
      histograms: this.aggregate
    })
    this.rounding = m.startTimeRounding ?? 'none'
    this.faultRng = new Rng(this.seed, 'faults')
    this.invokeRng = new Rng(this.seed, 'invoke')
    this.idRng = new Rng(this.seed, 'ids')
    this.alarms = (scenario.alarms ?? []).map(a => ({
      ...a,
      transitions: [...(a.transitions ?? [])].sort((x, y) => x.at - y.at)
    }))
    this.faults = scenario.faults ?? []
    this.faultCounts = this.faults.map(() => 0)
    this.events = [...(scenario.events ?? [])].sort((a, b) => a.at - b.at)

    for (const f of scenario.functions) this.functions.set(f.name, this.buildFunction(f))
    for (const [i, t] of (scenario.traffic ?? []).entries()) {
      const fn = this.functions.get(t.function)
      if (!fn) throw new Error(`traffic[${i}]: unknown function ${t.function}`)
      const schedule = [{ at: 0, rate: t.ratePerSecond }]
      for (const s of [...(t.schedule ?? [])].sort((a, b) => a.at - b.at)) {
        if (s.at <= 0) (schedule[0] as { at: number; rate: number }).rate = s.ratePerSecond
        else schedule.push({ at: s.at, rate: s.ratePerSecond })
      }
      const rng = new Rng(this.seed, `traffic:${i}:${t.function}:${t.qualifier ?? ''}`)
      const first = schedule[0] as { at: number; rate: number }
      this.sources.push({
        index: i,
        fn,
        qualifier: t.qualifier,
        schedule,
        seg: 0,
        next: first.at + rng.exponential(first.rate),
        throttleRate: t.throttleRate ?? 0,
        rng,
        aggT: 0,
        aggBucket: Number.NaN,
        aggBucketEnd: Number.NEGATIVE_INFINITY,
        aggRng: undefined,
        aggNext: () => 0,
        aggLeft: 0,
        aggMass: 0
      })
    }
    for (const c of m.custom ?? []) {
      const series = this.metrics.getSeries({
        namespace: c.namespace,
        metricName: c.metricName,
        dimensions: c.dimensions ?? {},
        unit: c.unit ?? (c.source.metric === 'Duration' ? 'Milliseconds' : 'Count'),
        binary: c.source.metric !== 'Duration'
      })
      const list = this.mirrors.get(c.source.function) ?? []
      list.push({ qualifier: c.source.qualifier, metric: c.source.metric, series })
      this.mirrors.set(c.source.function, list)
    }
    this.advanceTo(0)
  }

  // ------------------------------------------------------------------------------- time

  /** Epoch ms of model time t (seconds). */
  epochMsAt(t: number): number {
    return this.originEpochMs + t * 1000
  }

  /** Model time (seconds) of an epoch-ms instant. */
  timeOfEpochMs(ms: number): number {
    return (ms - this.originEpochMs) / 1000
  }

  nowEpochSeconds(): number {
    return this.originEpochMs / 1000 + this.now
  }

  /** Move time forward to t (seconds since origin): generates traffic and applies scripted events. No-op if t <= now. */
  advanceTo(t: number): void {
    if (!(t >= this.now)) return
    while (this.eventIdx < this.events.length && (this.events[this.eventIdx] as EventSpec).at <= t) {
      const e = this.events[this.eventIdx] as EventSpec
      this.eventIdx++
      const at = Math.max(e.at, this.now)
      this.generateTraffic(at)
      this.now = at
      this.applyEvent(e)
    }
    this.generateTraffic(t)
    this.now = t
  }

  /** Advance by dt seconds. */
  advanceBy(dt: number): void {
    this.advanceTo(this.now + dt)
  }

  private generateTraffic(tEnd: number): void {
    if (this.aggregate) {
      this.generateAggregated(tEnd)
      return
    }
    for (const s of this.sources) {
      for (;;) {
        const nextSeg = s.schedule[s.seg + 1]
        const segEnd = nextSeg ? nextSeg.at : Infinity
        if (s.next < segEnd) {
          if (s.next >= tEnd) break
          const t = s.next
          this.emitArrival(s, t)
          s.next = t + s.rng.exponential((s.schedule[s.seg] as { rate: number }).rate)
          continue
        }
        if (!nextSeg || segEnd >= tEnd) break
        s.seg++
        s.next = segEnd + s.rng.exponential(nextSeg.rate)
      }
    }
  }

  private emitArrival(s: TrafficSource, t: number): void {
    const uThrottle = s.rng.next()
    const uRoute = s.rng.next()
    const uError = s.rng.next()
    const z = s.rng.normal()
    const target = this.resolveTarget(s.fn, s.qualifier)
    if (!target) return // alias deleted: requests fail before reaching Lambda metrics
    if (uThrottle < s.throttleRate) {
      this.recordThrottle(t, s.fn, target.resourceQualifier, s.qualifier)
      return
    }
    const executed = target.alias ? this.pickVersion(target.alias, uRoute) : target.version
    const ver = this.versionRecord(s.fn, executed)
    if (!ver) return
    const phase = phaseAt(ver.phases, t)
    const error = uError < phase.errorRate
    const duration = sampleLatency(phase.latency, z)
    this.recordInvocation(t, s.fn, target, executed, error, duration, s.qualifier, phase.index)
  }

  // ------------------------------------------------------------------------------- aggregated traffic

  private generateAggregated(tEnd: number): void {
    const res = this.metrics.resolution
    const originSec = this.originEpochMs / 1000
    for (const s of this.sources) {
      let t = s.aggT
      while (t < tEnd) {
        if (!(t < s.aggBucketEnd)) {
          // A new storage period: its own random stream, and its whole Poisson count drawn at once.
          let bucket = Math.floor((originSec + t) / res)
          if (bucket <= s.aggBucket) bucket = s.aggBucket + 1
          const rng = new Rng(this.seed, `traffic:${s.index}:period:${bucket}`)
          s.aggBucket = bucket
          s.aggBucketEnd = (bucket + 1) * res - originSec
          s.aggRng = rng
          s.aggNext = () => rng.next()
          s.aggMass = this.rateIntegral(s, t, s.aggBucketEnd)
          s.aggLeft = poisson(s.aggNext, s.aggMass)
        }
        const end = Math.min(tEnd, s.aggBucketEnd, this.nextBreak(s, t))
        // Given the period's count, arrivals are uniform over its rate mass: this stretch's share is binomial.
        const mass = this.rateIntegral(s, t, end)
        const n = mass >= s.aggMass || end === s.aggBucketEnd ? s.aggLeft : binomial(s.aggNext, s.aggLeft, mass / s.aggMass)
        s.aggLeft -= n
        s.aggMass = Math.max(0, s.aggMass - mass)
        if (n > 0) this.emitBatch(s, t, end, n)
        t = end
      }
      s.aggT = t
    }
  }

  /** ∫ rate dt over [a, b) of a source's schedule. */
  private rateIntegral(s: TrafficSource, a: number, b: number): number {
    let total = 0
    const sched = s.schedule
    for (let i = 0; i < sched.length; i++) {
      const seg = sched[i] as { at: number; rate: number }
      const from = Math.max(a, seg.at)
      const to = Math.min(b, i + 1 < sched.length ? (sched[i + 1] as { at: number }).at : Infinity)
      if (to > from) total += seg.rate * (to - from)
    }
    return total
  }

  /** The next time after t at which the source's rate or a version's behaviour changes. */
  private nextBreak(s: TrafficSource, t: number): number {
    let next = Infinity
    for (const seg of s.schedule) if (seg.at > t && seg.at < next) next = seg.at
    const scan = (phases: Phase[]) => {
      for (const p of phases) if (p.at > t && p.at < next) next = p.at
    }
    for (const v of s.fn.versions.values()) scan(v.phases)
    scan(s.fn.latest.phases)
    return next
  }

  /** n arrivals of a source in [a, b) (one storage period, constant rate and behaviour). */
  private emitBatch(s: TrafficSource, a: number, b: number, n: number): void {
    const next = s.aggNext
    const target = this.resolveTarget(s.fn, s.qualifier)
    if (!target) return
    let rest = n
    if (s.throttleRate > 0) {
      const throttled = binomial(next, n, s.throttleRate)
      if (throttled > 0) this.recordThrottles(a, s.fn, target.resourceQualifier, s.qualifier, throttled)
      rest -= throttled
    }
    if (rest <= 0) return
    if (!target.alias) {
      this.emitVersionBatch(s, a, b, target, target.version, rest)
      return
    }
    // The alias's weights, as pickVersion applies them: each additional version in order, the rest to the primary.
    let left = rest
    let pLeft = 1
    for (const [v, w] of Object.entries(target.alias.routing ?? {})) {
      const k = pLeft > 0 ? binomial(next, left, Math.min(1, w / pLeft)) : 0
      left -= k
      pLeft -= w
      if (k > 0) this.emitVersionBatch(s, a, b, target, v, k)
    }
    if (left > 0) this.emitVersionBatch(s, a, b, target, target.alias.functionVersion, left)
  }

  private emitVersionBatch(s: TrafficSource, a: number, b: number, target: Target, executed: string, k: number): void {
    const next = s.aggNext
    const ver = this.versionRecord(s.fn, executed)
    if (!ver) return
    const phase = phaseAt(ver.phases, a)
    const errors = binomial(next, k, phase.errorRate)
    const durations = this.samplerFor(phase.latency).sample(next, k)
    // The earliest of k arrivals uniform over [a, b).
    const firstAt = a + (b - a) * (1 - next() ** (1 / k))
    const epoch = this.originEpochMs / 1000 + a
    const fn = s.fn
    const resource = target.resourceQualifier ? `${fn.name}:${target.resourceQualifier}` : null
    const ev = target.alias ? executed : null
    const invocations: SampleBatch = { count: k, sum: k, min: 1, max: 1 }
    const errorBatch: SampleBatch = { count: k, sum: errors, min: errors < k ? 0 : 1, max: errors > 0 ? 1 : 0 }
    for (const x of this.seriesFor(fn.name, 'Invocations', resource, ev)) this.metrics.addBatch(x, epoch, invocations)
    for (const x of this.seriesFor(fn.name, 'Errors', resource, ev)) this.metrics.addBatch(x, epoch, errorBatch)
    for (const x of this.seriesFor(fn.name, 'Duration', resource, ev)) this.metrics.addBatch(x, epoch, durations)
    this.mirrorBatch(epoch, fn, s.qualifier, 'Invocations', invocations)
    this.mirrorBatch(epoch, fn, s.qualifier, 'Errors', errorBatch)
    this.mirrorBatch(epoch, fn, s.qualifier, 'Duration', durations)
    const c = this.counter(`${fn.name}|${target.resourceQualifier ?? '$LATEST'}|${executed}`)
    c.invocations += k
    c.errors += errors
    c.durationMsSum += durations.sum
    this.countPhase(fn.name, executed, phase.index, k, errors, firstAt)
  }

  private samplerFor(l: Latency): LatencySampler {
    let sampler = this.samplers.get(l)
    if (!sampler) {
      sampler = l.kind === 'constant' ? LatencySampler.constant(l.ms) : LatencySampler.lognormal(l.mu, l.sigma)
      this.samplers.set(l, sampler)
    }
    return sampler
  }

  private mirrorBatch(
    epoch: number,
    fn: FunctionRecord,
    invokedQualifier: string | undefined,
    metric: LambdaMetricName,
    batch: SampleBatch
  ) {
    const list = this.mirrors.get(fn.name)
    if (!list) return
    for (const m of list) {
      if (m.metric === metric && (m.qualifier === undefined || m.qualifier === invokedQualifier))
        this.metrics.addBatch(m.series, epoch, batch)
    }
  }

  private recordThrottles(
    t: number,
    fn: FunctionRecord,
    resourceQualifier: string | null,
    invokedQualifier: string | undefined,
    count: number
  ) {
    const epoch = this.originEpochMs / 1000 + t
    const resource = resourceQualifier ? `${fn.name}:${resourceQualifier}` : null
    const batch: SampleBatch = { count, sum: count, min: 1, max: 1 }
    for (const x of this.seriesFor(fn.name, 'Throttles', resource, null)) this.metrics.addBatch(x, epoch, batch)
    this.mirrorBatch(epoch, fn, invokedQualifier, 'Throttles', batch)
    this.counter(`${fn.name}|${resourceQualifier ?? '$LATEST'}|-`).throttles += count
  }

  private countPhase(fn: string, version: string, phase: number, invocations: number, errors: number, firstAt: number): void {
    const key = `${fn}|${version}|${phase}`
    let c = this.phaseCounters.get(key)
    if (!c) {
      c = { invocations: 0, errors: 0, firstAt: null }
      this.phaseCounters.set(key, c)
    }
    c.invocations += invocations
    c.errors += errors
    if (c.firstAt === null || firstAt < c.firstAt) c.firstAt = firstAt
  }

  // ------------------------------------------------------------------------------- building

  private newRevisionId(): string {
    return this.idRng.uuid()
  }

  private codeConfig(spec: CodeConfigSpec, fn: FunctionSpec, fallback?: CodeConfig): CodeConfig {
    const behaviorSpec = spec.behavior ?? fallback?.behaviorSpec ?? {}
    return {
      codeSha256: spec.codeSha256 ?? fallback?.codeSha256 ?? fakeSha256(fn.name),
      role: spec.role ?? fallback?.role ?? fn.role ?? `arn:aws:iam::${this.account}:role/${fn.name}-role`,
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

  private buildFunction(f: FunctionSpec): FunctionRecord {
    const arn = `arn:aws:lambda:${this.region}:${this.account}:function:${f.name}`
    const versions = new Map<string, VersionRecord>()
    const originMs = this.originEpochMs
    for (const v of [...f.versions].sort((a, b) => Number(a.version) - Number(b.version))) {
      const cfg = this.codeConfig({ ...v, codeSha256: v.codeSha256 ?? fakeSha256(`${f.name}:${v.version}`) }, f)
      versions.set(v.version, {
        ...cfg,
        version: v.version,
        state: v.state ?? 'Active',
        lastUpdateStatus: v.lastUpdateStatus ?? 'Successful',
        stateReason: undefined,
        revisionId: this.newRevisionId(),
        lastModifiedMs: originMs - 3_600_000
      })
    }
    const highest = [...versions.values()].pop()
    const latestCfg = f.latest ? this.codeConfig(f.latest, f, highest) : highest ? { ...highest } : this.codeConfig({}, f)
    const latest: VersionRecord = {
      ...latestCfg,
      version: '$LATEST',
      state: f.latest?.state ?? 'Active',
      lastUpdateStatus: f.latest?.lastUpdateStatus ?? 'Successful',
      stateReason: undefined,
      revisionId: this.newRevisionId(),
      lastModifiedMs: originMs - 3_600_000
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
        revisionId: this.newRevisionId()
      }
      fn.aliases.set(a.name, rec)
      this.aliasHistory.push({
        time: 0,
        function: f.name,
        alias: a.name,
        functionVersion: rec.functionVersion,
        routing,
        revisionId: rec.revisionId,
        source: 'initial'
      })
    }
    for (const pc of f.provisionedConcurrency ?? []) fn.provisioned.set(pc.qualifier, this.provisionedRecord(pc))
    return fn
  }

  private provisionedRecord(pc: ProvisionedConfigSpec): ProvisionedRecord {
    const status = pc.status ?? 'READY'
    return {
      requested: pc.requested,
      available: pc.available ?? (status === 'READY' ? pc.requested : 0),
      allocated: pc.allocated ?? (status === 'READY' ? pc.requested : 0),
      status,
      statusReason: pc.statusReason,
      lastModifiedMs: this.epochMsAt(this.now)
    }
  }

  // ------------------------------------------------------------------------------- events

  private applyEvent(e: EventSpec): void {
    try {
      const fn = this.functions.get(e.function)
      if (!fn) throw new Error(`unknown function ${e.function}`)
      switch (e.type) {
        case 'updateAlias': {
          const alias = fn.aliases.get(e.alias)
          if (!alias) throw new Error(`unknown alias ${e.alias}`)
          const primary = e.functionVersion ?? alias.functionVersion
          const routing = e.routing !== undefined ? (Object.keys(e.routing).length ? { ...e.routing } : null) : alias.routing
          this.checkVersionExists(fn, primary)
          if (routing) {
            this.validateWeightConstraints(routing)
            this.validateRouting(fn, primary, routing)
          }
          this.writeAlias(fn, alias, primary, routing, e.description ?? alias.description, 'event')
          break
        }
        case 'updateLatest': {
          const { at: _at, type: _type, function: _fn, state, lastUpdateStatus, ...code } = e
          const spec = this.scenario.functions.find(f => f.name === fn.name) as FunctionSpec
          const cfg = this.codeConfig(code, spec, fn.latest)
          fn.latest = {
            ...fn.latest,
            ...cfg,
            state: state ?? fn.latest.state,
            lastUpdateStatus: lastUpdateStatus ?? fn.latest.lastUpdateStatus,
            revisionId: this.newRevisionId(),
            lastModifiedMs: this.epochMsAt(this.now)
          }
          this.mutations++
          break
        }
        case 'setFunctionState': {
          const q = e.qualifier ?? '$LATEST'
          const ver = this.versionRecord(fn, q)
          if (!ver) throw new Error(`unknown version ${q}`)
          if (e.state) ver.state = e.state
          if (e.lastUpdateStatus) ver.lastUpdateStatus = e.lastUpdateStatus
          ver.stateReason = e.stateReason
          this.mutations++
          break
        }
        case 'setProvisionedConcurrency': {
          if (e.config) fn.provisioned.set(e.qualifier, this.provisionedRecord(e.config))
          else fn.provisioned.delete(e.qualifier)
          this.mutations++
          break
        }
      }
      this.eventLog.push({ time: this.now, type: e.type, ok: true })
    } catch (err) {
      this.eventLog.push({ time: this.now, type: e.type, ok: false, error: (err as Error).message })
    }
  }

  // ------------------------------------------------------------------------------- metrics recording

  private seriesFor(fn: string, metric: LambdaMetricName, resource: string | null, executedVersion: string | null): Series[] {
    const key = `${metric}|${fn}|${resource ?? ''}|${executedVersion ?? ''}`
    let list = this.seriesCache.get(key)
    if (list) return list
    const unit = metric === 'Duration' ? 'Milliseconds' : 'Count'
    const binary = metric !== 'Duration'
    const mk = (dimensions: Dimensions): Series =>
      this.metrics.getSeries({ namespace: 'AWS/Lambda', metricName: metric, dimensions, unit, binary } satisfies SeriesDef)
    list = [mk({}), mk({ FunctionName: fn })]
    if (resource) {
      list.push(mk({ FunctionName: fn, Resource: resource }))
      if (executedVersion) list.push(mk({ FunctionName: fn, Resource: resource, ExecutedVersion: executedVersion }))
    }
    this.seriesCache.set(key, list)
    return list
  }

  private counter(key: string): Counter {
    let c = this.counters.get(key)
    if (!c) {
      c = { invocations: 0, errors: 0, throttles: 0, durationMsSum: 0 }
      this.counters.set(key, c)
    }
    return c
  }

  private mirror(t: number, fn: FunctionRecord, invokedQualifier: string | undefined, metric: LambdaMetricName, value: number) {
    const list = this.mirrors.get(fn.name)
    if (!list) return
    const epoch = this.originEpochMs / 1000 + t
    for (const m of list) {
      if (m.metric === metric && (m.qualifier === undefined || m.qualifier === invokedQualifier)) {
        this.metrics.add(m.series, epoch, value)
      }
    }
  }

  private recordInvocation(
    t: number,
    fn: FunctionRecord,
    target: Target,
    executed: string,
    error: boolean,
    durationMs: number,
    invokedQualifier: string | undefined,
    phase: number
  ): void {
    const epoch = this.originEpochMs / 1000 + t
    const resource = target.resourceQualifier ? `${fn.name}:${target.resourceQualifier}` : null
    const ev = target.alias ? executed : null
    for (const s of this.seriesFor(fn.name, 'Invocations', resource, ev)) this.metrics.add(s, epoch, 1)
    for (const s of this.seriesFor(fn.name, 'Errors', resource, ev)) this.metrics.add(s, epoch, error ? 1 : 0)
    for (const s of this.seriesFor(fn.name, 'Duration', resource, ev)) this.metrics.add(s, epoch, durationMs)
    this.mirror(t, fn, invokedQualifier, 'Invocations', 1)
    this.mirror(t, fn, invokedQualifier, 'Errors', error ? 1 : 0)
    this.mirror(t, fn, invokedQualifier, 'Duration', durationMs)
    const c = this.counter(`${fn.name}|${target.resourceQualifier ?? '$LATEST'}|${executed}`)
    c.invocations++
    if (error) c.errors++
    c.durationMsSum += durationMs
    this.countPhase(fn.name, executed, phase, 1, error ? 1 : 0, t)
  }

  private recordThrottle(t: number, fn: FunctionRecord, resourceQualifier: string | null, invokedQualifier: string | undefined) {
    const epoch = this.originEpochMs / 1000 + t
    const resource = resourceQualifier ? `${fn.name}:${resourceQualifier}` : null
    for (const s of this.seriesFor(fn.name, 'Throttles', resource, null)) this.metrics.add(s, epoch, 1)
    this.mirror(t, fn, invokedQualifier, 'Throttles', 1)
    this.counter(`${fn.name}|${resourceQualifier ?? '$LATEST'}|-`).throttles++
  }

  // ------------------------------------------------------------------------------- lookups

  private versionRecord(fn: FunctionRecord, v: string): VersionRecord | undefined {
    return v === '$LATEST' ? fn.latest : fn.versions.get(v)
  }

  private pickVersion(alias: AliasRecord, u: number): string {
    if (alias.routing) {
      let acc = 0
      for (const [v, w] of Object.entries(alias.routing)) {
        acc += w
        if (u < acc) return v
      }
    }
    return alias.functionVersion
  }

  private resolveTarget(fn: FunctionRecord, qualifier: string | undefined): Target | undefined {
    if (qualifier === undefined || qualifier === '$LATEST') return { version: '$LATEST', alias: undefined, resourceQualifier: null }
    if (VERSION_RE.test(qualifier)) {
      return fn.versions.has(qualifier) ? { version: qualifier, alias: undefined, resourceQualifier: qualifier } : undefined
    }
    const alias = fn.aliases.get(qualifier)
    return alias ? { version: alias.functionVersion, alias, resourceQualifier: qualifier } : undefined
  }

  private notFound(fn: FunctionRecord | string, qualifier?: string): AwsError {
    const arn = typeof fn === 'string' ? `arn:aws:lambda:${this.region}:${this.account}:function:${fn}` : fn.arn
    return LambdaErrors.resourceNotFound(`Function not found: ${qualifier ? `${arn}:${qualifier}` : arn}`)
  }

  /** Parse name / partial ARN / full ARN (optionally qualified) into function + qualifier. */
  private resolveFn(nameOrArn: string | undefined, qualifierParam: string | undefined, allowQualifier: boolean) {
    if (nameOrArn === undefined || nameOrArn === '') {
      throw LambdaErrors.validation(
        "1 validation error detected: Value null at 'functionName' failed to satisfy constraint: Member must not be null"
      )
    }
    let name: string | undefined
    let derived: string | undefined
    let account: string | undefined
    let region: string | undefined
    const parts = nameOrArn.split(':')
    if (parts[0] === 'arn') {
      if (parts.length < 7 || parts.length > 8 || parts[2] !== 'lambda' || parts[5] !== 'function') name = undefined
      else {
        region = parts[3]
        account = parts[4]
        name = parts[6]
        derived = parts[7]
      }
    } else if (parts.length >= 3 && parts[1] === 'function' && /^\d{12}$/.test(parts[0] ?? '')) {
      account = parts[0]
      name = parts[2]
      derived = parts[3]
      if (parts.length > 4) name = undefined
    } else if (parts.length <= 2) {
      name = parts[0]
      derived = parts[1]
    }
    if (!name || !FN_NAME_RE.test(name) || (derived !== undefined && !QUALIFIER_RE.test(derived))) {
      throw LambdaErrors.validation(
        `1 validation error detected: Value '${nameOrArn}' at 'functionName' failed to satisfy constraint: Member must satisfy regular expression pattern: (arn:(aws[a-zA-Z-]*)?:lambda:)?([a-z]{2}(-gov)?-[a-z]+-\\d{1}:)?(\\d{12}:)?(function:)?([a-zA-Z0-9-_]+)(:(\\$LATEST|[a-zA-Z0-9-_]+))?`
      )
    }
    if ((account !== undefined && account !== this.account) || (region !== undefined && region !== this.region)) {
      throw LambdaErrors.resourceNotFound(`Function not found: ${nameOrArn}`)
    }
    if (derived !== undefined && qualifierParam !== undefined && derived !== qualifierParam) {
      throw LambdaErrors.invalidParameterValue('The derived qualifier from the function name does not match the specified qualifier.')
    }
    const qualifier = derived ?? qualifierParam
    if (!allowQualifier && derived !== undefined) {
      throw LambdaErrors.invalidParameterValue(
        `Qualified function name ${nameOrArn} is not accepted by this operation; pass the unqualified name or ARN.`
      )
    }
    const fn = this.functions.get(name)
    if (!fn) throw this.notFound(name)
    return { fn, qualifier }
  }

  /** Resolve a qualifier for read/invoke operations. */
  private resolveQualifier(
    fn: FunctionRecord,
    q: string | undefined
  ): { ver: VersionRecord; alias: AliasRecord | undefined; arnQualifier: string | null } {
    if (q === undefined) return { ver: fn.latest, alias: undefined, arnQualifier: null }
    if (q === '$LATEST') return { ver: fn.latest, alias: undefined, arnQualifier: '$LATEST' }
    if (!QUALIFIER_RE.test(q)) {
      throw LambdaErrors.validation(
        `1 validation error detected: Value '${q}' at 'qualifier' failed to satisfy constraint: Member must satisfy regular expression pattern: (|[a-zA-Z0-9$_-]+)`
      )
    }
    if (VERSION_RE.test(q)) {
      const ver = fn.versions.get(q)
      if (!ver) throw this.notFound(fn, q)
      return { ver, alias: undefined, arnQualifier: q }
    }
    const alias = fn.aliases.get(q)
    if (!alias) throw this.notFound(fn, q)
    const ver = this.versionRecord(fn, alias.functionVersion)
    if (!ver) throw this.notFound(fn, alias.functionVersion)
    return { ver, alias, arnQualifier: q }
  }

  private checkVersionExists(fn: FunctionRecord, v: string): void {
    if (v === '$LATEST') return
    if (!fn.versions.has(v)) throw this.notFound(fn, v)
  }

  // ------------------------------------------------------------------------------- output shapes

  private configOut(fn: FunctionRecord, ver: VersionRecord, arnQualifier: string | null): Json {
    const out: Json = {
      FunctionName: fn.name,
      FunctionArn: arnQualifier ? `${fn.arn}:${arnQualifier}` : fn.arn,
      Runtime: ver.runtime,
      Role: ver.role,
      Handler: ver.handler,
      CodeSize: 1024,
      Description: ver.description,
      Timeout: ver.timeout,
      MemorySize: ver.memorySize,
      LastModified: lambdaTimestamp(ver.lastModifiedMs),
      CodeSha256: ver.codeSha256,
      Version: ver.version,
      TracingConfig: { Mode: 'PassThrough' },
      RevisionId: ver.revisionId,
      State: ver.state,
      LastUpdateStatus: ver.lastUpdateStatus,
      PackageType: 'Zip',
      Architectures: ['x86_64'],
      EphemeralStorage: { Size: 512 },
      SnapStart: { ApplyOn: 'None', OptimizationStatus: 'Off' },
      LoggingConfig: { LogFormat: 'Text', LogGroup: `/aws/lambda/${fn.name}` }
    }
    if (ver.dlq) out.DeadLetterConfig = { TargetArn: ver.dlq }
    if (ver.stateReason) out.StateReason = ver.stateReason
    if (ver.state === 'Pending') {
      out.StateReason ??= 'The function is being created.'
      out.StateReasonCode = 'Creating'
    }
    if (ver.lastUpdateStatus === 'InProgress') {
      out.LastUpdateStatusReason = 'The function is being updated.'
      out.LastUpdateStatusReasonCode = 'Updating'
    }
    return out
  }

  private aliasArn(fn: FunctionRecord, name: string): string {
    return `${fn.arn}:${name}`
  }

  private aliasOut(fn: FunctionRecord, a: AliasRecord): Json {
    const out: Json = {
      AliasArn: this.aliasArn(fn, a.name),
      Name: a.name,
      FunctionVersion: a.functionVersion,
      Description: a.description,
      RevisionId: a.revisionId
    }
    if (a.routing) out.RoutingConfig = { AdditionalVersionWeights: { ...a.routing } }
    return out
  }

  // ------------------------------------------------------------------------------- Lambda operations

  getFunctionConfiguration(input: FunctionRefInput): Json {
    const { fn, qualifier } = this.resolveFn(input.FunctionName, input.Qualifier, true)
    const { ver, arnQualifier } = this.resolveQualifier(fn, qualifier)
    return this.configOut(fn, ver, arnQualifier)
  }

  getFunction(input: FunctionRefInput): Json {
    const { fn, qualifier } = this.resolveFn(input.FunctionName, input.Qualifier, true)
    const { ver, arnQualifier } = this.resolveQualifier(fn, qualifier)
    return {
      Configuration: this.configOut(fn, ver, arnQualifier),
      Code: {
        RepositoryType: 'S3',
        Location: `https://awslambda-${this.region}-tasks.s3.${this.region}.amazonaws.com/snapshots/${this.account}/${fn.name}-${ver.codeSha256.slice(0, 8)}`
      },
      Tags: {}
    }
  }

  listVersionsByFunction(input: ListInput): Json {
    const { fn } = this.resolveFn(input.FunctionName, undefined, false)
    const all = [this.configOut(fn, fn.latest, '$LATEST')]
    for (const v of [...fn.versions.values()].sort((a, b) => Number(a.version) - Number(b.version))) {
      all.push(this.configOut(fn, v, v.version))
    }
    const { page, next } = this.paginate(all, input.Marker, input.MaxItems)
    const out: Json = { Versions: page }
    if (next) out.NextMarker = next
    return out
  }

  publishVersion(input: PublishVersionInput): Json {
    const { fn } = this.resolveFn(input.FunctionName, undefined, false)
    const latest = fn.latest
    if (latest.lastUpdateStatus === 'InProgress') {
      throw LambdaErrors.resourceConflict(
        `The operation cannot be performed at this time. An update is in progress for resource: ${fn.arn}`
      )
    }
    if (input.RevisionId !== undefined && input.RevisionId !== latest.revisionId) {
      throw LambdaErrors.preconditionFailed(
        'The Revision Id provided does not match the latest Revision Id. Call the GetFunction/GetAlias API to retrieve the latest Revision Id'
      )
    }
    if (input.CodeSha256 !== undefined && input.CodeSha256 !== latest.codeSha256) {
      throw LambdaErrors.invalidParameterValue(
        `CodeSHA256 (${input.CodeSha256}) is different from current CodeSHA256 in $LATEST (${latest.codeSha256}). Please try again with the CodeSHA256 in $LATEST.`
      )
    }
    const last = [...fn.versions.values()].sort((a, b) => Number(a.version) - Number(b.version)).pop()
    if (last && contentKey(last) === contentKey(latest)) {
      // Nothing changed since the last publish: AWS returns the existing version.
      return this.configOut(fn, last, last.version)
    }
    const version = String(fn.nextVersion++)
    const rec: VersionRecord = {
      ...latest,
      version,
      description: input.Description ?? latest.description,
      state: 'Active',
      lastUpdateStatus: 'Successful',
      stateReason: undefined,
      revisionId: this.newRevisionId(),
      lastModifiedMs: this.epochMsAt(this.now)
    }
    fn.versions.set(version, rec)
    this.mutations++
    return this.configOut(fn, rec, version)
  }

  getAlias(input: AliasRefInput): Json {
    const { fn } = this.resolveFn(input.FunctionName, undefined, false)
    const name = this.requireAliasName(input.Name)
    const a = fn.aliases.get(name)
    if (!a) throw LambdaErrors.resourceNotFound(`Cannot find alias arn: ${this.aliasArn(fn, name)}`)
    return this.aliasOut(fn, a)
  }

  listAliases(input: ListInput): Json {
    const { fn } = this.resolveFn(input.FunctionName, undefined, false)
    const all = [...fn.aliases.values()]
      .filter(a => input.FunctionVersion === undefined || a.functionVersion === input.FunctionVersion)
      .sort((a, b) => (a.name < b.name ? -1 : 1))
      .map(a => this.aliasOut(fn, a))
    const { page, next } = this.paginate(all, input.Marker, input.MaxItems)
    const out: Json = { Aliases: page }
    if (next) out.NextMarker = next
    return out
  }

  createAlias(input: CreateAliasInput): Json {
    const name = input.Name
    if (name === undefined || !ALIAS_RE.test(name) || name.length > 128) {
      throw LambdaErrors.validation(
        `1 validation error detected: Value '${name ?? 'null'}' at 'name' failed to satisfy constraint: Member must satisfy regular expression pattern: (?!^[0-9]+$)([a-zA-Z0-9-_]+)`
      )
    }
    const primary = this.requireFunctionVersion(input.FunctionVersion)
    const routing = this.routingFromInput(input.RoutingConfig)
    const { fn } = this.resolveFn(input.FunctionName, undefined, false)
    this.checkVersionExists(fn, primary)
    const existing = fn.aliases.get(name)
    if (existing) throw LambdaErrors.resourceConflict(`Alias already exists: ${this.aliasArn(fn, name)}`)
    const effective = routing && Object.keys(routing).length ? routing : null
    if (effective) this.validateRouting(fn, primary, effective)
    const rec: AliasRecord = { name, functionVersion: primary, description: input.Description ?? '', routing: null, revisionId: '' }
    fn.aliases.set(name, rec)
    this.writeAlias(fn, rec, primary, effective, rec.description, 'api')
    return this.aliasOut(fn, rec)
  }

  updateAlias(input: UpdateAliasInput): Json {
    const primaryIn = input.FunctionVersion === undefined ? undefined : this.requireFunctionVersion(input.FunctionVersion)
    const routingIn = this.routingFromInput(input.RoutingConfig)
    const { fn } = this.resolveFn(input.FunctionName, undefined, false)
    const name = this.requireAliasName(input.Name)
    const alias = fn.aliases.get(name)
    if (!alias) throw LambdaErrors.resourceNotFound(`Alias not found: ${this.aliasArn(fn, name)}`)
    if (input.RevisionId !== undefined && input.RevisionId !== alias.revisionId) {
      throw LambdaErrors.preconditionFailed(
        'The Revision Id provided does not match the latest Revision Id. Call the GetFunction/GetAlias API to retrieve the latest Revision Id'
      )
    }
    const primary = primaryIn ?? alias.functionVersion
    this.checkVersionExists(fn, primary)
    let routing = alias.routing
    if (input.RoutingConfig !== undefined) routing = routingIn && Object.keys(routingIn).length ? routingIn : null
    if (routing) this.validateRouting(fn, primary, routing)
    this.writeAlias(fn, alias, primary, routing, input.Description ?? alias.description, 'api')
    return this.aliasOut(fn, alias)
  }

  deleteAlias(input: AliasRefInput): void {
    const { fn } = this.resolveFn(input.FunctionName, undefined, false)
    const name = this.requireAliasName(input.Name)
    if (fn.aliases.delete(name)) {
      fn.provisioned.delete(name)
      this.mutations++
    }
  }

  invoke(input: InvokeInput): InvokeOutput {
    const { fn, qualifier } = this.resolveFn(input.FunctionName, input.Qualifier, true)
    const { ver: primaryVer, alias } = this.resolveQualifier(fn, qualifier)
    const type = input.InvocationType ?? 'RequestResponse'
    if (type !== 'RequestResponse' && type !== 'Event' && type !== 'DryRun') {
      throw LambdaErrors.invalidParameterValue(`Unsupported invocation type ${type}`)
    }
    if (primaryVer.state === 'Pending') {
      throw LambdaErrors.resourceConflict(
        'The operation cannot be performed at this time. The function is currently in the following state: Pending'
      )
    }
    const uRoute = this.invokeRng.next()
    const uError = this.invokeRng.next()
    const z = this.invokeRng.normal()
    const executed = alias ? this.pickVersion(alias, uRoute) : primaryVer.version
    if (type === 'DryRun') {
      return { StatusCode: 204, ExecutedVersion: executed, FunctionError: undefined, LogResult: undefined, Payload: '' }
    }
    const ver = this.versionRecord(fn, executed) as VersionRecord
    const phase = phaseAt(ver.phases, this.now)
    const error = uError < phase.errorRate
    const duration = sampleLatency(phase.latency, z)
    const target: Target = {
      version: primaryVer.version,
      alias,
      resourceQualifier: qualifier === undefined || qualifier === '$LATEST' ? null : qualifier
    }
    this.recordInvocation(this.now, fn, target, executed, error, duration, qualifier, phase.index)
    const payload = error
      ? JSON.stringify({
          errorType: ver.response.error?.errorType ?? 'Error',
          errorMessage: ver.response.error?.errorMessage ?? `Simulated failure in ${fn.name} version ${executed}`,
          trace: []
        })
      : JSON.stringify(ver.response.payload ?? { statusCode: 200, body: JSON.stringify({ version: executed }) })
    const log = `START RequestId: ${this.invokeRng.uuid()} Version: ${executed}\nEND\nREPORT Duration: ${duration} ms\n`
    return {
      StatusCode: type === 'Event' ? 202 : 200,
      ExecutedVersion: executed,
      FunctionError: error && type === 'RequestResponse' ? 'Unhandled' : undefined,
      LogResult: input.LogType === 'Tail' && type === 'RequestResponse' ? Buffer.from(log).toString('base64') : undefined,
      Payload: type === 'Event' ? '' : payload
    }
  }

  getProvisionedConcurrencyConfig(input: FunctionRefInput): Json {
    if (input.Qualifier === undefined) {
      throw LambdaErrors.validation(
        "1 validation error detected: Value null at 'qualifier' failed to satisfy constraint: Member must not be null"
      )
    }
    if (input.Qualifier === '$LATEST') {
      throw LambdaErrors.invalidParameterValue('The function resource provided must be an alias or a published version.')
    }
    const { fn, qualifier } = this.resolveFn(input.FunctionName, input.Qualifier, true)
    this.resolveQualifier(fn, qualifier)
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

  // ------------------------------------------------------------------------------- alias validation

  private requireAliasName(name: string | undefined): string {
    if (name === undefined || name === '') {
      throw LambdaErrors.validation(
        "1 validation error detected: Value null at 'name' failed to satisfy constraint: Member must not be null"
      )
    }
    return name
  }

  private requireFunctionVersion(v: string | undefined): string {
    if (v === undefined || !/^(\$LATEST|[0-9]+)$/.test(v)) {
      throw LambdaErrors.validation(
        `1 validation error detected: Value '${v ?? 'null'}' at 'functionVersion' failed to satisfy constraint: Member must satisfy regular expression pattern: (\\$LATEST|[0-9]+)`
      )
    }
    return v
  }

  /** Constraint validation of AdditionalVersionWeights (ValidationException, as AWS does before anything else). */
  private routingFromInput(rc: RoutingConfigInput | undefined): Record<string, number> | null {
    if (rc === undefined || rc === null) return null
    const raw = rc.AdditionalVersionWeights
    if (raw === undefined || raw === null) return {}
    const weights: Record<string, number> = {}
    for (const [k, v] of Object.entries(raw)) weights[k] = v as number
    this.validateWeightConstraints(weights)
    return weights
  }

  private validateWeightConstraints(weights: Record<string, unknown>): void {
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
  private validateRouting(fn: FunctionRecord, primary: string, routing: Record<string, number>): void {
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
      const p = this.versionRecord(fn, primary)
      const r = fn.versions.get(v)
      if (!r) throw this.notFound(fn, v)
      if (!p) throw this.notFound(fn, primary)
      if (p.role !== r.role) {
        throw LambdaErrors.invalidParameterValue('Specified versions must be associated with the same execution role')
      }
      if ((p.dlq ?? null) !== (r.dlq ?? null)) {
        throw LambdaErrors.invalidParameterValue('Specified versions must have the same dead-letter queue configuration')
      }
    }
  }

  private writeAlias(
    fn: FunctionRecord,
    alias: AliasRecord,
    primary: string,
    routing: Record<string, number> | null,
    description: string,
    source: 'api' | 'event'
  ): void {
    alias.functionVersion = primary
    alias.routing = routing ? { ...routing } : null
    alias.description = description
    alias.revisionId = this.newRevisionId()
    this.mutations++
    this.aliasHistory.push({
      time: this.now,
      function: fn.name,
      alias: alias.name,
      functionVersion: primary,
      routing: alias.routing,
      revisionId: alias.revisionId,
      source
    })
  }

  private paginate<T>(items: T[], marker: string | undefined, maxItems: number | undefined): { page: T[]; next: string | undefined } {
    if (maxItems !== undefined && (!Number.isInteger(maxItems) || maxItems < 1 || maxItems > 10000)) {
      throw LambdaErrors.validation(
        `1 validation error detected: Value '${maxItems}' at 'maxItems' failed to satisfy constraint: Member must have value between 1 and 10000`
      )
    }
    const start = decodeToken(marker, 'lambda')
    const size = maxItems ?? 50
    const page = items.slice(start, start + size)
    return { page, next: start + size < items.length ? encodeToken(start + size) : undefined }
  }

  // ------------------------------------------------------------------------------- CloudWatch operations

  getMetricData(input: GetMetricDataInput): Json {
    const queries = input.MetricDataQueries
    if (!queries || queries.length === 0) {
      throw CloudWatchErrors.missingParameter('The parameter MetricDataQueries is required.')
    }
    if (queries.length > 500) throw CloudWatchErrors.validation('The collection MetricDataQueries must not have a size greater than 500.')
    const start = toEpochSeconds(input.StartTime, 'StartTime')
    const end = toEpochSeconds(input.EndTime, 'EndTime')
    if (!(start < end)) throw CloudWatchErrors.validation('The parameter StartTime must be less than the parameter EndTime.')
    const scanBy = input.ScanBy ?? 'TimestampDescending'
    if (scanBy !== 'TimestampDescending' && scanBy !== 'TimestampAscending') {
      throw CloudWatchErrors.validation(`The value ${scanBy} for parameter ScanBy is not valid.`)
    }
    const ids = new Set<string>()
    const nowSec = this.nowEpochSeconds()
    /** Ascending series per query id (MetricStat results, then evaluated expressions). */
    const computed = new Map<string, { timestamps: number[]; values: number[] }>()
    const expressions = new Map<string, string>()
    for (const [i, q] of queries.entries()) {
      const at = `MetricDataQueries.member.${i + 1}`
      if (!q.Id || !/^[a-z][a-zA-Z0-9_]*$/.test(q.Id)) {
        throw CloudWatchErrors.validation(`The value ${q.Id ?? 'null'} for parameter ${at}.Id is not valid.`)
      }
      if (ids.has(q.Id)) throw CloudWatchErrors.validation('The values for parameter id in MetricDataQueries are not unique.')
      ids.add(q.Id)
      if ((q.MetricStat === undefined) === (q.Expression === undefined)) {
        throw CloudWatchErrors.validation(`Exactly one element of the MetricStat or the Expression must be specified in ${at}.`)
      }
      if (q.Expression !== undefined) {
        expressions.set(q.Id, q.Expression)
        continue
      }
      const ms = q.MetricStat as MetricStatInput
      const ns = ms.Metric?.Namespace
      const mn = ms.Metric?.MetricName
      if (!ns || !mn)
        throw CloudWatchErrors.missingParameter(`The parameters ${at}.MetricStat.Metric.Namespace and MetricName are required.`)
      const period = ms.Period
      if (period === undefined || !Number.isInteger(period) || period < 1) {
        throw CloudWatchErrors.validation(`The value ${period ?? 'null'} for parameter ${at}.MetricStat.Period is not valid.`)
      }
      const stat = ms.Stat
      if (!stat || !parseStat(stat)) {
        throw CloudWatchErrors.validation(
          `The value ${stat ?? 'null'} for parameter ${at}.MetricStat.Stat is not supported by the simulator (Sum, SampleCount, Average, Minimum, Maximum, pNN[.N]).`
        )
      }
      const dims: Dimensions = {}
      for (const d of ms.Metric?.Dimensions ?? []) {
        if (!d.Name || d.Value === undefined) throw CloudWatchErrors.missingParameter(`Dimension Name and Value are required in ${at}.`)
        if (d.Name in dims) throw CloudWatchErrors.invalidParameterValue(`The dimension ${d.Name} is specified more than once in ${at}.`)
        dims[d.Name] = d.Value
      }
      computed.set(
        q.Id,
        this.metrics.query(
          { namespace: ns, metricName: mn, dimensions: dims, period, stat, ...(ms.Unit !== undefined ? { unit: ms.Unit } : {}) },
          { start: this.alignStart(start, period), end, now: nowSec }
        )
      )
    }
    // Metric math (+ - * / over ids), evaluated lazily with cycle detection.
    const evaluating = new Set<string>()
    const seriesOf = (id: string): Map<number, number> => {
      let r = computed.get(id)
      if (!r) {
        const src = expressions.get(id)
        if (src === undefined) throw CloudWatchErrors.validation(`Expression references unknown query id ${id}.`)
        if (evaluating.has(id)) throw CloudWatchErrors.validation(`Circular reference in expression ${id}.`)
        evaluating.add(id)
        let v: ExprValue
        try {
          v = evaluateExpression(src, seriesOf)
        } catch (e) {
          if (e instanceof ExpressionError) throw CloudWatchErrors.validation(`Error in expression ${id}: ${e.message}`)
          throw e
        }
        evaluating.delete(id)
        const entries = typeof v === 'number' ? [] : [...v.entries()].sort((a, b) => a[0] - b[0])
        r = { timestamps: entries.map(e => e[0]), values: entries.map(e => e[1]) }
        computed.set(id, r)
      }
      const m = new Map<number, number>()
      for (const [i, t] of r.timestamps.entries()) m.set(t, r.values[i] as number)
      return m
    }
    for (const id of expressions.keys()) seriesOf(id)
    const results: Array<{ Id: string; Label: string; Timestamps: number[]; Values: number[] }> = []
    for (const q of queries) {
      if (q.ReturnData === false) continue
      const id = q.Id as string
      const r = computed.get(id) as { timestamps: number[]; values: number[] }
      const timestamps = [...r.timestamps]
      const values = [...r.values]
      if (scanBy === 'TimestampDescending') {
        timestamps.reverse()
        values.reverse()
      }
      results.push({ Id: id, Label: q.Label ?? q.MetricStat?.Metric?.MetricName ?? id, Timestamps: timestamps, Values: values })
    }
    // Pagination over the datapoints of all results, in order.
    const max = input.MaxDatapoints ?? 100_800
    if (!Number.isInteger(max) || max < 1) throw CloudWatchErrors.validation('The parameter MaxDatapoints must be a positive integer.')
    let skip = decodeToken(input.NextToken, 'cloudwatch')
    let budget = max
    let consumed = skip
    let truncated = false
    const out = results.map(r => {
      const n = r.Timestamps.length
      const from = Math.min(skip, n)
      skip -= from
      const take = Math.min(n - from, budget)
      budget -= take
      consumed += take
      const partial = from + take < n
      if (partial) truncated = true
      return {
        Id: r.Id,
        Label: r.Label,
        Timestamps: r.Timestamps.slice(from, from + take),
        Values: r.Values.slice(from, from + take),
        StatusCode: partial ? 'PartialData' : 'Complete',
        Messages: []
      }
    })
    const response: Json = { MetricDataResults: out, Messages: [] }
    if (truncated) response.NextToken = encodeToken(consumed)
    return response
  }

  /** StartTime alignment: floor to the storage period, or CloudWatch's documented rounding. */
  private alignStart(start: number, period: number): number {
    const res = this.metrics.resolution
    let unit = res
    if (this.rounding === 'aws') {
      if (period % 60 === 0) unit = 60
      else if ([5, 10, 20, 30].includes(period)) unit = period
      else unit = 1
      unit = Math.max(unit, res)
    }
    return Math.floor(start / unit + 1e-9) * unit
  }

  /** Alarm state at model time t. */
  alarmStateAt(a: AlarmSpec, t: number): { state: AlarmStateValue; since: number; reason: string } {
    let state: AlarmStateValue = a.initialState ?? 'OK'
    let since = 0
    let reason = 'Initial state (scenario).'
    for (const tr of a.transitions ?? []) {
      if (tr.at > t) break
      if (tr.state !== state) since = tr.at
      state = tr.state
      reason = tr.reason ?? `Scripted transition to ${tr.state} at t=${tr.at}s (scenario).`
    }
    return { state, since, reason }
  }

  describeAlarms(input: DescribeAlarmsInput): Json {
    if (input.AlarmNames && input.AlarmNamePrefix !== undefined) {
      throw CloudWatchErrors.invalidParameterCombination('AlarmNames and AlarmNamePrefix cannot be specified together.')
    }
    if (input.AlarmNames && input.AlarmNames.length > 100) {
      throw CloudWatchErrors.validation('The collection AlarmNames must not have a size greater than 100.')
    }
    if (input.StateValue !== undefined && !['OK', 'ALARM', 'INSUFFICIENT_DATA'].includes(input.StateValue)) {
      throw CloudWatchErrors.validation(`The value ${input.StateValue} for parameter StateValue is not valid.`)
    }
    const types = input.AlarmTypes ?? ['MetricAlarm']
    for (const t of types) {
      if (t !== 'MetricAlarm' && t !== 'CompositeAlarm')
        throw CloudWatchErrors.validation(`The value ${t} for parameter AlarmTypes is not valid.`)
    }
    const max = input.MaxRecords ?? 50
    if (!Number.isInteger(max) || max < 1 || max > 100)
      throw CloudWatchErrors.validation('The parameter MaxRecords must be between 1 and 100.')
    const prefixEpoch = this.originEpochMs / 1000
    const matches = this.alarms
      .filter(a => (input.AlarmNames ? input.AlarmNames.includes(a.name) : true))
      .filter(a => (input.AlarmNamePrefix !== undefined ? a.name.startsWith(input.AlarmNamePrefix) : true))
      .filter(a => types.includes((a.type ?? 'metric') === 'metric' ? 'MetricAlarm' : 'CompositeAlarm'))
      .map(a => ({ a, st: this.alarmStateAt(a, this.now) }))
      .filter(({ st }) => input.StateValue === undefined || st.state === input.StateValue)
      .sort((x, y) => (x.a.name < y.a.name ? -1 : 1))
    const from = decodeToken(input.NextToken, 'cloudwatch')
    const page = matches.slice(from, from + max)
    const metricAlarms: Json[] = []
    const compositeAlarms: Json[] = []
    for (const { a, st } of page) {
      const common: Json = {
        AlarmName: a.name,
        AlarmArn: `arn:aws:cloudwatch:${this.region}:${this.account}:alarm:${a.name}`,
        ActionsEnabled: true,
        OKActions: [],
        AlarmActions: [],
        InsufficientDataActions: [],
        StateValue: st.state,
        StateReason: st.reason,
        StateUpdatedTimestamp: prefixEpoch + st.since,
        StateTransitionedTimestamp: prefixEpoch + st.since,
        AlarmConfigurationUpdatedTimestamp: prefixEpoch - 3600
      }
      if (a.description !== undefined) common.AlarmDescription = a.description
      if ((a.type ?? 'metric') === 'composite') {
        compositeAlarms.push({ ...common, AlarmRule: a.alarmRule ?? 'FALSE' })
      } else {
        const m = a.metric ?? {}
        metricAlarms.push({
          ...common,
          MetricName: m.metricName ?? 'Errors',
          Namespace: m.namespace ?? 'AWS/Lambda',
          Statistic: m.statistic ?? 'Sum',
          Dimensions: Object.entries(m.dimensions ?? {}).map(([Name, Value]) => ({ Name, Value })),
          Period: m.period ?? 60,
          EvaluationPeriods: m.evaluationPeriods ?? 1,
          Threshold: m.threshold ?? 1,
          ComparisonOperator: m.comparisonOperator ?? 'GreaterThanOrEqualToThreshold',
          TreatMissingData: 'missing'
        })
      }
    }
    const out: Json = { MetricAlarms: metricAlarms, CompositeAlarms: compositeAlarms }
    if (from + max < matches.length) out.NextToken = encodeToken(from + max)
    return out
  }

  // ------------------------------------------------------------------------------- faults

  /** Decide whether a scripted API fault hits this call (consumes fault randomness only for matching faults). */
  decideFault(service: 'lambda' | 'cloudwatch', operation: string): FaultDecision | null {
    for (const [i, f] of this.faults.entries()) {
      if (f.service && f.service !== 'any' && f.service !== service) continue
      const ops = f.operations ?? ['*']
      if (!ops.includes('*') && !ops.includes(operation)) continue
      if (f.windows && !f.windows.some(w => this.now >= w.from && this.now < w.to)) continue
      if (f.maxCount !== undefined && (this.faultCounts[i] as number) >= f.maxCount) continue
      if (this.faultRng.next() >= (f.probability ?? 1)) continue
      this.faultCounts[i] = (this.faultCounts[i] as number) + 1
      const error =
        service === 'lambda'
          ? f.type === 'throttle'
            ? LambdaErrors.tooManyRequests()
            : LambdaErrors.service(undefined, f.status ?? 500)
          : f.type === 'throttle'
            ? CloudWatchErrors.throttling()
            : CloudWatchErrors.internal(undefined, f.status ?? 500)
      return { fault: f, error, afterCommit: f.afterCommit ?? false }
    }
    return null
  }

  // ------------------------------------------------------------------------------- inspection

  /** Invocation counters: key "function|qualifierInvoked|executedVersion" ("-" for throttles). */
  stats(): Record<string, Counter> {
    return Object.fromEntries([...this.counters.entries()].map(([k, v]) => [k, { ...v }]))
  }

  /** Totals per executed version of a function (all entry points). */
  versionTotals(fnName: string): Record<string, Counter> {
    const out: Record<string, Counter> = {}
    for (const [k, c] of this.counters) {
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

  /**
   * What a version served in each phase of its behaviour (base behaviour first), through every entry
   * point — e.g. how many invocations a version served after it turned bad, and when the first was.
   */
  phaseTotals(fnName: string, version: string): PhaseTotal[] {
    const fn = this.functions.get(fnName)
    const ver = fn ? this.versionRecord(fn, version) : undefined
    if (!ver) return []
    return ver.phases.map(p => {
      const c = this.phaseCounters.get(`${fnName}|${version}|${p.index}`)
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

  /** Current alias state (for tests/benchmarks that skip HTTP). */
  alias(
    fnName: string,
    aliasName: string
  ): { functionVersion: string; routing: Record<string, number> | null; revisionId: string } | undefined {
    const a = this.functions.get(fnName)?.aliases.get(aliasName)
    return a ? { functionVersion: a.functionVersion, routing: a.routing ? { ...a.routing } : null, revisionId: a.revisionId } : undefined
  }

  /** JSON-able snapshot of the whole state (served at GET /_sim/state). */
  snapshot(): Json {
    const functions = [...this.functions.values()].map(fn => ({
      name: fn.name,
      arn: fn.arn,
      latest: this.versionSnapshot(fn.latest),
      versions: [...fn.versions.values()].map(v => this.versionSnapshot(v)),
      aliases: [...fn.aliases.values()].map(a => ({
        name: a.name,
        functionVersion: a.functionVersion,
        routing: a.routing,
        description: a.description,
        revisionId: a.revisionId
      })),
      provisionedConcurrency: Object.fromEntries(fn.provisioned.entries()),
      totals: this.versionTotals(fn.name)
    }))
    return {
      scenario: this.scenario.name ?? null,
      seed: this.seed,
      time: this.now,
      epochMs: this.epochMsAt(this.now),
      originEpochMs: this.originEpochMs,
      functions,
      alarms: this.alarms.map(a => ({ name: a.name, ...this.alarmStateAt(a, this.now) })),
      aliasHistory: this.aliasHistory,
      events: this.eventLog,
      counters: this.stats(),
      metricSeries: this.metrics.allSeries().length
    }
  }

  private versionSnapshot(v: VersionRecord): Json {
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
}

interface Target {
  version: string
  alias: AliasRecord | undefined
  resourceQualifier: string | null
}
