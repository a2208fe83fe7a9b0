// Written independently of the implementation, from issue 11's promise alone ("Never lose control of the alias").
// Each test runs the bundled action as the runner does — the main step, then the post step with the state the
// main step saved — against the simulator behind sim/fault-proxy.ts, and names the promise (Required N) it checks.
// Outcomes and orderings only (alias state from the simulator, exit codes, log lines, call order): the few
// waits below only choose WHEN a fault or a cancel happens, nothing asserts a duration.
import { afterAll, describe, expect, it } from '@jest/globals'
import { startFaultProxy } from '../../sim/fault-proxy.js'
import type { StepResult } from './runner.js'
import { SIM_TIMING } from './sim.js'
import {
  alias,
  aliasWrites,
  cancelLikeRunner,
  finishWithin,
  type Rig,
  type ScenarioJson,
  rig,
  shown,
  sleep,
  startMain,
  startPost,
  until,
  weightsOf,
  withVersion3
} from './issue11-helpers.js'

const rigs: Rig[] = []
afterAll(async () => {
  await Promise.all(rigs.map(r => r.close()))
})
async function setup(...args: Parameters<typeof rig>): Promise<Rig> {
  const r = await rig(...args)
  rigs.push(r)
  return r
}

const base = { 'function-name': 'demo-api', version: '2', strategy: 'custom', 'max-error-rate': '5%', ...SIM_TIMING }
/** The alias as the scenario starts it: version 1 only, its own description. */
const WHOLE = { version: '1', weights: {}, description: 'production traffic' }

describe('issue 11 · Required 1: a cancel in the first 500 ms never deploys', () => {
  // The runner runs the post step after a cancel; whatever state the main step got to save, the post step
  // must never perform the deployment.
  it.concurrent.each([0, 50, 120, 200, 350, 500])('SIGINT %i ms after the main step starts, then the post step', async delay => {
    const r = await setup('healthy')
    const inputs = { ...base, steps: '50%:2s' }
    const step = startMain(r.proxy, inputs)
    await sleep(delay)
    const main = await cancelLikeRunner(step)
    const writesBeforePost = (await aliasWrites(r)).length
    const post = await finishWithin(startPost(r.proxy, inputs, main), 60_000)
    expect(post.killed).toBe(false)
    // Never promoted, by either step; the post step never shifted anything.
    const writes = await aliasWrites(r)
    expect(writes.filter(c => c.params?.FunctionVersion === '2')).toEqual([])
    expect(writes.slice(writesBeforePost).filter(c => Object.keys(weightsOf(c)).length > 0)).toEqual([])
    expect(post.outputs.result).not.toBe('promoted')
    expect(await alias(r)).toEqual(expect.objectContaining({ version: '1', weights: {} }))
  })
})

describe('issue 11 · Required 2: every AWS call is bounded and cancellable (a hung call never keeps the alias)', () => {
  it.concurrent('a hung GetMetricData mid-canary: the runner’s cancel ends the main step with the alias whole; the post step agrees', async () => {
    let hang = false
    const r = await setup('healthy', undefined, [{ operation: 'GetMetricData', when: () => hang, action: { kind: 'hang' } }])
    const inputs = { ...base, steps: '10%:60s' }
    const step = startMain(r.proxy, inputs)
    await step.waitFor(/\[stage 1 · 10%\]/)
    hang = true
    await until(() => r.proxy.count('GetMetricData', true) > 0, 'a hung GetMetricData')
    const main = await cancelLikeRunner(step)
    expect(main.sent).not.toContain('SIGKILL')
    expect(main.code).not.toBe(0)
    expect(await alias(r)).toEqual(expect.objectContaining(WHOLE))
    const post = await finishWithin(startPost(r.proxy, inputs, main), 60_000)
    expect(post.killed).toBe(false)
    expect(await alias(r)).toEqual(expect.objectContaining(WHOLE))
  })

  it.concurrent('a shift whose answer never comes (UpdateAlias applied, then hung): the cancel restores the alias', async () => {
    const r = await setup('healthy', undefined, [{ operation: 'UpdateAlias', nth: 1, action: { kind: 'hang', forward: true } }])
    const inputs = { ...base, steps: '10%:60s' }
    const step = startMain(r.proxy, inputs)
    // The first shift reached the simulator (the alias is split) and its answer hangs.
    await until(async () => (await alias(r)).weights['2'] === 0.1, 'the applied first shift')
    await sleep(500)
    const main = await cancelLikeRunner(step)
    expect(main.sent).not.toContain('SIGKILL')
    expect(await alias(r)).toEqual(expect.objectContaining(WHOLE))
    const post = await finishWithin(startPost(r.proxy, inputs, main), 60_000)
    expect(post.killed).toBe(false)
    expect(await alias(r)).toEqual(expect.objectContaining(WHOLE))
  })

  it.concurrent('a hung GetAlias in the post step (after a main step killed mid-canary): the cancel still ends with the alias whole', async () => {
    const r = await setup('healthy')
    const inputs = { ...base, steps: '10%:60s' }
    const step = startMain(r.proxy, inputs)
    await step.waitFor(/\[stage 1 · 10%\]/)
    step.child.kill('SIGKILL')
    const main = await step.done
    expect((await alias(r)).weights).toEqual({ '2': 0.1 })
    // The post step's first GetAlias never answers.
    r.proxy.rules.push({ operation: 'GetAlias', after: r.proxy.count('GetAlias'), times: 1, action: { kind: 'hang' } })
    const post = startPost(r.proxy, inputs, main)
    await Promise.race([until(() => r.proxy.count('GetAlias', true) > 0, 'the post step’s hung GetAlias'), post.done])
    await sleep(500)
    const ended = await cancelLikeRunner(post)
    expect(ended.sent).not.toContain('SIGKILL')
    expect(await alias(r)).toEqual(expect.objectContaining(WHOLE))
  })
})

