// Slack adapter: posts incoming-webhook messages with Node's own fetch. (@slack/webhook would add axios to
// the bundle for what is one POST; fetch gives the timeout and the status just as well.)
// Slack's reply is never read into a message: it may echo the webhook URL, URL-encoded or JSON-escaped, which
// the runner's exact-string masking would miss. Only the status code and a fixed description are reported.
// The run's events reach Slack through a SlackChannel: posted in order, in the background, so a slow or
// failing Slack never slows or changes the deployment.
import type { ReadyRelease } from '../lockstep.js'
import type { Release } from '../report/index.js'
import { type StageEnd, slackMessage, slackStageMessage, slackStartMessage } from '../report/slack.js'
import type { RunSettings, Secrets } from '../settings.js'
import type { TimelineEvent } from '../timeline.js'
import { anySignal } from './signals.js'

export interface SlackResult {
  ok: boolean
  /** Why it failed, in fixed words and a status code: never the webhook URL, never Slack's reply. */
  problem?: string
}

/** A fixed description per status class: the words come from here, never from the reply. */
export function slackStatusProblem(status: number): string {
  const what =
    status >= 300 && status < 400
      ? 'a redirect, not followed: the message was not re-sent to another address'
      : status === 400
        ? 'the message was rejected'
        : status === 403 || status === 404 || status === 410
          ? 'the webhook is invalid, revoked or its channel is gone'
          : status === 429
            ? 'rate limited'
            : status >= 500
              ? 'Slack failed'
              : 'not a success'
  return `Slack answered HTTP ${status} (${what})`
}

/**
 * Never throws and never takes longer than `timeoutMs` (or past `signal`, unless it had aborted already): a Slack problem must not change a
 * deployment. Redirects are not followed: a 3xx is a failure, so the message never goes to another host.
 */
export async function postToSlack(url: string, message: unknown, timeoutMs = 10_000, signal?: AbortSignal): Promise<SlackResult> {
  const timeout = AbortSignal.timeout(timeoutMs)
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(message),
      redirect: 'manual',
      signal: signal && !signal.aborted ? anySignal([timeout, signal]) : timeout
    })
    // The body is discarded unread, which also frees the connection.
    await response.body?.cancel().catch(() => undefined)
    if (response.status < 200 || response.status >= 300) return { ok: false, problem: slackStatusProblem(response.status) }
    return { ok: true }
  } catch (error) {
    // By name, not instanceof: fetch's DOMExceptions may come from another realm.
    const name = (error as { name?: unknown } | undefined)?.name
    if (name === 'TimeoutError' || name === 'AbortError') {
      if (!timeout.aborted) return { ok: false, problem: 'the step was cancelled before Slack answered' }
      return { ok: false, problem: `Slack did not answer within ${Math.round(timeoutMs / 100) / 10}s` }
    }
    // fetch's own messages do not include the URL, but its cause may: report only a code made of safe characters.
    const code = (error as { cause?: { code?: unknown } }).cause?.code
    const safe = typeof code === 'string' && /^[A-Z0-9_]{1,40}$/.test(code) ? code : 'network error'
    return { ok: false, problem: `could not reach Slack (${safe})` }
  }
}

export interface SlackLog {
  info(message: string): void
  warn(message: string): void
}

export const SLACK_TIMING = {
  /** Each message's bound, and the bound on what the run's end waits for Slack. */
  timeoutMs: 10_000,
  /** The runner kills the step 10 s after its first signal: after a cancel the last message gets a short try. */
  afterCancelMs: 2_000,
  /** At the end, how long the last message waits for the one before it (so they arrive in order). */
  orderGraceMs: 2_000
}

type Post = typeof postToSlack
interface Queued {
  label: string
  message: unknown
}

/**
 * Messages go out one at a time, in the order sent, while the rollout goes on: `send` never waits. The last
 * message (`close`) waits for the one in flight at most `orderGraceMs`, and with it the run's end waits at most
 * `timeoutMs` in all. After a cancel nothing new starts: the message in flight is cut off by the cancel, those
 * waiting are dropped, and the last message gets `afterCancelMs`.
 */
export class SlackChannel {
  private readonly waiting: Queued[] = []
  private inFlight: Promise<void> | undefined
  private closed = false

  constructor(
    private readonly url: string,
    private readonly log: SlackLog,
    private readonly cancel: AbortSignal,
    private readonly post: Post = postToSlack,
    private readonly timing: typeof SLACK_TIMING = SLACK_TIMING
  ) {}

