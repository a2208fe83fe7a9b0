// CloudWatch adapter: a poll's GetMetricData for both versions (one call, or two once the read is incremental:
// the periods not yet settled, and the whole-window statistics), and alarm states, written once against
// CloudWatchApi, the two CloudWatch operations it uses (as flagger's CloudWatch client interface "for the testing
// purpose"): over the SDK client in the action (aws-cloudwatch-api.ts), over the simulator's model in the benchmark.
import type {
  DescribeAlarmsInput,
  DescribeAlarmsOutput,
  GetMetricDataInput,
  GetMetricDataOutput,
  MetricDataQuery,
  MetricDataResult
} from '@aws-sdk/client-cloudwatch'
import type { AlarmState, LatencyStatistic, PeriodPoint, Sample } from '../evidence.js'
import type { BaselineQuery, BaselineReading, MetricsPort, MetricsQuery } from '../ports.js'
import { AwsScope, translateAwsError } from './aws-errors.js'

export interface CloudWatchApi {
  getMetricData(input: GetMetricDataInput): Promise<GetMetricDataOutput>
  describeAlarms(input: DescribeAlarmsInput): Promise<DescribeAlarmsOutput>
}

const STATISTIC: Record<LatencyStatistic, string> = {
  p50: 'p50',
  p90: 'p90',
  p95: 'p95',
  p99: 'p99',
  'p99.9': 'p99.9',
  avg: 'Average',
  max: 'Maximum'
}

/** The metric queries of one poll over the whole window. Ids are stable so results can be read back by name. */
export function buildQueries(functionName: string, alias: string, q: MetricsQuery): MetricDataQuery[] {
  const [counts, rest] = [periodQueries(functionName, alias, q), windowQueries(functionName, alias, q)]
  // The order of a single read: the four counts, the window's latency, per-period latency, throttles, metric gates.
  return [...counts.slice(0, 4), ...rest.slice(0, 2), ...counts.slice(4), ...rest.slice(2)]
}

function perVersionQuery(functionName: string, alias: string): PerVersion {
  const resource = { Name: 'Resource', Value: `${functionName}:${alias}` }
  const fn = { Name: 'FunctionName', Value: functionName }
  return (id, version, metric, stat, period) => ({
    Id: id,
    MetricStat: {
      // Lambda publishes per-version metrics for invocations through a weighted alias under exactly these dimensions.
      Metric: { Namespace: 'AWS/Lambda', MetricName: metric, Dimensions: [fn, resource, { Name: 'ExecutedVersion', Value: version }] },
      Period: period,
      Stat: stat
    },
    ReturnData: true
  })
}

/** The queries with one datapoint per metric period: counts, per-period latency, throttles (what an incremental read re-reads). */
export function periodQueries(functionName: string, alias: string, q: MetricsQuery): MetricDataQuery[] {
  const perVersion = perVersionQuery(functionName, alias)
  return [
    perVersion('newInvocations', q.newVersion, 'Invocations', 'Sum', q.periodSeconds),
    perVersion('newErrors', q.newVersion, 'Errors', 'Sum', q.periodSeconds),
    perVersion('oldInvocations', q.oldVersion, 'Invocations', 'Sum', q.periodSeconds),
    perVersion('oldErrors', q.oldVersion, 'Errors', 'Sum', q.periodSeconds),
    ...latencyQueries(q, perVersion),
    {
      Id: 'throttles',
      MetricStat: {
        Metric: {
          Namespace: 'AWS/Lambda',
          MetricName: 'Throttles',
          Dimensions: [
            { Name: 'FunctionName', Value: functionName },
            { Name: 'Resource', Value: `${functionName}:${alias}` }
          ]
        },
        Period: q.periodSeconds,
        Stat: 'Sum'
      },
      ReturnData: true
    }
  ]
}

/**
 * The queries with one period spanning the whole window (one datapoint each, whatever its length): each
 * version's latency statistic (CloudWatch computes the percentile over all of it, instead of us averaging
 * per-minute percentiles, which is meaningless) and the metric gates. These cannot be merged from per-period
 * data, so every poll reads them over the whole window.
 */
