// Outcome fixtures for the report tests: a run's timeline written event by event, so each verdict, chart and
// summary shape can be asked for directly.
import type { Counts } from '../../src/evidence.js'
import type { Verdict } from '../../src/judge/index.js'
import type { Outcome } from '../../src/rollout/outcome.js'
import type { SampleTotals, StageDecision, TimelineEvent } from '../../src/timeline.js'
import { T0 } from './fakes.js'

type Check = Verdict['checks'][number]

/** A gate check: passed on enough evidence unless told otherwise. */
export function check(gate: string, extra: Partial<Check> = {}): Check {
  return { gate, status: 'pass', observed: `${gate} observed`, limit: `${gate} limit`, enoughData: true, ...extra }
}

const version = (c: Counts) => ({ ...c, latencyMs: c.invocations > 0 ? 100 : undefined })

/** Counts since the first shift (what the gates and the chart see). */
export function totals(newVersion: Counts, oldVersion: Counts): SampleTotals {
  return { windowStart: T0, windowEnd: T0, newVersion: version(newVersion), oldVersion: version(oldVersion), throttles: 0 }
}

const at = (seconds: number) => T0 + seconds * 1000

export function shift(seconds: number, stage: number, weight: number): TimelineEvent {
  return { type: 'shift', at: at(seconds), stage, weight, alias: { version: '1', weights: { '2': weight }, revisionId: `r${stage}` } }
}

export function poll(seconds: number, stage: number, weight: number, sample: SampleTotals, checks: Check[] = []): TimelineEvent {
  const stageCounts = { newVersion: sample.newVersion, oldVersion: sample.oldVersion, throttles: 0 }
  return {
    type: 'poll',
    at: at(seconds),
    stage,
    weight,
    sample,
    counts: stageCounts,
    verdict: { status: 'pass', reasons: [], checks, judged: true }
  }
}

export function stageEnd(
  seconds: number,
  stage: number,
  weight: number,
  decision: StageDecision,
  checks: Check[],
  sample: SampleTotals = totals({ invocations: 100, errors: 0 }, { invocations: 900, errors: 1 }),
  reasons: string[] = []
): TimelineEvent {
  const status = decision === 'fail' ? 'fail' : decision === 'proceeded-without-enough-data' ? 'inconclusive' : 'pass'
  return {
    type: 'stage-end',
    at: at(seconds),
    stage,
    weight,
    startedAt: at(seconds - 60),
    sample,
    counts: { newVersion: sample.newVersion, oldVersion: sample.oldVersion, throttles: 0 },
    verdict: { status, reasons, checks, judged: decision !== 'not-judged' },
    decision
  }
}

export function promote(seconds: number): TimelineEvent {
  return { type: 'promote', at: at(seconds), alias: { version: '2', weights: {}, revisionId: 'rp' } }
}

export function restore(seconds: number, reason: string): TimelineEvent {
  return { type: 'restore', at: at(seconds), reason, ok: true, alias: { version: '1', weights: {}, revisionId: 'rr' } }
}

/** A deployment of api:live from version 1 to 2 with this timeline; promoted unless told otherwise. */
export function outcomeOf(timeline: TimelineEvent[], extra: Partial<Outcome> = {}): Outcome {
  const last = timeline.at(-1)?.at ?? T0
  return {
    function: { name: 'api', id: 'api' },
    alias: 'live',
    mode: 'deploy',
    strategy: { kind: 'custom', name: 'custom 10%:1m, 50%:1m' },
    result: 'promoted',
    reason: 'version 2 took 100% of alias "live" after 3 steps, replacing version 1',
    cause: { kind: 'completed' },
    version: '2',
    previousVersion: '1',
    startedAt: T0,
    finishedAt: last,
    timeline,
    ...extra
  }
}
