// One run of the benchmark: one deployment of a scenario's new version by one judge, on a fresh simulator
// model with the aggregated traffic path, in virtual time. Run i of a scenario has the same seed for every
// judge (same traffic per period, same ingestion lags, same start second), so the judges are compared on
// common random numbers as far as their different alias weights allow.
import type { Settings } from '../src/settings.js'
import { ManualClock } from '../sim/clock.js'
import { DEFAULT_ORIGIN_EPOCH_MS, SimModel } from '../sim/model.js'
import { hash32, hashUnit } from '../sim/rng.js'
import type { Scenario } from '../sim/scenario.js'
import { type JudgeName, type JudgeOutcome, lambdaCanary, lambdaCanarySettings, seedAlarm, seedEndOfStage } from './judges.js'
import { codedeployAlarm, flaggerLike } from './peers.js'
import { type BenchScenario, shiftScenario } from './scenario.js'
import { SimWorld } from './sim-ports.js'

/**
 * Traffic on the old version before each deployment starts (so CloudWatch, the alarm and a judge's baseline
 * window — the old version's own metrics over the hour before the first shift — have history, as in production).
 */
export const WARMUP_SECONDS = 3600

/**
 * The deployment starts this long after DEFAULT_ORIGIN_EPOCH_MS (plus the run's random millisecond of the
 * minute), whatever the warm-up: the model's origin moves back instead, so every minute of the deployment
 * has the same traffic, lags and draws (they are keyed by the epoch minute) as with a shorter warm-up.
 */
const DEPLOYMENT_START_SECONDS = 300

export interface RunRecord {
  result: string
  /** The judge's reason, in its words. */
  reason: string
  /** Seconds from the first bad invocation to the first restoring UpdateAlias; null when either did not happen (or the restore came first). */
  detectionSeconds: number | null
  /** Invocations the new version served while bad, up to the end of the deployment. */
  badInvocations: number
  durationSeconds: number
}

/** A range of runs [from, to) of one judge on one scenario (by its index): the unit of work handed to a worker. */
export interface Task {
  id: number
  scenario: number
  judge: JudgeName
  from: number
  to: number
}

function runSeed(baseSeed: number, scenario: string, run: number): number {
  return hash32(baseSeed, scenario, run)
}

/** Prepared once per scenario (and per worker). */
export interface PreparedScenario {
  bench: BenchScenario
  shifted: Scenario
  settings: Settings
}

export function prepare(bench: BenchScenario): PreparedScenario {
  return {
    bench,
    shifted: shiftScenario(bench.scenario, WARMUP_SECONDS),
    settings: lambdaCanarySettings(bench.subject, bench.scenario.bench?.inputs)
  }
}

async function runOne(p: PreparedScenario, judge: JudgeName, baseSeed: number, run: number): Promise<RunRecord> {
  const { bench, shifted, settings } = p
  const seed = runSeed(baseSeed, bench.name, run)
  // The deployment starts at a random millisecond of the minute (the model's origin is minute-aligned otherwise).
  const start = DEFAULT_ORIGIN_EPOCH_MS + DEPLOYMENT_START_SECONDS * 1000 + Math.floor(hashUnit(seed, 'start-offset') * 60_000)
  const origin = start - WARMUP_SECONDS * 1000
  const model = new SimModel(shifted, { seed, originEpochMs: origin, aggregateTraffic: true })
  const clock = new ManualClock(origin)
  const world = new SimWorld(model, clock, bench.subject.functionName, bench.subject.aliasName)
  world.advance(WARMUP_SECONDS * 1000)

  const plan = settings.run.plan
  let outcome: JudgeOutcome
  switch (judge) {
    case 'seed-end-of-stage':
      outcome = await seedEndOfStage(world, bench.subject, plan)
      break
    case 'seed-alarm':
      outcome = await seedAlarm(world, bench.subject, plan)
      break
    case 'codedeploy-alarm':
      outcome = await codedeployAlarm(world, bench.subject, plan)
      break
    case 'flagger-like':
      outcome = await flaggerLike(world, bench.subject, plan)
      break
    case 'lambda-canary':
      outcome = await lambdaCanary(world, settings, seed)
      break
  }

  const { oldVersion, newVersion } = bench.subject
  const phases = model.phaseTotals(bench.subject.functionName, newVersion)
  let badInvocations = 0
  let firstBad: number | null = null
  for (const ph of phases) {
    if (!bench.badPhases[ph.phase]) continue
    badInvocations += ph.invocations
    if (ph.firstAt !== null && (firstBad === null || ph.firstAt < firstBad)) firstBad = ph.firstAt
  }
  // The start of the rollback: the first attempt to write the alias back to the old version alone, after a shift
  // (a weight for the new version, or the new version alone as all-at-once and blue-green move it).
  const firstShift = world.writes.findIndex(w => w.weights[newVersion] !== undefined || w.version === newVersion)
  const restore =
    firstShift < 0
      ? undefined
      : world.writes.slice(firstShift + 1).find(w => w.version === oldVersion && Object.keys(w.weights).length === 0)
  const restoreAt = restore ? model.timeOfEpochMs(restore.at) : null
  const detectionSeconds = restoreAt !== null && firstBad !== null && restoreAt >= firstBad ? restoreAt - firstBad : null
  return {
    result: outcome.result,
    reason: outcome.reason,
    detectionSeconds,
    badInvocations,
    durationSeconds: (outcome.finishedAt - outcome.startedAt) / 1000
  }
}

export async function runTask(prepared: PreparedScenario[], task: Task, seed: number): Promise<RunRecord[]> {
  const out: RunRecord[] = []
  const p = prepared[task.scenario] as PreparedScenario
  for (let run = task.from; run < task.to; run++) out.push(await runOne(p, task.judge, seed, run))
  return out
}
