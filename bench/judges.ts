// The three judges the benchmark compares, each deploying the same new version over the same
// simulated traffic:
//  - seed-end-of-stage: the reference canary script — function-wide error rate > 1% or function-wide
//    average latency > 2000 ms over a stage (GetMetricStatistics on FunctionName only, both versions
//    summed), checked once at the end of each stage.
//  - seed-alarm: the reference CloudWatch alarm — function-level Errors (Sum, FunctionName only) > 0 for
//    2 consecutive 60 s periods — polled every minute as CodeDeploy does; ALARM rolls back.
//  - lambda-canary: the action's own runDeployment with default settings.
//  - codedeploy-alarm, flagger-like: two more honest peers (bench/peers.ts).
// All go through the same ports over the simulator (bench/sim-ports.ts) in virtual time, and move traffic
// through the same plan (the benchmark's stages, or the scenario's own inputs).
import { readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parse as parseYaml } from 'yaml'
import type { Settings } from '../src/settings.js'
import { readSettings } from '../src/inputs/index.js'
import type { Plan } from '../src/plan.js'
import { runDeployment } from '../src/rollout/index.js'
import { Rng } from '../sim/rng.js'
import { SimAlias, SimClock, SimFunction, SimMetrics, SimProbe, type SimWorld } from './sim-ports.js'
import { type Datapoints, MINUTE_MS, metricData, phasesOf, stagedWatch } from './staged.js'

export const JUDGES = ['seed-end-of-stage', 'seed-alarm', 'codedeploy-alarm', 'flagger-like', 'lambda-canary'] as const
export type JudgeName = (typeof JUDGES)[number]

/** The stages every judge uses, unless a scenario gives its own inputs (`bench.inputs`). */
export const STEPS = '10%:5m, 25%:10m, 50%:15m, 75%:10m'

export interface Subject {
  functionName: string
  aliasName: string
  oldVersion: string
  newVersion: string
}

export interface JudgeOutcome {
  /** lambda-canary's result ("promoted", "rolled-back", "failed", …); the seed judges say "promoted" or "rolled-back". */
  result: string
  reason: string
  /** Epoch ms. */
  startedAt: number
  finishedAt: number
}

// ── lambda-canary ──────────────────────────────────────────────────────────────────────────────

let actionDefaults: Record<string, string> | undefined

/**
 * The defaults of action.yml: on a runner, an input the workflow does not set arrives with this
 * default, so "default settings" means these (getSettings falls back to its own DEFAULTS when empty).
 */
export function readActionDefaults(): Record<string, string> {
  if (actionDefaults) return actionDefaults
  const defaults: Record<string, string> = {}
  try {
    let here: string
    try {
      here = dirname(fileURLToPath(import.meta.url))
    } catch {
      here = join(process.cwd(), 'bench')
    }
    const action = parseYaml(readFileSync(join(here, '..', 'action.yml'), 'utf8')) as { inputs?: Record<string, { default?: unknown }> }
    for (const [name, spec] of Object.entries(action.inputs ?? {})) {
      if (spec?.default !== undefined && spec.default !== null) defaults[name] = String(spec.default)
    }
  } catch {
    // No action.yml: getSettings' own defaults apply.
  }
  actionDefaults = defaults
  return defaults
}

/**
 * Settings from the inputs a workflow would give: only these (the benchmark's stages, or the scenario's
 * own strategy inputs); everything else is the default.
 */
export function lambdaCanarySettings(subject: Subject, inputs: Record<string, string> = {}): Settings {
  const stages = inputs.strategy === undefined || inputs.strategy === 'custom' ? { strategy: 'custom', steps: STEPS } : {}
  const given: Record<string, string> = {
    'function-name': subject.functionName,
    version: subject.newVersion,
    ...stages,
    'metric-period': '1m',
    ...(subject.aliasName !== 'live' ? { alias: subject.aliasName } : {}),
    ...inputs
  }
  const defaults = readActionDefaults()
  return readSettings(name => given[name] ?? defaults[name] ?? '', {})
}

export async function lambdaCanary(world: SimWorld, settings: Settings, seed: number): Promise<JudgeOutcome> {
  const rng = new Rng(seed, 'bench:retry-jitter')
  const outcome = await runDeployment(settings.run, settings.deployments[0]!, {
    alias: new SimAlias(world),
    fn: new SimFunction(world),
    metrics: new SimMetrics(world),
    probe: new SimProbe(world),
    clock: new SimClock(world),
    random: () => rng.next()
  })
  return { result: outcome.result, reason: outcome.reason, startedAt: outcome.startedAt, finishedAt: outcome.finishedAt }
}

