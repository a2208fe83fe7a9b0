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

export type TimelineEvent =
  | { type: 'preflight'; at: number; findings: Finding[] }
  | { type: 'split-restored'; at: number; from: AliasSnapshot; to: AliasSnapshot }
  | { type: 'published'; at: number; version: string; codeSha256: string }
  | { type: 'shift'; at: number; stage: number; weight: number; alias: AliasSnapshot }
  | { type: 'poll'; at: number; stage: number; weight: number; sample: Sample; counts: Evidence['stage']; verdict: Verdict }
  | { type: 'metrics-error'; at: number; stage: number; message: string; consecutive: number }
  | {
      type: 'stage-end'
      at: number
      stage: number
      weight: number
      startedAt: number
      /** Everything since the first shift (latency, metric gates). */
      sample: Sample
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
