// Smoke test and hooks through dist/ against the simulator: real Invoke calls by version number and hook name.
import { afterAll, describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { simEnv, startSimulator } from '../../sim/index.js'
import { runStep } from './runner.js'
import { aliasState, simCalls, SIM_TIMING } from './sim.js'

const healthy = JSON.parse(readFileSync('sim/scenarios/healthy.json', 'utf8'))
const hookFunction = (name: string, errorRate: number, payload: unknown) => ({
  name,
  role: 'arn:aws:iam::123456789012:role/hooks',
  versions: [{ version: '1', codeSha256: 'aG9vaw==', behavior: { errorRate, latency: { constantMs: 5 } }, response: { payload } }],
  aliases: []
})

function scenario(newVersionErrorRate: number) {
  const s = structuredClone(healthy)
  s.name = 'smoke-and-hooks'
  s.functions[0].versions[1].behavior.errorRate = newVersionErrorRate
  s.functions[0].versions[1].response = { payload: { ok: true, version: 2 } }
  s.functions.push(
    hookFunction('hook-ok', 0, { status: 'Succeeded' }),
    hookFunction('hook-fails', 0, { status: 'Failed', reason: 'migration missing' })
  )
  return s
}

const inputs = {
  'function-name': 'demo-api',
  version: '2',
  strategy: 'custom',
  steps: '25%:3s',
  ...SIM_TIMING,
  'max-latency-increase': 'off',
  'smoke-payload': '{"path":"/health"}',
  'smoke-count': '3',
  'smoke-expect': '{"ok":true}'
}

const sims: { close(): Promise<void> }[] = []
afterAll(async () => {
  await Promise.all(sims.map(s => s.close()))
})

async function run(newVersionErrorRate: number, extra: Record<string, string>) {
  const sim = await startSimulator({ scenario: scenario(newVersionErrorRate), port: 0 })
  sims.push(sim)
  const step = await runStep({ env: simEnv(sim.url), inputs: { ...inputs, ...extra } })
  return { step, alias: await aliasState(sim), calls: await simCalls(sim) }
}

describe('e2e: smoke test and hooks', () => {
  it.concurrent('smoke passes, hooks pass: the new version is invoked by number first, the hooks with the deployment event', async () => {
    const { step, alias, calls } = await run(0, { 'pre-traffic-hook': 'hook-ok', 'post-traffic-hook': 'hook-ok' })
    expect(step.code).toBe(0)
    expect(alias).toMatchObject({ version: '2', weights: {} })
    const invokes = calls.filter(c => c.operation === 'Invoke')
    expect(invokes.map(c => [c.params?.FunctionName, c.params?.Qualifier ?? null])).toEqual([
      ['demo-api', '2'],
      ['demo-api', '2'],
      ['demo-api', '2'],
      ['hook-ok', null],
      ['hook-ok', null]
    ])
    const firstWrite = calls.findIndex(c => c.operation === 'UpdateAlias')
    expect(calls.findIndex(c => c.operation === 'Invoke' && c.params?.FunctionName === 'hook-ok')).toBeLessThan(firstWrite)
    expect(step.summary).toContain('### Smoke test and hooks')
    expect(step.summary).toContain('pre-traffic hook "hook-ok": passed')
  })

  it.concurrent('a broken new version fails its smoke test: nothing is shifted', async () => {
    const { step, alias, calls } = await run(1, {})
    expect(step.code).toBe(1)
    expect(step.outputs.result).toBe('failed')
    expect(step.outputs.reason).toMatch(/^smoke test of version 2 failed on invocation 1 of 3: function error \(Unhandled\)/)
    expect(alias).toMatchObject({ version: '1', weights: {} })
    expect(calls.filter(c => c.changedState)).toEqual([])
  })

  it.concurrent('after a rollback the rollback hook runs with the reason; its failure is an error annotation, the restore stands', async () => {
    const { step, alias, calls } = await run(0.5, { 'smoke-payload': '', 'smoke-expect': '', 'rollback-hook': 'hook-fails' })
    expect(step.code).toBe(1)
    expect(step.outputs.result).toBe('rolled-back')
    expect(alias).toMatchObject({ version: '1', weights: {} })
    const hookCall = calls.find(c => c.operation === 'Invoke' && c.params?.FunctionName === 'hook-fails')!
    const lastWrite = calls.filter(c => c.operation === 'UpdateAlias').at(-1)!
    expect(hookCall.time).toBeGreaterThanOrEqual(lastWrite.time)
    expect(step.stdout).toMatch(
      /::error title=lambda-canary%3A rollback hook failed \(the alias is restored\)::rollback hook "hook-fails": FAILED/
    )
    expect(step.summary).toContain('❌ rollback hook "hook-fails": FAILED')
  })

  it.concurrent('a failing post-traffic hook restores the old version', async () => {
    const { step, alias } = await run(0, { 'post-traffic-hook': 'hook-fails' })
    expect(step.code).toBe(1)
    expect(step.outputs.result).toBe('rolled-back')
    expect(step.outputs.reason).toContain(
      'post-traffic hook "hook-fails" failed: returned {"status":"Failed","reason":"migration missing"}'
    )
    expect(alias).toMatchObject({ version: '1', weights: {} })
  })
})
