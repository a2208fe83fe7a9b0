// Fakes behind the rollout's ports and a virtual clock: whole deployments run instantly and deterministically.
import { abortError } from '../../src/adapters/clock.js'
import type { AlarmState, Sample } from '../../src/evidence.js'
import {
  AliasConflictError,
  type AliasPort,
  type AliasState,
  type AliasTarget,
  type Checkpoint,
  type Clock,
  type FunctionConfig,
  type FunctionPort,
  type InvokeResult,
  type BaselineQuery,
  type BaselineReading,
  type MetricsPort,
  type MetricsQuery,
  NotFoundError,
  type Ports,
  TransientError
} from '../../src/ports.js'
import { type Outcome, runDeployment } from '../../src/rollout/index.js'
import type { Settings } from '../../src/settings.js'
import { readSettings } from '../../src/inputs/index.js'
import type { TimelineEvent } from '../../src/timeline.js'

export const T0 = Date.UTC(2026, 10, 27, 12, 0, 0)

export class VirtualClock implements Clock {
  t = T0
  private timers: { at: number; fn: () => void }[] = []
  now(): number {
    return this.t
  }
  async sleep(ms: number, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) throw abortError()
    const until = this.t + ms
    // Fire scheduled actions (another writer, a cancel) that fall inside this sleep, in order.
    for (;;) {
      const next = this.timers.filter(x => x.at <= until).sort((a, b) => a.at - b.at)[0]
      if (!next) break
      this.timers = this.timers.filter(x => x !== next)
      this.t = Math.max(this.t, next.at)
      next.fn()
      if (signal?.aborted) throw abortError()
    }
    this.t = until
    await Promise.resolve()
  }
  /** Runs fn when virtual time reaches `at` (ms after T0). */
  at(offsetMs: number, fn: () => void): void {
    this.timers.push({ at: T0 + offsetMs, fn })
  }
}

/** An alias that behaves like Lambda's: RevisionId changes on every write, stale writes are refused. */
export class FakeAlias implements AliasPort {
  state: AliasState
  writes: { at: number; target: AliasTarget; revisionId: string }[] = []
  history: { at: number; version: string; weights: Record<string, number> }[] = []
  failWrites = 0
  /** Writes that are applied but whose answer is lost (a 5xx after commit). */
  loseAnswers = 0
  private revision = 0
  constructor(
    private readonly clock: VirtualClock,
    version: string,
    weights: Record<string, number> = {},
    readonly missing = false
  ) {
    this.state = { arn: 'arn:aws:lambda:us-east-1:123456789012:function:api:live', version, weights, revisionId: 'rev-0' }
    this.history.push({ at: clock.now(), version, weights: { ...weights } })
  }
  async read(): Promise<AliasState> {
    if (this.missing) throw new NotFoundError('alias "live" was not found')
    return structuredClone(this.state)
  }
  async write(target: AliasTarget, revisionId: string): Promise<AliasState> {
    this.writes.push({ at: this.clock.now(), target: structuredClone(target), revisionId })
    if (this.failWrites > 0) {
      this.failWrites--
      throw new TransientError('TooManyRequestsException on alias: Rate exceeded')
    }
    if (revisionId !== this.state.revisionId) throw new AliasConflictError(`PreconditionFailedException: RevisionId ${revisionId} is stale`)
    this.set(target)
    if (this.loseAnswers > 0) {
      this.loseAnswers--
      throw new TransientError('ServiceException (503) on alias after the write was applied')
    }
    return structuredClone(this.state)
  }
  /** Another writer (a colleague, another run) changes the alias. */
  set(target: AliasTarget): void {
    this.state = {
      ...this.state,
      version: target.version,
      weights: { ...target.weights },
      ...(target.description !== undefined ? { description: target.description } : {}),
      revisionId: `rev-${++this.revision}`
    }
    this.history.push({ at: this.clock.now(), version: target.version, weights: { ...target.weights } })
  }
  /** Weight of `version` at time t, from the write history. */
  weightAt(version: string, t: number): number {
    const h = [...this.history].reverse().find(x => x.at <= t) ?? this.history[0]
    if (!h) return 0
    if (h.weights[version] !== undefined) return h.weights[version] as number
    if (h.version === version) return 1 - Object.values(h.weights).reduce((a, b) => a + b, 0)
    return 0
  }
}

