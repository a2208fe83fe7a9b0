// The step's outputs, named by the Outputs constant: the same for one function or several.
import { Outputs } from '../constants.js'
import type { Outcome } from '../rollout/outcome.js'
import type { Combined } from './lockstep.js'
import { durationSeconds, stageRecords } from './words.js'

/** The `timeline` output of one function: every stage and its verdict, and the events that changed the alias. */
function timelineOf(outcome: Outcome): Record<string, unknown> {
  const iso = (t: number) => new Date(t).toISOString()
  const events = outcome.timeline.filter(e => e.type !== 'poll' && e.type !== 'stage-end').map(e => ({ ...e, at: iso(e.at) }))
  return {
    result: outcome.result,
    reason: outcome.reason,
    function: outcome.function.name,
    alias: outcome.alias,
    version: outcome.version ?? null,
    previousVersion: outcome.previousVersion ?? null,
    strategy: outcome.strategy.name,
    startedAt: iso(outcome.startedAt),
    finishedAt: iso(outcome.finishedAt),
    stages: stageRecords(outcome.timeline).map(s => ({ ...s, startedAt: iso(s.startedAt), endedAt: iso(s.endedAt) })),
    events
  }
}

type Summed = Pick<Outcome, 'result' | 'reason' | 'version' | 'previousVersion' | 'aliasArn' | 'startedAt' | 'finishedAt'>

function outputsOf(release: Summed, timeline: unknown): Record<string, string> {
  return {
    [Outputs.Result]: release.result,
    [Outputs.Version]: release.version ?? '',
    [Outputs.PreviousVersion]: release.previousVersion ?? '',
    [Outputs.Reason]: release.reason,
    [Outputs.AliasArn]: release.aliasArn ?? '',
    [Outputs.DurationSeconds]: String(durationSeconds(release)),
    [Outputs.Timeline]: JSON.stringify(timeline)
  }
}

export function outputs(outcome: Outcome): Record<string, string> {
  return outputsOf(outcome, timelineOf(outcome))
}

/** Several functions: the combined result, and a timeline per function. */
export function lockstepOutputs(outcomes: Outcome[], combined: Combined): Record<string, string> {
  return outputsOf(combined, { result: combined.result, reason: combined.reason, functions: outcomes.map(timelineOf) })
}
