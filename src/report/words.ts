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
  const short = shortOfData(checks).map(c => style.text(c.gate))
  const unreachable = checks.filter(c => c.unreachable).map(c => style.text(c.gate))
  const words = [
    ...(short.length > 0 ? [`${style.strong('no')}: ${short.join(', ')}`] : []),
    ...(unreachable.length > 0 ? [`not judged at this traffic: ${unreachable.join(', ')}`] : [])
  ]
  return words.length === 0 ? 'yes' : words.join('; ')
}

/** Gates that had not their minimum evidence, though this stage's traffic could bring it. */
function shortOfData(checks: Verdict['checks']): Verdict['checks'] {
  return checks.filter(c => !c.enoughData && !c.unreachable)
}

/**
 * How a stage ended, as a reader weighs it. "passed": every gate that could reach its minimum evidence had it
 * and saw its value within its limit. "passing": nothing failed, but not on evidence enough to call it good (a
 * value above its limit on too few invocations to be significant, or a gate short of data when the stage moved
 * on). "not-judged": no gate could have failed it. "proceeded": on-insufficient-data: proceed moved it on.
 */
export type StageVerdictKind = 'passed' | 'passing' | 'not-judged' | 'proceeded' | 'failed'

export function stageVerdictKind(s: { decision: StageDecision; checks: Verdict['checks'] }): StageVerdictKind {
  switch (s.decision) {
    case 'fail':
      return 'failed'
    case 'not-judged':
      return 'not-judged'
    case 'proceeded-without-enough-data':
      return 'proceeded'
    default:
      return shortOfData(s.checks).length > 0 || s.checks.some(c => c.overLimit) ? 'passing' : 'passed'
  }
}

/** The footnote mark "passing so far" carries in the summary; PASSING_NOTE explains it. */
export const PASSING_MARK = '²'

/** What "passing so far, not significant yet" means, for the footnote under the stages. */
export function passingNote(confidence: number): string {
  return (
    `${PASSING_MARK} **Passing so far, not significant yet**: nothing showed the new version beyond a limit with ${formatPercent(confidence)} confidence, ` +
    'but the evidence was not enough to call it within the limits either (a value above its limit on few invocations, or a gate short of ' +
    'its minimum data when the stage moved on). A gate fails only on evidence at that confidence (the `confidence` input, shared over every ' +
    'look at the data), so that looking at every poll does not roll back healthy releases; before the promotion and before success every gate ' +
    'must have its minimum data.'
  )
}

/**
 * A stage's verdict in the summary's words. The failure's reason is the summary's first line: here only the
 * gates that failed, so it is said once.
 */
export function stageVerdictWords(
  s: { decision: StageDecision; checks: Verdict['checks']; reasons: string[] },
  style: Style = MARKDOWN
): string {
  const gates = (list: Verdict['checks']) => list.map(c => style.text(c.gate)).join(', ')
  switch (stageVerdictKind(s)) {
    case 'failed': {
      const failing = s.checks.filter(c => c.status === 'fail')
      return `${style.strong('failed')}${failing.length > 0 ? `: ${gates(failing)}` : ' (the reason is at the top)'}`
    }
    case 'not-judged':
      return `${style.strong('not judged')}: no gate could fail this stage (allow-unjudged-stages)`
    case 'proceeded':
      return `proceeded ${style.strong('without enough data')} (${style.text(s.reasons.join('; '))})`
    case 'passing': {
      const over = s.checks.filter(c => c.overLimit)
      return `passing so far, not significant yet${PASSING_MARK}${over.length > 0 ? ` (${gates(over)} above the limit)` : ''}`
    }
    default:
      return 'passed'
  }
}

/** One gate's verdict in the summary's words, with its icon. */
export function gateWords(c: Verdict['checks'][number], style: Style = MARKDOWN): { icon: string; words: string } {
  const needs = style.text(c.needs ?? 'more data')
  if (c.status === 'fail') return { icon: '❌', words: 'failed' }
  if (c.unreachable)
    return {
      icon: '➖',
      words: `not judged at this traffic: needs ${needs}, more than the stage's traffic can bring (it fails only gross regressions)`
    }
  if (c.overLimit) return { icon: '⚠️', words: `passing so far, not significant yet${PASSING_MARK}` }
  if (!c.enoughData) return { icon: '❔', words: `not enough data yet: needs ${needs}` }
  return { icon: '✅', words: 'passed' }
}

/**
 * The log's verdict of a stage: the summary's kinds, with the reasons a log line needs (the log has no first
 * line that says them) and the gates a "passing so far" rests on.
 */
export function stageEndWords(s: { decision: StageDecision; verdict: Verdict }, style: Style): string {
  const { checks, reasons } = s.verdict
  if (stageVerdictKind({ decision: s.decision, checks }) !== 'passing') return verdictWords(s.decision, reasons, style)
  const over = checks.filter(c => c.overLimit).map(c => `${style.text(c.gate)} above the limit`)
  const short = shortOfData(checks).map(c => `${style.text(c.gate)} short of data`)
  return `passing so far, not significant yet (${[...over, ...short].join('; ')})`
}

/** A stage's decision in words, with its reasons. */
function verdictWords(decision: StageDecision, reasons: string[], style: Style = MARKDOWN): string {
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
