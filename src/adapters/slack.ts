// Slack adapter: posts one incoming-webhook message with Node's own fetch. (@slack/webhook would add
// axios to the bundle for what is one POST; fetch gives the timeout and the status just as well.)
// Slack's reply is never read into a message: it may echo the webhook URL, URL-encoded or JSON-escaped, which
// the runner's exact-string masking would miss. Only the status code and a fixed description are reported.
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
