// Issue 13 item 4, the log's half: poll lines that would repeat the previous one are held back (a heartbeat at most
// once a minute says how many polls were unchanged and what the stage waits for), and a stage's wait past its bake
// is worded with the gates short of evidence and until when, in UTC and from now.
import { describe, expect, it } from '@jest/globals'
import type { Verdict } from '../src/judge/index.js'
import { progressLog, waitWords } from '../src/report/log.js'
import type { StageWait, TimelineEvent } from '../src/timeline.js'
import { T0, deploy, harness, rolloutSettings as settings } from './helpers/fakes.js'

const run = settings().run
const pending: Verdict = { status: 'inconclusive', reasons: ['only 14 invocations'], checks: [], judged: true }

function poll(at: number, newInvocations: number): TimelineEvent {
  const counts = { newVersion: { invocations: newInvocations, errors: 0 }, oldVersion: { invocations: 900, errors: 1 }, throttles: 0 }
  const none = { invocations: 0, errors: 0, latencyMs: undefined }
  return {
    type: 'poll',
    at,
    stage: 1,
    weight: 0.1,
    sample: { windowStart: T0, windowEnd: at, newVersion: none, oldVersion: none, throttles: 0 },
    counts,
    verdict: pending
  }
}

const wait: StageWait = {
  cause: 'late-datapoints',
  next: 'promotion',
  bakeEndedAt: T0 + 5 * 60_000,
  until: T0 + 8 * 60_000,
  lacking: [
    {
      gate: 'error-rate-increase',
      has: '0% (0/14) vs 0.1% (1/900) on the old version in the same periods',
      needs: '20 invocations of each version'
    }
  ]
}

/** The body of a poll line: what follows its time. */
const body = (line: string) => line.replace(/^\[stage \d+ · [^\]]+\] \d\d:\d\d:\d\d /, '')

describe('poll lines without repeats, with a heartbeat', () => {
  it('an unchanged poll is held back; a heartbeat at most once a minute counts them; a change prints at once', () => {
    const log = progressLog(run)
    const lines: string[] = []
    // Every 10 s for 3 minutes nothing lands, then a new count.
    for (let t = 0; t <= 180_000; t += 10_000) lines.push(log(poll(T0 + t, 14)) ?? '')
    lines.push(log(poll(T0 + 190_000, 16)) ?? '')
    const shown = lines.filter(Boolean)
    expect(shown).toHaveLength(1 + 3 + 1)
    expect(shown[0]).toMatch(/^\[stage 1 · 10%\] 12:00:00 new: 14 inv/)
    expect(shown.slice(1, 4).map(l => /^(.*) unchanged since/.exec(l)?.[1])).toEqual([
      '[stage 1 · 10%] 12:01:00 still watching: 6 polls',
      '[stage 1 · 10%] 12:02:00 still watching: 12 polls',
      '[stage 1 · 10%] 12:03:00 still watching: 18 polls'
    ])
    expect(shown[1]).toContain('since 12:00:00 (new: 14 inv')
    expect(shown[4]).toMatch(/^\[stage 1 · 10%\] 12:03:10 new: 16 inv/)
    // No two consecutive lines are the same poll line but for its time.
    for (let i = 1; i < shown.length; i++) expect(body(shown[i]!)).not.toBe(body(shown[i - 1]!))
  })

  it('past the bake, the heartbeat says what the stage waits for and until when', () => {
    const log = progressLog(run)
    log(poll(T0 + 5 * 60_000, 14))
    const said = log({ type: 'wait', at: T0 + 5 * 60_000 + 10_000, stage: 1, weight: 0.1, ...wait })
    expect(said).toContain('waiting for late datapoints until 12:08:00 UTC (in 2m50s) before promotion')
    let beat: string | undefined
    for (let t = 10_000; t <= 60_000 && !beat; t += 10_000) beat = log(poll(T0 + 5 * 60_000 + t, 14))
    expect(beat).toBe(
      '[stage 1 · 10%] 12:06:00 still waiting for late datapoints until 12:08:00 UTC (in 2m): 6 polls unchanged since 12:05:00 (new: 14 inv, 0 err (0%), p99 – | old: 900 inv, 1 err (0.11%), p99 – → inconclusive (only 14 invocations))'
    )
  })

  it('a new stage starts afresh: its first poll is shown even when its numbers equal the last one shown', () => {
    const log = progressLog(run)
    expect(log(poll(T0, 14))).toBeDefined()
    log({ type: 'shift', at: T0 + 1000, stage: 2, weight: 0.5, alias: { version: '1', weights: { '2': 0.5 }, revisionId: 'r' } })
    expect(log(poll(T0 + 2000, 14))).toBeDefined()
  })

  it('a whole default canary on the virtual clock: fewer lines than polls, never two equal in a row, and heartbeats', async () => {
    const h = harness({ lagMs: 90_000 })
    const log = progressLog(run)
    h.ports.emit = e => {
      h.events.push(e)
      const line = log(e)
      if (line !== undefined) lines.push(line)
    }
    const lines: string[] = []
    const outcome = await deploy(settings({ 'poll-interval': '10s' }), h.ports)
    expect(outcome.result).toBe('promoted')
    const polls = h.events.filter(e => e.type === 'poll').length
    const pollLines = lines.filter(l => l.startsWith('[stage '))
    expect(pollLines.length).toBeLessThan(polls / 2)
    for (let i = 1; i < pollLines.length; i++) expect(body(pollLines[i]!)).not.toBe(body(pollLines[i - 1]!))
    expect(pollLines.some(l => / still (watching|waiting)/.test(l))).toBe(true)
    // The wait before promotion is in the log, once per reason.
    expect(lines.filter(l => l.includes('waiting for late datapoints until')).length).toBeGreaterThan(0)
  })
})

describe('the words of a wait', () => {
  const now = T0 + 6 * 60_000 + 20_000
  it('late datapoints: when the bake ended, until when (UTC and from now), before what, and which gate lacks evidence', () => {
    expect(waitWords(wait, now)).toBe(
      'the bake ended at 12:05:00 UTC; waiting for late datapoints until 12:08:00 UTC (in 1m40s) before promotion, so that every period of the bake is complete for metric-lag — lacking evidence so far: error-rate-increase: 0% (0/14) vs 0.1% (1/900) on the old version in the same periods, needs 20 invocations of each version'
    )
    expect(waitWords({ ...wait, next: 'success', lacking: [] }, now)).toContain(
      'before success, so that every period of the bake is complete for metric-lag — every gate has its evidence so far'
    )
  })

  it('evidence and insufficient data: what decides next, and until when', () => {
    const short = { gate: 'min-invocations', has: '14 in this stage', needs: '20 invocations of the new version in each stage' }
    expect(waitWords({ ...wait, cause: 'evidence', next: 'next-stage', lacking: [short] }, now)).toBe(
      'the bake ended at 12:05:00 UTC, but not every gate has its evidence; waiting for late datapoints until 12:08:00 UTC (in 1m40s): the stage moves on as soon as they land, else on-insufficient-data decides — lacking evidence: min-invocations: 14 in this stage, needs 20 invocations of the new version in each stage'
    )
    expect(waitWords({ ...wait, cause: 'insufficient-data', lacking: [short] }, now)).toMatch(
      /^not enough data once the bake's datapoints settled; on-insufficient-data: wait extends the stage until 12:08:00 UTC \(in 1m40s\), then it fails — lacking evidence: min-invocations: 14 in this stage/
    )
  })
})
