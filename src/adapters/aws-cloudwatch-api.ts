// CloudWatchApi over the SDK's CloudWatchClient: one command per operation.
import { type CloudWatchClient, DescribeAlarmsCommand, GetMetricDataCommand } from '@aws-sdk/client-cloudwatch'
import type { CloudWatchApi } from './cloudwatch.js'

export function sdkCloudWatchApi(client: CloudWatchClient): CloudWatchApi {
  return {
    getMetricData: input => client.send(new GetMetricDataCommand(input)),
    describeAlarms: input => client.send(new DescribeAlarmsCommand(input))
  }
}
