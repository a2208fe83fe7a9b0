// The one place inputs are read: every input → one typed Settings (the run, one deployment spec per
// function, the secrets apart), or an InputError naming the input, quoting the value and saying what is
// accepted. Nothing here talks to AWS. Each concern's inputs are read in its own module, in this order.
import { Inputs } from '../constants.js'
import { parseChoice } from '../parse.js'
import { MODES, type Settings } from '../settings.js'
import { withConfigFile } from './config-file.js'
import { readFunctions, readOnSplitAlias } from './functions.js'
import { readAlarms, readGates, readOnInsufficientData } from './gates.js'
import { readNotify } from './notify.js'
import { readHooks, readProvisionedConcurrencyWait, readSmoke } from './probes.js'
import { type InputReader, type YamlParser, parseJsonOnly } from './reader.js'
import { checkPlanFitsJob, readPlan } from './strategy.js'
import { readWatch } from './watch.js'

export { DEFAULTS } from './defaults.js'
export { parseMetricGates } from './gates.js'
export type { InputReader, YamlParser } from './reader.js'

export function readSettings(
  readInput: InputReader,
  env: NodeJS.ProcessEnv = process.env,
  parseYaml: YamlParser = parseJsonOnly
): Settings {
  return withConfigFile(readInput, env, parseYaml, input => readResolved(input, env, parseYaml))
}

/** `input` already has the config file and the defaults applied. */
function readResolved(input: InputReader, env: NodeJS.ProcessEnv, parseYaml: YamlParser): Settings {
  const mode = parseChoice(Inputs.Mode, input(Inputs.Mode), MODES)
  const { alias, region, deployments } = readFunctions(input, env, mode)
  const plan = readPlan(input)
  const gates = readGates(input, parseYaml)
  const alarms = readAlarms(input)
  const smoke = readSmoke(input, env, plan)
  const hooks = readHooks(input)
  const watch = readWatch(input)
  const onInsufficientData = readOnInsufficientData(input)
  const onSplitAlias = readOnSplitAlias(input)
  const provisionedConcurrencyWaitSeconds = readProvisionedConcurrencyWait(input)
  checkPlanFitsJob(input, plan, watch.metricLagSeconds + watch.metricPeriodSeconds)
  const { notify, secrets } = readNotify(input)
  return {
    run: {
      mode,
      alias,
      ...(region ? { region } : {}),
      plan,
      gates,
      alarms,
      ...(smoke ? { smoke } : {}),
      hooks,
      ...watch,
      onInsufficientData,
      onSplitAlias,
      ...(provisionedConcurrencyWaitSeconds !== undefined ? { provisionedConcurrencyWaitSeconds } : {}),
      notify
    },
    deployments,
    secrets
  }
}
