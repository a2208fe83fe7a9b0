// Issue 11 items 5–8 through dist/ against the simulator: marks between runs, a late post step, the user's
// description, a killed final bake, the rollback button twice.
import { afterAll, describe, expect, it } from '@jest/globals'
import { runStep, startStep } from './runner.js'
import { aliasState, simCalls, startScenario, SIM_TIMING } from './sim.js'

const run = (id: string) => ({ GITHUB_RUN_ID: id, GITHUB_RUN_ATTEMPT: '1', GITHUB_JOB: 'deploy', GITHUB_REPOSITORY: 'org/app' })
const inputs = { 'function-name': 'demo-api', version: '2', strategy: 'custom', steps: '10%:30s', ...SIM_TIMING }
const USER = 'Prod API  — team-x; runbook https://example.com/r?id=[7]  '

const sims: { close(): Promise<void> }[] = []
afterAll(async () => {
  await Promise.all(sims.map(s => s.close()))
})
async function sim() {
  const s = await startScenario('healthy')
  sims.push(s)
  return s
}
async function describeAlias(s: { url: string }, description: string) {
  const now = await aliasState(s)
  const res = await fetch(`${s.url}/2015-03-31/functions/demo-api/aliases/live`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ Description: description, RevisionId: now.revisionId })
  })
  if (!res.ok) throw new Error(`could not set the description: ${res.status} ${await res.text()}`)
}

describe('e2e: marks on the alias', () => {
  it.concurrent('a second run stops naming the first; the first run’s late post step leaves the second run’s canary alone', async () => {
    const s = await sim()
    // Run A is killed mid-shift; its mark expires only minutes later, so run B must not take over yet.
    const a = startStep({ env: { ...s.env, ...run('111') }, inputs })
    await a.waitFor(/\[stage 1 · 10%\]/)
    a.child.kill('SIGKILL')
    const killedA = await a.done
    const b = await runStep({ env: { ...s.env, ...run('222') }, inputs })
    expect(b.code).toBe(1)
    expect(b.outputs.reason).toContain('is held by run 111 attempt 1 (job "deploy", repository "app")')
    expect((await aliasState(s)).weights).toEqual({ '2': 0.1 })
    // A's post step restores A's own canary; then B releases, and A's post step run late finds B's live mark.
    const postA = await runStep({ env: { ...s.env, ...run('111') }, inputs, dir: killedA.dir, state: killedA.state })
    expect(postA.code).toBe(0)
    expect(await aliasState(s)).toMatchObject({ version: '1', weights: {} })
    const c = startStep({ env: { ...s.env, ...run('333') }, inputs })
    await c.waitFor(/\[stage 1 · 10%\]/)
    const writesBefore = (await simCalls(s)).filter(x => x.operation === 'UpdateAlias' && x.status === 200).length
    const late = await runStep({ env: { ...s.env, ...run('111') }, inputs, dir: killedA.dir, state: killedA.state })
    expect(late.stdout).toContain('held by run 333 attempt 1')
    expect((await aliasState(s)).weights).toEqual({ '2': 0.1 })
    expect((await simCalls(s)).filter(x => x.operation === 'UpdateAlias' && x.status === 200)).toHaveLength(writesBefore)
    c.child.kill('SIGINT')
    expect((await c.done).outputs.result).toBe('rolled-back')
  }, 120_000)

  it.concurrent('a long user description is kept byte for byte after a promotion and after a restore', async () => {
    const s = await sim()
    await describeAlias(s, USER)
    const promoted = await runStep({ env: { ...s.env, ...run('1') }, inputs: { ...inputs, steps: '50%:3s' } })
    if (promoted.code !== 0) throw new Error(promoted.stdout)
    const after = (await aliasState(s)).description ?? ''
    expect(after.startsWith(`${USER} [lambda-canary previous=1 current=2 at=`)).toBe(true)
    const rollback = { 'function-name': 'demo-api', mode: 'rollback', 'rollback-to': 'previous' }
    const first = await runStep({ env: { ...s.env, ...run('2') }, inputs: rollback })
    expect(first.outputs.result).toBe('rolled-back')
    // The rollback button pressed twice: still version 1, "already rolled back".
    const second = await runStep({ env: { ...s.env, ...run('3') }, inputs: rollback })
    expect(second.code).toBe(0)
    expect(second.outputs.result).toBe('unchanged')
    expect(second.outputs.reason).toContain('already rolled back')
    expect(await aliasState(s)).toMatchObject({ version: '1', weights: {} })
    expect(((await aliasState(s)).description ?? '').startsWith(`${USER} [lambda-canary`)).toBe(true)
  }, 120_000)

  it.concurrent('a killed final bake is reported by the next run, which judges it again — never "unchanged"', async () => {
    const s = await sim()
    await describeAlias(s, USER)
    const step = startStep({
      env: { ...s.env, ...run('10') },
      inputs: { ...inputs, steps: '50%:2s', 'final-bake': '60s', 'max-error-rate': '5%' }
    })
    await step.waitFor(/\[stage 2 · 100%\]/)
    step.child.kill('SIGKILL')
    await step.done
    expect((await aliasState(s)).description).toContain('phase=final-bake')
    // The next run comes after the mark expired (the simulator's clock cannot jump: the mark is aged by hand).
    const aged = ((await aliasState(s)).description ?? '').replace(/until=\S+/, 'until=2000-01-01T00:00:00Z')
    await describeAlias(s, aged)
    const next = await runStep({ env: { ...s.env, ...run('11') }, inputs: { ...inputs, 'final-bake': '3s', 'max-error-rate': '5%' } })
    expect(next.outputs.result).not.toBe('unchanged')
    expect(next.stdout).toContain('never finished its final bake')
    expect(next.outputs.result).toBe('promoted')
    expect(next.outputs.reason).toContain('passed the final bake that run 10 attempt 1')
    const final = await aliasState(s)
    expect(final).toMatchObject({ version: '2', weights: {} })
    expect(final.description).not.toContain('phase=')
    expect(final.description?.startsWith(`${USER} [lambda-canary previous=1 current=2`)).toBe(true)
  }, 120_000)
})
