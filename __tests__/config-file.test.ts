import { describe, expect, it } from '@jest/globals'
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parse as parseYaml } from 'yaml'
import { DEFAULTS, readSettings } from '../src/inputs/index.js'

const CONFIG = `
# per-environment settings, as the reference document keeps them per stage
defaults:
  alias: live
  max-error-rate-increase: 0.5pp
  alarms: [api-5xx]
environments:
  dev:
    strategy: all-at-once
    on-insufficient-data: proceed
  prod:
    strategy: custom
    steps: 10%:5m, 25%:10m, 50%:15m, 75%:10m
    alarms:
      - api-5xx
      - api-p99
    bake-time: 10m
    metric-gates:
      - name: dlq
        namespace: AWS/SQS
        metric: ApproximateNumberOfMessagesVisible
        dimensions: { QueueName: api-dlq }
        statistic: Maximum
        comparison: ">="
        threshold: 1
`

function workspace(text = CONFIG): string {
  const dir = mkdtempSync(join(tmpdir(), 'config-'))
  mkdirSync(join(dir, '.github'))
  writeFileSync(join(dir, '.github/lambda-canary.yml'), text)
  return dir
}

/** Inputs as the runner gives them: action.yml's default for every input the workflow did not set. */
const runner = (given: Record<string, string>) => (name: string) => given[name] ?? DEFAULTS[name] ?? ''
/** The run's settings: what every case here looks at. */
const settings = (given: Record<string, string>, dir = workspace()) =>
  readSettings(
    runner({ 'function-name': 'api', version: '7', 'config-file': '.github/lambda-canary.yml', ...given }),
    { AWS_REGION: 'us-east-1', GITHUB_WORKSPACE: dir },
    parseYaml
  ).run

describe('config-file', () => {
  it('defaults, then the environment’s overrides, then the workflow’s inputs', () => {
    const prod = settings({ environment: 'prod' })
    expect(prod.plan.stages.map(s => s.weight)).toEqual([0.1, 0.25, 0.5, 0.75])
    expect(prod.alarms).toEqual(['api-5xx', 'api-p99'])
    expect(prod.gates.maxErrorRateIncrease).toBe(0.005)
    expect(prod.gates.metricGates?.[0]).toMatchObject({ name: 'dlq', comparison: '>=', threshold: 1 })
    const dev = settings({ environment: 'dev' })
    expect(dev.plan.stages).toEqual([])
    expect(dev.onInsufficientData).toBe('proceed')
    expect(dev.alarms).toEqual(['api-5xx'])
    // The workflow wins over the file.
    expect(settings({ environment: 'prod', strategy: 'LambdaCanary10Percent5Minutes' }).plan.name).toBe(
      'CodeDeployDefault.LambdaCanary10Percent5Minutes'
    )
    // An input left at its default does not count as given.
    expect(settings({ environment: 'dev', 'on-insufficient-data': 'fail' }).onInsufficientData).toBe('proceed')
    // No environment: only the defaults.
    expect(settings({}).plan.name).toBe('canary 10% for 5m')
  })

  it.each([
    ['defaults:\n  strategi: canary\n', 'unknown key "defaults.strategi"'],
    ['defaults:\n  strategy: canary\nstages:\n  prod: {}\n', 'unknown key "stages"'],
    [
      'environments:\n  prod:\n    slack-webhook-url: https://hooks.slack.com/x\n',
      '"environments.prod.slack-webhook-url" cannot be set in the file; give it in the workflow from a secret'
    ],
    ['defaults: [1, 2]\n', '"defaults" must be a map'],
    ['defaults:\n  steps: { a: 1 }\n', '"defaults.steps" must be text, a number, true/false or a list'],
    ['defaults: {strategy: canary\n', 'is not valid YAML']
  ])('refuses %j with the path and the key', (text, words) => {
    expect(() => settings({}, workspace(text))).toThrow(words)
    expect(() => settings({}, workspace(text))).toThrow('Input "config-file" has an invalid value ".github/lambda-canary.yml"')
  })

  it('a bad value in the file names the input, quotes it, and says where it is set', () => {
    expect(() => settings({ environment: 'prod' }, workspace('environments:\n  prod:\n    bake-time: 5\n'))).toThrow(
      'Input "bake-time" has an invalid value "5": use a number with a unit, e.g. "30s", "5m", "1h" or "1m30s" (set in .github/lambda-canary.yml at environments.prod.bake-time)'
    )
  })

  it('an environment the file does not have, and a missing file, are refused', () => {
    expect(() => settings({ environment: 'qa' })).toThrow(
      'Input "environment" has an invalid value "qa": .github/lambda-canary.yml has no environments.qa; it has "dev", "prod"'
    )
    expect(() => settings({ 'config-file': 'nope.yml' })).toThrow('Input "config-file" has an invalid value "nope.yml": the file')
  })
})
