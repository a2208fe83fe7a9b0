// The one place inputs are read: every input → one typed Settings object, or an InputError naming
// the input, quoting the value and saying what is accepted. Nothing here talks to AWS.
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { Inputs, MAX_JOB_SECONDS } from './constants.js'
import {
  InputError,
  formatDuration,
  parseBoolean,
  parseChoice,
  parseDuration,
  parseFraction,
  parseList,
  parseMilliseconds,
  parseNonNegativeInt
} from './parse.js'
import { type Plan, type StrategySpec, buildPlan, findPreset, parseSteps } from './plan.js'
import type { Comparison, LatencyStatistic, MetricGate } from './evidence.js'
import type { Gates } from './judge/index.js'

export type Mode = 'deploy' | 'plan' | 'rollback'
export const MODES: readonly Mode[] = ['deploy', 'plan', 'rollback']
export const STRATEGIES = ['canary', 'linear', 'all-at-once', 'blue-green', 'custom'] as const
export const LATENCY_STATISTICS: readonly LatencyStatistic[] = ['p50', 'p90', 'p95', 'p99', 'p99.9', 'avg', 'max']
export const ON_INSUFFICIENT_DATA = ['fail', 'proceed', 'wait'] as const
export const ON_SPLIT_ALIAS = ['restore', 'fail'] as const

export interface FunctionRef {
  /** The bare function name, as CloudWatch's FunctionName dimension has it. */
  name: string
  /** What the user gave (name or ARN); passed to Lambda as FunctionName. */
  id: string
  region?: string
}

export type Release = { kind: 'version'; version: string } | { kind: 'publish' } | { kind: 'rollback'; to: 'previous' | string }

export type SmokeExpectation = { kind: 'no-error' } | { kind: 'subset'; value: unknown } | { kind: 'regex'; pattern: RegExp }

/** Direct invocations of the new version (by its number) before it gets any alias traffic. */
export interface Smoke {
  payload: string
  count: number
  expect: SmokeExpectation
}

export interface Hooks {
  preTraffic?: string
  postTraffic?: string
  /** Invoked after every restore, with the reason. */
  rollback?: string
  timeoutSeconds: number
}

export interface Settings {
  mode: Mode
  fn: FunctionRef
  alias: string
  region?: string
  release: Release
  /** Every function to release (one, or several in lockstep); `fn` and `release` are the first. */
  targets: { fn: FunctionRef; release: Release }[]
  plan: Plan
  gates: Gates
  alarms: string[]
  smoke?: Smoke
  hooks: Hooks
  metricPeriodSeconds: number
  metricLagSeconds: number
  pollIntervalSeconds: number
  onInsufficientData: (typeof ON_INSUFFICIENT_DATA)[number]
  onSplitAlias: (typeof ON_SPLIT_ALIAS)[number]
  /** Wait (at most this many seconds) for the new version's own provisioned concurrency to be READY; undefined: do not wait. */
  provisionedConcurrencyWaitSeconds?: number
  notify: Notify
}

export interface Notify {
  /** Never printed, summarised or put in outputs. */
  slackWebhookUrl?: string
  slackMention?: string
  /** Why the Slack URL is not used, in words that do not quote it. */
  slackProblem?: string
  /** With environment: record a GitHub Deployment. Never printed. */
  githubToken?: string
  environment?: string
}

export type InputReader = (name: string) => string

/** Defaults live in action.yml; these apply when the action runs without it (tests, local runs). */
export const DEFAULTS: Record<string, string> = {
  [Inputs.Mode]: 'deploy',
  [Inputs.RollbackTo]: 'previous',
  [Inputs.Alias]: 'live',
  [Inputs.Publish]: 'false',
  [Inputs.Strategy]: 'canary',
  [Inputs.CanaryWeight]: '10%',
  [Inputs.BakeTime]: '5m',
  [Inputs.StepWeight]: '10%',
  [Inputs.Interval]: '1m',
  [Inputs.FinalBake]: '0s',
  [Inputs.MaxErrorRateIncrease]: '0.5pp',
  [Inputs.MaxLatencyIncrease]: '50%',
  [Inputs.LatencyStatistic]: 'p99',
  [Inputs.MinInvocations]: '20',
  [Inputs.Confidence]: '99%',
  [Inputs.OnInsufficientData]: 'fail',
  [Inputs.SmokeCount]: '1',
  [Inputs.HookTimeout]: '1m',
  [Inputs.MetricPeriod]: '1m',
  [Inputs.MetricLag]: '2m',
  [Inputs.PollInterval]: '30s',
  [Inputs.OnSplitAlias]: 'restore',
  [Inputs.WaitForProvisionedConcurrency]: 'false',
  [Inputs.ProvisionedConcurrencyTimeout]: '10m'
}

