// The step's outputs, named by the Outputs constant: the same for one function or several. The `timeline`
// output is bounded (TIMELINE_OUTPUT_LIMIT); the whole timeline goes to a file, its path in `timeline-file`.
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Outputs } from '../constants.js'
import type { Outcome } from '../rollout/outcome.js'
import type { TimelineEvent } from '../timeline.js'
import { outputText } from './hygiene.js'
import type { Combined } from './lockstep.js'
import { type StageRecord, durationSeconds, stageRecords } from './words.js'

/**
 * Bytes the `timeline` output may take: a later step reads it through an environment variable or an
 * expression, and Linux refuses a single environment string over 128 KiB (the step would not even start).
 */
export const TIMELINE_OUTPUT_LIMIT = 64 * 1024

/** Writes the whole timeline (JSON) somewhere a later step can read it; returns its path, or undefined. */
export type TimelineWriter = (json: string) => string | undefined

/** The runner's temporary directory (one fresh directory per step), or the system's outside a runner. */
export function runnerTempWriter(env: NodeJS.ProcessEnv = process.env): TimelineWriter {
  return json => {
    try {
      const dir = mkdtempSync(join(env.RUNNER_TEMP || tmpdir(), 'lambda-canary-'))
      const path = join(dir, 'timeline.json')
      writeFileSync(path, json)
      return path
    } catch {
      return undefined
    }
  }
}

const iso = (t: number) => new Date(t).toISOString()

/** The `timeline` of one function: every stage and its verdict, and the events that changed the alias. */
function timelineOf(outcome: Outcome): Record<string, unknown> {
  const events = outcome.timeline.filter(e => e.type !== 'poll' && e.type !== 'stage-end').map(e => ({ ...e, at: iso(e.at) }))
  return {
    ...header(outcome),
    stages: stageRecords(outcome.timeline).map(s => ({ ...s, startedAt: iso(s.startedAt), endedAt: iso(s.endedAt) })),
    events
  }
}

function header(outcome: Outcome): Record<string, unknown> {
  return {
    result: outcome.result,
    reason: outcome.reason,
    function: outcome.function.name,
    alias: outcome.alias,
    version: outcome.version ?? null,
    previousVersion: outcome.previousVersion ?? null,
    strategy: outcome.strategy.name,
    startedAt: iso(outcome.startedAt),
    finishedAt: iso(outcome.finishedAt)
  }
}

/** The events that say what happened to the alias beyond the stages (each shift is a stage already). */
const ALIAS_EVENTS = new Set<TimelineEvent['type']>(['split-restored', 'promote', 'restore', 'conflict', 'manual-rollback'])

/** A stage in a few numbers: when it ended and how long it took, its counts, no gate checks, no totals since the first shift. */
function compactStage(s: StageRecord): Record<string, unknown> {
  const version = (v: StageRecord['newVersion']) => ({ invocations: v.invocations, errors: v.errors, latencyMs: v.latencyMs ?? null })
  return {
    stage: s.stage,
    weight: s.weight,
    endedAt: iso(s.endedAt),
    seconds: Math.round((s.endedAt - s.startedAt) / 1000),
    decision: s.decision,
    newVersion: version(s.newVersion),
    oldVersion: version(s.oldVersion),
    ...(s.throttles > 0 ? { throttles: s.throttles } : {}),
    ...(s.reasons.length > 0 ? { reasons: s.reasons.map(r => cut(r, 500)) } : {})
  }
}

/**
 * Shorter and shorter forms of one function's timeline: `level` 1 keeps every stage in a few numbers and the
 * alias's events; 2 keeps only the stages that did not pass and the last one, saying how many it left out.
 */
function shortTimelineOf(outcome: Outcome, level: 1 | 2): Record<string, unknown> {
  const stages = stageRecords(outcome.timeline)
  const kept = level === 1 ? stages : stages.filter((s, i) => s.decision !== 'pass' || i === stages.length - 1)
  const events = outcome.timeline.filter(e => ALIAS_EVENTS.has(e.type)).map(e => ({ ...e, at: iso(e.at) }))
  return {
    ...header(outcome),
    reason: cut(outcome.reason, 2000),
    stages: kept.map(compactStage),
    ...(kept.length < stages.length ? { omittedStages: stages.length - kept.length } : {}),
    events: level === 1 ? events : events.slice(-10)
  }
}

function cut(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max)}…` : text
}

const SHORTENED = 'the whole timeline is larger than the 64 KB this output may take; it is in the file named by the timeline-file output'

/**
 * The `timeline` output: the whole timeline when it fits TIMELINE_OUTPUT_LIMIT, else the longest shorter form
 * that fits (marked `truncated`), else the result and reason alone.
 */
export function boundedTimeline(
  full: string,
  shorter: ((level: 1 | 2) => Record<string, unknown>) | undefined,
  head: { result: string; reason: string }
): string {
  if (Buffer.byteLength(full) <= TIMELINE_OUTPUT_LIMIT) return full
  for (const level of [1, 2] as const) {
    const text = shorter ? JSON.stringify({ ...shorter(level), truncated: true, note: SHORTENED }) : undefined
    if (text !== undefined && Buffer.byteLength(text) <= TIMELINE_OUTPUT_LIMIT) return text
  }
  return JSON.stringify({ result: head.result, reason: cut(head.reason, 4000), truncated: true, note: SHORTENED })
}

/**
 * The same JSON, with nothing a runner could read as a workflow command should a later step echo it: `::` and
 * `##[` (which can only occur inside strings) and the line separators written as \u escapes. JSON.parse gives
 * back the same values.
 */
export function commandFreeJson(json: string): string {
  return json
    .replace(/:(?=:)/g, '\\u003a')
    .replace(/##\[/g, '\\u0023#[')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029')
    .replace(/\u0085/g, '\\u0085')
}

type Summed = Pick<Outcome, 'result' | 'reason' | 'version' | 'previousVersion' | 'aliasArn' | 'startedAt' | 'finishedAt'>

/** Text outputs are one bounded line (outputText); `timeline` is JSON, whose strings keep the raw text escaped as JSON. */
function outputsOf(release: Summed, timeline: string, file: string | undefined): Record<string, string> {
  return {
    [Outputs.Result]: release.result,
    [Outputs.Version]: outputText(release.version ?? ''),
    [Outputs.PreviousVersion]: outputText(release.previousVersion ?? ''),
    [Outputs.Reason]: outputText(release.reason),
    [Outputs.AliasArn]: outputText(release.aliasArn ?? ''),
    [Outputs.DurationSeconds]: String(durationSeconds(release)),
    [Outputs.Timeline]: commandFreeJson(timeline),
    [Outputs.TimelineFile]: file ?? ''
  }
}

export function outputs(outcome: Outcome, write: TimelineWriter = runnerTempWriter()): Record<string, string> {
  const full = JSON.stringify(timelineOf(outcome))
  return outputsOf(
    outcome,
    boundedTimeline(full, level => shortTimelineOf(outcome, level), outcome),
    write(full)
  )
}

/** Several functions: the combined result, and a timeline per function. */
export function lockstepOutputs(
  outcomes: Outcome[],
  combined: Combined,
  write: TimelineWriter = runnerTempWriter()
): Record<string, string> {
  const head = { result: combined.result, reason: combined.reason }
  const full = JSON.stringify({ ...head, functions: outcomes.map(timelineOf) })
  const shorter = (level: 1 | 2) => ({ ...head, reason: cut(head.reason, 4000), functions: outcomes.map(o => shortTimelineOf(o, level)) })
  return outputsOf(combined, boundedTimeline(full, shorter, head), write(full))
}
