// CloudWatchApi over the SDK's CloudWatchClient: one command per operation, each sent with its deadline and
// the runner's cancel (see deadlines.ts).
import { type CloudWatchClient, DescribeAlarmsCommand, GetMetricDataCommand } from '@aws-sdk/client-cloudwatch'
import type { CloudWatchApi } from './cloudwatch.js'
import { CallDeadlines } from './deadlines.js'

export function sdkCloudWatchApi(client: CloudWatchClient, deadlines = new CallDeadlines()): CloudWatchApi {
  return {
    getMetricData: input =>
      deadlines.call('GetMetricData', 'read', abortSignal => client.send(new GetMetricDataCommand(input), { abortSignal })),
    describeAlarms: input =>
      deadlines.call('DescribeAlarms', 'read', abortSignal => client.send(new DescribeAlarmsCommand(input), { abortSignal }))
  }
}
