// The bundled dist/ run as the runner runs it, against the local simulator, once per shipped scenario.
import { afterAll, describe, expect, it } from '@jest/globals'
import { existsSync } from 'node:fs'
import { runStep, runWithPost } from './runner.js'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { aliasState, simCalls, startScenario } from './sim.js'
import { iamAction, modeActions } from '../helpers/iam.js'

if (!existsSync('dist/main/index.js')) throw new Error('dist/main/index.js is missing: run npm run bundle')

// 1-second periods so a whole deployment takes seconds; the simulator's datapoints land 1–2 s late.
const fast = {
  'function-name': 'demo-api',
  alias: 'live',
  version: '2',
  strategy: 'custom',
  steps: '10%:3s, 50%:3s',
  'metric-period': '1s',
  'metric-lag': '2s',
  'poll-interval': '1s',
  // Second-long stages: the default 2-minute latency warm-up would leave every period out.
  'latency-warm-up': '0s',
  'min-invocations': '20',
  // The defaults judge against the old version; p90 needs 100 invocations, which 3-second stages reach.
  'latency-statistic': 'p90',
  'max-error-rate': '1%',
  // A loaded machine can make a 3-second stage short of data; extending it keeps these tests about their point.
  'on-insufficient-data': 'wait'
}

const sims: { close(): Promise<void> }[] = []
afterAll(async () => {
  await Promise.all(sims.map(s => s.close()))
})

/** Exit code check that shows the step's log when it fails. */
function expectExit(step: { code: number | null; stdout: string; stderr: string }, code: number) {
  if (step.code !== code)
    throw new Error(`expected exit ${code}, got ${step.code}\n--- stdout\n${step.stdout.replace(/%25/g, '%')}\n--- stderr\n${step.stderr}`)
}

async function deploy(scenario: string, inputs: Record<string, string> = {}) {
  const sim = await startScenario(scenario)
  sims.push(sim)
  const { main, post } = await runWithPost({ env: sim.env, inputs: { ...fast, ...inputs } })
  return { sim, main, post, alias: await aliasState(sim), calls: await simCalls(sim) }
}

