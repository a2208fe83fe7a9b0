// Issue 11, items 5–8: ownership marks, the user's description, an unfinished final bake, the rollback button twice.
import { describe, expect, it } from '@jest/globals'
import {
  type Owner,
  formatDescription,
  parseDescription,
  readHistory,
  roomProblem,
  longestRelease,
  stamp,
  withHistory
} from '../src/history.js'
import { recoverAlias } from '../src/recover.js'
import { MARK_TTL_MS } from '../src/rollout/ownership.js'
import type { Checkpoint } from '../src/ports.js'
import { FakeAlias, T0, VirtualClock, deploy, harness, rolloutSettings } from './helpers/fakes.js'

const A: Owner = { run: '111.1.aaaa', job: 'deploy', repo: 'app' }
const B: Owner = { run: '222.1.bbbb', job: 'deploy', repo: 'app' }
const USER = '  Prod API — owned by team-x; pager: https://example.com/p?q=[1] ünïcödé  '

/** A description as run `owner` leaves it mid-shift, its mark lasting until `untilMs`. */
function marked(owner: Owner, untilMs: number, phase: 'shifting' | 'final-bake' = 'shifting', text = USER) {
  return formatDescription({
    text,
    history: { previous: '6', current: '7', at: '2026-11-01T00:00:00Z' },
    mark: { owner, until: stamp(untilMs), phase }
  })
}

describe('the record in the description', () => {
  it('keeps the user’s text byte for byte, reads the legacy marker, and refuses a text that leaves no room', () => {
    const d = marked(A, T0)
    expect(parseDescription(d)).toMatchObject({ text: USER, mark: { owner: A, phase: 'shifting' }, history: { previous: '6' } })
    expect(parseDescription(withHistory(d, { previous: '7', current: '8', at: 'x' })).text).toBe(USER)
    expect(readHistory('notes [lambda-canary previous=6 current=7 at=2026-11-27T01:00:00.000Z]')).toMatchObject({ previous: '6' })
    const longest = longestRelease(A, '12', '13', T0)
    expect(roomProblem('live', USER, longest)).toBeUndefined()
    const tooLong = 'y'.repeat(200)
    expect(roomProblem('live', tooLong, longest)).toMatch(
      /description is 200 characters .* never cuts your text, so shorten the description to at most \d+ characters/
    )
    expect(formatDescription({ ...longest, text: 'y'.repeat(256 - formatDescription(longest).length - 1) }).length).toBe(256)
  })
})

describe('a run marks the alias it shifts', () => {
  it('every shift carries the mark; a long bake renews it before it expires; the end clears it', async () => {
    const h = harness()
    h.alias.state.description = USER
    h.ports.owner = A
    const outcome = await deploy(rolloutSettings({ steps: '10%:50m', strategy: 'custom', 'final-bake': '45m' }), h.ports)
    expect(outcome.result).toBe('promoted')
    const marks = h.alias.writes.map(w => ({ at: w.at, ...parseDescription(w.target.description) }))
    // Shift, renewals, promotion, renewals, clear: at every write the previous mark was still live.
    expect(marks.length).toBeGreaterThan(4)
    for (const [i, m] of marks.entries()) {
      expect(m.text).toBe(USER)
      const before = marks[i - 1]?.mark
      if (before) expect(Date.parse(before.until)).toBeGreaterThan(m.at)
    }
    expect(marks.filter(m => m.mark?.phase === 'final-bake').length).toBeGreaterThan(1)
    expect(parseDescription(h.alias.state.description)).toEqual({
      text: USER,
      history: { previous: '1', current: '2', at: expect.any(String) }
    })
  })

  it('a regression restores the description the alias had, byte for byte', async () => {
    const h = harness({ errorRate: v => (v === '2' ? 0.2 : 0.001) })
    const before = `${USER} [lambda-canary previous=0 current=1 at=2026-11-01T00:00:00Z]`
    h.alias.state.description = before
    const outcome = await deploy(rolloutSettings(), h.ports)
    expect(outcome.result).toBe('rolled-back')
    expect(h.alias.state.description).toBe(before)
  })

  it('a description that leaves no room is refused before any write', async () => {
    const h = harness()
    h.alias.state.description = 'z'.repeat(230)
    const outcome = await deploy(rolloutSettings(), h.ports)
    expect(outcome.result).toBe('failed')
    expect(outcome.reason).toContain('never cuts your text')
    expect(h.alias.writes).toEqual([])
  })
})

