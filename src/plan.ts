// Strategy → ordered stages. Pure: no AWS, no GitHub.
import { InputError, formatDuration, formatPercent, parseDuration, parseFraction } from './parse.js'
import { Inputs, MAX_JOB_SECONDS } from './constants.js'

/** Traffic to the new version is `weight` (0 < weight < 1) for `bakeSeconds`, watched. */
export interface Stage {
  weight: number
  bakeSeconds: number
}

export type StrategySpec =
  | { kind: 'canary'; weight: number; bakeSeconds: number }
  | { kind: 'linear'; stepWeight: number; intervalSeconds: number }
  | { kind: 'all-at-once' }
  | { kind: 'blue-green'; bakeSeconds: number }
  | { kind: 'custom'; stages: Stage[]; finalBakeSeconds: number }

export interface Plan {
  /** The strategy's shape: what the rollout and the report branch on (never the raw input). */
  kind: StrategySpec['kind']
  /** What the user asked for, e.g. "canary 10% for 5m" or "LambdaLinear10PercentEvery1Minute". */
  name: string
  /** Weighted stages before promotion, in order; weights strictly rise and stay below 100%. */
  stages: Stage[]
  /** Watched time at 100% after promotion, before success is declared. */
  finalBakeSeconds: number
  totalBakeSeconds: number
}

/** Weighted stages a plan may have: each is an alias write and at least one look; 100 allows a 1% linear step. */
export const MAX_STAGES = 100

/**
 * Weights go to Lambda as fractions rounded to 6 decimals (0.0001%); Lambda documents only the range 0.0–1.0.
 * A weight that rounds to 0 sends the new version nothing; one that rounds to 1 moves all traffic unjudged.
 */
const WEIGHT_RANGE = 'use a weight from 0.0001% to 99.9999% (weights are sent to Lambda as fractions rounded to 6 decimals)'

/** A traffic weight: refused when it rounds to 0%, or to 100% without being exactly 100% (only when `allowOne`). */
export function parseWeight(input: string, raw: string, opts: { allowOne?: boolean } = {}): number {
  const weight = parseFraction(input, raw, { allowOne: opts.allowOne ?? false })
  const value = raw.trim()
  const exact = value.endsWith('%') ? Number(value.slice(0, -1).trim()) / 100 : Number(value)
  if (weight === 0) throw new InputError(input, raw, `it rounds to 0%, so no traffic would reach the new version; ${WEIGHT_RANGE}`)
  if (weight === 1 && (exact !== 1 || !opts.allowOne)) {
    throw new InputError(input, raw, `it rounds to 100%, so all traffic would move to the new version unjudged; ${WEIGHT_RANGE}`)
  }
  return weight
}

/** How many stages a linear step makes (k × step for k = 1, 2, … while below 100%), without building them. */
export function linearStageCount(stepWeight: number): number {
  const micro = Math.round(stepWeight * 1e6)
  return micro <= 0 ? Number.POSITIVE_INFINITY : Math.ceil(1e6 / micro) - 1
}

/** CodeDeploy's predefined Lambda deployment configurations, keyed by their short SAM names. */
export const PRESETS: Record<string, StrategySpec> = {
  Canary10Percent5Minutes: { kind: 'canary', weight: 0.1, bakeSeconds: 300 },
  Canary10Percent10Minutes: { kind: 'canary', weight: 0.1, bakeSeconds: 600 },
  Canary10Percent15Minutes: { kind: 'canary', weight: 0.1, bakeSeconds: 900 },
  Canary10Percent30Minutes: { kind: 'canary', weight: 0.1, bakeSeconds: 1800 },
  Linear10PercentEvery1Minute: { kind: 'linear', stepWeight: 0.1, intervalSeconds: 60 },
  Linear10PercentEvery2Minutes: { kind: 'linear', stepWeight: 0.1, intervalSeconds: 120 },
  Linear10PercentEvery3Minutes: { kind: 'linear', stepWeight: 0.1, intervalSeconds: 180 },
  Linear10PercentEvery10Minutes: { kind: 'linear', stepWeight: 0.1, intervalSeconds: 600 },
  AllAtOnce: { kind: 'all-at-once' }
}

/**
 * Finds a preset by any of the names CodeDeploy and SAM use: "Canary10Percent5Minutes",
 * "LambdaCanary10Percent5Minutes", "CodeDeployDefault.LambdaCanary10Percent5Minutes" (any case).
 */
