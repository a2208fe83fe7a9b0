// One log line per event worth a line, and the one mapping from an event to how loudly it is logged.
import { formatPercent } from '../parse.js'
import type { RunSettings } from '../settings.js'
import { type TimelineEvent, describeAlias } from '../timeline.js'
import { logText } from './hygiene.js'
import { type Style, errors, ms, stageEndWords } from './words.js'

/** The log's style: external text on one line with no workflow command in it, no Markdown emphasis. */
export const LOG: Style = { text: logText, strong: words => words }

export type LogLevel = { level: 'info' } | { level: 'warning' } | { level: 'error'; title: string }

/** How loudly an event is logged: what needs a look is a warning; a failed rollback hook is an error. */
export function logLevel(e: TimelineEvent): LogLevel {
  if (e.type === 'hook' && !e.ok && e.hook === 'rollback')
    return { level: 'error', title: 'lambda-canary: rollback hook failed (the alias is restored)' }
  if (e.type === 'split-restored' || e.type === 'metrics-error' || e.type === 'conflict' || (e.type === 'hook' && !e.ok))
    return { level: 'warning' }
  if (e.type === 'stage-end' && (e.decision === 'proceeded-without-enough-data' || e.decision === 'not-judged')) return { level: 'warning' }
  return { level: 'info' }
}

/** One log line per event worth a line; polls are the progress lines of a bake. */
export function logLine(e: TimelineEvent, run: Pick<RunSettings, 'alias' | 'gates'>): string {
  return eventLine(e, run, LOG)
}

/**
 * An event in words, its external text (AWS errors, smoke and hook answers, reasons) escaped by `style`:
 * the log's or the summary's. The timeline keeps the raw text.
 */
export function eventLine(e: TimelineEvent, run: Pick<RunSettings, 'alias' | 'gates'>, style: Style): string {
  const x = style.text
  switch (e.type) {
    case 'preflight':
      return e.findings.map(f => `${f.level === 'ok' ? 'ok' : f.level}: ${x(f.message)}`).join('\n')
    case 'split-restored':
      return `restored the split alias from ${describeAlias(e.from)} to ${describeAlias(e.to)}`
    case 'published':
      return `published version ${e.version} (CodeSha256 ${x(e.codeSha256)})`
    case 'shift':
      return `stage ${e.stage}: alias "${run.alias}" now sends ${formatPercent(e.weight)} to the new version (${describeAlias(e.alias)}, RevisionId ${e.alias.revisionId})`
    case 'poll': {
      const n = e.counts.newVersion
      const o = e.counts.oldVersion
      const stat = run.gates.latencyStatistic
      return (
        `[stage ${e.stage} · ${formatPercent(e.weight)}] ${new Date(e.at).toISOString().slice(11, 19)} ` +
        `new: ${n.invocations} inv, ${errors(n)}, ${stat} ${ms(e.sample.newVersion.latencyMs)} | old: ${o.invocations} inv, ${errors(o)}, ${stat} ${ms(e.sample.oldVersion.latencyMs)}` +
        `${e.counts.throttles ? ` | throttles ${e.counts.throttles}` : ''} → ${e.verdict.status}${e.verdict.reasons.length ? ` (${x(e.verdict.reasons.join('; '))})` : ''}`
      )
    }
    case 'metrics-error':
      return `metrics read failed (${e.consecutive} in a row): ${x(e.message)}`
    case 'stage-end':
      return `stage ${e.stage} (${formatPercent(e.weight)}) ended: ${stageEndWords(e, style)}`
    case 'promote':
      return `promoted: alias "${run.alias}" now points at ${describeAlias(e.alias)}`
    case 'restore':
      return e.ok && e.alias
        ? `restored: alias "${run.alias}" points at ${describeAlias(e.alias)} again (${x(e.reason)})`
        : `restore FAILED (${x(e.error ?? 'unknown error')}); reason for the restore: ${x(e.reason)}`
    case 'conflict':
      return `conflict: expected RevisionId ${e.expectedRevisionId} (${describeAlias(e.ours)}), found ${e.theirs ? `${describeAlias(e.theirs)} (RevisionId ${e.theirs.revisionId})` : 'an unreadable alias'}; ${x(e.action)}`
    case 'retry':
      return `retrying "${x(e.what)}" (attempt ${e.attempt} failed: ${x(e.error)})`
    case 'manual-rollback':
      return `manual rollback: alias "${run.alias}" moved from version ${e.from} to ${describeAlias(e.alias)}`
    case 'smoke':
      return `smoke test ${e.invocation}/${e.of} of the new version: ${e.ok ? 'passed' : 'FAILED'} (${x(e.detail)})`
    case 'hook':
      return `${e.hook} hook "${x(e.functionName)}": ${e.ok ? 'passed' : 'FAILED'} (${x(e.detail)})`
  }
}
