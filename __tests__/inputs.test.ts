import { describe, expect, it } from '@jest/globals'
import { getSettings } from '../src/inputs.js'
import { InputError } from '../src/parse.js'
import { inputsFrom } from './helpers/fakes.js'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const base = { 'function-name': 'my-api', version: '7' }
const settings = (extra: Record<string, string>, env: NodeJS.ProcessEnv = { AWS_REGION: 'us-west-2' }) =>
  getSettings(inputsFrom({ ...base, ...extra }), env)

describe('good inputs', () => {
  it('defaults: canary 10% for 5m on alias live, judged against the old version, 20 invocations, fail on no data', () => {
    const s = settings({})
    expect(s).toMatchObject({
      mode: 'deploy',
      fn: { name: 'my-api', id: 'my-api' },
      alias: 'live',
      region: 'us-west-2',
      release: { kind: 'version', version: '7' },
      plan: { stages: [{ weight: 0.1, bakeSeconds: 300 }], finalBakeSeconds: 0 },
      gates: { maxErrorRateIncrease: 0.005, maxLatencyIncrease: 0.5, latencyStatistic: 'p99', minInvocations: 20, confidence: 0.99 },
      alarms: [],
      metricPeriodSeconds: 60,
      metricLagSeconds: 120,
      pollIntervalSeconds: 30,
      onInsufficientData: 'fail',
      onSplitAlias: 'restore'
    })
    expect(s.gates.maxLatencyMs).toBeUndefined()
    expect(s.gates.maxErrorRate).toBeUndefined()
    expect(s.gates.maxThrottles).toBeUndefined()
  })

  it('reads every gate and timing input', () => {
    const s = settings({
      'max-error-rate': '0.5%',
      'max-latency': '2s',
      'max-error-rate-increase': '0.2pp',
      'max-latency-increase': '1.25x',
      'metric-gates': '- name: api-5xx\n  namespace: AWS/ApiGateway\n  metric: 5XXError\n  dimensions: { ApiName: api, Stage: prod }\n  statistic: Sum\n  comparison: GreaterThanThreshold\n  threshold: 5\n',
      'latency-statistic': 'P95',
      'max-throttles': '0',
      'min-invocations': '100',
      confidence: '95%',
      'on-insufficient-data': 'wait',
      alarms: 'api-5xx, api-p99\nqueue-depth',
      'metric-period': '1s',
      'metric-lag': '0s',
      'poll-interval': '5s',
      'final-bake': '2m',
      'on-split-alias': 'fail'
    })
    expect(s.gates).toEqual({
      maxErrorRate: 0.005,
      maxErrorRateIncrease: 0.002,
      maxLatencyMs: 2000,
      maxLatencyIncrease: 0.25,
      latencyStatistic: 'p95',
      maxThrottles: 0,
      minInvocations: 100,
      confidence: 0.95,
      metricGates: [{ name: 'api-5xx', namespace: 'AWS/ApiGateway', metric: '5XXError', dimensions: { ApiName: 'api', Stage: 'prod' }, statistic: 'Sum', comparison: '>', threshold: 5 }]
    })
    expect(s.alarms).toEqual(['api-5xx', 'api-p99', 'queue-depth'])
    expect([s.metricPeriodSeconds, s.metricLagSeconds, s.pollIntervalSeconds]).toEqual([1, 0, 5])
    expect(s.plan.finalBakeSeconds).toBe(120)
    expect(s.onInsufficientData).toBe('wait')
    expect(s.onSplitAlias).toBe('fail')
  })

  it('turns gates off with "off"', () => {
    const s = settings({ 'max-error-rate': 'off', 'max-error-rate-increase': 'off', 'max-latency-increase': 'off' })
    expect(s.gates.maxErrorRate).toBeUndefined()
    expect(s.gates.maxErrorRateIncrease).toBeUndefined()
    expect(s.gates.maxLatencyIncrease).toBeUndefined()
  })

  it('reads increases as points, percentages, fractions and ratios', () => {
    expect(settings({ 'max-error-rate-increase': '0.5%' }).gates.maxErrorRateIncrease).toBe(0.005)
    expect(settings({ 'max-error-rate-increase': '0.01' }).gates.maxErrorRateIncrease).toBe(0.01)
    expect(settings({ 'max-latency-increase': '0.2' }).gates.maxLatencyIncrease).toBe(0.2)
    expect(settings({ 'max-latency-increase': '2x' }).gates.maxLatencyIncrease).toBe(1)
  })

  it('reads metric gates as JSON too', () => {
    const s = settings({ 'metric-gates': '[{"namespace":"AWS/SQS","metric":"ApproximateNumberOfMessagesVisible","dimensions":{"QueueName":"dlq"},"statistic":"Maximum","comparison":">=","threshold":1}]' })
    expect(s.gates.metricGates).toEqual([
      { name: 'AWS/SQS ApproximateNumberOfMessagesVisible', namespace: 'AWS/SQS', metric: 'ApproximateNumberOfMessagesVisible', dimensions: { QueueName: 'dlq' }, statistic: 'Maximum', comparison: '>=', threshold: 1 }
    ])
  })

  it('takes the region from a full ARN and uses the name for metrics', () => {
    const s = settings({ 'function-name': 'arn:aws:lambda:eu-central-1:123456789012:function:my-api' }, {})
    expect(s.fn).toEqual({ name: 'my-api', id: 'arn:aws:lambda:eu-central-1:123456789012:function:my-api', region: 'eu-central-1' })
    expect(s.region).toBe('eu-central-1')
    expect(settings({ 'function-name': '123456789012:function:my-api' }).fn.name).toBe('my-api')
  })

  it('publish: true instead of a version', () => {
    expect(settings({ version: '', publish: 'true' }).release).toEqual({ kind: 'publish' })
  })

  it.each([
    ['canary', { 'canary-weight': '0.2', 'bake-time': '10m' }, [0.2], 600],
    ['linear', { 'step-weight': '25%', interval: '2m' }, [0.25, 0.5, 0.75], 360],
    ['all-at-once', {}, [], 0],
    ['blue-green', { 'bake-time': '15m', 'smoke-payload': '{}' }, [], 900],
    ['custom', { steps: '10%:5m, 25%:10m, 50%:15m, 75%:10m' }, [0.1, 0.25, 0.5, 0.75], 2400],
    ['LambdaLinear10PercentEvery1Minute', {}, [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9], 540],
    ['CodeDeployDefault.LambdaCanary10Percent30Minutes', {}, [0.1], 1800],
    ['AllAtOnce', {}, [], 0]
  ])('strategy %s', (strategy, extra, weights, total) => {
    const s = settings({ strategy, ...extra })
    expect(s.plan.stages.map(x => x.weight)).toEqual(weights)
    expect(s.plan.totalBakeSeconds).toBe(total)
  })

  it('smoke test: JSON or @file, count, and each kind of expectation', () => {
    const dir = mkdtempSync(join(tmpdir(), 'smoke-'))
    writeFileSync(join(dir, 'payload.json'), '{"path": "/health"}')
    const s = settings({ 'smoke-payload': '@payload.json', 'smoke-count': '3', 'smoke-expect': '{"statusCode": 200}' }, { AWS_REGION: 'us-east-1', GITHUB_WORKSPACE: dir })
    expect(s.smoke).toEqual({ payload: '{"path": "/health"}', count: 3, expect: { kind: 'subset', value: { statusCode: 200 } } })
    expect(settings({ 'smoke-payload': '{}', 'smoke-expect': '/"ok":\\s*true/i' }).smoke?.expect).toEqual({ kind: 'regex', pattern: /"ok":\s*true/i })
    expect(settings({ 'smoke-payload': '{}' }).smoke).toEqual({ payload: '{}', count: 1, expect: { kind: 'no-error' } })
    expect(settings({}).smoke).toBeUndefined()
  })

  it('hooks and their timeout', () => {
    const s = settings({ 'pre-traffic-hook': 'deploy-hooks:live', 'post-traffic-hook': 'arn:aws:lambda:us-west-2:123456789012:function:after', 'hook-timeout': '30s' })
    expect(s.hooks).toEqual({ preTraffic: 'deploy-hooks:live', postTraffic: 'arn:aws:lambda:us-west-2:123456789012:function:after', timeoutSeconds: 30 })
    expect(settings({}).hooks).toEqual({ timeoutSeconds: 60 })
  })

  it('plan mode', () => {
    expect(settings({ mode: 'plan' }).mode).toBe('plan')
  })
})

