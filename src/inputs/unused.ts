// Inputs given (in the workflow or the config file) that this run does not use. Each was checked like any
// other (a bad value is an InputError); a good one gives one warning saying why it does not apply and to what
// it does. The warnings are data: the main step prints them.
import { Inputs } from '../constants.js'
import { parseDuration } from '../parse.js'
import { findPreset, parseSteps } from '../plan.js'
import type { RunSettings } from '../settings.js'
import type { Resolution } from './sources.js'

/** Why an input does not apply: `{it}` and `{applies}` become "it"/"them" and "it applies"/"they apply". */
interface Unused {
  input: string
  why: string
}

/** What the strategies read: a CodeDeploy preset reads none of these. */
const STRATEGY_USES: Record<RunSettings['plan']['kind'], string[]> = {
  canary: [Inputs.CanaryWeight, Inputs.BakeTime],
  linear: [Inputs.StepWeight, Inputs.Interval],
  'blue-green': [Inputs.BakeTime],
  custom: [Inputs.Steps],
  'all-at-once': []
}
const APPLIES_TO: Record<string, string> = {
  [Inputs.CanaryWeight]: 'strategy "canary"',
  [Inputs.BakeTime]: 'strategies "canary" and "blue-green"',
  [Inputs.StepWeight]: 'strategy "linear"',
  [Inputs.Interval]: 'strategy "linear"',
  [Inputs.Steps]: 'strategy "custom"'
}

/** What only watching a stage uses: nothing, when the plan has no stage and no final bake. */
const WATCH_INPUTS: string[] = [
  Inputs.MaxErrorRate,
  Inputs.MaxErrorRateIncrease,
  Inputs.MaxLatency,
  Inputs.MaxLatencyIncrease,
  Inputs.LatencyStatistic,
  Inputs.MaxThrottles,
  Inputs.MinInvocations,
  Inputs.Confidence,
  Inputs.OnInsufficientData,
  Inputs.MetricGates,
  Inputs.Alarms,
  Inputs.MetricPeriod,
  Inputs.MetricLag,
  Inputs.PollInterval,
  Inputs.BaselineWindow,
  Inputs.LatencyWarmUp,
  Inputs.AllowUnjudgedStages
]

/** What mode rollback reads (manual-rollback.ts: the preflight, a smoke test of the target, one guarded write). */
const ROLLBACK_USES: string[] = [
  Inputs.Mode,
  Inputs.RollbackTo,
  Inputs.FunctionName,
  Inputs.Alias,
  Inputs.Region,
  Inputs.Version,
  Inputs.SmokePayload,
  Inputs.SmokeCount,
  Inputs.SmokeExpect,
  Inputs.HookTimeout,
  Inputs.RestoreTimeout,
  Inputs.SlackWebhookUrl,
  Inputs.SlackMention,
  Inputs.SlackEvents,
  Inputs.GithubToken,
  Inputs.Environment,
  Inputs.ConfigFile
]

/** One warning per reason, naming every given input it holds for (with its place in the config file). */
export function unusedWarnings(run: RunSettings, r: Resolution): string[] {
  const found = [...(run.mode === 'rollback' ? notInRollback(r) : notInRelease(run, r)), ...notInEither(run, r)]
  const seen = new Set<string>()
  const byWhy = new Map<string, string[]>()
  for (const { input, why } of found) {
    if (seen.has(input) || !r.given(input)) continue
    seen.add(input)
    byWhy.set(why, [...(byWhy.get(why) ?? []), named(input, r)])
  }
  return [...byWhy.entries()].map(([why, names]) => sentence(names, why))
}

/** Only what the workflow gave: a config file is shared with the deploys, whose settings a rollback need not use. */
function notInRollback(r: Resolution): Unused[] {
  const why = 'mode "rollback" does not use {it}; {applies} to modes "deploy" and "plan"'
  return Object.values(Inputs)
    .filter(input => !ROLLBACK_USES.includes(input) && r.origin(input).kind === 'workflow')
    .map(input => ({ input, why }))
}

