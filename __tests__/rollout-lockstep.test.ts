import { describe, expect, it } from '@jest/globals'
import { Lockstep } from '../src/lockstep.js'
import { T0, aliasOf, deploy, harness, rolloutSettings as settings } from './helpers/fakes.js'

describe('several functions in lockstep', () => {
  async function release(
    models: Parameters<typeof harness>[0][],
    extra: Record<string, string> = {},
    arrange?: (hs: ReturnType<typeof harness>[]) => void
  ) {
    const hs = models.map(m => harness(m))
    arrange?.(hs)
    const lockstep = new Lockstep(hs.map((_, i) => `api-${i}`))
    const outcomes = await Promise.all(
      hs.map((h, i) =>
        deploy(settings({ 'function-name': `api-${i}`, ...extra }), {
          ...h.ports,
          signal: lockstep.controllers[i]!.signal,
          lockstep: lockstep.member(i)
        })
      )
    )
    return { hs, outcomes }
  }

  it('all healthy: every function shifts through the same stages and is promoted', async () => {
    const { hs, outcomes } = await release([{}, {}], { strategy: 'custom', steps: '10%:2m, 50%:2m' })
    expect(outcomes.map(o => o.result)).toEqual(['promoted', 'promoted'])
    for (const h of hs) expect(h.alias.writes.map(w => w.target.weights['2'] ?? 'promote')).toEqual([0.1, 0.5, 'promote'])
  })

  it('one regresses: both are restored, each judged on its own numbers, and the healthy one says why', async () => {
    const { hs, outcomes } = await release([{}, { errorRate: v => (v === '2' ? 0.2 : 0.001) }], {
      strategy: 'custom',
      steps: '10%:2m, 50%:2m'
    })
    expect(outcomes[1]!.result).toBe('rolled-back')
    expect(outcomes[1]!.reason).toMatch(/^stage 1 \(10%\): error rate of the new version/)
    expect(outcomes[0]!.result).toBe('rolled-back')
    expect(outcomes[0]!.reason).toMatch(
      /^restored with the other functions released in lockstep, because api-1: stage 1 \(10%\): error rate/
    )
    for (const h of hs) expect(aliasOf(h)).toEqual({ version: '1', weights: {} })
    // The healthy one never got to 50%.
    expect(hs[0]!.alias.writes.some(w => w.target.weights['2'] === 0.5)).toBe(false)
  })

  it('a preflight failure of one: nothing is shifted anywhere', async () => {
    const { hs, outcomes } = await release([{}, {}], {}, hs => delete hs[1]!.fn.configs['2'])
    expect(outcomes.map(o => o.result)).toEqual(['failed', 'failed'])
    expect(outcomes[0]!.reason).toBe(
      'nothing was shifted: api-1: version 2 of "api-1" does not exist; publish it first (or use publish: true)'
    )
    for (const h of hs) expect(h.alias.writes).toEqual([])
  })

  it('a regression in one during final bake restores the other too, though it was already promoted', async () => {
    const { hs, outcomes } = await release([{}, { errorRate: (v, t) => (v === '2' && t >= T0 + 7 * 60_000 ? 0.3 : 0.001) }], {
      'bake-time': '2m',
      'final-bake': '10m',
      'metric-lag': '0s'
    })
    expect(outcomes.map(o => o.result)).toEqual(['rolled-back', 'rolled-back'])
    for (const h of hs) {
      expect(h.alias.writes.map(w => w.target.version)).toEqual(['1', '2', '1'])
      expect(aliasOf(h)).toEqual({ version: '1', weights: {} })
    }
  })
})