describe('issue 11 · Required 3: a write whose answer is unreadable is settled by reading the alias back', () => {
  it.concurrent('a shift applied, its answer truncated: the action reads the alias back and carries on to promotion', async () => {
    const r = await setup('healthy', undefined, [{ operation: 'UpdateAlias', nth: 1, action: { kind: 'truncate' } }])
    const main = await finishWithin(startMain(r.proxy, { ...base, steps: '10%:2s, 50%:2s' }), 90_000)
    expect(shown(main.stdout)).not.toMatch(/someone else/)
    expect(main.outputs.result).toBe('promoted')
    expect(main.code).toBe(0)
    expect(await alias(r)).toMatchObject({ version: '2', weights: {} })
    // Between the unreadable answer and the next write, the alias was read back.
    const seq = r.proxy.hits.filter(h => h.operation === 'UpdateAlias').map(h => h.seq)
    const readBack = r.proxy.hits.filter(h => ['GetAlias', 'ListAliases'].includes(h.operation) && h.seq > seq[0]! && h.seq < seq[1]!)
    expect(readBack.length).toBeGreaterThan(0)
  })

  it.concurrent.each([
    ['an HTML 200', { kind: 'html' }],
    ['a connection reset', { kind: 'reset', forward: true }],
    ['a 500', { kind: 'error', status: 500, forward: true }]
  ] as const)('a promote applied, answered with %s: not "someone else" — the final bake runs and the run succeeds', async (_, action) => {
    // UpdateAlias #1 = the 50% shift, #2 = the promotion.
    const r = await setup('healthy', undefined, [{ operation: 'UpdateAlias', nth: 2, action }])
    const inputs = { ...base, steps: '50%:2s', 'final-bake': '4s' }
    const main = await finishWithin(startMain(r.proxy, inputs), 90_000)
    expect(shown(main.stdout)).not.toMatch(/someone else/)
    expect(main.outputs.result).toBe('promoted')
    expect(main.code).toBe(0)
    expect(await alias(r)).toMatchObject({ version: '2', weights: {} })
    // The final bake happened: metrics were read after the unreadable promotion.
    const promote = r.proxy.hits.find(h => h.operation === 'UpdateAlias' && h.n === 2)!
    expect(r.proxy.hits.filter(h => h.operation === 'GetMetricData' && h.seq > promote.seq).length).toBeGreaterThan(0)
    const post = await finishWithin(startPost(r.proxy, inputs, main), 60_000)
    expect(post.code).toBe(0)
    expect(await alias(r)).toMatchObject({ version: '2', weights: {} })
  })

  it.concurrent('a restore applied, its answer truncated: the rollback is known to have happened (no "NOT restored")', async () => {
    // UpdateAlias #1 = the 10% shift, #2 = the restore after the regression.
    const r = await setup('regression', undefined, [{ operation: 'UpdateAlias', nth: 2, action: { kind: 'truncate' } }])
    const inputs = { ...base, steps: '10%:30s', 'max-error-rate': '1%' }
    const main = await finishWithin(startMain(r.proxy, inputs), 90_000)
    expect(main.outputs.result).toBe('rolled-back')
    expect(main.code).toBe(1)
    expect(shown(main.stdout)).not.toMatch(/NOT restored|someone else/)
    expect(await alias(r)).toEqual(expect.objectContaining(WHOLE))
    const post = await finishWithin(startPost(r.proxy, inputs, main), 60_000)
    expect(post.code).toBe(0)
    expect(await alias(r)).toEqual(expect.objectContaining(WHOLE))
  })
  it.concurrent('a manual rollback applied, its answer truncated: reported rolled-back, the alias on the old version', async () => {
    const r = await setup('healthy')
    const deployInputs = { ...base, steps: '50%:2s' }
    const deployed = await finishWithin(startMain(r.proxy, deployInputs), 90_000)
    expect(deployed.outputs.result).toBe('promoted')
    await finishWithin(startPost(r.proxy, deployInputs, deployed), 60_000)
    r.proxy.rules.push({ operation: 'UpdateAlias', after: r.proxy.count('UpdateAlias'), times: 1, action: { kind: 'truncate' } })
    const button = { 'function-name': 'demo-api', mode: 'rollback', 'rollback-to': '1' }
    const main = await finishWithin(startMain(r.proxy, button, '5001'), 60_000)
    expect(main.outputs.result).toBe('rolled-back')
    expect(main.code).toBe(0)
    expect(await alias(r)).toMatchObject({ version: '1', weights: {} })
  })
})