export function windowQueries(functionName: string, alias: string, q: MetricsQuery): MetricDataQuery[] {
  const perVersion = perVersionQuery(functionName, alias)
  const windowSeconds = Math.round((q.end - q.start) / 1000)
  return [
    perVersion('newLatency', q.newVersion, 'Duration', STATISTIC[q.latencyStatistic], windowSeconds),
    perVersion('oldLatency', q.oldVersion, 'Duration', STATISTIC[q.latencyStatistic], windowSeconds),
    // Extra metric gates, each as one value over the whole window.
    ...q.metricGates.map(
      (g, i): MetricDataQuery => ({
        Id: `gate${i}`,
        Label: g.name,
        MetricStat: {
          Metric: {
            Namespace: g.namespace,
            MetricName: g.metric,
            Dimensions: Object.entries(g.dimensions).map(([Name, Value]) => ({ Name, Value }))
          },
          Period: windowSeconds,
          Stat: g.statistic
        },
        ReturnData: true
      })
    )
  ]
}

type PerVersion = (id: string, version: string, metric: string, stat: string, period: number) => MetricDataQuery

/**
 * Per-period latency, additive across periods: Duration's percentile rank PR(:T) (the percent of invocations
 * at most T ms) for the latency-increase threshold (both versions) and max-latency (the new version), and the
 * statistic itself per period (avg/max gates, and the comparison without a baseline).
 */
function latencyQueries(q: MetricsQuery, perVersion: PerVersion): MetricDataQuery[] {
  const { increaseMs, maxMs } = q.latencyThresholds ?? {}
  const stat = STATISTIC[q.latencyStatistic]
  return [
    perVersion('newLatencyPeriod', q.newVersion, 'Duration', stat, q.periodSeconds),
    perVersion('oldLatencyPeriod', q.oldVersion, 'Duration', stat, q.periodSeconds),
    ...(increaseMs !== undefined
      ? [
          perVersion('newRankIncrease', q.newVersion, 'Duration', percentileRank(increaseMs), q.periodSeconds),
          perVersion('oldRankIncrease', q.oldVersion, 'Duration', percentileRank(increaseMs), q.periodSeconds)
        ]
      : []),
    ...(maxMs !== undefined ? [perVersion('newRankMax', q.newVersion, 'Duration', percentileRank(maxMs), q.periodSeconds)] : [])
  ]
}

/** CloudWatch's percentile-rank statistic: the percent of datapoints ≤ T. */
export function percentileRank(thresholdMs: number): string {
  return `PR(:${Math.round(thresholdMs * 1000) / 1000})`
}

/** The baseline's queries: the old version's per-period Invocations and Errors and its statistic over the whole window. */
export function baselineQueries(functionName: string, alias: string, q: BaselineQuery): MetricDataQuery[] {
  const windowSeconds = Math.round((q.end - q.start) / 1000)
  const dims = [
    { Name: 'FunctionName', Value: functionName },
    { Name: 'Resource', Value: `${functionName}:${alias}` },
    { Name: 'ExecutedVersion', Value: q.version }
  ]
  const query = (id: string, metric: string, stat: string, period: number): MetricDataQuery => ({
    Id: id,
    MetricStat: { Metric: { Namespace: 'AWS/Lambda', MetricName: metric, Dimensions: dims }, Period: period, Stat: stat },
    ReturnData: true
  })
  return [
    query('invocations', 'Invocations', 'Sum', q.periodSeconds),
    query('errors', 'Errors', 'Sum', q.periodSeconds),
    query('latency', 'Duration', STATISTIC[q.latencyStatistic], windowSeconds)
  ]
}

type Series = Map<string, { timestamps: number[]; values: number[] }>

export class CloudWatchMetrics implements MetricsPort {
  constructor(
    private readonly api: CloudWatchApi,
    private readonly functionName: string,
    private readonly alias: string,
    private readonly scope = new AwsScope()
  ) {}

  /**
   * One call over the whole window; with `from` after its start, two: the per-period series of the periods
   * from `from` on (the only ones that may still change), and the whole-window statistics (one datapoint each).
   * Either way as many metrics are requested as by one whole-window read.
   */
  async read(q: MetricsQuery): Promise<Sample> {
    const from = q.from ?? q.start
    if (from <= q.start) return toSample(await this.getMetricData(buildQueries(this.functionName, this.alias, q), q.start, q.end), q)
    const periods = await this.getMetricData(periodQueries(this.functionName, this.alias, q), from, q.end)
    const window = await this.getMetricData(windowQueries(this.functionName, this.alias, q), q.start, q.end)
    return toSample(new Map([...periods, ...window]), q)
  }

