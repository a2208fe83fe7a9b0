// Issue 10, "Done when" (e2e part): `mode: plan` names, per stage, the gates that judge it and whether the
// expected traffic (from the old version's baseline window) reaches each gate's minimum evidence; a
// configuration with a stage nothing can fail is refused before any AWS write unless the user opts out
// (`allow-unjudged-stages: true` here — the name the judge must provide or the lead must align), and the summary
// of such an opted-out run never shows "passed" for that stage.
import { afterAll, describe, expect, it } from '@jest/globals'
import { existsSync, readFileSync } from 'node:fs'
import { runWithPost, type StepResult } from './runner.js'
import { aliasState, simCalls, DEFAULT_GATES_TIMING, actionDefaults } from './sim.js'
import { type Clock, simEnv, startSimulator } from '../../sim/index.js'

if (!existsSync('dist/main/index.js')) throw new Error('dist/main/index.js is missing: run npm run bundle')

/** Seconds of old-version traffic the simulator has already served when the action starts. */
const HISTORY_SECONDS = 90
const RATE = 300

const DEFAULTS = actionDefaults()

/** Timing only: the gates stay at their defaults. */
const TIMING = DEFAULT_GATES_TIMING

/** healthy.json at RATE req/s; `trafficFrom` (seconds after the start) delays all traffic. */
function scenario(trafficFrom?: number) {
  const s = JSON.parse(readFileSync('sim/scenarios/healthy.json', 'utf8'))
  s.name = 'e2e-plan-gates'
  if (trafficFrom === undefined) s.traffic[0].ratePerSecond = RATE
  else {
    s.traffic[0].ratePerSecond = 0
    s.traffic[0].schedule = [{ at: trafficFrom, ratePerSecond: RATE }]
  }
  return s
}

