/** CloudWatch DescribeAlarms over the scenario's alarms, whose states are scripted (not evaluated from metrics). */
import { CloudWatchErrors } from '../errors.js'
import type { AlarmSpec, AlarmStateValue } from '../scenario.js'
import type { SimState } from '../state.js'
import { decodeToken, encodeToken, type Json, type Opt } from '../wire.js'

export interface DescribeAlarmsInput {
  AlarmNames?: Opt<string[]>
  AlarmNamePrefix?: Opt<string>
  AlarmTypes?: Opt<string[]>
  StateValue?: Opt<string>
  MaxRecords?: Opt<number>
  NextToken?: Opt<string>
  ChildrenOfAlarmName?: Opt<string>
  ParentsOfAlarmName?: Opt<string>
  ActionPrefix?: Opt<string>
}

export interface AlarmState {
  state: AlarmStateValue
  since: number
  reason: string
}

/** Alarm state at model time t. */
export function alarmStateAt(a: AlarmSpec, t: number): AlarmState {
  let state: AlarmStateValue = a.initialState ?? 'OK'
  let since = 0
  let reason = 'Initial state (scenario).'
  for (const tr of a.transitions ?? []) {
    if (tr.at > t) break
    if (tr.state !== state) since = tr.at
    state = tr.state
    reason = tr.reason ?? `Scripted transition to ${tr.state} at t=${tr.at}s (scenario).`
  }
  return { state, since, reason }
}

function validate(input: DescribeAlarmsInput): { types: string[]; max: number } {
  if (input.AlarmNames && input.AlarmNamePrefix !== undefined) {
    throw CloudWatchErrors.invalidParameterCombination('AlarmNames and AlarmNamePrefix cannot be specified together.')
  }
  if (input.AlarmNames && input.AlarmNames.length > 100) {
    throw CloudWatchErrors.validation('The collection AlarmNames must not have a size greater than 100.')
  }
  if (input.StateValue !== undefined && !['OK', 'ALARM', 'INSUFFICIENT_DATA'].includes(input.StateValue)) {
    throw CloudWatchErrors.validation(`The value ${input.StateValue} for parameter StateValue is not valid.`)
  }
  const types = input.AlarmTypes ?? ['MetricAlarm']
  for (const t of types) {
    if (t !== 'MetricAlarm' && t !== 'CompositeAlarm')
      throw CloudWatchErrors.validation(`The value ${t} for parameter AlarmTypes is not valid.`)
  }
  const max = input.MaxRecords ?? 50
  if (!Number.isInteger(max) || max < 1 || max > 100)
    throw CloudWatchErrors.validation('The parameter MaxRecords must be between 1 and 100.')
  return { types, max }
}

export function describeAlarms(state: SimState, input: DescribeAlarmsInput): Json {
  const { types, max } = validate(input)
  const matches = state.alarms
    .filter(a => (input.AlarmNames ? input.AlarmNames.includes(a.name) : true))
    .filter(a => (input.AlarmNamePrefix !== undefined ? a.name.startsWith(input.AlarmNamePrefix) : true))
    .filter(a => types.includes((a.type ?? 'metric') === 'metric' ? 'MetricAlarm' : 'CompositeAlarm'))
    .map(a => ({ a, st: alarmStateAt(a, state.now) }))
    .filter(({ st }) => input.StateValue === undefined || st.state === input.StateValue)
    .sort((x, y) => (x.a.name < y.a.name ? -1 : 1))
  const from = decodeToken(input.NextToken, 'cloudwatch')
  const metricAlarms: Json[] = []
  const compositeAlarms: Json[] = []
  for (const { a, st } of matches.slice(from, from + max)) {
    if ((a.type ?? 'metric') === 'composite') compositeAlarms.push({ ...alarmOut(state, a, st), AlarmRule: a.alarmRule ?? 'FALSE' })
    else metricAlarms.push({ ...alarmOut(state, a, st), ...metricOut(a) })
  }
  const out: Json = { MetricAlarms: metricAlarms, CompositeAlarms: compositeAlarms }
  if (from + max < matches.length) out.NextToken = encodeToken(from + max)
  return out
}

/** The members every alarm has. */
function alarmOut(state: SimState, a: AlarmSpec, st: AlarmState): Json {
  const originSec = state.originEpochMs / 1000
  const out: Json = {
    AlarmName: a.name,
    AlarmArn: `arn:aws:cloudwatch:${state.region}:${state.account}:alarm:${a.name}`,
    ActionsEnabled: true,
    OKActions: [],
    AlarmActions: [],
    InsufficientDataActions: [],
    StateValue: st.state,
    StateReason: st.reason,
    StateUpdatedTimestamp: originSec + st.since,
    StateTransitionedTimestamp: originSec + st.since,
    AlarmConfigurationUpdatedTimestamp: originSec - 3600
  }
  if (a.description !== undefined) out.AlarmDescription = a.description
  return out
}

function metricOut(a: AlarmSpec): Json {
  const m = a.metric ?? {}
  return {
    MetricName: m.metricName ?? 'Errors',
    Namespace: m.namespace ?? 'AWS/Lambda',
    Statistic: m.statistic ?? 'Sum',
    Dimensions: Object.entries(m.dimensions ?? {}).map(([Name, Value]) => ({ Name, Value })),
    Period: m.period ?? 60,
    EvaluationPeriods: m.evaluationPeriods ?? 1,
    Threshold: m.threshold ?? 1,
    ComparisonOperator: m.comparisonOperator ?? 'GreaterThanOrEqualToThreshold',
    TreatMissingData: 'missing'
  }
}