const FUNCTION_NAME = /^[a-zA-Z0-9_-]{1,64}$/
const PARTIAL_ARN = /^(\d{12}):function:([a-zA-Z0-9_-]{1,64})$/
const FULL_ARN = /^arn:aws[a-zA-Z-]*:lambda:([a-z]{2}(?:-[a-z]+)+-\d+):(\d{12}):function:([a-zA-Z0-9_-]{1,64})$/
const ALIAS_NAME = /^(?!\d+$)[a-zA-Z0-9_-]{1,128}$/
const REGION = /^[a-z]{2}(?:-[a-z]+)+-\d+$/
const HIGH_RESOLUTION_PERIODS = [1, 5, 10, 20, 30]
const HOOK_FUNCTION = /^((arn:aws[a-zA-Z-]*:lambda:[a-z]{2}(-[a-z]+)+-\d+:)?\d{12}:function:)?[a-zA-Z0-9_-]{1,64}(:[a-zA-Z0-9$_-]{1,128})?$/

export function parseFunctionRef(raw: string): FunctionRef {
  const value = raw.trim()
  const accepted =
    'use a function name (letters, digits, "-" and "_", up to 64), a partial ARN "123456789012:function:name" or a full ARN "arn:aws:lambda:REGION:ACCOUNT:function:name" without a version or alias'
  if (FUNCTION_NAME.test(value)) return { name: value, id: value }
  const partial = PARTIAL_ARN.exec(value)
  if (partial) return { name: partial[2] as string, id: value }
  const full = FULL_ARN.exec(value)
  if (full) return { name: full[3] as string, id: value, region: full[1] as string }
  throw new InputError(Inputs.FunctionName, raw, accepted)
}

export function parseVersion(input: string, raw: string): string {
  const value = raw.trim()
  if (value.toUpperCase() === '$LATEST') {
    throw new InputError(
      input,
      raw,
      'use a published version number like "42": $LATEST is mutable and cannot be released or receive weighted traffic'
    )
  }
  if (!/^[1-9]\d{0,9}$/.test(value)) throw new InputError(input, raw, 'use a published version number like "42"')
  return value
}

function parseRollbackTarget(raw: string): string {
  const accepted = 'use "previous" (the version the last lambda-canary deployment replaced) or a published version number like "41"'
  if (raw.trim().toUpperCase() === '$LATEST') throw new InputError(Inputs.RollbackTo, raw, accepted)
  if (!/^[1-9]\d{0,9}$/.test(raw.trim())) throw new InputError(Inputs.RollbackTo, raw, accepted)
  return raw.trim()
}

/** JSON is YAML too; without the yaml library only the JSON form can be read. */
function parseJsonOnly(text: string): unknown {
  return JSON.parse(text)
}

/** Parses YAML. The entry point loads the yaml library only when an input needs it, to keep start-up fast. */
export type YamlParser = (text: string) => unknown

export function getSettings(readInput: InputReader, env: NodeJS.ProcessEnv = process.env, parseYaml: YamlParser = parseJsonOnly): Settings {
  const config = readConfigFile(readInput, env, parseYaml)
  const input = (name: string): string => {
    const v = readInput(name).trim()
    // The runner passes action.yml's default for an input the workflow did not set, so a value equal to
    // the default counts as not given: the config file's value, if any, wins over it.
    if (v !== '' && (v !== DEFAULTS[name] || config?.values[name] === undefined)) return v
    return config?.values[name]?.value ?? DEFAULTS[name] ?? ''
  }
  try {
    return readSettings(input, env, parseYaml)
  } catch (error) {
    const from = error instanceof InputError ? config?.values[error.input] : undefined
    if (error instanceof InputError && from && input(error.input) === from.value) {
      throw new InputError(error.input, error.value, `${error.accepted} (set in ${config?.path} at ${from.key})`)
    }
    throw error
  }
}

/** Inputs a config file may not hold: they choose the file, or are secrets that belong in secrets. */
const NOT_IN_CONFIG: string[] = [Inputs.ConfigFile, Inputs.Environment, Inputs.GithubToken, Inputs.SlackWebhookUrl]

interface ConfigValues {
  path: string
  values: Record<string, { value: string; key: string }>
}

/**
 * config-file: YAML with `defaults` and `environments.<name>` maps of inputs; the environment input
 * picks the overrides. Unknown keys and bad shapes are refused with the file's path and the key.
 */
