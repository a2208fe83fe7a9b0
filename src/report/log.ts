// One log line per event worth a line, and the one mapping from an event to how loudly it is logged.
import { formatDuration, formatPercent } from '../parse.js'
import type { RunSettings } from '../settings.js'
import { type StageWait, type TimelineEvent, describeAlias } from '../timeline.js'
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
    case 'poll':
      return `${pollPrefix(e)} ${clockTime(e.at)} ${pollBody(e, run, style)}`
    case 'wait':
      return `stage ${e.stage} (${formatPercent(e.weight)}): ${waitWords(e, e.at)}`
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

type PollEvent = Extract<TimelineEvent, { type: 'poll' }>

function pollPrefix(e: PollEvent): string {
  return `[stage ${e.stage} · ${formatPercent(e.weight)}]`
}

/** A poll's counts and verdict: what repeats exactly when nothing new landed. */
function pollBody(e: PollEvent, run: Pick<RunSettings, 'gates'>, style: Style): string {
  const n = e.counts.newVersion
  const o = e.counts.oldVersion
  const stat = run.gates.latencyStatistic
  return (
    `new: ${n.invocations} inv, ${errors(n)}, ${stat} ${ms(e.sample.newVersion.latencyMs)} | old: ${o.invocations} inv, ${errors(o)}, ${stat} ${ms(e.sample.oldVersion.latencyMs)}` +
    `${e.counts.throttles ? ` | throttles ${e.counts.throttles}` : ''} → ${e.verdict.status}${e.verdict.reasons.length ? ` (${style.text(e.verdict.reasons.join('; '))})` : ''}`
  )
}

/** "12:04:10" (UTC), as the poll lines show time. */
function clockTime(at: number): string {
  return new Date(at).toISOString().slice(11, 19)
}

/** "until 12:07:40 UTC (in 1m40s)", counted from `now`. */
function until(at: number, now: number): string {
  return `until ${clockTime(at)} UTC (in ${formatDuration(Math.max(0, Math.ceil((at - now) / 1000)))})`
}

const NEXT: Record<StageWait['next'], string> = { promotion: 'promotion', success: 'success', 'next-stage': 'the next stage' }

/** Why a stage goes on past its bake, which gates lack evidence, and until when it waits. */
export function waitWords(w: StageWait, now: number): string {
  const short = w.lacking.map(g => `${g.gate}: ${g.has}, needs ${g.needs}`).join('; ')
  const ended = `the bake ended at ${clockTime(w.bakeEndedAt)} UTC`
  switch (w.cause) {
    case 'late-datapoints':
      return (
        `${ended}; waiting for late datapoints ${until(w.until, now)} before ${NEXT[w.next]}, so that every period of the bake is complete for metric-lag — ` +
        (short ? `lacking evidence so far: ${short}` : 'every gate has its evidence so far')
      )
    case 'evidence':
      return `${ended}, but not every gate has its evidence; waiting for late datapoints ${until(w.until, now)}: the stage moves on as soon as they land, else on-insufficient-data decides — lacking evidence: ${short}`
    case 'insufficient-data':
      return `not enough data once the bake's datapoints settled; on-insufficient-data: wait extends the stage ${until(w.until, now)}, then it fails — lacking evidence: ${short}`
  }
}

/** A heartbeat at most this often while polls repeat. */
export const HEARTBEAT_MS = 60_000

/**
 * The bake's log without repeats: a poll line that would repeat the previous one (but for its time) is held back,
 * with a heartbeat at most once a minute saying how many polls were unchanged and, past the bake, what the stage
 * waits for. Every other event is logged as it comes. Returns the text to log, or undefined for none.
 */
export function progressLog(run: Pick<RunSettings, 'alias' | 'gates'>): (e: TimelineEvent) => string | undefined {
  let last: { body: string; shownAt: number; since: number; held: number } | undefined
  let wait: StageWait | undefined
  return e => {
    if (e.type === 'wait') wait = e
    if (e.type === 'shift' || e.type === 'promote' || e.type === 'stage-end') [last, wait] = [undefined, undefined]
    if (e.type !== 'poll') return logLine(e, run)
    const body = pollBody(e, run, LOG)
    if (last?.body !== body) {
      last = { body, shownAt: e.at, since: e.at, held: 0 }
      return logLine(e, run)
    }
    last.held++
    if (e.at - last.shownAt < HEARTBEAT_MS) return undefined
    const polls = `${last.held} poll${last.held > 1 ? 's' : ''} unchanged since ${clockTime(last.since)}`
    const still = wait
      ? `still waiting for ${wait.cause === 'late-datapoints' ? 'late datapoints' : 'evidence'} ${until(wait.until, e.at)}`
      : 'still watching'
    last.shownAt = e.at
    return `${pollPrefix(e)} ${clockTime(e.at)} ${still}: ${polls} (${body})`
  }
}
