// Issue 13 item 4: when a stage's bake is up but the stage goes on, the rollout says why (a `wait` event: the cause,
// the gates short of evidence, until when) once, and again only when the reason changes. On the virtual clock.
import { describe, expect, it } from '@jest/globals'
import type { Verdict } from '../src/judge/index.js'
import { stageWait } from '../src/rollout/stage-wait.js'
import type { TimelineEvent } from '../src/timeline.js'
import { deploy, harness, rolloutSettings as settings } from './helpers/fakes.js'

type Wait = Extract<TimelineEvent, { type: 'wait' }>
const waits = (events: TimelineEvent[]) => events.filter((e): e is Wait => e.type === 'wait')
const shiftAt = (events: TimelineEvent[], stage: number) => events.find(e => e.type === 'shift' && e.stage === stage)?.at ?? Number.NaN
const alignUp = (ms: number, period: number) => Math.ceil(ms / period) * period
const reasonOf = (w: Wait) => `${w.cause} ${w.until} ${w.lacking.map(g => g.gate).join(',')}`

describe('the rollout says why a stage waits past its bake', () => {
  it('before promotion: waits for late datapoints until the last period has settled, said when the bake ends', async () => {
    const h = harness()
    const outcome = await deploy(settings({ 'bake-time': '10s' }), h.ports)
    expect(outcome.result).toBe('promoted')
    const start = shiftAt(h.events, 1)
    const bakeEnd = start + 10_000
    const settled = alignUp(bakeEnd, 60_000) + 120_000
    const said = waits(h.events)
    expect(said.length).toBeGreaterThan(0)
    // The first word comes at the first look after the bake (polls every 30 s), not later.
    expect(said[0]!.at).toBeGreaterThanOrEqual(bakeEnd)
    expect(said[0]!.at).toBeLessThan(bakeEnd + 30_000)
    for (const w of said) {
      expect(w).toMatchObject({ stage: 1, weight: 0.1, cause: 'late-datapoints', next: 'promotion', bakeEndedAt: bakeEnd, until: settled })
    }
    // Said again only when the reason changed: here, as the late datapoints brought each gate its evidence.
    for (let i = 1; i < said.length; i++) expect(reasonOf(said[i]!)).not.toBe(reasonOf(said[i - 1]!))
    expect(said[0]!.lacking.map(g => g.gate)).toContain('min-invocations')
    expect(said.at(-1)!.lacking).toEqual([])
    // The promotion came when the wait said it would: at the first poll after `until`.
    const promotedAt = h.events.find(e => e.type === 'promote')!.at
    expect(promotedAt).toBeGreaterThanOrEqual(settled)
    expect(promotedAt).toBeLessThan(settled + 30_000)
  })

  it("a poll interval longer than the bake: the stage still looks at the bake's end and says it waits (attack finding)", async () => {
    const h = harness()
    const outcome = await deploy(settings({ 'bake-time': '10s', 'poll-interval': '3m', 'metric-lag': '1m' }), h.ports)
    expect(outcome.result).toBe('promoted')
    const bakeEnd = shiftAt(h.events, 1) + 10_000
    const said = waits(h.events)
    // Said at the bake's end exactly, not at the first 3-minute poll (which, past the settle, would decide at once).
    expect(said[0]).toMatchObject({ at: bakeEnd, cause: 'late-datapoints', until: alignUp(bakeEnd, 60_000) + 60_000 })
  })

  it('a final bake: the wait is before success', async () => {
    const h = harness()
    await deploy(settings({ 'bake-time': '1m', 'final-bake': '1m' }), h.ports)
    const final = waits(h.events).filter(w => w.stage === 2)
    expect(final.length).toBeGreaterThan(0)
    expect(final.every(w => w.next === 'success' && w.weight === 1 && w.cause === 'late-datapoints')).toBe(true)
  })

  it('on-insufficient-data: wait — after the settle, says which gate lacks evidence (with its count) and until when it extends', async () => {
    // 0.2 requests/s: 10% of it never reaches min-invocations (20) in a 2-minute canary.
    const h = harness({ rate: 0.2 })
    const outcome = await deploy(settings({ 'bake-time': '2m', 'on-insufficient-data': 'wait' }), h.ports)
    expect(outcome.result).toBe('rolled-back')
    const said = waits(h.events)
    const bakeEnd = shiftAt(h.events, 1) + 120_000
    const settled = alignUp(bakeEnd, 60_000) + 120_000
    expect([...new Set(said.map(w => w.cause))]).toEqual(['late-datapoints', 'insufficient-data'])
    const extended = said.find(w => w.cause === 'insufficient-data')!
    expect(extended.until).toBe(settled + 120_000)
    expect(extended.lacking.find(g => g.gate === 'min-invocations')).toEqual({
      gate: 'min-invocations',
      has: expect.stringMatching(/^\d+ in this stage$/),
      needs: '20 invocations of the new version in each stage'
    })
    // Said once for the extension: the polls through it changed counts, not the reason.
    expect(said.filter(w => w.cause === 'insufficient-data')).toHaveLength(1)
  })

  it('an early stage short of min-invocations at its bake end: waits for its data to settle before the next stage', async () => {
    const h = harness({ rate: 0.2 })
    await deploy(settings({ strategy: 'custom', steps: '10%:2m, 50%:2m', 'on-insufficient-data': 'proceed' }), h.ports)
    const first = waits(h.events).filter(w => w.stage === 1)
    expect(first).toHaveLength(1)
    expect(first[0]).toMatchObject({
      cause: 'evidence',
      next: 'next-stage',
      until: alignUp(shiftAt(h.events, 1) + 120_000, 60_000) + 120_000
    })
    // Before the last stage only min-invocations holds a stage; the statistical gates keep accumulating.
    expect(first[0]!.lacking.map(g => g.gate)).toEqual(['min-invocations'])
  })

  it('no wait is said for a stage that passes at the end of its bake, nor for one that fails', async () => {
    const healthy = harness()
    await deploy(settings({ strategy: 'custom', steps: '10%:5m, 50%:5m' }), healthy.ports)
    expect(waits(healthy.events).filter(w => w.stage === 1)).toEqual([])
    const broken = harness({ errorRate: v => (v === '2' ? 0.3 : 0.001) })
    expect((await deploy(settings(), broken.ports)).result).toBe('rolled-back')
    expect(waits(broken.events)).toEqual([])
  })
})

