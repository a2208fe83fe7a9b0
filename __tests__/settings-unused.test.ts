// Every input given is checked whether or not the run uses it; a good one the run does not use comes back as
// one warning (data, printed by the main step) naming it, why it does not apply and what it applies to.
import { describe, expect, it } from '@jest/globals'
import { mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parse as parseYaml } from 'yaml'
import { Inputs } from '../src/constants.js'
import { readSettings } from '../src/inputs/index.js'

const base = { 'function-name': 'my-api', version: '7' }
/** The runner passes '' (action.yml's default) for every input the workflow leaves out. */
const warnings = (given: Record<string, string>, env: NodeJS.ProcessEnv = { AWS_REGION: 'us-west-2' }) =>
  readSettings(name => ({ ...base, ...given })[name] ?? '', env, parseYaml).warnings

describe('a good input the run does not use gives one warning saying why', () => {
  it.each<[string, Record<string, string>, string[]]>([
    [
      'steps with canary',
      { strategy: 'canary', steps: '10%:5m' },
      ['steps is set but strategy "canary" does not use it; it applies to strategy "custom"']
    ],
    [
      'canary-weight and bake-time with linear',
      { strategy: 'linear', 'canary-weight': '20%', 'bake-time': '10m' },
      [
        'canary-weight is set but strategy "linear" does not use it; it applies to strategy "canary"',
        'bake-time is set but strategy "linear" does not use it; it applies to strategies "canary" and "blue-green"'
      ]
    ],
    [
      'step-weight and interval with canary',
      { 'step-weight': '20%', interval: '2m' },
      ['step-weight and interval are set but strategy "canary" does not use them; they apply to strategy "linear"']
    ],
    [
      'canary-weight with a CodeDeploy preset',
      { strategy: 'LambdaCanary10Percent5Minutes', 'canary-weight': '20%' },
      ['canary-weight is set but strategy "LambdaCanary10Percent5Minutes" does not use it; it applies to strategy "canary"']
    ],
    [
      'bake-time with blue-green and a final-bake',
      { strategy: 'blue-green', 'smoke-payload': '{}', 'bake-time': '10m', 'final-bake': '5m' },
      ['bake-time is set but final-bake replaces it for strategy "blue-green"']
    ],
    [
      'final-bake with custom steps ending at 100%',
      { strategy: 'custom', steps: '10%:1m, 100%:5m', 'final-bake': '2m' },
      ['final-bake is set but the last step of steps, at 100%, sets the final bake instead']
    ],
    [
      'rollback-to with mode deploy',
      { 'rollback-to': '41' },
      ['rollback-to is set but mode "deploy" does not use it; it applies to mode "rollback"']
    ],
    [
      'rollback-to with mode plan',
      { mode: 'plan', 'rollback-to': 'previous' },
      ['rollback-to is set but mode "plan" does not use it; it applies to mode "rollback"']
    ],
    [
      'deployment inputs with mode rollback',
      { mode: 'rollback', version: '', strategy: 'linear', 'bake-time': '1m', 'max-latency': '2s', 'on-split-alias': 'fail' },
      [
        'strategy, bake-time, max-latency and on-split-alias are set but mode "rollback" does not use them; they apply to modes "deploy" and "plan"'
      ]
    ],
    [
      'smoke-count and smoke-expect without smoke-payload',
      { 'smoke-count': '3', 'smoke-expect': '{"ok": true}' },
      ['smoke-count and smoke-expect are set but no smoke test runs without smoke-payload, so nothing uses them']
    ],
    [
      'hook-timeout without a hook or smoke test',
      { 'hook-timeout': '30s' },
      ['hook-timeout is set but no smoke test or hook runs, so nothing uses it']
    ],
    [
      'provisioned-concurrency-timeout without the wait',
      { 'provisioned-concurrency-timeout': '5m' },
      [
        'provisioned-concurrency-timeout is set but nothing waits for provisioned concurrency, so nothing uses it; it applies with wait-for-provisioned-concurrency "true"'
      ]
    ],
    [
      'latency-statistic and latency-warm-up without a latency gate',
      { 'max-latency-increase': 'off', 'latency-statistic': 'p95', 'latency-warm-up': '1m' },
      ['latency-statistic and latency-warm-up are set but no latency gate uses them: max-latency and max-latency-increase are off']
    ],
    [
      'confidence without a statistical gate',
      { 'max-latency-increase': 'off', 'max-error-rate-increase': 'off', 'max-throttles': '0', confidence: '95%' },
      [
        'confidence is set but no statistical gate uses it: max-error-rate, max-error-rate-increase, max-latency and max-latency-increase are off'
      ]
    ],
    [
      'gates when nothing is watched',
      { strategy: 'all-at-once', 'max-error-rate': '1%', alarms: 'api-5xx', 'poll-interval': '5s' },
      [
        'max-error-rate, alarms and poll-interval are set but strategy "all-at-once" watches nothing without final-bake, so nothing uses them; they apply once final-bake is set'
      ]
    ],
    [
      'slack-mention without slack-webhook-url',
      { 'slack-mention': '<!here>' },
      ['slack-mention is set but no Slack message is sent without slack-webhook-url, so nothing uses it']
    ]
  ])('%s', (_, given, expected) => {
    expect(warnings(given)).toEqual(expected)
  })

  it('no warning when everything given is used, including values equal to their defaults', () => {
    expect(
      warnings({
        mode: 'deploy',
        strategy: 'canary',
        'canary-weight': '10%',
        'bake-time': '5m',
        'final-bake': '1m',
        'max-error-rate': '1%',
        'max-latency': '2s',
        'latency-statistic': 'p99',
        'latency-warm-up': '2m',
        confidence: '99%',
        'smoke-payload': '{}',
        'smoke-count': '2',
        'smoke-expect': '{"ok": true}',
        'pre-traffic-hook': 'hooks',
        'hook-timeout': '30s',
        'wait-for-provisioned-concurrency': 'true',
        'provisioned-concurrency-timeout': '5m',
        'slack-webhook-url': 'https://hooks.slack.com/services/T0/B0/x',
        'slack-mention': '<!here>'
      })
    ).toEqual([])
    expect(warnings({ strategy: 'linear', 'step-weight': '25%', interval: '2m' })).toEqual([])
    expect(warnings({ strategy: 'custom', steps: '10%:1m' })).toEqual([])
    expect(warnings({ mode: 'rollback', version: '', 'rollback-to': '41', 'smoke-payload': '{}', 'hook-timeout': '10s' })).toEqual([])
    expect(warnings({})).toEqual([])
  })

  it('mode rollback uses only what a rollback reads: every other given input is named', () => {
    const everyInput = Object.fromEntries(Object.values(Inputs).map(name => [name, '']))
    const named = (w: string[]) => (w[0] ?? '').replace(/ are set but .*/, '').split(/, | and /)
    const given = {
      ...everyInput,
      mode: 'rollback',
      'function-name': 'my-api',
      strategy: 'canary',
      'final-bake': '1m',
      'pre-traffic-hook': 'h',
      'rollback-hook': 'h',
      'metric-period': '1m',
      'allow-unjudged-stages': 'false',
      'restore-timeout': '1m',
      'smoke-payload': '{}'
    }
    expect(named(warnings(given))).toEqual([
      'strategy',
      'final-bake',
      'pre-traffic-hook',
      'rollback-hook',
      'metric-period',
      'allow-unjudged-stages'
    ])
  })

  it('mode rollback with the config file the deploys share: its deploy settings (publish, gates, strategy) neither fail nor warn', () => {
    const dir = mkdtempSync(join(tmpdir(), 'unused-'))
    mkdirSync(join(dir, '.github'))
    writeFileSync(
      join(dir, '.github/c.yml'),
      'defaults:\n  publish: true\n  strategy: linear\n  max-latency: 2s\nenvironments:\n  prod:\n    final-bake: 5m\n'
    )
    const env = { AWS_REGION: 'us-west-2', GITHUB_WORKSPACE: dir }
    const rollback = { mode: 'rollback', version: '', 'config-file': '.github/c.yml', environment: 'prod' }
    const settings = readSettings(name => ({ ...base, ...rollback })[name] ?? '', env, parseYaml)
    expect(settings.deployments[0]?.release).toEqual({ kind: 'rollback', to: 'previous' })
    expect(settings.warnings).toEqual([])
    // Written in the workflow, they are still the user's mistake: publish fails, a gate warns.
    expect(() => readSettings(name => ({ ...base, ...rollback, publish: 'true' })[name] ?? '', env, parseYaml)).toThrow(
      'mode "rollback" never publishes'
    )
    expect(warnings({ ...rollback, 'max-latency': '3s' }, env)).toEqual([
      'max-latency is set but mode "rollback" does not use it; it applies to modes "deploy" and "plan"'
    ])
  })

  it('a value from the config file says where in the file it is set', () => {
    const dir = mkdtempSync(join(tmpdir(), 'unused-'))
    mkdirSync(join(dir, '.github'))
    writeFileSync(join(dir, '.github/c.yml'), 'defaults:\n  steps: 10%:5m\nenvironments:\n  dev:\n    interval: 2m\n')
    expect(warnings({ 'config-file': '.github/c.yml', environment: 'dev' }, { AWS_REGION: 'us-west-2', GITHUB_WORKSPACE: dir })).toEqual([
      'interval (set in .github/c.yml at environments.dev.interval) is set but strategy "canary" does not use it; it applies to strategy "linear"',
      'steps (set in .github/c.yml at defaults.steps) is set but strategy "canary" does not use it; it applies to strategy "custom"'
    ])
  })

  it.each([
    ['dev', {}],
    ['staging', { 'slack-webhook-url': 'https://hooks.slack.com/services/T0/B0/x' }],
    ['production', { 'slack-webhook-url': 'https://hooks.slack.com/services/T0/B0/x', 'github-token': 'ghs_x' }]
  ])('examples/lambda-canary.yml with examples/pipeline.yml’s inputs for %s warns about nothing', (environment, secrets) => {
    const dir = mkdtempSync(join(tmpdir(), 'example-'))
    mkdirSync(join(dir, '.github'))
    writeFileSync(join(dir, '.github/lambda-canary.yml'), readFileSync('examples/lambda-canary.yml', 'utf8'))
    const inputs = { version: '', publish: 'true', 'config-file': '.github/lambda-canary.yml', environment, ...secrets }
    expect(warnings(inputs, { AWS_REGION: 'us-west-2', GITHUB_WORKSPACE: dir })).toEqual([])
  })
})