describe('issue 11 · Required 4: restores persist through 5xx storms', () => {
  it.concurrent('503 on every restore for longer than a few seconds: the main step keeps retrying and restores the alias itself', async () => {
    let down = false
    const r = await setup('regression', undefined, [
      { operation: 'UpdateAlias', after: 1, when: () => down, action: { kind: 'error', status: 503 } }
    ])
    down = true
    const step = startMain(r.proxy, { ...base, steps: '10%:30s', 'max-error-rate': '1%' })
    // The storm lasts 12 s of the main step's restore (today's restore gives up after ~4 s).
    await until(() => r.proxy.count('UpdateAlias', true) > 0, 'the first refused restore', 60_000)
    await Promise.race([sleep(12_000), step.done])
    down = false
    const main = await finishWithin(step, 300_000)
    expect(main.outputs.result).toBe('rolled-back')
    expect(await alias(r)).toEqual(expect.objectContaining(WHOLE))
  }, 330_000)

  it.concurrent('503 past restore-timeout: the main step fails saying what the alias holds; the post step keeps on and restores it', async () => {
    let down = true
    const r = await setup('regression', undefined, [
      { operation: 'UpdateAlias', after: 1, when: () => down, action: { kind: 'error', status: 503 } }
    ])
    const inputs = { ...base, steps: '10%:30s', 'max-error-rate': '1%', 'restore-timeout': '10s' }
    const main = await finishWithin(startMain(r.proxy, inputs), 300_000)
    expect(main.code).toBe(1)
    expect((await alias(r)).weights).toEqual({ '2': 0.1 })
    // The log and the summary say exactly what the alias holds.
    expect(shown(main.stdout)).toContain('version 1 (90%) + version 2 (10%)')
    expect(shown(main.summary)).toContain('version 1 (90%) + version 2 (10%)')
    // The post step meets three more refusals, then the API comes back.
    const refusedBefore = r.proxy.count('UpdateAlias', true)
    const post = startPost(r.proxy, inputs, main)
    await Promise.race([
      until(() => r.proxy.count('UpdateAlias', true) >= refusedBefore + 3, 'three refused restores in the post step', 120_000),
      post.done
    ])
    down = false
    const ended = await finishWithin(post, 300_000)
    expect(await alias(r)).toEqual(expect.objectContaining(WHOLE))
    expect(shown(ended.stdout)).toMatch(/version 1 \(100%\)/)
  }, 600_000)
})

