// Slack adapter: posts one incoming-webhook message with Node's own fetch. (@slack/webhook would add
// axios to the bundle for what is one POST; fetch gives the timeout and the status just as well.)

export interface SlackResult {
  ok: boolean
  /** Why it failed, in words that never contain the webhook URL. */
  problem?: string
}

/** Never throws and never takes longer than `timeoutMs`: a Slack problem must not change a deployment. */
export async function postToSlack(url: string, message: unknown, timeoutMs = 10_000): Promise<SlackResult> {
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(message),
      signal: AbortSignal.timeout(timeoutMs)
    })
    const body = (await response.text().catch(() => '')).slice(0, 200)
    if (!response.ok) return { ok: false, problem: `Slack answered HTTP ${response.status}${body ? ` (${body})` : ''}` }
    return { ok: true }
  } catch (error) {
    const name = error instanceof Error ? error.name : ''
    if (name === 'TimeoutError' || name === 'AbortError')
      return { ok: false, problem: `Slack did not answer within ${Math.round(timeoutMs / 1000)}s` }
    // fetch's own messages do not include the URL, but its cause may: report only the code.
    const code = (error as { cause?: { code?: string } }).cause?.code
    return { ok: false, problem: `could not reach Slack (${code ?? name ?? 'network error'})` }
  }
}
