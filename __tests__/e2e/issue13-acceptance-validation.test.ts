// Issue 13 item 2, acceptance: everything given is checked. dist/ runs as the runner runs it; a bad value in a
// config-file environment the run did not pick, or in an input the chosen strategy or mode does not use, fails
// the run before any AWS write, naming the input, quoting the value and (for the file) where it is set; a good
// value the run does not use gives a warning naming it.
import { describe, expect, it } from '@jest/globals'
import { QUICK, aliasState, logLines, runStep, simCalls, startScenario, workspace, writesIn } from './issue13-acceptance-helpers.js'

/** A deployment (mode deploy, the default) that should be refused before it writes anything. */
async function deploy(inputs: Record<string, string>, file?: string) {
  const sim = await startScenario('healthy')
  try {
    const ws = workspace(file)
    const run = await runStep({
      env: { ...sim.env, GITHUB_WORKSPACE: ws },
      inputs: { ...QUICK, 'max-error-rate': '5%', 'bake-time': '2s', ...inputs }
    })
    return { ...run, log: logLines(run.stdout).join('\n'), writes: writesIn(await simCalls(sim)), alias: await aliasState(sim) }
  } finally {
    await sim.close()
  }
}

/** The ::error:: annotations of a run, decoded as the runner shows them. */
const errorsOf = (stdout: string) =>
  logLines(stdout)
    .filter(l => l.startsWith('::error'))
    .map(l => decodeURIComponent(l.replace(/^::error[^:]*::/, '').replace(/%(?![0-9A-F]{2})/g, '%25')))
    .join('\n')

const warningsOf = (stdout: string) =>
  logLines(stdout)
    .filter(l => l.startsWith('::warning'))
    .map(l => decodeURIComponent(l.replace(/^::warning[^:]*::/, '').replace(/%(?![0-9A-F]{2})/g, '%25')))

function expectRefusedBeforeWrites(run: Awaited<ReturnType<typeof deploy>>) {
  expect(run.code).not.toBe(0)
  expect(run.writes).toEqual([])
  expect(run.alias).toMatchObject({ version: '1', weights: {} })
}

describe('issue 13 item 2: every environment of the config file is checked', () => {
  it.concurrent('a bad bake-time in environments.production fails a run that picked dev, before any write, naming where it is', async () => {
    const file = `defaults:
  strategy: canary
environments:
  dev:
    canary-weight: 50%
  production:
    bake-time: 5 minutes
`
    const run = await deploy({ 'config-file': 'lc.yml', environment: 'dev', 'bake-time': '' }, file)
    expectRefusedBeforeWrites(run)
    const error = errorsOf(run.stdout)
    expect(error).toContain('bake-time')
    expect(error).toContain('"5 minutes"')
    expect(error).toContain('lc.yml')
    expect(error).toContain('environments.production')
  })

  it.concurrent('a bad strategy in environments.production ("canery") fails a run that picked dev', async () => {
    const file = `environments:
  dev:
    strategy: canary
  production:
    strategy: canery
`
    const run = await deploy({ 'config-file': 'lc.yml', environment: 'dev' }, file)
    expectRefusedBeforeWrites(run)
    const error = errorsOf(run.stdout)
    expect(error).toContain('strategy')
    expect(error).toContain('"canery"')
    expect(error).toContain('environments.production')
  })

  it.concurrent('with no environment picked at all, a bad value in any environment still fails', async () => {
    const file = `environments:
  production:
    confidence: 150%
`
    const run = await deploy({ 'config-file': 'lc.yml' }, file)
    expectRefusedBeforeWrites(run)
    const error = errorsOf(run.stdout)
    expect(error).toContain('confidence')
    expect(error).toContain('"150%"')
    expect(error).toContain('environments.production')
  })

  it.concurrent('a bad value in the defaults section fails even when the picked environment overrides it', async () => {
    const file = `defaults:
  max-latency: fast
environments:
  dev:
    max-latency: 2s
`
    const run = await deploy({ 'config-file': 'lc.yml', environment: 'dev' }, file)
    expectRefusedBeforeWrites(run)
    const error = errorsOf(run.stdout)
    expect(error).toContain('max-latency')
    expect(error).toContain('"fast"')
    expect(error).toContain('defaults.max-latency')
  })
})

