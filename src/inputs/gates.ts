// How the new version is judged: the error, latency, throttle and relative gates, the confidence, the
// evidence each stage needs, custom metric gates and CloudWatch alarms.
import { Inputs } from '../constants.js'
import type { Comparison, LatencyStatistic, MetricGate } from '../evidence.js'
import type { Gates } from '../judge/index.js'
import { InputError, parseChoice, parseFraction, parseList, parseMilliseconds, parseNonNegativeInt } from '../parse.js'
import { ON_INSUFFICIENT_DATA, type OnInsufficientData } from '../settings.js'
import {
  MAX_DIMENSIONS,
  MAX_DIMENSION_VALUE_LENGTH,
  MAX_NAME_LENGTH,
  MAX_QUERIES_PER_GET_METRIC_DATA,
  STATISTIC_FORMS,
  isStatistic,
  nameProblem,
  ownMetricQueries
} from './cloudwatch-limits.js'
import { type InputReader, type YamlParser, parseJsonOnly } from './reader.js'

const LATENCY_STATISTICS: readonly LatencyStatistic[] = ['p50', 'p90', 'p95', 'p99', 'p99.9', 'avg', 'max']

export function readGates(input: InputReader, parseYaml: YamlParser): Gates {
  const maxErrorRateRaw = input(Inputs.MaxErrorRate)
  const maxErrorRateIncreaseRaw = input(Inputs.MaxErrorRateIncrease)
  const maxLatencyRaw = input(Inputs.MaxLatency)
  const maxLatencyIncreaseRaw = input(Inputs.MaxLatencyIncrease)
  const maxThrottlesRaw = input(Inputs.MaxThrottles)
  const statistic = parseChoice(Inputs.LatencyStatistic, input(Inputs.LatencyStatistic), LATENCY_STATISTICS)
  const confidenceRaw = input(Inputs.Confidence)
  const confidence = parseFraction(Inputs.Confidence, confidenceRaw, { allowOne: false })
  if (confidence < 0.5 || confidence > 0.9999) {
    throw new InputError(Inputs.Confidence, confidenceRaw, 'use a confidence from "50%" to "99.99%", e.g. "99%" or "0.99"')
  }
  const gates: Gates = {
    latencyStatistic: statistic,
    minInvocations: parseNonNegativeInt(Inputs.MinInvocations, input(Inputs.MinInvocations)),
    confidence
  }
  const off = (raw: string) => raw === '' || raw.toLowerCase() === 'off'
  if (!off(maxErrorRateRaw)) gates.maxErrorRate = parseFraction(Inputs.MaxErrorRate, maxErrorRateRaw, { allowZero: true })
  if (!off(maxErrorRateIncreaseRaw)) gates.maxErrorRateIncrease = parsePoints(Inputs.MaxErrorRateIncrease, maxErrorRateIncreaseRaw)
  if (!off(maxLatencyRaw)) gates.maxLatencyMs = parseMilliseconds(Inputs.MaxLatency, maxLatencyRaw)
  if (!off(maxLatencyIncreaseRaw)) gates.maxLatencyIncrease = parseIncrease(Inputs.MaxLatencyIncrease, maxLatencyIncreaseRaw)
  if (!off(maxThrottlesRaw)) gates.maxThrottles = parseNonNegativeInt(Inputs.MaxThrottles, maxThrottlesRaw)
  const metricGates = parseMetricGates(input(Inputs.MetricGates), parseYaml)
  checkQueryBudget(input(Inputs.MetricGates), metricGates.length, gates)
  if (metricGates.length > 0) gates.metricGates = metricGates
  return gates
}

/** Each poll reads the metric gates in the same GetMetricData call as the action's own metrics: all must fit in one. */
function checkQueryBudget(raw: string, gateCount: number, gates: Gates): void {
  const own = ownMetricQueries(gates)
  if (own + gateCount <= MAX_QUERIES_PER_GET_METRIC_DATA) return
  throw new InputError(
    Inputs.MetricGates,
    raw,
    `${gateCount} gates and the action's own ${own} metric queries (both versions' invocations, errors and latency, throttles) make ${own + gateCount}, more than the ${MAX_QUERIES_PER_GET_METRIC_DATA} one GetMetricData call takes; give at most ${MAX_QUERIES_PER_GET_METRIC_DATA - own} gates`
  )
}

