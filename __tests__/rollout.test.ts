import { describe, expect, it } from '@jest/globals'
import { T0, aliasOf, deploy, harness, rolloutSettings as settings } from './helpers/fakes.js'

describe('healthy release', () => {
  it('canary: shifts 10%, bakes, waits for the last minute to settle, promotes with routing cleared', async () => {
    const h = harness()
    const outcome = await deploy(settings(), h.ports)
    expect(outcome.result).toBe('promoted')
    expect(outcome.reason).toContain('version 2 took 100% of alias "live"')
    expect(aliasOf(h)).toEqual({ version: '2', weights: {} })
    // Each write carries the RevisionId of the state it replaces.
    expect(h.alias.writes.map(w => [w.target, w.revisionId])).toEqual([
      // The shift carries this run's mark; the promotion (no final bake) leaves the history and no mark.
      [
        {
          version: '1',
          weights: { '2': 0.1 },
          description: expect.stringMatching(/^\[lambda-canary run=\S+ job=local repo=local until=\S+ phase=shifting\]$/)
        },
        'rev-0'
      ],
      [{ version: '2', weights: {}, description: expect.stringMatching(/^\[lambda-canary previous=1 current=2 at=\S+\]$/) }, 'rev-1']
    ])
    // The promotion waits for bake (5m) and for every period up to the bake's end to be 2m old.
    const promotedAt = h.alias.writes[1]!.at - T0
    expect(promotedAt).toBeGreaterThanOrEqual((5 + 2) * 60_000)
    expect(promotedAt).toBeLessThan((5 + 2 + 1) * 60_000)
    expect(outcome.version).toBe('2')
    expect(outcome.previousVersion).toBe('1')
    expect(h.checkpoints.map(c => c.phase)).toEqual(['shifting', 'done'])
  })

  it('polls through the bake: one metrics read per poll, only whole periods, window from the first shift', async () => {
    const h = harness()
    await deploy(settings(), h.ports)
    const polls = h.events.filter(e => e.type === 'poll')
    // A poll before the first period is complete has nothing to read and does not call CloudWatch.
    const withData = polls.filter(e => e.type === 'poll' && e.sample.windowEnd > e.sample.windowStart)
    expect(h.metrics.reads.length).toBe(withData.length)
    expect(polls.length - withData.length).toBe(1)
    expect(polls.length).toBeGreaterThanOrEqual(10) // 7 minutes at 30 s
    for (const q of h.metrics.reads) {
      expect(q.start % 60_000).toBe(0)
      expect(q.end % 60_000).toBe(0)
      expect(q.start).toBe(T0)
      expect(q).toMatchObject({ newVersion: '2', oldVersion: '1', periodSeconds: 60, latencyStatistic: 'p99' })
    }
  })

  it('custom stages: every weight in order, then promotion', async () => {
    const h = harness()
    const outcome = await deploy(settings({ strategy: 'custom', steps: '10%:2m, 25%:2m, 50%:2m' }), h.ports)
    expect(outcome.result).toBe('promoted')
    expect(h.alias.writes.map(w => ({ version: w.target.version, weights: w.target.weights }))).toEqual([
      { version: '1', weights: { '2': 0.1 } },
      { version: '1', weights: { '2': 0.25 } },
      { version: '1', weights: { '2': 0.5 } },
      { version: '2', weights: {} }
    ])
    expect(outcome.timeline.filter(e => e.type === 'stage-end').map(e => e.type === 'stage-end' && e.decision)).toEqual([
      'pass',
      'pass',
      'pass'
    ])
  })

  it('errors only on the old version do not block the new one', async () => {
    const h = harness({ errorRate: v => (v === '1' ? 0.3 : 0) })
    expect((await deploy(settings(), h.ports)).result).toBe('promoted')
  })

  it('publish: true publishes $LATEST guarded by its CodeSha256 and releases that version', async () => {
    const h = harness()
    const outcome = await deploy(settings({ version: '', publish: 'true' }), h.ports)
    expect(h.fn.published).toEqual(['3'])
    expect(outcome.result).toBe('promoted')
    expect(outcome.version).toBe('3')
    expect(aliasOf(h)).toEqual({ version: '3', weights: {} })
  })

  it('all-at-once with no final bake promotes in one write', async () => {
    const h = harness()
    const outcome = await deploy(settings({ strategy: 'all-at-once' }), h.ports)
    expect(outcome.result).toBe('promoted')
    expect(h.alias.writes.map(w => ({ version: w.target.version, weights: w.target.weights }))).toEqual([{ version: '2', weights: {} }])
  })
})

