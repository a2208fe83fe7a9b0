// Issue 13 item 1, acceptance: settings mean what they say. dist/ runs as the runner runs it (every input of
// action.yml passed, '' where the workflow sets none); a value written in the workflow wins over the config file
// even when it equals the documented default; the picked environment's section beats the file's defaults, which
// beat the built-in defaults; the "Settings" log group names every setting not at its default with its source,
// never a secret's value, and closes.
import { readFileSync } from 'node:fs'
import { describe, expect, it } from '@jest/globals'
import { parse as parseYaml } from 'yaml'
import {
  QUICK,
  aliasState,
  groupProblems,
  logLines,
  runStep,
  runWithPost,
  settingsGroup,
  startScenario,
  workspace
} from './issue13-acceptance-helpers.js'

const FILE = `defaults:
  strategy: custom
  steps: "20%:1m, 60%:1m"
  canary-weight: 20%
  bake-time: 7m
  on-insufficient-data: proceed
  min-invocations: 5
environments:
  dev:
    bake-time: 3m
  staging:
    latency-statistic: p95
`

async function plan(inputs: Record<string, string>, file = FILE) {
  const sim = await startScenario('healthy')
  try {
    const ws = workspace(file)
    const run = await runStep({
      env: { ...sim.env, GITHUB_WORKSPACE: ws },
      inputs: { 'function-name': 'demo-api', version: '2', mode: 'plan', ...inputs }
    })
    return { ...run, log: logLines(run.stdout).join('\n') }
  } finally {
    await sim.close()
  }
}

describe('issue 13 item 1: a value written in the workflow always wins', () => {
  it.concurrent('strategy: canary in the workflow beats strategy: custom in the file (canary is the default)', async () => {
    const run = await plan({ strategy: 'canary', 'config-file': 'lc.yml', environment: 'dev' })
    expect(run.code).toBe(0)
    expect(run.outputs.result).toBe('planned')
    // canary with the file's canary-weight (20%) and dev's bake-time (3m), not the file's custom steps.
    expect(run.outputs.reason).toMatch(/^plan canary 20% for 3m\b/)
    expect(run.outputs.reason).not.toMatch(/custom|60%/)
    expect(settingsGroup(run.stdout)).toContain('strategy: canary (from workflow)')
  })

  it.concurrent('min-invocations: 20 in the workflow beats min-invocations: 5 in the file (20 is the default)', async () => {
    const run = await plan({ 'min-invocations': '20', 'config-file': 'lc.yml', environment: 'dev', strategy: 'canary' })
    expect(run.code).toBe(0)
    expect(settingsGroup(run.stdout)).toContain('min-invocations: 20 (from workflow)')
    // The plan's judging words use the workflow's 20, never the file's 5.
    expect(run.log).toMatch(/needs 20 invocations/)
    expect(run.log).not.toMatch(/needs 5 invocations/)
    // Control: without the workflow value the file's 5 applies (so the file is read at all).
    const control = await plan({ 'config-file': 'lc.yml', environment: 'dev', strategy: 'canary' })
    expect(control.code).toBe(0)
    expect(control.log).toMatch(/needs 5 invocations/)
    expect(settingsGroup(control.stdout)).toContain('min-invocations: 5 (from lc.yml at defaults.min-invocations)')
  })

  it.concurrent('on-insufficient-data: fail in the workflow beats proceed in the file (fail is the default): a starved stage fails', async () => {
    // 1% of ~100 requests/s for 2 s: far fewer than min-invocations 1000 when the stage ends.
    const { 'on-insufficient-data': _wait, ...quick } = QUICK
    const starved = {
      ...quick,
      strategy: 'canary',
      'canary-weight': '1%',
      'bake-time': '2s',
      'min-invocations': '1000',
      'baseline-window': '0',
      'max-error-rate': '5%'
    }
    const deploy = async (inputs: Record<string, string>) => {
      const sim = await startScenario('healthy')
      try {
        const ws = workspace(FILE)
        const { main, post } = await runWithPost({
          env: { ...sim.env, GITHUB_WORKSPACE: ws },
          inputs: { ...starved, 'config-file': 'lc.yml', ...inputs }
        })
        return { main, post, alias: await aliasState(sim) }
      } finally {
        await sim.close()
      }
    }
    const [workflowFail, fileProceed] = await Promise.all([deploy({ 'on-insufficient-data': 'fail' }), deploy({})])
    expect(settingsGroup(workflowFail.main.stdout)).toContain('on-insufficient-data: fail (from workflow)')
    expect(workflowFail.main.outputs.result).not.toBe('promoted')
    expect(workflowFail.main.code).not.toBe(0)
    expect(workflowFail.main.outputs.reason).toMatch(/min-invocations|invocations/)
    expect(workflowFail.alias).toMatchObject({ version: '1', weights: {} })
    // Control: the file's proceed, when the workflow says nothing, lets the same starved stage through.
    expect(settingsGroup(fileProceed.main.stdout)).toContain('on-insufficient-data: proceed (from lc.yml at defaults.on-insufficient-data)')
    expect(fileProceed.main.outputs.result).toBe('promoted')
  })
})

