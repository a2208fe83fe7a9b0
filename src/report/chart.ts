// The summary's charts (Mermaid xychart-beta, which GitHub renders): the traffic given to the new version at every
// stage, the promotion to 100%, the final bake and a restore; and the error rates of the new and the old version.
//
// Why two charts and cumulative rates:
// - xychart-beta has one y axis: error rates of a few percent vanish on the 0–100 axis the weight needs.
// - A line in xychart-beta cannot have a gap (a missing value is a syntax error, mermaid-js/mermaid#5293), and a 0
//   where nothing was measured reads as "no errors". So the error chart leaves such points out of its x axis and
//   says how many; the traffic chart, whose weight is always known, keeps every point.
// - The rates are over everything since the first shift, as the gates judge them: once the first datapoints have
//   landed every later point has a rate. At 100% the old version serves nothing: its line stays at its rate from
//   the stages before, which is what it was (the gates then compare with its own pre-deployment baseline).
import type { Counts } from '../evidence.js'
import { formatDuration } from '../parse.js'
import type { TimelineEvent } from '../timeline.js'

/** Points a chart shows at most (the timeline keeps ~240 polls; more would not be readable). */
export const CHART_POINTS = 60

interface ChartPoint {
  at: number
  /** The new version's share of the alias's traffic, 0–1. */
  weight: number
  /** Counts since the first shift; undefined before any was read. */
  totals?: { newVersion: Counts; oldVersion: Counts }
  /** What happened at this point, for its x label: the promotion or a restore. */
  event?: 'promoted' | 'restored'
  /** The stage a stage's last reading belongs to: never thinned out. */
  stageEnd?: number
  label: string
}

/** The points of the run: polls, the end of every stage, the promotion and a restore, in time order. */
function chartPoints(timeline: TimelineEvent[], startedAt: number): ChartPoint[] {
  const points: ChartPoint[] = []
  let totals: ChartPoint['totals']
  const label = (at: number) => formatDuration(Math.max(0, Math.round((at - startedAt) / 1000)))
  for (const e of timeline) {
    if (e.type === 'poll' || e.type === 'stage-end') {
      totals = { newVersion: e.sample.newVersion, oldVersion: e.sample.oldVersion }
      const stageEnd = e.type === 'stage-end' ? { stageEnd: e.stage } : {}
      points.push({ at: e.at, weight: e.weight, totals, label: label(e.at), ...stageEnd })
    } else if (e.type === 'promote') {
      points.push({ at: e.at, weight: 1, ...(totals ? { totals } : {}), event: 'promoted', label: `${label(e.at)} promoted` })
    } else if (e.type === 'restore' && e.ok && e.alias) {
      // A restore puts the old version back alone: the new version's share is what the restored alias still gives it.
      const weight = e.alias.weights[Object.keys(e.alias.weights)[0] ?? ''] ?? 0
      points.push({ at: e.at, weight, ...(totals ? { totals } : {}), event: 'restored', label: `${label(e.at)} restored` })
    }
  }
  return points
}

/**
 * At most CHART_POINTS points with unique x labels: the end of every stage, the promotion and a restore always;
 * the polls between them evenly thinned, and a poll dropped where a kept point has its label (same second).
 */
function selectPoints(all: ChartPoint[]): ChartPoint[] {
  const fixed = (p: ChartPoint) => p.stageEnd !== undefined || p.event !== undefined
  const polls = all.filter(p => !fixed(p))
  const keptPolls = new Set(evenly(polls, CHART_POINTS - (all.length - polls.length)))
  const chosen = all.filter(p => fixed(p) || keptPolls.has(p))
  // Stage ends at the same second (a stage shorter than a second) get their stage in the label.
  const used = new Set<string>()
  for (const p of chosen.filter(fixed)) {
    if (used.has(p.label)) p.label = `${p.label} (stage ${p.stageEnd ?? '?'})`
    const base = p.label
    for (let n = 2; used.has(p.label); n++) p.label = `${base} #${n}`
    used.add(p.label)
  }
  // Of polls sharing a label, the latest is kept (it holds the most data).
  const kept: ChartPoint[] = []
  for (const p of [...chosen].reverse()) {
    if (!fixed(p)) {
      if (used.has(p.label)) continue
      used.add(p.label)
    }
    kept.unshift(p)
  }
  return kept
}

