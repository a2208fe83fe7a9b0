// Names of inputs, outputs and saved-state keys in one place (as actions/cache does).

export const ACTION_NAME = 'lambda-canary'
export const ACTION_VERSION = '1.0.0'
export const USER_AGENT: [string, string] = [ACTION_NAME, ACTION_VERSION]

export const Inputs = {
  Mode: 'mode',
  RollbackTo: 'rollback-to',
  FunctionName: 'function-name',
  Alias: 'alias',
  Region: 'aws-region',
  Version: 'version',
  Publish: 'publish',
  Strategy: 'strategy',
  CanaryWeight: 'canary-weight',
  BakeTime: 'bake-time',
  StepWeight: 'step-weight',
  Interval: 'interval',
  Steps: 'steps',
  FinalBake: 'final-bake',
  MaxErrorRate: 'max-error-rate',
  MaxErrorRateIncrease: 'max-error-rate-increase',
  MaxLatency: 'max-latency',
  MaxLatencyIncrease: 'max-latency-increase',
  LatencyStatistic: 'latency-statistic',
  MaxThrottles: 'max-throttles',
  MinInvocations: 'min-invocations',
  Confidence: 'confidence',
  OnInsufficientData: 'on-insufficient-data',
  Alarms: 'alarms',
  MetricGates: 'metric-gates',
  SmokePayload: 'smoke-payload',
  SmokeCount: 'smoke-count',
  SmokeExpect: 'smoke-expect',
  PreTrafficHook: 'pre-traffic-hook',
  PostTrafficHook: 'post-traffic-hook',
  RollbackHook: 'rollback-hook',
  HookTimeout: 'hook-timeout',
  MetricPeriod: 'metric-period',
  MetricLag: 'metric-lag',
  PollInterval: 'poll-interval',
  BaselineWindow: 'baseline-window',
  LatencyWarmUp: 'latency-warm-up',
  AllowUnjudgedStages: 'allow-unjudged-stages',
  OnSplitAlias: 'on-split-alias',
  SlackWebhookUrl: 'slack-webhook-url',
  SlackMention: 'slack-mention',
  SlackEvents: 'slack-events',
  GithubToken: 'github-token',
  Environment: 'environment',
  ConfigFile: 'config-file',
  WaitForProvisionedConcurrency: 'wait-for-provisioned-concurrency',
  ProvisionedConcurrencyTimeout: 'provisioned-concurrency-timeout',
  RestoreTimeout: 'restore-timeout'
} as const

/** Every output action.yml declares (a test keeps the two equal); the report sets them by these names. */
export const Outputs = {
  Result: 'result',
  Version: 'version',
  PreviousVersion: 'previous-version',
  Reason: 'reason',
  AliasArn: 'alias-arn',
  DurationSeconds: 'duration-seconds',
  Timeline: 'timeline',
  TimelineFile: 'timeline-file'
} as const

/** Inputs whose values are secrets: masked with core.setSecret before anything else runs. */
export const SECRET_INPUTS = [Inputs.SlackWebhookUrl, Inputs.GithubToken] as const

/** Keys of the state the main step saves for the post step. */
export const State = {
  Deployment: 'deployment'
} as const

/** GitHub-hosted jobs are cancelled after 6 hours; a plan that bakes longer can never finish. */
export const MAX_JOB_SECONDS = 6 * 60 * 60
