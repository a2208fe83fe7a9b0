// How each stage is watched: the CloudWatch period, the lag before a period's metrics are complete, the poll interval,
// the old version's baseline window, the latency warm-up after each weight increase, the opt-out for unjudged stages,
// and how long a restore keeps trying.
import { Inputs } from '../constants.js'
import { InputError, parseBoolean, parseDuration } from '../parse.js'
import type { RunSettings } from '../settings.js'
import type { InputReader } from './reader.js'

const HIGH_RESOLUTION_PERIODS = [1, 5, 10, 20, 30]

type Watch = Pick<
  RunSettings,
  | 'metricPeriodSeconds'
  | 'metricLagSeconds'
  | 'pollIntervalSeconds'
  | 'baselineWindowSeconds'
  | 'latencyWarmUpSeconds'
  | 'allowUnjudgedStages'
  | 'restoreTimeoutSeconds'
>

export function readWatch(input: InputReader): Watch {
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
  const baselineRaw = input(Inputs.BaselineWindow)
  const baselineWindowSeconds =
    baselineRaw.trim() === '0' ? 0 : parseDuration(Inputs.BaselineWindow, baselineRaw, { allowZero: true, max: 24 * 3600 })
  if (baselineWindowSeconds > 0 && baselineWindowSeconds < metricPeriodSeconds) {
    throw new InputError(
      Inputs.BaselineWindow,
      baselineRaw,
      `use at least one metric period (${periodRaw}), e.g. "1h", or "0" to read no baseline`
    )
  }
  const warmUpRaw = input(Inputs.LatencyWarmUp)
  const latencyWarmUpSeconds = warmUpRaw.trim() === '0' ? 0 : parseDuration(Inputs.LatencyWarmUp, warmUpRaw, { allowZero: true, max: 3600 })
  const allowUnjudgedStages = parseBoolean(Inputs.AllowUnjudgedStages, input(Inputs.AllowUnjudgedStages))
  const restoreTimeoutSeconds = readRestoreTimeout(input)
  return {
    metricPeriodSeconds,
    metricLagSeconds,
    pollIntervalSeconds,
    baselineWindowSeconds,
    latencyWarmUpSeconds,
    allowUnjudgedStages,
    restoreTimeoutSeconds
  }
}

/** How long a restore keeps trying; the post step reads it too. Minutes, so a 5xx storm does not leave a bad version in service. */
export function readRestoreTimeout(input: InputReader): number {
  const raw = input(Inputs.RestoreTimeout)
  const seconds = parseDuration(Inputs.RestoreTimeout, raw, { max: 3600 })
  if (seconds < 10) {
    throw new InputError(
      Inputs.RestoreTimeout,
      raw,
      'use at least "10s", e.g. "5m"; a restore retried for less gives up during an ordinary 5xx burst'
    )
  }
  return seconds
}
