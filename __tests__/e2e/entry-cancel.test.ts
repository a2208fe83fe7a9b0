// Issue 11, items 1 and 2, through dist/ as the runner runs it: the main step (dist/main/index.js), then the
// post step (dist/post/index.js) with the state the main step saved. A cancel at any point of the first
// 500 ms never deploys; the post step cannot deploy whatever its state; and a cancel still restores the alias
// while a call hangs (behind a proxy that never answers it), within the runner's SIGINT → SIGTERM → SIGKILL.
import { afterAll, describe, expect, it } from '@jest/globals'
import type { ChildProcess } from 'node:child_process'
import { existsSync } from 'node:fs'
import { simEnv } from '../../sim/index.js'
import { type HangProxy, startHangProxy, until } from './hang-proxy.js'
import { runStep, startStep } from './runner.js'
import { aliasState, simCalls, startScenario, SIM_TIMING } from './sim.js'

for (const bundle of ['dist/main/index.js', 'dist/post/index.js'])
  if (!existsSync(bundle)) throw new Error(`${bundle} is missing: run npm run bundle`)

const inputs = {
  'function-name': 'demo-api',
  version: '2',
  strategy: 'custom',
  steps: '10%:30s, 50%:30s',
  ...SIM_TIMING
}

const closers: { close(): Promise<void> }[] = []
afterAll(async () => {
  await Promise.all(closers.map(c => c.close()))
})
async function sim() {
  const s = await startScenario('healthy')
  closers.push(s)
  return s
}
async function proxyTo(url: string): Promise<HangProxy> {
  const p = await startHangProxy(url)
  closers.push(p)
  return p
}

/** What the runner does on cancel: SIGINT, SIGTERM 7.5 s later, SIGKILL 2.5 s after that (unless the step has exited). */
function cancelLikeRunner(child: ChildProcess): void {
  child.kill('SIGINT')
  const term = setTimeout(() => child.kill('SIGTERM'), 7_500)
  const kill = setTimeout(() => child.kill('SIGKILL'), 10_000)
  child.on('exit', () => {
    clearTimeout(term)
    clearTimeout(kill)
  })
}

const promotions = async (s: { url: string }) =>
  (await simCalls(s)).filter(c => c.operation === 'UpdateAlias' && c.status === 200 && c.params?.FunctionVersion === '2')

describe('e2e: a cancel in the first 500 ms never deploys', () => {
  it.concurrent.each([0, 50, 150, 300, 500])('SIGINT %i ms after the main step starts, then the post step', async delay => {
    const s = await sim()
    const step = startStep({ env: s.env, inputs })
    await new Promise(r => setTimeout(r, delay))
    step.child.kill('SIGINT')
    const main = await step.done
    // Killed before Node ran a line of the step, or exited by itself as failed: never a success.
    expect(main.signal === 'SIGINT' || main.code === 1).toBe(true)
    expect(main.outputs.result).not.toBe('promoted')
    const post = await runStep({ env: s.env, inputs, dir: main.dir, state: main.state, step: 'post' })
    expect(post.code).toBe(0)
    expect(await aliasState(s)).toMatchObject({ version: '1', weights: {} })
    expect(await promotions(s)).toEqual([])
  })
})

describe('e2e: the post step cannot deploy, whatever its state', () => {
  it.concurrent.each([
    ['no state', {}],
    ['the old entry’s isPost marker only', { isPost: 'true' }],
    ['garbage', { isPost: 'false', deployment: '[]' }]
  ])('%s: nothing is written and it says so', async (_what, state) => {
    const s = await sim()
    const post = await runStep({ env: s.env, inputs, state, step: 'post' })
    expect(post.code).toBe(0)
    expect(post.stdout).toContain('no deployment was started; nothing to clean up')
    expect((await simCalls(s)).filter(c => c.operation === 'UpdateAlias')).toEqual([])
    expect(await aliasState(s)).toMatchObject({ version: '1', weights: {} })
  })

  it.concurrent('a checkpoint of a deployment that never shifted: the alias already on the old version is left alone', async () => {
    const s = await sim()
    const deployment = JSON.stringify([{ phase: 'shifting', functionId: 'demo-api', alias: 'live', oldVersion: '1', newVersion: '2' }])
    const post = await runStep({ env: s.env, inputs, state: { deployment }, step: 'post' })
    expect(post.code).toBe(0)
    expect(post.stdout).toContain('already points at version 1 only')
    expect((await simCalls(s)).filter(c => c.operation === 'UpdateAlias')).toEqual([])
  })
})

