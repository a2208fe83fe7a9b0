// Timeline → job summary, outputs and log lines. One source of truth for all of them.
import type { Settings } from './inputs/legacy.js'
import { type Sample, errorRate } from './evidence.js'
import type { Verdict } from './judge/index.js'
import { formatDuration, formatPercent } from './parse.js'
import type { Outcome } from './rollout.js'
import { type TimelineEvent, describeAlias } from './timeline.js'

/** GITHUB_STEP_SUMMARY is capped at 1 MiB per step; stay well under it. */
const SUMMARY_LIMIT = 900 * 1024
const CHART_POINTS = 60

const ICON: Record<Outcome['result'], string> = {
  promoted: '✅',
  'rolled-back': '⏪',
  unchanged: '⏸️',
  planned: '📝',
  failed: '❌'
}

export interface StageRecord {
  stage: number
  weight: number
  startedAt: number
  endedAt: number
  decision: string
  /** This stage's counts; latency is over everything since the first shift. */
  newVersion: Sample['newVersion'] & { errorRate: number | null }
  oldVersion: Sample['oldVersion'] & { errorRate: number | null }
  /** What the judge weighed: everything since the first shift. */
  sinceFirstShift: {
    newVersion: Sample['newVersion'] & { errorRate: number | null }
    oldVersion: Sample['oldVersion'] & { errorRate: number | null }
  }
  throttles: number
  reasons: string[]
  checks: Verdict['checks']
}

export function stageRecords(timeline: TimelineEvent[]): StageRecord[] {
  return timeline.flatMap(e =>
    e.type === 'stage-end'
      ? [
          {
            stage: e.stage,
            weight: e.weight,
            startedAt: e.startedAt,
            endedAt: e.at,
            decision: e.decision,
            newVersion: {
              ...e.counts.newVersion,
              errorRate: errorRate(e.counts.newVersion) ?? null,
              latencyMs: e.sample.newVersion.latencyMs
            },
            oldVersion: {
              ...e.counts.oldVersion,
              errorRate: errorRate(e.counts.oldVersion) ?? null,
              latencyMs: e.sample.oldVersion.latencyMs
            },
            sinceFirstShift: {
              newVersion: { ...e.sample.newVersion, errorRate: errorRate(e.sample.newVersion) ?? null },
              oldVersion: { ...e.sample.oldVersion, errorRate: errorRate(e.sample.oldVersion) ?? null }
            },
            throttles: e.counts.throttles,
            reasons: e.verdict.reasons,
            checks: e.verdict.checks
          }
        ]
      : []
  )
}

/** The `timeline` output: every stage and its verdict, and the events that changed the alias. */
export function timelineJson(outcome: Outcome, settings: Settings): string {
  const iso = (t: number) => new Date(t).toISOString()
  const events = outcome.timeline.filter(e => e.type !== 'poll' && e.type !== 'stage-end').map(e => ({ ...e, at: iso(e.at) }))
  return JSON.stringify({
    result: outcome.result,
    reason: outcome.reason,
    function: settings.fn.name,
    alias: settings.alias,
    version: outcome.version ?? null,
    previousVersion: outcome.previousVersion ?? null,
    strategy: settings.plan.name,
    startedAt: iso(outcome.startedAt),
    finishedAt: iso(outcome.finishedAt),
    stages: stageRecords(outcome.timeline).map(s => ({ ...s, startedAt: iso(s.startedAt), endedAt: iso(s.endedAt) })),
    events
  })
}

export function outputs(outcome: Outcome, settings: Settings): Record<string, string> {
  return {
    result: outcome.result,
    version: outcome.version ?? '',
    'previous-version': outcome.previousVersion ?? '',
    reason: outcome.reason,
    'alias-arn': outcome.aliasArn ?? '',
    'duration-seconds': String(Math.round((outcome.finishedAt - outcome.startedAt) / 1000)),
    timeline: timelineJson(outcome, settings)
  }
}