describe('issue 13 item 2: inputs the strategy or mode does not use are checked too', () => {
  it.concurrent('steps: garbage with strategy canary fails before any write, naming steps and quoting the value', async () => {
    const run = await deploy({ strategy: 'canary', steps: 'garbage' })
    expectRefusedBeforeWrites(run)
    const error = errorsOf(run.stdout)
    expect(error).toContain('steps')
    expect(error).toContain('"garbage"')
  })

  it.concurrent('canary-weight: 300% with strategy linear fails before any write', async () => {
    const run = await deploy({ strategy: 'linear', 'step-weight': '50%', interval: '2s', 'canary-weight': '300%' })
    expectRefusedBeforeWrites(run)
    const error = errorsOf(run.stdout)
    expect(error).toContain('canary-weight')
    expect(error).toContain('"300%"')
  })

  it.concurrent('rollback-to: banana with mode deploy fails before any write', async () => {
    const run = await deploy({ mode: 'deploy', strategy: 'canary', 'rollback-to': 'banana' })
    expectRefusedBeforeWrites(run)
    const error = errorsOf(run.stdout)
    expect(error).toContain('rollback-to')
    expect(error).toContain('"banana"')
  })

  it.concurrent.each([
    { label: 'strategy canary', inputs: { strategy: 'canary', interval: 'garbage' }, input: 'interval', value: 'garbage' },
    { label: 'strategy canary', inputs: { strategy: 'canary', 'step-weight': '0%' }, input: 'step-weight', value: '0%' },
    {
      label: 'strategy linear',
      inputs: { strategy: 'linear', 'step-weight': '50%', interval: '2s', 'bake-time': 'forever' },
      input: 'bake-time',
      value: 'forever'
    },
    { label: 'strategy all-at-once', inputs: { strategy: 'all-at-once', steps: 'garbage' }, input: 'steps', value: 'garbage' },
    {
      label: 'a CodeDeploy preset',
      inputs: { strategy: 'LambdaCanary10Percent5Minutes', 'canary-weight': '300%' },
      input: 'canary-weight',
      value: '300%'
    },
    { label: 'mode rollback', inputs: { mode: 'rollback', version: '', steps: 'garbage' }, input: 'steps', value: 'garbage' },
    { label: 'no slack-webhook-url', inputs: { 'slack-events': 'bogus' }, input: 'slack-events', value: 'bogus' },
    {
      label: 'no wait-for-provisioned-concurrency',
      inputs: { 'provisioned-concurrency-timeout': 'soon' },
      input: 'provisioned-concurrency-timeout',
      value: 'soon'
    }
  ])('unused $input: $value is refused too ($label)', async c => {
    const run = await deploy(c.inputs)
    expectRefusedBeforeWrites(run)
    const error = errorsOf(run.stdout)
    expect(error).toContain(c.input)
    expect(error).toContain(`"${c.value}"`)
  })

  it.concurrent('a good unused input gives a warning naming it (and where the file sets it), and the run goes on', async () => {
    const file = `defaults:
  interval: 30s
`
    const sim = await startScenario('healthy')
    try {
      const run = await runStep({
        env: { ...sim.env, GITHUB_WORKSPACE: workspace(file) },
        inputs: { ...QUICK, mode: 'plan', strategy: 'canary', steps: '10%:1m, 50%:1m', 'config-file': 'lc.yml' }
      })
      expect(run.code).toBe(0)
      expect(run.outputs.result).toBe('planned')
      const warnings = warningsOf(run.stdout)
      const steps = warnings.find(w => /\bsteps\b/.test(w))
      expect(steps).toBeDefined()
      expect(steps).toMatch(/canary/)
      const interval = warnings.find(w => /\binterval\b/.test(w))
      expect(interval).toBeDefined()
      expect(interval).toContain('defaults.interval')
      // An input nobody set is not warned about.
      expect(warnings.some(w => /\bstep-weight\b/.test(w))).toBe(false)
    } finally {
      await sim.close()
    }
  })
})