describe('e2e: a cancel while an AWS call hangs still restores the alias, within the runner’s window', () => {
  it.concurrent('a hung GetMetricData mid-bake: the cancel aborts it, the main step restores the alias and exits', async () => {
    const s = await sim()
    const proxy = await proxyTo(s.url)
    const step = startStep({ env: simEnv(proxy.url), inputs })
    await until(async () => (await aliasState(s)).weights['2'] === 0.1, 'the first shift')
    proxy.hang({ operation: 'GetMetricData', forward: false })
    await until(() => proxy.hung() > 0, 'a hung GetMetricData')
    cancelLikeRunner(step.child)
    const main = await step.done
    expect(main.signal).toBeNull()
    expect(main.code).toBe(1)
    expect(main.outputs.result).toBe('rolled-back')
    expect(main.outputs.reason).toContain('cancelled')
    expect(await aliasState(s)).toMatchObject({ version: '1', weights: {} })
    const post = await runStep({ env: s.env, inputs, dir: main.dir, state: main.state, step: 'post' })
    expect(post.stdout).toContain('the deployment of demo-api finished; nothing to clean up')
  })

  it.concurrent('the first shift applied but its answer never comes: the cancel still ends with the alias restored', async () => {
    const s = await sim()
    const proxy = await proxyTo(s.url)
    proxy.hang({ operation: 'UpdateAlias', forward: true, once: true, body: /"2":0\.1/ })
    const step = startStep({ env: simEnv(proxy.url), inputs })
    await until(() => proxy.hung() > 0, 'the hung shift')
    await until(async () => (await aliasState(s)).weights['2'] === 0.1, 'the shift applied behind the lost answer')
    cancelLikeRunner(step.child)
    const main = await step.done
    expect(main.signal).toBeNull()
    expect(main.code).toBe(1)
    expect(await aliasState(s)).toMatchObject({ version: '1', weights: {} })
    const post = await runStep({ env: s.env, inputs, dir: main.dir, state: main.state, step: 'post' })
    expect(post.code).toBe(0)
    expect(await aliasState(s)).toMatchObject({ version: '1', weights: {} })
    expect(await promotions(s)).toEqual([])
  })

  it.concurrent('a hung GetAlias in the post step: the cancel aborts it and the step gives up cleanly, naming the command', async () => {
    const s = await sim()
    const step = startStep({ env: s.env, inputs })
    await until(async () => (await aliasState(s)).weights['2'] === 0.1, 'the first shift')
    step.child.kill('SIGKILL')
    const main = await step.done
    const proxy = await proxyTo(s.url)
    proxy.hang({ operation: 'GetAlias', forward: false })
    const post = startStep({ env: simEnv(proxy.url), inputs, dir: main.dir, state: main.state, step: 'post' })
    await until(() => proxy.hung() > 0, 'the hung GetAlias')
    cancelLikeRunner(post.child)
    const ended = await post.done
    expect(ended.signal).toBeNull()
    expect(ended.code).toBe(1)
    expect(ended.stdout).toContain('alias NOT restored')
    expect(ended.stdout).toContain('aws lambda update-alias --function-name demo-api --name live --function-version 1')
    // The alias is as the killed run left it, and a post step that can reach Lambda restores it.
    expect((await aliasState(s)).weights).toEqual({ '2': 0.1 })
    const again = await runStep({ env: s.env, inputs, dir: main.dir, state: main.state, step: 'post' })
    expect(again.code).toBe(0)
    expect(await aliasState(s)).toMatchObject({ version: '1', weights: {} })
  })
})