/** The functions a run releases, as people read them. */
function subject(settings: Settings): string {
  return settings.targets.length > 1
    ? `${settings.targets.map(t => t.fn.name).join(', ')} (alias ${settings.alias}, in lockstep)`
    : `${settings.fn.name}:${settings.alias}`
}

export function headline(outcome: Outcome, settings: Settings): string {
  const target = subject(settings)
  const versions = outcome.previousVersion && outcome.version ? ` (version ${outcome.previousVersion} → ${outcome.version})` : ''
  return `${ICON[outcome.result]} lambda-canary ${outcome.result} on ${target}${versions}: ${outcome.reason}`
}

export function summaryMarkdown(outcome: Outcome, settings: Settings): string {
  const lines: string[] = []
  lines.push(`## ${headline(outcome, settings)}`, '')
  lines.push(
    '| Function | Alias | Old → new | Strategy | Result | Duration |',
    '| --- | --- | --- | --- | --- | --- |',
    `| \`${settings.fn.name}\` | \`${settings.alias}\` | ${outcome.previousVersion ?? '–'} → ${outcome.version ?? '–'} | ${escapeMarkdown(settings.plan.name)} | **${outcome.result}** | ${formatDuration(Math.round((outcome.finishedAt - outcome.startedAt) / 1000))} |`,
    ''
  )

  const stages = stageRecords(outcome.timeline)
  if (stages.length > 0) {
    const stat = settings.gates.latencyStatistic
    lines.push('### Stages', '')
    lines.push(
      `| Stage | Weight | Time | New: invocations | New: errors | New: ${stat}¹ | Old: invocations | Old: errors | Old: ${stat}¹ | Throttles | Enough data | Verdict |`,
      '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |'
    )
    for (const s of stages) {
      lines.push(
        `| ${s.stage} | ${formatPercent(s.weight)} | ${formatDuration(Math.round((s.endedAt - s.startedAt) / 1000))} | ${s.newVersion.invocations} | ${errors(s.newVersion)} | ${ms(s.newVersion.latencyMs)} | ${s.oldVersion.invocations} | ${errors(s.oldVersion)} | ${ms(s.oldVersion.latencyMs)} | ${s.throttles} | ${enoughWords(s.checks)} | ${verdictWords(s.decision, s.reasons)} |`
      )
    }
    lines.push('', `¹ over everything since the first shift, as the gates judge it; invocations and errors are the stage's own.`, '')
    const deciding = stages[stages.length - 1] as StageRecord
    lines.push(`**Gates in stage ${deciding.stage}** (on everything since the first shift):`, '')
    for (const c of deciding.checks) {
      lines.push(
        `- ${c.status === 'pass' ? '✅' : c.status === 'fail' ? '❌' : '❔'} ${c.gate}: ${escapeMarkdown(c.observed)} (limit ${escapeMarkdown(c.limit)})${c.enoughData ? '' : ` — not enough data to decide: needs ${escapeMarkdown(c.needs ?? 'more data')}`}`
      )
    }
    lines.push('')
    const chart = mermaidChart(outcome)
    if (chart) lines.push('### Traffic and error rate of the new version', '', chart, '')
  }

  const preflight = outcome.timeline.find(e => e.type === 'preflight')
  if (preflight?.type === 'preflight' && preflight.findings.length > 0) {
    lines.push('### Preflight', '')
    for (const f of preflight.findings)
      lines.push(`- ${f.level === 'ok' ? '✅' : f.level === 'warning' ? '⚠️' : '❌'} ${escapeMarkdown(f.message)}`)
    lines.push('')
  }

  const checks = outcome.timeline.filter(e => e.type === 'smoke' || e.type === 'hook')
  if (checks.length > 0) {
    lines.push('### Smoke test and hooks', '')
    for (const e of checks)
      lines.push(`- ${e.type === 'smoke' || e.type === 'hook' ? (e.ok ? '✅' : '❌') : ''} ${escapeMarkdown(logLine(e, settings) ?? '')}`)
    lines.push('')
  }

  const notable = outcome.timeline.filter(
    e => e.type === 'restore' || e.type === 'conflict' || e.type === 'split-restored' || e.type === 'manual-rollback'
  )
  if (notable.length > 0) {
    lines.push('### What happened to the alias', '')
    for (const e of notable) lines.push(`- ${escapeMarkdown(logLine(e, settings) ?? '')}`)
    lines.push('')
  }

  if (outcome.restoreCommand) {
    lines.push('### ⚠️ The alias is NOT restored', '', 'Run this to put it back:', '', '```sh', outcome.restoreCommand, '```', '')
  }

  if (isFailure(outcome, settings)) {
    lines.push('### Where to look', '')
    const region = settings.region ?? 'us-east-1'
    const console = `https://${region}.console.aws.amazon.com`
    lines.push(
      `- Alias in the Lambda console: ${console}/lambda/home?region=${region}#/functions/${settings.fn.name}/aliases/${settings.alias}`,
      `- Version ${outcome.version ?? ''} logs: ${console}/cloudwatch/home?region=${region}#logsV2:log-groups/log-group/$252Faws$252Flambda$252F${settings.fn.name}`,
      `- Metrics: AWS/Lambda Errors, Invocations, Duration with dimensions FunctionName=${settings.fn.name}, Resource=${settings.fn.name}:${settings.alias}, ExecutedVersion=${outcome.version ?? 'N'}`,
      `- From a shell: \`aws lambda get-alias --function-name ${settings.fn.name} --name ${settings.alias}${settings.region ? ` --region ${settings.region}` : ''}\``,
      ''
    )
  }

  let text = lines.join('\n')
  if (text.length > SUMMARY_LIMIT) text = `${text.slice(0, SUMMARY_LIMIT)}\n\n… (summary truncated to stay under GitHub's 1 MiB limit)\n`
  return text
}

