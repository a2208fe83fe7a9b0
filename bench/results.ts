// The benchmark's results: per judge and scenario the statistics of its runs, as a table and as JSON.
import type { JudgeName } from './judges.js'
import type { RunRecord } from './run.js'

export interface ResultRow {
  judge: JudgeName
  scenario: string
  runs: number
  /** Fraction of runs that did not end promoted. */
  rolledBack: number
  medianDetectionSeconds: number | null
  meanBadInvocations: number
  meanDurationSeconds: number
}

export interface ResultDetail {
  judge: JudgeName
  scenario: string
  /** How many runs ended with each result ("promoted", "rolled-back", "failed", …). */
  outcomes: Record<string, number>
  /** Runs the median detection time is taken over (rolled back after a first bad invocation). */
  detections: number
  /** 10th and 90th percentile of the detection time. */
  detectionP10Seconds: number | null
  detectionP90Seconds: number | null
  /** Why runs did not end promoted: the most frequent reasons (numbers replaced by #) with their counts. */
  reasons: { result: string; reason: string; runs: number; example: string }[]
}

export interface BenchReport {
  results: ResultRow[]
  details: ResultDetail[]
  meta: { runs: number; seed: number; scenarios: string[]; judges: JudgeName[]; warmupSeconds: number }
}

function quantile(sorted: number[], q: number): number | null {
  if (sorted.length === 0) return null
  const pos = (sorted.length - 1) * q
  const lo = Math.floor(pos)
  const hi = Math.ceil(pos)
  return (sorted[lo] as number) + ((sorted[hi] as number) - (sorted[lo] as number)) * (pos - lo)
}

const round = (n: number, digits: number) => Math.round(n * 10 ** digits) / 10 ** digits
const roundOrNull = (n: number | null, digits: number) => (n === null ? null : round(n, digits))

export function summarize(judge: JudgeName, scenario: string, runs: RunRecord[]): { row: ResultRow; detail: ResultDetail } {
  const n = runs.length
  const outcomes: Record<string, number> = {}
  for (const r of runs) outcomes[r.result] = (outcomes[r.result] ?? 0) + 1
  const notPromoted = runs.filter(r => r.result !== 'promoted').length
  const detections = runs
    .filter(r => r.result !== 'promoted' && r.detectionSeconds !== null)
    .map(r => r.detectionSeconds as number)
    .sort((a, b) => a - b)
  const mean = (f: (r: RunRecord) => number) => (n === 0 ? 0 : runs.reduce((a, r) => a + f(r), 0) / n)
  return {
    row: {
      judge,
      scenario,
      runs: n,
      rolledBack: n === 0 ? 0 : round(notPromoted / n, 4),
      medianDetectionSeconds: roundOrNull(quantile(detections, 0.5), 1),
      meanBadInvocations: round(
        mean(r => r.badInvocations),
        1
      ),
      meanDurationSeconds: round(
        mean(r => r.durationSeconds),
        1
      )
    },
    detail: {
      judge,
      scenario,
      outcomes: Object.fromEntries(Object.entries(outcomes).sort(([a], [b]) => (a < b ? -1 : 1))),
      detections: detections.length,
      detectionP10Seconds: roundOrNull(quantile(detections, 0.1), 1),
      detectionP90Seconds: roundOrNull(quantile(detections, 0.9), 1),
      reasons: topReasons(
        runs.filter(r => r.result !== 'promoted'),
        5
      )
    }
  }
}

/** Reasons grouped by their wording without numbers, most frequent first (ties: first seen). */
function topReasons(runs: RunRecord[], limit: number): ResultDetail['reasons'] {
  const groups = new Map<string, { result: string; reason: string; runs: number; example: string }>()
  for (const r of runs) {
    const reason = r.reason.replace(/\d+(\.\d+)?/g, '#')
    const key = `${r.result}\u0000${reason}`
    const g = groups.get(key)
    if (g) g.runs++
    else groups.set(key, { result: r.result, reason, runs: 1, example: r.reason })
  }
  return [...groups.values()].sort((a, b) => b.runs - a.runs).slice(0, limit)
}

/** The JSON written by --json: the results as specified, plus details and the run's parameters. */
export function toJson(report: BenchReport): string {
  return `${JSON.stringify({ results: report.results, details: report.details, meta: report.meta }, null, 2)}\n`
}

export function formatTable(report: BenchReport): string {
  const header = [
    'scenario',
    'judge',
    'runs',
    'not promoted',
    'outcomes',
    'median detection',
    'p10–p90 detection',
    'mean bad inv.',
    'mean duration'
  ]
  const rows: string[][] = []
  const details = new Map(report.details.map(d => [`${d.judge}\u0000${d.scenario}`, d]))
  let lastScenario = ''
  for (const r of report.results) {
    const d = details.get(`${r.judge}\u0000${r.scenario}`)
    const outcomes = d
      ? Object.entries(d.outcomes)
          .map(([k, v]) => `${v} ${k}`)
          .join(', ')
      : ''
    rows.push([
      r.scenario === lastScenario ? '' : r.scenario,
      r.judge,
      String(r.runs),
      `${(r.rolledBack * 100).toFixed(1)}%`,
      outcomes,
      r.medianDetectionSeconds === null ? '—' : `${r.medianDetectionSeconds.toFixed(0)} s (n=${d?.detections ?? 0})`,
      d && d.detectionP10Seconds !== null && d.detectionP90Seconds !== null
        ? `${d.detectionP10Seconds.toFixed(0)}–${d.detectionP90Seconds.toFixed(0)} s`
        : '—',
      r.meanBadInvocations.toFixed(1),
      `${r.meanDurationSeconds.toFixed(0)} s (${formatMinutes(r.meanDurationSeconds)})`
    ])
    lastScenario = r.scenario
  }
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map(r => (r[i] as string).length)))
  const numeric = new Set([2, 3, 5, 6, 7, 8])
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (numeric.has(i) ? c.padStart(widths[i] as number) : c.padEnd(widths[i] as number)))
      .join('  ')
      .trimEnd()
  const out = [line(header), widths.map(w => '─'.repeat(w)).join('  ')]
  lastScenario = ''
  for (const [i, r] of rows.entries()) {
    const scenario = report.results[i]?.scenario ?? ''
    if (i > 0 && scenario !== lastScenario) out.push('')
    out.push(line(r))
    lastScenario = scenario
  }
  return out.join('\n')
}

function formatMinutes(seconds: number): string {
  const m = Math.floor(seconds / 60)
  const s = Math.round(seconds - m * 60)
  return s === 60 ? `${m + 1}m00s` : `${m}m${String(s).padStart(2, '0')}s`
}