/** First reading (the simulator's origin) `seconds` in the past, real time after it. */
function clockWithHistory(seconds: number): Clock {
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

async function run(inputs: Record<string, string>, opts: { history: boolean; trafficFrom?: number }) {
  const sim = await startSimulator({
    scenario: scenario(opts.trafficFrom),
    port: 0,
    ...(opts.history ? { clock: clockWithHistory(HISTORY_SECONDS) } : {})
  })
  sims.push(sim)
  const { main, post } = await runWithPost({ env: simEnv(sim.url), inputs: { ...DEFAULTS, ...TIMING, ...inputs } })
  return { sim, main, post, alias: await aliasState(sim), calls: await simCalls(sim) }
}

/** The log (workflow commands decoded) and the step summary, as lines. */
const textOf = (step: StepResult) => `${step.stdout.replace(/%25/g, '%').replace(/%0A/g, '\n')}\n${step.summary}`

/**
 * The parts of the plan about stage `n`: from a line naming it ("Stage n", "stage n", a table row "| n |", or
 * for the last stage also "final bake") up to the next line naming another stage (at most 25 lines).
 */
function stageSegments(text: string, n: number, last: boolean): string[] {
  const lines = text.split('\n')
  const names = (l: string, k: number) => new RegExp(`\\bstage\\s*${k}\\b`, 'i').test(l) || new RegExp(`^\\s*\\|\\s*${k}\\s*\\|`).test(l)
  const namesOther = (l: string) => {
    const m = /\bstage\s*(\d+)\b/i.exec(l) ?? /^\s*\|\s*(\d+)\s*\|/.exec(l)
    return m !== null && Number(m[1]) !== n
  }
  const segments: string[] = []
  lines.forEach((line, i) => {
    if (!(names(line, n) || (last && /final[ -]bake/i.test(line)))) return
    const seg = [line]
    for (let j = i + 1; j < lines.length && j < i + 25 && !namesOther(lines[j] as string); j++) seg.push(lines[j] as string)
    segments.push(seg.join('\n'))
  })
  return segments
}

const ERROR_GATE = /error/i
const LATENCY_GATE = /latency|p99|duration/i
const EVIDENCE = /enough|reach|evidence|minimum|invocations|sufficient/i
const CANNOT_REACH = /cannot|can't|can ?not|won't|will not|not enough|insufficient|unreachable|short of|never|too few|fewer/i

interface PlanCase {
  name: string
  inputs: Record<string, string>
  stages: number
}
const PLANS: PlanCase[] = [
  { name: 'blue-green', inputs: { strategy: 'blue-green', 'bake-time': '14s', 'smoke-payload': '{}' }, stages: 1 },
  { name: 'all-at-once + final-bake', inputs: { strategy: 'all-at-once', 'final-bake': '12s' }, stages: 1 },
  {
    name: 'canary + final-bake',
    inputs: { strategy: 'canary', 'canary-weight': '50%', 'bake-time': '10s', 'final-bake': '25s' },
    stages: 2
  },
  {
    name: 'preset CodeDeployDefault.LambdaAllAtOnce + final-bake',
    inputs: { strategy: 'CodeDeployDefault.LambdaAllAtOnce', 'final-bake': '12s' },
    stages: 1
  }
]

describe.each(PLANS)('e2e mode: plan names the gates of each stage: $name', ({ inputs, stages }) => {
  it('every stage lists an error gate and a latency gate and says whether the expected traffic reaches their evidence', async () => {
    const { main, alias, calls } = await run({ ...inputs, mode: 'plan' }, { history: true })
    expectExit(main, 0)
    expect(main.outputs.result).toBe('planned')
    expect(alias).toMatchObject({ version: '1', weights: {} })
    expect(calls.filter(c => c.changedState)).toEqual([])
    const text = textOf(main)
    for (let n = 1; n <= stages; n++) {
      const segments = stageSegments(text, n, n === stages)
      const judged = segments.some(s => ERROR_GATE.test(s) && LATENCY_GATE.test(s) && EVIDENCE.test(s))
      if (!judged) throw new Error(`the plan does not name the error and latency gates of stage ${n} with their evidence${show(main)}`)
    }
  })
})

describe('e2e mode: plan says when a stage cannot gather a gate’s evidence', () => {
  it('default 10% canary for 4 s at 300 req/s: the p99 latency gate cannot reach its evidence in stage 1, and a change is suggested', async () => {
    const { main, calls } = await run({ mode: 'plan', strategy: 'canary', 'bake-time': '4s', 'final-bake': '25s' }, { history: true })
    expectExit(main, 0)
    expect(calls.filter(c => c.changedState)).toEqual([])
    const text = textOf(main)
    const stage1 = stageSegments(text, 1, false)
    if (!stage1.some(s => LATENCY_GATE.test(s) && CANNOT_REACH.test(s)))
      throw new Error(`the plan does not say that stage 1's latency gate cannot reach its evidence${show(main)}`)
    // A suggestion that would: a longer bake, a larger canary weight, a lower percentile.
    expect(text).toMatch(/longer|bake-time|canary-weight|p95|p90|latency-statistic/i)
  })
})

describe('e2e: a stage that nothing can fail', () => {
  // No traffic at all before the deployment (it starts 12 s in): the old version has no baseline, and without
  // max-error-rate / max-latency nothing can fail the 100% stage of all-at-once + final bake.
  const unjudged = { strategy: 'all-at-once', 'final-bake': '18s' }

  it('is refused before any AWS write, with an error naming what to add', async () => {
    const { main, alias, calls } = await run(unjudged, { history: false, trafficFrom: 12 })
    expectExit(main, 1)
    expect(calls.filter(c => c.operation === 'UpdateAlias')).toEqual([])
    expect(calls.filter(c => c.changedState)).toEqual([])
    expect(alias).toMatchObject({ version: '1', weights: {} })
    const errors = main.stdout
      .replace(/%25/g, '%')
      .split('\n')
      .filter(l => l.startsWith('::error'))
      .join('\n')
    if (!/max-error-rate|max-latency/.test(errors)) throw new Error(`the error does not name max-error-rate or max-latency${show(main)}`)
  })

  it('runs with allow-unjudged-stages: true, and the summary never calls that stage passed', async () => {
    const { main, alias, calls } = await run({ ...unjudged, 'allow-unjudged-stages': 'true' }, { history: false, trafficFrom: 12 })
    expectExit(main, 0)
    expect(main.outputs.result).toBe('promoted')
    expect(alias).toMatchObject({ version: '2', weights: {} })
    expect(calls.some(c => c.operation === 'UpdateAlias' && c.status === 200)).toBe(true)
    // No line about stage 1 (its heading, its table row, its gates) says "passed"/"pass".
    const lines = main.summary.split('\n')
    const aboutStage1 = lines.filter(l => /\bstage\s*1\b/i.test(l) || /^\s*\|\s*1\s*\|/.test(l) || /final[ -]bake/i.test(l))
    const passed = aboutStage1.filter(l => /\bpass(ed)?\b/i.test(l))
    if (passed.length > 0) throw new Error(`the summary calls an unjudged stage passed:\n${passed.join('\n')}${show(main)}`)
    // Nor does any stage-table verdict cell.
    expect(lines.filter(l => /^\s*\|.*\|\s*\**passed\**\s*\|\s*$/i.test(l))).toEqual([])
  })
})
