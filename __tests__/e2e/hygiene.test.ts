// External text through dist/ against the simulator: an alarm's StateReason and a smoke test's function error
// carry a hostile payload; the log, the job summary and the Slack payload each show it neutralised.
import { afterAll, describe, expect, it } from '@jest/globals'
import { resolveScenario, simEnv, startSimulator } from '../../sim/index.js'
import { PAYLOAD, executable } from '../helpers/hostile.js'
import { startCapture } from './capture.js'
import { runStep } from './runner.js'
import { SIM_TIMING } from './sim.js'

const closers: { close(): Promise<void> }[] = []
afterAll(async () => {
  await Promise.all(closers.map(c => c.close()))
})

const base = {
  'function-name': 'demo-api',
  version: '2',
  strategy: 'custom',
  steps: '10%:6s, 50%:6s',
  ...SIM_TIMING,
  'max-error-rate': '1%'
}

type Scenario = ReturnType<typeof resolveScenario> & Record<string, unknown>

async function run(edit: (s: Scenario) => void, inputs: Record<string, string>) {
  const scenario = structuredClone(resolveScenario('alarm')) as Scenario
  edit(scenario)
  const sim = await startSimulator({ scenario, port: 0 })
  const slack = await startCapture()
  closers.push(sim, slack)
  const step = await runStep({ env: simEnv(sim.url), inputs: { ...base, ...inputs, 'slack-webhook-url': `${slack.url}/hook` } })
  return { step, slack }
}

const SOURCES: [string, (s: Scenario) => void, Record<string, string>][] = [
  [
    'an alarm StateReason',
    s => {
      const alarm = (s.alarms as { transitions: { reason: string }[] }[])[0]!
      alarm.transitions[0]!.reason = PAYLOAD
    },
    { alarms: 'demo-api-live-errors' }
  ],
  [
    'a smoke-test function error',
    s => {
      const fn = (s.functions as unknown as { versions: Record<string, unknown>[] }[])[0]!
      const v2 = fn.versions[1]!
      v2.response = { error: { errorType: 'Boom', errorMessage: PAYLOAD } }
      v2.behavior = { ...(v2.behavior as object), errorRate: 1 }
    },
    { 'smoke-payload': '{}' }
  ]
]

describe('e2e: hygiene of external text', () => {
  it.concurrent.each(SOURCES)('%s reaches the log, summary and Slack neutralised', async (_, edit, inputs) => {
    const { step, slack } = await run(edit, inputs)
    expect(step.code).toBe(1)
    // The log: the payload is there, but no line the runner would execute besides the action's own commands.
    expect(step.stdout).toContain('add-mask')
    const lines = step.stdout.split('\n')
    const own = /^::(group|endgroup|warning|error|notice|debug)::|^::add-mask::http:\/\/127\.0\.0\.1:\d+\/hook$/
    const foreign = lines.filter(executable).filter(l => !own.test(l))
    expect(foreign).toEqual([])
    expect(lines.filter(l => !own.test(l) && /::(add-mask|stop-commands|set-output)::/.test(l))).toEqual([])
    // The action's own failure annotation still runs: nothing stopped the commands.
    expect(lines.some(l => l.startsWith('::error::'))).toBe(true)
    // The summary: the payload shown as text, no tag but our <br>, no heading, link or image from outside.
    expect(step.summary).toContain('onerror')
    expect(step.summary).not.toMatch(/<(?!br>)[a-z!/]/i)
    expect(step.summary).not.toMatch(/^\s*#{1,6} heading/m)
    expect(step.summary).not.toMatch(/(^|[^\\])!?\[(link|img)\]\(/)
    // Slack: every text field has & < > escaped.
    expect(slack.requests).toHaveLength(1)
    const texts = slack.requests[0]!.body.match(/"text":"(?:[^"\\]|\\.)*"/g) ?? []
    expect(texts.join('')).toContain('&lt;!channel&gt;')
    for (const t of texts) expect(t).not.toMatch(/[<>]/)
    // The reason output: one bounded line.
    expect(step.outputs.reason).not.toMatch(/\n|::(add-mask|stop-commands|set-output|warning)::/)
  })
})