/** A Mermaid xychart-beta of the traffic weight and the new version's error rate at each poll. */
export function mermaidChart(outcome: Outcome): string | undefined {
  const polls = outcome.timeline.filter(e => e.type === 'poll')
  if (polls.length === 0) return undefined
  const step = Math.ceil(polls.length / CHART_POINTS)
  const points = polls.filter((_, i) => i % step === 0 || i === polls.length - 1)
  const x: string[] = []
  const weight: number[] = []
  const rate: number[] = []
  for (const p of points) {
    if (p.type !== 'poll') continue
    x.push(`"${formatDuration(Math.round((p.at - outcome.startedAt) / 1000))}"`)
    weight.push(round2(p.weight * 100))
    rate.push(round2((errorRate(p.counts.newVersion) ?? 0) * 100))
  }
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

/** One log line per event worth a line; polls are the progress lines of a bake. */
export function logLine(e: TimelineEvent, settings: Settings): string | undefined {
  switch (e.type) {
    case 'preflight':
      return e.findings.map(f => `${f.level === 'ok' ? 'ok' : f.level}: ${f.message}`).join('\n')
    case 'split-restored':
      return `restored the split alias from ${describeAlias(e.from)} to ${describeAlias(e.to)}`
    case 'published':
      return `published version ${e.version} (CodeSha256 ${e.codeSha256})`
    case 'shift':
      return `stage ${e.stage}: alias "${settings.alias}" now sends ${formatPercent(e.weight)} to the new version (${describeAlias(e.alias)}, RevisionId ${e.alias.revisionId})`
    case 'poll': {
      const n = e.counts.newVersion
      const o = e.counts.oldVersion
      const stat = settings.gates.latencyStatistic
      return (
        `[stage ${e.stage} · ${formatPercent(e.weight)}] ${new Date(e.at).toISOString().slice(11, 19)} ` +
        `new: ${n.invocations} inv, ${errors(n)}, ${stat} ${ms(e.sample.newVersion.latencyMs)} | old: ${o.invocations} inv, ${errors(o)}, ${stat} ${ms(e.sample.oldVersion.latencyMs)}` +
        `${e.counts.throttles ? ` | throttles ${e.counts.throttles}` : ''} → ${e.verdict.status}${e.verdict.reasons.length ? ` (${e.verdict.reasons.join('; ')})` : ''}`
      )
    }
    case 'metrics-error':
      return `metrics read failed (${e.consecutive} in a row): ${e.message}`
    case 'stage-end':
      return `stage ${e.stage} (${formatPercent(e.weight)}) ended: ${verdictWords(e.decision, e.verdict.reasons).replace(/\*\*/g, '')}`
    case 'promote':
      return `promoted: alias "${settings.alias}" now points at ${describeAlias(e.alias)}`
    case 'restore':
      return e.ok
        ? `restored: alias "${settings.alias}" points at ${describeAlias(e.alias as NonNullable<typeof e.alias>)} again (${e.reason})`
        : `restore FAILED (${e.error}); reason for the restore: ${e.reason}`
    case 'conflict':
      return `conflict: expected RevisionId ${e.expectedRevisionId} (${describeAlias(e.ours)}), found ${e.theirs ? `${describeAlias(e.theirs)} (RevisionId ${e.theirs.revisionId})` : 'an unreadable alias'}; ${e.action}`
    case 'retry':
      return `retrying "${e.what}" (attempt ${e.attempt} failed: ${e.error})`
    case 'manual-rollback':
      return `manual rollback: alias "${settings.alias}" moved from version ${e.from} to ${describeAlias(e.alias)}`
    case 'smoke':
      return `smoke test ${e.invocation}/${e.of} of the new version: ${e.ok ? 'passed' : 'FAILED'} (${e.detail})`
    case 'hook':
      return `${e.hook} hook "${e.functionName}": ${e.ok ? 'passed' : 'FAILED'} (${e.detail})`
  }
}

/** The workflow run's page, from the runner's environment. */
export function runUrl(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const { GITHUB_SERVER_URL: server, GITHUB_REPOSITORY: repo, GITHUB_RUN_ID: id } = env
  return server && repo && id ? `${server}/${repo}/actions/runs/${id}` : undefined
}

/** One Slack Block Kit message for the run, built from the same timeline as the summary. */
export function slackMessage(
  outcome: Outcome,
  settings: Settings,
  env: NodeJS.ProcessEnv = process.env
): { text: string; blocks: unknown[] } {
  const failed = isFailure(outcome, settings)
  const mention = failed && settings.notify.slackMention ? `${settings.notify.slackMention} ` : ''
  const what =
    settings.mode === 'rollback'
      ? outcome.result === 'rolled-back'
        ? 'manual rollback done'
        : `manual rollback ${outcome.result}`
      : outcome.result
  const title = `${ICON[outcome.result]} ${subject(settings)} ${what}`.slice(0, 150)
  const versions = `${outcome.previousVersion ?? '–'} → ${outcome.version ?? '–'}`
  const fields = [
    [settings.targets.length > 1 ? 'Functions' : 'Function', settings.targets.map(t => `\`${t.fn.name}\``).join(', ')],
    ['Alias', `\`${settings.alias}\``],
    ['Version', versions],
    ['Strategy', settings.mode === 'rollback' ? 'manual rollback' : settings.plan.name],
    ['Result', `*${outcome.result}*`],
    ['Duration', formatDuration(Math.round((outcome.finishedAt - outcome.startedAt) / 1000))]
  ]
  const stages = stageRecords(outcome.timeline)
  const deciding = stages[stages.length - 1]
  const numbers = deciding
    ? `Stage ${deciding.stage} at ${formatPercent(deciding.weight)}: new ${deciding.newVersion.invocations} invocations, ${errors(deciding.newVersion)}, ${settings.gates.latencyStatistic} ${ms(deciding.newVersion.latencyMs)} · old ${deciding.oldVersion.invocations} invocations, ${errors(deciding.oldVersion)}, ${settings.gates.latencyStatistic} ${ms(deciding.oldVersion.latencyMs)}`
    : undefined
  const url = runUrl(env)
  const blocks: unknown[] = [
    { type: 'header', text: { type: 'plain_text', text: title, emoji: true } },
    { type: 'section', text: { type: 'mrkdwn', text: `${mention}${slackEscape(outcome.reason)}`.slice(0, 3000) } },
    { type: 'section', fields: fields.map(([k, v]) => ({ type: 'mrkdwn', text: `*${k}*\n${slackEscape(v as string)}` })) }
  ]
  if (numbers) blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: slackEscape(numbers) }] })
  if (url)
    blocks.push({ type: 'actions', elements: [{ type: 'button', text: { type: 'plain_text', text: 'Open the workflow run' }, url }] })
  return { text: `${mention}${headline(outcome, settings)}`.slice(0, 3000), blocks }
}

