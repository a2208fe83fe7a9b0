// Who hears about the run: Slack (webhook and mentions) and the GitHub environment and token for a
// Deployment record. The webhook URL and the token go to Secrets only, never into the run's settings.
import { Inputs } from '../constants.js'
import { InputError } from '../parse.js'
import type { Notify, Secrets } from '../settings.js'
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
  const notify: Notify = mention ? { slackMention: mention } : {}
  if (raw === '') return { notify, secrets: {} }
  if (!isSlackUrl(raw)) {
    const slackProblem = 'slack-webhook-url is not an https:// URL (its value is a secret and is not shown); no Slack message will be sent'
    return { notify: { slackProblem, ...notify }, secrets: {} }
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
