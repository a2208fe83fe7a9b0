// Metric gates and alarms are held to CloudWatch's documented limits while the inputs are read: the statistic
// syntax, 30 dimensions, name lengths and characters, and 500 queries per GetMetricData counting the action's own.
import { quoted } from '../src/parse.js'
import { describe, expect, it } from '@jest/globals'
import { buildQueries, periodQueries, windowQueries } from '../src/adapters/cloudwatch.js'
import type { LatencyStatistic } from '../src/evidence.js'
import { ownMetricQueries, isStatistic } from '../src/inputs/cloudwatch-limits.js'
import { readSettings } from '../src/inputs/index.js'
import { InputError } from '../src/parse.js'
import { metricGatesJson } from './helpers/bad-inputs.js'
import { inputsFrom } from './helpers/fakes.js'

const run = (inputs: Record<string, string>) =>
  readSettings(inputsFrom({ 'function-name': 'api', version: '7', ...inputs }), { AWS_REGION: 'us-east-1' }).run

function errorOf(f: () => unknown): InputError {
  try {
    f()
  } catch (e) {
    if (e instanceof InputError) return e
    throw e
  }
  throw new Error('no error')
}

const oneGate = (fields: Record<string, unknown>) =>
  JSON.stringify([{ namespace: 'App', metric: 'Errors', statistic: 'Sum', comparison: '>', threshold: 1, ...fields }])
const SHAPE =
  'give a YAML or JSON list of gates, each with namespace, metric, dimensions (a map), statistic (a CloudWatch statistic such as Sum, Average, Maximum, p99 or TM(10%:90%)), comparison (">", ">=", "<", "<=" or GreaterThanThreshold …) and a numeric threshold; name is optional'

describe('statistics as CloudWatch spells them', () => {
  it.each([
    'SampleCount',
    'Average',
    'Sum',
    'Minimum',
    'Maximum',
    'IQM',
    'p0',
    'p50',
    'p99',
    'p99.9',
    'p99.99',
    'p100',
    'p99.9999999999',
    'tm90',
    'wm98',
    'tc90',
    'ts90',
    'TM(10%:90%)',
    'TM(2%:98%)',
    'TM(:95%)',
    'TM(10%:)',
    'TM(150:1000)',
    'WM(10%:90%)',
    'TC(10%:90%)',
    'TS(5%:95%)',
    'PR(:300)',
    'PR(100:2000)',
    'PR(0.5:)'
  ])('%s is accepted', stat => {
    expect(isStatistic(stat)).toBe(true)
    expect(run({ 'metric-gates': oneGate({ statistic: stat }) }).gates.metricGates?.[0]?.statistic).toBe(stat)
  })

  it.each([
    'avg',
    'sum',
    'Median',
    'P99',
    'p',
    'p101',
    'p100.5',
    'p99.12345678901',
    'tm',
    'tm101',
    'TM()',
    'TM(:)',
    'TM(90%:10%)',
    'TM(10%:1000)',
    'TM(10%:110%)',
    'PR(10%:90%)',
    'PR(2000:100)',
    'XX(1:2)',
    'p99 '
  ])('%s is refused', stat => {
    expect(isStatistic(stat)).toBe(false)
  })

  it('the error names the statistic and lists the forms CloudWatch takes', () => {
    const raw = oneGate({ statistic: 'Median' })
    expect(errorOf(() => run({ 'metric-gates': raw })).message).toBe(
      `Input "metric-gates" has an invalid value "${raw}": gate 1 has statistic "Median", which CloudWatch does not take; use SampleCount, Average, Sum, Minimum, Maximum, IQM, a percentile p0 to p100 (e.g. p99 or p99.9), tm90/wm90/tc90/ts90, TM/WM/TC/TS(lower:upper) with percentages like TM(10%:90%) or values like TM(150:1000), or PR(lower:upper) like PR(:300); ${SHAPE}`
    )
  })
})

describe('dimensions and names', () => {
  const dims = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`D${i}`, 'v']))

  it('30 dimensions are accepted; 31 are refused', () => {
    expect(Object.keys(run({ 'metric-gates': oneGate({ dimensions: dims(30) }) }).gates.metricGates?.[0]?.dimensions ?? {})).toHaveLength(
      30
    )
    const raw = oneGate({ dimensions: dims(31) })
    expect(errorOf(() => run({ 'metric-gates': raw })).message).toBe(
      `Input "metric-gates" has an invalid value "${quoted(raw)}": gate 1 has 31 dimensions; CloudWatch takes at most 30 per metric; ${SHAPE}`
    )
  })

  it('a dimension value may be 1024 characters, a name 255; one more is refused', () => {
    expect(run({ 'metric-gates': oneGate({ dimensions: { ['N'.repeat(255)]: 'v'.repeat(1024) } }) }).gates.metricGates).toHaveLength(1)
    const longValue = oneGate({ dimensions: { QueueName: 'v'.repeat(1025) } })
    expect(errorOf(() => run({ 'metric-gates': longValue })).message).toContain(
      'gate 1 has a value for dimension "QueueName" of 1025 characters; CloudWatch takes at most 1024'
    )
    const longName = oneGate({ dimensions: { ['N'.repeat(256)]: 'v' } })
    expect(errorOf(() => run({ 'metric-gates': longName })).message).toContain(
      'gate 1 has a dimension name of 256 characters; CloudWatch takes at most 255'
    )
  })

  it.each([
    [{ dimensions: { QueueName: ' ' } }, 'gate 1 has an empty value for dimension "QueueName"'],
    [
      { dimensions: { QueueName: 'dlq\u0007' } },
      'gate 1 has value for dimension "QueueName" "dlq\u0007"; CloudWatch takes printable ASCII characters only'
    ],
    [{ dimensions: { ':Queue': 'q' } }, 'gate 1 has dimension name ":Queue"; CloudWatch does not take one starting with ":"'],
    [{ namespace: ':App' }, 'gate 1 has namespace ":App"; CloudWatch does not take one starting with ":"'],
    [{ metric: 'Latenz-µs' }, 'gate 1 has metric name "Latenz-µs"; CloudWatch takes printable ASCII characters only'],
    [{ metric: 'M'.repeat(256) }, 'gate 1 has a metric name of 256 characters; CloudWatch takes at most 255']
  ])('%j is refused: %s', (fields, problem) => {
    const raw = oneGate(fields)
    expect(errorOf(() => run({ 'metric-gates': raw })).message).toBe(
      `Input "metric-gates" has an invalid value "${raw}": ${problem}; ${SHAPE}`
    )
  })

  it('a 255-character namespace and metric name with spaces and punctuation are accepted', () => {
    const gate = run({ 'metric-gates': oneGate({ namespace: 'N'.repeat(255), metric: 'p99 latency (ms): /checkout' }) }).gates
      .metricGates?.[0]
    expect(gate?.metric).toBe('p99 latency (ms): /checkout')
  })
})

