// Before the first shift (deploy and plan): the old version's own metrics over baseline-window before now, the
// reference for every stage at 100% and the traffic plan mode holds each gate's minimum against; then which gates
// judge each stage, and the refusal of a stage no gate could fail (before any write).
import { type Baseline, baselineSeconds } from '../evidence.js'
import { coverage, coverageLines, type StageCoverage, unjudgedAdvice } from '../judge/coverage.js'
import { dispersion } from '../judge/dispersion.js'
import { formatDuration, formatPercent } from '../parse.js'
import type { Finding } from '../timeline.js'
import type { Context } from './context.js'
import { alignDown } from './watch.js'

export interface Judging {
  baseline?: Baseline
  stages: StageCoverage[]
}

/** One GetMetricData call over the window; undefined (and a finding saying so) when there is no baseline. */
export async function readBaseline(ctx: Context, oldVersion: string, findings: Finding[]): Promise<Baseline | undefined> {
  const { run, journal } = ctx
  if (run.baselineWindowSeconds <= 0) {
    findings.push({
      level: 'warning',
      message: 'no baseline (baseline-window: 0): at 100% traffic only max-error-rate and max-latency can judge'
    })
    return undefined
  }
  const period = run.metricPeriodSeconds * 1000
  const end = alignDown(journal.now(), period)
  const start = alignDown(end - run.baselineWindowSeconds * 1000, period)
  const reading = await ctx.ports.metrics.baseline({
    version: oldVersion,
    start,
    end,
    periodSeconds: run.metricPeriodSeconds,
    latencyStatistic: run.gates.latencyStatistic
  })
  const window = formatDuration(Math.round((end - start) / 1000))
  if (reading.invocations <= 0) {
    findings.push({
      level: 'warning',
      message: `no baseline: version ${oldVersion} served no invocations through alias "${run.alias}" in the last ${window}; at 100% traffic only max-error-rate and max-latency can judge`
    })
    return undefined
  }
  const baseline: Baseline = { ...reading, dispersion: dispersion(reading.periods) }
  findings.push({ level: 'ok', message: baselineWords(baseline, window) })
  return baseline
}

function baselineWords(b: Baseline, window: string): string {
  const perMinute = Math.round((b.invocations / (baselineSeconds(b) / 60)) * 10) / 10
  const latency = b.latencyMs === undefined ? 'no latency data' : `${b.latencyStatistic} ${Math.round(b.latencyMs)} ms`
  const phi = Math.round(b.dispersion.phi * 100) / 100
  const bursts = phi > 1 ? ` (errors burstier than independent: tests discount the evidence by φ = ${phi})` : ''
  return `baseline: version ${b.version} over the last ${window}: ${b.invocations} invocations (${perMinute}/min), ${b.errors} errors (${formatPercent(b.errors / b.invocations)}), ${latency}, φ = ${phi}${bursts}`
}

/** Which gates judge each stage (plan: one finding per stage); a stage no gate could fail is refused unless allowed. */
export function judging(
  ctx: Context,
  baseline: Baseline | undefined,
  findings: Finding[]
): { ok: true; judging: Judging } | { ok: false; message: string } {
  const { run } = ctx
  const input = {
    plan: run.plan,
    gates: run.gates,
    alarms: run.alarms,
    latencyWarmUpSeconds: run.latencyWarmUpSeconds,
    metricPeriodSeconds: run.metricPeriodSeconds
  }
  const stages = coverage(input, baseline)
  const result = { ok: true as const, judging: { ...(baseline ? { baseline } : {}), stages } }
  if (run.mode === 'plan')
    findings.push(
      ...coverageLines(stages, input, baseline).map(f =>
        f.level === 'error' && run.allowUnjudgedStages ? { ...f, level: 'warning' as const } : f
      )
    )
  const unjudged = stages.find(s => !s.judged)
  if (!unjudged) return result
  const what = `stage ${unjudged.stage} (${formatPercent(unjudged.weight)} for ${formatDuration(unjudged.bakeSeconds)}) has no gate that could fail it`
  if (run.allowUnjudgedStages) {
    findings.push({ level: 'warning', message: `${what}; allow-unjudged-stages is "true", so it will be reported "not judged"` })
    return result
  }
  return { ok: false, message: `${what}: ${unjudgedAdvice(unjudged.weight)}` }
}
