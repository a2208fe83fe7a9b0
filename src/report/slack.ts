// One Slack Block Kit message for the release, built from the same outcomes as the summary.
import { formatDuration, formatPercent } from '../parse.js'
import type { RunSettings } from '../settings.js'
import { clip, slackText } from './hygiene.js'
import type { Release } from './index.js'
import { ICON, durationSeconds, errors, ms, stageRecords } from './words.js'

/** The workflow run's page, from the runner's environment. */
export function runUrl(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const { GITHUB_SERVER_URL: server, GITHUB_REPOSITORY: repo, GITHUB_RUN_ID: id } = env
  return server && repo && id ? `${server}/${repo}/actions/runs/${id}` : undefined
}

export function slackMessage(
  release: Release,
  run: RunSettings,
  env: NodeJS.ProcessEnv = process.env
): { text: string; blocks: unknown[] } {
  const { whole, outcomes } = release
  const mention = release.failed && run.notify.slackMention ? `${run.notify.slackMention} ` : ''
  const what =
    run.mode === 'rollback' ? (whole.result === 'rolled-back' ? 'manual rollback done' : `manual rollback ${whole.result}`) : whole.result
  // A header is plain_text: Slack shows it as it is, no mention or link can form in it.
  const title = clip(`${ICON[whole.result]} ${release.subject} ${what}`, 150)
  const fields = [
    [outcomes.length > 1 ? 'Functions' : 'Function', outcomes.map(o => `\`${o.function.name}\``).join(', ')],
    ['Alias', `\`${run.alias}\``],
    ['Version', `${whole.previousVersion ?? '–'} → ${whole.version ?? '–'}`],
    ['Strategy', run.mode === 'rollback' ? 'manual rollback' : run.plan.name],
    ['Result', `*${whole.result}*`],
    ['Duration', formatDuration(durationSeconds(whole))]
  ]
  const stages = outcomes.length === 1 && outcomes[0] ? stageRecords(outcomes[0].timeline) : []
  const deciding = stages[stages.length - 1]
  const stat = run.gates.latencyStatistic
  const numbers = deciding
    ? `Stage ${deciding.stage} at ${formatPercent(deciding.weight)}: new ${deciding.newVersion.invocations} invocations, ${errors(deciding.newVersion)}, ${stat} ${ms(deciding.newVersion.latencyMs)} · old ${deciding.oldVersion.invocations} invocations, ${errors(deciding.oldVersion)}, ${stat} ${ms(deciding.oldVersion.latencyMs)}`
    : undefined
  const url = runUrl(env)
  const blocks: unknown[] = [
    { type: 'header', text: { type: 'plain_text', text: title, emoji: true } },
    { type: 'section', text: { type: 'mrkdwn', verbatim: true, text: `${mention}${slackText(whole.reason, 3000 - mention.length)}` } },
    {
      type: 'section',
      fields: fields.map(([k, v]) => ({ type: 'mrkdwn', verbatim: true, text: `*${k}*\n${slackText(v as string, 1900)}` }))
    }
  ]
  if (numbers) blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', verbatim: true, text: slackText(numbers) }] })
  if (url)
    blocks.push({ type: 'actions', elements: [{ type: 'button', text: { type: 'plain_text', text: 'Open the workflow run' }, url }] })
  // The notification's text is mrkdwn too: the headline carries the reason, escaped like the blocks.
  return { text: `${mention}${slackText(release.headline, 3000 - mention.length)}`, blocks }
}