  send(label: string, message: unknown): void {
    if (this.closed || this.cancel.aborted) return
    this.waiting.push({ label, message })
    this.pump()
  }

  async close(last?: Queued): Promise<void> {
    this.closed = true
    const dropped = this.waiting.splice(0)
    if (dropped.length > 0) {
      const why = this.cancel.aborted ? 'the step was cancelled' : 'Slack had not taken the ones before them when the run ended'
      this.log.warn(`Slack ${dropped.map(q => q.label).join(', ')} message${dropped.length > 1 ? 's' : ''} not sent: ${why}`)
    }
    const before = this.inFlight
    if (!last) return await before
    if (this.cancel.aborted) {
      await Promise.all([this.deliver(last, this.timing.afterCancelMs), before])
      return
    }
    const started = Date.now()
    if (before) await settledWithin(before, this.timing.orderGraceMs)
    const waited = Math.min(Math.max(Date.now() - started, 0), this.timing.orderGraceMs)
    await Promise.all([this.deliver(last, this.timing.timeoutMs - waited), before])
  }

  private pump(): void {
    if (this.inFlight || this.closed || this.cancel.aborted) return
    const next = this.waiting.shift()
    if (!next) return
    this.inFlight = this.deliver(next, this.timing.timeoutMs).finally(() => {
      this.inFlight = undefined
      this.pump()
    })
  }

  private async deliver(queued: Queued, timeoutMs: number): Promise<void> {
    const sent = await this.post(this.url, queued.message, timeoutMs, this.cancel)
    if (sent.ok) this.log.info(`Slack ${queued.label} message sent`)
    else this.log.warn(`Slack ${queued.label} message not sent: ${sent.problem ?? 'unknown problem'}`)
  }
}

/** Waits for `promise` at most `ms`, leaving no timer behind. */
async function settledWithin(promise: Promise<unknown>, ms: number): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined
  await Promise.race([promise, new Promise<void>(resolve => (timer = setTimeout(resolve, ms)))])
  clearTimeout(timer)
}

export interface SlackNotifier {
  /** Every function of the release passed its preflight: traffic is about to move. */
  ready(releases: ReadyRelease[]): void
  /** One function's event, as the rollout emits it. */
  event(functionName: string, event: TimelineEvent): void
  /** The run's end: the finish message, if asked for, and what is still in flight. */
  finish(release: Release): Promise<void>
}

/**
 * The run's events to Slack, as slack-events asks. A stage's message waits for every function's verdict
 * (one message per stage for a lockstep), or goes at once when one fails. The mention goes on the message
 * that reports a failure: the finish message, or without one the failing stage's.
 */
export function slackNotifier(
  run: RunSettings,
  secrets: Secrets,
  cancel: AbortSignal,
  log: SlackLog,
  env: NodeJS.ProcessEnv = process.env,
  post: Post = postToSlack
): SlackNotifier | undefined {
  if (!secrets.slackWebhookUrl) return undefined
  const channel = new SlackChannel(secrets.slackWebhookUrl, log, cancel, post)
  const events = new Set(run.notify.slackEvents)
  let releasing: ReadyRelease[] = []
  const verdicts = new Map<number, StageEnd[]>()
  const posted = new Set<number>()
  // A message that cannot be built is a warning: nothing of Slack may reach the rollout as an error.
  const guarded = (what: string, build: () => void) => {
    try {
      build()
    } catch (error) {
      log.warn(`Slack ${what} message not sent: it could not be built (${error instanceof Error ? error.message : String(error)})`)
    }
  }
  return {
    ready(releases) {
      releasing = releases
      if (events.has('start')) guarded('start', () => channel.send('start', slackStartMessage(releases, run, env)))
    },
    event(name, event) {
      // A stage ends only after the shift that followed every function's ready: `releasing` is known by then.
      if (event.type !== 'stage-end' || !events.has('stage') || posted.has(event.stage) || releasing.length === 0) return
      const ends = [...(verdicts.get(event.stage) ?? []), { name, event }]
      verdicts.set(event.stage, ends)
      if (ends.length < releasing.length && event.decision !== 'fail') return
      posted.add(event.stage)
      verdicts.delete(event.stage)
      const label = `stage ${event.stage}`
      guarded(label, () => channel.send(label, slackStageMessage(ends, releasing, run, !events.has('finish'), env)))
    },
    async finish(release) {
      let last: Queued | undefined
      if (events.has('finish')) guarded('finish', () => (last = { label: 'finish', message: slackMessage(release, run, env) }))
      await channel.close(last)
    }
  }
}