function readConfigFile(readInput: InputReader, env: NodeJS.ProcessEnv, parseYaml: YamlParser): ConfigValues | undefined {
  const raw = readInput(Inputs.ConfigFile).trim()
  if (raw === '') return undefined
  const path = resolve(env.GITHUB_WORKSPACE ?? process.cwd(), raw)
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch (e) {
    throw new InputError(
      Inputs.ConfigFile,
      raw,
      `the file ${path} cannot be read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}); give the path of a YAML file in the repository, e.g. ".github/lambda-canary.yml"`
    )
  }
  let doc: unknown
  try {
    doc = parseYaml(text)
  } catch (e) {
    throw new InputError(Inputs.ConfigFile, raw, `${raw} is not valid YAML (${(e as Error).message.split('\n')[0]})`)
  }
  const isMap = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)
  if (doc === null || doc === undefined) doc = {}
  if (!isMap(doc)) throw new InputError(Inputs.ConfigFile, raw, `${raw} must be a map with "defaults" and "environments"`)
  const top = Object.keys(doc).filter(k => k !== 'defaults' && k !== 'environments')
  if (top.length > 0) throw new InputError(Inputs.ConfigFile, raw, `${raw} has unknown key "${top[0]}"; use "defaults" and "environments"`)
  const known = Object.values(Inputs) as string[]
  const values: ConfigValues['values'] = {}
  // Every section is checked, so a mistake in "prod" is caught by the "dev" run too; only the chosen one applies.
  const take = (map: unknown, where: string, apply = true) => {
    if (map === undefined || map === null) return
    if (!isMap(map)) throw new InputError(Inputs.ConfigFile, raw, `${raw}: "${where}" must be a map of input names to values`)
    for (const [key, value] of Object.entries(map)) {
      if (!known.includes(key))
        throw new InputError(
          Inputs.ConfigFile,
          raw,
          `${raw}: unknown key "${where}.${key}"; use the action's input names, such as "strategy" or "max-error-rate-increase"`
        )
      if (NOT_IN_CONFIG.includes(key))
        throw new InputError(
          Inputs.ConfigFile,
          raw,
          `${raw}: "${where}.${key}" cannot be set in the file; give it in the workflow${key === Inputs.GithubToken || key === Inputs.SlackWebhookUrl ? ' from a secret' : ''}`
        )
      const text =
        typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
          ? String(value)
          : Array.isArray(value) && value.every(v => typeof v === 'string' || typeof v === 'number')
            ? value.join('\n')
            : key === Inputs.MetricGates && Array.isArray(value)
              ? JSON.stringify(value)
              : undefined
      if (text === undefined)
        throw new InputError(Inputs.ConfigFile, raw, `${raw}: "${where}.${key}" must be text, a number, true/false or a list`)
      if (apply) values[key] = { value: text.trim(), key: `${where}.${key}` }
    }
  }
  take(doc.defaults, 'defaults')
  const environments = doc.environments
  if (environments !== undefined && environments !== null && !isMap(environments))
    throw new InputError(Inputs.ConfigFile, raw, `${raw}: "environments" must be a map of environment names`)
  const environment = readInput(Inputs.Environment).trim()
  for (const [name, map] of Object.entries(environments ?? {})) take(map, `environments.${name}`, false)
  if (environment !== '') {
    const names = Object.keys(environments ?? {})
    if (!names.includes(environment)) {
      throw new InputError(
        Inputs.Environment,
        environment,
        `${raw} has no environments.${environment}; it has ${names.length > 0 ? names.map(n => `"${n}"`).join(', ') : 'none'}`
      )
    }
    take((environments as Record<string, unknown>)[environment], `environments.${environment}`)
  }
  return { path: raw, values }
}

