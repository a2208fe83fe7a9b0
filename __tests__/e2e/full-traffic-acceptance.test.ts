// Written independently of the judge, from the promise alone (issue 10 acceptance).
// Issue 10, "Done when" (e2e part): every strategy with a stage at 100% traffic — blue-green, all-at-once +
// final bake, canary + final bake, a CodeDeploy preset — restores the alias on an error regression and on a
// latency regression WITH THE DEFAULT GATES (no max-error-rate / max-latency), and promotes a healthy release.
// At 100% the old version has no concurrent traffic, so the judge must compare with the old version's own
// metrics from before the deployment (`baseline-window`). The simulator starts with history: the model's origin
// is moved back (as bench/run.ts does), so the old version has served traffic for HISTORY_SECONDS already when
// the action starts; `baseline-window` is passed sized to it (an unknown INPUT_ is ignored by the action).
import { afterAll, describe, expect, it } from '@jest/globals'
import { existsSync, readFileSync } from 'node:fs'
import { runWithPost, type StepResult } from './runner.js'
import { aliasState, simCalls, DEFAULT_GATES_TIMING, actionDefaults } from './sim.js'
import { simEnv, startSimulator } from '../../sim/index.js'

if (!existsSync('dist/main/index.js')) throw new Error('dist/main/index.js is missing: run npm run bundle')

/** Seconds of old-version traffic the simulator has already served when the action starts. */
const HISTORY_SECONDS = 90
/**
 * Requests per second into demo-api:live: 12 s at 100% give ~3,600 invocations, over the 1,000 a p99 needs
 * (and a 50% canary stage of 10 s reaches them too, so the canary stage passes on today's judge as well).
 */
const RATE = 300

const DEFAULTS = actionDefaults()

/** Timing only: the gates stay at their defaults. */
const TIMING = DEFAULT_GATES_TIMING

type Kind = 'healthy' | 'errors' | 'latency'
const OLD = { errorRate: 0.005, latency: { medianMs: 40, p99Ms: 180 } }
const BAD: Record<Exclude<Kind, 'healthy'>, { errorRate: number; latency: { medianMs: number; p99Ms: number } }> = {
  // 30% of requests fail (the old version: 0.5%), same latency.
  errors: { errorRate: 0.3, latency: OLD.latency },
  // 40× slower, no extra errors.
  latency: { errorRate: 0.005, latency: { medianMs: 40 * 40, p99Ms: 180 * 40 } }
}

/**
 * healthy.json at RATE req/s with version 2 healthy, or bad from `badFromSecond` seconds after the action
 * starts (model time HISTORY_SECONDS + badFromSecond; undefined = bad from the start).
 */
function scenario(kind: Kind, badFromSecond?: number) {
  const s = JSON.parse(readFileSync('sim/scenarios/healthy.json', 'utf8'))
  s.name = `e2e-full-traffic-${kind}`
  s.traffic[0].ratePerSecond = RATE
  const [v1, v2] = s.functions[0].versions
  v1.behavior = structuredClone(OLD)
  if (kind === 'healthy') v2.behavior = structuredClone(OLD)
  else if (badFromSecond === undefined) v2.behavior = structuredClone(BAD[kind])
  else v2.behavior = { ...structuredClone(OLD), phases: [{ at: HISTORY_SECONDS + badFromSecond, ...structuredClone(BAD[kind]) }] }
  return s
}

/** A clock whose first reading (the simulator's origin) is HISTORY_SECONDS in the past; real time after it. */
function clockWithHistory(seconds: number) {
  let first = true
  return {
    now: () => {
      if (first) {
        first = false
        return Date.now() - seconds * 1000
      }
      return Date.now()
    }
  }
}

const sims: { close(): Promise<void> }[] = []
afterAll(async () => {
  await Promise.all(sims.map(s => s.close()))
})

const show = (step: StepResult) =>
  `\n--- stdout\n${step.stdout.replace(/%25/g, '%')}\n--- stderr\n${step.stderr}\n--- summary\n${step.summary}\n--- outputs\n${JSON.stringify(step.outputs, null, 1)}`

function expectExit(step: StepResult, code: number) {
  if (step.code !== code) throw new Error(`expected exit ${code}, got ${step.code}${show(step)}`)
}

