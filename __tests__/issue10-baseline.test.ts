// Issue 10: the old version's pre-deployment baseline (read exactly once, in one GetMetricData call), the gates
// that use it at 100%, the refusal of a stage no gate could fail, and what plan mode says per stage.
import { describe, expect, it } from '@jest/globals'
import { CloudWatchClient, GetMetricDataCommand } from '@aws-sdk/client-cloudwatch'
import { mockClient } from 'aws-sdk-client-mock'
import { sdkCloudWatchApi } from '../src/adapters/aws-cloudwatch-api.js'
import { CloudWatchMetrics } from '../src/adapters/cloudwatch.js'
import { T0, deploy, harness, settingsFrom } from './helpers/fakes.js'

const settings = (extra: Record<string, string> = {}) => settingsFrom({ 'function-name': 'api', version: '2', ...extra })
const aliasOf = (h: ReturnType<typeof harness>) => ({ version: h.alias.state.version, weights: h.alias.state.weights })

describe('the baseline read', () => {
  it('is one GetMetricData call: the old version per period (Invocations, Errors) and its statistic over the window', async () => {
    const cw = mockClient(CloudWatchClient)
    cw.on(GetMetricDataCommand).resolves({
      MetricDataResults: [
        { Id: 'invocations', Timestamps: [new Date(T0 - 120_000), new Date(T0 - 60_000)], Values: [600, 540] },
        { Id: 'errors', Timestamps: [new Date(T0 - 120_000), new Date(T0 - 60_000)], Values: [3, 900] },
        { Id: 'latency', Timestamps: [new Date(T0 - 120_000)], Values: [310.5] }
      ]
    })
    const metrics = new CloudWatchMetrics(sdkCloudWatchApi(new CloudWatchClient({ region: 'us-east-1' })), 'api', 'live')
    const b = await metrics.baseline({ version: '1', start: T0 - 3_600_000, end: T0, periodSeconds: 60, latencyStatistic: 'p99' })
    const calls = cw.commandCalls(GetMetricDataCommand)
    expect(calls).toHaveLength(1)
    const dims = [
      { Name: 'FunctionName', Value: 'api' },
      { Name: 'Resource', Value: 'api:live' },
      { Name: 'ExecutedVersion', Value: '1' }
    ]
    const stat = (Id: string, MetricName: string, Stat: string, Period: number) => ({
      Id,
      MetricStat: { Metric: { Namespace: 'AWS/Lambda', MetricName, Dimensions: dims }, Period, Stat },
      ReturnData: true
    })
    expect(calls[0]!.args[0].input).toEqual({
      MetricDataQueries: [
        stat('invocations', 'Invocations', 'Sum', 60),
        stat('errors', 'Errors', 'Sum', 60),
        stat('latency', 'Duration', 'p99', 3600)
      ],
      StartTime: new Date(T0 - 3_600_000),
      EndTime: new Date(T0),
      ScanBy: 'TimestampAscending'
    })
    // Errors never count above the period's invocations (a datapoint that landed before its Invocations).
    expect(b.periods).toEqual([
      { time: T0 - 120_000, invocations: 600, errors: 3 },
      { time: T0 - 60_000, invocations: 540, errors: 540 }
    ])
    expect(b).toMatchObject({ version: '1', invocations: 1140, errors: 543, latencyMs: 310.5, latencyStatistic: 'p99' })
    cw.restore()
  })

  it('is read before the first shift, recorded in the preflight findings, with its dispersion', async () => {
    const h = harness()
    const outcome = await deploy(settings(), h.ports)
    expect(outcome.result).toBe('promoted')
    expect(h.metrics.baselineReads).toEqual([{ version: '1', start: T0 - 3_600_000, end: T0, periodSeconds: 60, latencyStatistic: 'p99' }])
    const preflight = outcome.timeline.find(e => e.type === 'preflight')
    expect(preflight?.type === 'preflight' && preflight.findings.map(f => f.message)).toContainEqual(
      'baseline: version 1 over the last 1h: 360000 invocations (6000/min), 360 errors (0.1%), p99 120 ms, φ = 1'
    )
  })
})

