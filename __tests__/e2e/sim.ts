import { readFileSync } from 'node:fs'
import { parse as parseYaml } from 'yaml'
// The simulator as the e2e tests use it: start a shipped scenario, read its state and call log.
import { type RunningSimulator, simEnv, startSimulator } from '../../sim/index.js'

/**
 * Timing inputs for deployments against the simulator: its 1-second metric periods let a deployment run
 * in seconds; p90 needs 100 invocations where p99 needs 1000; and a stage short of data on a loaded
 * machine is extended rather than failed, so the tests stay about their point. No latency warm-up: the
 * default 2m would cover every second-long stage (the simulator's shipped scenarios have no cold starts).
 */
/** Every input in action.yml with its default, as the runner passes them (INPUT_* for each declared input). */
export function actionDefaults(): Record<string, string> {
  const action = parseYaml(readFileSync('action.yml', 'utf8')) as { inputs: Record<string, { default?: string }> }
  return Object.fromEntries(
    Object.entries(action.inputs)
      .filter(([, v]) => v.default !== undefined)
      .map(([k, v]) => [k, String(v.default)])
  )
}

/** Timing only, for tests that keep every gate at its default: 1 s periods and a 60 s baseline window. */
export const DEFAULT_GATES_TIMING = {
  'function-name': 'demo-api',
  alias: 'live',
  version: '2',
  'metric-period': '1s',
  'metric-lag': '2s',
  'poll-interval': '1s',
  // The old version's own history before the deployment (1h by default).
  'baseline-window': '60s'
}

export const SIM_TIMING = {
  'metric-period': '1s',
  'metric-lag': '1s',
  'poll-interval': '1s',
  // Stages of seconds: the default 2-minute latency warm-up would leave every period out.
  'latency-warm-up': '0s',
  'latency-statistic': 'p90',
  'on-insufficient-data': 'wait'
} as const

export interface SimAlias {
  name: string
  functionVersion: string
  routing?: Record<string, number>
  revisionId: string
  description?: string
}

export interface SimCall {
  service: string
  operation: string
  time: number
  changedState: boolean
  status: number
  error?: string
  params?: Record<string, unknown>
}

export async function startScenario(name: string): Promise<RunningSimulator & { env: Record<string, string> }> {
  const sim = await startSimulator({ scenario: name, port: 0 })
  return Object.assign(sim, { env: simEnv(sim.url) })
}

/** The alias as GET /_sim/state reports it. */
export async function aliasState(
  sim: { url: string },
  fn = 'demo-api',
  alias = 'live'
): Promise<{ version: string; weights: Record<string, number>; revisionId: string; description?: string }> {
  const state = (await (await fetch(`${sim.url}/_sim/state`)).json()) as { functions: { name: string; aliases: SimAlias[] }[] }
  const a = state.functions.find(f => f.name === fn)?.aliases.find(x => x.name === alias)
  if (!a) throw new Error(`alias ${fn}:${alias} not in /_sim/state`)
  return {
    version: a.functionVersion,
    weights: { ...(a.routing ?? {}) },
    revisionId: a.revisionId,
    ...(a.description ? { description: a.description } : {})
  }
}

export async function simCalls(sim: { url: string }): Promise<SimCall[]> {
  return (await (await fetch(`${sim.url}/_sim/calls`)).json()) as SimCall[]
}
