// What the benchmark's own judges share: the plan's phases (its stages, then the final bake at 100%),
// GetMetricData on the model, and a release that moves traffic stage by stage and runs a check every minute,
// restoring the old version on the first failed verdict (seed-alarm, codedeploy-alarm, flagger-like).
import type { Plan } from '../src/plan.js'
import type { AliasState } from '../src/ports.js'
import type { JudgeOutcome, Subject } from './judges.js'
import { SimAlias, type SimWorld } from './sim-ports.js'

export const MINUTE_MS = 60_000

export interface Datapoints {
  timestamps: number[]
  values: number[]
}

/** One phase of a release: the new version's weight (1 = promoted) and how long it is watched. */
export interface Phase {
  weight: number
  bakeSeconds: number
  label: string
}

/** The plan's stages, then its final bake at 100% (when it has one). */
export function phasesOf(plan: Plan): Phase[] {
  const phases: Phase[] = plan.stages.map((s, i) => ({ weight: s.weight, bakeSeconds: s.bakeSeconds, label: `stage ${i + 1}` }))
  if (plan.finalBakeSeconds > 0) phases.push({ weight: 1, bakeSeconds: plan.finalBakeSeconds, label: 'final bake' })
  return phases
}

export interface Query {
  id: string
  metric?: string
  stat?: string
  period?: number
  /** Dimensions; default FunctionName only. */
  dimensions?: Record<string, string>
  /** Metric math over other ids instead of a metric. */
  expression?: string
  returnData?: boolean
}

/** GetMetricData on the model (AWS/Lambda), results by id in ascending time (timestamps in epoch seconds). */
export function metricData(world: SimWorld, queries: Query[], startMs: number, endMs: number): Map<string, Datapoints> {
  const out = world.model.getMetricData({
    MetricDataQueries: queries.map(q =>
      q.expression !== undefined
        ? { Id: q.id, Expression: q.expression, ReturnData: q.returnData ?? true }
        : {
            Id: q.id,
            MetricStat: {
              Metric: {
                Namespace: 'AWS/Lambda',
                MetricName: q.metric,
                Dimensions: Object.entries(q.dimensions ?? { FunctionName: world.functionName }).map(([Name, Value]) => ({ Name, Value }))
              },
              Period: q.period,
              Stat: q.stat
            },
            ReturnData: q.returnData ?? true
          }
    ),
    StartTime: new Date(startMs),
    EndTime: new Date(endMs),
    ScanBy: 'TimestampAscending'
  }) as { MetricDataResults: { Id: string; Timestamps: number[]; Values: number[] }[] }
  return new Map(out.MetricDataResults.map(r => [r.Id, { timestamps: r.Timestamps, values: r.Values }]))
}

/** The dimensions of the new version's own metrics behind the alias (ExecutedVersion). */
export function newVersionDimensions(world: SimWorld, subject: Subject): Record<string, string> {
  return { FunctionName: world.functionName, Resource: `${world.functionName}:${world.aliasName}`, ExecutedVersion: subject.newVersion }
}

async function move(alias: SimAlias, current: AliasState, subject: Subject, weight: number): Promise<AliasState> {
  const target =
    weight >= 1 ? { version: subject.newVersion, weights: {} } : { version: subject.oldVersion, weights: { [subject.newVersion]: weight } }
  return alias.write(target, current.revisionId)
}

/**
 * Moves traffic through the plan's phases and calls `check` every minute from the start (the time it is
 * polled, in epoch ms; null = fine, else why it fails). The first failure restores the old version.
 */
export async function stagedWatch(
  world: SimWorld,
  subject: Subject,
  plan: Plan,
  check: (nowMs: number) => string | null,
  promotedReason: string
): Promise<JudgeOutcome> {
  const alias = new SimAlias(world)
  const startedAt = world.now()
  let current = await alias.read()
  let nextPoll = startedAt + MINUTE_MS
  let promoted = false
  for (const phase of phasesOf(plan)) {
    current = await move(alias, current, subject, phase.weight)
    promoted = phase.weight >= 1
    const phaseEnd = world.now() + phase.bakeSeconds * 1000
    while (world.now() < phaseEnd) {
      const until = Math.min(nextPoll, phaseEnd)
      world.advance(until - world.now())
      if (world.now() < nextPoll) continue
      nextPoll += MINUTE_MS
      const why = check(world.now())
      if (why !== null) {
        await alias.write({ version: subject.oldVersion, weights: {} }, current.revisionId)
        return { result: 'rolled-back', reason: `${phase.label}: ${why}`, startedAt, finishedAt: world.now() }
      }
    }
  }
  if (!promoted) await alias.write({ version: subject.newVersion, weights: {} }, current.revisionId)
  return { result: 'promoted', reason: promotedReason, startedAt, finishedAt: world.now() }
}
