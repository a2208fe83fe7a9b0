// Every bad input, through dist/ as the runner runs it: the step fails, the message names the input and
// quotes the value, and the simulator records no AWS call at all — so certainly no state-changing one.
import { quoted } from '../../src/parse.js'
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { BAD_INPUTS, badInputsWorkspace } from '../helpers/bad-inputs.js'
import { runStep } from './runner.js'
import { simCalls, startScenario } from './sim.js'

/** The runner shows annotations with their %-escapes undone. */
const unescapeCommand = (text: string) => text.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%')

let sim: Awaited<ReturnType<typeof startScenario>>
beforeAll(async () => {
  sim = await startScenario('healthy')
})
afterAll(async () => {
  await sim.close()
})

describe('e2e: bad inputs fail before any AWS call', () => {
  it(`${BAD_INPUTS.length} bad inputs: each fails, names the input, quotes the value; zero calls reach the simulator`, async () => {
    expect(BAD_INPUTS.length).toBeGreaterThanOrEqual(40)
    const failures: string[] = []
    // The paths that leave the repository are relative to it: a workspace with symlinks out of it.
    const env = { ...sim.env, GITHUB_WORKSPACE: badInputsWorkspace() }
    const queue = [...BAD_INPUTS]
    const worker = async () => {
      for (let next = queue.shift(); next; next = queue.shift()) {
        const [input, inputs, value, accepted] = next
        const step = await runStep({ env, inputs: { 'function-name': 'demo-api', version: '2', ...inputs } })
        // One annotation per line of output; its own new lines are escaped until the runner shows it.
        const error = unescapeCommand(step.stdout.split('\n').find(l => l.startsWith('::error::')) ?? '')
        // A long value is quoted by its start and how much was left out (quoted()), so what is accepted still shows.
        const expected = `::error::Input "${input}" has an invalid value "${quoted(value)}"`
        if (step.code !== 1 || !error.startsWith(expected) || !error.includes(accepted) || step.outputs.result !== 'failed') {
          failures.push(`${input}=${JSON.stringify(value)}: exit ${step.code}, error line: ${error || '(none)'}`)
        }
      }
    }
    await Promise.all([worker(), worker(), worker(), worker()])
    expect(failures).toEqual([])
    expect(await simCalls(sim)).toEqual([])
  }, 120_000)
})
