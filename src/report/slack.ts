// Slack Block Kit messages, one per event the run posts (slack-events): traffic about to move (start), a
// stage's verdict (stage), the end (finish, from the same outcomes as the summary). Every message says what
// moves where (functions, alias, versions) and who and what moved it (environment, commit, actor, run link).
// All text from outside goes through slackText; the one link built into mrkdwn is made of checked parts.
import type { ReadyRelease } from '../lockstep.js'
import { formatDuration, formatPercent } from '../parse.js'
import type { Plan } from '../plan.js'
import type { RunSettings } from '../settings.js'
import type { StageDecision, TimelineEvent } from '../timeline.js'
import { clip, slackCode, slackText } from './hygiene.js'
import type { Release } from './index.js'
import { ICON, type StageRecord, durationSeconds, errors, ms, stageRecords } from './words.js'

export interface SlackMessage {
  text: string
  blocks: unknown[]
}

/** One function's verdict for a stage, as the rollout emitted it. */
export interface StageEnd {
  name: string
  event: Extract<TimelineEvent, { type: 'stage-end' }>
}

type Run = Pick<RunSettings, 'mode' | 'alias' | 'plan' | 'gates' | 'notify'>

/** The workflow run's page, from the runner's environment. */
export function runUrl(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const { GITHUB_SERVER_URL: server, GITHUB_REPOSITORY: repo, GITHUB_RUN_ID: id } = env
  return server && repo && id ? `${server}/${repo}/actions/runs/${id}` : undefined
}

/** The commit as "abc1234", linked to its page when the runner's environment names a plain server and repository. */
export function commitText(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const sha = env.GITHUB_SHA?.trim()
  if (!sha) return undefined
  if (!/^[0-9a-f]{7,64}$/i.test(sha)) return slackCode(clip(sha, 40))
  const short = sha.slice(0, 7)
  const { GITHUB_SERVER_URL: server, GITHUB_REPOSITORY: repo } = env
  // Only characters that cannot end or split a Slack link (no | > < & or space) reach the <url|label> form.
  const plain = server && repo && /^https?:\/\/[A-Za-z0-9.-]+(:\d{1,5})?$/.test(server) && /^[\w.-]+\/[\w.-]+$/.test(repo)
  return plain ? `<${server}/${repo}/commit/${sha}|${short}>` : `\`${short}\``
}

/** Who started the run, and who re-ran it when that was someone else. */
export function actorText(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const actor = env.GITHUB_ACTOR?.trim()
  const triggering = env.GITHUB_TRIGGERING_ACTOR?.trim()
  if (!actor) return triggering ? slackText(clip(triggering, 100)) : undefined
  const rerun = triggering && triggering !== actor ? ` (run by ${clip(triggering, 100)})` : ''
  return slackText(`${clip(actor, 100)}${rerun}`)
}

/** "demo-api:live", or "a, b (alias live, in lockstep)" as the report names a lockstep release. */
function subjectOf(names: string[], alias: string): string {
  return names.length === 1 ? `${names[0]}:${alias}` : `${names.join(', ')} (alias ${alias}, in lockstep)`
}

function versionsOf(ready: ReadyRelease[]): string {
  const [only] = ready
  if (only && ready.length === 1) return `${only.oldVersion} → ${only.newVersion}`
  return ready.map(r => `${r.name} ${r.oldVersion} → ${r.newVersion}`).join(', ')
}

/** Names shown as code spans (already escaped for Slack). */
type Codes = { codes: string }
const codes = (names: string[]): Codes => ({ codes: names.map(n => slackCode(n, 300)).join(', ') })

/** Fields every message has: raw values (escaped here) or code spans, then the environment, commit and actor. */
function facts(raw: [string, string | Codes][], run: Run, env: NodeJS.ProcessEnv): unknown {
  const escaped: [string, string][] = raw.map(([k, v]) => [k, typeof v === 'string' ? slackText(v, 1900) : v.codes])
  const commit = commitText(env)
  const actor = actorText(env)
  const more: [string, string][] = [
    ...(run.notify.environment ? ([['Environment', slackCode(run.notify.environment, 1900)]] as [string, string][]) : []),
    ...(commit ? ([['Commit', commit]] as [string, string][]) : []),
    ...(actor ? ([['Actor', actor]] as [string, string][]) : [])
  ]
  return { type: 'section', fields: [...escaped, ...more].map(([k, v]) => ({ type: 'mrkdwn', verbatim: true, text: `*${k}*\n${v}` })) }
}