function readSettings(input: (name: string) => string, env: NodeJS.ProcessEnv, parseYaml: YamlParser): Settings {
  const mode = parseChoice(Inputs.Mode, input(Inputs.Mode), MODES)

  const fnRaw = input(Inputs.FunctionName)
  if (fnRaw === '') throw new InputError(Inputs.FunctionName, fnRaw, 'it is required: the name or ARN of the Lambda function to release')
  // Several functions, one per line, are released in lockstep.
  const fns = fnRaw
    .split('\n')
    .map(l => l.trim())
    .filter(l => l !== '')
    .map(parseFunctionRef)
  const fn = fns[0] as FunctionRef
  const names = fns.map(f => f.name)
  const duplicate = names.find((n, i) => names.indexOf(n) !== i)
  if (duplicate)
    throw new InputError(Inputs.FunctionName, fnRaw, `function "${duplicate}" is listed twice; list each function once, one per line`)
  const regions = [...new Set(fns.map(f => f.region).filter(Boolean))]
  if (regions.length > 1)
    throw new InputError(
      Inputs.FunctionName,
      fnRaw,
      `the ARNs are in different regions (${regions.join(', ')}); release functions of one region per step`
    )
  if (fns.some(f => f.region) && fns.some(f => !f.region)) {
    const arnRegion = regions[0] as string
    for (const f of fns) f.region ??= arnRegion
  }

  const aliasRaw = input(Inputs.Alias)
  if (!ALIAS_NAME.test(aliasRaw) || aliasRaw.toUpperCase() === '$LATEST') {
    throw new InputError(Inputs.Alias, aliasRaw, 'use an alias name of letters, digits, "-" and "_" (up to 128, not only digits)')
  }

  const regionRaw = input(Inputs.Region)
  let region: string | undefined
  if (regionRaw !== '') {
    if (!REGION.test(regionRaw)) throw new InputError(Inputs.Region, regionRaw, 'use an AWS region code like "us-west-2"')
    if (fn.region && fn.region !== regionRaw) {
      throw new InputError(Inputs.Region, regionRaw, `it must match the region "${fn.region}" in function-name's ARN, or be left empty`)
    }
    region = regionRaw
  } else {
    region = fn.region ?? (env.AWS_REGION || env.AWS_DEFAULT_REGION || undefined)
  }

  const versionRaw = input(Inputs.Version)
  const publish = parseBoolean(Inputs.Publish, input(Inputs.Publish))
  if (versionRaw !== '' && publish) {
    throw new InputError(Inputs.Version, versionRaw, 'give either "version" or "publish: true", not both')
  }
  let releases: Release[]
  if (mode === 'rollback') {
    if (versionRaw !== '')
      throw new InputError(Inputs.Version, versionRaw, 'mode "rollback" moves the alias back to rollback-to; leave version empty')
    if (publish) throw new InputError(Inputs.Publish, input(Inputs.Publish), 'mode "rollback" never publishes; leave publish false')
    const toRaw = input(Inputs.RollbackTo)
    const to = toRaw.toLowerCase() === 'previous' ? 'previous' : parseRollbackTarget(toRaw)
    if (to !== 'previous' && fns.length > 1) {
      throw new InputError(
        Inputs.RollbackTo,
        toRaw,
        'with several functions use "previous" (each goes back to the version its last deployment replaced); a number names a version of one function'
      )
    }
    releases = fns.map(() => ({ kind: 'rollback', to }))
  } else if (publish) releases = fns.map(() => ({ kind: 'publish' }))
  else if (versionRaw !== '') {
    // One version per function, in the same order (version numbers are per function).
    const versions = versionRaw
      .split('\n')
      .map(l => l.trim())
      .filter(l => l !== '')
    if (versions.length !== fns.length) {
      throw new InputError(
        Inputs.Version,
        versionRaw,
        `give one published version per function, one per line in the order of function-name (${fns.length} function${fns.length > 1 ? 's' : ''}, ${versions.length} version${versions.length > 1 ? 's' : ''}), or use publish: true`
      )
    }
    releases = versions.map(v => ({ kind: 'version', version: parseVersion(Inputs.Version, v) }))
  } else
    throw new InputError(Inputs.Version, versionRaw, 'give the published version to release, or set "publish: true" to publish $LATEST')
  const release = releases[0] as Release
  const targets = fns.map((f, i) => ({ fn: f, release: releases[i] as Release }))

  const plan = readPlan(input)

  const gates = readGates(input, parseYaml)
  const alarms = parseList(Inputs.Alarms, input(Inputs.Alarms), 'CloudWatch alarm names')
  for (const name of alarms) {
    if (name.length > 255)
      throw new InputError(Inputs.Alarms, input(Inputs.Alarms), `alarm name "${name.slice(0, 40)}…" is longer than 255 characters`)
  }

  const smoke = readSmoke(input, env)
  if (!smoke && /^blue-?green$/i.test(input(Inputs.Strategy))) {
    throw new InputError(
      Inputs.SmokePayload,
      '',
      'strategy "blue-green" moves all traffic at once, so it needs a smoke test first: give smoke-payload (JSON, or @path to a JSON file)'
    )
  }
  const hooks: Hooks = { timeoutSeconds: parseDuration(Inputs.HookTimeout, input(Inputs.HookTimeout), { max: 900 }) }
  for (const [name, key] of [
    [Inputs.PreTrafficHook, 'preTraffic'],
    [Inputs.PostTrafficHook, 'postTraffic'],
    [Inputs.RollbackHook, 'rollback']
  ] as const) {
    const raw = input(name)
    if (raw === '') continue
    if (!HOOK_FUNCTION.test(raw)) {
      throw new InputError(name, raw, 'use a function name, "name:alias", or a function ARN (optionally with a version or alias)')
    }
    hooks[key] = raw
  }

  const periodRaw = input(Inputs.MetricPeriod)
  const metricPeriodSeconds = parseDuration(Inputs.MetricPeriod, periodRaw, { max: 3600 })
  if (!(HIGH_RESOLUTION_PERIODS.includes(metricPeriodSeconds) || metricPeriodSeconds % 60 === 0)) {
    throw new InputError(
      Inputs.MetricPeriod,
      periodRaw,
      'use 1s, 5s, 10s, 20s, 30s or a whole number of minutes (CloudWatch periods); Lambda publishes 1-minute metrics, so "1m" fits it'
    )
  }
  const metricLagSeconds = parseDuration(Inputs.MetricLag, input(Inputs.MetricLag), { allowZero: true, max: 900 })
  const pollIntervalSeconds = parseDuration(Inputs.PollInterval, input(Inputs.PollInterval), { max: 600 })
  if (pollIntervalSeconds < 1) {
    throw new InputError(Inputs.PollInterval, input(Inputs.PollInterval), 'use at least "1s"; each poll is one GetMetricData request')
  }

  const onInsufficientData = parseChoice(Inputs.OnInsufficientData, input(Inputs.OnInsufficientData), ON_INSUFFICIENT_DATA)
  const onSplitAlias = parseChoice(Inputs.OnSplitAlias, input(Inputs.OnSplitAlias), ON_SPLIT_ALIAS)
  const waitForPc = parseBoolean(Inputs.WaitForProvisionedConcurrency, input(Inputs.WaitForProvisionedConcurrency))
  const pcTimeout = parseDuration(Inputs.ProvisionedConcurrencyTimeout, input(Inputs.ProvisionedConcurrencyTimeout), { max: 3600 })

  // The runner cancels a job after 6 hours; a plan that cannot finish would leave the alias split.
  const settle = plan.stages.length > 0 || plan.finalBakeSeconds > 0 ? metricLagSeconds + metricPeriodSeconds : 0
  const worstCase = plan.totalBakeSeconds + settle
  if (worstCase > MAX_JOB_SECONDS) {
    throw new InputError(
      input(Inputs.Strategy) === 'custom' ? Inputs.Steps : Inputs.Strategy,
      input(Inputs.Strategy) === 'custom' ? input(Inputs.Steps) : input(Inputs.Strategy),
      `the plan "${plan.name}" bakes for ${formatDuration(worstCase)} including the final metric settle, more than GitHub's 6-hour job limit; shorten the stages`
    )
  }

  return {
    mode,
    fn,
    targets,
    alias: aliasRaw,
    ...(region ? { region } : {}),
    release,
    plan,
    gates,
    alarms,
    ...(smoke ? { smoke } : {}),
    hooks,
    metricPeriodSeconds,
    metricLagSeconds,
    pollIntervalSeconds,
    onInsufficientData,
    onSplitAlias,
    ...(waitForPc ? { provisionedConcurrencyWaitSeconds: pcTimeout } : {}),
    notify: readNotify(input)
  }
}

