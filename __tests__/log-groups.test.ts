// Log groups always close: a stage's group ends with the stage, and also when a cancel, a failure or an error cuts
// the stage short (no stage-end), so the restore and everything after it are never folded into a stage.
import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals'
import { readFileSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { closeLogGroup, eventLogger } from '../src/adapters/github.js'
import { deploy, harness, settingsFrom } from './helpers/fakes.js'
import { poll, shift, totals } from './helpers/outcomes.js'

let written: string[] = []
beforeEach(() => {
  written = []
  jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    written.push(String(chunk))
    return true
  })
})
afterEach(() => {
  closeLogGroup()
  jest.restoreAllMocks()
})

/** The log's lines, each with whether it is inside a group; throws if a group opens inside another. */
function grouped(): { line: string; inGroup: boolean }[] {
  let open = false
  const out: { line: string; inGroup: boolean }[] = []
  for (const line of written.join('').split('\n')) {
    if (line.startsWith('::group::')) {
      if (open) throw new Error(`a group opened inside another: ${line}`)
      open = true
    } else if (line.startsWith('::endgroup::')) {
      if (!open) throw new Error('::endgroup:: with no group open')
      open = false
    } else if (line) out.push({ line, inGroup: open })
  }
  if (open) throw new Error('a group was left open')
  return out
}

const settings = (extra: Record<string, string> = {}) =>
  settingsFrom({ 'function-name': 'api', version: '2', 'max-error-rate': '1%', strategy: 'custom', steps: '10%:5m, 50%:5m', ...extra })

describe('log groups', () => {
  it('a cancel mid-stage: the stage emits no stage-end, yet its group ends before the restore', async () => {
    const s = settings()
    const h = harness()
    h.clock.at(90_000, () => h.controller.abort())
    const outcome = await deploy(s, { ...h.ports, emit: eventLogger(s.run) })
    closeLogGroup()
    expect(outcome.result).toBe('rolled-back')
    expect(outcome.timeline.some(e => e.type === 'stage-end')).toBe(false)
    const lines = grouped()
    expect(lines.filter(l => l.inGroup).some(l => l.line.startsWith('[stage 1 · 10%]'))).toBe(true)
    expect(lines.find(l => l.line.startsWith('restored:'))).toMatchObject({ inGroup: false })
  })

  it('a failed stage: the group ends with its stage-end; the restore is outside it', async () => {
    const s = settings()
    const h = harness({ errorRate: v => (v === '2' ? 0.3 : 0) })
    const outcome = await deploy(s, { ...h.ports, emit: eventLogger(s.run) })
    expect(outcome.result).toBe('rolled-back')
    const lines = grouped()
    expect(lines.find(l => l.line.startsWith('stage 1 (10%) ended'))).toMatchObject({ inGroup: true })
    expect(lines.find(l => l.line.startsWith('restored:'))).toMatchObject({ inGroup: false })
  })

  it('an error that escapes the release with a group open: closed by the finally around it (main.ts: .finally(closeLogGroup))', async () => {
    const log = eventLogger(settings().run)
    const release = async () => {
      log(shift(0, 1, 0.1))
      log(poll(30, 1, 0.1, totals({ invocations: 3, errors: 0 }, { invocations: 27, errors: 0 })))
      throw new Error('an unexpected error mid-stage')
    }
    await expect(release().finally(closeLogGroup)).rejects.toThrow('an unexpected error mid-stage')
    expect(grouped().map(l => l.inGroup)).toEqual([true, true])
    // Closing again prints nothing: a group is closed once.
    const before = written.length
    closeLogGroup()
    expect(written.length).toBe(before)
  })

  it('a promotion with a final bake: one group per stage, each closed, the promotion outside them', async () => {
    const s = settings({ 'final-bake': '5m' })
    const outcome = await deploy(s, { ...harness().ports, emit: eventLogger(s.run) })
    closeLogGroup()
    expect(outcome.result).toBe('promoted')
    expect(written.join('').match(/::group::/g)).toHaveLength(3)
    expect(grouped().find(l => l.line.startsWith('promoted:'))).toMatchObject({ inGroup: false })
  })

  it('every log group in src/ is opened through the adapter that closes it', () => {
    const files = (dir: string): string[] =>
      readdirSync(dir).flatMap(f => (statSync(join(dir, f)).isDirectory() ? files(join(dir, f)) : [join(dir, f)]))
    const openers = files('src').filter(f => /startGroup|::group::|core\.group\(/.test(readFileSync(f, 'utf8')))
    // The stages' groups (github.ts) and the Settings group (settings-log.ts, closed in a finally of its own).
    expect(openers).toEqual([join('src', 'adapters', 'github.ts'), join('src', 'adapters', 'settings-log.ts')])
    expect(readFileSync('src/adapters/settings-log.ts', 'utf8')).toMatch(/finally \{\n\s+core\.endGroup\(\)/)
    expect(readFileSync('src/main.ts', 'utf8')).toContain('.finally(closeLogGroup)')
  })
})
