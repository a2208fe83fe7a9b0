// Issue 13 items 1 and 2, through dist/ as the runner runs it: every input of action.yml is passed (INPUT_<NAME>,
// holding action.yml's default, now '', where the workflow sets none). A value written in the workflow beats the
// config file even when it equals the default; the Settings group lists what is not at its default with its
// source; a bad value in an environment the run did not pick, or in an input the strategy does not use, fails
// before any AWS call; a good unused input warns.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parse as parseYaml } from 'yaml'
import { actionYmlDefaults, runStep, type StepResult } from './runner.js'
import { aliasState, simCalls, startScenario } from './sim.js'

if (!existsSync('dist/main/index.js')) throw new Error('dist/main/index.js is missing: run npm run bundle')

const CONFIG = `
defaults:
  alias: live
  max-error-rate-increase: 1pp
environments:
  dev:
    strategy: all-at-once
    final-bake: 1m
  production:
    strategy: custom
    steps: 10%:5m, 50%:5m
`

function workspace(config: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'lambda-canary-settings-'))
  mkdirSync(join(dir, '.github'))
  writeFileSync(join(dir, '.github/lambda-canary.yml'), config)
  return dir
}

/** The runner shows annotations and groups with their %-escapes undone. */
const log = (step: StepResult) => step.stdout.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%')
/** The lines of the Settings group. */
const settingsGroup = (step: StepResult) => {
  const lines = log(step).split('\n')
  const start = lines.indexOf('::group::Settings')
  return start < 0 ? [] : lines.slice(start + 1, lines.indexOf('::endgroup::', start))
}
const errorLine = (step: StepResult) =>
  log(step)
    .split('\n')
    .find(l => l.startsWith('::error::')) ?? ''
const show = (step: StepResult) => `exit ${step.code}\n--- stdout\n${log(step)}\n--- stderr\n${step.stderr}`

const given = { 'function-name': 'demo-api', version: '2', 'config-file': '.github/lambda-canary.yml' }

it('the e2e runner passes every input of action.yml, with its default where the workflow sets none', () => {
  const action = parseYaml(readFileSync('action.yml', 'utf8')) as { inputs: Record<string, { required?: boolean }> }
  const passed = actionYmlDefaults()
  // Every input but the required function-name (no default: passed only when given), each with ''.
  expect(Object.keys(passed).sort()).toEqual(
    Object.keys(action.inputs)
      .filter(name => !action.inputs[name]?.required)
      .sort()
  )
  expect(new Set(Object.values(passed))).toEqual(new Set(['']))
})

describe('e2e: bad values anywhere in the settings fail before any AWS call', () => {
  let sim: Awaited<ReturnType<typeof startScenario>>
  beforeAll(async () => {
    sim = await startScenario('healthy')
  })
  afterAll(async () => {
    await sim.close()
  })

  it('a bad value in an environment the run did not pick, with its place in the file', async () => {
    const dir = workspace(CONFIG.replace('strategy: custom', 'strategy: canery'))
    const step = await runStep({ env: { ...sim.env, GITHUB_WORKSPACE: dir }, inputs: { ...given, environment: 'dev' } })
    expect([step.code, step.outputs.result]).toEqual([1, 'failed'])
    expect(errorLine(step)).toMatch(
      /^::error::Input "strategy" has an invalid value "canery": .* \(set in \.github\/lambda-canary\.yml at environments\.production\.strategy\)$/
    )
    // The group closed before the error, and said the inputs were not accepted.
    expect(settingsGroup(step)).toEqual(['the inputs were not accepted; the error follows'])
    expect(await simCalls(sim)).toEqual([])
  })

  it('a bad value in an input the strategy does not use (steps with canary)', async () => {
    const step = await runStep({
      env: sim.env,
      inputs: { 'function-name': 'demo-api', version: '2', strategy: 'canary', steps: 'garbage' }
    })
    expect(step.code).toBe(1)
    expect(errorLine(step)).toMatch(/^::error::Input "steps" has an invalid value "garbage": step "garbage" is not "weight:bake"/)
    expect(await simCalls(sim)).toEqual([])
  })
})