/** Slack's mrkdwn needs &, < and > escaped; mentions are added around it, never through it. */
function slackEscape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
}

/** A deployment that rolled back failed; a manual rollback that rolled back did what it was asked. */
export function isFailure(outcome: Outcome, settings: Settings): boolean {
  return outcome.result === 'failed' || (outcome.result === 'rolled-back' && settings.mode !== 'rollback')
}

/** "yes" when every gate had the evidence it needs; otherwise which gates did not (pending or undecided). */
function enoughWords(checks: Verdict['checks']): string {
  const short = checks.filter(c => !c.enoughData).map(c => c.gate)
  return short.length === 0 ? 'yes' : `**no**: ${short.join(', ')}`
}

function verdictWords(decision: string, reasons: string[]): string {
  switch (decision) {
    case 'pass':
      return 'passed'
    case 'proceeded-without-enough-data':
      return `proceeded **without enough data** (${escapeMarkdown(reasons.join('; '))})`
    case 'cancelled':
      return 'cancelled'
    default:
      return `**failed**: ${escapeMarkdown(reasons.join('; '))}`
  }
}

function errors(v: { invocations: number; errors: number }): string {
  const rate = errorRate(v)
  return rate === undefined ? `${v.errors} err` : `${v.errors} err (${formatPercent(rate)})`
}

