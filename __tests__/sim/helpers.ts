import { DEFAULT_ORIGIN_EPOCH_MS, type SimModel } from '../../sim/model.js'
import type { Scenario } from '../../sim/scenario.js'

export const ROLE = 'arn:aws:iam::123456789012:role/demo-role'
export const DLQ = 'arn:aws:sqs:us-east-1:123456789012:demo-dlq'

/** A small scenario: fn with versions 1 (1% errors, 10 ms) and 2 (30% errors, 50 ms), alias live -> 1, 200 req/s. */
export function baseScenario(overrides: Partial<Scenario> = {}): Scenario {
  return {
    seed: 7,
    functions: [
      {
        name: 'fn',
        role: ROLE,
        deadLetterTargetArn: DLQ,
        versions: [
          { version: '1', codeSha256: 'sha-1', behavior: { errorRate: 0.01, latency: { constantMs: 10 } } },
          { version: '2', codeSha256: 'sha-2', behavior: { errorRate: 0.3, latency: { constantMs: 50 } } }
        ],
        aliases: [{ name: 'live', functionVersion: '1' }]
      }
    ],
    traffic: [{ function: 'fn', qualifier: 'live', ratePerSecond: 200 }],
    metrics: { periodSeconds: 1, lagSeconds: 0 },
    ...overrides
  }
}

export const dims = (d: Record<string, string>) => Object.entries(d).map(([Name, Value]) => ({ Name, Value }))

export const SDK_QUIET = { warn: () => {}, error: () => {}, info: () => {}, debug: () => {}, trace: () => {} }

/** Model time 0 in epoch seconds. */
export const ORIGIN_S = DEFAULT_ORIGIN_EPOCH_MS / 1000

/** The part of a GetMetricData response the tests read. */
export type MetricDataOut = { MetricDataResults: Array<{ Timestamps: number[]; Values: number[]; StatusCode: string }> }

/** One AWS/Lambda statistic from the model, timestamps as model seconds. */
export function query(
  m: SimModel,
  metric: string,
  d: Record<string, string>,
  stat: string,
  from: number,
  to: number,
  period: number,
  extra: Record<string, unknown> = {}
) {
  const out = m.getMetricData({
    StartTime: ORIGIN_S + from,
    EndTime: ORIGIN_S + to,
    ScanBy: 'TimestampAscending',
    MetricDataQueries: [
      {
        Id: 'q',
        MetricStat: { Metric: { Namespace: 'AWS/Lambda', MetricName: metric, Dimensions: dims(d) }, Period: period, Stat: stat },
        ...extra
      }
    ]
  }) as unknown as MetricDataOut
  const r = out.MetricDataResults[0]
  if (!r) throw new Error('no result')
  return { ts: r.Timestamps.map(t => t - ORIGIN_S), values: r.Values }
}

export const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0)