export class FakeFunction implements FunctionPort {
  configs: Record<string, FunctionConfig> = {
    $LATEST: { version: '$LATEST', state: 'Active', lastUpdateStatus: 'Successful', role: 'role-a', codeSha256: 'sha-latest' },
    '1': { version: '1', state: 'Active', role: 'role-a' },
    '2': { version: '2', state: 'Active', role: 'role-a' }
  }
  published: string[] = []
  provisioned: Record<string, { requested: number; allocated: number; status: string; statusReason?: string }> = {}
  async provisionedConcurrency(qualifier: string) {
    return this.provisioned[qualifier]
  }
  async configuration(qualifier: string): Promise<FunctionConfig | undefined> {
    return this.configs[qualifier]
  }
  async publish(codeSha256: string): Promise<string> {
    if (codeSha256 !== this.configs.$LATEST?.codeSha256) throw new Error('CodeSha256 mismatch')
    const version = String(Object.keys(this.configs).filter(k => k !== '$LATEST').length + 1)
    this.configs[version] = { ...(this.configs.$LATEST as FunctionConfig), version }
    this.published.push(version)
    return version
  }
}

/** Records invocations; answers with what `respond` says for the function and qualifier. */
export class FakeProbe {
  calls: { at: number; functionId: string; qualifier: string | undefined; payload: string; timeoutMs: number }[] = []
  constructor(
    private readonly clock: VirtualClock,
    public respond: (functionId: string, qualifier: string | undefined, payload: string) => InvokeResult | Error = () => ({
      statusCode: 200,
      payload: '{"ok":true}'
    })
  ) {}
  async invoke(functionId: string, qualifier: string | undefined, payload: string, timeoutMs: number): Promise<InvokeResult> {
    this.calls.push({ at: this.clock.now(), functionId, qualifier, payload, timeoutMs })
    const answer = this.respond(functionId, qualifier, payload)
    if (answer instanceof Error) throw answer
    return answer
  }
}

export interface TrafficModel {
  /** Requests per second through the alias. */
  rate: number
  /** Error rate of a version at time t. */
  errorRate: (version: string, t: number) => number
  latencyMs: (version: string, t: number) => number
  /** Datapoints become visible this long after their period ends. */
  lagMs?: number
  throttles?: number
  /** Requests per second before the deployment (the baseline window); `rate` when left out, 0: no old traffic. */
  baselineRate?: number
  /** Fraction of a version's invocations slower than `thresholdMs` at time t; all or none from latencyMs when left out. */
  slowFraction?: (version: string, t: number, thresholdMs: number) => number
}

/** Deterministic metrics from the alias's weight history: expected values, no noise. */
export class FakeMetrics implements MetricsPort {
  reads: MetricsQuery[] = []
  baselineReads: BaselineQuery[] = []
  alarmReads = 0
  alarmStates: AlarmState[] = []
  failReads = 0
  constructor(
    private readonly clock: VirtualClock,
    private readonly alias: FakeAlias,
    private readonly model: TrafficModel
  ) {}
  async read(q: MetricsQuery): Promise<Sample> {
    this.reads.push(q)
    if (this.failReads > 0) {
      this.failReads--
      throw new TransientError('Throttling on GetMetricData')
    }
    const period = q.periodSeconds * 1000
    const visibleUntil = this.clock.now() - (this.model.lagMs ?? 0)
    const sample: Sample = {
      windowStart: q.start,
      windowEnd: q.end,
      newVersion: { invocations: 0, errors: 0, latencyMs: undefined },
      oldVersion: { invocations: 0, errors: 0, latencyMs: undefined },
      throttles: 0,
      periods: []
    }
    for (let t = q.start; t < q.end; t += period) {
      if (t + period > visibleUntil) break
      const point = { time: t, newInvocations: 0, newErrors: 0, oldInvocations: 0, oldErrors: 0 }
      for (const [key, version] of [
        ['new', q.newVersion],
        ['old', q.oldVersion]
      ] as const) {
        const inv = Math.round(this.model.rate * q.periodSeconds * this.alias.weightAt(version, t))
        const err = Math.round(inv * this.model.errorRate(version, t))
        const v = key === 'new' ? sample.newVersion : sample.oldVersion
        v.invocations += inv
        v.errors += err
        if (inv > 0) v.latencyMs = Math.max(v.latencyMs ?? 0, this.model.latencyMs(version, t))
        const slow = (ms: number | undefined) =>
          ms === undefined || inv === 0 ? undefined : Math.round(inv * this.slowFraction(version, t, ms))
        const latency = inv > 0 ? this.model.latencyMs(version, t) : undefined
        if (key === 'new') {
          Object.assign(point, { newInvocations: inv, newErrors: err }, defined({ newSlow: slow(q.latencyThresholds?.increaseMs) }))
          Object.assign(point, defined({ newOverMax: slow(q.latencyThresholds?.maxMs), newLatencyMs: latency }))
        } else {
          Object.assign(
            point,
            { oldInvocations: inv, oldErrors: err },
            defined({ oldSlow: slow(q.latencyThresholds?.increaseMs), oldLatencyMs: latency })
          )
        }
      }
      sample.throttles += this.model.throttles ?? 0
      sample.periods.push(point)
    }
    return sample
  }
  private slowFraction(version: string, t: number, thresholdMs: number): number {
    return this.model.slowFraction
      ? this.model.slowFraction(version, t, thresholdMs)
      : this.model.latencyMs(version, t) > thresholdMs
        ? 1
        : 0
  }
  async baseline(q: BaselineQuery): Promise<BaselineReading> {
    this.baselineReads.push(q)
    const rate = this.model.baselineRate ?? this.model.rate
    const periods: BaselineReading['periods'] = []
    let latencyMs: number | undefined
    for (let t = q.start; t < q.end; t += q.periodSeconds * 1000) {
      const invocations = Math.round(rate * q.periodSeconds)
      if (invocations === 0) continue
      periods.push({ time: t, invocations, errors: Math.round(invocations * this.model.errorRate(q.version, t)) })
      latencyMs = Math.max(latencyMs ?? 0, this.model.latencyMs(q.version, t))
    }
    const invocations = periods.reduce((s, p) => s + p.invocations, 0)
    const errors = periods.reduce((s, p) => s + p.errors, 0)
    return { ...q, windowStart: q.start, windowEnd: q.end, periods, invocations, errors, latencyMs }
  }
  async alarms(names: string[]): Promise<AlarmState[]> {
    this.alarmReads++
    return this.alarmStates.filter(a => names.includes(a.name))
  }
}

