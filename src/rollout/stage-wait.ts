// Why a stage goes on past its bake, as values: the watch emits a `wait` event once, and again only when the
// reason changes (report/log.ts words it). The decisions mirror watchStage's loop: before promotion or success the
// last periods must settle; a stage short of evidence is concluded only once its data has settled; then
// on-insufficient-data: wait extends it by up to one more bake.
import type { Verdict } from '../judge/index.js'
import type { RunSettings } from '../settings.js'
import type { GateShort, StageWait } from '../timeline.js'
import type { Context } from './context.js'

/** One stage's moments (epoch ms), as watchStage computes them. */
export interface StageTimes {
  bakeEnd: number
  /** The earliest a pass ends the stage: the bake's end, or (before promotion or success) the settle. */
  passAt: number
  /** Every period up to the bake's end has been complete for metric-lag. */
  settledAt: number
  /** on-insufficient-data: wait gives up here. */
  waitUntil: number
}

export interface WaitingStage {
  weight: number
  /** Settles before its decision: the last stage (before promotion) or a final bake (before success). */
  settle: boolean
}

/** Why the stage is still going at `at`, or undefined while it bakes and when this look ends it. */
export function stageWait(
  times: StageTimes,
  s: WaitingStage,
  verdict: Verdict,
  at: number,
  onInsufficientData: RunSettings['onInsufficientData']
): StageWait | undefined {
  if (at < times.bakeEnd || verdict.status === 'fail') return undefined
  const next = s.settle ? (s.weight >= 1 ? 'success' : 'promotion') : 'next-stage'
  const base = { next, bakeEndedAt: times.bakeEnd, lacking: lacking(verdict, s.settle) } as const
  if (at < times.passAt) return { ...base, cause: 'late-datapoints', until: times.settledAt }
  if (verdict.status === 'pass') return undefined
  if (at < times.settledAt) return { ...base, cause: 'evidence', until: times.settledAt }
  if (onInsufficientData === 'wait' && at < times.waitUntil) return { ...base, cause: 'insufficient-data', until: times.waitUntil }
  return undefined
}

/**
 * The gates that hold the stage for want of evidence. At a final look every gate must have its minimum (but one its
 * traffic cannot reach); earlier only min-invocations holds a stage (the judge's `holdsStage`).
 */
function lacking(verdict: Verdict, final: boolean): GateShort[] {
  return verdict.checks
    .filter(c => !c.enoughData && !c.unreachable && (final || c.gate === 'min-invocations'))
    .map(c => ({ gate: c.gate, has: c.observed, needs: c.needs ?? 'more data' }))
}

/** Emits the stage's wait when it starts and whenever its reason changes (the cause, the deadline or the gates short). */
export function waitReporter(ctx: Context, s: WaitingStage & { stage: number }, times: StageTimes): (at: number, verdict: Verdict) => void {
  let last = ''
  return (at, verdict) => {
    const wait = stageWait(times, s, verdict, at, ctx.run.onInsufficientData)
    const key = wait ? `${wait.cause} ${wait.until} ${wait.lacking.map(g => g.gate).join(',')}` : ''
    if (!wait || key === last) return
    last = key
    ctx.journal.emit({ type: 'wait', at, stage: s.stage, weight: s.weight, ...wait })
  }
}