describe('e2e: a value written in the workflow wins, and the log says where each setting came from', () => {
  let sim: Awaited<ReturnType<typeof startScenario>>
  beforeAll(async () => {
    sim = await startScenario('healthy')
  })
  afterAll(async () => {
    await sim.close()
  })

  it('workflow strategy: canary (the default) beats the file’s custom; the Settings group lists the sources', async () => {
    const before = await aliasState(sim)
    const step = await runStep({
      env: { ...sim.env, GITHUB_WORKSPACE: workspace(CONFIG) },
      inputs: {
        ...given,
        mode: 'plan',
        environment: 'production',
        strategy: 'canary',
        // Loopback (refused at once): no message leaves the machine, but the value is a secret all the same.
        'slack-webhook-url': 'http://127.0.0.1:9/services/T0/B0/not-a-real-secret',
        // Good, but canary does not use it.
        interval: '2m'
      }
    })
    if (step.code !== 0) throw new Error(show(step))
    expect(step.outputs.result).toBe('planned')
    // canary 10% for 5m, not the file's custom 10%:5m, 50%:5m.
    expect(log(step)).toContain('canary 10% for 5m')
    expect(log(step)).not.toContain('custom 10%')
    expect(settingsGroup(step)).toEqual([
      'mode: plan (from workflow)',
      'function-name: demo-api (from workflow)',
      'alias: live (from .github/lambda-canary.yml at defaults.alias)',
      'version: 2 (from workflow)',
      'strategy: canary (from workflow)',
      'interval: 2m (from workflow)',
      'steps: 10%:5m, 50%:5m (from .github/lambda-canary.yml at environments.production.steps)',
      'max-error-rate-increase: 1pp (from .github/lambda-canary.yml at defaults.max-error-rate-increase)',
      'slack-webhook-url: set (from workflow)',
      'environment: production (from workflow)',
      'config-file: .github/lambda-canary.yml (from workflow)',
      'every other input is at its default (see the README inputs table)'
    ])
    // Only the masks registered for the runner hold the secret.
    expect(step.stdout.split('\n').filter(l => !l.startsWith('::add-mask::') && l.includes('not-a-real-secret'))).toEqual([])
    const warnings = log(step)
      .split('\n')
      .filter(l => l.startsWith('::warning::'))
    expect(warnings).toEqual(
      expect.arrayContaining([
        '::warning::interval is set but strategy "canary" does not use it; it applies to strategy "linear"',
        '::warning::steps (set in .github/lambda-canary.yml at environments.production.steps) is set but strategy "canary" does not use it; it applies to strategy "custom"'
      ])
    )
    // Plan mode: nothing was written.
    expect(await aliasState(sim)).toEqual(before)
    expect((await simCalls(sim)).filter(c => c.changedState)).toEqual([])
  })
})

describe('e2e: a config file may share sections with YAML anchors and merge keys, and leave a value empty', () => {
  let sim: Awaited<ReturnType<typeof startScenario>>
  beforeAll(async () => {
    sim = await startScenario('healthy')
  })
  afterAll(async () => {
    await sim.close()
  })

  it('x- keys hold anchors, <<: merges them, an empty value counts as not given (attack findings)', async () => {
    const config = `
x-slow: &slow
  strategy: linear
  step-weight: 25%
  interval: 3m
defaults:
  bake-time:
environments:
  production:
    <<: *slow
    interval: 4m
    max-latency: ""
`
    const step = await runStep({
      env: { ...sim.env, GITHUB_WORKSPACE: workspace(config) },
      inputs: { ...given, mode: 'plan', environment: 'production' }
    })
    if (step.code !== 0) throw new Error(show(step))
    expect(settingsGroup(step)).toEqual(
      expect.arrayContaining([
        'strategy: linear (from .github/lambda-canary.yml at environments.production.strategy)',
        'step-weight: 25% (from .github/lambda-canary.yml at environments.production.step-weight)',
        'interval: 4m (from .github/lambda-canary.yml at environments.production.interval)'
      ])
    )
    // The empty values are not settings at all: neither listed nor refused.
    expect(settingsGroup(step).some(l => l.startsWith('bake-time:') || l.startsWith('max-latency:'))).toBe(false)
    expect(log(step)).toContain('linear 25% every 4m')
  })
})
