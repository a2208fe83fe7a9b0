import { describe, expect, it } from '@jest/globals'
import { mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parse as parseYaml } from 'yaml'
import { Inputs } from '../src/constants.js'
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

/** action.yml's default for each input that declares one: what the runner passes when the workflow sets none. */
const ACTION_DEFAULTS: Record<string, string> = Object.fromEntries(
  Object.entries((parseYaml(readFileSync('action.yml', 'utf8')) as { inputs: Record<string, { default?: string }> }).inputs)
    .filter(([, i]) => i.default !== undefined)
    .map(([name, i]) => [name, String(i.default)])
)
/** Inputs as the runner gives them: action.yml's default for every input the workflow did not set. */
const runner = (given: Record<string, string>) => (name: string) => given[name] ?? ACTION_DEFAULTS[name] ?? ''
const read = (given: Record<string, string>, dir = workspace()) =>
  readSettings(
    runner({ 'function-name': 'api', version: '7', 'config-file': '.github/lambda-canary.yml', ...given }),
    { AWS_REGION: 'us-east-1', GITHUB_WORKSPACE: dir },
    parseYaml
  )
/** The run's settings: what most cases here look at. */
const settings = (given: Record<string, string>, dir = workspace()) => read(given, dir).run
const FILE = '.github/lambda-canary.yml'

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
    // No environment: only the defaults.
    expect(settings({}).plan.name).toBe('canary 10% for 5m')
  })

  it('action.yml gives every input the file can set an empty default, so the runner passes no value of its own', () => {
    for (const name of Object.keys(DEFAULTS)) expect([name, ACTION_DEFAULTS[name]]).toEqual([name, ''])
  })

  it('a value written in the workflow wins even when it equals the default', () => {
    // strategy: canary is the default, and the file says custom: the workflow's canary is what runs.
    const prod = read({ environment: 'prod', strategy: 'canary' })
    expect(prod.run.plan.name).toBe('canary 10% for 10m') // the file's bake-time for prod still applies
    expect(prod.sources.find(s => s.input === 'strategy')).toEqual({ input: 'strategy', value: 'canary', origin: { kind: 'workflow' } })
    expect(settings({ environment: 'dev', 'on-insufficient-data': 'fail' }).onInsufficientData).toBe('fail')
    // Left out, the file's value applies; the built-in default only where neither sets it.
    expect(settings({ environment: 'dev' }).onInsufficientData).toBe('proceed')
    expect(settings({ environment: 'prod' }).onInsufficientData).toBe('fail')
  })

  it('the environment’s section wins over the defaults section, which wins over the built-in default', () => {
    const dir = workspace('defaults:\n  bake-time: 10m\n  canary-weight: 20%\nenvironments:\n  prod:\n    bake-time: 15m\n')
    const prod = read({ environment: 'prod' }, dir)
    expect(prod.run.plan.stages).toEqual([{ weight: 0.2, bakeSeconds: 900 }])
    const origin = (input: string) => prod.sources.find(s => s.input === input)?.origin
    expect(origin('bake-time')).toEqual({ kind: 'config-file', path: FILE, key: 'environments.prod.bake-time' })
    expect(origin('canary-weight')).toEqual({ kind: 'config-file', path: FILE, key: 'defaults.canary-weight' })
    expect(origin('interval')).toEqual({ kind: 'default' })
    expect(read({}, dir).run.plan.stages).toEqual([{ weight: 0.2, bakeSeconds: 600 }])
  })

  it('keeps the source of every input, in the order of Inputs, and never a secret’s value', () => {
    const url = 'https://hooks.slack.com/services/T0/B0/secret-part'
    const prod = read({ environment: 'prod', 'slack-webhook-url': url, 'github-token': 'ghs_secret' })
    expect(prod.sources.map(s => s.input)).toEqual(Object.values(Inputs))
    const given = prod.sources.filter(s => s.origin.kind !== 'default')
    expect(given).toEqual([
      { input: 'function-name', value: 'api', origin: { kind: 'workflow' } },
      { input: 'alias', value: 'live', origin: { kind: 'config-file', path: FILE, key: 'defaults.alias' } },
      { input: 'version', value: '7', origin: { kind: 'workflow' } },
      { input: 'strategy', value: 'custom', origin: { kind: 'config-file', path: FILE, key: 'environments.prod.strategy' } },
      { input: 'bake-time', value: '10m', origin: { kind: 'config-file', path: FILE, key: 'environments.prod.bake-time' } },
      {
        input: 'steps',
        value: '10%:5m, 25%:10m, 50%:15m, 75%:10m',
        origin: { kind: 'config-file', path: FILE, key: 'environments.prod.steps' }
      },
      {
        input: 'max-error-rate-increase',
        value: '0.5pp',
        origin: { kind: 'config-file', path: FILE, key: 'defaults.max-error-rate-increase' }
      },
      { input: 'alarms', value: 'api-5xx\napi-p99', origin: { kind: 'config-file', path: FILE, key: 'environments.prod.alarms' } },
      // A YAML list of gates is the input's JSON text.
      expect.objectContaining({
        input: 'metric-gates',
        origin: { kind: 'config-file', path: FILE, key: 'environments.prod.metric-gates' }
      }),
      { input: 'slack-webhook-url', value: '', origin: { kind: 'workflow' }, secret: true },
      { input: 'github-token', value: '', origin: { kind: 'workflow' }, secret: true },
      { input: 'environment', value: 'prod', origin: { kind: 'workflow' } },
      { input: 'config-file', value: FILE, origin: { kind: 'workflow' } }
    ])
    expect(JSON.stringify(prod.sources)).not.toMatch(/secret-part|ghs_secret/)
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

describe('every environment of the file is read as a run would read it', () => {
  const file = (production: string, defaults = '') =>
    workspace(
      `defaults:\n  alias: live\n${defaults}environments:\n  dev:\n    strategy: all-at-once\n    final-bake: 1m\n  production:\n${production}`
    )

  it('a bad value in an environment the run did not pick fails it, with its place in the file', () => {
    expect(() => settings({ environment: 'dev' }, file('    strategy: canery\n'))).toThrow(
      'Input "strategy" has an invalid value "canery": use one of "canary", "linear", "all-at-once", "blue-green", "custom", or a CodeDeploy Lambda preset such as "LambdaCanary10Percent5Minutes", "LambdaLinear10PercentEvery1Minute" or "LambdaAllAtOnce" (set in .github/lambda-canary.yml at environments.production.strategy)'
    )
    // And with no environment picked at all.
    expect(() => settings({}, file('    bake-time: 5\n'))).toThrow(
      '(set in .github/lambda-canary.yml at environments.production.bake-time)'
    )
  })

  it('an input that environment’s strategy does not use is checked there too', () => {
    expect(() => settings({ environment: 'dev' }, file('    strategy: canary\n    steps: garbage\n'))).toThrow(
      /Input "steps" has an invalid value "garbage": step "garbage" is not "weight:bake".*\(set in \.github\/lambda-canary\.yml at environments\.production\.steps\)$/
    )
  })

  it('a combination refused in that environment names the environment when the input is not set there', () => {
    // blue-green needs a smoke test: the refused input (smoke-payload) is set nowhere.
    expect(() => settings({ environment: 'dev' }, file('    strategy: blue-green\n'))).toThrow(
      'Input "smoke-payload" has an invalid value "": strategy "blue-green" moves all traffic at once, so it needs a smoke test first: give smoke-payload (JSON, or @path to a JSON file) (with the settings of environments.production in .github/lambda-canary.yml)'
    )
    // A linear step too small for a plan, set in the file: its key.
    expect(() => settings({ environment: 'dev' }, file('    strategy: linear\n    step-weight: 0.5%\n'))).toThrow(
      'makes 199 stages, more than the 100 a plan may have; use a step of at least 1% (set in .github/lambda-canary.yml at environments.production.step-weight)'
    )
  })

  it('the workflow’s inputs apply to each environment when it is checked', () => {
    // steps from the workflow: unused by dev (all-at-once) but too long for production's custom plan.
    expect(() => settings({ environment: 'dev', steps: '10%:3h, 50%:3h' }, file('    strategy: custom\n'))).toThrow(
      /Input "steps" has an invalid value "10%:3h, 50%:3h": .*6-hour job limit.*\(with the settings of environments\.production in \.github\/lambda-canary\.yml\)$/
    )
    // The workflow's strategy overrides production's bad one, so production is fine.
    expect(settings({ environment: 'dev', strategy: 'canary' }, file('    strategy: canery\n')).plan.kind).toBe('canary')
  })

  it('a bad value in the defaults section is refused even when every environment overrides it', () => {
    const dir = workspace('defaults:\n  strategy: canery\nenvironments:\n  dev:\n    strategy: canary\n')
    expect(() => settings({ environment: 'dev' }, dir)).toThrow('(set in .github/lambda-canary.yml at defaults.strategy)')
  })

  it('the defaults section alone is not refused for what only the environments give (the function)', () => {
    const dir = workspace(
      'defaults:\n  strategy: canary\nenvironments:\n  dev:\n    function-name: api-dev\n  production:\n    function-name: api-prod\n'
    )
    const s = readSettings(
      runner({ version: '7', 'config-file': FILE, environment: 'dev' }),
      { AWS_REGION: 'us-east-1', GITHUB_WORKSPACE: dir },
      parseYaml
    )
    expect(s.deployments.map(d => d.fn.name)).toEqual(['api-dev'])
  })
})
