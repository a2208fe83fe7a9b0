// Two more honest peers for the benchmark, each moving traffic through the same plan as the other judges
// (bench/staged.ts) and reading only the new version's own metrics (ExecutedVersion behind the alias):
//  - codedeploy-alarm: what a careful team configures with CodeDeploy — a CloudWatch alarm on the new
//    version's error rate (metric math Errors / Invocations, 60 s), threshold 2%, 2 of 3 datapoints,
//    missing data not breaching, evaluated every minute on the datapoints CloudWatch has at that moment
//    (as CloudWatch does, the 3 most recent within an evaluation range of 5 periods); ALARM restores the old version.
//  - flagger-like: Flagger's analysis — every 60 s the last minute's success rate of the new version must be
//    ≥ 99% and its p99 duration ≤ 500 ms (Flagger's documented request-duration example; 5/3 of the old
//    version's p99 of 300 ms in the benchmark's scenarios); a check without a datapoint fails, as Flagger's
//    "no values found" does; the 5th failed check rolls back; otherwise promoted after the stages.
import type { Plan } from '../src/plan.js'
import type { JudgeOutcome, Subject } from './judges.js'
import type { SimWorld } from './sim-ports.js'
import { MINUTE_MS, metricData, newVersionDimensions, stagedWatch } from './staged.js'

export const CODEDEPLOY_THRESHOLD = 0.02
export const CODEDEPLOY_DATAPOINTS_TO_ALARM = 2
export const CODEDEPLOY_EVALUATION_PERIODS = 3
/** The evaluation range: CloudWatch evaluates the most recent datapoints it has within it (late ones are missing). */
const CODEDEPLOY_RANGE_PERIODS = 5

export const FLAGGER_MIN_SUCCESS = 0.99
export const FLAGGER_MAX_P99_MS = 500
export const FLAGGER_THRESHOLD = 5
/** How far back a check looks for the last minute's datapoint (it is usually 1–2 minutes late). */
const FLAGGER_LOOKBACK_PERIODS = 3

/**
 * The alarm at `nowMs`: the 3 most recent of the new version's Errors / Invocations datapoints CloudWatch has
 * within the last 5 periods; ALARM when at least 2 of them exceed 2% (fewer than 3: the missing ones do not breach).
 */
export function codedeployAlarmState(world: SimWorld, subject: Subject, nowMs: number): { state: 'ALARM' | 'OK'; breaching: number[] } {
  const minute = Math.floor(nowMs / MINUTE_MS) * MINUTE_MS
  const dimensions = newVersionDimensions(world, subject)
  const r = metricData(
    world,
    [
      { id: 'errors', metric: 'Errors', stat: 'Sum', period: 60, dimensions, returnData: false },
      { id: 'invocations', metric: 'Invocations', stat: 'Sum', period: 60, dimensions, returnData: false },
      { id: 'rate', expression: 'errors / invocations' }
    ],
    minute - CODEDEPLOY_RANGE_PERIODS * MINUTE_MS,
    nowMs
  )
  const breaching = (r.get('rate')?.values ?? []).slice(-CODEDEPLOY_EVALUATION_PERIODS).filter(v => v > CODEDEPLOY_THRESHOLD)
  return { state: breaching.length >= CODEDEPLOY_DATAPOINTS_TO_ALARM ? 'ALARM' : 'OK', breaching }
}

export function codedeployAlarm(world: SimWorld, subject: Subject, plan: Plan): Promise<JudgeOutcome> {
  return stagedWatch(
    world,
    subject,
    plan,
    nowMs => {
      const a = codedeployAlarmState(world, subject, nowMs)
      if (a.state !== 'ALARM') return null
      const rates = a.breaching.map(v => `${(v * 100).toFixed(1)}%`).join(', ')
      return `alarm in ALARM (new version's error rate ${rates} > 2% in ${a.breaching.length} of 3 datapoints)`
    },
    'the alarm never went to ALARM'
  )
}

/** One Flagger check at `nowMs`: null when it passes, else why it failed. */
export function flaggerCheck(world: SimWorld, subject: Subject, nowMs: number): string | null {
  const minute = Math.floor(nowMs / MINUTE_MS) * MINUTE_MS
  const dimensions = newVersionDimensions(world, subject)
  const r = metricData(
    world,
    [
      { id: 'invocations', metric: 'Invocations', stat: 'Sum', period: 60, dimensions },
      { id: 'errors', metric: 'Errors', stat: 'Sum', period: 60, dimensions },
      { id: 'p99', metric: 'Duration', stat: 'p99', period: 60, dimensions }
    ],
    minute - FLAGGER_LOOKBACK_PERIODS * MINUTE_MS,
    minute
  )
  const byTime = (id: string) => {
    const d = r.get(id)
    return new Map((d?.timestamps ?? []).map((t, i) => [t, d?.values[i] as number]))
  }
  const invocations = byTime('invocations')
  const errors = byTime('errors')
  const p99 = byTime('p99')
  // The newest minute with every series visible (each datapoint arrives on its own).
  const last = [...invocations.keys()].filter(t => errors.has(t) && p99.has(t)).sort((a, b) => b - a)[0]
  if (last === undefined) return 'no values found for the new version'
  const n = invocations.get(last) as number
  const success = n > 0 ? 1 - (errors.get(last) as number) / n : 1
  const latency = p99.get(last) as number
  if (success < FLAGGER_MIN_SUCCESS) return `success rate ${(success * 100).toFixed(1)}% < 99%`
  if (latency > FLAGGER_MAX_P99_MS) return `p99 ${Math.round(latency)} ms > ${FLAGGER_MAX_P99_MS} ms`
  return null
}

export function flaggerLike(world: SimWorld, subject: Subject, plan: Plan): Promise<JudgeOutcome> {
  let failed = 0
  return stagedWatch(
    world,
    subject,
    plan,
    nowMs => {
      const why = flaggerCheck(world, subject, nowMs)
      if (why === null) return null
      failed++
      return failed >= FLAGGER_THRESHOLD ? `${FLAGGER_THRESHOLD} failed checks, the last: ${why}` : null
    },
    `fewer than ${FLAGGER_THRESHOLD} failed checks`
  )
}
