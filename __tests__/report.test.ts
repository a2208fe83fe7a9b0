import { describe, expect, it } from '@jest/globals'
import { logLine, releaseReport, slackMessage } from '../src/report/index.js'
import { outputs } from '../src/report/outputs.js'
import { mermaidChart, summaryMarkdown } from '../src/report/summary.js'
import { REPEATING_KEPT, seenCount } from '../src/timeline.js'
import { T0, deploy, harness, settingsFrom } from './helpers/fakes.js'

const settings = (extra: Record<string, string> = {}) =>
  settingsFrom({ 'function-name': 'api', version: '2', 'max-latency': '1s', 'max-error-rate': '1%', ...extra })

describe('report', () => {
  it('a promotion: result and reason first, a stage table, gates, a chart, the preflight', async () => {
    const s = settings({ strategy: 'custom', steps: '10%:2m, 50%:2m' })
    const outcome = await deploy(s, harness().ports)
    const md = summaryMarkdown(outcome, s.run)
    const first = md.split('\n')[0]!
    expect(first).toBe(
      '## ✅ lambda-canary promoted on api:live (version 1 → 2): version 2 took 100% of alias "live" after 3 steps, replacing version 1'
    )
    expect(md).toContain(
      '| Stage | Weight | Time | New: invocations | New: errors | New: p99¹ | Old: invocations | Old: errors | Old: p99¹ | Throttles | Enough data | Verdict |'
    )
    const rows = md.split('\n').filter(l => /^\| [12] \|/.test(l))
    expect(rows).toHaveLength(2)
    // A 2m stage is all warm-up (latency-warm-up 2m): the latency gates cannot reach their minimum in it.
    expect(rows[0]).toMatch(/^\| 1 \| 10% \| .* \| not judged at this traffic: latency, latency-increase \| passed \|$/)
    expect(rows[1]).toMatch(/^\| 2 \| 50% \| /)
    expect(md).toMatch(/```mermaid\n%%\{init: .*\}%%\nxychart-beta\n {2}title "Traffic to the new version \(%\)"/)
    expect(md).toContain('title "Error rate since the first shift (%)"')
    expect(md).toContain('### Preflight')
    expect(md).toContain('✅ error-rate: ')
    expect(md).not.toContain('### Where to look')
  })

  it('a rollback: what tripped, the alias change, and where to look', async () => {
    const s = settings()
    const outcome = await deploy(s, harness({ errorRate: v => (v === '2' ? 0.2 : 0) }).ports)
    const md = summaryMarkdown(outcome, s.run)
    expect(md.split('\n')[0]).toMatch(
      /^## ⏪ lambda-canary rolled-back on api:live \(version 1 → 2\): stage 1 \(10%\): error rate of the new version 20% /
    )
    expect(md).toMatch(/\| \*\*failed\*\*: error-rate, error-rate-increase \|$/m)
    // The reason is the first line's, and only there.
    expect(md.split(outcome.reason.split(';')[0]!).length - 1).toBe(1)
    expect(md).toMatch(/❌ error-rate: 20% .* — failed/)
    expect(md).toContain('restored: alias "live" points at version 1 (100%) again')
    expect(md).toContain('### Where to look')
    expect(md).toContain('ExecutedVersion=2')
    expect(md).toContain('aws lambda get-alias --function-name api --name live --region us-east-1')
  })

  it('no data: the summary says the stage had not enough data, in words', async () => {
    const s = settings({ 'on-insufficient-data': 'proceed' })
    const outcome = await deploy(s, harness({ rate: 0 }).ports)
    const md = summaryMarkdown(outcome, s.run)
    expect(md).toContain('proceeded **without enough data** (no invocations of the new version in this stage yet (min-invocations is 20))')
    expect(md).toMatch(/\| \*\*no\*\*: min-invocations, /)
    expect(md).toContain('— not enough data yet: needs 20 invocations of the new version')
  })

  it('a failed restore shows the exact command to run', async () => {
    const s = settings()
    const h = harness({ errorRate: v => (v === '2' ? 0.5 : 0) })
    h.clock.at(60_000, () => (h.alias.failWrites = 100))
    const md = summaryMarkdown(await deploy(s, h.ports), s.run)
    expect(md).toContain(
      "### ⚠️ The alias is NOT restored\n\nRun this to put it back:\n\n```sh\naws lambda update-alias --function-name api --name live --function-version 1 --routing-config 'AdditionalVersionWeights={}' --region us-east-1\n```"
    )
  })

  it('outputs: result, versions, reason, alias ARN, duration and a timeline of every stage', async () => {
    const s = settings({ strategy: 'custom', steps: '10%:1m, 50%:1m', 'metric-lag': '0s' })
    const outcome = await deploy(s, harness().ports)
    const out = outputs(outcome)
    expect(out).toMatchObject({
      result: 'promoted',
      version: '2',
      'previous-version': '1',
      'alias-arn': 'arn:aws:lambda:us-east-1:123456789012:function:api:live',
      reason: outcome.reason
    })
    expect(Number(out['duration-seconds'])).toBe(Math.round((outcome.finishedAt - T0) / 1000))
    const timeline = JSON.parse(out.timeline!)
    expect(timeline.stages.map((x: { weight: number; decision: string }) => [x.weight, x.decision])).toEqual([
      [0.1, 'pass'],
      [0.5, 'pass']
    ])
    expect(timeline.stages[0].newVersion).toMatchObject({ invocations: expect.any(Number), errors: expect.any(Number) })
    expect(timeline.events.map((e: { type: string }) => e.type)).toEqual(['preflight', 'shift', 'shift', 'promote'])
  })

  it('the chart stays small on long deployments and the summary under 1 MiB', async () => {
    const s = settings({ strategy: 'LambdaLinear10PercentEvery10Minutes', 'poll-interval': '5s' })
    const outcome = await deploy(s, harness().ports)
    expect(seenCount(outcome.timeline, 'poll')).toBeGreaterThan(1000)
    expect(outcome.timeline.filter(e => e.type === 'poll').length).toBeLessThanOrEqual(REPEATING_KEPT + 1)
    const chart = mermaidChart(outcome)!
    const bars = /bar "new version" \[(.*)\]/.exec(chart)![1]!.split(', ')
    expect(bars.length).toBeLessThanOrEqual(61)
    expect(Buffer.byteLength(summaryMarkdown(outcome, s.run))).toBeLessThan(1024 * 1024)
  })

  it('one log line per poll with both versions’ numbers and the verdict', async () => {
    const s = settings()
    const outcome = await deploy(s, harness().ports)
    const poll = outcome.timeline.filter(e => e.type === 'poll').at(-1)!
    expect(logLine(poll, s.run)).toMatch(
      /^\[stage 1 · 10%\] \d\d:\d\d:\d\d new: \d+ inv, \d+ err \(.*\), p99 120 ms \| old: \d+ inv, .* → pass$/
    )
  })
})

describe('Slack message', () => {
  it('a manual rollback says so, with no mention since it succeeded', async () => {
    const h = harness()
    h.alias.set({ version: '2', weights: {} })
    const s = settings({ mode: 'rollback', version: '', 'rollback-to': '1', 'slack-mention': '<!here>' })
    const outcome = await deploy(s, h.ports)
    const message = slackMessage(releaseReport([outcome], s.run), s.run, {
      GITHUB_SERVER_URL: 'https://github.example',
      GITHUB_REPOSITORY: 'a/b',
      GITHUB_RUN_ID: '7'
    })
    expect(message.blocks[0]).toEqual({
      type: 'header',
      text: { type: 'plain_text', text: '⏪ api:live manual rollback done', emoji: true }
    })
    expect(message.text).not.toContain('<!here>')
    expect(JSON.stringify(message.blocks)).toContain('https://github.example/a/b/actions/runs/7')
  })

  it('escapes &, < and > in reasons so Slack does not read them as markup', async () => {
    const h = harness()
    h.probe.respond = () => ({ statusCode: 200, functionError: 'Unhandled', payload: '{"error":"<script>&"}' })
    const s = settings({ 'smoke-payload': '{}', 'slack-mention': '<!here>' })
    const message = slackMessage(releaseReport([await deploy(s, h.ports)], s.run), s.run, {})
    const section = (message.blocks[1] as { text: { text: string } }).text.text
    expect(section.startsWith('<!here> smoke test of version 2 failed')).toBe(true)
    expect(section).toContain('&lt;script&gt;&amp;')
    expect(message.blocks.some(b => (b as { type: string }).type === 'actions')).toBe(false)
  })
})
