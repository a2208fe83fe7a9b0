import { describe, expect, it } from '@jest/globals'
import { readHistory, withHistory } from '../src/history.js'
import { deploy, harness, settingsFrom } from './helpers/fakes.js'

const settings = (extra: Record<string, string> = {}) => settingsFrom({ 'function-name': 'api', 'max-error-rate': '1%', ...extra })

describe('history in the alias description', () => {
  it('keeps the user’s text, replaces the marker', () => {
    const first = withHistory('production traffic', { previous: '6', current: '7', at: '2026-11-27T01:00:00Z' })
    expect(first).toBe('production traffic [lambda-canary previous=6 current=7 at=2026-11-27T01:00:00Z]')
    const second = withHistory(first, { previous: '7', current: '8', at: '2026-11-27T02:00:00Z' })
    expect(second).toBe('production traffic [lambda-canary previous=7 current=8 at=2026-11-27T02:00:00Z]')
    expect(readHistory(second)).toEqual({ previous: '7', current: '8', at: '2026-11-27T02:00:00Z' })
    expect(readHistory('production traffic')).toBeUndefined()
  })

  it('every deployment records the version it replaced', async () => {
    const h = harness()
    h.alias.state.description = 'production traffic'
    await deploy(settings({ version: '2' }), h.ports)
    expect(readHistory(h.alias.state.description)).toMatchObject({ previous: '1', current: '2' })
    expect(h.alias.state.description).toMatch(/^production traffic \[lambda-canary/)
  })
})

describe('mode: rollback', () => {
  it('rollback-to previous: one guarded write back to the recorded version, verified by reading it back', async () => {
    const h = harness()
    await deploy(settings({ version: '2' }), h.ports)
    const before = h.alias.writes.length
    const outcome = await deploy(settings({ mode: 'rollback' }), h.ports)
    expect(outcome.result).toBe('rolled-back')
    expect(outcome.reason).toBe('alias "live" moved from version 2 back to version 1 (manual rollback, verified by reading it back)')
    expect(outcome).toMatchObject({ version: '1', previousVersion: '2' })
    const writes = h.alias.writes.slice(before)
    expect(writes).toHaveLength(1)
    expect(writes[0]!.target).toMatchObject({ version: '1', weights: {} })
    expect(writes[0]!.revisionId).toBe('rev-2') // the RevisionId the promotion left
    // The rollback is recorded as such: "previous" still means version 1, never the version rolled back from.
    expect(readHistory(h.alias.state.description)).toMatchObject({ previous: '1', current: '2', rolledBack: expect.any(String) })
  })

  it('rollback-to a number', async () => {
    const h = harness()
    h.alias.set({ version: '2', weights: {} })
    const outcome = await deploy(settings({ mode: 'rollback', 'rollback-to': '1' }), h.ports)
    expect(outcome.result).toBe('rolled-back')
    expect(h.alias.state).toMatchObject({ version: '1', weights: {} })
  })

  it('previous with no record fails before any write and says what to do', async () => {
    const h = harness()
    const outcome = await deploy(settings({ mode: 'rollback' }), h.ports)
    expect(outcome.result).toBe('failed')
    expect(outcome.reason).toContain('no lambda-canary record of a previous version')
    expect(h.alias.writes).toEqual([])
  })

  it('a missing or incompatible target fails before any write', async () => {
    const h = harness()
    h.alias.set({ version: '2', weights: {} })
    expect((await deploy(settings({ mode: 'rollback', 'rollback-to': '9' }), h.ports)).reason).toBe('version 9 of "api" does not exist')
    h.fn.configs['3'] = { version: '3', state: 'Active', role: 'role-b' }
    expect((await deploy(settings({ mode: 'rollback', 'rollback-to': '3' }), h.ports)).reason).toContain('execution role "role-b"')
    expect(h.alias.writes).toEqual([])
  })

  it('a failing smoke test of the target changes nothing', async () => {
    const h = harness()
    h.alias.set({ version: '2', weights: {} })
    h.probe.respond = () => ({ statusCode: 200, functionError: 'Unhandled', payload: '{}' })
    const outcome = await deploy(settings({ mode: 'rollback', 'rollback-to': '1', 'smoke-payload': '{}' }), h.ports)
    expect(outcome.result).toBe('failed')
    expect(h.alias.writes).toEqual([])
    expect(h.probe.calls[0]).toMatchObject({ functionId: 'api', qualifier: '1' })
  })

  it('already there: unchanged, no write', async () => {
    const h = harness()
    expect((await deploy(settings({ mode: 'rollback', 'rollback-to': '1' }), h.ports)).result).toBe('unchanged')
    expect(h.alias.writes).toEqual([])
  })

  it('inputs: rollback-to garbage, and version or publish with mode rollback, are refused', () => {
    for (const [extra, input] of [
      [{ mode: 'rollback', 'rollback-to': 'yesterday' }, 'rollback-to'],
      [{ mode: 'rollback', 'rollback-to': '$LATEST' }, 'rollback-to'],
      [{ mode: 'rollback', 'rollback-to': '-1' }, 'rollback-to'],
      [{ mode: 'rollback', version: '3' }, 'version'],
      [{ mode: 'rollback', publish: 'true' }, 'publish']
    ] as const) {
      expect(() => settings(extra)).toThrow(`Input "${input}"`)
    }
  })
})
