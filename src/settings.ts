// What a run was asked to do, as types alone: the run's settings, one deployment spec per function,
// and the secrets, which stay at the edge (Slack, GitHub) and never reach the rollout core.
// Filled by the reader under src/inputs/; read by the rollout, the report and the adapters.
import type { Gates } from './judge/index.js'
import type { Plan } from './plan.js'

export type Mode = 'deploy' | 'plan' | 'rollback'
export const MODES: readonly Mode[] = ['deploy', 'plan', 'rollback']
export const ON_INSUFFICIENT_DATA = ['fail', 'proceed', 'wait'] as const
export const ON_SPLIT_ALIAS = ['restore', 'fail'] as const
export type OnInsufficientData = (typeof ON_INSUFFICIENT_DATA)[number]
export type OnSplitAlias = (typeof ON_SPLIT_ALIAS)[number]
/** When Slack hears about the run: traffic about to move, each stage's verdict, the end. */
export const SLACK_EVENTS = ['start', 'stage', 'finish'] as const
export type SlackEvent = (typeof SLACK_EVENTS)[number]

export interface FunctionRef {
  /** The bare function name, as CloudWatch's FunctionName dimension has it. */
  name: string
  /** What the user gave (name or ARN); passed to Lambda as FunctionName. */
  id: string
  region?: string
}

export type Release = { kind: 'version'; version: string } | { kind: 'publish' } | { kind: 'rollback'; to: 'previous' | string }

/** One function of the release (a lockstep release has several, in the order given). */
export interface DeploymentSpec {
  fn: FunctionRef
  release: Release
}

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

/** Who hears about the run, without the secrets that reach them (see Secrets). */
export interface Notify {
  /** The events that post a Slack message, in the order they happen. */
  slackEvents: SlackEvent[]
  slackMention?: string
  /** Why Slack gets no message (or a Slack input does nothing), in words that never quote the URL. */
  slackProblem?: string
  /** The GitHub environment: picks the config file's section and names the Deployment record. */
  environment?: string
  /** Why github-token is not used (it was given without environment), in words that never quote it. */
  deploymentProblem?: string
}

/** The run's configuration, shared by every function of the release. */
export interface RunSettings {
  mode: Mode
  alias: string
  region?: string
  plan: Plan
  gates: Gates
  alarms: string[]
  smoke?: Smoke
  hooks: Hooks
  metricPeriodSeconds: number
  metricLagSeconds: number
  pollIntervalSeconds: number
  /** The old version's own metrics over this window before the deployment are the reference at 100%; 0: no baseline. */
  baselineWindowSeconds: number
  /** After every weight increase, the new version's periods within this time are left out of the latency gates (cold starts). */
  latencyWarmUpSeconds: number
  /** Deploy even when some stage has no gate that could fail it (it is reported "not judged"). */
  allowUnjudgedStages: boolean
  onInsufficientData: OnInsufficientData
  onSplitAlias: OnSplitAlias
  /** A restore keeps retrying against throttling and 5xx this long, in the main step and again in the post step. */
  restoreTimeoutSeconds: number
  /** Wait (at most this many seconds) for the new version's own provisioned concurrency to be READY; undefined: do not wait. */
  provisionedConcurrencyWaitSeconds?: number
  notify: Notify
}

/** Never printed, summarised or put in outputs; masked before anything can print them. */
export interface Secrets {
  slackWebhookUrl?: string
  /** With environment: record a GitHub Deployment. Given without environment it is left out (see deploymentProblem). */
  githubToken?: string
}

/** Where an input's value came from: the workflow, a key of the config file, or the action's documented default. */
export type SettingOrigin = { kind: 'workflow' } | { kind: 'config-file'; path: string; key: string } | { kind: 'default' }

/** One input as the run took it. A secret's value is never kept here: only that it was set. */
export interface SettingSource {
  input: string
  /** The value as read ('' for a secret, and for an input left empty with no default). */
  value: string
  origin: SettingOrigin
  secret?: true
}

/** Everything the inputs say: what the reader returns. */
export interface Settings {
  run: RunSettings
  /** At least one; several are released in lockstep. */
  deployments: DeploymentSpec[]
  secrets: Secrets
  /** Every input, in the order of Inputs (constants.ts), with where its value came from (for the log's "Settings" group). */
  sources: SettingSource[]
  /** Inputs given with a good value that this run does not use, one sentence each (the main step warns). */
  warnings: string[]
}