describe('stageWait, look by look', () => {
  const times = { bakeEnd: 100, passAt: 200, settledAt: 200, waitUntil: 300 }
  const verdict = (status: Verdict['status'], enoughData = true): Verdict => ({
    status,
    reasons: [],
    judged: true,
    checks: [
      { gate: 'min-invocations', status: 'inconclusive', observed: '14 in this stage', limit: '≥ 20', enoughData, needs: '20 invocations' },
      { gate: 'latency-increase', status: 'inconclusive', observed: 'no data', limit: '≤ +50%', enoughData: false, unreachable: true }
    ]
  })
  const last = { weight: 0.1, settle: true }

  it.each([
    ['baking', undefined, 99, verdict('inconclusive', false)],
    ['failing', undefined, 150, verdict('fail', false)],
    ['settling before promotion', 'late-datapoints', 150, verdict('pass')],
    ['settled, inconclusive, wait', 'insufficient-data', 250, verdict('inconclusive', false)],
    ['past the extension', undefined, 300, verdict('inconclusive', false)],
    ['settled and passing', undefined, 250, verdict('pass')]
  ] as const)('%s → %s', (_what, cause, at, v) => {
    expect(stageWait(times, last, v, at, 'wait')?.cause).toBe(cause)
  })

  it('a gate its traffic cannot reach is not listed as holding the stage; a gate short of its minimum is, with its numbers', () => {
    expect(stageWait(times, last, verdict('inconclusive', false), 150, 'fail')?.lacking).toEqual([
      { gate: 'min-invocations', has: '14 in this stage', needs: '20 invocations' }
    ])
  })

  it('on-insufficient-data: fail or proceed ends the stage at the settle: no wait after it', () => {
    expect(stageWait(times, last, verdict('inconclusive', false), 250, 'fail')).toBeUndefined()
    expect(stageWait(times, last, verdict('inconclusive', false), 250, 'proceed')).toBeUndefined()
  })
})