describe('issue 11 · Required 5: a live run’s canary is never overwritten', () => {
  it.concurrent('a second run on the alias while the first is in its canary: it never writes over it; the first run promotes', async () => {
    const r = await setup('healthy', withVersion3)
    // Run B talks to the same simulator through its own proxy, so every call is attributed to its run.
    const proxyB = await startFaultProxy({ target: r.sim.url })
    rigs.push({ sim: r.sim, proxy: proxyB, close: () => proxyB.close() })
    const runA = startMain(r.proxy, { ...base, steps: '10%:15s' }, '1001')
    await runA.waitFor(/\[stage 1 · 10%\]/)
    const runB = startMain(proxyB, { ...base, version: '3', steps: '10%:2s' }, '1002')
    const [a, bRes] = await Promise.all([finishWithin(runA, 120_000), finishWithin(runB, 300_000)])
    expect(shown(a.stdout)).not.toMatch(/someone else|changed while/)
    expect(a.outputs.result).toBe('promoted')
    expect(a.code).toBe(0)
    // Run B wrote nothing before run A's last write (its promotion).
    const lastA = Math.max(...r.proxy.hits.filter(h => h.operation === 'UpdateAlias').map(h => h.seq))
    expect(proxyB.hits.filter(h => h.operation === 'UpdateAlias' && h.seq < lastA)).toEqual([])
    // If run B stopped rather than waited, it named the run holding the alias.
    if (bRes.outputs.result !== 'promoted') expect(shown(bRes.stdout)).toContain('1001')
    expect((await alias(r)).weights).toEqual({})
  }, 330_000)

  it.concurrent('a late post step of a killed run, while a re-run of the release is in its canary: the re-run’s canary stands', async () => {
    // Run A is killed mid-canary; a new run (B) of the same release starts; A's post step comes late.
    const r = await setup('healthy')
    const proxyB = await startFaultProxy({ target: r.sim.url })
    rigs.push({ sim: r.sim, proxy: proxyB, close: () => proxyB.close() })
    const inputsA = { ...base, steps: '10%:60s' }
    const stepA = startMain(r.proxy, inputsA, '2001')
    await stepA.waitFor(/\[stage 1 · 10%\]/)
    stepA.child.kill('SIGKILL')
    const mainA = await stepA.done
    const runB = startMain(proxyB, { ...base, steps: '10%:8s' }, '2002')
    // Run A's post step comes once run B is in its canary (or after 8 s if run B is waiting).
    await Promise.race([runB.waitFor(/\[stage 1 · 10%\]/, 60_000).catch(() => undefined), sleep(8_000), runB.done])
    const postA = await finishWithin(startPost(r.proxy, inputsA, mainA, '2001'), 300_000)
    const bRes = await finishWithin(runB, 300_000)
    expect(postA.killed).toBe(false)
    // After run B's first canary write, run A's post step wrote nothing.
    const shifts = (body: string) => Object.keys(JSON.parse(body || '{}').RoutingConfig?.AdditionalVersionWeights ?? {}).length > 0
    const firstCanaryB = proxyB.hits.find(h => h.operation === 'UpdateAlias' && shifts(h.body))
    if (firstCanaryB) expect(r.proxy.hits.filter(h => h.operation === 'UpdateAlias' && h.seq > firstCanaryB.seq)).toEqual([])
    expect(shown(bRes.stdout)).not.toMatch(/someone else|changed while/)
    // Run B either released (the alias on version 2 alone) or stopped naming run A; never split.
    if (bRes.outputs.result === 'promoted') expect(await alias(r)).toMatchObject({ version: '2', weights: {} })
    else expect(shown(bRes.stdout)).toContain('2001')
    expect((await alias(r)).weights).toEqual({})
  }, 330_000)
})

describe('issue 11 · Required 7: an interrupted final bake is not forgotten', () => {
  it.concurrent('the main step SIGKILLed mid final bake; the next run says the final bake never finished, not "unchanged"', async () => {
    const r = await setup('healthy')
    const inputs = { ...base, steps: '50%:2s', 'final-bake': '60s' }
    const first = startMain(r.proxy, inputs, '3001')
    // Killed once the promotion is written and the final bake has read metrics.
    const promoted = () => r.proxy.hits.find(h => h.operation === 'UpdateAlias' && JSON.parse(h.body || '{}').FunctionVersion === '2')
    await until(
      () => r.proxy.hits.some(h => h.operation === 'GetMetricData' && h.seq > (promoted()?.seq ?? Infinity)),
      'the final bake',
      60_000
    )
    first.child.kill('SIGKILL')
    await first.done
    const next = await finishWithin(startMain(r.proxy, { ...inputs, 'final-bake': '4s' }, '3002'), 300_000)
    const log = shown(next.stdout)
    expect(log).toMatch(/final bake/i)
    expect(log).toMatch(/never finished|did not finish|not finished|interrupted|unfinished/i)
    expect(next.code === 0 && next.outputs.result === 'unchanged').toBe(false)
  }, 330_000)
})

