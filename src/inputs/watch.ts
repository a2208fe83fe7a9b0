// How each stage is watched: the CloudWatch period, the lag before a period's metrics are complete, the poll interval.
import { Inputs } from '../constants.js'
import { InputError, parseDuration } from '../parse.js'
import type { RunSettings } from '../settings.js'
import type { InputReader } from './reader.js'

const HIGH_RESOLUTION_PERIODS = [1, 5, 10, 20, 30]

type Watch = Pick<RunSettings, 'metricPeriodSeconds' | 'metricLagSeconds' | 'pollIntervalSeconds'>

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
  return { metricPeriodSeconds, metricLagSeconds, pollIntervalSeconds }
}
