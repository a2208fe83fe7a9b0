// Item 9 of issue 11: what a run keeps does not grow with the number of polls. Counts and serialized sizes,
// never timings.
import { describe, expect, it } from '@jest/globals'
import { REPEATING_KEPT, type TimelineEvent, record, seenCount } from '../src/timeline.js'
import { deploy, harness, settingsFrom } from './helpers/fakes.js'

const verdict = { status: 'pass' as const, reasons: [], checks: [], judged: true }
const totals = {
  windowStart: 0,
  windowEnd: 1,
  newVersion: { invocations: 1, errors: 0, latencyMs: 1 },
  oldVersion: { invocations: 9, errors: 0, latencyMs: 1 },
  throttles: 0
}
const counts = { newVersion: { invocations: 1, errors: 0 }, oldVersion: { invocations: 9, errors: 0 }, throttles: 0 }
const poll = (at: number): TimelineEvent => ({ type: 'poll', at, stage: 1, weight: 0.1, sample: totals, counts, verdict })

function timelineOf(polls: number): TimelineEvent[] {
  const timeline: TimelineEvent[] = []
  record(timeline, { type: 'preflight', at: 0, findings: [] })
  for (let i = 1; i <= polls; i++) {
    record(timeline, poll(i))
    if (i % 1000 === 0)
      record(timeline, {
        type: 'stage-end',
        at: i,
        stage: i / 1000,
        weight: 0.1,
        startedAt: i - 1000,
        sample: totals,
        counts,
        verdict,
        decision: 'pass'
      })
  }
  return timeline
}

describe('the timeline keeps a bounded record of polls', () => {
  it.each([10, 1_000, 20_000, 100_000])('%i polls: at most REPEATING_KEPT + 1 kept, the latest among them, every other event kept', n => {
    const timeline = timelineOf(n)
    const polls = timeline.filter(e => e.type === 'poll')
    if (n <= REPEATING_KEPT + 1) expect(polls).toHaveLength(n)
    expect(polls.length).toBeLessThanOrEqual(REPEATING_KEPT + 1)
    expect(polls.at(-1)?.at).toBe(n)
    expect(seenCount(timeline, 'poll')).toBe(n)
    expect(timeline.filter(e => e.type === 'stage-end')).toHaveLength(Math.floor(n / 1000))
    expect(timeline[0]?.type).toBe('preflight')
  })

  it('the kept polls are evenly spread over the run (one stride), in order', () => {
    const at = timelineOf(100_000)
      .filter(e => e.type === 'poll')
      .map(e => e.at)
    const gaps = new Set(
      at
        .slice(0, -1)
        .map((t, i) => (at[i + 1] as number) - t)
        .slice(0, -1)
    )
    expect(gaps.size).toBe(1)
    expect(at.length).toBeGreaterThan(REPEATING_KEPT / 2)
    expect([...at].sort((a, b) => a - b)).toEqual(at)
  })

  it('the serialized polls of 100,000 polls take no more than REPEATING_KEPT + 1 polls do', () => {
    const size = (n: number) => JSON.stringify(timelineOf(n).filter(e => e.type === 'poll')).length
    expect(size(100_000)).toBeLessThanOrEqual((REPEATING_KEPT + 1) * (JSON.stringify(poll(100_000)).length + 1) + 2)
  })
})

describe('a real bake keeps per-period data once, not per poll', () => {
  const run = async (bake: string, poll = '2s') => {
    const s = settingsFrom({
      'function-name': 'api',
      version: '2',
      strategy: 'canary',
      'bake-time': bake,
      'poll-interval': poll,
      'metric-period': '1m',
      'metric-lag': '0s'
    })
    const h = harness()
    const outcome = await deploy(s, h.ports)
    return { outcome, emitted: h.events }
  }

  it('poll and stage-end events carry the totals, never the per-period points', async () => {
    const { outcome, emitted } = await run('10m')
    expect(outcome.result).toBe('promoted')
    const withPeriods = [...emitted, ...outcome.timeline].filter(
      e => (e.type === 'poll' || e.type === 'stage-end') && 'periods' in e.sample
    )
    expect(withPeriods).toHaveLength(0)
    expect(emitted.filter(e => e.type === 'poll').length).toBeGreaterThan(250)
  })

  it('a bake six times as long keeps at most REPEATING_KEPT + 1 polls and a timeline of about the same size', async () => {
    const short = await run('30m', '5s')
    const long = await run('3h', '5s')
    expect(seenCount(long.outcome.timeline, 'poll')).toBeGreaterThan(5 * seenCount(short.outcome.timeline, 'poll'))
    const kept = (o: typeof short) => o.outcome.timeline.filter(e => e.type === 'poll').length
    expect(kept(long)).toBeLessThanOrEqual(REPEATING_KEPT + 1)
    expect(kept(short)).toBeLessThanOrEqual(REPEATING_KEPT + 1)
    expect(JSON.stringify(long.outcome.timeline).length).toBeLessThan(JSON.stringify(short.outcome.timeline).length * 1.25)
  })
})
