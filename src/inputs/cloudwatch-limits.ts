// CloudWatch's documented limits on what the action sends it, checked while the inputs are read, so a gate or
// alarm CloudWatch would reject fails the run before anything is written instead of after traffic moved.
// Sources: the CloudWatch API reference (GetMetricData, Metric, Dimension, DescribeAlarms) and "CloudWatch
// statistics definitions" in the CloudWatch user guide.
import type { LatencyStatistic } from '../evidence.js'
import { quantileOf } from '../judge/latency-gates.js'

/** "A single GetMetricData call can include up to 500 MetricDataQuery structures." */
export const MAX_QUERIES_PER_GET_METRIC_DATA = 500
/** "You can assign up to 30 dimensions to a metric." */
export const MAX_DIMENSIONS = 30
/** Namespace, metric name, dimension name and alarm name: 1 to 255 characters. */
export const MAX_NAME_LENGTH = 255
/** Dimension value: 1 to 1024 characters. */
export const MAX_DIMENSION_VALUE_LENGTH = 1024

/** The statistics GetMetricData accepts, as the statistics definitions spell them. */
export const STATISTIC_FORMS =
  'SampleCount, Average, Sum, Minimum, Maximum, IQM, a percentile p0 to p100 (e.g. p99 or p99.9), tm90/wm90/tc90/ts90, TM/WM/TC/TS(lower:upper) with percentages like TM(10%:90%) or values like TM(150:1000), or PR(lower:upper) like PR(:300)'

const NAMED = ['SampleCount', 'Average', 'Sum', 'Minimum', 'Maximum', 'IQM']
/** A percentage 0-100 with at most 10 decimal places. */
const PERCENT = String.raw`\d{1,3}(?:\.\d{1,10})?`
const VALUE = String.raw`-?\d+(?:\.\d+)?`
const SHORT = new RegExp(`^(?:p|tm|wm|tc|ts)(${PERCENT})$`)
const BOUNDED = new RegExp(`^(?:TM|WM|TC|TS)\\((?:(${PERCENT})%)?:(?:(${PERCENT})%)?\\)$`)
const BOUNDED_VALUES = new RegExp(`^(?:TM|WM|TC|TS|PR)\\((${VALUE})?:(${VALUE})?\\)$`)

/** Whether CloudWatch's GetMetricData accepts `stat` as a MetricStat's Stat. */
export function isStatistic(stat: string): boolean {
  if (NAMED.includes(stat)) return true
  const short = SHORT.exec(stat)
  if (short) return Number(short[1]) <= 100
  const percentages = BOUNDED.exec(stat)
  const bounded = percentages ?? BOUNDED_VALUES.exec(stat)
  if (!bounded) return false
  const [lower, upper] = [bounded[1], bounded[2]]
  if (lower === undefined && upper === undefined) return false
  if (percentages && [lower, upper].some(b => b !== undefined && Number(b) > 100)) return false
  return lower === undefined || upper === undefined || Number(lower) < Number(upper)
}

/**
 * Why `text` cannot be a CloudWatch name (`what`: "namespace"), or undefined: printable ASCII, at least one
 * character that is not a space, at most `max` characters, and for a namespace or dimension name no leading ":".
 */
export function nameProblem(what: string, text: string, max: number, opts: { noLeadingColon?: boolean } = {}): string | undefined {
  if (text.trim() === '') return `has an empty ${what}`
  if (text.length > max) return `has a ${what} of ${text.length} characters; CloudWatch takes at most ${max}`
  if (!/^[\x20-\x7e]+$/.test(text)) return `has ${what} "${text}"; CloudWatch takes printable ASCII characters only`
  if (opts.noLeadingColon && text.startsWith(':')) return `has ${what} "${text}"; CloudWatch does not take one starting with ":"`
  return undefined
}

/** The latency gates that decide how many queries the action adds for latency. */
export interface OwnQueryGates {
  latencyStatistic: LatencyStatistic
  maxLatencyMs?: number
  maxLatencyIncrease?: number
}

/**
 * The metric queries the action itself puts into each poll's GetMetricData (src/adapters/cloudwatch.ts
 * buildQueries), the most it ever sends: both versions' Invocations and Errors, both versions' latency
 * statistic over the window and per period, the alias's Throttles, and for a percentile statistic the
 * percentile ranks at the latency-increase threshold (both versions) and at max-latency (the new version).
 */
export function ownMetricQueries(gates: OwnQueryGates): number {
  const percentile = quantileOf(gates.latencyStatistic) !== undefined
  const increase = percentile && gates.maxLatencyIncrease !== undefined ? 2 : 0
  const max = percentile && gates.maxLatencyMs !== undefined ? 1 : 0
  return 4 + 2 + 2 + 1 + increase + max
}
