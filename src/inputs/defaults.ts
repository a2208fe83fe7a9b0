// The documented defaults, in one place: the action applies them itself. action.yml gives every input the
// config file can set an empty default, so the runner passes '' for an input the workflow does not set and a
// value written in the workflow always wins, even one equal to its default (sources.ts). The README's inputs
// table shows these (scripts/docs.mjs; __tests__/docs.test.ts keeps action.yml, README and this in agreement).
import { Inputs } from '../constants.js'

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
  [Inputs.PollInterval]: '10s',
  [Inputs.BaselineWindow]: '1h',
  [Inputs.LatencyWarmUp]: '2m',
  [Inputs.AllowUnjudgedStages]: 'false',
  [Inputs.OnSplitAlias]: 'restore',
  [Inputs.SlackEvents]: 'finish',
  [Inputs.WaitForProvisionedConcurrency]: 'false',
  [Inputs.ProvisionedConcurrencyTimeout]: '10m',
  [Inputs.RestoreTimeout]: '5m'
}
