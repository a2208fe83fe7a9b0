import { describe, expect, it } from '@jest/globals'
import { parseMetricGates, readSettings } from '../src/inputs/index.js'
import { parse as parseYaml } from 'yaml'
import { InputError, quoted } from '../src/parse.js'
import { BAD_INPUTS, badInputsWorkspace } from './helpers/bad-inputs.js'
import { inputsFrom } from './helpers/fakes.js'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const base = { 'function-name': 'my-api', version: '7' }
const read = (extra: Record<string, string>, env: NodeJS.ProcessEnv = { AWS_REGION: 'us-west-2' }) =>
  readSettings(inputsFrom({ ...base, ...extra }), env, parseYaml)
/** The run's settings alone, for the inputs that do not name a function. */
const settings = (extra: Record<string, string>, env?: NodeJS.ProcessEnv) => read(extra, env).run

describe('good inputs', () => {
  it('defaults: canary 10% for 5m on alias live, judged against the old version, 20 invocations, fail on no data', () => {
    const { run: s, deployments } = read({})
    expect(deployments).toEqual([{ fn: { name: 'my-api', id: 'my-api' }, release: { kind: 'version', version: '7' } }])
    expect(s).toMatchObject({
      mode: 'deploy',
      alias: 'live',
      region: 'us-west-2',
      plan: { stages: [{ weight: 0.1, bakeSeconds: 300 }], finalBakeSeconds: 0 },
      gates: { maxErrorRateIncrease: 0.005, maxLatencyIncrease: 0.5, latencyStatistic: 'p99', minInvocations: 20, confidence: 0.99 },
      alarms: [],
      metricPeriodSeconds: 60,
      metricLagSeconds: 120,
      pollIntervalSeconds: 10,
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
      'metric-gates':
        '- name: api-5xx\n  namespace: AWS/ApiGateway\n  metric: 5XXError\n  dimensions: { ApiName: api, Stage: prod }\n  statistic: Sum\n  comparison: GreaterThanThreshold\n  threshold: 5\n',
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
      metricGates: [
        {
          name: 'api-5xx',
          namespace: 'AWS/ApiGateway',
          metric: '5XXError',
          dimensions: { ApiName: 'api', Stage: 'prod' },
          statistic: 'Sum',
          comparison: '>',
          threshold: 5
        }
      ]
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

  it('reads JSON metric gates even without the yaml library (the entry loads it only when needed)', () => {
    expect(parseMetricGates('[{"namespace":"A","metric":"B","statistic":"Sum","comparison":">","threshold":1}]')).toHaveLength(1)
    expect(() => parseMetricGates('- namespace: A')).toThrow('not valid YAML or JSON')
  })

  it('reads metric gates as JSON too', () => {
    const s = settings({
      'metric-gates':
        '[{"namespace":"AWS/SQS","metric":"ApproximateNumberOfMessagesVisible","dimensions":{"QueueName":"dlq"},"statistic":"Maximum","comparison":">=","threshold":1}]'
    })
    expect(s.gates.metricGates).toEqual([
      {
        name: 'AWS/SQS ApproximateNumberOfMessagesVisible',
        namespace: 'AWS/SQS',
        metric: 'ApproximateNumberOfMessagesVisible',
        dimensions: { QueueName: 'dlq' },
        statistic: 'Maximum',
        comparison: '>=',
        threshold: 1
      }
    ])
  })

  it('takes the region from a full ARN and uses the name for metrics', () => {
    const s = read({ 'function-name': 'arn:aws:lambda:eu-central-1:123456789012:function:my-api' }, {})
    expect(s.deployments[0]?.fn).toEqual({
      name: 'my-api',
      id: 'arn:aws:lambda:eu-central-1:123456789012:function:my-api',
      region: 'eu-central-1'
    })
    expect(s.run.region).toBe('eu-central-1')
    expect(read({ 'function-name': '123456789012:function:my-api' }).deployments[0]?.fn.name).toBe('my-api')
  })

  it('several functions, one per line, each with its own version, released in lockstep', () => {
    const s = read({ 'function-name': 'orders-api\n  orders-worker\n', version: '12\n40' })
    expect(s.deployments).toEqual([
      { fn: { name: 'orders-api', id: 'orders-api' }, release: { kind: 'version', version: '12' } },
      { fn: { name: 'orders-worker', id: 'orders-worker' }, release: { kind: 'version', version: '40' } }
    ])
    expect(read({ 'function-name': 'a\nb', version: '', publish: 'true' }).deployments.map(t => t.release)).toEqual([
      { kind: 'publish' },
      { kind: 'publish' }
    ])
  })

  it('publish: true instead of a version', () => {
    expect(read({ version: '', publish: 'true' }).deployments.map(d => d.release)).toEqual([{ kind: 'publish' }])
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
    const s = settings(
      { 'smoke-payload': '@payload.json', 'smoke-count': '3', 'smoke-expect': '{"statusCode": 200}' },
      { AWS_REGION: 'us-east-1', GITHUB_WORKSPACE: dir }
    )
    expect(s.smoke).toEqual({ payload: '{"path": "/health"}', count: 3, expect: { kind: 'subset', value: { statusCode: 200 } } })
    expect(settings({ 'smoke-payload': '{}', 'smoke-expect': '/"ok":\\s*true/i' }).smoke?.expect).toEqual({
      kind: 'regex',
      pattern: /"ok":\s*true/i
    })
    expect(settings({ 'smoke-payload': '{}' }).smoke).toEqual({ payload: '{}', count: 1, expect: { kind: 'no-error' } })
    expect(settings({}).smoke).toBeUndefined()
  })

  it('hooks and their timeout', () => {
    const s = settings({
      'pre-traffic-hook': 'deploy-hooks:live',
      'post-traffic-hook': 'arn:aws:lambda:us-west-2:123456789012:function:after',
      'hook-timeout': '30s'
    })
    expect(s.hooks).toEqual({
      preTraffic: 'deploy-hooks:live',
      postTraffic: 'arn:aws:lambda:us-west-2:123456789012:function:after',
      timeoutSeconds: 30
    })
    expect(settings({}).hooks).toEqual({ timeoutSeconds: 60 })
  })

  it('plan mode', () => {
    expect(settings({ mode: 'plan' }).mode).toBe('plan')
  })

  it('rollback mode: every function goes back to rollback-to', () => {
    const s = read({ 'function-name': 'a\nb', version: '', mode: 'rollback' })
    expect(s.deployments.map(d => d.release)).toEqual([
      { kind: 'rollback', to: 'previous' },
      { kind: 'rollback', to: 'previous' }
    ])
    expect(read({ version: '', mode: 'rollback', 'rollback-to': '41' }).deployments[0]?.release).toEqual({ kind: 'rollback', to: '41' })
  })

  it('Slack and GitHub: the webhook URL and the token are kept in secrets, never in the run’s settings', () => {
    const url = 'https://hooks.slack.com/services/T0/B0/xyz'
    const s = read({ 'slack-webhook-url': url, 'slack-mention': '<!here> @oncall', 'github-token': 'ghs_token', environment: 'production' })
    expect(s.run.notify).toEqual({ slackEvents: ['finish'], slackMention: '<!here> @oncall', environment: 'production' })
    expect(s.secrets).toEqual({ slackWebhookUrl: url, githubToken: 'ghs_token' })
    expect(JSON.stringify(s.run)).not.toMatch(/xyz|ghs_token/)
    expect(read({ 'slack-webhook-url': 'http://127.0.0.1:9000/hook' }).secrets).toEqual({ slackWebhookUrl: 'http://127.0.0.1:9000/hook' })
    expect(read({}).secrets).toEqual({})
    expect(read({}).run.notify).toEqual({ slackEvents: ['finish'] })
  })

  it('a Slack URL that is not https is not used, and the problem does not quote it', () => {
    const s = read({ 'slack-webhook-url': 'http://hooks.slack.com/services/T0/B0/xyz' })
    expect(s.secrets).toEqual({})
    expect(s.run.notify).toEqual({
      slackEvents: ['finish'],
      slackProblem: 'slack-webhook-url is not an https:// URL (its value is a secret and is not shown); no Slack message will be sent'
    })
  })
})

describe('bad inputs fail with the input named, the value quoted and what is accepted', () => {
  const cases = BAD_INPUTS
  const workspace = badInputsWorkspace()
  it.each(cases)('%s = %j', (input, extra, value, accepted) => {
    let error: unknown
    try {
      settings(extra, { AWS_REGION: 'us-west-2', GITHUB_WORKSPACE: workspace })
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(InputError)
    const message = (error as InputError).message
    expect((error as InputError).input).toBe(input)
    expect(message).toContain(`Input "${input}"`)
    expect(message).toContain(`"${quoted(value)}"`)
    expect(message).toContain(accepted)
  })
})

describe('the region from the environment is checked like aws-region (attack finding)', () => {
  it.each([['us-east-1 '], ['US-EAST-1'], ['mars']])('AWS_REGION %p is refused, naming the variable', value => {
    expect(() => read({}, { AWS_REGION: value })).toThrow(
      `Input "aws-region" has an invalid value "${value}": aws-region is empty, so the region comes from the environment variable AWS_REGION`
    )
    expect(() => read({}, { AWS_DEFAULT_REGION: value })).toThrow('the environment variable AWS_DEFAULT_REGION')
  })

  it.each([['us-gov-west-1'], ['cn-north-1'], ['eu-isoe-west-1'], ['us-isob-east-1'], ['eusc-de-east-1'], ['ap-southeast-7']])(
    "every partition's region shape is taken: %s (attack finding: eusc-de-east-1 was refused)",
    region => {
      expect(read({}, { AWS_REGION: region }).run.region).toBe(region)
      expect(read({ 'aws-region': region }).run.region).toBe(region)
    }
  )

  it('a good AWS_REGION is taken; aws-region given wins without looking at it', () => {
    expect(read({}, { AWS_REGION: 'eu-central-1' }).run.region).toBe('eu-central-1')
    expect(read({ 'aws-region': 'us-west-2' }, { AWS_REGION: 'us-east-1 ' }).run.region).toBe('us-west-2')
  })
})