describe('bad inputs fail with the input named, the value quoted and what is accepted', () => {
  const cases: [string, Record<string, string>, string, string][] = [
    ['function-name', { 'function-name': '' }, '', 'required'],
    ['function-name', { 'function-name': 'my api' }, 'my api', 'function name'],
    ['function-name', { 'function-name': 'a'.repeat(65) }, 'a'.repeat(65), 'up to 64'],
    ['function-name', { 'function-name': 'arn:aws:lambda:us-east-1:123456789012:function:api:live' }, 'arn:aws:lambda:us-east-1:123456789012:function:api:live', 'without a version or alias'],
    ['function-name', { 'function-name': 'arn:aws:s3:::bucket' }, 'arn:aws:s3:::bucket', 'full ARN'],
    ['alias', { alias: '$LATEST' }, '$LATEST', 'alias name'],
    ['alias', { alias: '42' }, '42', 'not only digits'],
    ['alias', { alias: 'li ve' }, 'li ve', 'alias name'],
    ['aws-region', { 'aws-region': 'mars' }, 'mars', 'region code'],
    ['aws-region', { 'function-name': 'arn:aws:lambda:eu-west-1:123456789012:function:api', 'aws-region': 'us-east-1' }, 'us-east-1', 'must match'],
    ['version', { version: '$LATEST' }, '$LATEST', 'published version'],
    ['version', { version: 'v7' }, 'v7', 'published version number'],
    ['version', { version: '0' }, '0', 'published version number'],
    ['version', { version: '' }, '', 'publish: true'],
    ['version', { version: '7', publish: 'true' }, '7', 'not both'],
    ['publish', { version: '', publish: 'yes please' }, 'yes please', '"true" or "false"'],
    ['mode', { mode: 'yolo' }, 'yolo', '"deploy", "plan"'],
    ['strategy', { strategy: 'canery' }, 'canery', 'LambdaCanary10Percent5Minutes'],
    ['strategy', { strategy: 'LambdaCanary20Percent5Minutes' }, 'LambdaCanary20Percent5Minutes', 'preset'],
    ['canary-weight', { 'canary-weight': '0' }, '0', 'above 0'],
    ['canary-weight', { 'canary-weight': '-5%' }, '-5%', 'percentage'],
    ['canary-weight', { 'canary-weight': '100%' }, '100%', 'below 100%'],
    ['canary-weight', { 'canary-weight': '150%' }, '150%', 'percentage'],
    ['bake-time', { 'bake-time': '5' }, '5', 'with a unit'],
    ['bake-time', { 'bake-time': '7h' }, '7h', 'at most 6h'],
    ['bake-time', { strategy: 'blue-green', 'bake-time': 'forever' }, 'forever', 'with a unit'],
    ['step-weight', { strategy: 'linear', 'step-weight': '0%' }, '0%', 'above 0'],
    ['interval', { strategy: 'linear', interval: '1 minute' }, '1 minute', 'with a unit'],
    ['steps', { strategy: 'custom', steps: '' }, '', 'needs steps'],
    ['steps', { strategy: 'custom', steps: '50%:5m, 25%:5m' }, '50%:5m, 25%:5m', 'does not rise'],
    ['steps', { strategy: 'custom', steps: '10%:3h, 50%:3h' }, '10%:3h, 50%:3h', "6-hour job limit"],
    ['strategy', { strategy: 'LambdaLinear10PercentEvery10Minutes', 'final-bake': '5h' }, 'LambdaLinear10PercentEvery10Minutes', "6-hour job limit"],
    ['final-bake', { 'final-bake': 'soon' }, 'soon', 'with a unit'],
    ['max-error-rate', { 'max-error-rate': 'low' }, 'low', 'percentage'],
    ['max-error-rate', { 'max-error-rate': '200%' }, '200%', 'percentage'],
    ['max-latency', { 'max-latency': 'fast' }, 'fast', 'milliseconds'],
    ['latency-statistic', { 'latency-statistic': 'p42' }, 'p42', '"p99"'],
    ['max-throttles', { 'max-throttles': '-1' }, '-1', 'whole number'],
    ['min-invocations', { 'min-invocations': 'lots' }, 'lots', 'whole number'],
    ['min-invocations', { 'min-invocations': '2.5' }, '2.5', 'whole number'],
    ['confidence', { confidence: '20%' }, '20%', 'from "50%" to "99.99%"'],
    ['confidence', { confidence: 'sure' }, 'sure', 'percentage'],
    ['max-error-rate-increase', { 'max-error-rate-increase': 'lots' }, 'lots', 'percentage points'],
    ['max-error-rate-increase', { 'max-error-rate-increase': '0pp' }, '0pp', 'above 0'],
    ['max-latency-increase', { 'max-latency-increase': 'slower' }, 'slower', '"1.5x"'],
    ['max-latency-increase', { 'max-latency-increase': '0.5x' }, '0.5x', '"1.5x"'],
    ['metric-gates', { 'metric-gates': '{not: [valid' }, '{not: [valid', 'not valid YAML or JSON'],
    ['metric-gates', { 'metric-gates': 'just text' }, 'just text', 'YAML or JSON list'],
    ['metric-gates', { 'metric-gates': '- namespace: A\n  metric: B\n  statistic: Sum\n  comparison: ">"\n  threshold: ten' }, '- namespace: A\n  metric: B\n  statistic: Sum\n  comparison: ">"\n  threshold: ten', 'not a number'],
    ['metric-gates', { 'metric-gates': '- namespace: A\n  metric: B\n  statistic: Median\n  comparison: ">"\n  threshold: 1' }, '- namespace: A\n  metric: B\n  statistic: Median\n  comparison: ">"\n  threshold: 1', 'statistic "Median"'],
    ['metric-gates', { 'metric-gates': '- namespace: A\n  metric: B\n  statistic: Sum\n  comparison: about\n  threshold: 1' }, '- namespace: A\n  metric: B\n  statistic: Sum\n  comparison: about\n  threshold: 1', 'comparison "about"'],
    ['metric-gates', { 'metric-gates': '- namespace: A\n  metric: B\n  statistic: Sum\n  comparison: ">"\n  threshold: 1\n  treshold: 2' }, '- namespace: A\n  metric: B\n  statistic: Sum\n  comparison: ">"\n  threshold: 1\n  treshold: 2', 'unknown key "treshold"'],
    ['smoke-payload', { 'smoke-payload': '{not json' }, '{not json', 'not valid JSON'],
    ['smoke-payload', { 'smoke-payload': '@does/not/exist.json' }, '@does/not/exist.json', 'cannot be read'],
    ['smoke-payload', { strategy: 'blue-green' }, '', 'needs a smoke test'],
    ['smoke-count', { 'smoke-payload': '{}', 'smoke-count': '0' }, '0', 'from 1 to 100'],
    ['smoke-count', { 'smoke-payload': '{}', 'smoke-count': 'many' }, 'many', 'whole number'],
    ['smoke-expect', { 'smoke-payload': '{}', 'smoke-expect': '/[unclosed/' }, '/[unclosed/', 'regular expression is invalid'],
    ['smoke-expect', { 'smoke-payload': '{}', 'smoke-expect': 'ok' }, 'ok', 'JSON value'],
    ['smoke-expect', { 'smoke-expect': '{"ok": true}' }, '{"ok": true}', 'needs smoke-payload'],
    ['pre-traffic-hook', { 'pre-traffic-hook': 'my hook' }, 'my hook', 'function name'],
    ['post-traffic-hook', { 'post-traffic-hook': 'arn:aws:s3:::x' }, 'arn:aws:s3:::x', 'function ARN'],
    ['hook-timeout', { 'hook-timeout': '20m' }, '20m', 'at most 15m'],
    ['on-insufficient-data', { 'on-insufficient-data': 'ignore' }, 'ignore', '"fail", "proceed", "wait"'],
    ['alarms', { alarms: 'a,,b' }, 'a,,b', 'no blank entries'],
    ['metric-period', { 'metric-period': '90s' }, '90s', 'whole number of minutes'],
    ['metric-period', { 'metric-period': '60' }, '60', 'with a unit'],
    ['metric-lag', { 'metric-lag': '1h' }, '1h', 'at most 15m'],
    ['poll-interval', { 'poll-interval': '0s' }, '0s', 'more than zero'],
    ['poll-interval', { 'poll-interval': '500ms' }, '500ms', 'at least "1s"'],
    ['on-split-alias', { 'on-split-alias': 'ignore' }, 'ignore', '"restore", "fail"']
  ]
  it.each(cases)('%s = %j', (input, extra, value, accepted) => {
    let error: unknown
    try {
      settings(extra)
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(InputError)
    const message = (error as InputError).message
    expect((error as InputError).input).toBe(input)
    expect(message).toContain(`Input "${input}"`)
    expect(message).toContain(`"${value}"`)
    expect(message).toContain(accepted)
  })
})