// ── the seed judges ────────────────────────────────────────────────────────────────────────────

const sum = (d: Datapoints | undefined) => (d?.values ?? []).reduce((a, b) => a + b, 0)

/** The script's GetMetricStatistics over one stage, on FunctionName only: one period spanning the stage. */
function functionWideStage(
  world: SimWorld,
  startMs: number,
  endMs: number
): { invocations: number; errors: number; averageMs: number | undefined } {
  const alignedStart = Math.floor(startMs / MINUTE_MS) * MINUTE_MS
  const period = Math.max(60, Math.ceil((endMs - alignedStart) / MINUTE_MS) * 60)
  const r = metricData(
    world,
    [
      { id: 'invocations', metric: 'Invocations', stat: 'Sum', period },
      { id: 'errors', metric: 'Errors', stat: 'Sum', period },
      { id: 'latency', metric: 'Duration', stat: 'Average', period }
    ],
    startMs,
    endMs
  )
  return { invocations: sum(r.get('invocations')), errors: sum(r.get('errors')), averageMs: r.get('latency')?.values[0] }
}

/** The script: each phase (stages, then the final bake at 100%) checked once, at its end. */
export async function seedEndOfStage(world: SimWorld, subject: Subject, plan: Plan): Promise<JudgeOutcome> {
  const alias = new SimAlias(world)
  const startedAt = world.now()
  let current = await alias.read()
  let promoted = false
  for (const phase of phasesOf(plan)) {
    promoted = phase.weight >= 1
    const target = promoted
      ? { version: subject.newVersion, weights: {} }
      : { version: subject.oldVersion, weights: { [subject.newVersion]: phase.weight } }
    current = await alias.write(target, current.revisionId)
    const stageStart = world.now()
    world.advance(phase.bakeSeconds * 1000)
    const m = functionWideStage(world, stageStart, world.now())
    const rate = m.invocations > 0 ? m.errors / m.invocations : 0
    const average = m.averageMs ?? 0
    if (rate > 0.01 || average > 2000) {
      await alias.write({ version: subject.oldVersion, weights: {} }, current.revisionId)
      const why =
        rate > 0.01
          ? `function error rate ${(rate * 100).toFixed(2)}% > 1%`
          : `function average latency ${Math.round(average)} ms > 2000 ms`
      return { result: 'rolled-back', reason: `${phase.label}: ${why}`, startedAt, finishedAt: world.now() }
    }
  }
  if (!promoted) await alias.write({ version: subject.newVersion, weights: {} }, current.revisionId)
  return { result: 'promoted', reason: 'every stage under 1% errors and 2000 ms average', startedAt, finishedAt: world.now() }
}

/** Periods the alarm looks back over to find its 2 datapoints (missing data is treated as missing). */
const ALARM_LOOKBACK_PERIODS = 5

/**
 * The reference alarm at `nowMs`: Errors (Sum, FunctionName only, 60 s) > 0 in each of the 2 most recent
 * datapoints CloudWatch has (late datapoints are simply not there yet). Fewer than 2: not in ALARM.
 */
export function seedAlarmState(world: SimWorld, nowMs: number): 'ALARM' | 'OK' | 'INSUFFICIENT_DATA' {
  const r = metricData(
    world,
    [{ id: 'errors', metric: 'Errors', stat: 'Sum', period: 60 }],
    nowMs - ALARM_LOOKBACK_PERIODS * MINUTE_MS,
    nowMs
  )
  const values = r.get('errors')?.values ?? []
  if (values.length < 2) return 'INSUFFICIENT_DATA'
  return (values[values.length - 1] as number) > 0 && (values[values.length - 2] as number) > 0 ? 'ALARM' : 'OK'
}

export function seedAlarm(world: SimWorld, subject: Subject, plan: Plan): Promise<JudgeOutcome> {
  return stagedWatch(
    world,
    subject,
    plan,
    nowMs => (seedAlarmState(world, nowMs) === 'ALARM' ? 'alarm in ALARM (Errors > 0 for 2 periods)' : null),
    'the alarm never went to ALARM'
  )
}