  async baseline(q: BaselineQuery): Promise<BaselineReading> {
    const results = await this.getMetricData(baselineQueries(this.functionName, this.alias, q), q.start, q.end)
    const byTime = new Map<number, { time: number; invocations: number; errors: number }>()
    for (const [id, key] of [
      ['invocations', 'invocations'],
      ['errors', 'errors']
    ] as const) {
      const r = results.get(id)
      r?.timestamps.forEach((t, i) => {
        const p = byTime.get(t) ?? { time: t, invocations: 0, errors: 0 }
        p[key] += r.values[i] as number
        byTime.set(t, p)
      })
    }
    const periods = [...byTime.values()].sort((a, b) => a.time - b.time).map(p => ({ ...p, errors: Math.min(p.errors, p.invocations) }))
    const invocations = periods.reduce((s, p) => s + p.invocations, 0)
    return {
      version: q.version,
      windowStart: q.start,
      windowEnd: q.end,
      periodSeconds: q.periodSeconds,
      periods,
      invocations,
      errors: periods.reduce((s, p) => s + p.errors, 0),
      latencyMs: invocations > 0 ? results.get('latency')?.values[0] : undefined,
      latencyStatistic: q.latencyStatistic
    }
  }

  /** One GetMetricData request (and its pages). */
  private async getMetricData(queries: MetricDataQuery[], start: number, end: number): Promise<Series> {
    const results: Series = new Map()
    let nextToken: string | undefined
    try {
      do {
        const out = await this.api.getMetricData({
          MetricDataQueries: queries,
          StartTime: new Date(start),
          EndTime: new Date(end),
          ScanBy: 'TimestampAscending',
          ...(nextToken ? { NextToken: nextToken } : {})
        })
        for (const r of out.MetricDataResults ?? []) collect(results, r)
        nextToken = out.NextToken
      } while (nextToken)
    } catch (error) {
      throw translateAwsError(error, `the metrics of "${this.functionName}:${this.alias}"`, {
        action: 'cloudwatch:GetMetricData',
        scope: this.scope
      })
    }
    return results
  }

  async alarms(names: string[]): Promise<AlarmState[]> {
    const states: AlarmState[] = []
    try {
      for (let i = 0; i < names.length; i += 100) {
        const out = await this.api.describeAlarms({
          AlarmNames: names.slice(i, i + 100),
          AlarmTypes: ['MetricAlarm', 'CompositeAlarm']
        })
        for (const a of [...(out.MetricAlarms ?? []), ...(out.CompositeAlarms ?? [])]) {
          if (!a.AlarmName) continue
          states.push({
            name: a.AlarmName,
            state: (a.StateValue ?? 'INSUFFICIENT_DATA') as AlarmState['state'],
            ...(a.StateReason ? { reason: a.StateReason } : {})
          })
        }
      }
    } catch (error) {
      throw translateAwsError(error, 'the alarms', { action: 'cloudwatch:DescribeAlarms', scope: this.scope })
    }
    return states
  }
}

function collect(results: Series, r: MetricDataResult): void {
  if (!r.Id) return
  const entry = results.get(r.Id) ?? { timestamps: [], values: [] }
  for (const [i, t] of (r.Timestamps ?? []).entries()) {
    const v = r.Values?.[i]
    if (v === undefined || !Number.isFinite(v)) continue
    entry.timestamps.push(t.getTime())
    entry.values.push(v)
  }
  results.set(r.Id, entry)
}

/**
 * Per-period latency onto the period points: slow counts = invocations × (1 − PR/100), rounded (a period's
 * PR datapoint can land before or after its Invocations; a missing one leaves the count undefined).
 */