function ms(v: number | undefined): string {
  return v === undefined ? '–' : `${Math.round(v)} ms`
}

function round2(n: number): number {
  return Math.round(n * 100) / 100
}

function escapeMarkdown(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/</g, '&lt;')
}

// ── several functions in lockstep ─────────────────────────────────────────────────────────────

/** One outcome for a lockstep release: promoted only if every function was. */
export function combineOutcomes(outcomes: Outcome[], settingsList: Settings[]): Outcome {
  const named = outcomes.map((o, i) => ({ o, name: (settingsList[i] as Settings).fn.name }))
  const has = (r: Outcome['result']) => outcomes.some(o => o.result === r)
  const result: Outcome['result'] = has('failed')
    ? 'failed'
    : has('rolled-back')
      ? 'rolled-back'
      : outcomes.every(o => o.result === 'unchanged')
        ? 'unchanged'
        : has('planned')
          ? 'planned'
          : 'promoted'
  // The function that broke the lockstep explains it; the others only say they followed.
  const deciding = named.find(
    n =>
      (n.o.result === 'failed' || n.o.result === 'rolled-back') &&
      !n.o.reason.startsWith('restored with the other') &&
      !n.o.reason.startsWith('nothing was shifted:')
  )
  const reason =
    result === 'promoted'
      ? `${outcomes.length} functions promoted together: ${named.map(n => `${n.name} ${n.o.previousVersion ?? '?'} → ${n.o.version ?? '?'}`).join(', ')}`
      : deciding
        ? `${deciding.name}: ${deciding.o.reason}; ${result === 'failed' ? 'the other functions stopped' : 'every function was restored'} (${named
            .filter(n => n !== deciding)
            .map(n => `${n.name}: ${n.o.result}`)
            .join(', ')})`
        : named.map(n => `${n.name}: ${n.o.reason}`).join('; ')
  const list = (pick: (o: Outcome) => string | undefined) => named.map(n => `${n.name}=${pick(n.o) ?? ''}`).join(',')
  const restoreCommands = outcomes.map(o => o.restoreCommand).filter((c): c is string => c !== undefined)
  return {
    result,
    reason,
    version: list(o => o.version),
    previousVersion: list(o => o.previousVersion),
    aliasArn: outcomes.map(o => o.aliasArn ?? '').join(','),
    startedAt: Math.min(...outcomes.map(o => o.startedAt)),
    finishedAt: Math.max(...outcomes.map(o => o.finishedAt)),
    timeline: [],
    ...(restoreCommands.length > 0 ? { restoreCommand: restoreCommands.join('\n') } : {})
  }
}

