// The simulator over HTTP for the server tests: started on a free port with a ManualClock and SDK clients pointed at it.
import { CloudWatchClient } from '@aws-sdk/client-cloudwatch'
import { LambdaClient } from '@aws-sdk/client-lambda'
import { ManualClock } from '../../sim/clock.js'
import type { Scenario } from '../../sim/scenario.js'
import { type RunningSimulator, startSimulator } from '../../sim/server.js'
import { SDK_QUIET } from './helpers.js'

const running: RunningSimulator[] = []

export async function start(scenario: Scenario | string, clock = new ManualClock()) {
  const sim = await startSimulator({ scenario, port: 0, clock })
  running.push(sim)
  const cfg = {
    endpoint: sim.url,
    region: 'us-east-1',
    credentials: { accessKeyId: 'x', secretAccessKey: 'x' },
    maxAttempts: 1,
    logger: SDK_QUIET
  }
  return { sim, clock, lambda: new LambdaClient(cfg), cw: new CloudWatchClient(cfg) }
}

/** Closes every simulator `start` started (call in afterAll). */
export async function closeAll(): Promise<void> {
  await Promise.all(running.splice(0).map(s => s.close()))
}

/** Await a promise that must reject; returns the error. */
export async function failure(p: Promise<unknown>): Promise<Error & { name: string; $metadata: { httpStatusCode?: number } }> {
  try {
    await p
  } catch (e) {
    return e as Error & { name: string; $metadata: { httpStatusCode?: number } }
  }
  throw new Error('expected the call to fail')
}