function runButton(env: NodeJS.ProcessEnv): unknown[] {
  const url = runUrl(env)
  return url ? [{ type: 'actions', elements: [{ type: 'button', text: { type: 'plain_text', text: 'Open the workflow run' }, url }] }] : []
}

/** A header is plain_text: Slack shows it as it is, no mention or link can form in it. */
function header(title: string): unknown {
  return { type: 'header', text: { type: 'plain_text', text: clip(title, 150), emoji: true } }
}

function section(text: string): unknown {
  return { type: 'section', text: { type: 'mrkdwn', verbatim: true, text } }
}

/** "10% → 25% → 100%, watched 10m at 100%": the stages, shortened past eight. */
export function planWords(plan: Pick<Plan, 'stages' | 'finalBakeSeconds'>): string {
  const weights = plan.stages.map(s => formatPercent(s.weight))
  const shown = weights.length > 8 ? [...weights.slice(0, 3), '…', ...weights.slice(-2)] : weights
  const watched = plan.finalBakeSeconds > 0 ? `, watched ${formatDuration(plan.finalBakeSeconds)} at 100%` : ''
  return `${[...shown, '100%'].join(' → ')}${watched}`
}

/** Traffic is about to move: what, from which version to which, and how. */
export function slackStartMessage(ready: ReadyRelease[], run: Run, env: NodeJS.ProcessEnv = process.env): SlackMessage {
  const subject = subjectOf(
    ready.map(r => r.name),
    run.alias
  )
  const versions = versionsOf(ready)
  const manual = ready.some(r => r.manualRollback)
  const how = manual ? 'manual rollback: the alias moves to the chosen version at once' : `${run.plan.name}: ${planWords(run.plan)}`
  const blocks = [
    header(`${manual ? '⏪' : '🚀'} ${subject} ${manual ? 'manual rollback starting' : 'release starting'}`),
    section(slackText(`Traffic is about to move (version ${versions}). ${how}`)),
    facts(
      [
        [ready.length > 1 ? 'Functions' : 'Function', codes(ready.map(r => r.name))],
        ['Alias', codes([run.alias])],
        ['Version', versions],
        ['Strategy', manual ? 'manual rollback' : run.plan.name]
      ],
      run,
      env
    ),
    ...runButton(env)
  ]
  return { text: slackText(`${manual ? '⏪' : '🚀'} lambda-canary starting on ${subject} (version ${versions}): ${how}`), blocks }
}

const STAGE_ICON: Record<StageDecision, string> = { pass: '🟢', fail: '🔴', 'proceeded-without-enough-data': '🟡', 'not-judged': '⚪' }
const STAGE_WORDS: Record<StageDecision, string> = {
  pass: 'passed',
  fail: 'failed',
  'proceeded-without-enough-data': 'proceeded without enough data',
  'not-judged': 'not judged'
}
const SEVERITY: StageDecision[] = ['fail', 'proceeded-without-enough-data', 'not-judged', 'pass']

/** A stage's numbers: this stage's invocations and errors, latency since the first shift, new then old. */
export function stageNumbers(r: StageRecord, stat: string): string {
  const side = (v: StageRecord['newVersion']) => `${v.invocations} invocations, ${errors(v)}, ${stat} ${ms(v.latencyMs)}`
  return `new ${side(r.newVersion)} · old ${side(r.oldVersion)}`
}

/** "stage 1 of 2 at 10%", or "the final bake at 100%". */
function stageLabel(stage: number, weight: number, plan: Pick<Plan, 'stages'>): string {
  return weight >= 1 ? 'the final bake at 100%' : `stage ${stage} of ${plan.stages.length} at ${formatPercent(weight)}`
}

/** What follows a stage that did not fail. */
function nextWords(stage: number, weight: number, plan: Pick<Plan, 'stages'>): string {
  if (weight >= 1) return 'The release ends once its last checks are done'
  const next = plan.stages[stage]
  return next ? `Next: ${formatPercent(next.weight)}` : 'Next: 100% (promotion)'
}

/**
 * One stage's verdict, for one function or every function of a lockstep (the worst verdict heads it).
 * `mention`: the stage failed and no finish message will carry the mention.
 */
