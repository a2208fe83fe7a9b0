// Item 9 of issue 11: the `timeline` output stays within 64 KB (the whole timeline in a file under RUNNER_TEMP,
// its path in `timeline-file`), the job summary under GitHub's 1 MiB.
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from '@jest/globals'
import { releaseReport, runnerTempWriter, TIMELINE_OUTPUT_LIMIT } from '../src/report/index.js'
import { capped, SUMMARY_LIMIT, summaryMarkdown, TRUNCATED_NOTE } from '../src/report/summary.js'
import type { Outcome } from '../src/rollout/outcome.js'
import { deploy, harness, settingsFrom } from './helpers/fakes.js'

const STEPS = Array.from({ length: 49 }, (_, i) => `${(i + 1) * 2}%:1m`).join(', ')
const settings = (extra: Record<string, string> = {}) =>
  settingsFrom({ 'function-name': 'api', version: '2', strategy: 'custom', steps: STEPS, 'metric-lag': '0s', ...extra })

function asFunction(outcome: Outcome, name: string): Outcome {
  return { ...outcome, function: { ...outcome.function, name } }
}

describe('the timeline output', () => {
  it('5 functions × 49 stages: at most 64 KB, marked truncated, every stage kept; the whole timeline in a file under RUNNER_TEMP', async () => {
    const s = settings()
    const one = await deploy(s, harness().ports)
    expect(one.result).toBe('promoted')
    const outcomes = ['a', 'b', 'c', 'd', 'e'].map(n => asFunction(one, n))
    const runnerTemp = mkdtempSync(join(tmpdir(), 'runner-temp-'))
    const release = releaseReport(outcomes, s.run, runnerTempWriter({ RUNNER_TEMP: runnerTemp }))
    const output = release.outputs.timeline as string
    expect(Buffer.byteLength(output)).toBeLessThanOrEqual(TIMELINE_OUTPUT_LIMIT)
    const short = JSON.parse(output)
    expect(short.truncated).toBe(true)
    expect(short.note).toContain('timeline-file')
    expect(short.functions.map((f: { stages: unknown[] }) => f.stages.length)).toEqual([49, 49, 49, 49, 49])
    const path = release.outputs['timeline-file'] as string
    expect(path.startsWith(runnerTemp)).toBe(true)
    const whole = readFileSync(path, 'utf8')
    expect(Buffer.byteLength(whole)).toBeGreaterThan(TIMELINE_OUTPUT_LIMIT)
    const full = JSON.parse(whole)
    expect(full.functions).toHaveLength(5)
    expect(full.functions[0].stages).toHaveLength(49)
    expect(full.functions[0].stages[0].checks.length).toBeGreaterThan(0)
    expect(full.truncated).toBeUndefined()
  })

  it('a timeline that fits is the whole timeline, and is in the file as well', async () => {
    const s = settings({ steps: '10%:2m, 50%:2m' })
    const outcome = await deploy(s, harness().ports)
    const runnerTemp = mkdtempSync(join(tmpdir(), 'runner-temp-'))
    const out = releaseReport([outcome], s.run, runnerTempWriter({ RUNNER_TEMP: runnerTemp })).outputs
    expect(JSON.parse(out.timeline as string).truncated).toBeUndefined()
    expect(readFileSync(out['timeline-file'] as string, 'utf8')).toBe(out.timeline)
  })

  it('a file that cannot be written leaves timeline-file empty; the output stays bounded', async () => {
    const s = settings()
    const one = await deploy(s, harness().ports)
    const outcomes = ['a', 'b', 'c', 'd', 'e'].map(n => asFunction(one, n))
    const out = releaseReport(outcomes, s.run, runnerTempWriter({ RUNNER_TEMP: '/proc/no-such-dir' })).outputs
    expect(out['timeline-file']).toBe('')
    expect(Buffer.byteLength(out.timeline as string)).toBeLessThanOrEqual(TIMELINE_OUTPUT_LIMIT)
  })

  it('a reason of megabytes still gives a timeline within 64 KB', async () => {
    const s = settings({ steps: '10%:2m' })
    const outcome = await deploy(s, harness().ports)
    const huge = { ...outcome, reason: '✗'.repeat(2 * 1024 * 1024) }
    const out = releaseReport([huge], s.run, () => undefined).outputs
    expect(Buffer.byteLength(out.timeline as string)).toBeLessThanOrEqual(TIMELINE_OUTPUT_LIMIT)
    expect(JSON.parse(out.timeline as string).truncated).toBe(true)
  })
})

describe('the job summary', () => {
  it('a huge external text is cut per field: the summary keeps its heading and table (found by the attack: a 1 MB reason erased it)', async () => {
    const s = settings({ steps: '10%:2m' })
    const outcome = await deploy(s, harness().ports)
    const md = summaryMarkdown({ ...outcome, reason: '✅ '.repeat(600 * 1024) }, s.run)
    expect(Buffer.byteLength(md)).toBeLessThan(64 * 1024)
    expect(md).toContain('more characters)')
    expect(md).toContain('| Function |')
  })

  it('a cut inside a code block closes it before the note', () => {
    const text = `# title\n\n\`\`\`mermaid\n${'x, '.repeat(40).concat('\n').repeat(30_000)}\`\`\`\n`
    const out = capped(text)
    expect(Buffer.byteLength(out)).toBeLessThanOrEqual(SUMMARY_LIMIT)
    expect(out.split('\n').filter(l => l.startsWith('```'))).toHaveLength(2)
    expect(out.trimEnd().endsWith(TRUNCATED_NOTE)).toBe(true)
  })

  it('a summary that fits is left alone', () => {
    expect(capped('## ok\n')).toBe('## ok\n')
  })
})