describe('another run’s live mark is never touched', () => {
  it('a second run stops before any write, naming the first', async () => {
    const h = harness({}, { '2': 0.1 })
    h.alias.state.description = marked(A, T0 + 5 * 60_000)
    h.ports.owner = B
    for (const extra of [{}, { 'on-split-alias': 'restore' }]) {
      const outcome = await deploy(rolloutSettings(extra), h.ports)
      expect(outcome.result).toBe('failed')
      expect(outcome.reason).toContain('is held by run 111 attempt 1 (job "deploy", repository "app"), which is shifting its traffic')
    }
    expect(h.alias.writes).toEqual([])
  })

  it('a run that meets the other run’s write mid-release leaves that run’s canary as it is', async () => {
    const h = harness()
    h.ports.owner = B
    const theirs = { version: '1', weights: { '2': 0.3 }, description: marked(A, T0 + 60 * 60_000) }
    h.clock.at(3 * 60_000, () => h.alias.set(theirs))
    const outcome = await deploy(rolloutSettings({ strategy: 'custom', steps: '10%:5m, 50%:5m' }), h.ports)
    expect(outcome.result).toBe('failed')
    expect(outcome.reason).toContain('left it to run 111')
    expect(h.alias.state).toMatchObject(theirs)
  })

  it('an expired mark is recovered: the split alias restored with the description that run found', async () => {
    const h = harness({}, { '2': 0.1 })
    h.alias.state.description = marked(A, T0 - 1000)
    h.ports.owner = B
    const outcome = await deploy(rolloutSettings({ steps: '50%:5m', strategy: 'custom' }), h.ports)
    expect(outcome.result).toBe('promoted')
    expect(h.alias.writes[0]!.target).toEqual({
      version: '1',
      weights: {},
      description: withHistory(USER, { previous: '6', current: '7', at: '2026-11-01T00:00:00Z' })
    })
    expect(parseDescription(h.alias.state.description).text).toBe(USER)
  })
})

describe('the post step', () => {
  const cp: Checkpoint = {
    phase: 'shifting',
    functionId: 'api',
    alias: 'live',
    oldVersion: '1',
    newVersion: '2',
    description: USER,
    owner: A
  }
  const sleep = async () => {}

  it('leaves another run’s live canary alone, even one shaped like its own', async () => {
    const clock = new VirtualClock()
    const alias = new FakeAlias(clock, '1', { '2': 0.1 })
    alias.state.description = marked(B, T0 + MARK_TTL_MS)
    const r = await recoverAlias(alias, cp, sleep, () => clock.now())
    expect(r.action).toBe('left-alone')
    expect(r.message).toContain('held by run 222 attempt 1')
    expect(alias.writes).toEqual([])
  })

  it('restores its own run’s canary and the description it found, even after its final bake was interrupted', async () => {
    const clock = new VirtualClock()
    const alias = new FakeAlias(clock, '2')
    alias.state.description = marked(A, T0 + MARK_TTL_MS, 'final-bake')
    const r = await recoverAlias(alias, cp, sleep, () => clock.now())
    expect(r.action).toBe('restored')
    expect(r.message).toContain('its final bake was interrupted')
    expect(alias.state).toMatchObject({ version: '1', weights: {}, description: USER })
  })
})

