/**
 * The simulator's store: the functions with their versions and aliases, the metric store, the alarms, and
 * the model's clock, shared by the Lambda and CloudWatch operations, the traffic and the scripted events.
 */
import type { FunctionRecord } from './lambda/records.js'
import { makeLagFn, MetricStore } from './cloudwatch/metric-store.js'
import { Rng } from './rng.js'
import type { AlarmSpec, Scenario } from './scenario.js'

export const DEFAULT_ACCOUNT = '123456789012'
export const DEFAULT_REGION = 'us-east-1'
/** Default origin for virtual time: a fixed, minute-aligned instant. */
export const DEFAULT_ORIGIN_EPOCH_MS = 1_700_000_040_000

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

export class SimState {
  readonly scenario: Scenario
  readonly seed: number
  readonly originEpochMs: number
  readonly account: string
  readonly region: string
  readonly metrics: MetricStore
  /** StartTime alignment of GetMetricData: the storage period, or CloudWatch's documented rounding. */
  readonly startTimeRounding: 'none' | 'aws'
  /** The scenario's alarms, transitions in time order. */
  readonly alarms: AlarmSpec[]

  /** Current model time, seconds since origin. */
  now = 0
  /** Incremented on every state change (alias writes, publishes, scripted events). */
  mutations = 0

  readonly functions = new Map<string, FunctionRecord>()
  readonly aliasHistory: AliasHistoryEntry[] = []
  readonly eventLog: EventLogEntry[] = []
  private readonly idRng: Rng

  constructor(scenario: Scenario, opts: ModelOptions) {
    this.scenario = scenario
    this.seed = opts.seed ?? scenario.seed ?? 1
    this.originEpochMs = opts.originEpochMs ?? DEFAULT_ORIGIN_EPOCH_MS
    this.account = scenario.account ?? DEFAULT_ACCOUNT
    this.region = scenario.region ?? DEFAULT_REGION
    const m = scenario.metrics ?? {}
    this.metrics = new MetricStore({
      resolution: m.periodSeconds ?? 60,
      lag: makeLagFn(m.lagSeconds ?? 0, m.lagScope ?? 'period', this.seed),
      histograms: opts.aggregateTraffic ?? false
    })
    this.startTimeRounding = m.startTimeRounding ?? 'none'
    this.alarms = (scenario.alarms ?? []).map(a => ({ ...a, transitions: [...(a.transitions ?? [])].sort((x, y) => x.at - y.at) }))
    this.idRng = new Rng(this.seed, 'ids')
  }

  /** A fresh RevisionId (drawn from the model's id stream, so it is the same on every run of a seed). */
  newRevisionId(): string {
    return this.idRng.uuid()
  }

  /** Epoch ms of model time t (seconds). */
  epochMsAt(t: number): number {
    return this.originEpochMs + t * 1000
  }

  /** Epoch seconds of model time t, as metric samples are stamped. */
  epochSecondsAt(t: number): number {
    return this.originEpochMs / 1000 + t
  }
}