describe('issue 11 · Required 8: the rollback button is idempotent', () => {
  it.concurrent('rollback-to previous pressed twice leaves the alias on the old version', async () => {
    const r = await setup('healthy')
    const deployInputs = { ...base, steps: '50%:2s' }
    const deployed = await finishWithin(startMain(r.proxy, deployInputs), 90_000)
    expect(deployed.outputs.result).toBe('promoted')
    await finishWithin(startPost(r.proxy, deployInputs, deployed), 60_000)
    const button = { 'function-name': 'demo-api', mode: 'rollback', 'rollback-to': 'previous' }
    const press = async (runId: string): Promise<StepResult> => {
      const main = await finishWithin(startMain(r.proxy, button, runId), 60_000)
      await finishWithin(startPost(r.proxy, button, main, runId), 60_000)
      return main
    }
    const first = await press('4001')
    expect(first.outputs).toMatchObject({ result: 'rolled-back', version: '1' })
    expect(await alias(r)).toMatchObject({ version: '1', weights: {} })
    const writesAfterFirst = (await aliasWrites(r)).length
    const second = await press('4002')
    expect(await alias(r)).toMatchObject({ version: '1', weights: {} })
    expect(second.outputs.version).not.toBe('2')
    expect((await aliasWrites(r)).slice(writesAfterFirst).filter(c => c.params?.FunctionVersion === '2')).toEqual([])
  })
})

describe('issue 11 · Required 6: the user’s alias description is never lost', () => {
  // The README's rule (lead's change after the implementation chose it): lambda-canary keeps its record after the
  // user's text and never cuts that text, so a description must leave room for the marker (about 180 of Lambda's
  // 256 characters); a longer one is refused before any write. 70 characters here, with Markdown,
  // workflow-command look-alikes, a new line, a % and Unicode.
  const DESCRIPTION = '**Prod** `api` [wiki](https://w.example/x?a=1&b=2)\n::error::x %0A Ü ✓'.padEnd(70, '.')
  const LONG = DESCRIPTION.padEnd(250, '.')
  const withDescription = (s: ScenarioJson) => {
    s.functions[0]!.aliases[0]!.description = DESCRIPTION
  }

  it.concurrent('byte for byte the same after a promotion', async () => {
    const r = await setup('healthy', withDescription)
    const inputs = { ...base, steps: '50%:2s' }
    const main = await finishWithin(startMain(r.proxy, inputs), 90_000)
    await finishWithin(startPost(r.proxy, inputs, main), 60_000)
    expect(main.outputs.result).toBe('promoted')
    // The README's rule: the user's text byte for byte, then lambda-canary's record of the release (no mark left).
    const after = (await alias(r)).description ?? ''
    expect(after.startsWith(`${DESCRIPTION} [lambda-canary previous=1 current=2 at=`)).toBe(true)
    expect(after).not.toContain(' run=')
    // The user's text never becomes a workflow command.
    expect(main.stdout.split('\n').filter(l => l.startsWith('::error::x'))).toEqual([])
  })

  it.concurrent('a description that leaves no room for the marker is refused before any write, and kept', async () => {
    const r = await setup('healthy', sc => {
      sc.functions[0]!.aliases[0]!.description = LONG
    })
    const inputs = { ...base, steps: '50%:2s' }
    const main = await finishWithin(startMain(r.proxy, inputs), 90_000)
    expect(main.outputs.result).toBe('failed')
    expect(main.stdout).toContain('lambda-canary never cuts your text')
    expect((await alias(r)).description).toBe(LONG)
    expect(r.proxy.count('UpdateAlias')).toBe(0)
  })

  it.concurrent('byte for byte the same after a restore', async () => {
    const r = await setup('regression', withDescription)
    const inputs = { ...base, steps: '10%:30s', 'max-error-rate': '1%' }
    const main = await finishWithin(startMain(r.proxy, inputs), 90_000)
    await finishWithin(startPost(r.proxy, inputs, main), 60_000)
    expect(main.outputs.result).toBe('rolled-back')
    expect(await alias(r)).toEqual({ version: '1', weights: {}, revisionId: expect.any(String), description: DESCRIPTION })
  })
})