async function deploy(kind: Kind, inputs: Record<string, string>, badFromSecond?: number) {
  const sim = await startSimulator({ scenario: scenario(kind, badFromSecond), port: 0, clock: clockWithHistory(HISTORY_SECONDS) })
  sims.push(sim)
  const { main, post } = await runWithPost({ env: simEnv(sim.url), inputs: { ...DEFAULTS, ...TIMING, ...inputs } })
  return { sim, main, post, alias: await aliasState(sim), calls: await simCalls(sim) }
}

interface Strategy {
  name: string
  inputs: Record<string, string>
  /** When the regression starts (seconds after the action starts); undefined = from the start. */
  badFrom?: number
  /** Index (0-based) of the first stage at 100% traffic in the timeline. */
  fullStage: number
}

const STRATEGIES: Strategy[] = [
  // The smoke test invokes version 2 before any shift: the regression starts after it so that the bake at 100%,
  // not the smoke test, is what must catch it.
  { name: 'blue-green', inputs: { strategy: 'blue-green', 'bake-time': '14s', 'smoke-payload': '{}' }, badFrom: 5, fullStage: 0 },
  { name: 'all-at-once + final-bake', inputs: { strategy: 'all-at-once', 'final-bake': '12s' }, fullStage: 0 },
  // The regression begins after the promotion (~12-14 s), so it is the final bake at 100% that must catch it.
  // 50% for 10 s: the canary stage gathers the 1,000 invocations of each version a default p99 gate needs.
  {
    name: 'canary + final-bake',
    inputs: { strategy: 'canary', 'canary-weight': '50%', 'bake-time': '10s', 'final-bake': '25s' },
    badFrom: 20,
    fullStage: 1
  },
  {
    name: 'preset CodeDeployDefault.LambdaAllAtOnce + final-bake',
    inputs: { strategy: 'CodeDeployDefault.LambdaAllAtOnce', 'final-bake': '12s' },
    fullStage: 0
  }
]

interface TimelineStage {
  weight: number
  decision: string
}
const stagesOf = (main: StepResult): TimelineStage[] => {
  try {
    return (JSON.parse(main.outputs.timeline ?? '{}') as { stages?: TimelineStage[] }).stages ?? []
  } catch {
    return []
  }
}

describe.each(STRATEGIES)('e2e full traffic, default gates: $name', ({ inputs, badFrom, fullStage }) => {
  it('healthy control: promoted, exit 0, routing cleared', async () => {
    const { main, post, alias } = await deploy('healthy', inputs)
    expectExit(main, 0)
    expect(main.outputs.result).toBe('promoted')
    expect(alias).toMatchObject({ version: '2', weights: {} })
    expect(post.code).toBe(0)
  })

  it.each(['errors', 'latency'] as const)('%s regression at 100%%: rolled back, exit 1, alias restored', async kind => {
    const { main, post, alias, calls } = await deploy(kind, inputs, badFrom)
    expectExit(main, 1)
    if (main.outputs.result !== 'rolled-back') throw new Error(`expected result rolled-back${show(main)}`)
    expect(alias).toMatchObject({ version: '1', weights: {} })
    // The last alias write put everything back on version 1 with no routing.
    const writes = calls.filter(c => c.operation === 'UpdateAlias' && c.status === 200)
    expect(writes.at(-1)?.params).toMatchObject({ FunctionVersion: '1' })
    // It was the stage at 100% that caught it (not the smoke test, not the canary stage).
    expect(main.outputs.reason).not.toMatch(/smoke/i)
    const stages = stagesOf(main)
    if (stages.length > 0) {
      const failed = stages.findIndex(s => s.decision !== 'pass')
      if (failed !== fullStage)
        throw new Error(`expected stage ${fullStage + 1} (100%) to fail, stages: ${JSON.stringify(stages)}${show(main)}`)
      expect(stages[failed]?.weight).toBe(1)
    }
    if (kind === 'errors') expect(main.outputs.reason).toMatch(/error/i)
    else expect(main.outputs.reason).toMatch(/latency|duration|p\d\d/i)
    expect(post.code).toBe(0)
  })
})
