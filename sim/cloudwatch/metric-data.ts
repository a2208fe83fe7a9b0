/** CloudWatch GetMetricData: MetricStat queries over the metric store, arithmetic metric math, pagination by datapoints. */
import { CloudWatchErrors } from '../errors.js'
import { evaluate as evaluateExpression, ExpressionError, type Value as ExprValue } from './metric-math.js'
import { type Dimensions, parseStat, type QueryResult } from './metric-store.js'
import type { SimState } from '../state.js'
import { decodeToken, encodeToken, type Json, type Opt } from '../wire.js'

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

interface MetricDataResult {
  Id: string
  Label: string
  Timestamps: number[]
  Values: number[]
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

export function getMetricData(state: SimState, input: GetMetricDataInput): Json {
  const queries = input.MetricDataQueries
  if (!queries || queries.length === 0) throw CloudWatchErrors.missingParameter('The parameter MetricDataQueries is required.')
  if (queries.length > 500) throw CloudWatchErrors.validation('The collection MetricDataQueries must not have a size greater than 500.')
  const start = toEpochSeconds(input.StartTime, 'StartTime')
  const end = toEpochSeconds(input.EndTime, 'EndTime')
  if (!(start < end)) throw CloudWatchErrors.validation('The parameter StartTime must be less than the parameter EndTime.')
  const scanBy = input.ScanBy ?? 'TimestampDescending'
  if (scanBy !== 'TimestampDescending' && scanBy !== 'TimestampAscending') {
    throw CloudWatchErrors.validation(`The value ${scanBy} for parameter ScanBy is not valid.`)
  }
  const ids = new Set<string>()
  /** Ascending series per query id (MetricStat results, then evaluated expressions). */
  const computed = new Map<string, QueryResult>()
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
    if (q.Expression !== undefined) expressions.set(q.Id, q.Expression)
    else computed.set(q.Id, metricStat(state, q.MetricStat as MetricStatInput, at, start, end))
  }
  evaluateExpressions(computed, expressions)
  const results: MetricDataResult[] = []
  for (const q of queries) {
    if (q.ReturnData === false) continue
    const id = q.Id as string
    const r = computed.get(id) as QueryResult
    const timestamps = [...r.timestamps]
    const values = [...r.values]
    if (scanBy === 'TimestampDescending') {
      timestamps.reverse()
      values.reverse()
    }
    results.push({ Id: id, Label: q.Label ?? q.MetricStat?.Metric?.MetricName ?? id, Timestamps: timestamps, Values: values })
  }
  return paginateDatapoints(results, input.NextToken, input.MaxDatapoints)
}

function metricStat(state: SimState, ms: MetricStatInput, at: string, start: number, end: number): QueryResult {
  const ns = ms.Metric?.Namespace
  const mn = ms.Metric?.MetricName
  if (!ns || !mn) throw CloudWatchErrors.missingParameter(`The parameters ${at}.MetricStat.Metric.Namespace and MetricName are required.`)
  const period = ms.Period
  if (period === undefined || !Number.isInteger(period) || period < 1) {
    throw CloudWatchErrors.validation(`The value ${period ?? 'null'} for parameter ${at}.MetricStat.Period is not valid.`)
  }
  const stat = ms.Stat
  if (!stat || !parseStat(stat)) {
    throw CloudWatchErrors.validation(
      `The value ${stat ?? 'null'} for parameter ${at}.MetricStat.Stat is not supported by the simulator (Sum, SampleCount, Average, Minimum, Maximum, pNN[.N], PR(a:b), TC(a:b), TM(a:b) with absolute bounds).`
    )
  }
  const dims: Dimensions = {}
  for (const d of ms.Metric?.Dimensions ?? []) {
    if (!d.Name || d.Value === undefined) throw CloudWatchErrors.missingParameter(`Dimension Name and Value are required in ${at}.`)
    if (d.Name in dims) throw CloudWatchErrors.invalidParameterValue(`The dimension ${d.Name} is specified more than once in ${at}.`)
    dims[d.Name] = d.Value
  }
  return state.metrics.query(
    { namespace: ns, metricName: mn, dimensions: dims, period, stat, ...(ms.Unit !== undefined ? { unit: ms.Unit } : {}) },
    { start: alignStart(state, start, period), end, now: state.epochSecondsAt(state.now) }
  )
}

/** StartTime alignment: floor to the storage period, or CloudWatch's documented rounding. */
function alignStart(state: SimState, start: number, period: number): number {
  const res = state.metrics.resolution
  let unit = res
  if (state.startTimeRounding === 'aws') {
    if (period % 60 === 0) unit = 60
    else if ([5, 10, 20, 30].includes(period)) unit = period
    else unit = 1
    unit = Math.max(unit, res)
  }
  return Math.floor(start / unit + 1e-9) * unit
}

/** Metric math (+ - * / over ids), evaluated lazily with cycle detection; results join `computed`. */
function evaluateExpressions(computed: Map<string, QueryResult>, expressions: Map<string, string>): void {
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
}

/** Pagination over the datapoints of all results, in order: `MaxDatapoints` per page, `NextToken` an offset. */
function paginateDatapoints(results: MetricDataResult[], nextToken: string | undefined, maxDatapoints: number | undefined): Json {
  const max = maxDatapoints ?? 100_800
  if (!Number.isInteger(max) || max < 1) throw CloudWatchErrors.validation('The parameter MaxDatapoints must be a positive integer.')
  let skip = decodeToken(nextToken, 'cloudwatch')
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
