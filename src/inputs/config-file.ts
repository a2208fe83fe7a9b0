// config-file: YAML with `defaults` and `environments.<name>` maps of inputs; the environment input picks
// the overrides. Unknown keys and bad shapes are refused with the file's path and the key.
import { Inputs } from '../constants.js'
import { InputError } from '../parse.js'
import { DEFAULTS } from './defaults.js'
import { readWorkspaceFile } from './paths.js'
import type { InputReader, YamlParser } from './reader.js'

/** Inputs a config file may not hold: they choose the file, or are secrets that belong in secrets. */
const NOT_IN_CONFIG: string[] = [Inputs.ConfigFile, Inputs.Environment, Inputs.GithubToken, Inputs.SlackWebhookUrl]
const KNOWN: string[] = Object.values(Inputs)

interface ConfigValues {
  path: string
  /** The chosen values by input name, with the key they were set at (e.g. "environments.prod.bake-time"). */
  values: Record<string, { value: string; key: string }>
}

type YamlMap = Record<string, unknown>
const isMap = (v: unknown): v is YamlMap => typeof v === 'object' && v !== null && !Array.isArray(v)

/**
 * Runs `read` over the inputs with the config file applied: the workflow's value, else the file's, else
 * the default. An error about a value that came from the file says where in the file it is set.
 */
export function withConfigFile<T>(
  readInput: InputReader,
  env: NodeJS.ProcessEnv,
  parseYaml: YamlParser,
  read: (input: InputReader) => T
): T {
  const config = readConfigFile(readInput, env, parseYaml)
  const input = (name: string): string => {
    const v = readInput(name).trim()
    // The runner passes action.yml's default for an input the workflow did not set, so a value equal to
    // the default counts as not given: the config file's value, if any, wins over it.
    if (v !== '' && (v !== DEFAULTS[name] || config?.values[name] === undefined)) return v
    return config?.values[name]?.value ?? DEFAULTS[name] ?? ''
  }
  try {
    return read(input)
  } catch (error) {
    const from = error instanceof InputError ? config?.values[error.input] : undefined
    if (error instanceof InputError && from && input(error.input) === from.value) {
      throw new InputError(error.input, error.value, `${error.accepted} (set in ${config?.path} at ${from.key})`)
    }
    throw error
  }
}

function readConfigFile(readInput: InputReader, env: NodeJS.ProcessEnv, parseYaml: YamlParser): ConfigValues | undefined {
  const raw = readInput(Inputs.ConfigFile).trim()
  if (raw === '') return undefined
  const doc = loadConfig(raw, env, parseYaml)
  const values: ConfigValues['values'] = {}
  takeSection(raw, doc.defaults, 'defaults', values)
  const environments = doc.environments ?? {}
  if (!isMap(environments)) throw new InputError(Inputs.ConfigFile, raw, `${raw}: "environments" must be a map of environment names`)
  const environment = readInput(Inputs.Environment).trim()
  // Every section is checked, so a mistake in "prod" is caught by the "dev" run too; only the chosen one applies.
  for (const [name, map] of Object.entries(environments)) takeSection(raw, map, `environments.${name}`, {})
  if (environment !== '') {
    const names = Object.keys(environments)
    if (!names.includes(environment)) {
      throw new InputError(
        Inputs.Environment,
        environment,
        `${raw} has no environments.${environment}; it has ${names.length > 0 ? names.map(n => `"${n}"`).join(', ') : 'none'}`
      )
    }
    takeSection(raw, environments[environment], `environments.${environment}`, values)
  }
  return { path: raw, values }
}

/** The file read and parsed, as a map with no keys but "defaults" and "environments". */
function loadConfig(raw: string, env: NodeJS.ProcessEnv, parseYaml: YamlParser): YamlMap {
  const accepted = 'give the path of a YAML file in the repository, e.g. ".github/lambda-canary.yml"'
  const file = readWorkspaceFile(env, Inputs.ConfigFile, raw, raw, accepted)
  if ('problem' in file) {
    throw new InputError(Inputs.ConfigFile, raw, `the file ${file.path} cannot be read (${file.problem}); ${accepted}`)
  }
  let doc: unknown
  try {
    doc = parseYaml(file.text)
  } catch (e) {
    throw new InputError(Inputs.ConfigFile, raw, `${raw} is not valid YAML (${(e as Error).message.split('\n')[0]})`)
  }
  if (doc === null || doc === undefined) doc = {}
  if (!isMap(doc)) throw new InputError(Inputs.ConfigFile, raw, `${raw} must be a map with "defaults" and "environments"`)
  const top = Object.keys(doc).filter(k => k !== 'defaults' && k !== 'environments')
  if (top.length > 0) throw new InputError(Inputs.ConfigFile, raw, `${raw} has unknown key "${top[0]}"; use "defaults" and "environments"`)
  return doc
}

/** Checks one section (`where`) of input names to values and adds its values to `values`. */
function takeSection(raw: string, map: unknown, where: string, values: ConfigValues['values']): void {
  if (map === undefined || map === null) return
  if (!isMap(map)) throw new InputError(Inputs.ConfigFile, raw, `${raw}: "${where}" must be a map of input names to values`)
  for (const [key, value] of Object.entries(map)) {
    if (!KNOWN.includes(key))
      throw new InputError(
        Inputs.ConfigFile,
        raw,
        `${raw}: unknown key "${where}.${key}"; use the action's input names, such as "strategy" or "max-error-rate-increase"`
      )
    if (NOT_IN_CONFIG.includes(key))
      throw new InputError(
        Inputs.ConfigFile,
        raw,
        `${raw}: "${where}.${key}" cannot be set in the file; give it in the workflow${key === Inputs.GithubToken || key === Inputs.SlackWebhookUrl ? ' from a secret' : ''}`
      )
    const text = asInputText(key, value)
    if (text === undefined)
      throw new InputError(Inputs.ConfigFile, raw, `${raw}: "${where}.${key}" must be text, a number, true/false or a list`)
    values[key] = { value: text.trim(), key: `${where}.${key}` }
  }
}

/** A YAML value as the input's text: scalars as written, a list one item per line, metric-gates as JSON. */
function asInputText(key: string, value: unknown): string | undefined {
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return String(value)
  if (Array.isArray(value) && value.every(v => typeof v === 'string' || typeof v === 'number')) return value.join('\n')
  if (key === Inputs.MetricGates && Array.isArray(value)) return JSON.stringify(value)
  return undefined
}
