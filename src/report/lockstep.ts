// Several functions released in lockstep: one result for the release, one set of outputs, one summary
// with a row per function per stage. Who stopped the release is read from the outcomes' causes.
import { formatPercent } from '../parse.js'
import { type Outcome, stoppedTheRelease } from '../rollout/outcome.js'
import type { Mode, RunSettings } from '../settings.js'
import type { Result } from '../timeline.js'
import { capped, findingLines } from './summary.js'
import { markdownText as md } from './hygiene.js'
import { ICON, PASSING_MARK, enoughWords, errors, ms, passingNote, stageRecords, stageVerdictWords } from './words.js'

/** The release as one: promoted only if every function was. */
export interface Combined {
  result: Result
  reason: string
  mode: Mode
  /** name=version pairs, in the order the functions were given. */
  version: string
  previousVersion: string
  aliasArn: string
  startedAt: number
  finishedAt: number
  restoreCommand?: string
}

export function combineOutcomes(outcomes: Outcome[], run: Pick<RunSettings, 'mode'>): Combined {
  const has = (r: Result) => outcomes.some(o => o.result === r)
  const result: Result = has('failed')
    ? 'failed'
    : has('rolled-back')
      ? 'rolled-back'
      : outcomes.every(o => o.result === 'unchanged')
        ? 'unchanged'
        : has('planned')
          ? 'planned'
          : 'promoted'
  const list = (pick: (o: Outcome) => string | undefined) => outcomes.map(o => `${o.function.name}=${pick(o) ?? ''}`).join(',')
  const restoreCommands = outcomes.flatMap(o => (o.restoreCommand ? [o.restoreCommand] : []))
  return {
    result,
    reason: combinedReason(outcomes, result),
    mode: run.mode,
    version: list(o => o.version),
    previousVersion: list(o => o.previousVersion),
    aliasArn: outcomes.map(o => o.aliasArn ?? '').join(','),
    startedAt: Math.min(...outcomes.map(o => o.startedAt)),
    finishedAt: Math.max(...outcomes.map(o => o.finishedAt)),
    ...(restoreCommands.length > 0 ? { restoreCommand: restoreCommands.join('\n') } : {})
  }
}

/** The function that stopped the release explains it; the others only say how they ended. */
function combinedReason(outcomes: Outcome[], result: Result): string {
  if (result === 'promoted') {
    return `${outcomes.length} functions promoted together: ${outcomes.map(o => `${o.function.name} ${o.previousVersion ?? '?'} → ${o.version ?? '?'}`).join(', ')}`
  }
  const stopper = outcomes.find(stoppedTheRelease)
  if (!stopper) return outcomes.map(o => `${o.function.name}: ${o.reason}`).join('; ')
  const others = outcomes
    .filter(o => o !== stopper)
    .map(o => `${o.function.name}: ${o.result}`)
    .join(', ')
  return `${stopper.function.name}: ${stopper.reason}; ${result === 'failed' ? 'the other functions stopped' : 'every function was restored'} (${others})`
}

/**
 * A function's reason in the table, unless the first line says it already: the function that stopped the release,
 * and those that stopped because of it, point there.
 */
function reasonCell(o: Outcome, combined: Combined): string {
  if (combined.reason.startsWith(`${o.function.name}: ${o.reason}`)) return 'stopped the release (the reason is at the top)'
  if (o.cause.kind === 'member-failed') return `stopped with the others because ${md(o.cause.member)} failed (the reason is at the top)`
  return md(o.reason)
}

/** The summary of a lockstep release: one table with a row per function per stage. */
export function lockstepSummary(outcomes: Outcome[], run: RunSettings, combined: Combined): string {
  const names = outcomes.map(o => o.function.name)
  const lines = [
    `## ${ICON[combined.result]} lambda-canary ${combined.result} on ${names.join(', ')} (alias ${run.alias}, in lockstep): ${md(combined.reason)}`,
    '',
    '| Function | Old → new | Result | Reason |',
    '| --- | --- | --- | --- |',
    ...outcomes.map(
      o =>
        `| \`${o.function.name}\` | ${md(o.previousVersion ?? '–')} → ${md(o.version ?? '–')} | **${o.result}** | ${reasonCell(o, combined)} |`
    ),
    ''
  ]
  const stat = run.gates.latencyStatistic
  const rows = outcomes.flatMap(o => stageRecords(o.timeline).map(r => ({ r, name: o.function.name })))
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
        `| ${r.stage} | \`${name}\` | ${formatPercent(r.weight)} | ${r.newVersion.invocations} | ${errors(r.newVersion)} | ${ms(r.newVersion.latencyMs)} | ${r.oldVersion.invocations} | ${errors(r.oldVersion)} | ${ms(r.oldVersion.latencyMs)} | ${enoughWords(r.checks)} | ${stageVerdictWords(r)} |`
      )
    }
    lines.push('', '¹ over everything since the first shift, as the gates judge it.', '')
    if (lines.some(l => l.includes(PASSING_MARK))) lines.push(passingNote(run.gates.confidence), '')
  }
  if (combined.restoreCommand)
    lines.push('### ⚠️ Not every alias is restored', '', 'Run this to put them back:', '', '```sh', combined.restoreCommand, '```', '')
  for (const o of outcomes) {
    const preflight = o.timeline.find(e => e.type === 'preflight')
    if (preflight?.type !== 'preflight') continue
    lines.push(`### Preflight of \`${o.function.name}\``, '', ...findingLines(preflight.findings), '')
  }
  return capped(lines.join('\n'))
}
