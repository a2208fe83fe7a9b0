// The runner the e2e tests drive the action with lives beside the simulator, so the demo can use it too. Here
// it passes what GitHub's runner always passes: an INPUT_<NAME> variable for every input action.yml declares
// with a default, holding that default (now '' for every input the config file can set) where the test's
// workflow sets none. An input without a default (function-name) is passed only when given.
import { readFileSync } from 'node:fs'
import { parse as parseYaml } from 'yaml'
import * as runner from '../../sim/runner.js'

export * from '../../sim/runner.js'

/** action.yml's default for every input that declares one. */
export function actionYmlDefaults(): Record<string, string> {
  const action = parseYaml(readFileSync('action.yml', 'utf8')) as { inputs: Record<string, { default?: unknown }> }
  return Object.fromEntries(
    Object.entries(action.inputs)
      .filter(([, input]) => input.default !== undefined && input.default !== null)
      .map(([name, input]) => [name, String(input.default)])
  )
}

type StepOptions = Parameters<typeof runner.startStep>[0]
const asTheRunnerPasses = (opts: StepOptions): StepOptions => ({ ...opts, inputs: { ...actionYmlDefaults(), ...(opts.inputs ?? {}) } })

export const startStep = (opts: StepOptions) => runner.startStep(asTheRunnerPasses(opts))
export const runStep = (opts: StepOptions) => runner.runStep(asTheRunnerPasses(opts))
export const runWithPost = (opts: StepOptions) => runner.runWithPost(asTheRunnerPasses(opts))
