import { describe, expect, it } from '@jest/globals'
import { T0, aliasOf, deploy, harness, rolloutSettings as settings } from './helpers/fakes.js'

describe('the alias is never overwritten or left split', () => {
  it('RevisionId conflict: someone else moves the alias mid-bake → stop, do not overwrite, report both states', async () => {
    const h = harness()
    h.clock.at(60_000, () => h.alias.set({ version: '5', weights: {} }))
    const outcome = await deploy(settings(), h.ports)
    expect(outcome.result).toBe('failed')
    expect(outcome.reason).toContain('was changed by someone else')
    expect(outcome.reason).toContain('expected RevisionId rev-1')
    expect(outcome.reason).toContain('found version 5 (100%)')
    expect(aliasOf(h)).toEqual({ version: '5', weights: {} })
    // Every write of ours after the other writer's change carried the stale RevisionId and was refused; the one
    // accepted write keeps their routing exactly and only takes this run's mark out of the description.
    const after = h.alias.writes.filter(w => w.at > T0 + 60_000)
    const refused = after.filter(w => w.revisionId === 'rev-1')
    expect(refused.length).toBeGreaterThan(0)
    expect(after.filter(w => w.revisionId !== 'rev-1').map(w => w.target)).toEqual([
      { version: '5', weights: {}, description: expect.not.stringContaining(' run=') }
    ])
    expect(outcome.timeline.find(e => e.type === 'conflict')).toMatchObject({ theirs: { version: '5' } })
  })

  it('conflict where the other writer kept our version in the routing: only our part is removed', async () => {
    const h = harness()
    h.clock.at(60_000, () => h.alias.set({ version: '5', weights: { '2': 0.3 } }))
    const outcome = await deploy(settings(), h.ports)
    expect(outcome.result).toBe('failed')
    expect(aliasOf(h)).toEqual({ version: '5', weights: {} })
    expect(outcome.reason).toContain("removed only version 2's weighted traffic")
  })

  it('an alias already split (a killed run) is reported and restored to its primary first', async () => {
    const h = harness({}, { '3': 0.2 })
    const outcome = await deploy(settings(), h.ports)
    expect(h.alias.writes[0]!.target).toEqual({ version: '1', weights: {} })
    expect(outcome.timeline.find(e => e.type === 'split-restored')).toBeDefined()
    const preflight = outcome.timeline.find(e => e.type === 'preflight')
    expect(JSON.stringify(preflight)).toContain('already split')
    expect(outcome.result).toBe('promoted')
  })

  it('on-split-alias: fail stops without any write', async () => {
    const h = harness({}, { '3': 0.2 })
    const outcome = await deploy(settings({ 'on-split-alias': 'fail' }), h.ports)
    expect(outcome.result).toBe('failed')
    expect(h.alias.writes).toEqual([])
    expect(aliasOf(h)).toEqual({ version: '1', weights: { '3': 0.2 } })
  })

  it('cancellation mid-bake restores the alias and fails', async () => {
    const h = harness()
    h.clock.at(90_000, () => h.controller.abort())
    const outcome = await deploy(settings(), h.ports)
    expect(outcome.result).toBe('rolled-back')
    expect(outcome.reason).toContain('cancelled')
    expect(aliasOf(h)).toEqual({ version: '1', weights: {} })
    expect(h.checkpoints.map(c => c.phase)).toEqual(['shifting', 'done'])
  })

  it('cancelled before any traffic moved: nothing to restore, no write', async () => {
    const h = harness()
    h.fn.provisioned['2'] = { requested: 1, allocated: 0, status: 'IN_PROGRESS' }
    h.clock.at(15_000, () => h.controller.abort())
    const outcome = await deploy(settings({ 'wait-for-provisioned-concurrency': 'true' }), h.ports)
    expect(outcome.result).toBe('failed')
    expect(h.alias.writes).toEqual([])
  })

  it('cancelled during the final bake of an all-at-once release: the old version is restored', async () => {
    const h = harness()
    h.clock.at(90_000, () => h.controller.abort())
    const outcome = await deploy(settings({ strategy: 'all-at-once', 'final-bake': '5m' }), h.ports)
    expect(outcome.result).toBe('rolled-back')
    expect(h.alias.writes.map(w => w.target.version)).toEqual(['2', '1'])
    expect(aliasOf(h)).toEqual({ version: '1', weights: {} })
  })

  it('a restore throttled a few times is retried until written', async () => {
    const h = harness({ errorRate: v => (v === '2' ? 0.5 : 0) })
    h.clock.at(60_000, () => (h.alias.failWrites = 3))
    const outcome = await deploy(settings(), h.ports)
    expect(outcome.result).toBe('rolled-back')
    expect(aliasOf(h)).toEqual({ version: '1', weights: {} })
    expect(outcome.timeline.filter(e => e.type === 'retry')).toHaveLength(3)
  })

  it('a write applied but answered with a 5xx is recognised by reading it back, not mistaken for a conflict', async () => {
    const h = harness()
    h.alias.loseAnswers = 1
    const outcome = await deploy(settings(), h.ports)
    expect(outcome.result).toBe('promoted')
    // The shift was read back as applied: no second write, and the promote carries the new RevisionId.
    expect(h.alias.writes.map(w => w.revisionId)).toEqual(['rev-0', 'rev-1'])
    expect(aliasOf(h)).toEqual({ version: '2', weights: {} })
  })

  it('a restore that cannot be written fails loudly with the exact command, and leaves the post step its chance', async () => {
    const h = harness({ errorRate: v => (v === '2' ? 0.5 : 0) })
    h.clock.at(60_000, () => (h.alias.failWrites = 100))
    const outcome = await deploy(settings(), h.ports)
    expect(outcome.result).toBe('failed')
    expect(outcome.restoreCommand).toBe(
      "aws lambda update-alias --function-name api --name live --function-version 1 --routing-config 'AdditionalVersionWeights={}' --region us-east-1"
    )
    expect(outcome.reason).toContain('could NOT be restored')
    expect(h.checkpoints.map(c => c.phase)).toEqual(['shifting'])
  })

  it('metrics that keep failing fail the stage (not a pass) and restore; a single failure is tolerated', async () => {
    const flaky = harness()
    flaky.metrics.failReads = 2
    expect((await deploy(settings(), flaky.ports)).result).toBe('promoted')

    const broken = harness()
    broken.metrics.failReads = 1000
    const outcome = await deploy(settings(), broken.ports)
    expect(outcome.result).toBe('rolled-back')
    expect(outcome.reason).toContain('metrics could not be read 3 times in a row')
    expect(aliasOf(broken)).toEqual({ version: '1', weights: {} })
  })
})