function notInRelease(run: RunSettings, r: Resolution): Unused[] {
  const { plan, gates } = run
  const strategy = r.input(Inputs.Strategy)
  const preset = findPreset(strategy) !== undefined
  const found: Unused[] = [{ input: Inputs.RollbackTo, why: `mode "${run.mode}" does not use {it}; {applies} to mode "rollback"` }]
  const uses = preset ? [] : STRATEGY_USES[plan.kind]
  const finalBakeGiven = r.given(Inputs.FinalBake) && parseDuration(Inputs.FinalBake, r.input(Inputs.FinalBake), { allowZero: true }) > 0
  if (plan.kind === 'blue-green' && !preset && finalBakeGiven)
    found.push({ input: Inputs.BakeTime, why: 'final-bake replaces {it} for strategy "blue-green"' })
  for (const input of Object.keys(APPLIES_TO)) {
    if (!uses.includes(input)) found.push({ input, why: `strategy "${strategy}" does not use {it}; {applies} to ${APPLIES_TO[input]}` })
  }
  if (plan.kind === 'custom' && !preset && parseSteps(r.input(Inputs.Steps)).finalBakeSeconds > 0)
    found.push({ input: Inputs.FinalBake, why: 'the last step of steps, at 100%, sets the final bake instead' })
  if (plan.stages.length === 0 && plan.finalBakeSeconds === 0) {
    const why = `strategy "${strategy}" watches nothing without final-bake, so nothing uses {it}; {applies} once final-bake is set`
    found.push(...WATCH_INPUTS.map(input => ({ input, why })))
  }
  const latencyGates = gates.maxLatencyMs !== undefined || gates.maxLatencyIncrease !== undefined
  const errorGates = gates.maxErrorRate !== undefined || gates.maxErrorRateIncrease !== undefined
  if (!latencyGates) {
    const why = 'no latency gate uses {it}: max-latency and max-latency-increase are off'
    found.push({ input: Inputs.LatencyStatistic, why }, { input: Inputs.LatencyWarmUp, why })
  }
  if (!latencyGates && !errorGates)
    found.push({
      input: Inputs.Confidence,
      why: 'no statistical gate uses {it}: max-error-rate, max-error-rate-increase, max-latency and max-latency-increase are off'
    })
  if (run.provisionedConcurrencyWaitSeconds === undefined)
    found.push({
      input: Inputs.ProvisionedConcurrencyTimeout,
      why: 'nothing waits for provisioned concurrency, so nothing uses {it}; {applies} with wait-for-provisioned-concurrency "true"'
    })
  return found
}

/** Smoke test, hooks and Slack, in every mode. */
function notInEither(run: RunSettings, r: Resolution): Unused[] {
  const found: Unused[] = []
  if (!run.smoke) {
    const why = 'no smoke test runs without smoke-payload, so nothing uses {it}'
    found.push({ input: Inputs.SmokeCount, why }, { input: Inputs.SmokeExpect, why })
  }
  const { preTraffic, postTraffic, rollback } = run.hooks
  const hooks = run.mode !== 'rollback' && (preTraffic ?? postTraffic ?? rollback) !== undefined
  if (!run.smoke && !hooks) found.push({ input: Inputs.HookTimeout, why: 'no smoke test or hook runs, so nothing uses {it}' })
  if (r.input(Inputs.SlackWebhookUrl) === '') {
    const why = 'no Slack message is sent without slack-webhook-url, so nothing uses {it}'
    found.push({ input: Inputs.SlackMention, why }, { input: Inputs.SlackEvents, why })
  }
  return found
}

/** The input's name, and where in the config file it is set when it is. */
function named(input: string, r: Resolution): string {
  const origin = r.origin(input)
  return origin.kind === 'config-file' ? `${input} (set in ${origin.path} at ${origin.key})` : input
}

/** "steps is set but strategy "canary" does not use it; it applies to strategy "custom"". */
function sentence(names: string[], why: string): string {
  const one = names.length === 1
  const list = one ? names[0] : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`
  const reason = why.replace('{it}', one ? 'it' : 'them').replace('{applies}', one ? 'it applies' : 'they apply')
  return `${list} ${one ? 'is' : 'are'} set but ${reason}`
}