describe('regression', () => {
  it('at stage 2 of 3: caught mid-stage, alias restored exactly, step fails with the reason', async () => {
    // Version 2 turns bad 3 minutes in (during the 25% stage, which starts at 2m).
    const h = harness({ errorRate: (v, t) => (v === '2' && t >= T0 + 3 * 60_000 ? 0.2 : 0.001) })
    const outcome = await deploy(settings({ strategy: 'custom', steps: '10%:2m, 25%:4m, 50%:4m', 'metric-lag': '0s' }), h.ports)
    expect(outcome.result).toBe('rolled-back')
    expect(outcome.reason).toMatch(/^stage 2 \(25%\): error rate of the new version .* is above 1% \(at least .* with 99% confidence\); /)
    expect(outcome.reason).toMatch(/; restored — alias "live" now: version 1 only$/)
    expect(aliasOf(h)).toEqual({ version: '1', weights: {} })
    const last = h.alias.writes[h.alias.writes.length - 1]!
    // The description goes back as it was (there was none).
    expect(last.target).toEqual({ version: '1', weights: {}, description: '' })
    expect(h.alias.writes.some(w => w.target.version === '2')).toBe(false)
    // Fail fast: restored well before the 25% stage would have ended (2m + 4m).
    expect(last.at - T0).toBeLessThan(6 * 60_000)
    expect(outcome.timeline.find(e => e.type === 'restore')).toMatchObject({ ok: true })
  })

  it('a latency-only regression rolls back', async () => {
    const h = harness({ latencyMs: v => (v === '2' ? 2500 : 200) })
    const outcome = await deploy(settings({ 'max-latency': '1000ms' }), h.ports)
    expect(outcome.result).toBe('rolled-back')
    expect(outcome.reason).toContain('warm p99 latency of the new version is above 1000 ms: 100% of ')
    expect(aliasOf(h)).toEqual({ version: '1', weights: {} })
  })

  it('an alarm going to ALARM mid-bake rolls back', async () => {
    const h = harness()
    h.metrics.alarmStates = [{ name: 'api-5xx', state: 'OK' }]
    h.clock.at(2 * 60_000, () => (h.metrics.alarmStates = [{ name: 'api-5xx', state: 'ALARM', reason: 'Threshold Crossed' }]))
    const outcome = await deploy(settings({ alarms: 'api-5xx' }), h.ports)
    expect(outcome.result).toBe('rolled-back')
    expect(outcome.reason).toContain('alarm "api-5xx" is in ALARM')
    expect(aliasOf(h)).toEqual({ version: '1', weights: {} })
  })

  it('errors in the last minute of the last stage are seen before promotion, though they land late', async () => {
    // Bad only from 4m30s; datapoints take 2 minutes to arrive. Judging at 5m would have promoted.
    const h = harness({ errorRate: (v, t) => (v === '2' && t >= T0 + 4 * 60_000 ? 0.5 : 0), lagMs: 2 * 60_000 })
    const outcome = await deploy(settings(), h.ports)
    expect(outcome.result).toBe('rolled-back')
    expect(h.alias.writes.some(w => w.target.version === '2')).toBe(false)
  })

  it('a regression during final-bake at 100% still restores the old version', async () => {
    const h = harness({ errorRate: (v, t) => (v === '2' && t >= T0 + 8 * 60_000 ? 0.1 : 0) })
    const outcome = await deploy(settings({ 'final-bake': '10m', 'metric-lag': '0s' }), h.ports)
    expect(outcome.result).toBe('rolled-back')
    expect(outcome.reason).toContain('stage 2 (100%)')
    expect(h.alias.writes.map(w => w.target.version)).toEqual(['1', '2', '1'])
    expect(aliasOf(h)).toEqual({ version: '1', weights: {} })
  })
})

describe('not enough data', () => {
  it('zero traffic with on-insufficient-data: fail → restored, and the reason says there was no data', async () => {
    const h = harness({ rate: 0 })
    const outcome = await deploy(settings(), h.ports)
    expect(outcome.result).toBe('rolled-back')
    expect(outcome.reason).toContain('ended without enough data')
    expect(outcome.reason).toContain('no invocations of the new version')
    expect(aliasOf(h)).toEqual({ version: '1', weights: {} })
  })

  it('proceed: promotes but records that the stage proceeded without enough data', async () => {
    const h = harness({ rate: 0 })
    const outcome = await deploy(settings({ 'on-insufficient-data': 'proceed' }), h.ports)
    expect(outcome.result).toBe('promoted')
    const end = outcome.timeline.find(e => e.type === 'stage-end')
    expect(end).toMatchObject({ decision: 'proceeded-without-enough-data' })
  })

  it('wait: extends the stage until the evidence arrives', async () => {
    // 1 req/s at 10% is 6 new invocations a minute: 20 needs 4 minutes, twice the 2-minute bake.
    const h = harness({ rate: 1 })
    const outcome = await deploy(
      settings({
        'bake-time': '2m',
        'metric-lag': '0s',
        'on-insufficient-data': 'wait',
        'max-latency-increase': 'off',
        'max-error-rate-increase': 'off'
      }),
      h.ports
    )
    expect(outcome.result).toBe('promoted')
    const promotedAt = h.alias.writes[1]!.at - T0
    expect(promotedAt).toBe(4 * 60_000)
  })

  it('wait: gives up after one more bake and fails', async () => {
    const h = harness({ rate: 0 })
    const outcome = await deploy(settings({ 'bake-time': '1m', 'on-insufficient-data': 'wait' }), h.ports)
    expect(outcome.result).toBe('rolled-back')
    expect(outcome.reason).toContain('after waiting')
  })
})