export function findPreset(name: string): { name: string; spec: StrategySpec } | undefined {
  const short = name
    .trim()
    .replace(/^CodeDeployDefault\./i, '')
    .replace(/^Lambda(?=(Canary|Linear|AllAtOnce))/i, '')
  const key = Object.keys(PRESETS).find(k => k.toLowerCase() === short.toLowerCase())
  return key ? { name: `CodeDeployDefault.Lambda${key}`, spec: PRESETS[key] as StrategySpec } : undefined
}

/** "10%:5m, 25%:10m, 50%:15m, 75%:10m" — a last step of 100% sets the watched time after promotion. */
export function parseSteps(raw: string): { stages: Stage[]; finalBakeSeconds: number } {
  const accepted =
    'list steps as "weight:bake" separated by commas or new lines, e.g. "10%:5m, 25%:10m, 50%:15m"; weights rise, stay above 0 and at most 100% (only the last step may be 100%)'
  const parts = raw
    .split(/[,\n]/)
    .map(s => s.trim())
    .filter(s => s !== '')
  if (parts.length === 0) throw new InputError(Inputs.Steps, raw, accepted)
  const stages: Stage[] = []
  let finalBakeSeconds = 0
  parts.forEach((part, i) => {
    const m = /^([^:]+):([^:]+)$/.exec(part)
    if (!m) throw new InputError(Inputs.Steps, raw, `step "${part}" is not "weight:bake"; ${accepted}`)
    let weight: number
    let bake: number
    try {
      weight = parseWeight(Inputs.Steps, (m[1] as string).trim(), { allowOne: true })
      bake = parseDuration(Inputs.Steps, (m[2] as string).trim(), { allowZero: weight === 1, max: MAX_JOB_SECONDS })
    } catch (e) {
      throw new InputError(Inputs.Steps, raw, `step "${part}" is invalid (${(e as InputError).accepted}); ${accepted}`)
    }
    const previous = stages[stages.length - 1]
    if (previous && weight <= previous.weight) {
      throw new InputError(Inputs.Steps, raw, `step "${part}" does not rise above ${formatPercent(previous.weight)}; ${accepted}`)
    }
    if (weight === 1) {
      if (i !== parts.length - 1) throw new InputError(Inputs.Steps, raw, `step "${part}" is 100% but is not the last; ${accepted}`)
      finalBakeSeconds = bake
    } else {
      stages.push({ weight, bakeSeconds: bake })
    }
  })
  if (stages.length > MAX_STAGES) {
    throw new InputError(
      Inputs.Steps,
      raw,
      `it lists ${stages.length} weighted steps, more than the ${MAX_STAGES} a plan may have; ${accepted}`
    )
  }
  return { stages, finalBakeSeconds }
}

export function buildPlan(spec: StrategySpec, finalBakeSeconds: number, name?: string): Plan {
  let stages: Stage[] = []
  let finalBake = finalBakeSeconds
  let label = name
  switch (spec.kind) {
    case 'canary':
      stages = [{ weight: spec.weight, bakeSeconds: spec.bakeSeconds }]
      label ??= `canary ${formatPercent(spec.weight)} for ${formatDuration(spec.bakeSeconds)}`
      break
    case 'linear': {
      // Inputs are refused before this (readPlan); a preset never gets here with too many stages.
      if (linearStageCount(spec.stepWeight) > MAX_STAGES) throw new RangeError(`a linear step of ${spec.stepWeight} makes too many stages`)
      // k × step for k = 1, 2, … while below 100%; each held for one interval (CodeDeploy's linear shape).
      for (let k = 1; Math.round(k * spec.stepWeight * 1e6) < 1e6; k++) {
        stages.push({ weight: Math.round(k * spec.stepWeight * 1e6) / 1e6, bakeSeconds: spec.intervalSeconds })
      }
      label ??= `linear ${formatPercent(spec.stepWeight)} every ${formatDuration(spec.intervalSeconds)}`
      break
    }
    case 'all-at-once':
      label ??= 'all-at-once'
      break
    case 'blue-green':
      // All traffic moves at once; the old version stays as the instant way back while the new one is watched.
      finalBake = finalBakeSeconds > 0 ? finalBakeSeconds : spec.bakeSeconds
      label ??= `blue-green, watched for ${formatDuration(finalBake)}`
      break
    case 'custom':
      stages = spec.stages
      if (spec.finalBakeSeconds > 0) finalBake = spec.finalBakeSeconds
      label ??= `custom ${stages.map(s => `${formatPercent(s.weight)}:${formatDuration(s.bakeSeconds)}`).join(', ')}`
      break
  }
  const totalBakeSeconds = stages.reduce((sum, s) => sum + s.bakeSeconds, 0) + finalBake
  return { kind: spec.kind, name: label, stages, finalBakeSeconds: finalBake, totalBakeSeconds }
}