/** `room` of the items, spread evenly from the first to the last; all of them when they fit. */
function evenly<T>(items: T[], room: number): T[] {
  if (items.length <= room) return items
  if (room <= 0) return []
  if (room === 1) return items.slice(-1)
  return Array.from({ length: room }, (_, k) => items[Math.round((k * (items.length - 1)) / (room - 1))] as T)
}

const percent = (n: number) => Math.round(n * 10000) / 100
const rate = (c: Counts | undefined) => (c && c.invocations > 0 ? percent(c.errors / c.invocations) : undefined)
const labels = (points: ChartPoint[]) => `[${points.map(p => `"${p.label}"`).join(', ')}]`

/** The summary's charts, with a line on what the error chart leaves out; undefined when the run never shifted traffic. */
export function mermaidChart(outcome: { timeline: TimelineEvent[]; startedAt: number }): string | undefined {
  const points = selectPoints(chartPoints(outcome.timeline, outcome.startedAt))
  if (points.length === 0) return undefined
  const traffic = [
    '```mermaid',
    '%%{init: {"themeVariables": {"xyChart": {"plotColorPalette": "#6baed6"}}}}%%',
    'xychart-beta',
    '  title "Traffic to the new version (%)"',
    `  x-axis ${labels(points)}`,
    '  y-axis "% of the alias\'s traffic" 0 --> 100',
    `  bar "new version" [${points.map(p => percent(p.weight)).join(', ')}]`,
    '```'
  ]
  return [...traffic, '', ...errorChart(points)].join('\n')
}

/** New and old version's error rates over the points where they have data; the others left out, and said. */
function errorChart(points: ChartPoint[]): string[] {
  const withOld = points.some(p => rate(p.totals?.oldVersion) !== undefined)
  const shown = points.filter(p => rate(p.totals?.newVersion) !== undefined && (!withOld || rate(p.totals?.oldVersion) !== undefined))
  const left = points.length - shown.length
  const leftOut =
    left > 0
      ? `${left} of ${points.length} points had no data yet (for the new version${withOld ? ' or the old one' : ''}): left out of this chart rather than drawn as 0.`
      : ''
  const oldWords = withOld
    ? 'Red: the new version; grey: the old version, in the same periods (at 100% it serves nothing: its line stays at its rate from the stages before).'
    : 'Red: the new version. The old version served nothing beside it, so it has no line (at 100% the gates compare with its rate before the deployment).'
  if (shown.length === 0) return ['No error rate to chart: no invocations of the new version were counted.']
  const newRates = shown.map(p => rate(p.totals?.newVersion) as number)
  const oldRates = shown.map(p => rate(p.totals?.oldVersion) as number)
  const top = Math.min(100, Math.max(1, Math.ceil(Math.max(...newRates, ...(withOld ? oldRates : [])) * 1.1)))
  return [
    '```mermaid',
    '%%{init: {"themeVariables": {"xyChart": {"plotColorPalette": "#d62728, #7f7f7f"}}}}%%',
    'xychart-beta',
    '  title "Error rate since the first shift (%)"',
    `  x-axis ${labels(shown)}`,
    `  y-axis "% of invocations" 0 --> ${top}`,
    `  line "new version" [${newRates.join(', ')}]`,
    ...(withOld ? [`  line "old version" [${oldRates.join(', ')}]`] : []),
    '```',
    '',
    [oldWords, leftOut].filter(Boolean).join(' ')
  ]
}
