// Issue 10, end to end through dist/: every strategy that puts the new version at 100% judges it there against
// the old version's pre-deployment baseline, with the default gates, and restores the alias on a regression.
// The simulator's traffic starts with it, so each test lets the old version serve ~12 s first and reads a
// 10-second baseline (1-second periods keep a deployment to seconds).
import { afterAll, describe, expect, it } from '@jest/globals'
import { existsSync } from 'node:fs'
import { runWithPost } from './runner.js'
import { SIM_TIMING, aliasState, startScenario } from './sim.js'

if (!existsSync('dist/main/index.js')) throw new Error('dist/main/index.js is missing: run npm run bundle')

const sims: { close(): Promise<void> }[] = []
afterAll(async () => {
  await Promise.all(sims.map(s => s.close()))
})

async function release(scenario: string, inputs: Record<string, string>) {
  const sim = await startScenario(scenario)
  sims.push(sim)
  await new Promise(resolve => setTimeout(resolve, 12_000))
  const base = { 'function-name': 'demo-api', alias: 'live', version: '2', 'baseline-window': '10s', ...SIM_TIMING }
  const { main } = await runWithPost({ env: sim.env, inputs: { ...base, ...inputs } })
  return { main, alias: await aliasState(sim) }
}

const STRATEGIES: [string, Record<string, string>][] = [
  ['blue-green', { strategy: 'blue-green', 'bake-time': '8s', 'smoke-payload': '{}' }],
  ['all-at-once + final bake', { strategy: 'all-at-once', 'final-bake': '8s' }],
  ['canary + final bake', { strategy: 'canary', 'canary-weight': '10%', 'bake-time': '3s', 'final-bake': '8s' }],
  ['a CodeDeploy preset + final bake', { strategy: 'CodeDeployDefault.LambdaAllAtOnce', 'final-bake': '8s' }]
]

describe('e2e: 100% traffic judged against the baseline with the default gates', () => {
  for (const [name, inputs] of STRATEGIES) {
    it.concurrent(`${name}: an error regression restores the alias`, async () => {
      const { main, alias } = await release('regression', inputs)
      // Blue-green's smoke test may already catch a version failing 20% of calls: then no traffic moved at all.
      if (name === 'blue-green' && main.outputs.result === 'failed') expect(main.outputs.reason).toMatch(/smoke/)
      else {
        expect(main.outputs.result).toBe('rolled-back')
        expect(main.outputs.reason).toMatch(/error rate of the new version/)
      }
      expect(alias).toMatchObject({ version: '1', weights: {} })
      expect(main.code).toBe(1)
    })
    it.concurrent(`${name}: a latency regression restores the alias`, async () => {
      const { main, alias } = await release('latency-regression', inputs)
      expect(main.outputs.result).toBe('rolled-back')
      expect(main.outputs.reason).toMatch(/p90 latency of the new version/)
      expect(alias).toMatchObject({ version: '1', weights: {} })
    })
  }
})
