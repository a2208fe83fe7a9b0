// slack-events: the input (house-style errors), which messages each setting posts for real rollouts on the
// fakes (start, one per stage, finish; one per stage for a lockstep), and the channel that posts them: in
// order, in the background, the finish message bounded, nothing new after a cancel.
import { describe, expect, it } from '@jest/globals'
import { SLACK_TIMING, SlackChannel, type SlackLog, slackNotifier, type postToSlack } from '../src/adapters/slack.js'
import { readSettings } from '../src/inputs/index.js'
import { parseSlackEvents } from '../src/inputs/notify.js'
import { releaseAll } from '../src/lockstep.js'
import { InputError } from '../src/parse.js'
import { releaseReport } from '../src/report/index.js'
import type { Settings } from '../src/settings.js'
import { harness, inputsFrom } from './helpers/fakes.js'

const URL = 'https://hooks.slack.com/services/T0/B0/secret'
const base = {
  'function-name': 'api',
  version: '2',
  'max-error-rate': '1%',
  'metric-period': '1m',
  'metric-lag': '2m',
  'poll-interval': '30s'
}
const read = (extra: Record<string, string>) => readSettings(inputsFrom({ ...base, ...extra }), { AWS_REGION: 'us-east-1' })

function errorOf(run: () => unknown): InputError {
  try {
    run()
  } catch (error) {
    if (error instanceof InputError) return error
    throw error
  }
  throw new Error('no InputError')
}

describe('slack-events: the input', () => {
  it.each([
    ['', ['finish']],
    ['finish', ['finish']],
    ['start', ['start']],
    ['Stage, START', ['start', 'stage']],
    ['finish\nstage\nstart\n', ['start', 'stage', 'finish']],
    ['all', ['start', 'stage', 'finish']],
    ['stage, all', ['start', 'stage', 'finish']]
  ])('%j → %j, in the order they happen', (raw, events) => {
    expect(parseSlackEvents(raw)).toEqual(events)
    expect(read({ 'slack-events': raw, 'slack-webhook-url': URL }).run.notify.slackEvents).toEqual(events)
  })

  it.each([
    ['stages', '"stages" is not one of them'],
    ['start, finsh', '"finsh" is not one of them'],
    ['none', '"none" is not one of them'],
    ['start,,finish', 'no blank entries (entry 2 of 3 is blank)']
  ])('%j is refused naming the input, quoting the value and listing what is accepted', (raw, why) => {
    const error = errorOf(() => read({ 'slack-events': raw, 'slack-webhook-url': URL }))
    expect(error.input).toBe('slack-events')
    expect(error.message).toContain(`Input "slack-events" has an invalid value "${raw}": `)
    if (!why.startsWith('no blank')) expect(error.message).toContain('use "start", "stage", "finish" or "all"')
    expect(error.message).toContain(why)
  })

  it('given without a webhook it warns that nothing uses it (given in the workflow, even equal to the default); a webhook says nothing', () => {
    const warns = 'slack-events is set but no Slack message is sent without slack-webhook-url, so nothing uses it'
    expect(read({ 'slack-events': 'all' }).warnings).toContain(warns)
    expect(read({ 'slack-events': 'finish' }).warnings).toContain(warns)
    expect(read({}).warnings).not.toContain(warns)
    expect(read({ 'slack-events': 'all', 'slack-webhook-url': URL }).warnings).toEqual([])
    expect(read({ 'slack-events': 'all' }).run.notify.slackProblem).toBeUndefined()
  })
})

/** A Slack that takes everything at once, recording each message's header. */
function recordingSlack() {
  const headers: string[] = []
  const post: typeof postToSlack = async (_url, message) => {
    headers.push((message as { blocks: { text: { text: string } }[] }).blocks[0]!.text.text)
    return { ok: true }
  }
  return { headers, post }
}

const quiet: SlackLog = { info: () => {}, warn: () => {} }

/** Releases every function of `s` on the fakes, wired to Slack the way main.ts wires it. */
async function releasedWithSlack(s: Settings, models: Parameters<typeof harness>[0][] = [{}]) {
  const slack = recordingSlack()
  const cancel = new AbortController()
  const notifier = slackNotifier(s.run, { slackWebhookUrl: URL }, cancel.signal, quiet, {}, slack.post)!
  const hs = models.map(m => harness(m))
  const outcomes = await releaseAll(s.run, s.deployments, {
    signal: cancel.signal,
    portsOf: (spec, i) => ({ ...hs[i]!.ports, emit: event => notifier.event(spec.fn.name, event) }),
    onAllReady: async ready => notifier.ready(ready)
  })
  await notifier.finish(releaseReport(outcomes, s.run, () => undefined))
  return { outcomes, headers: slack.headers }
}

