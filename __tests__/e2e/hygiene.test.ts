// External text through dist/ against the simulator: an alarm's StateReason and a smoke test's function error
// carry a hostile payload; the log, the job summary and the Slack payload each show it neutralised.
import { afterAll, describe, expect, it } from '@jest/globals'
import { type FaultRule, startFaultProxy } from '../../sim/fault-proxy.js'
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

async function run(edit: (s: Scenario) => void, inputs: Record<string, string>, rules: FaultRule[] = []) {
  const scenario = structuredClone(resolveScenario('alarm')) as Scenario
  edit(scenario)
  const sim = await startSimulator({ scenario, port: 0 })
  const slack = await startCapture()
  // AWS's own error text comes through the fault proxy, which answers chosen calls with an error of our wording.
  const proxy = await startFaultProxy({ target: sim.url, rules })
  closers.push(sim, slack, proxy)
  const step = await runStep({ env: simEnv(proxy.url), inputs: { ...base, ...inputs, 'slack-webhook-url': `${slack.url}/hook` } })
  return { step, slack }
}

const SOURCES: [string, (s: Scenario) => void, Record<string, string>, FaultRule[]][] = [
  [
    'an alarm StateReason',
    s => {
      const alarm = (s.alarms as { transitions: { reason: string }[] }[])[0]!
      alarm.transitions[0]!.reason = PAYLOAD
    },
    { alarms: 'demo-api-live-errors' },
    []
  ],
  [
    'a smoke-test function error',
    s => {
      const fn = (s.functions as unknown as { versions: Record<string, unknown>[] }[])[0]!
      const v2 = fn.versions[1]!
      v2.response = { error: { errorType: 'Boom', errorMessage: PAYLOAD } }
      v2.behavior = { ...(v2.behavior as object), errorRate: 1 }
    },
    { 'smoke-payload': '{}' },
    []
  ],
  [
    'an AWS error message (every GetMetricData refused with it)',
    () => {},
    {},
    [{ operation: 'GetMetricData', after: 1, action: { kind: 'error', status: 400, message: PAYLOAD } }]
  ]
]

describe('e2e: hygiene of external text', () => {
  it.concurrent.each(SOURCES)('%s reaches the log, summary and Slack neutralised', async (_, edit, inputs, rules) => {
    const { step, slack } = await run(edit, inputs, rules)
    expect(step.code).toBe(1)
    // The log: the payload is there, but no line the runner would execute besides the action's own commands.
    expect(step.stdout).toContain('add-mask')
    const lines = step.stdout.split('\n')
    // The action's own masks (every form of the webhook URL) come first, before anything else is printed.
    const masks = lines.findIndex(l => !l.startsWith('::add-mask::'))
    expect(masks).toBeGreaterThan(0)
    const rest = lines.slice(masks)
    const own = /^::(group|endgroup|warning|error|notice|debug)::/
    const foreign = rest.filter(executable).filter(l => !own.test(l))
    expect(foreign).toEqual([])
    expect(rest.filter(l => !own.test(l) && /::(add-mask|stop-commands|set-output)::/.test(l))).toEqual([])
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