export function lockstepOutputs(outcomes: Outcome[], settingsList: Settings[], combined: Outcome): Record<string, string> {
  const first = settingsList[0] as Settings
  return {
    ...outputs(combined, first),
    timeline: JSON.stringify({
      result: combined.result,
      reason: combined.reason,
      functions: outcomes.map((o, i) => JSON.parse(timelineJson(o, settingsList[i] as Settings)) as unknown)
    })
  }
}

/** The summary of a lockstep release: one table with a row per function per stage. */
export function lockstepSummary(outcomes: Outcome[], settingsList: Settings[], combined: Outcome): string {
  const first = settingsList[0] as Settings
  const names = settingsList.map(s => s.fn.name)
  const lines = [
    `## ${ICON[combined.result]} lambda-canary ${combined.result} on ${names.join(', ')} (alias ${first.alias}, in lockstep): ${combined.reason}`,
    '',
    '| Function | Old → new | Result | Reason |',
    '| --- | --- | --- | --- |',
    ...outcomes.map(
      (o, i) => `| \`${names[i]}\` | ${o.previousVersion ?? '–'} → ${o.version ?? '–'} | **${o.result}** | ${escapeMarkdown(o.reason)} |`
    ),
    ''
  ]
  const stat = first.gates.latencyStatistic
  const rows = outcomes.flatMap((o, i) => stageRecords(o.timeline).map(r => ({ r, name: names[i] as string })))
  if (rows.length > 0) {
    lines.push(
      '### Stages',
      '',
      `| Stage | Function | Weight | New: invocations | New: errors | New: ${stat}¹ | Old: invocations | Old: errors | Old: ${stat}¹ | Enough data | Verdict |`,
      '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |'
    )
    rows.sort((a, b) => a.r.stage - b.r.stage || names.indexOf(a.name) - names.indexOf(b.name))
    for (const { r, name } of rows) {
      lines.push(
        `| ${r.stage} | \`${name}\` | ${formatPercent(r.weight)} | ${r.newVersion.invocations} | ${errors(r.newVersion)} | ${ms(r.newVersion.latencyMs)} | ${r.oldVersion.invocations} | ${errors(r.oldVersion)} | ${ms(r.oldVersion.latencyMs)} | ${enoughWords(r.checks)} | ${verdictWords(r.decision, r.reasons)} |`
      )
    }
    lines.push('', '¹ over everything since the first shift, as the gates judge it.', '')
  }
  if (combined.restoreCommand)
    lines.push('### ⚠️ Not every alias is restored', '', 'Run this to put them back:', '', '```sh', combined.restoreCommand, '```', '')
  for (const [i, o] of outcomes.entries()) {
    const preflight = o.timeline.find(e => e.type === 'preflight')
    if (preflight?.type !== 'preflight') continue
    lines.push(`### Preflight of \`${names[i]}\``, '')
    for (const f of preflight.findings)
      lines.push(`- ${f.level === 'ok' ? '✅' : f.level === 'warning' ? '⚠️' : '❌'} ${escapeMarkdown(f.message)}`)
    lines.push('')
  }
  const text = lines.join('\n')
  return text.length > SUMMARY_LIMIT
    ? `${text.slice(0, SUMMARY_LIMIT)}\n\n… (summary truncated to stay under GitHub's 1 MiB limit)\n`
    : text
}