/** alarms: CloudWatch alarm names; any of them in ALARM fails the stage. */
export function readAlarms(input: InputReader): string[] {
  const raw = input(Inputs.Alarms)
  const alarms = parseList(Inputs.Alarms, raw, 'CloudWatch alarm names')
  for (const name of alarms) {
    if (name.length > MAX_NAME_LENGTH)
      throw new InputError(
        Inputs.Alarms,
        raw,
        `alarm name "${name.slice(0, 40)}…" is longer than ${MAX_NAME_LENGTH} characters; CloudWatch alarm names are 1 to ${MAX_NAME_LENGTH} characters`
      )
    // biome-ignore lint/suspicious/noControlCharactersInRegex: CloudWatch alarm names cannot hold control characters
    if (/[\u0000-\u001f\u007f]/.test(name))
      throw new InputError(Inputs.Alarms, raw, 'list CloudWatch alarm names; a name cannot hold control characters such as a tab')
  }
  return alarms
}

/** on-insufficient-data: what a stage that ends without min-invocations does. */
export function readOnInsufficientData(input: InputReader): OnInsufficientData {
  return parseChoice(Inputs.OnInsufficientData, input(Inputs.OnInsufficientData), ON_INSUFFICIENT_DATA)
}

/** Percentage points: "0.5pp", "0.5%" (read as points) or a fraction "0.005". */
function parsePoints(name: string, raw: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*(pp|%)?$/i.exec(raw.trim())
  const accepted = 'use percentage points like "0.5pp" (or "0.5%"), or a fraction like "0.005"; "off" turns the gate off'
  if (!m) throw new InputError(name, raw, accepted)
  const value = m[2] ? Number(m[1]) / 100 : Number(m[1])
  if (!(value > 0 && value < 1)) throw new InputError(name, raw, `${accepted}; above 0 and below 100 points`)
  return Math.round(value * 1e9) / 1e9
}

/** An increase over the old version: "50%", a fraction "0.5", or a ratio "1.5x". */
function parseIncrease(name: string, raw: string): number {
  const value = raw.trim()
  const accepted =
    'use a percentage like "50%", a fraction like "0.5" or a ratio like "1.5x" (all mean 50% slower than the old version at most); "off" turns the gate off'
  const ratio = /^(\d+(?:\.\d+)?)\s*x$/i.exec(value)
  const pct = /^(\d+(?:\.\d+)?)\s*%$/.exec(value)
  const fraction = /^(\d*\.?\d+)$/.exec(value)
  const increase = ratio ? Number(ratio[1]) - 1 : pct ? Number(pct[1]) / 100 : fraction ? Number(fraction[1]) : NaN
  if (!(increase > 0) || !Number.isFinite(increase) || increase > 100) throw new InputError(name, raw, accepted)
  return Math.round(increase * 1e9) / 1e9
}

const COMPARISONS: Record<string, Comparison> = {
  '>': '>',
  '>=': '>=',
  '<': '<',
  '<=': '<=',
  greaterthanthreshold: '>',
  greaterthanorequaltothreshold: '>=',
  lessthanthreshold: '<',
  lessthanorequaltothreshold: '<='
}
const METRIC_GATE_KEYS = ['name', 'namespace', 'metric', 'dimensions', 'statistic', 'comparison', 'threshold']
const METRIC_GATES_SHAPE =
  'give a YAML or JSON list of gates, each with namespace, metric, dimensions (a map), statistic (a CloudWatch statistic such as Sum, Average, Maximum, p99 or TM(10%:90%)), comparison (">", ">=", "<", "<=" or GreaterThanThreshold …) and a numeric threshold; name is optional'

/**
 * metric-gates: a YAML or JSON list of { name?, namespace, metric, dimensions, statistic, comparison,
 * threshold }. The stage fails when the metric's statistic over the deployment `comparison` threshold.
 */
