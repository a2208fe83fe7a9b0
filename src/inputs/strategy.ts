// How traffic moves: the strategy (or a CodeDeploy preset) with its weights, steps and bakes → the Plan.
import { Inputs, MAX_JOB_SECONDS } from '../constants.js'
import { InputError, formatDuration, formatPercent, parseChoice, parseDuration } from '../parse.js'
import { MAX_STAGES, type Plan, type StrategySpec, buildPlan, findPreset, linearStageCount, parseSteps, parseWeight } from '../plan.js'
import type { InputReader } from './reader.js'

const STRATEGIES = ['canary', 'linear', 'all-at-once', 'blue-green', 'custom'] as const

export function readPlan(input: InputReader): Plan {
  const strategyRaw = input(Inputs.Strategy)
  const finalBake = parseDuration(Inputs.FinalBake, input(Inputs.FinalBake), { allowZero: true, max: MAX_JOB_SECONDS })
  const preset = findPreset(strategyRaw)
  if (preset) return buildPlan(preset.spec, finalBake, preset.name)
  return buildPlan(readStrategySpec(input, strategyRaw), finalBake)
}

/**
 * The strategy inputs the workflow or the config file gave, each checked as its own strategy reads it, whether
 * or not the chosen strategy uses it (unused.ts says which do not apply).
 */
export function readUnusedStrategyInputs(input: InputReader, given: (name: string) => boolean): void {
  const readers: Record<string, () => unknown> = {
    [Inputs.CanaryWeight]: () => parseWeight(Inputs.CanaryWeight, input(Inputs.CanaryWeight)),
    [Inputs.BakeTime]: () => parseDuration(Inputs.BakeTime, input(Inputs.BakeTime), { max: MAX_JOB_SECONDS }),
    [Inputs.StepWeight]: () => readStepWeight(input),
    [Inputs.Interval]: () => parseDuration(Inputs.Interval, input(Inputs.Interval), { max: MAX_JOB_SECONDS }),
    [Inputs.Steps]: () => parseSteps(input(Inputs.Steps))
  }
  for (const [name, read] of Object.entries(readers)) if (given(name)) read()
}

function readStrategySpec(input: InputReader, strategyRaw: string): StrategySpec {
  switch (parseStrategy(strategyRaw)) {
    case 'canary': {
      const weight = parseWeight(Inputs.CanaryWeight, input(Inputs.CanaryWeight))
      return { kind: 'canary', weight, bakeSeconds: parseDuration(Inputs.BakeTime, input(Inputs.BakeTime), { max: MAX_JOB_SECONDS }) }
    }
    case 'linear':
      return {
        kind: 'linear',
        stepWeight: readStepWeight(input),
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

/** A linear step: a weight that does not round to 0 or 100%, making at most MAX_STAGES stages. */
function readStepWeight(input: InputReader): number {
  const raw = input(Inputs.StepWeight)
  const step = parseWeight(Inputs.StepWeight, raw)
  const stages = linearStageCount(step)
  if (stages > MAX_STAGES) {
    throw new InputError(
      Inputs.StepWeight,
      raw,
      `a linear step of ${formatPercent(step, 4)} makes ${stages} stages, more than the ${MAX_STAGES} a plan may have; use a step of at least 1%`
    )
  }
  return step
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
 * The runner cancels a job after 6 hours; a plan that cannot finish would leave the alias split. The worst case
 * is every bake plus, after each stage and after the final bake, the settle window (`settleSeconds`: metric-lag
 * + metric-period) the decision waits for when the data is short.
 */
export function checkPlanFitsJob(input: InputReader, plan: Plan, settleSeconds: number): void {
  const stages = plan.stages.reduce((sum, s) => sum + s.bakeSeconds + settleSeconds, 0)
  const final = plan.finalBakeSeconds > 0 ? plan.finalBakeSeconds + settleSeconds : 0
  const worstCase = stages + final
  if (worstCase <= MAX_JOB_SECONDS) return
  const named = planInput(input, plan)
  const parts = [
    ...(plan.stages.length > 0
      ? [
          `${plan.stages.length} stage${plan.stages.length === 1 ? '' : 's'} baking ${formatDuration(plan.totalBakeSeconds - plan.finalBakeSeconds)} in all, each followed by a settle window of ${formatDuration(settleSeconds)}`
        ]
      : []),
    ...(plan.finalBakeSeconds > 0 ? [`a final bake of ${formatDuration(plan.finalBakeSeconds)} and its settle window`] : [])
  ]
  throw new InputError(
    named,
    input(named),
    `the plan "${plan.name}" can take ${formatDuration(worstCase)} (${parts.join(', and ')}; the settle window is metric-lag ${input(Inputs.MetricLag)} + metric-period ${input(Inputs.MetricPeriod)}), more than GitHub's 6-hour job limit; shorten the stages or final-bake, or lower metric-lag or metric-period`
  )
}

/** The input that set the plan's length: the steps, the interval, the bake time, the final bake or the preset's name. */
function planInput(input: InputReader, plan: Plan): string {
  const finalBakeGiven = parseDuration(Inputs.FinalBake, input(Inputs.FinalBake), { allowZero: true }) > 0
  if (plan.stages.length === 0 && finalBakeGiven) return Inputs.FinalBake
  if (findPreset(input(Inputs.Strategy))) return Inputs.Strategy
  switch (plan.kind) {
    case 'custom':
      return Inputs.Steps
    case 'linear':
      return Inputs.Interval
    case 'all-at-once':
      return Inputs.FinalBake
    default:
      return Inputs.BakeTime
  }
}
