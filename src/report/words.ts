// The pieces every rendering shares: stage records cut from the timeline, and how numbers and verdicts read.
import { type Sample, errorRate } from '../evidence.js'
import type { Verdict } from '../judge/index.js'
import { formatPercent } from '../parse.js'
import type { Result, StageDecision, TimelineEvent } from '../timeline.js'
import { markdownText } from './hygiene.js'

/** How a rendering shows external text and emphasis: Markdown for the summary, plain for the log. */
export interface Style {
  text: (external: string) => string
  strong: (words: string) => string
}

export const MARKDOWN: Style = { text: markdownText, strong: words => `**${words}**` }

export const ICON: Record<Result, string> = {
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
  decision: StageDecision
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

/** "yes" when every gate had the evidence it needs; otherwise which gates did not (pending or undecided). */
export function enoughWords(checks: Verdict['checks'], style: Style = MARKDOWN): string {
  const short = checks.filter(c => !c.enoughData && !c.unreachable).map(c => style.text(c.gate))
  const unreachable = checks.filter(c => c.unreachable).map(c => style.text(c.gate))
  const words = [
    ...(short.length > 0 ? [`${style.strong('no')}: ${short.join(', ')}`] : []),
    ...(unreachable.length > 0 ? [`not judged at this traffic: ${unreachable.join(', ')}`] : [])
  ]
  return words.length === 0 ? 'yes' : words.join('; ')
}

export function verdictWords(decision: StageDecision, reasons: string[], style: Style = MARKDOWN): string {
  switch (decision) {
    case 'pass':
      return 'passed'
    case 'not-judged':
      return `${style.strong('not judged')}: no gate could fail this stage (allow-unjudged-stages)`
    case 'proceeded-without-enough-data':
      return `proceeded ${style.strong('without enough data')} (${style.text(reasons.join('; '))})`
    default:
      return `${style.strong('failed')}: ${style.text(reasons.join('; '))}`
  }
}

export function errors(v: { invocations: number; errors: number }): string {
  const rate = errorRate(v)
  return rate === undefined ? `${v.errors} err` : `${v.errors} err (${formatPercent(rate)})`
}

export function ms(v: number | undefined): string {
  return v === undefined ? '–' : `${Math.round(v)} ms`
}

export function durationSeconds(o: { startedAt: number; finishedAt: number }): number {
  return Math.round((o.finishedAt - o.startedAt) / 1000)
}

/**
 * Icon, result, the functions, the versions and the reason, in one line. `escape` is the sink's: raw for the
 * data (each sink escapes it), markdownText for the summary's heading.
 */
export function headlineOf(
  whole: { result: Result; reason: string; version?: string | undefined; previousVersion?: string | undefined },
  subject: string,
  esc: (external: string) => string = text => text
): string {
  const versions = whole.previousVersion && whole.version ? ` (version ${esc(whole.previousVersion)} → ${esc(whole.version)})` : ''
  return `${ICON[whole.result]} lambda-canary ${whole.result} on ${esc(subject)}${versions}: ${esc(whole.reason)}`
}