describe('issue 13 item 1: the environment section, then the file defaults, then the built-in defaults', () => {
  it.concurrent('environments.dev.bake-time beats defaults.bake-time, which beats the built-in 5m', async () => {
    const [dev, staging, none] = await Promise.all([
      plan({ strategy: 'canary', 'config-file': 'lc.yml', environment: 'dev' }),
      plan({ strategy: 'canary', 'config-file': 'lc.yml', environment: 'staging' }),
      plan({ strategy: 'canary' })
    ])
    for (const run of [dev, staging, none]) expect(run.code).toBe(0)
    expect(dev.outputs.reason).toMatch(/^plan canary 20% for 3m\b/)
    expect(settingsGroup(dev.stdout)).toContain('bake-time: 3m (from lc.yml at environments.dev.bake-time)')
    expect(settingsGroup(dev.stdout)).toContain('canary-weight: 20% (from lc.yml at defaults.canary-weight)')
    expect(staging.outputs.reason).toMatch(/^plan canary 20% for 7m\b/)
    expect(settingsGroup(staging.stdout)).toContain('bake-time: 7m (from lc.yml at defaults.bake-time)')
    expect(settingsGroup(staging.stdout)).toContain('latency-statistic: p95 (from lc.yml at environments.staging.latency-statistic)')
    // No config file: the documented defaults (canary 10% for 5m), and neither is listed as a setting.
    expect(none.outputs.reason).toMatch(/^plan canary 10% for 5m\b/)
    const noneGroup = settingsGroup(none.stdout)
    expect(noneGroup.some(l => l.startsWith('bake-time:') || l.startsWith('canary-weight:'))).toBe(false)
  })
})

describe('issue 13 item 1: the Settings log group', () => {
  const SLACK = 'https://hooks.slack.com/services/T000/B000/sEcReTsLaCkToKeN42'
  const TOKEN = 'ghp_sEcReTgItHuBtOkEn0123456789abcdefXYZ'

  it.concurrent('lists every setting not at its default with its source, never a secret, and closes', async () => {
    const run = await plan({
      strategy: 'canary',
      'config-file': 'lc.yml',
      environment: 'dev',
      'max-error-rate': '2%',
      alias: 'live',
      'slack-webhook-url': SLACK,
      'github-token': TOKEN
    })
    expect(run.code).toBe(0)
    const group = settingsGroup(run.stdout)
    const expected = [
      'mode: plan (from workflow)',
      'function-name: demo-api (from workflow)',
      'version: 2 (from workflow)',
      'strategy: canary (from workflow)',
      // a value equal to its default, written in the workflow, is still the workflow's
      'alias: live (from workflow)',
      'max-error-rate: 2% (from workflow)',
      'environment: dev (from workflow)',
      'config-file: lc.yml (from workflow)',
      'bake-time: 3m (from lc.yml at environments.dev.bake-time)',
      'canary-weight: 20% (from lc.yml at defaults.canary-weight)',
      'steps: 20%:1m, 60%:1m (from lc.yml at defaults.steps)',
      'on-insufficient-data: proceed (from lc.yml at defaults.on-insufficient-data)',
      'min-invocations: 5 (from lc.yml at defaults.min-invocations)'
    ]
    for (const line of expected) expect(group).toContain(line)
    // Secrets: named as set, from the workflow, never shown.
    expect(group.find(l => l.startsWith('slack-webhook-url:'))).toMatch(/from workflow/)
    expect(group.find(l => l.startsWith('github-token:'))).toMatch(/from workflow/)
    for (const secret of [SLACK, 'sEcReTsLaCkToKeN42', TOKEN]) {
      expect(group.join('\n')).not.toContain(secret)
      expect(logLines(run.stdout).join('\n')).not.toContain(secret)
    }
    // Inputs at their defaults are not listed one by one; the group says the rest are defaults.
    for (const name of ['interval', 'step-weight', 'confidence', 'metric-period', 'restore-timeout'])
      expect(group.some(l => l.startsWith(`${name}:`))).toBe(false)
    expect(group.join('\n')).toMatch(/default/)
    expect(group.length).toBeGreaterThanOrEqual(expected.length + 2)
    expect(groupProblems(run.stdout)).toEqual([])
  })
})

describe('issue 13 item 1: action.yml leaves the defaults to the action, and the action applies the documented ones', () => {
  /** The README inputs table's Default column, by input. */
  const documented = Object.fromEntries(
    [...readFileSync('README.md', 'utf8').matchAll(/^\| `([a-z-]+)`[^|]* \| `([^`|]*)` \|/gm)].map(m => [m[1] as string, m[2] as string])
  )

  it('every input but function-name has an empty default in action.yml, and the README documents the real ones', () => {
    const action = parseYaml(readFileSync('action.yml', 'utf8')) as { inputs: Record<string, { default?: unknown; required?: boolean }> }
    for (const [name, input] of Object.entries(action.inputs)) {
      if (name === 'function-name') continue
      expect({ name, default: input.default }).toEqual({ name, default: '' })
    }
    for (const [name, value] of Object.entries({
      strategy: 'canary',
      'bake-time': '5m',
      'min-invocations': '20',
      'on-insufficient-data': 'fail'
    }))
      expect({ name, documented: documented[name] }).toEqual({ name, documented: value })
  })

  it.concurrent('writing every documented default in the workflow plans exactly what leaving them out plans', async () => {
    const { mode: _mode, ...defaults } = documented
    expect(Object.keys(defaults).length).toBeGreaterThan(20)
    const [implicit, explicit] = await Promise.all([plan({}, ''), plan(defaults, '')])
    expect(implicit.code).toBe(0)
    expect(explicit.code).toBe(0)
    expect(explicit.outputs.reason).toBe(implicit.outputs.reason)
    const group = settingsGroup(explicit.stdout)
    for (const [name, value] of Object.entries(defaults)) expect(group).toContain(`${name}: ${value} (from workflow)`)
  })
})