function addLatency(results: Series, byTime: Map<number, PeriodPoint>): void {
  const at = (id: string) => new Map((results.get(id)?.timestamps ?? []).map((t, i) => [t, results.get(id)?.values[i] as number]))
  const ranks = { newSlow: at('newRankIncrease'), oldSlow: at('oldRankIncrease'), newOverMax: at('newRankMax') }
  const stats = { newLatencyMs: at('newLatencyPeriod'), oldLatencyMs: at('oldLatencyPeriod') }
  for (const p of byTime.values()) {
    for (const [key, series] of Object.entries(ranks) as [keyof typeof ranks, Map<number, number>][]) {
      const rank = series.get(p.time)
      const n = key === 'oldSlow' ? p.oldInvocations : p.newInvocations
      if (rank !== undefined && n > 0) p[key] = Math.min(n, Math.max(0, Math.round(n * (1 - rank / 100))))
    }
    for (const [key, series] of Object.entries(stats) as [keyof typeof stats, Map<number, number>][]) {
      const v = series.get(p.time)
      if (v !== undefined) p[key] = v
    }
  }
}

/** Missing datapoints are zero: Lambda publishes nothing for a minute without invocations. */
function toSample(results: Series, q: MetricsQuery): Sample {
  const sum = (id: string) => (results.get(id)?.values ?? []).reduce((a, b) => a + b, 0)
  const first = (id: string) => results.get(id)?.values[0]
  const byTime = new Map<number, PeriodPoint>()
  const point = (t: number) => {
    let p = byTime.get(t)
    if (!p) {
      p = { time: t, newInvocations: 0, newErrors: 0, oldInvocations: 0, oldErrors: 0 }
      byTime.set(t, p)
    }
    return p
  }
  for (const key of ['newInvocations', 'newErrors', 'oldInvocations', 'oldErrors'] as const) {
    const r = results.get(key)
    r?.timestamps.forEach((t, i) => {
      point(t)[key] += r.values[i] as number
    })
  }
  results.get('throttles')?.timestamps.forEach((t, i) => {
    const p = point(t)
    p.throttles = (p.throttles ?? 0) + (results.get('throttles')?.values[i] as number)
  })
  // Sums and counts of a metric without datapoints are zero; any other statistic is "no data".
  const metricGates: Record<string, number | undefined> = {}
  q.metricGates.forEach((g, i) => {
    const values = results.get(`gate${i}`)?.values ?? []
    const additive = g.statistic === 'Sum' || g.statistic === 'SampleCount'
    metricGates[g.name] = values.length > 0 ? (additive ? values.reduce((a, b) => a + b, 0) : values[0]) : additive ? 0 : undefined
  })
  // Each datapoint lands on its own schedule, so a minute's Errors can arrive before its Invocations:
  // never count more errors than invocations in a period (that would read as a 200% error rate).
  // Lambda publishes Errors (0 included) for every period with invocations: a missing one has not landed yet.
  const oldErrorTimes = new Set(results.get('oldErrors')?.timestamps ?? [])
  const newErrorTimes = new Set(results.get('newErrors')?.timestamps ?? [])
  for (const p of byTime.values()) {
    p.newErrors = Math.min(p.newErrors, p.newInvocations)
    p.oldErrors = Math.min(p.oldErrors, p.oldInvocations)
    if (p.oldInvocations > 0 && !oldErrorTimes.has(p.time)) p.oldErrorsPending = true
    if (p.newInvocations > 0 && !newErrorTimes.has(p.time)) p.newErrorsPending = true
  }
  addLatency(results, byTime)
  const total = (key: 'newInvocations' | 'newErrors' | 'oldInvocations' | 'oldErrors') =>
    [...byTime.values()].reduce((a, p) => a + p[key], 0)
  const newInvocations = total('newInvocations')
  const oldInvocations = total('oldInvocations')
  // A read of part of the window cannot tell whether the window had invocations: its statistic is given as read.
  const partial = q.from !== undefined && q.from > q.start
  return {
    windowStart: q.start,
    windowEnd: q.end,
    newVersion: {
      invocations: newInvocations,
      errors: total('newErrors'),
      latencyMs: newInvocations > 0 || partial ? first('newLatency') : undefined
    },
    oldVersion: {
      invocations: oldInvocations,
      errors: total('oldErrors'),
      latencyMs: oldInvocations > 0 || partial ? first('oldLatency') : undefined
    },
    throttles: sum('throttles'),
    periods: [...byTime.values()].sort((a, b) => a.time - b.time),
    ...(q.metricGates.length > 0 ? { metricGates } : {})
  }
}
