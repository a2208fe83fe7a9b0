/**
 * Pure, deterministic model of the parts of AWS Lambda and CloudWatch that lambda-canary uses: the facade
 * over the store (state.ts), the Lambda and CloudWatch operations (lambda/, cloudwatch/), the traffic
 * (traffic/), the scripted events and faults (scripted/) and inspection (inspect.ts).
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
import { type DescribeAlarmsInput, describeAlarms } from './cloudwatch/alarms.js'
import { type GetMetricDataInput, getMetricData } from './cloudwatch/metric-data.js'
import type { AwsService } from './errors.js'
import { type AliasView, aliasView, type PhaseTotal, phaseTotals, snapshot, stats, versionTotals } from './inspect.js'
import { createAlias, deleteAlias, getAlias, listAliases, updateAlias } from './lambda/aliases.js'
import { buildFunctions } from './lambda/build.js'
import {
  getFunction,
  getFunctionConfiguration,
  getProvisionedConcurrencyConfig,
  listVersionsByFunction,
  publishVersion
} from './lambda/functions.js'
import { invoke } from './lambda/invoke.js'
import type {
  AliasRefInput,
  CreateAliasInput,
  FunctionRefInput,
  InvokeInput,
  InvokeOutput,
  ListInput,
  PublishVersionInput,
  UpdateAliasInput
} from './lambda/wire.js'
import type { MetricStore } from './cloudwatch/metric-store.js'
import { Rng } from './rng.js'
import type { Scenario } from './scenario.js'
import { ScriptedEvents } from './scripted/events.js'
import { type FaultDecision, ScriptedFaults } from './scripted/faults.js'
import { type AliasHistoryEntry, type EventLogEntry, type ModelOptions, SimState } from './state.js'
import { Traffic } from './traffic/index.js'
import { type Counter, TrafficRecorder } from './traffic/recorder.js'
import type { Json } from './wire.js'

export type { GetMetricDataInput } from './cloudwatch/metric-data.js'
export type { AliasHistoryEntry, Counter, EventLogEntry, ModelOptions }
export { DEFAULT_ACCOUNT, DEFAULT_ORIGIN_EPOCH_MS, DEFAULT_REGION } from './state.js'

export class SimModel {
  readonly scenario: Scenario
  readonly seed: number
  readonly originEpochMs: number
  readonly account: string
  readonly region: string
  readonly metrics: MetricStore
  readonly aliasHistory: AliasHistoryEntry[]
  readonly eventLog: EventLogEntry[]

  private readonly state: SimState
  private readonly recorder: TrafficRecorder
  private readonly traffic: Traffic
  private readonly events: ScriptedEvents
  private readonly faults: ScriptedFaults
  private readonly invokeRng: Rng

  constructor(scenario: Scenario, opts: ModelOptions = {}) {
    const state = new SimState(scenario, opts)
    this.state = state
    this.scenario = scenario
    this.seed = state.seed
    this.originEpochMs = state.originEpochMs
    this.account = state.account
    this.region = state.region
    this.metrics = state.metrics
    this.aliasHistory = state.aliasHistory
    this.eventLog = state.eventLog
    this.faults = new ScriptedFaults(state)
    this.invokeRng = new Rng(state.seed, 'invoke')
    this.events = new ScriptedEvents(state)
    buildFunctions(state)
    this.recorder = new TrafficRecorder(state)
    this.traffic = new Traffic(state, this.recorder, opts.aggregateTraffic ?? false)
    this.advanceTo(0)
  }

  // ------------------------------------------------------------------------------- time

  /** Current model time, seconds since origin. */
  get now(): number {
    return this.state.now
  }

  /** Incremented on every state change (alias writes, publishes, scripted events). */
  get mutations(): number {
    return this.state.mutations
  }

  /** Epoch ms of model time t (seconds). */
  epochMsAt(t: number): number {
    return this.state.epochMsAt(t)
  }

  /** Model time (seconds) of an epoch-ms instant. */
  timeOfEpochMs(ms: number): number {
    return (ms - this.originEpochMs) / 1000
  }

  /** Move time forward to t (seconds since origin): generates traffic and applies scripted events. No-op if t <= now. */
  advanceTo(t: number): void {
    const state = this.state
    if (!(t >= state.now)) return
    for (let e = this.events.nextDue(t); e; e = this.events.nextDue(t)) {
      const at = Math.max(e.at, state.now)
      this.traffic.generate(at)
      state.now = at
      this.events.apply(e)
    }
    this.traffic.generate(t)
    state.now = t
  }

  // ------------------------------------------------------------------------------- Lambda

  getFunctionConfiguration(input: FunctionRefInput): Json {
    return getFunctionConfiguration(this.state, input)
  }

  getFunction(input: FunctionRefInput): Json {
    return getFunction(this.state, input)
  }

  listVersionsByFunction(input: ListInput): Json {
    return listVersionsByFunction(this.state, input)
  }

  publishVersion(input: PublishVersionInput): Json {
    return publishVersion(this.state, input)
  }

  getAlias(input: AliasRefInput): Json {
    return getAlias(this.state, input)
  }

  listAliases(input: ListInput): Json {
    return listAliases(this.state, input)
  }

  createAlias(input: CreateAliasInput): Json {
    return createAlias(this.state, input)
  }

  updateAlias(input: UpdateAliasInput): Json {
    return updateAlias(this.state, input)
  }

  deleteAlias(input: AliasRefInput): void {
    deleteAlias(this.state, input)
  }

  invoke(input: InvokeInput): InvokeOutput {
    return invoke(this.state, this.recorder, this.invokeRng, input)
  }

  getProvisionedConcurrencyConfig(input: FunctionRefInput): Json {
    return getProvisionedConcurrencyConfig(this.state, input)
  }

  // ------------------------------------------------------------------------------- CloudWatch

  getMetricData(input: GetMetricDataInput): Json {
    return getMetricData(this.state, input)
  }

  describeAlarms(input: DescribeAlarmsInput): Json {
    return describeAlarms(this.state, input)
  }

  // ------------------------------------------------------------------------------- faults and inspection

  /** Decide whether a scripted API fault hits this call (consumes fault randomness only for matching faults). */
  decideFault(service: AwsService, operation: string): FaultDecision | null {
    return this.faults.decide(service, operation)
  }

  /** Invocation counters: key "function|qualifierInvoked|executedVersion" ("-" for throttles). */
  stats(): Record<string, Counter> {
    return stats(this.recorder)
  }

  /** Totals per executed version of a function (all entry points). */
  versionTotals(fnName: string): Record<string, Counter> {
    return versionTotals(this.recorder, fnName)
  }

  /**
   * What a version served in each phase of its behaviour (base behaviour first), through every entry
   * point — e.g. how many invocations a version served after it turned bad, and when the first was.
   */
  phaseTotals(fnName: string, version: string): PhaseTotal[] {
    return phaseTotals(this.state, this.recorder, fnName, version)
  }

  /** Current alias state (for tests/benchmarks that skip HTTP). */
  alias(fnName: string, aliasName: string): AliasView | undefined {
    return aliasView(this.state, fnName, aliasName)
  }

  /** JSON-able snapshot of the whole state (served at GET /_sim/state). */
  snapshot(): Json {
    return snapshot(this.state, this.recorder)
  }
}
