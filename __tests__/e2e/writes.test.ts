// Issue 11, items 3 and 4 through dist/ against the simulator: an applied promote answered with an unreadable
// body (an HTML 200) is read back and recognised as done.
import { afterAll, describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { type RunningSimulator, simEnv, startSimulator } from '../../sim/index.js'
import { runStep } from './runner.js'
import { SIM_TIMING, aliasState, simCalls } from './sim.js'

const sims: RunningSimulator[] = []
afterAll(async () => {
  await Promise.all(sims.map(s => s.close()))
})

describe('e2e: an applied write whose answer is unreadable', () => {
  it('promote applied, answered 200 with an HTML page: read back as done, the final bake runs, promoted, exit 0', async () => {
    const scenario = JSON.parse(readFileSync('sim/scenarios/healthy.json', 'utf8'))
    // all-at-once: the first UpdateAlias is the promotion.
    scenario.faults = [{ name: 'html-200', service: 'lambda', operations: ['UpdateAlias'], type: 'unreadable', maxCount: 1 }]
    const s = await startSimulator({ scenario, port: 0 })
    sims.push(s)
    const inputs = {
      'function-name': 'demo-api',
      version: '2',
      strategy: 'all-at-once',
      'final-bake': '4s',
      'max-error-rate': '5%',
      ...SIM_TIMING
    }
    const main = await runStep({ env: simEnv(s.url), inputs })
    if (main.code !== 0) throw new Error(main.stdout)
    expect(main.outputs.result).toBe('promoted')
    const alias = await aliasState(s)
    expect(alias).toMatchObject({ version: '2', weights: {} })
    const calls = await simCalls(s)
    // One promotion, applied once; the unreadable answer was settled by GetAlias, not by writing again. (The
    // only other write is the one that clears the run's mark once the final bake passed.)
    const writes = calls.filter(c => c.operation === 'UpdateAlias' && c.changedState)
    const marked = (c: (typeof calls)[number]) => String((c.params as { Description?: string }).Description ?? '').includes(' run=')
    expect(writes.filter(marked)).toHaveLength(1)
    expect(writes.filter(c => !marked(c))).toHaveLength(1)
    expect((writes.at(-1) as { fault?: string } | undefined)?.fault).toBeUndefined()
    // The final bake judged the new version after the promotion.
    const promotedAt = calls.find(c => c.operation === 'UpdateAlias')!.time
    expect(calls.some(c => c.operation === 'GetMetricData' && c.time > promotedAt)).toBe(true)
    const post = await runStep({ env: simEnv(s.url), inputs, dir: main.dir, state: main.state })
    expect(post.stdout).toContain('finished; nothing to clean up')
  }, 120_000)
})