describe('one GetMetricData call holds the metric gates and the action’s own queries: at most 500', () => {
  const query = (stat: LatencyStatistic, increase: boolean, max: boolean, gates: number) => {
    const percentile = stat !== 'avg' && stat !== 'max'
    const thresholds = { ...(percentile && increase ? { increaseMs: 150 } : {}), ...(percentile && max ? { maxMs: 2000 } : {}) }
    return {
      newVersion: '7',
      oldVersion: '6',
      start: 0,
      end: 600_000,
      periodSeconds: 60,
      latencyStatistic: stat,
      metricGates: Array.from({ length: gates }, (_, i) => ({
        name: `g${i}`,
        namespace: 'App',
        metric: `M${i}`,
        dimensions: {},
        statistic: 'Sum',
        comparison: '>' as const,
        threshold: 1
      })),
      ...(Object.keys(thresholds).length > 0 ? { latencyThresholds: thresholds } : {})
    }
  }

  it.each(
    (['p99', 'p99.9', 'avg', 'max'] as const).flatMap(stat =>
      [false, true].flatMap(increase => [false, true].map(max => [stat, increase, max] as const))
    )
  )('the count of the action’s own queries is what the adapter sends (%s, increase %s, max %s)', (stat, increase, max) => {
    const own = ownMetricQueries({
      latencyStatistic: stat,
      ...(increase ? { maxLatencyIncrease: 0.5 } : {}),
      ...(max ? { maxLatencyMs: 2000 } : {})
    })
    const q = query(stat, increase, max, 3)
    expect(buildQueries('api', 'live', q)).toHaveLength(own + 3)
    // An incremental read sends two calls; each holds fewer than the whole-window read.
    expect(periodQueries('api', 'live', q).length + windowQueries('api', 'live', q).length).toBe(own + 3)
  })

  it.each([
    [{}, 11],
    [{ 'max-latency': '2s' }, 12],
    [{ 'max-latency-increase': 'off' }, 9],
    [{ 'latency-statistic': 'avg', 'max-latency': '2s' }, 9]
  ])('with %j the action reads %i metrics itself: %i gates are accepted, one more is refused', (inputs, own) => {
    const fit = 500 - own
    expect(run({ ...inputs, 'metric-gates': metricGatesJson(fit) }).gates.metricGates).toHaveLength(fit)
    const raw = metricGatesJson(fit + 1)
    expect(errorOf(() => run({ ...inputs, 'metric-gates': raw })).message).toBe(
      `Input "metric-gates" has an invalid value "${quoted(raw)}": ${fit + 1} gates and the action's own ${own} metric queries (both versions' invocations, errors and latency, throttles) make 501, more than the 500 one GetMetricData call takes; give at most ${fit} gates`
    )
  })
})

describe('alarms', () => {
  it.each([
    [',', 'entry 1 of 2 is blank'],
    ['a,', 'entry 2 of 2 is blank'],
    [',a', 'entry 1 of 2 is blank'],
    ['a,,b', 'entry 2 of 3 is blank'],
    ['a\n\nb', 'entry 2 of 3 is blank'],
    ['a, ,b', 'entry 2 of 3 is blank']
  ])('%j: a blank entry is an error (%s)', (raw, which) => {
    expect(errorOf(() => run({ alarms: raw })).message).toBe(
      `Input "alarms" has an invalid value "${raw}": list CloudWatch alarm names, separated by commas or new lines, with no blank entries (${which})`
    )
  })

  it('names with spaces and a trailing newline (a YAML block scalar) are read; 255 characters is the longest', () => {
    expect(run({ alarms: 'api 5xx\napi-p99\n' }).alarms).toEqual(['api 5xx', 'api-p99'])
    expect(run({ alarms: 'x'.repeat(255) }).alarms).toHaveLength(1)
    expect(errorOf(() => run({ alarms: 'x'.repeat(256) })).message).toBe(
      `Input "alarms" has an invalid value "${'x'.repeat(256)}": alarm name "${'x'.repeat(40)}…" is longer than 255 characters; CloudWatch alarm names are 1 to 255 characters`
    )
  })

  it('more than 100 alarms are accepted: DescribeAlarms is asked 100 names at a time', () => {
    const names = Array.from({ length: 250 }, (_, i) => `alarm-${i}`)
    expect(run({ alarms: names.join(',') }).alarms).toHaveLength(250)
  })
})