export interface Harness {
  clock: VirtualClock
  alias: FakeAlias
  fn: FakeFunction
  metrics: FakeMetrics
  probe: FakeProbe
  events: TimelineEvent[]
  checkpoints: Checkpoint[]
  controller: AbortController
  ports: Ports
}

export function harness(model: Partial<TrafficModel> = {}, aliasWeights: Record<string, number> = {}): Harness {
  const clock = new VirtualClock()
  const alias = new FakeAlias(clock, '1', aliasWeights)
  const fn = new FakeFunction()
  const metrics = new FakeMetrics(clock, alias, {
    rate: 100,
    errorRate: () => 0.001,
    latencyMs: () => 120,
    ...model
  })
  const events: TimelineEvent[] = []
  const checkpoints: Checkpoint[] = []
  const controller = new AbortController()
  const probe = new FakeProbe(clock)
  return {
    clock,
    alias,
    fn,
    metrics,
    probe,
    events,
    checkpoints,
    controller,
    ports: {
      alias,
      fn,
      metrics,
      probe,
      clock,
      deploymentId: 'deploy-1',
      emit: e => events.push(e),
      checkpoint: c => checkpoints.push(c),
      signal: controller.signal,
      random: () => 0.5
    }
  }
}

/** Reads inputs from a named map, as the runner's INPUT_* variables would give them. */
export function inputsFrom(map: Record<string, string>): (name: string) => string {
  return name => map[name] ?? ''
}

/** Settings read from a named map of inputs, as the action reads them. */
export function settingsFrom(map: Record<string, string>, env: NodeJS.ProcessEnv = { AWS_REGION: 'us-east-1' }): Settings {
  return readSettings(inputsFrom(map), env)
}

/** The rollout tests' usual settings: one function, version 2, a 1% error-rate limit, 1-minute periods. */
export function rolloutSettings(extra: Record<string, string> = {}): Settings {
  return settingsFrom({
    'function-name': 'api',
    version: '2',
    'max-error-rate': '1%',
    'metric-period': '1m',
    'metric-lag': '2m',
    'poll-interval': '30s',
    ...extra
  })
}

/** The alias's routing, as the rollout tests compare it. */
export function aliasOf(h: ReturnType<typeof harness>): { version: string; weights: Record<string, number> } {
  return { version: h.alias.state.version, weights: h.alias.state.weights }
}

/** Runs the first function of `settings` through the release with `ports`. */
export function deploy(settings: Settings, ports: Ports): Promise<Outcome> {
  return runDeployment(settings.run, settings.deployments[0]!, ports)
}

/** The entries of `o` that are not undefined (exactOptionalPropertyTypes). */
function defined<T extends Record<string, unknown>>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>
}