export function parseMetricGates(raw: string, parseYaml: YamlParser = parseJsonOnly): MetricGate[] {
  if (raw.trim() === '') return []
  let parsed: unknown
  try {
    parsed = parseYaml(raw)
  } catch (e) {
    throw new InputError(
      Inputs.MetricGates,
      raw,
      `it is not valid YAML or JSON (${(e as Error).message.split('\n')[0]}); ${METRIC_GATES_SHAPE}`
    )
  }
  if (!Array.isArray(parsed) || parsed.length === 0) throw new InputError(Inputs.MetricGates, raw, METRIC_GATES_SHAPE)
  const names = new Set<string>()
  return parsed.map((item: unknown, i: number) => parseMetricGate(raw, item, `gate ${i + 1}`, names))
}

/** One item of metric-gates (`where`: "gate 2"), named apart from the `names` before it; errors quote the whole input. */
function parseMetricGate(raw: string, item: unknown, where: string, names: Set<string>): MetricGate {
  const refuse = (problem: string) => new InputError(Inputs.MetricGates, raw, `${where} ${problem}; ${METRIC_GATES_SHAPE}`)
  if (typeof item !== 'object' || item === null || Array.isArray(item)) throw refuse('is not a map')
  const g = item as Record<string, unknown>
  const unknown = Object.keys(g).filter(k => !METRIC_GATE_KEYS.includes(k))
  if (unknown.length > 0) throw refuse(`has unknown key${unknown.length > 1 ? 's' : ''} ${unknown.map(k => `"${k}"`).join(', ')}`)
  const text = (key: string) => {
    const v = g[key]
    if (typeof v !== 'string' || v.trim() === '') throw refuse(`needs "${key}" as text`)
    return v.trim()
  }
  const namespace = text('namespace')
  const metric = text('metric')
  const problem =
    nameProblem('namespace', namespace, MAX_NAME_LENGTH, { noLeadingColon: true }) ?? nameProblem('metric name', metric, MAX_NAME_LENGTH)
  if (problem) throw refuse(problem)
  const dimensions = parseDimensions(g.dimensions, refuse)
  const statistic = text('statistic')
  if (!isStatistic(statistic)) throw refuse(`has statistic "${statistic}", which CloudWatch does not take; use ${STATISTIC_FORMS}`)
  const comparison = COMPARISONS[text('comparison').toLowerCase()]
  if (!comparison) throw refuse(`has comparison "${String(g.comparison)}"`)
  const threshold =
    typeof g.threshold === 'number' ? g.threshold : typeof g.threshold === 'string' && g.threshold.trim() !== '' ? Number(g.threshold) : NaN
  if (!Number.isFinite(threshold)) throw refuse(`has threshold "${String(g.threshold)}", not a number`)
  const name = typeof g.name === 'string' && g.name.trim() !== '' ? g.name.trim() : `${namespace} ${metric}`
  if (names.has(name)) throw new InputError(Inputs.MetricGates, raw, `two gates are named "${name}"; give each a distinct name`)
  names.add(name)
  return { name, namespace, metric, dimensions, statistic, comparison, threshold }
}

/** A gate's dimensions: a map of at most 30 names (1-255 characters) to values (1-1024), printable ASCII. */
function parseDimensions(value: unknown, refuse: (problem: string) => InputError): Record<string, string> {
  const dimensions = value ?? {}
  if (
    typeof dimensions !== 'object' ||
    dimensions === null ||
    Array.isArray(dimensions) ||
    Object.values(dimensions).some(v => typeof v !== 'string' && typeof v !== 'number')
  ) {
    throw refuse('has "dimensions" that is not a map of names to values')
  }
  const entries = Object.entries(dimensions as Record<string, string | number>).map(([k, v]) => [k, String(v)] as const)
  if (entries.length > MAX_DIMENSIONS)
    throw refuse(`has ${entries.length} dimensions; CloudWatch takes at most ${MAX_DIMENSIONS} per metric`)
  for (const [name, v] of entries) {
    const problem =
      nameProblem('dimension name', name, MAX_NAME_LENGTH, { noLeadingColon: true }) ??
      nameProblem(`value for dimension "${name}"`, v, MAX_DIMENSION_VALUE_LENGTH)
    if (problem) throw refuse(problem)
  }
  return Object.fromEntries(entries)
}
