// The one place inputs are read: every input → one typed Settings (the run, one deployment spec per
// function, the secrets apart, where each value came from, and warnings for given inputs this run does not
// use), or an InputError naming the input, quoting the value and saying what is accepted (and where in the
// config file it is set). Nothing here talks to AWS or logs. Each concern's inputs are read in its own module.
import { Inputs } from '../constants.js'
import { InputError, parseChoice } from '../parse.js'
import { MODES, type RunSettings, type Settings } from '../settings.js'
import { type ConfigFile, chosenEnvironment, readConfigFile } from './config-file.js'
import { readFunctions, readOnSplitAlias, readRollbackToValue } from './functions.js'
import { readAlarms, readGates, readOnInsufficientData } from './gates.js'
import { readNotify } from './notify.js'
import { readHooks, readProvisionedConcurrencyWait, readSmoke } from './probes.js'
import { type InputReader, type YamlParser, parseJsonOnly } from './reader.js'
import { type Resolution, located, resolve, sourcesOf } from './sources.js'
import { checkPlanFitsJob, readPlan, readUnusedStrategyInputs } from './strategy.js'
import { unusedWarnings } from './unused.js'
import { readWatch } from './watch.js'

import { DEFAULTS } from './defaults.js'

export { DEFAULTS }
export { parseMetricGates } from './gates.js'
export type { InputReader, YamlParser } from './reader.js'

/**
 * The settings of this run. Every environment of the config file is read the same way (with the workflow's
 * inputs), so a bad value in one the run did not pick is refused too, with its place in the file.
 */
export function readSettings(
  readInput: InputReader,
  env: NodeJS.ProcessEnv = process.env,
  parseYaml: YamlParser = parseJsonOnly
): Settings {
  const config = readConfigFile(readInput, env, parseYaml)
  const environment = chosenEnvironment(readInput, config)
  const chosen = resolve(readInput, config, environment)
  const settings = located(() => readResolved(chosen, env, parseYaml), chosen, config)
  if (config) checkEveryEnvironment(readInput, config, environment, r => readResolved(r, env, parseYaml))
  return { ...settings, sources: sourcesOf(chosen) }
}

/**
 * Reads the inputs as each other environment of the file would give them. The defaults section alone (what a
 * run without environment takes) is read too, but there only a value the section sets can be at fault: a run
 * that always names its environment may leave function-name to the environments.
 */
function checkEveryEnvironment(
  readInput: InputReader,
  config: ConfigFile,
  chosen: string | undefined,
  read: (r: Resolution) => unknown
): void {
  for (const name of Object.keys(config.environments)) {
    if (name === chosen) continue
    const resolution = resolve(readInput, config, name)
    located(() => read(resolution), resolution, config, name)
  }
  if (chosen === undefined) return
  const defaultsAlone = resolve(readInput, config)
  try {
    located(() => read(defaultsAlone), defaultsAlone, config)
  } catch (error) {
    if (!(error instanceof InputError) || defaultsAlone.origin(error.input).kind === 'config-file') throw error
  }
}

/**
 * A config file is shared by every mode: its publish or version, meant for deploys, do not stop the rollback
 * button (given in the workflow they still do: mode rollback neither publishes nor takes a version).
 */
function releaseFromWorkflowOnly(r: Resolution): InputReader {
  return name =>
    (name === Inputs.Publish || name === Inputs.Version) && r.origin(name).kind === 'config-file' ? (DEFAULTS[name] ?? '') : r.input(name)
}

/** `r.input` already has the config file and the defaults applied. */
function readResolved(r: Resolution, env: NodeJS.ProcessEnv, parseYaml: YamlParser): Omit<Settings, 'sources'> {
  const { input } = r
  const mode = parseChoice(Inputs.Mode, input(Inputs.Mode), MODES)
  const { alias, region, deployments } = readFunctions(mode === 'rollback' ? releaseFromWorkflowOnly(r) : input, env, mode)
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
  // Given but not used by this strategy or mode: still refused when bad.
  readUnusedStrategyInputs(input, r.given)
  if (mode !== 'rollback' && r.given(Inputs.RollbackTo)) readRollbackToValue(input)
  const { notify, secrets } = readNotify(input)
  const run: RunSettings = {
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
  }
  return { run, deployments, secrets, warnings: unusedWarnings(run, r) }
}
