// How traffic moves: the strategy (or a CodeDeploy preset) with its weights, steps and bakes → the Plan.
import { Inputs, MAX_JOB_SECONDS } from '../constants.js'
import { InputError, formatDuration, parseChoice, parseDuration, parseFraction } from '../parse.js'
import { type Plan, type StrategySpec, buildPlan, findPreset, parseSteps } from '../plan.js'
import type { InputReader } from './reader.js'

const STRATEGIES = ['canary', 'linear', 'all-at-once', 'blue-green', 'custom'] as const

export function readPlan(input: InputReader): Plan {
  const strategyRaw = input(Inputs.Strategy)
  const finalBake = parseDuration(Inputs.FinalBake, input(Inputs.FinalBake), { allowZero: true, max: MAX_JOB_SECONDS })
  const preset = findPreset(strategyRaw)
  if (preset) return buildPlan(preset.spec, finalBake, preset.name)
  return buildPlan(readStrategySpec(input, strategyRaw), finalBake)
}

function readStrategySpec(input: InputReader, strategyRaw: string): StrategySpec {
  switch (parseStrategy(strategyRaw)) {
    case 'canary': {
      const weight = parseFraction(Inputs.CanaryWeight, input(Inputs.CanaryWeight), { allowOne: false })
      return { kind: 'canary', weight, bakeSeconds: parseDuration(Inputs.BakeTime, input(Inputs.BakeTime), { max: MAX_JOB_SECONDS }) }
    }
    case 'linear':
      return {
        kind: 'linear',
        stepWeight: parseFraction(Inputs.StepWeight, input(Inputs.StepWeight)),
        intervalSeconds: parseDuration(Inputs.Interval, input(Inputs.Interval), { max: MAX_JOB_SECONDS })
      }
    case 'all-at-once':
      return { kind: 'all-at-once' }
    case 'blue-green':
      return { kind: 'blue-green', bakeSeconds: parseDuration(Inputs.BakeTime, input(Inputs.BakeTime), { max: MAX_JOB_SECONDS }) }
    case 'custom': {
      const steps = input(Inputs.Steps)
      if (steps === '') throw new InputError(Inputs.Steps, steps, 'strategy "custom" needs steps, e.g. "10%:5m, 25%:10m, 50%:15m, 75%:10m"')
      return { kind: 'custom', ...parseSteps(steps) }
    }
  }
}

function parseStrategy(raw: string): (typeof STRATEGIES)[number] {
  try {
    return parseChoice(Inputs.Strategy, raw, STRATEGIES)
  } catch {
    throw new InputError(
      Inputs.Strategy,
      raw,
      `use one of ${STRATEGIES.map(s => `"${s}"`).join(', ')}, or a CodeDeploy Lambda preset such as "LambdaCanary10Percent5Minutes", "LambdaLinear10PercentEvery1Minute" or "LambdaAllAtOnce"`
    )
  }
}

/**
 * The runner cancels a job after 6 hours; a plan that cannot finish would leave the alias split.
 * `settleSeconds`: how long the last watched period takes to reach CloudWatch (lag + period).
 */
export function checkPlanFitsJob(input: InputReader, plan: Plan, settleSeconds: number): void {
  const settle = plan.stages.length > 0 || plan.finalBakeSeconds > 0 ? settleSeconds : 0
  const worstCase = plan.totalBakeSeconds + settle
  if (worstCase <= MAX_JOB_SECONDS) return
  const custom = input(Inputs.Strategy) === 'custom'
  throw new InputError(
    custom ? Inputs.Steps : Inputs.Strategy,
    custom ? input(Inputs.Steps) : input(Inputs.Strategy),
    `the plan "${plan.name}" bakes for ${formatDuration(worstCase)} including the final metric settle, more than GitHub's 6-hour job limit; shorten the stages`
  )
}
