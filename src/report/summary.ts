// The job summary of one function's run: result and reason first (the only place the reason is said), the
// stages, the gates, the charts, the preflight, the checks before traffic, what happened to the alias and where
// to look. A manual rollback has its own short summary; the post step's restore has one too.
import { formatDuration, formatPercent } from '../parse.js'
import type { Checkpoint } from '../ports.js'
import type { Recovery } from '../recover.js'
import { restoreCommand } from '../rollout/guarded-alias.js'
import { type Outcome, isFailure } from '../rollout/outcome.js'
import type { RunSettings } from '../settings.js'
import { type Finding, type TimelineEvent, describeAlias } from '../timeline.js'
import { mermaidChart } from './chart.js'
import { markdownText as md } from './hygiene.js'
import { eventLine } from './log.js'
import {
  MARKDOWN,
  type StageRecord,
  durationSeconds,
  enoughWords,
  errors,
  gateWords,
  headlineOf,
  ms,
  PASSING_MARK,
  passingNote,
  stageRecords,
  stageVerdictWords
} from './words.js'

export { mermaidChart } from './chart.js'

/** GITHUB_STEP_SUMMARY takes at most 1 MiB per step (bytes, not characters); stay well under it. */
export const SUMMARY_LIMIT = 900 * 1024

/** `env`: the runner's variables, for who asked for a manual rollback. */
export function summaryMarkdown(outcome: Outcome, run: RunSettings, env: NodeJS.ProcessEnv = process.env): string {
  if (outcome.mode === 'rollback') return manualRollbackSummary(outcome, run, env)
  const lines: string[] = []
  lines.push(`## ${headlineOf(outcome, `${outcome.function.name}:${outcome.alias}`, md)}`, '')
  lines.push(
    '| Function | Alias | Old → new | Strategy | Result | Duration |',
    '| --- | --- | --- | --- | --- | --- |',
    `| \`${outcome.function.name}\` | \`${outcome.alias}\` | ${md(outcome.previousVersion ?? '–')} → ${md(outcome.version ?? '–')} | ${md(outcome.strategy.name)} | **${outcome.result}** | ${formatDuration(durationSeconds(outcome))} |`,
    ''
  )
  lines.push(...stagesSection(outcome, run))
  lines.push(...preflightSection(outcome), ...checksSection(outcome.timeline, run))
  const notable = outcome.timeline.filter(e => e.type === 'restore' || e.type === 'conflict' || e.type === 'split-restored')
  if (notable.length > 0) {
    lines.push('### What happened to the alias', '')
    for (const e of notable) lines.push(`- ${aliasEventLine(e, run)}`)
    lines.push('')
  }
  if (outcome.restoreCommand) {
    lines.push('### ⚠️ The alias is NOT restored', '', 'Run this to put it back:', '', '```sh', outcome.restoreCommand, '```', '')
  }
  if (isFailure(outcome)) lines.push(...whereToLook(outcome, run))
  return capped(lines.join('\n'))
}

/** A restore without its reason (the summary's first line has it); the other alias events as the log says them. */
function aliasEventLine(e: TimelineEvent, run: RunSettings): string {
  if (e.type !== 'restore') return eventLine(e, run, MARKDOWN)
  if (e.ok && e.alias) return `restored: alias "${run.alias}" points at ${describeAlias(e.alias)} again`
  return `restore FAILED: ${md(e.error ?? 'unknown error')}${e.alias ? `; the alias reads ${describeAlias(e.alias)}` : ''}`
}

/** The preflight's findings; the one that stopped the run points to the first line, which says it already. */
function preflightSection(outcome: Pick<Outcome, 'timeline' | 'reason'>): string[] {
  const preflight = outcome.timeline.find(e => e.type === 'preflight')
  if (preflight?.type !== 'preflight' || preflight.findings.length === 0) return []
  const said = (f: Finding) => f.level === 'error' && f.message !== '' && outcome.reason.startsWith(f.message)
  const lines = preflight.findings.flatMap(f => (said(f) ? ['- ❌ the reason at the top'] : findingLines([f])))
  return ['### Preflight', '', ...lines, '']
}

