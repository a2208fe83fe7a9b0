// Helpers for the issue 11 acceptance tests: the simulator behind a fault-injecting proxy, the runner's
// entry points and its cancel sequence (SIGINT → 7.5 s → SIGTERM → 2.5 s → SIGKILL).
import { readFileSync } from 'node:fs'
import { type FaultProxy, type FaultRule, startFaultProxy } from '../../sim/fault-proxy.js'
import { type RunningSimulator, simEnv, startSimulator } from '../../sim/index.js'
import { type RunningStep, type StepResult, startStep } from './runner.js'
import { aliasState, simCalls, type SimCall } from './sim.js'

/** The main and post entry points: separate bundles (issue 11, Required 1). */
export const MAIN = 'dist/main/index.js'
export const POST = 'dist/post/index.js'

export const sleep = (ms: number) => new Promise<void>(r => setTimeout(r, ms))

/** The parts of a scenario file the tests edit. */
export interface ScenarioJson {
  functions: { versions: Record<string, unknown>[]; aliases: { description?: string }[] }[]
}

export interface Rig {
  sim: RunningSimulator
  proxy: FaultProxy
  close(): Promise<void>
}

/** A shipped scenario (optionally edited, e.g. a version 3 or a long alias description) behind a proxy. */
export async function rig(name: string, edit?: (s: ScenarioJson) => void, rules: FaultRule[] = []): Promise<Rig> {
  const scenario = JSON.parse(readFileSync(`sim/scenarios/${name}.json`, 'utf8'))
  edit?.(scenario)
  const sim = await startSimulator({ scenario, port: 0 })
  const proxy = await startFaultProxy({ target: sim.url, rules })
  return {
    sim,
    proxy,
    close: async () => {
      await proxy.close()
      await sim.close()
    }
  }
}

/** Adds version 3 (a second candidate, same behaviour as version 2) to the scenario. */
export function withVersion3(s: ScenarioJson): void {
  s.functions[0]!.versions.push({ ...structuredClone(s.functions[0]!.versions[1]!), version: '3', codeSha256: 'djM=' })
}

/** The runner's identity of a workflow run, so two runs are told apart as GitHub tells them apart. */
export function runEnv(runId: string): Record<string, string> {
  return {
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_REPOSITORY: 'acme/payments',
    GITHUB_RUN_ID: runId,
    GITHUB_RUN_ATTEMPT: '1',
    GITHUB_RUN_NUMBER: runId.slice(-2),
    GITHUB_WORKFLOW: 'deploy',
    GITHUB_JOB: 'release',
    GITHUB_ACTOR: 'octocat',
    GITHUB_SHA: 'a'.repeat(40)
  }
}

/** The main step, through `proxy` (or straight to the simulator), as run `runId`. */
export function startMain(proxy: { url: string }, inputs: Record<string, string>, runId = '1001'): RunningStep {
  return startStep({ script: MAIN, env: { ...simEnv(proxy.url), ...runEnv(runId) }, inputs })
}

/** The post step with the state the main step saved, in the main step's directory. */
export function startPost(proxy: { url: string }, inputs: Record<string, string>, main: StepResult, runId = '1001'): RunningStep {
  return startStep({ script: POST, env: { ...simEnv(proxy.url), ...runEnv(runId) }, inputs, dir: main.dir, state: main.state })
}

export type Escalation = 'SIGINT' | 'SIGTERM' | 'SIGKILL'

/**
 * The runner's cancel: SIGINT; if the process is still alive 7.5 s later SIGTERM; 2.5 s after that SIGKILL.
 * Returns the step's result and the signals that had to be sent.
 */
export async function cancelLikeRunner(step: RunningStep): Promise<StepResult & { sent: Escalation[] }> {
  const sent: Escalation[] = []
  let finished = false
  void step.done.then(() => (finished = true))
  const wait = (ms: number) => Promise.race([step.done.then(() => undefined), sleep(ms)])
  for (const [signal, grace] of [
    ['SIGINT', 7500],
    ['SIGTERM', 2500],
    ['SIGKILL', 0]
  ] as const) {
    if (finished || step.child.exitCode !== null || step.child.signalCode !== null) break
    sent.push(signal)
    step.child.kill(signal)
    await wait(grace)
  }
  return { ...(await step.done), sent }
}

/** Waits for the step, but SIGKILLs it after `ms` (a hung step must not hang the suite); `killed` says so. */
export async function finishWithin(step: RunningStep, ms: number): Promise<StepResult & { killed: boolean }> {
  let killed = false
  const timer = setTimeout(() => {
    killed = true
    step.child.kill('SIGKILL')
  }, ms)
  const r = await step.done
  clearTimeout(timer)
  return { ...r, killed }
}

/** Polls `cond` every 50 ms until it holds (or `ms` pass: then throws, naming `what`). */
export async function until(cond: () => boolean | Promise<boolean>, what: string, ms = 30_000): Promise<void> {
  const end = Date.now() + ms
  while (!(await cond())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`)
    await sleep(50)
  }
}

/** The alias as the simulator holds it. */
export const alias = (r: Rig) => aliasState(r.sim)

/** Successful UpdateAlias calls the simulator applied, in order. */
export async function aliasWrites(r: Rig): Promise<SimCall[]> {
  return (await simCalls(r.sim)).filter(c => c.operation === 'UpdateAlias' && c.status === 200)
}

export const weightsOf = (c: SimCall) =>
  ((c.params?.RoutingConfig as { AdditionalVersionWeights?: Record<string, number> } | undefined)?.AdditionalVersionWeights ??
    {}) as Record<string, number>

/** Workflow-command output as the runner shows it (%25 → %). */
export const shown = (s: string) => s.replace(/%25/g, '%').replace(/%0A/g, '\n').replace(/%3A/g, ':')