function readPlan(input: (name: string) => string): Plan {
  const strategyRaw = input(Inputs.Strategy)
  const finalBake = parseDuration(Inputs.FinalBake, input(Inputs.FinalBake), { allowZero: true, max: MAX_JOB_SECONDS })
  const preset = findPreset(strategyRaw)
  if (preset) return buildPlan(preset.spec, finalBake, preset.name)

  const strategy = (() => {
    try {
      return parseChoice(Inputs.Strategy, strategyRaw, STRATEGIES)
    } catch {
      throw new InputError(
        Inputs.Strategy,
        strategyRaw,
        `use one of ${STRATEGIES.map(s => `"${s}"`).join(', ')}, or a CodeDeploy Lambda preset such as "LambdaCanary10Percent5Minutes", "LambdaLinear10PercentEvery1Minute" or "LambdaAllAtOnce"`
      )
    }
  })()
  let spec: StrategySpec
  switch (strategy) {
    case 'canary': {
      const weight = parseFraction(Inputs.CanaryWeight, input(Inputs.CanaryWeight), { allowOne: false })
      spec = { kind: 'canary', weight, bakeSeconds: parseDuration(Inputs.BakeTime, input(Inputs.BakeTime), { max: MAX_JOB_SECONDS }) }
      break
    }
    case 'linear':
      spec = {
        kind: 'linear',
        stepWeight: parseFraction(Inputs.StepWeight, input(Inputs.StepWeight)),
        intervalSeconds: parseDuration(Inputs.Interval, input(Inputs.Interval), { max: MAX_JOB_SECONDS })
      }
      break
    case 'all-at-once':
      spec = { kind: 'all-at-once' }
      break
    case 'blue-green':
      spec = { kind: 'blue-green', bakeSeconds: parseDuration(Inputs.BakeTime, input(Inputs.BakeTime), { max: MAX_JOB_SECONDS }) }
      break
    case 'custom': {
      const steps = input(Inputs.Steps)
      if (steps === '') throw new InputError(Inputs.Steps, steps, 'strategy "custom" needs steps, e.g. "10%:5m, 25%:10m, 50%:15m, 75%:10m"')
      spec = { kind: 'custom', ...parseSteps(steps) }
      break
    }
  }
  return buildPlan(spec, finalBake)
}