function checksSection(timeline: TimelineEvent[], run: RunSettings): string[] {
  const checks = timeline.filter(e => e.type === 'smoke' || e.type === 'hook')
  if (checks.length === 0) return []
  return ['### Smoke test and hooks', '', ...checks.map(e => `- ${'ok' in e && e.ok ? '✅' : '❌'} ${eventLine(e, run, MARKDOWN)}`), '']
}

export function findingLines(findings: Finding[]): string[] {
  return findings.map(f => `- ${f.level === 'ok' ? '✅' : f.level === 'warning' ? '⚠️' : '❌'} ${md(f.message)}`)
}

export const TRUNCATED_NOTE =
  "**… summary truncated to stay under GitHub's 1 MiB limit.** The whole timeline is in the file named by the `timeline-file` output."

/** The summary within SUMMARY_LIMIT bytes: cut at a line, an open code block closed, and a note that says so. */
export function capped(text: string): string {
  if (Buffer.byteLength(text) <= SUMMARY_LIMIT) return text
  const room = SUMMARY_LIMIT - Buffer.byteLength(TRUNCATED_NOTE) - 16
  const head = Buffer.from(text).subarray(0, room).toString('utf8')
  const lines = head.slice(0, Math.max(0, head.lastIndexOf('\n'))).split('\n')
  const fences = lines.filter(l => l.startsWith('```')).length
  return `${lines.join('\n')}\n${fences % 2 === 1 ? '```\n' : ''}\n${TRUNCATED_NOTE}\n`
}

function stagesSection(outcome: Outcome, run: RunSettings): string[] {
  const stages = stageRecords(outcome.timeline)
  if (stages.length === 0) return []
  const stat = run.gates.latencyStatistic
  const lines = [
    '### Stages',
    '',
    `| Stage | Weight | Time | New: invocations | New: errors | New: ${stat}¹ | Old: invocations | Old: errors | Old: ${stat}¹ | Throttles | Enough data | Verdict |`,
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |'
  ]
  for (const s of stages) {
    lines.push(
      `| ${s.stage} | ${formatPercent(s.weight)} | ${formatDuration(Math.round((s.endedAt - s.startedAt) / 1000))} | ${s.newVersion.invocations} | ${errors(s.newVersion)} | ${ms(s.newVersion.latencyMs)} | ${s.oldVersion.invocations} | ${errors(s.oldVersion)} | ${ms(s.oldVersion.latencyMs)} | ${s.throttles} | ${enoughWords(s.checks)} | ${stageVerdictWords(s)} |`
    )
  }
  lines.push('', `¹ over everything since the first shift, as the gates judge it; invocations and errors are the stage's own.`, '')
  const deciding = stages.at(-1)
  const gates = deciding ? gateLines(deciding) : []
  // Wherever the mark shows (a stage's verdict, or one gate of a stage that failed on another), its note does too.
  if ([...lines, ...gates].some(l => l.includes(PASSING_MARK))) lines.push(passingNote(run.gates.confidence), '')
  lines.push(...gates)
  const chart = mermaidChart(outcome)
  if (chart) lines.push('### Traffic and error rates over time', '', chart, '')
  return lines
}

/** The gates of the stage that decided, with what each observed and its verdict in words. */
function gateLines(deciding: StageRecord): string[] {
  const lines = [`**Gates in stage ${deciding.stage}** (on everything since the first shift):`, '']
  for (const c of deciding.checks) {
    const { icon, words } = gateWords(c)
    lines.push(`- ${icon} ${md(c.gate)}: ${md(c.observed)} (limit ${md(c.limit)}) — ${words}`)
  }
  lines.push('')
  return lines
}

function whereToLook(outcome: Outcome, run: RunSettings): string[] {
  const name = outcome.function.name
  const region = run.region ?? 'us-east-1'
  const console = `https://${region}.console.aws.amazon.com`
  return [
    '### Where to look',
    '',
    `- Alias in the Lambda console: ${console}/lambda/home?region=${region}#/functions/${name}/aliases/${outcome.alias}`,
    `- ${outcome.version ? `Version ${outcome.version} logs` : 'Logs'}: ${console}/cloudwatch/home?region=${region}#logsV2:log-groups/log-group/$252Faws$252Flambda$252F${name}`,
    `- Metrics: AWS/Lambda Errors, Invocations, Duration with dimensions FunctionName=${name}, Resource=${name}:${outcome.alias}, ExecutedVersion=${outcome.version ?? 'N'}`,
    `- From a shell: \`aws lambda get-alias --function-name ${name} --name ${outcome.alias}${run.region ? ` --region ${run.region}` : ''}\``,
    ''
  ]
}

