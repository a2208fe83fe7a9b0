// Each source of external text, carried by a release through the real report path to every sink: the log
// lines (as eventLogger prints them through @actions/core), the job summary, the Slack payload, the outputs.
import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals'
import { eventLogger } from '../src/adapters/github.js'
import { releaseReport, slackMessage } from '../src/report/index.js'
import type { Outcome } from '../src/rollout/outcome.js'
import type { Settings } from '../src/settings.js'
import { deploy, harness, settingsFrom } from './helpers/fakes.js'
import { PAYLOAD, executable } from './helpers/hostile.js'

const noWrite = () => undefined

interface Source {
  name: string
  extra: Record<string, string>
  arm: (h: ReturnType<typeof harness>) => void
}

const SOURCES: Source[] = [
  {
    name: 'an alarm StateReason',
    extra: { alarms: 'api-errors' },
    arm: h => {
      h.metrics.alarmStates = [{ name: 'api-errors', state: 'ALARM', reason: PAYLOAD }]
    }
  },
  {
    name: 'a smoke-test function error',
    extra: { 'smoke-payload': '{}' },
    arm: h => {
      h.probe.respond = () => ({ statusCode: 200, functionError: 'Unhandled', payload: JSON.stringify({ errorMessage: PAYLOAD }) })
    }
  },
  {
    name: 'an AWS error message (metrics)',
    extra: {},
    arm: h => {
      h.metrics.read = async () => {
        throw new Error(PAYLOAD)
      }
    }
  }
]

async function released(source: Source): Promise<{ outcome: Outcome; s: Settings; logged: string }> {
  const s = settingsFrom({ 'function-name': 'api', version: '2', 'max-error-rate': '1%', ...source.extra })
  const h = harness()
  source.arm(h)
  const log = eventLogger(s.run)
  const outcome = await deploy(s, { ...h.ports, emit: log })
  return { outcome, s, logged: written.join('') }
}

let written: string[] = []
beforeEach(() => {
  written = []
  jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    written.push(String(chunk))
    return true
  })
})
afterEach(() => {
  jest.restoreAllMocks()
})

describe.each(SOURCES)('hygiene: $name reaches every sink neutralised', source => {
  it('the log: no line the runner would execute but our own annotations, each on one line', async () => {
    const { outcome, logged } = await released(source)
    expect(outcome.result).not.toBe('promoted')
    expect(logged).toContain('add-mask') // the payload did reach the log…
    const lines = logged.split('\n')
    const commands = lines.filter(executable)
    // …and the only commands are the action's own (groups and annotations), none named by the payload.
    expect(commands.every(l => /^::(group|endgroup|warning|error|notice)::/.test(l))).toBe(true)
    expect(lines.filter(l => /::(add-mask|stop-commands|set-output)::/.test(l))).toEqual([])
  })

  it('the summary: no HTML tag, heading, link or image from outside; tables keep their columns', async () => {
    const { outcome, s } = await released(source)
    const release = releaseReport([outcome], s.run, noWrite)
    const md = release.summary
    expect(md).toContain('onerror') // the payload is shown…
    expect(md).not.toMatch(/<(?!br>)[a-z!/]/i) // …but no tag other than our <br>
    expect(md).not.toMatch(/^\s*#{1,6} (heading|x)/m)
    expect(md).not.toMatch(/(^|[^\\])!?\[(link|img)\]\(/)
    expect(md.split('\n')[0]).toMatch(/^## /)
    for (const table of md.split('\n\n').filter(b => b.startsWith('|'))) {
      const cells = table.split('\n').map(row => row.replace(/\\\|/g, '').split('|').length)
      expect(new Set(cells).size).toBe(1)
    }
  })

  it('Slack: no unescaped < or > from outside; the outputs are one line', async () => {
    const { outcome, s } = await released(source)
    const release = releaseReport([outcome], s.run, noWrite)
    const message = slackMessage(release, s.run, {})
    const texts = JSON.stringify(message).match(/"text":"(?:[^"\\]|\\.)*"/g) ?? []
    expect(texts.join('')).toContain('&lt;!channel&gt;')
    for (const t of texts) expect(t).not.toMatch(/[<>]/)
    // Every mrkdwn object is verbatim: Slack does not turn outside URLs or @channel into links or mentions.
    const mrkdwn = JSON.stringify(message).match(/\{"type":"mrkdwn"[^}]*\}/g) ?? []
    expect(mrkdwn.length).toBeGreaterThan(0)
    for (const m of mrkdwn) expect(m).toContain('"verbatim":true')
    expect(release.outputs.reason).not.toMatch(/\n|::(add-mask|stop-commands|set-output|warning)::/)
    expect(release.outputs.reason?.length).toBeLessThanOrEqual(4000)
  })
})
