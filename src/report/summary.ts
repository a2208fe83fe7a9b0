// The job summary of one function's run: result and reason first, the stages, the gates, a chart,
// the preflight, the checks before traffic, what happened to the alias and where to look.
import { errorRate } from '../evidence.js'
import { formatDuration, formatPercent } from '../parse.js'
import { type Outcome, isFailure } from '../rollout/outcome.js'
import type { RunSettings } from '../settings.js'
import type { Finding } from '../timeline.js'
import { markdownText as md } from './hygiene.js'
import { eventLine } from './log.js'
import { MARKDOWN, type StageRecord, durationSeconds, enoughWords, errors, headlineOf, ms, stageRecords, verdictWords } from './words.js'

/** GITHUB_STEP_SUMMARY takes at most 1 MiB per step (bytes, not characters); stay well under it. */
export const SUMMARY_LIMIT = 900 * 1024
const CHART_POINTS = 60

export function summaryMarkdown(outcome: Outcome, run: RunSettings): string {
  const lines: string[] = []
  lines.push(`## ${headlineOf(outcome, `${outcome.function.name}:${outcome.alias}`, md)}`, '')
  lines.push(
    '| Function | Alias | Old → new | Strategy | Result | Duration |',
    '| --- | --- | --- | --- | --- | --- |',
    `| \`${outcome.function.name}\` | \`${outcome.alias}\` | ${md(outcome.previousVersion ?? '–')} → ${md(outcome.version ?? '–')} | ${md(outcome.strategy.name)} | **${outcome.result}** | ${formatDuration(durationSeconds(outcome))} |`,
    ''
  )
  lines.push(...stagesSection(outcome, run))
  const preflight = outcome.timeline.find(e => e.type === 'preflight')
  if (preflight?.type === 'preflight' && preflight.findings.length > 0)
    lines.push('### Preflight', '', ...findingLines(preflight.findings), '')
  const checks = outcome.timeline.filter(e => e.type === 'smoke' || e.type === 'hook')
  if (checks.length > 0) {
    lines.push('### Smoke test and hooks', '')
    for (const e of checks) lines.push(`- ${e.ok ? '✅' : '❌'} ${eventLine(e, run, MARKDOWN)}`)
    lines.push('')
  }
  const notable = outcome.timeline.filter(
    e => e.type === 'restore' || e.type === 'conflict' || e.type === 'split-restored' || e.type === 'manual-rollback'
  )
  if (notable.length > 0) {
    lines.push('### What happened to the alias', '')
    for (const e of notable) lines.push(`- ${eventLine(e, run, MARKDOWN)}`)
    lines.push('')
  }
  if (outcome.restoreCommand) {
    lines.push('### ⚠️ The alias is NOT restored', '', 'Run this to put it back:', '', '```sh', outcome.restoreCommand, '```', '')
  }
  if (isFailure(outcome)) lines.push(...whereToLook(outcome, run))
  return capped(lines.join('\n'))
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
      `| ${s.stage} | ${formatPercent(s.weight)} | ${formatDuration(Math.round((s.endedAt - s.startedAt) / 1000))} | ${s.newVersion.invocations} | ${errors(s.newVersion)} | ${ms(s.newVersion.latencyMs)} | ${s.oldVersion.invocations} | ${errors(s.oldVersion)} | ${ms(s.oldVersion.latencyMs)} | ${s.throttles} | ${enoughWords(s.checks)} | ${verdictWords(s.decision, s.reasons)} |`
    )
  }
  lines.push('', `¹ over everything since the first shift, as the gates judge it; invocations and errors are the stage's own.`, '')
  const deciding = stages.at(-1)
  if (deciding) lines.push(...gateLines(deciding))
  const chart = mermaidChart(outcome)
  if (chart) lines.push('### Traffic and error rate of the new version', '', chart, '')
  return lines
}

/** The gates of the stage that decided, with what each observed. */
function gateLines(deciding: StageRecord): string[] {
  const lines = [`**Gates in stage ${deciding.stage}** (on everything since the first shift):`, '']
  for (const c of deciding.checks) {
    lines.push(
      `- ${c.status === 'pass' ? '✅' : c.status === 'fail' ? '❌' : '❔'} ${md(c.gate)}: ${md(c.observed)} (limit ${md(c.limit)})${c.enoughData ? '' : c.unreachable ? ` — not judged at this traffic: needs ${md(c.needs ?? 'more data')}, more than the stage's traffic can bring (it fails only gross regressions)` : ` — not enough data to decide: needs ${md(c.needs ?? 'more data')}`}`
    )
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
    `- Version ${outcome.version ?? ''} logs: ${console}/cloudwatch/home?region=${region}#logsV2:log-groups/log-group/$252Faws$252Flambda$252F${name}`,
    `- Metrics: AWS/Lambda Errors, Invocations, Duration with dimensions FunctionName=${name}, Resource=${name}:${outcome.alias}, ExecutedVersion=${outcome.version ?? 'N'}`,
    `- From a shell: \`aws lambda get-alias --function-name ${name} --name ${outcome.alias}${run.region ? ` --region ${run.region}` : ''}\``,
    ''
  ]
}

/** A Mermaid xychart-beta of the traffic weight and the new version's error rate at each poll. */
export function mermaidChart(outcome: Outcome): string | undefined {
  const polls = outcome.timeline.flatMap(e => (e.type === 'poll' ? [e] : []))
  if (polls.length === 0) return undefined
  const step = Math.ceil(polls.length / CHART_POINTS)
  const points = polls.filter((_, i) => i % step === 0 || i === polls.length - 1)
  const x = points.map(p => `"${formatDuration(Math.round((p.at - outcome.startedAt) / 1000))}"`)
  const weight = points.map(p => round2(p.weight * 100))
  const rate = points.map(p => round2((errorRate(p.counts.newVersion) ?? 0) * 100))
  return [
    '```mermaid',
    'xychart-beta',
    '  title "Traffic to the new version (bars, %) and its error rate (line, %)"',
    `  x-axis [${x.join(', ')}]`,
    '  y-axis "percent" 0 --> 100',
    `  bar [${weight.join(', ')}]`,
    `  line [${rate.join(', ')}]`,
    '```'
  ].join('\n')
}

function round2(n: number): number {
  return Math.round(n * 100) / 100
}