/**
 * mode: rollback — no strategy, stages or gates: which versions, who asked, how to undo it. The reason is said
 * once, in the first line.
 */
function manualRollbackSummary(outcome: Outcome, run: RunSettings, env: NodeJS.ProcessEnv): string {
  const from = outcome.previousVersion
  const to = outcome.version
  const lines = [
    `## ${headlineOf(outcome, `${outcome.function.name}:${outcome.alias}`, md)}`,
    '',
    '| Function | Alias | From → to | Asked by | Result | Duration |',
    '| --- | --- | --- | --- | --- | --- |',
    `| \`${outcome.function.name}\` | \`${outcome.alias}\` | ${md(from ?? '–')} → ${md(to ?? '–')} | ${askedBy(env)} | **${outcome.result}** | ${formatDuration(durationSeconds(outcome))} |`,
    ''
  ]
  if (outcome.result === 'rolled-back' && from) {
    const undo = restoreCommand({ functionId: outcome.function.id, alias: outcome.alias, region: run.region }, from)
    lines.push(
      '### To undo it',
      '',
      `Run this workflow again with \`rollback-to: ${md(from)}\` (it records the move in the alias's description), or from a shell:`,
      '',
      '```sh',
      undo,
      '```',
      ''
    )
  }
  if (outcome.restoreCommand) {
    lines.push('### ⚠️ The rollback is NOT done', '', 'Run this to roll back by hand:', '', '```sh', outcome.restoreCommand, '```', '')
  }
  lines.push(...checksSection(outcome.timeline, run), ...preflightSection(outcome))
  return capped(lines.join('\n'))
}

/** Who started the run and from which workflow, from the runner's variables (text from outside: escaped). */
function askedBy(env: NodeJS.ProcessEnv): string {
  const actor = env.GITHUB_TRIGGERING_ACTOR || env.GITHUB_ACTOR
  const workflow = env.GITHUB_WORKFLOW
  const event = env.GITHUB_EVENT_NAME
  const parts = [
    actor ? md(actor) : undefined,
    workflow ? `workflow "${md(workflow)}"${event ? ` (${md(event)})` : ''}` : event ? md(event) : undefined
  ].filter(Boolean)
  return parts.length > 0 ? parts.join(', ') : 'this run (no GitHub context)'
}

/** What the post step found and did for one function whose deployment did not finish. */
export interface RecoveryReport {
  checkpoint: Pick<Checkpoint, 'functionId' | 'alias' | 'oldVersion' | 'newVersion'>
  recovery: Recovery
}

/**
 * The post step's summary when it restored an alias, left one alone or could not restore it: what it found, what
 * it did, and the command when it failed. Undefined when it had nothing to do.
 */
export function recoverySummary(reports: RecoveryReport[]): string | undefined {
  const shown = reports.filter(r => r.recovery.action !== 'nothing')
  if (shown.length === 0) return undefined
  const failed = shown.some(r => r.recovery.action === 'failed')
  const restored = shown.every(r => r.recovery.action === 'restored')
  const subjects = shown.map(r => `${md(r.checkpoint.functionId)}:${md(r.checkpoint.alias)}`).join(', ')
  const lines = [
    `## ${failed ? '❌' : restored ? '⏪' : '⚠️'} lambda-canary post step on ${subjects}: ${failed ? 'an alias is NOT restored' : restored ? 'alias restored' : 'alias left as it is'}`,
    '',
    'The main step did not finish its deployment (the workflow was cancelled, the job timed out or the step was killed); this post step checked what it left.',
    ''
  ]
  for (const { checkpoint: cp, recovery } of shown) {
    lines.push(
      ...(shown.length > 1 ? [`### ${md(cp.functionId)}`, ''] : []),
      `- **Found**: the release of version ${md(cp.newVersion)} over version ${md(cp.oldVersion)} on alias "${md(cp.alias)}" unfinished (from the main step's saved state).`,
      `- **Did**: ${md(recovery.message)}.`,
      ''
    )
    if (recovery.action === 'failed' && recovery.command)
      lines.push('Run this to put the alias back:', '', '```sh', recovery.command, '```', '')
  }
  return capped(lines.join('\n'))
}