describe('found by the attack on issue 11', () => {
  const cp: Checkpoint = {
    phase: 'shifting',
    functionId: 'api',
    alias: 'live',
    oldVersion: '1',
    newVersion: '2',
    description: USER,
    owner: A
  }

  it('a late post step never undoes another run’s finished release of the same version (no mark of its own on it)', async () => {
    const clock = new VirtualClock()
    const alias = new FakeAlias(clock, '2')
    // Run B released version 2 to the end: version 2 alone, B's history, no mark.
    alias.state.description = withHistory(USER, { previous: '1', current: '2', at: '2026-11-27T12:00:00Z' })
    const r = await recoverAlias(
      alias,
      cp,
      async () => {},
      () => clock.now()
    )
    expect(r.action).toBe('left-alone')
    expect(alias.writes).toEqual([])
    expect(alias.state.version).toBe('2')
  })

  it('a run stopped by a conflict takes its own mark off the alias, so the next run is not held by a run that is over', async () => {
    const h = harness()
    h.ports.owner = A
    // A colleague edits the description mid-bake, keeping lambda-canary's marker.
    h.clock.at(3 * 60_000, () => {
      const now = h.alias.state.description ?? ''
      h.alias.set({ ...h.alias.state, description: now.replace(USER.trim(), 'edited by a colleague') })
    })
    h.alias.state.description = USER
    const outcome = await deploy(rolloutSettings({ strategy: 'custom', steps: '10%:5m, 50%:5m' }), h.ports)
    expect(outcome.result).toBe('failed')
    expect(outcome.cause).toEqual({ kind: 'alias-conflict' })
    expect(parseDescription(h.alias.state.description).mark).toBeUndefined()
    expect(h.alias.state.description).toContain('edited by a colleague')
    expect(h.alias.state).toMatchObject({ version: '1', weights: {} })
  })
})

describe('an interrupted final bake is not forgotten', () => {
  const killed = (model: Parameters<typeof harness>[0] = {}) => {
    const h = harness(model)
    h.alias.set({
      version: '2',
      weights: {},
      description: formatDescription({
        text: USER,
        history: { previous: '1', current: '2', at: stamp(T0 - 3_600_000) },
        mark: { owner: A, until: stamp(T0 - 60_000), phase: 'final-bake' }
      })
    })
    h.ports.owner = B
    return h
  }

  it('the same version deployed again is judged again at 100%, never "unchanged"', async () => {
    const h = killed()
    const outcome = await deploy(rolloutSettings({ 'final-bake': '10m' }), h.ports)
    expect(outcome.result).toBe('promoted')
    expect(outcome.reason).toContain('passed the final bake that run 111 attempt 1')
    expect(JSON.stringify(outcome.timeline)).toContain('never finished its final bake')
    expect(parseDescription(h.alias.state.description)).toMatchObject({ text: USER, history: { previous: '1', current: '2' } })
    expect(parseDescription(h.alias.state.description).mark).toBeUndefined()
  })

  it('judged again and failing: the version it replaced is restored, recorded as rolled back', async () => {
    const h = killed({ errorRate: v => (v === '2' ? 0.3 : 0.001) })
    const outcome = await deploy(rolloutSettings({ 'final-bake': '10m' }), h.ports)
    expect(outcome.result).toBe('rolled-back')
    expect(h.alias.state).toMatchObject({ version: '1', weights: {} })
    expect(parseDescription(h.alias.state.description)).toMatchObject({
      text: USER,
      history: { previous: '1', current: '2', rolledBack: expect.any(String) }
    })
  })

  it('another version, or on-split-alias: fail, stops before any write and says why', async () => {
    for (const extra of [{ version: '3' }, { 'on-split-alias': 'fail' }]) {
      const h = killed()
      h.fn.configs['3'] = { version: '3', state: 'Active', role: 'role-a' }
      const outcome = await deploy(rolloutSettings(extra), h.ports)
      expect(outcome.result).toBe('failed')
      expect(outcome.reason).toContain('never finished its final bake')
      expect(h.alias.writes).toEqual([])
    }
  })
})

describe('the rollback button pressed twice', () => {
  it('stays on the old version and says "already rolled back"', async () => {
    const h = harness()
    h.alias.state.description = USER
    await deploy(rolloutSettings(), h.ports)
    const rollback = rolloutSettings({ mode: 'rollback', 'rollback-to': 'previous', version: '' })
    const first = await deploy(rollback, h.ports)
    expect(first.result).toBe('rolled-back')
    const writes = h.alias.writes.length
    const second = await deploy(rollback, h.ports)
    expect(second.result).toBe('unchanged')
    expect(second.reason).toMatch(/^already rolled back: alias "live" points at version 1/)
    expect(h.alias.writes).toHaveLength(writes)
    expect(h.alias.state.version).toBe('1')
    expect(parseDescription(h.alias.state.description).text).toBe(USER)
  })
})