/**
 * A bad Slack URL never changes the deployment's result: it is reported as a warning (without quoting
 * the secret) and the message is skipped. Plain http is allowed only to loopback, for local runs.
 */
function readNotify(input: (name: string) => string): Notify {
  const environment = input(Inputs.Environment)
  if (environment.length > 255 || /[\n\r]/.test(environment)) {
    throw new InputError(
      Inputs.Environment,
      environment,
      'use a GitHub environment name such as "production" (one line, up to 255 characters)'
    )
  }
  const token = input(Inputs.GithubToken)
  const github = { ...(environment ? { environment } : {}), ...(token ? { githubToken: token } : {}) }
  return { ...readSlack(input), ...github }
}

function readSlack(input: (name: string) => string): Notify {
  const raw = input(Inputs.SlackWebhookUrl)
  const mention = input(Inputs.SlackMention)
  if (mention !== '' && !/^(<[!@#][^>\s]+>|@[\w.-]+)(\s+(<[!@#][^>\s]+>|@[\w.-]+))*$/.test(mention)) {
    throw new InputError(
      Inputs.SlackMention,
      mention,
      'use Slack mentions like "<!here>", "<!channel>", "<@U012AB3CD>", "<!subteam^S012AB3CD>" or "@oncall", separated by spaces'
    )
  }
  if (raw === '') return mention ? { slackMention: mention } : {}
  let url: URL | undefined
  try {
    url = new URL(raw)
  } catch {
    url = undefined
  }
  const loopback = url && ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname)
  if (!url || !(url.protocol === 'https:' || (url.protocol === 'http:' && loopback))) {
    return {
      slackProblem: 'slack-webhook-url is not an https:// URL (its value is a secret and is not shown); no Slack message will be sent',
      ...(mention ? { slackMention: mention } : {})
    }
  }
  return { slackWebhookUrl: raw, ...(mention ? { slackMention: mention } : {}) }
}

function readSmoke(input: (name: string) => string, env: NodeJS.ProcessEnv): Smoke | undefined {
  const raw = input(Inputs.SmokePayload)
  const countRaw = input(Inputs.SmokeCount)
  const count = parseNonNegativeInt(Inputs.SmokeCount, countRaw)
  if (count < 1 || count > 100) throw new InputError(Inputs.SmokeCount, countRaw, 'use a whole number from 1 to 100')
  const expect = parseSmokeExpect(input(Inputs.SmokeExpect))
  if (raw === '') {
    if (input(Inputs.SmokeExpect) !== '')
      throw new InputError(
        Inputs.SmokeExpect,
        input(Inputs.SmokeExpect),
        'smoke-expect needs smoke-payload: give the payload to invoke the new version with'
      )
    return undefined
  }
  let payload = raw
  if (raw.startsWith('@')) {
    const path = resolve(env.GITHUB_WORKSPACE ?? process.cwd(), raw.slice(1))
    try {
      payload = readFileSync(path, 'utf8')
    } catch (e) {
      throw new InputError(
        Inputs.SmokePayload,
        raw,
        `the file ${path} cannot be read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}); use JSON, or @path to a JSON file in the repository`
      )
    }
  }
  try {
    JSON.parse(payload)
  } catch (e) {
    throw new InputError(
      Inputs.SmokePayload,
      raw,
      `it is not valid JSON (${(e as Error).message}); use a JSON document such as {"path": "/health"}, or @path to a JSON file`
    )
  }
  return { payload, count, expect }
}

/** "" → no FunctionError; "/regex/flags" → the response must match; JSON → the response must contain it. */
export function parseSmokeExpect(raw: string): SmokeExpectation {
  const value = raw.trim()
  if (value === '') return { kind: 'no-error' }
  const regex = /^\/(.*)\/([a-z]*)$/s.exec(value)
  if (regex) {
    try {
      return { kind: 'regex', pattern: new RegExp(regex[1] as string, regex[2]) }
    } catch (e) {
      throw new InputError(
        Inputs.SmokeExpect,
        raw,
        `the regular expression is invalid (${(e as Error).message}); use /pattern/flags or a JSON value the response must contain`
      )
    }
  }
  try {
    return { kind: 'subset', value: JSON.parse(value) as unknown }
  } catch {
    throw new InputError(
      Inputs.SmokeExpect,
      raw,
      'use a JSON value the response must contain, like {"statusCode": 200}, or a regular expression like /"ok":s*true/'
    )
  }
}

function readGates(input: (name: string) => string, parseYaml: YamlParser): Gates {
  const maxErrorRateRaw = input(Inputs.MaxErrorRate)
  const maxErrorRateIncreaseRaw = input(Inputs.MaxErrorRateIncrease)
  const maxLatencyRaw = input(Inputs.MaxLatency)
  const maxLatencyIncreaseRaw = input(Inputs.MaxLatencyIncrease)
  const maxThrottlesRaw = input(Inputs.MaxThrottles)
  const statistic = parseChoice(Inputs.LatencyStatistic, input(Inputs.LatencyStatistic), LATENCY_STATISTICS)
  const confidenceRaw = input(Inputs.Confidence)
  const confidence = parseFraction(Inputs.Confidence, confidenceRaw, { allowOne: false })
  if (confidence < 0.5 || confidence > 0.9999) {
    throw new InputError(Inputs.Confidence, confidenceRaw, 'use a confidence from "50%" to "99.99%", e.g. "99%" or "0.99"')
  }
  const gates: Gates = {
    latencyStatistic: statistic,
    minInvocations: parseNonNegativeInt(Inputs.MinInvocations, input(Inputs.MinInvocations)),
    confidence
  }
  const off = (raw: string) => raw === '' || raw.toLowerCase() === 'off'
  if (!off(maxErrorRateRaw)) gates.maxErrorRate = parseFraction(Inputs.MaxErrorRate, maxErrorRateRaw, { allowZero: true })
  if (!off(maxErrorRateIncreaseRaw)) gates.maxErrorRateIncrease = parsePoints(Inputs.MaxErrorRateIncrease, maxErrorRateIncreaseRaw)
  if (!off(maxLatencyRaw)) gates.maxLatencyMs = parseMilliseconds(Inputs.MaxLatency, maxLatencyRaw)
  if (!off(maxLatencyIncreaseRaw)) gates.maxLatencyIncrease = parseIncrease(Inputs.MaxLatencyIncrease, maxLatencyIncreaseRaw)
  if (!off(maxThrottlesRaw)) gates.maxThrottles = parseNonNegativeInt(Inputs.MaxThrottles, maxThrottlesRaw)
  const metricGates = parseMetricGates(input(Inputs.MetricGates), parseYaml)
  if (metricGates.length > 0) gates.metricGates = metricGates
  return gates
}

/** Percentage points: "0.5pp", "0.5%" (read as points) or a fraction "0.005". */
export function parsePoints(name: string, raw: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*(pp|%)?$/i.exec(raw.trim())
  const accepted = 'use percentage points like "0.5pp" (or "0.5%"), or a fraction like "0.005"; "off" turns the gate off'
  if (!m) throw new InputError(name, raw, accepted)
  const value = m[2] ? Number(m[1]) / 100 : Number(m[1])
  if (!(value > 0 && value < 1)) throw new InputError(name, raw, `${accepted}; above 0 and below 100 points`)
  return Math.round(value * 1e9) / 1e9
}

/** An increase over the old version: "50%", a fraction "0.5", or a ratio "1.5x". */
export function parseIncrease(name: string, raw: string): number {
  const value = raw.trim()
  const accepted =
    'use a percentage like "50%", a fraction like "0.5" or a ratio like "1.5x" (all mean 50% slower than the old version at most); "off" turns the gate off'
  const ratio = /^(\d+(?:\.\d+)?)\s*x$/i.exec(value)
  const pct = /^(\d+(?:\.\d+)?)\s*%$/.exec(value)
  const fraction = /^(\d*\.?\d+)$/.exec(value)
  const increase = ratio ? Number(ratio[1]) - 1 : pct ? Number(pct[1]) / 100 : fraction ? Number(fraction[1]) : NaN
  if (!(increase > 0) || !Number.isFinite(increase) || increase > 100) throw new InputError(name, raw, accepted)
  return Math.round(increase * 1e9) / 1e9
}

const COMPARISONS: Record<string, Comparison> = {
  '>': '>',
  '>=': '>=',
  '<': '<',
  '<=': '<=',
  greaterthanthreshold: '>',
  greaterthanorequaltothreshold: '>=',
  lessthanthreshold: '<',
  lessthanorequaltothreshold: '<='
}
const STATISTIC = /^(Sum|Average|Minimum|Maximum|SampleCount|p\d{1,2}(\.\d+)?)$/

/**
 * metric-gates: a YAML or JSON list of { name?, namespace, metric, dimensions, statistic, comparison,
 * threshold }. The stage fails when the metric's statistic over the deployment `comparison` threshold.
 */
export function parseMetricGates(raw: string, parseYaml: YamlParser = parseJsonOnly): MetricGate[] {
  if (raw.trim() === '') return []
  const shape =
    'give a YAML or JSON list of gates, each with namespace, metric, dimensions (a map), statistic (Sum, Average, Maximum, Minimum, SampleCount or pNN), comparison (">", ">=", "<", "<=" or GreaterThanThreshold …) and a numeric threshold; name is optional'
  let parsed: unknown
  try {
    parsed = parseYaml(raw)
  } catch (e) {
    throw new InputError(Inputs.MetricGates, raw, `it is not valid YAML or JSON (${(e as Error).message.split('\n')[0]}); ${shape}`)
  }
  if (!Array.isArray(parsed) || parsed.length === 0) throw new InputError(Inputs.MetricGates, raw, shape)
  const names = new Set<string>()
  return parsed.map((item: unknown, i: number): MetricGate => {
    const where = `gate ${i + 1}`
    if (typeof item !== 'object' || item === null || Array.isArray(item))
      throw new InputError(Inputs.MetricGates, raw, `${where} is not a map; ${shape}`)
    const g = item as Record<string, unknown>
    const known = ['name', 'namespace', 'metric', 'dimensions', 'statistic', 'comparison', 'threshold']
    const unknown = Object.keys(g).filter(k => !known.includes(k))
    if (unknown.length > 0)
      throw new InputError(
        Inputs.MetricGates,
        raw,
        `${where} has unknown key${unknown.length > 1 ? 's' : ''} ${unknown.map(k => `"${k}"`).join(', ')}; ${shape}`
      )
    const text = (key: string) => {
      const v = g[key]
      if (typeof v !== 'string' || v.trim() === '')
        throw new InputError(Inputs.MetricGates, raw, `${where} needs "${key}" as text; ${shape}`)
      return v.trim()
    }
    const dimensions = g.dimensions ?? {}
    if (
      typeof dimensions !== 'object' ||
      dimensions === null ||
      Array.isArray(dimensions) ||
      Object.values(dimensions).some(v => typeof v !== 'string' && typeof v !== 'number')
    ) {
      throw new InputError(Inputs.MetricGates, raw, `${where} has "dimensions" that is not a map of names to values; ${shape}`)
    }
    const statistic = text('statistic')
    if (!STATISTIC.test(statistic)) throw new InputError(Inputs.MetricGates, raw, `${where} has statistic "${statistic}"; ${shape}`)
    const comparison = COMPARISONS[text('comparison').toLowerCase()]
    if (!comparison) throw new InputError(Inputs.MetricGates, raw, `${where} has comparison "${String(g.comparison)}"; ${shape}`)
    const threshold =
      typeof g.threshold === 'number'
        ? g.threshold
        : typeof g.threshold === 'string' && g.threshold.trim() !== ''
          ? Number(g.threshold)
          : NaN
    if (!Number.isFinite(threshold))
      throw new InputError(Inputs.MetricGates, raw, `${where} has threshold "${String(g.threshold)}", not a number; ${shape}`)
    const name = typeof g.name === 'string' && g.name.trim() !== '' ? g.name.trim() : `${text('namespace')} ${text('metric')}`
    if (names.has(name)) throw new InputError(Inputs.MetricGates, raw, `two gates are named "${name}"; give each a distinct name`)
    names.add(name)
    return {
      name,
      namespace: text('namespace'),
      metric: text('metric'),
      dimensions: Object.fromEntries(Object.entries(dimensions as Record<string, string | number>).map(([k, v]) => [k, String(v)])),
      statistic,
      comparison,
      threshold
    }
  })
}
