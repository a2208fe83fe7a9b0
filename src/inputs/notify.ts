// Who hears about the run: Slack (webhook, events and mentions) and the GitHub environment and token for a
// Deployment record. The webhook URL and the token go to Secrets only, never into the run's settings.
import { Inputs } from '../constants.js'
import { InputError, parseList } from '../parse.js'
import { type Notify, SLACK_EVENTS, type Secrets, type SlackEvent } from '../settings.js'
import type { InputReader } from './reader.js'

const SLACK_MENTIONS = /^(<[!@#][^>\s]+>|@[\w.-]+)(\s+(<[!@#][^>\s]+>|@[\w.-]+))*$/
const LOOPBACK = ['127.0.0.1', 'localhost', '[::1]']

export function readNotify(input: InputReader): { notify: Notify; secrets: Secrets } {
  const environment = input(Inputs.Environment)
  if (environment.length > 255 || /[\n\r]/.test(environment)) {
    throw new InputError(
      Inputs.Environment,
      environment,
      'use a GitHub environment name such as "production" (one line, up to 255 characters)'
    )
  }
  const token = input(Inputs.GithubToken)
  const slack = readSlack(input)
  if (token && !environment) {
    // environment alone is a normal use (it picks the config file's section); a token alone is a mistake.
    const deploymentProblem =
      'github-token is not used: a GitHub Deployment is recorded only with environment (the GitHub environment to record it in); set environment, or remove github-token'
    return { notify: { ...slack.notify, deploymentProblem }, secrets: slack.secrets }
  }
  return {
    notify: { ...slack.notify, ...(environment ? { environment } : {}) },
    secrets: { ...slack.secrets, ...(token ? { githubToken: token } : {}) }
  }
}

/**
 * A bad Slack URL never changes the deployment's result: it is reported as a warning (without quoting
 * the secret) and the message is skipped. Plain http is allowed only to loopback, for local runs.
 */
function readSlack(input: InputReader): { notify: Notify; secrets: Secrets } {
  const raw = input(Inputs.SlackWebhookUrl)
  const mention = input(Inputs.SlackMention)
  if (mention !== '' && !SLACK_MENTIONS.test(mention)) {
    throw new InputError(
      Inputs.SlackMention,
      mention,
      'use Slack mentions like "<!here>", "<!channel>", "<@U012AB3CD>", "<!subteam^S012AB3CD>" or "@oncall", separated by spaces'
    )
  }
  const events = input(Inputs.SlackEvents)
  const notify: Notify = { slackEvents: parseSlackEvents(events), ...(mention ? { slackMention: mention } : {}) }
  // Given without a webhook, slack-events and slack-mention do nothing: inputs/unused.ts warns about them.
  if (raw === '') return { notify, secrets: {} }
  if (!isSlackUrl(raw)) {
    const slackProblem = 'slack-webhook-url is not an https:// URL (its value is a secret and is not shown); no Slack message will be sent'
    return { notify: { ...notify, slackProblem }, secrets: {} }
  }
  return { notify, secrets: { slackWebhookUrl: raw } }
}

function isSlackUrl(raw: string): boolean {
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    return false
  }
  return url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK.includes(url.hostname))
}

const ALL = 'all'

/** "start", "stage", "finish" (any of them, by commas or new lines) or "all"; in the order they happen. */
export function parseSlackEvents(raw: string): SlackEvent[] {
  if (raw.trim() === '') return ['finish']
  const accepted = `use "start", "stage", "finish" or "${ALL}", or several of the first three separated by commas or new lines (e.g. "start, finish")`
  const items = parseList(Inputs.SlackEvents, raw, 'events').map(item => item.toLowerCase())
  const unknown = items.find(item => item !== ALL && !(SLACK_EVENTS as readonly string[]).includes(item))
  if (unknown !== undefined) throw new InputError(Inputs.SlackEvents, raw, `${accepted}; "${unknown}" is not one of them`)
  if (items.includes(ALL)) return [...SLACK_EVENTS]
  return SLACK_EVENTS.filter(event => items.includes(event))
}
