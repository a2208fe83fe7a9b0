// Everything the rollout does, as data. The report turns it into the summary, outputs and logs.
import type { AliasState } from './ports.js'
import type { Evidence, Sample } from './evidence.js'
import type { Verdict } from './judge/index.js'

export type Result = 'promoted' | 'rolled-back' | 'unchanged' | 'planned' | 'failed'

export interface Finding {
  level: 'ok' | 'warning' | 'error'
  message: string
}

export interface AliasSnapshot {
  version: string
  weights: Record<string, number>
  revisionId: string
}

export type StageDecision = 'pass' | 'fail' | 'proceeded-without-enough-data' | 'not-judged'

/**
 * A sample's totals without its per-period points: what an event keeps. The per-period points of a bake at
 * 1 s periods are tens of thousands; a copy of them per poll was what made memory grow with polls × periods.
 */
export type SampleTotals = Omit<Sample, 'periods'>

export function totalsOf(sample: Sample): SampleTotals {
  const { periods: _periods, ...totals } = sample
  return totals
}

/**
 * Why a stage goes on past its bake: before promotion or success its last periods must settle (`late-datapoints`);
 * a gate lacks its minimum evidence and the stage waits for its data to settle before concluding (`evidence`);
 * on-insufficient-data: wait extends it (`insufficient-data`).
 */
export type WaitCause = 'late-datapoints' | 'evidence' | 'insufficient-data'

/** A gate short of the evidence it needs, in the judge's words. */
export interface GateShort {
  gate: string
  has: string
  needs: string
}

/** A stage past its bake and not yet decided: why, what it decides next, and until when (epoch ms) it waits at most. */
export interface StageWait {
  cause: WaitCause
  /** What the stage's end leads to. */
  next: 'promotion' | 'success' | 'next-stage'
  bakeEndedAt: number
  until: number
  lacking: GateShort[]
}

export type TimelineEvent =
  | { type: 'preflight'; at: number; findings: Finding[] }
  | { type: 'split-restored'; at: number; from: AliasSnapshot; to: AliasSnapshot }
  | { type: 'published'; at: number; version: string; codeSha256: string }
  | { type: 'shift'; at: number; stage: number; weight: number; alias: AliasSnapshot }
  | { type: 'poll'; at: number; stage: number; weight: number; sample: SampleTotals; counts: Evidence['stage']; verdict: Verdict }
  | { type: 'metrics-error'; at: number; stage: number; message: string; consecutive: number }
  | ({ type: 'wait'; at: number; stage: number; weight: number } & StageWait)
  | {
      type: 'stage-end'
      at: number
      stage: number
      weight: number
      startedAt: number
      /** Everything since the first shift (latency, metric gates), without the per-period points. */
      sample: SampleTotals
      /** This stage's own counts. */
      counts: Evidence['stage']
      verdict: Verdict
      decision: StageDecision
    }
  | { type: 'promote'; at: number; alias: AliasSnapshot }
  | { type: 'restore'; at: number; reason: string; ok: boolean; alias?: AliasSnapshot; error?: string }
  | { type: 'conflict'; at: number; expectedRevisionId: string; ours: AliasSnapshot; theirs?: AliasSnapshot; action: string }
  | { type: 'retry'; at: number; what: string; attempt: number; error: string }
  | { type: 'manual-rollback'; at: number; from: string; to: string; alias: AliasSnapshot }
  | { type: 'smoke'; at: number; invocation: number; of: number; ok: boolean; detail: string }
  | { type: 'hook'; at: number; hook: 'pre-traffic' | 'post-traffic' | 'rollback'; functionName: string; ok: boolean; detail: string }

export function snapshot(alias: AliasState): AliasSnapshot {
  return { version: alias.version, weights: { ...alias.weights }, revisionId: alias.revisionId }
}

export function describeAlias(a: Pick<AliasSnapshot, 'version' | 'weights'>): string {
  const extra = Object.entries(a.weights)
  if (extra.length === 0) return `version ${a.version} (100%)`
  const share = extra.reduce((s, [, w]) => s + w, 0)
  return `version ${a.version} (${round(100 * (1 - share))}%) + ${extra.map(([v, w]) => `version ${v} (${round(100 * w)}%)`).join(' + ')}`
}

function round(n: number): number {
  return Math.round(n * 100) / 100
}

/** Polls (and other events that repeat with time) a timeline keeps at most, each kind evenly spread over the run. */
export const REPEATING_KEPT = 240

const REPEATING = new Set<TimelineEvent['type']>(['poll', 'metrics-error', 'retry', 'wait'])

interface Thinning {
  /** Events of this kind seen so far, kept or not. */
  seen: number
  /** Every `stride`-th event of this kind is kept (a power of two), and always the latest. */
  stride: number
}

const thinnings = new WeakMap<TimelineEvent[], Map<TimelineEvent['type'], Thinning>>()
const sequence = new WeakMap<TimelineEvent, number>()

/**
 * Appends an event to a timeline whose size does not grow with the length of the bake: of the events that
 * repeat with time (polls, metrics errors, retries) it keeps every stride-th and the latest, at most
 * REPEATING_KEPT + 1 of each kind, doubling the stride when full. Every other event is kept.
 */
export function record(timeline: TimelineEvent[], event: TimelineEvent): void {
  if (!REPEATING.has(event.type)) {
    timeline.push(event)
    return
  }
  const kinds = thinnings.get(timeline) ?? new Map<TimelineEvent['type'], Thinning>()
  thinnings.set(timeline, kinds)
  const t = kinds.get(event.type) ?? { seen: 0, stride: 1 }
  kinds.set(event.type, t)
  t.seen++
  sequence.set(event, t.seen)
  const offStride = (e: TimelineEvent) => e.type === event.type && (sequence.get(e) ?? 0) % t.stride !== 0
  // The previous latest was kept only for being the latest.
  const last = lastIndexOf(timeline, event.type)
  if (last >= 0 && offStride(timeline[last] as TimelineEvent)) timeline.splice(last, 1)
  timeline.push(event)
  if (timeline.filter(e => e.type === event.type).length <= REPEATING_KEPT + 1) return
  t.stride *= 2
  const latest = event
  let w = 0
  for (const e of timeline) if (e === latest || !offStride(e)) timeline[w++] = e
  timeline.length = w
}

function lastIndexOf(timeline: TimelineEvent[], type: TimelineEvent['type']): number {
  for (let i = timeline.length - 1; i >= 0; i--) if ((timeline[i] as TimelineEvent).type === type) return i
  return -1
}

/** How many events of a repeating kind the run emitted, kept or not (0 for a timeline not built by `record`). */
export function seenCount(timeline: TimelineEvent[], type: TimelineEvent['type']): number {
  return thinnings.get(timeline)?.get(type)?.seen ?? timeline.filter(e => e.type === type).length
}
