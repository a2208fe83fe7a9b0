// Issue 13 item 4 through dist/ as the runner runs it: a stage that goes on past its bake says so in the log —
// when the bake ended, that it waits for late datapoints, until when (UTC and from now) and before what — and the
// bake's poll lines never repeat the previous one but for its time.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { runStep } from './runner.js'
import { SIM_TIMING, actionDefaults, startScenario } from './sim.js'

let sim: Awaited<ReturnType<typeof startScenario>>
beforeAll(async () => {
  sim = await startScenario('healthy')
})
afterAll(async () => {
  await sim.close()
})

const seconds = (hms: string) => hms.split(':').reduce((s, part) => s * 60 + Number(part), 0)

describe('e2e: the log explains a wait past the bake', () => {
  it('bake-time 3s with metric-lag 5s: "waiting for late datapoints until … (in …) before promotion", once per reason', async () => {
    const inputs = {
      ...actionDefaults(),
      'function-name': 'demo-api',
      version: '2',
      'baseline-window': '60s',
      ...SIM_TIMING,
      'bake-time': '3s',
      'metric-lag': '5s',
      // The error gates judge it; a p90 needs more of the new version's invocations than a 3-second 10% stage has.
      'max-latency-increase': 'off'
    }
    const step = await runStep({ env: sim.env, inputs })
    expect(`${step.outputs.result}: ${step.outputs.reason}`).toMatch(/^promoted: /)
    const lines = step.stdout.split('\n')
    const waits = lines.filter(l => l.startsWith('stage 1 (10%): the bake ended at '))
    expect(waits.length).toBeGreaterThan(0)
    const said =
      /^stage 1 \(10%\): the bake ended at (\d\d:\d\d:\d\d) UTC; waiting for late datapoints until (\d\d:\d\d:\d\d) UTC \(in (\d+)s\) before promotion, so that every period of the bake is complete for metric-lag — /.exec(
        waits[0] ?? ''
      )
    expect(said).not.toBeNull()
    const [, ended, until, inSeconds] = said as unknown as [string, string, string, string]
    // Until every 1 s period of the bake has been complete for metric-lag (5 s): 5 to 6 s after the bake's end.
    expect(seconds(until) - seconds(ended)).toBeGreaterThanOrEqual(5)
    expect(seconds(until) - seconds(ended)).toBeLessThanOrEqual(6)
    expect(Number(inSeconds)).toBeLessThanOrEqual(6)
    // Said inside the stage's group, before the stage ends; and said again only with another reason.
    const group = lines.findIndex(l => l.startsWith('::group::Stage 1'))
    const end = lines.findIndex(l => l.startsWith('stage 1 (10%) ended'))
    expect(lines.indexOf(waits[0]!)).toBeGreaterThan(group)
    expect(lines.indexOf(waits[0]!)).toBeLessThan(end)
    expect(new Set(waits).size).toBe(waits.length)
    // No poll line repeats the one before it but for its time.
    const polls = lines.filter(l => l.startsWith('[stage ')).map(l => l.replace(/^(\[stage [^\]]+\]) \d\d:\d\d:\d\d /, '$1 '))
    expect(polls.length).toBeGreaterThan(2)
    for (let i = 1; i < polls.length; i++) expect(polls[i]).not.toBe(polls[i - 1])
  }, 60_000)
})
