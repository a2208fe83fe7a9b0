/**
 * The one place invocations are recorded, whoever served them (per-invocation traffic, aggregated traffic,
 * a direct Invoke): Lambda's metrics (AWS/Lambda, per function, Resource and ExecutedVersion), the
 * scenario's custom metrics mirroring them, and the invocation and phase counters behind inspection.
 */
import type { FunctionRecord } from '../lambda/records.js'
import type { Target } from '../lambda/routing.js'
import type { Dimensions, SampleBatch, Series } from '../cloudwatch/metric-store.js'
import type { LambdaMetricName } from '../scenario.js'
import type { SimState } from '../state.js'

export interface Counter {
  invocations: number
  errors: number
  throttles: number
  durationMsSum: number
}

export interface PhaseCounter {
  invocations: number
  errors: number
  firstAt: number | null
}

/** Invocations of one function through one target, served by one version in one phase of its behaviour. */
export interface Served {
  fn: FunctionRecord
  target: Target
  /** The qualifier the caller invoked (custom metrics may mirror one qualifier only). */
  invokedQualifier: string | undefined
  executed: string
  phase: number
  /** Model time the samples are stamped at (for a batch, the start of its stretch). */
  at: number
  /** Model time of the first of these invocations. */
  firstAt: number
  invocations: number
  errors: number
  /** One invocation's duration, or a batch's durations as a histogram. */
  durations: number | SampleBatch
}

interface Mirror {
  qualifier: string | undefined
  metric: LambdaMetricName
  series: Series
}

export class TrafficRecorder {
  /** Key "function|qualifierInvoked|executedVersion" ("-" for throttles). */
  readonly counters = new Map<string, Counter>()
  /** Key "function|version|phase". */
  readonly phaseCounters = new Map<string, PhaseCounter>()
  private readonly seriesCache = new Map<string, Series[]>()
  private readonly mirrors = new Map<string, Mirror[]>()

  constructor(private readonly state: SimState) {
    for (const c of state.scenario.metrics?.custom ?? []) {
      const series = state.metrics.getSeries({
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
  }

  served(s: Served): void {
    const epoch = this.state.epochSecondsAt(s.at)
    const fn = s.fn.name
    const resource = s.target.resourceQualifier ? `${fn}:${s.target.resourceQualifier}` : null
    const executedVersion = s.target.alias ? s.executed : null
    const k = s.invocations
    // Counts are 0/1 samples, so a batch of them is exact; a single duration stays a raw sample.
    const invocations: SampleBatch = { count: k, sum: k, min: 1, max: 1 }
    const errors: SampleBatch = { count: k, sum: s.errors, min: s.errors < k ? 0 : 1, max: s.errors > 0 ? 1 : 0 }
    for (const x of this.seriesFor(fn, 'Invocations', resource, executedVersion)) this.state.metrics.addBatch(x, epoch, invocations)
    for (const x of this.seriesFor(fn, 'Errors', resource, executedVersion)) this.state.metrics.addBatch(x, epoch, errors)
    for (const x of this.seriesFor(fn, 'Duration', resource, executedVersion)) this.addSample(x, epoch, s.durations)
    this.mirror(epoch, fn, s.invokedQualifier, 'Invocations', invocations)
    this.mirror(epoch, fn, s.invokedQualifier, 'Errors', errors)
    this.mirror(epoch, fn, s.invokedQualifier, 'Duration', s.durations)
    const c = this.counter(`${fn}|${s.target.resourceQualifier ?? '$LATEST'}|${s.executed}`)
    c.invocations += k
    c.errors += s.errors
    c.durationMsSum += typeof s.durations === 'number' ? s.durations : s.durations.sum
    this.countPhase(`${fn}|${s.executed}|${s.phase}`, k, s.errors, s.firstAt)
  }

  /** `count` requests throttled at model time t (they reach no version). */
  throttled(t: number, fn: FunctionRecord, resourceQualifier: string | null, invokedQualifier: string | undefined, count: number): void {
    const epoch = this.state.epochSecondsAt(t)
    const resource = resourceQualifier ? `${fn.name}:${resourceQualifier}` : null
    const batch: SampleBatch = { count, sum: count, min: 1, max: 1 }
    for (const x of this.seriesFor(fn.name, 'Throttles', resource, null)) this.state.metrics.addBatch(x, epoch, batch)
    this.mirror(epoch, fn.name, invokedQualifier, 'Throttles', batch)
    this.counter(`${fn.name}|${resourceQualifier ?? '$LATEST'}|-`).throttles += count
  }

  private addSample(series: Series, epoch: number, sample: number | SampleBatch): void {
    if (typeof sample === 'number') this.state.metrics.add(series, epoch, sample)
    else this.state.metrics.addBatch(series, epoch, sample)
  }

  private mirror(epoch: number, fn: string, invokedQualifier: string | undefined, metric: LambdaMetricName, sample: number | SampleBatch) {
    for (const m of this.mirrors.get(fn) ?? []) {
      if (m.metric === metric && (m.qualifier === undefined || m.qualifier === invokedQualifier)) this.addSample(m.series, epoch, sample)
    }
  }

  /** The AWS/Lambda series an invocation counts in: all functions, the function, its Resource, and the executed version behind an alias. */
  private seriesFor(fn: string, metric: LambdaMetricName, resource: string | null, executedVersion: string | null): Series[] {
    const key = `${metric}|${fn}|${resource ?? ''}|${executedVersion ?? ''}`
    let list = this.seriesCache.get(key)
    if (list) return list
    const unit = metric === 'Duration' ? 'Milliseconds' : 'Count'
    const binary = metric !== 'Duration'
    const mk = (dimensions: Dimensions): Series =>
      this.state.metrics.getSeries({ namespace: 'AWS/Lambda', metricName: metric, dimensions, unit, binary })
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

  private countPhase(key: string, invocations: number, errors: number, firstAt: number): void {
    let c = this.phaseCounters.get(key)
    if (!c) {
      c = { invocations: 0, errors: 0, firstAt: null }
      this.phaseCounters.set(key, c)
    }
    c.invocations += invocations
    c.errors += errors
    if (c.firstAt === null || firstAt < c.firstAt) c.firstAt = firstAt
  }
}