describe('stages at 100% are judged against the baseline', () => {
  it('all-at-once + final bake: an error regression at 100% restores the alias', async () => {
    const h = harness({ errorRate: v => (v === '2' ? 0.05 : 0.001) })
    const outcome = await deploy(settings({ strategy: 'all-at-once', 'final-bake': '10m' }), h.ports)
    expect(outcome.result).toBe('rolled-back')
    expect(outcome.reason).toMatch(
      /error rate of the new version at 100% 5% .* above the old version's 0\.1% \(360\/360000\) before the deployment/
    )
    expect(aliasOf(h)).toEqual({ version: '1', weights: {} })
  })

  it('blue-green: a latency regression at 100% (warm) restores the alias', async () => {
    const h = harness({ latencyMs: v => (v === '2' ? 400 : 120) })
    const outcome = await deploy(settings({ strategy: 'blue-green', 'bake-time': '10m', 'smoke-payload': '{}' }), h.ports)
    expect(outcome.result).toBe('rolled-back')
    expect(outcome.reason).toContain("warm p99 latency of the new version is more than 50% above the baseline's 120 ms")
    expect(aliasOf(h)).toEqual({ version: '1', weights: {} })
  })

  it('a healthy all-at-once + final bake is promoted, its last stage passed (judged)', async () => {
    const h = harness()
    const outcome = await deploy(settings({ strategy: 'all-at-once', 'final-bake': '10m' }), h.ports)
    expect(outcome.result).toBe('promoted')
    const end = outcome.timeline.filter(e => e.type === 'stage-end').at(-1)
    expect(end?.type === 'stage-end' && end.decision).toBe('pass')
  })
})

describe('no stage passes unjudged', () => {
  it('no old-version traffic in the window and no absolute gate: refused before any write, naming what to add', async () => {
    const h = harness({ baselineRate: 0 })
    const outcome = await deploy(settings({ strategy: 'all-at-once', 'final-bake': '10m' }), h.ports)
    expect(outcome.result).toBe('failed')
    expect(outcome.reason).toMatch(/^stage 1 \(100% for 10m\) has no gate that could fail it: .*add max-error-rate/)
    expect(outcome.reason).toContain('allow-unjudged-stages')
    expect(h.alias.writes).toEqual([])
  })

  it('baseline-window: 0 with max-error-rate: the absolute gate judges the stage', async () => {
    const h = harness({ errorRate: v => (v === '2' ? 0.2 : 0.001) })
    const outcome = await deploy(
      settings({ strategy: 'all-at-once', 'final-bake': '10m', 'baseline-window': '0', 'max-error-rate': '2%' }),
      h.ports
    )
    expect(outcome.result).toBe('rolled-back')
    expect(h.metrics.baselineReads).toEqual([])
  })

  it('allow-unjudged-stages: the stage runs and is reported "not judged", never "passed"', async () => {
    const h = harness({ baselineRate: 0 })
    const outcome = await deploy(settings({ strategy: 'all-at-once', 'final-bake': '5m', 'allow-unjudged-stages': 'true' }), h.ports)
    expect(outcome.result).toBe('promoted')
    const end = outcome.timeline.filter(e => e.type === 'stage-end').at(-1)
    expect(end?.type === 'stage-end' && end.decision).toBe('not-judged')
  })

  it('plan mode names the gates of each stage and whether the traffic reaches their minimum', async () => {
    const h = harness({ rate: 2 })
    const outcome = await deploy(settings({ mode: 'plan', strategy: 'custom', steps: '10%:5m, 50%:10m', 'final-bake': '10m' }), h.ports)
    expect(outcome.result).toBe('planned')
    const preflight = outcome.timeline.find(e => e.type === 'preflight')
    const lines = preflight?.type === 'preflight' ? preflight.findings.map(f => f.message) : []
    expect(lines.find(l => l.startsWith('stage 1 (10% for 5m'))).toMatch(
      /≈ 60 invocations of the new version expected\): judged by error-rate-increase \(against the old version in the same periods.*latency-increase \(warm p99 against the baseline; needs 1000 warm invocations, which the stage cannot gather at this traffic: not judged at this traffic .*p95/
    )
    expect(lines.find(l => l.startsWith('stage 3 (100% for 10m'))).toMatch(/judged by error-rate-increase \(against the baseline/)
    expect(h.alias.writes).toEqual([])
  })
})

describe('defaults at 2 requests per second', () => {
  it('a healthy release is promoted: the p99 gate it cannot reach does not hold it', async () => {
    const h = harness({ rate: 2, errorRate: () => 0.005 })
    const outcome = await deploy(settings(), h.ports)
    expect(`${outcome.result}: ${outcome.reason}`).toMatch(/^promoted/)
  })

  it('a gross one (10% vs 0.5%) is not, once a final bake watches it at 100% against the baseline', async () => {
    // The default 10%/5m canary alone sees 60 invocations of the new version at 2 requests/s: a 10% error rate
    // there is evidence only at p ≈ 0.002, above what one look may spend; the final bake at 100% catches it.
    const h = harness({ rate: 2, errorRate: v => (v === '2' ? 0.1 : 0.005) })
    const outcome = await deploy(settings({ 'final-bake': '5m' }), h.ports)
    expect(outcome.result).toBe('rolled-back')
    expect(aliasOf(h)).toEqual({ version: '1', weights: {} })
  })
})