describe('e2e: dist/ against the simulator', () => {
  it.concurrent('healthy: promoted, routing cleared, step green', async () => {
    const { main, post, alias, calls } = await deploy('healthy')
    expectExit(main, 0)
    expect(alias).toMatchObject({ version: '2', weights: {} })
    expect(main.outputs).toMatchObject({
      result: 'promoted',
      version: '2',
      'previous-version': '1',
      'alias-arn': 'arn:aws:lambda:us-east-1:123456789012:function:demo-api:live'
    })
    expect(Number(main.outputs['duration-seconds'])).toBeGreaterThanOrEqual(6)
    const timeline = JSON.parse(main.outputs.timeline!)
    expect(timeline.stages.map((s: { weight: number; decision: string }) => [s.weight, s.decision])).toEqual([
      [0.1, 'pass'],
      [0.5, 'pass']
    ])
    expect(main.summary.split('\n')[0]).toContain('✅ lambda-canary promoted on demo-api:live (version 1 → 2)')
    expect(main.summary).toContain('xychart-beta')
    expect(main.stdout).toMatch(/::group::Stage 1: 10%25 to the new version/)
    // Alias writes: shift 10%, shift 50%, promote — each with the RevisionId of the state before it.
    const writes = calls.filter(c => c.operation === 'UpdateAlias')
    expect(writes.map(c => c.params)).toEqual([
      expect.objectContaining({ FunctionVersion: '1', RoutingConfig: { AdditionalVersionWeights: { '2': 0.1 } } }),
      expect.objectContaining({ FunctionVersion: '1', RoutingConfig: { AdditionalVersionWeights: { '2': 0.5 } } }),
      expect.objectContaining({ FunctionVersion: '2', RoutingConfig: { AdditionalVersionWeights: {} } })
    ])
    expect(writes.every(c => typeof c.params?.RevisionId === 'string' && c.status === 200)).toBe(true)
    expect(post.stdout).toContain('the deployment of demo-api finished; nothing to clean up')
    expect(calls.filter(c => c.changedState)).toHaveLength(3)
  })

  it.concurrent('regression: rolled back at the first stage, alias exactly as before, step red', async () => {
    const { main, alias, calls } = await deploy('regression')
    expectExit(main, 1)
    expect(alias).toMatchObject({ version: '1', weights: {} })
    expect(main.outputs.result).toBe('rolled-back')
    expect(main.outputs.reason).toMatch(/^stage 1 \(10%\): error rate of the new version .* is above 1%/)
    expect(main.summary.split('\n')[0]).toContain('⏪ lambda-canary rolled-back on demo-api:live (version 1 → 2): stage 1 (10%)')
    expect(main.stdout).toContain('::error::')
    expect(calls.filter(c => c.operation === 'UpdateAlias').map(c => c.params?.FunctionVersion)).toEqual(['1', '1'])
  })

  it.concurrent('latency regression: caught by max-latency', async () => {
    const { main, alias } = await deploy('latency-regression', { 'max-latency': '500ms' })
    expectExit(main, 1)
    expect(alias).toMatchObject({ version: '1', weights: {} })
    expect(main.outputs.reason).toMatch(
      /p90 latency of the new version \d+ ms is (above 500 ms|more than 50% above the old version's \d+ ms)/
    )
  })

  it.concurrent('low traffic: not enough data is a failure, never a silent pass', async () => {
    const { main, alias } = await deploy('low-traffic', { 'on-insufficient-data': 'fail' })
    expectExit(main, 1)
    expect(alias).toMatchObject({ version: '1', weights: {} })
    expect(main.outputs.reason).toContain('ended without enough data')
    expect(main.summary).toContain('**no**')
  })

  it.concurrent('flaky old version: the new version is judged on its own numbers and promoted', async () => {
    const { main, alias } = await deploy('flaky-old-version')
    expectExit(main, 0)
    expect(alias).toMatchObject({ version: '2', weights: {} })
    const stage = JSON.parse(main.outputs.timeline!).stages[0]
    expect(stage.oldVersion.errorRate).toBeGreaterThan(0.05)
  })

  it.concurrent('throttled API: retries through throttling and a 5xx burst and still promotes', async () => {
    const { main, alias, calls } = await deploy('throttled-api')
    expectExit(main, 0)
    expect(alias).toMatchObject({ version: '2', weights: {} })
    expect(calls.some(c => c.status === 429 || c.error === 'Throttling')).toBe(true)
  })

  it.concurrent('concurrent writer: the other writer’s change is never overwritten', async () => {
    const { main, alias, calls } = await deploy('concurrent-writer', { steps: '10%:4s, 50%:4s' })
    expectExit(main, 1)
    expect(main.outputs.result).toBe('failed')
    expect(main.outputs.reason).toContain('was changed by someone else')
    // The alias is exactly what the other writer set at t = 8 s.
    expect(alias).toMatchObject({ version: '1', weights: {}, description: 'hotfix by on-call (another writer)' })
    const refused = calls.filter(c => c.operation === 'UpdateAlias' && c.status === 412)
    expect(refused.length).toBe(1)
    const after = calls.filter(c => c.operation === 'UpdateAlias' && c.time > refused[0]!.time)
    expect(after).toEqual([])
  })

  it.concurrent('alarm: an alarm going to ALARM mid-bake rolls back', async () => {
    const { main, alias } = await deploy('alarm', { steps: '10%:6s, 50%:6s', alarms: 'demo-api-live-errors' })
    expectExit(main, 1)
    expect(alias).toMatchObject({ version: '1', weights: {} })
    expect(main.outputs.reason).toContain('alarm "demo-api-live-errors" is in ALARM')
  })

  it.concurrent('plan mode changes nothing', async () => {
    // A YAML input makes the entry load the yaml chunk of dist/ on demand.
    const { main, alias, calls } = await deploy('healthy', {
      mode: 'plan',
      'metric-gates':
        '- name: dlq\n  namespace: AWS/SQS\n  metric: ApproximateNumberOfMessagesVisible\n  dimensions: { QueueName: demo-dlq }\n  statistic: Maximum\n  comparison: ">="\n  threshold: 1\n'
    })
    expectExit(main, 0)
    expect(main.outputs.result).toBe('planned')
    expect(alias).toMatchObject({ version: '1', weights: {} })
    expect(calls.filter(c => c.changedState)).toEqual([])
    expect(main.summary).toContain('### Preflight')
    // Every call plan mode made is in the README's IAM list for plan mode.
    const allowed = modeActions('plan')
    expect(calls.map(iamAction).filter(a => !allowed.has(a))).toEqual([])
  })

  it.concurrent('plan mode names the gates of each stage, and what the traffic lets them see', async () => {
    const { main, calls } = await deploy('healthy', { mode: 'plan', 'final-bake': '5s', 'max-error-rate': '2%' })
    expectExit(main, 0)
    expect(main.outputs.result).toBe('planned')
    expect(main.summary).toMatch(
      /stage 1 \(10% for 3s[^|\n]*\): judged by error-rate \(≤ 2%[^\n]*error-rate-increase \(against the old version in the same periods/
    )
    expect(main.summary).toMatch(/stage 3 \(100% for 5s[^\n]*\): judged by error-rate \(≤ 2%/)
    expect(calls.filter(c => c.changedState)).toEqual([])
  })

  it.concurrent('a stage at 100% that nothing could fail is refused before any write', async () => {
    const { main, alias, calls } = await deploy('healthy', { strategy: 'all-at-once', 'final-bake': '5s', 'max-error-rate': 'off' })
    expectExit(main, 1)
    expect(main.outputs.result).toBe('failed')
    expect(main.outputs.reason).toMatch(/^stage 1 \(100% for 5s\) has no gate that could fail it: .*add max-error-rate/)
    expect(alias).toMatchObject({ version: '1', weights: {} })
    expect(calls.filter(c => c.changedState)).toEqual([])
  })

  it.concurrent('bad input fails before any AWS call', async () => {
    const { main, calls } = await deploy('healthy', { 'canary-weight': '150%', strategy: 'canary' })
    expectExit(main, 1)
    // Workflow commands escape % as %25; the runner shows it as %.
    expect(main.stdout.replace(/%25/g, '%')).toContain('::error::Input "canary-weight" has an invalid value "150%"')
    expect(calls).toEqual([])
  })
})

describe('e2e: the manual rollback button (mode: rollback)', () => {
  it.concurrent('after a deployment, rollback-to previous goes back to the replaced version; then to a number', async () => {
    const sim = await startScenario('healthy')
    sims.push(sim)
    const deployed = await runWithPost({ env: sim.env, inputs: fast })
    expectExit(deployed.main, 0)
    expect((await aliasState(sim)).description).toMatch(/^production traffic \[lambda-canary previous=1 current=2 at=/)

    const back = await runWithPost({ env: sim.env, inputs: { 'function-name': 'demo-api', mode: 'rollback', 'rollback-to': 'previous' } })
    expectExit(back.main, 0)
    expect(back.main.outputs).toMatchObject({ result: 'rolled-back', version: '1', 'previous-version': '2' })
    expect(back.main.summary.split('\n')[0]).toContain('lambda-canary rolled-back on demo-api:live (version 2 → 1)')
    expect(await aliasState(sim)).toMatchObject({ version: '1', weights: {} })

    const forward = await runStep({ env: sim.env, inputs: { 'function-name': 'demo-api', mode: 'rollback', 'rollback-to': '2' } })
    expectExit(forward, 0)
    expect(await aliasState(sim)).toMatchObject({ version: '2', weights: {} })
    const calls = await simCalls(sim)
    const allowed = modeActions('rollback')
    const rollbackCalls = calls.filter(c => c.time > (calls.filter(x => x.operation === 'UpdateAlias')[2]?.time ?? Infinity) - 0.001)
    expect(rollbackCalls.map(iamAction).filter(a => !allowed.has(a))).toEqual([])
    const writes = calls.filter(c => c.operation === 'UpdateAlias')
    // Each manual rollback is exactly one write, guarded by the RevisionId it read.
    expect(writes.slice(-2).map(c => [c.params?.FunctionVersion, typeof c.params?.RevisionId])).toEqual([
      ['1', 'string'],
      ['2', 'string']
    ])
  })
})

describe('e2e: config-file', () => {
  it.concurrent('the environment’s settings come from the repository’s YAML file; the workflow’s inputs win', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'workspace-'))
    writeFileSync(
      join(dir, 'lambda-canary.yml'),
      [
        'defaults:',
        '  metric-period: 1s',
        '  metric-lag: 1s',
        '  poll-interval: 1s',
        '  latency-statistic: p90',
        '  on-insufficient-data: wait',
        'environments:',
        '  test:',
        '  ',
        '    strategy: custom',
        '    steps: 30%:3s',
        '    max-error-rate: 1%'
      ].join('\n')
    )
    const sim = await startScenario('regression')
    sims.push(sim)
    const step = await runStep({
      env: { ...sim.env, GITHUB_WORKSPACE: dir },
      inputs: { 'function-name': 'demo-api', version: '2', 'config-file': 'lambda-canary.yml', environment: 'test' }
    })
    expectExit(step, 1)
    expect(step.outputs.reason).toMatch(/^stage 1 \(30%\): error rate of the new version .* is above 1%/)
    expect(JSON.parse(step.outputs.timeline!).strategy).toBe('custom 30%:3s')
  })
})
