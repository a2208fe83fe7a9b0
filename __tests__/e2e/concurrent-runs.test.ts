// Two runs of the action on the same alias at once: one wins, the other stops with a clear message,
// and the alias ends in a state one of them chose — never a mix, never split.
import { afterAll, describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { simEnv, startSimulator } from '../../sim/index.js'
import { startStep } from './runner.js'
import { aliasState, simCalls, SIM_TIMING } from './sim.js'

const scenario = JSON.parse(readFileSync('sim/scenarios/healthy.json', 'utf8'))
scenario.name = 'two-candidates'
scenario.functions[0].versions.push({ ...structuredClone(scenario.functions[0].versions[1]), version: '3', codeSha256: 'djM=' })

const inputs = (version: string) => ({
  'function-name': 'demo-api',
  version,
  strategy: 'custom',
  steps: '10%:3s, 50%:3s',
  ...SIM_TIMING
})

const sims: { close(): Promise<void> }[] = []
afterAll(async () => {
  await Promise.all(sims.map(s => s.close()))
})

describe('e2e: two simultaneous runs', () => {
  it('one wins, the other stops with a clear message; the alias is what the winner chose', async () => {
    const sim = await startSimulator({ scenario, port: 0 })
    sims.push(sim)
    const env = simEnv(sim.url)
    const [a, b] = await Promise.all([startStep({ env, inputs: inputs('2') }).done, startStep({ env, inputs: inputs('3') }).done])
    const results = [a, b].map(r => r.outputs.result)
    const winners = [a, b].filter(r => r.outputs.result === 'promoted')
    const losers = [a, b].filter(r => r.outputs.result !== 'promoted')
    expect(winners).toHaveLength(1)
    expect(losers).toHaveLength(1)
    const loser = losers[0]!
    expect(loser.code).toBe(1)
    expect(results).toContain('failed')
    // Either the loser saw the winner's live mark before any write (it names that run), or its first write met the
    // winner's RevisionId (a conflict): which one depends on who read the alias first.
    const held = /is held by run .* never touches an alias another run is releasing/.test(loser.outputs.reason ?? '')
    expect(loser.outputs.reason).toMatch(/changed by someone else|changed while|is held by run/)
    const alias = await aliasState(sim)
    expect(alias).toMatchObject({ version: winners[0]!.outputs.version, weights: {} })
    // The loser never wrote over the winner: its refused writes were all 412s (none at all when it was held off).
    const refused = (await simCalls(sim)).filter(c => c.operation === 'UpdateAlias' && c.status === 412)
    if (!held) expect(refused.length).toBeGreaterThanOrEqual(1)
  }, 60_000)
})
