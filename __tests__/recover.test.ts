import { describe, expect, it } from '@jest/globals'
import type { Checkpoint } from '../src/ports.js'
import { recoverAlias } from '../src/recover.js'
import { formatDescription } from '../src/history.js'
import { FakeAlias, VirtualClock } from './helpers/fakes.js'

const owner = { run: '111.1.aaaa', job: 'deploy', repo: 'app' }
const cp: Checkpoint = { phase: 'shifting', functionId: 'api', alias: 'live', region: 'us-east-1', oldVersion: '1', newVersion: '2', owner }
/** The promotion before a final bake carries the run's mark; a run killed in its final bake leaves it on. */
const inFinalBake = formatDescription({ text: '', mark: { owner, until: '2099-01-01T00:00:00Z', phase: 'final-bake' } })
const sleep = async () => {}

describe('post-step recovery from saved state', () => {
  it('the main step did not finish mid-shift: restores the old version and clears routing', async () => {
    const alias = new FakeAlias(new VirtualClock(), '1', { '2': 0.25 })
    const r = await recoverAlias(alias, cp, sleep)
    expect(r.action).toBe('restored')
    expect(alias.state).toMatchObject({ version: '1', weights: {} })
    expect(alias.writes[0]!.revisionId).toBe('rev-0')
  })

  it('killed during final bake at 100%: restores the old version', async () => {
    const alias = new FakeAlias(new VirtualClock(), '2')
    alias.state.description = inFinalBake
    expect((await recoverAlias(alias, cp, sleep)).action).toBe('restored')
    expect(alias.state).toMatchObject({ version: '1', weights: {} })
  })

  it('does nothing when the deployment finished, or the alias is already back', async () => {
    const split = new FakeAlias(new VirtualClock(), '1', { '2': 0.25 })
    expect((await recoverAlias(split, { ...cp, phase: 'done' }, sleep)).action).toBe('nothing')
    expect(split.writes).toEqual([])
    const clean = new FakeAlias(new VirtualClock(), '1')
    expect((await recoverAlias(clean, cp, sleep)).action).toBe('nothing')
    expect(clean.writes).toEqual([])
  })

  it('is idempotent: a second run changes nothing', async () => {
    const alias = new FakeAlias(new VirtualClock(), '1', { '2': 0.25 })
    await recoverAlias(alias, cp, sleep)
    expect((await recoverAlias(alias, cp, sleep)).action).toBe('nothing')
    expect(alias.writes).toHaveLength(1)
  })

  it('never overwrites someone else’s version; removes only our weighted traffic', async () => {
    const theirs = new FakeAlias(new VirtualClock(), '5')
    expect((await recoverAlias(theirs, cp, sleep)).action).toBe('left-alone')
    expect(theirs.writes).toEqual([])
    const mixed = new FakeAlias(new VirtualClock(), '5', { '2': 0.1 })
    expect((await recoverAlias(mixed, cp, sleep)).action).toBe('restored')
    expect(mixed.state).toMatchObject({ version: '5', weights: {} })
  })

  it('a write that keeps failing gives the exact command', async () => {
    const clock = new VirtualClock()
    const alias = new FakeAlias(clock, '1', { '2': 0.25 })
    alias.failWrites = 10_000
    const r = await recoverAlias(
      alias,
      cp,
      ms => clock.sleep(ms),
      () => clock.now()
    )
    expect(r.action).toBe('failed')
    expect(r.message).toContain('alias "live" is STILL split 75/25: version 1 (75%) + version 2 (25%) — run: aws lambda update-alias')
    expect(r.command).toBe(
      "aws lambda update-alias --function-name api --name live --function-version 1 --routing-config 'AdditionalVersionWeights={}' --region us-east-1"
    )
  })
})