describe('slack-events: the messages of a 2-stage canary', () => {
  const steps = { strategy: 'custom', steps: '10%:5m, 50%:5m' }
  it.each([
    ['finish', ['✅ api:live promoted']],
    ['start', ['🚀 api:live release starting']],
    ['stage', ['🟢 api:live stage 1 of 2 at 10% passed', '🟢 api:live stage 2 of 2 at 50% passed']],
    ['start, finish', ['🚀 api:live release starting', '✅ api:live promoted']],
    [
      'all',
      [
        '🚀 api:live release starting',
        '🟢 api:live stage 1 of 2 at 10% passed',
        '🟢 api:live stage 2 of 2 at 50% passed',
        '✅ api:live promoted'
      ]
    ]
  ])('%s posts %j', async (events, headers) => {
    const { outcomes, headers: posted } = await releasedWithSlack(read({ ...steps, 'slack-events': events }))
    expect(outcomes[0]!.result).toBe('promoted')
    expect(posted).toEqual(headers)
  })

  it('a regression with all: the failing stage, then the rollback', async () => {
    const { headers } = await releasedWithSlack(read({ ...steps, 'slack-events': 'all' }), [{ errorRate: v => (v === '2' ? 0.2 : 0.001) }])
    expect(headers).toEqual(['🚀 api:live release starting', '🔴 api:live stage 1 of 2 at 10% failed', '⏪ api:live rolled-back'])
  })

  it('a lockstep of two: one message per stage, not one per function', async () => {
    const s = read({ ...steps, 'function-name': 'api\nworker', version: '2\n2', 'slack-events': 'all' })
    const { outcomes, headers } = await releasedWithSlack(s, [{}, {}])
    expect(outcomes.map(o => o.result)).toEqual(['promoted', 'promoted'])
    const subject = 'api, worker (alias live, in lockstep)'
    expect(headers).toEqual([
      `🚀 ${subject} release starting`,
      `🟢 ${subject} stage 1 of 2 at 10% passed`,
      `🟢 ${subject} stage 2 of 2 at 50% passed`,
      `✅ ${subject} promoted`
    ])
  })

  it('mode plan posts only the finish message; without a webhook there is no notifier', async () => {
    const s = read({ ...steps, mode: 'plan', 'slack-events': 'all' })
    expect((await releasedWithSlack(s)).headers).toEqual(['📝 api:live planned'])
    expect(slackNotifier(s.run, {}, new AbortController().signal, quiet)).toBeUndefined()
  })
})

/** A Slack whose answers the test gives: each post waits until answered, or until its timeout. */
function heldSlack() {
  const posts: { label: string; timeoutMs: number; answer: () => void }[] = []
  const post: typeof postToSlack = (_url, message, timeoutMs = 0, signal) =>
    new Promise(resolve => {
      const timer = setTimeout(() => resolve({ ok: false, problem: 'timed out' }), timeoutMs)
      const answer = () => {
        clearTimeout(timer)
        resolve({ ok: true })
      }
      // As postToSlack: a signal already aborted (the finish after a cancel) leaves the post its own timeout.
      if (signal && !signal.aborted)
        signal.addEventListener('abort', () => {
          clearTimeout(timer)
          resolve({ ok: false, problem: 'the step was cancelled before Slack answered' })
        })
      posts.push({ label: (message as { label: string }).label, timeoutMs, answer })
    })
  return { posts, post }
}

function logged() {
  const lines: string[] = []
  return { lines, log: { info: (m: string) => lines.push(`info: ${m}`), warn: (m: string) => lines.push(`warn: ${m}`) } }
}

const flush = () => new Promise(resolve => setImmediate(resolve))

describe('SlackChannel', () => {
  it('one message at a time, in the order sent; send never waits', async () => {
    const slack = heldSlack()
    const { lines, log } = logged()
    const channel = new SlackChannel(URL, log, new AbortController().signal, slack.post)
    channel.send('start', { label: 'start' })
    channel.send('stage 1', { label: 'stage 1' })
    await flush()
    expect(slack.posts.map(p => p.label)).toEqual(['start'])
    slack.posts[0]!.answer()
    await flush()
    expect(slack.posts.map(p => p.label)).toEqual(['start', 'stage 1'])
    slack.posts[1]!.answer()
    await channel.close()
    expect(lines).toEqual(['info: Slack start message sent', 'info: Slack stage 1 message sent'])
  })

  it('at the end: messages still waiting are dropped, the finish goes beside the one in flight, within the timeout', async () => {
    const slack = heldSlack()
    const { lines, log } = logged()
    const timing = { timeoutMs: 400, afterCancelMs: 100, orderGraceMs: 50 }
    const channel = new SlackChannel(URL, log, new AbortController().signal, slack.post, timing)
    channel.send('start', { label: 'start' })
    channel.send('stage 1', { label: 'stage 1' })
    channel.send('stage 2', { label: 'stage 2' })
    const closed = channel.close({ label: 'finish', message: { label: 'finish' } })
    await new Promise(resolve => setTimeout(resolve, 100))
    // The start never answered: the finish went out beside it, with what is left of the one timeout.
    expect(slack.posts.map(p => p.label)).toEqual(['start', 'finish'])
    expect(slack.posts[1]!.timeoutMs).toBeLessThan(timing.timeoutMs)
    slack.posts[1]!.answer()
    await closed
    expect(lines).toEqual([
      'warn: Slack stage 1, stage 2 messages not sent: Slack had not taken the ones before them when the run ended',
      'info: Slack finish message sent',
      'warn: Slack start message not sent: timed out'
    ])
    channel.send('late', { label: 'late' })
    expect(slack.posts).toHaveLength(2)
  })

  it('after a cancel: nothing new is sent, the one in flight is cut off, the finish gets the short timeout', async () => {
    const slack = heldSlack()
    const { lines, log } = logged()
    const cancel = new AbortController()
    const channel = new SlackChannel(URL, log, cancel.signal, slack.post)
    channel.send('start', { label: 'start' })
    channel.send('stage 1', { label: 'stage 1' })
    cancel.abort()
    channel.send('stage 2', { label: 'stage 2' })
    const closed = channel.close({ label: 'finish', message: { label: 'finish' } })
    await flush()
    expect(slack.posts.map(p => [p.label, p.timeoutMs])).toEqual([
      ['start', SLACK_TIMING.timeoutMs],
      ['finish', SLACK_TIMING.afterCancelMs]
    ])
    slack.posts[1]!.answer()
    await closed
    expect(lines).toEqual([
      'warn: Slack stage 1 message not sent: the step was cancelled',
      'warn: Slack start message not sent: the step was cancelled before Slack answered',
      'info: Slack finish message sent'
    ])
  })
})