export function slackStageMessage(
  ends: StageEnd[],
  ready: ReadyRelease[],
  run: Run,
  mention: boolean,
  env: NodeJS.ProcessEnv = process.env
): SlackMessage {
  const [first] = ends
  const stage = first?.event.stage ?? 0
  const weight = first?.event.weight ?? 0
  const decision = SEVERITY.find(d => ends.some(e => e.event.decision === d)) ?? 'pass'
  const subject = subjectOf(
    ready.map(r => r.name),
    run.alias
  )
  const label = stageLabel(stage, weight, run.plan)
  const reasons = ends.flatMap(e =>
    e.event.decision === 'pass' ? [] : e.event.verdict.reasons.map(r => (ends.length > 1 ? `${e.name}: ${r}` : r))
  )
  const after = decision === 'fail' ? 'The release stops and the alias is restored' : nextWords(stage, weight, run.plan)
  const tag = mention && decision === 'fail' && run.notify.slackMention ? `${run.notify.slackMention} ` : ''
  const words = `${label[0]?.toUpperCase()}${label.slice(1)} ${STAGE_WORDS[decision]}${reasons.length > 0 ? `: ${reasons.join('; ')}` : ''}. ${after}.`
  const stat = run.gates.latencyStatistic
  const numbers = ends.flatMap(e => stageRecords([e.event]).map(r => `${ends.length > 1 ? `${e.name}: ` : ''}${stageNumbers(r, stat)}`))
  const versions = versionsOf(ready)
  const blocks: unknown[] = [
    header(`${STAGE_ICON[decision]} ${subject} ${label} ${STAGE_WORDS[decision]}`),
    section(`${tag}${slackText(words, 3000 - tag.length)}`),
    facts(
      [
        [ready.length > 1 ? 'Functions' : 'Function', codes(ready.map(r => r.name))],
        ['Alias', codes([run.alias])],
        ['Version', versions]
      ],
      run,
      env
    )
  ]
  if (numbers.length > 0)
    blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', verbatim: true, text: slackText(numbers.join('\n')) }] })
  blocks.push(...runButton(env))
  const text = `${tag}${slackText(`${STAGE_ICON[decision]} lambda-canary ${subject} (version ${versions}): ${label} ${STAGE_WORDS[decision]}`, 3000 - tag.length)}`
  return { text, blocks }
}

/** The end of the run: its result and reason; the mention when it failed or rolled back. */
export function slackMessage(release: Release, run: Run, env: NodeJS.ProcessEnv = process.env): SlackMessage {
  const { whole, outcomes } = release
  const mention = release.failed && run.notify.slackMention ? `${run.notify.slackMention} ` : ''
  const what =
    run.mode === 'rollback' ? (whole.result === 'rolled-back' ? 'manual rollback done' : `manual rollback ${whole.result}`) : whole.result
  const stages = outcomes.length === 1 && outcomes[0] ? stageRecords(outcomes[0].timeline) : []
  const deciding = stages[stages.length - 1]
  const stat = run.gates.latencyStatistic
  const numbers = deciding ? `Stage ${deciding.stage} at ${formatPercent(deciding.weight)}: ${stageNumbers(deciding, stat)}` : undefined
  const blocks: unknown[] = [
    header(`${ICON[whole.result]} ${release.subject} ${what}`),
    section(`${mention}${slackText(whole.reason, 3000 - mention.length)}`),
    facts(
      [
        [outcomes.length > 1 ? 'Functions' : 'Function', codes(outcomes.map(o => o.function.name))],
        ['Alias', codes([run.alias])],
        ['Version', `${whole.previousVersion ?? '–'} → ${whole.version ?? '–'}`],
        ['Strategy', run.mode === 'rollback' ? 'manual rollback' : run.plan.name],
        ['Result', `*${whole.result}*`],
        ['Duration', formatDuration(durationSeconds(whole))]
      ],
      run,
      env
    )
  ]
  if (numbers) blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', verbatim: true, text: slackText(numbers) }] })
  blocks.push(...runButton(env))
  // The notification's text is mrkdwn too: the headline carries the reason, escaped like the blocks.
  return { text: `${mention}${slackText(release.headline, 3000 - mention.length)}`, blocks }
}
