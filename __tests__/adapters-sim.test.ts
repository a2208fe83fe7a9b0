// The same adapters over the simulator two ways: the SDK clients against its HTTP server, and bench/sim-api.ts
// straight on its model in virtual time. Both must answer alike, or the benchmark would measure something the
// action never runs.
import { afterEach, describe, expect, it } from '@jest/globals'
import { CloudWatchClient } from '@aws-sdk/client-cloudwatch'
import { LambdaClient } from '@aws-sdk/client-lambda'
import { simCloudWatchApi, simLambdaApi } from '../bench/sim-api.js'
import { SimWorld } from '../bench/sim-ports.js'
import { sdkCloudWatchApi } from '../src/adapters/aws-cloudwatch-api.js'
import { sdkLambdaApi } from '../src/adapters/aws-lambda-api.js'
import type { CloudWatchApi } from '../src/adapters/cloudwatch.js'
import { CloudWatchMetrics } from '../src/adapters/cloudwatch.js'
import { LambdaAlias, type LambdaApi, LambdaFunction, LambdaProbe } from '../src/adapters/lambda.js'
import type { MetricsQuery } from '../src/ports.js'
import { ManualClock } from '../sim/clock.js'
import { SimModel } from '../sim/model.js'
import { resolveScenario } from '../sim/scenario.js'
import { type RunningSimulator, sdkConfig, startSimulator } from '../sim/server.js'

interface Side {
  alias: LambdaAlias
  fn: LambdaFunction
  probe: LambdaProbe
  metrics: CloudWatchMetrics
  advance(ms: number): void
}

function side(lambda: LambdaApi, cloudWatch: CloudWatchApi, advance: (ms: number) => void): Side {
  return {
    alias: new LambdaAlias(lambda, 'demo-api', 'live'),
    fn: new LambdaFunction(lambda, 'demo-api'),
    probe: new LambdaProbe(lambda),
    metrics: new CloudWatchMetrics(cloudWatch, 'demo-api', 'live'),
    advance
  }
}

let server: RunningSimulator | undefined
afterEach(async () => {
  await server?.close()
  server = undefined
})

/** The same scenario behind the HTTP server (the SDK clients, no SDK retries) and in process. */
async function bothSides(scenario: string): Promise<[Side, Side]> {
  const httpClock = new ManualClock()
  server = await startSimulator({ scenario, clock: httpClock })
  const config = { ...sdkConfig(server.url), maxAttempts: 1 }
  const http = side(sdkLambdaApi(new LambdaClient(config)), sdkCloudWatchApi(new CloudWatchClient(config)), ms => {
    httpClock.advance(ms)
  })
  const clock = new ManualClock()
  const world = new SimWorld(new SimModel(resolveScenario(scenario), { originEpochMs: clock.now() }), clock, 'demo-api', 'live')
  return [http, side(simLambdaApi(world), simCloudWatchApi(world), ms => world.advance(ms))]
}

/** What a call gave: its value, or the error's kind and message. */
async function outcome<T>(call: () => Promise<T>): Promise<{ value: T } | { error: string }> {
  try {
    return { value: await call() }
  } catch (error) {
    return { error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) }
  }
}

async function sameOnBoth<T>(sides: [Side, Side], call: (s: Side) => Promise<T>): Promise<{ value: T } | { error: string }> {
  const http = await outcome(() => call(sides[0]))
  expect(await outcome(() => call(sides[1]))).toEqual(http)
  return http
}

const window = (start: number, minutes: number): MetricsQuery => ({
  newVersion: '2',
  oldVersion: '1',
  start,
  end: start + minutes * 60_000,
  periodSeconds: 60,
  latencyStatistic: 'p99',
  metricGates: []
})

describe('the adapters over the in-process simulator answer as over HTTP', () => {
  it('reads, guarded writes, invocations, metrics, alarms and a publish', async () => {
    const sides = await bothSides('alarm')
    const start = new ManualClock().now()
    const read = await sameOnBoth(sides, s => s.alias.read())
    if (!('value' in read)) throw new Error(read.error)
    await sameOnBoth(sides, s => s.fn.configuration('2'))
    expect(await sameOnBoth(sides, s => s.fn.configuration('9'))).toEqual({ value: undefined })
    await sameOnBoth(sides, s => s.fn.provisionedConcurrency('live'))
    await sameOnBoth(sides, s => s.probe.invoke('demo-api', '2', '{"ping":true}', 5000))
    const stale = await sameOnBoth(sides, s => s.alias.write({ version: '1', weights: { '2': 0.1 } }, 'stale'))
    expect(stale).toEqual({ error: expect.stringMatching(/^AliasConflictError: PreconditionFailedException/) })
    await sameOnBoth(sides, s => s.alias.write({ version: '1', weights: { '2': 0.1 } }, read.value.revisionId))
    for (const s of sides) s.advance(15 * 60_000)
    const sample = await sameOnBoth(sides, s => s.metrics.read(window(start, 10)))
    expect(sample).toMatchObject({ value: { newVersion: { invocations: expect.any(Number) } } })
    await sameOnBoth(sides, s => s.metrics.alarms(['demo-api-live-errors', 'no-such-alarm']))
    const latest = await sameOnBoth(sides, s => s.fn.configuration('$LATEST'))
    if (!('value' in latest)) throw new Error(latest.error)
    await sameOnBoth(sides, s => s.fn.publish(latest.value?.codeSha256 ?? '', 'release'))
    await sameOnBoth(sides, s => s.fn.publish('not-the-code', 'release'))
  })

  it('scripted faults reach the adapters as the same errors', async () => {
    const sides = await bothSides('throttled-api')
    const start = new ManualClock().now()
    for (const s of sides) s.advance(5 * 60_000)
    const outcomes = []
    for (let i = 0; i < 12; i++) {
      outcomes.push(await sameOnBoth(sides, s => s.alias.read()))
      outcomes.push(await sameOnBoth(sides, s => s.metrics.read(window(start, 3))))
    }
    expect(outcomes.filter(o => 'error' in o && o.error.startsWith('TransientError')).length).toBeGreaterThan(0)
  })
})
