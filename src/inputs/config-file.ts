// config-file: YAML with `defaults` and `environments.<name>` maps of inputs; the environment input picks
// the overrides. Unknown keys and bad shapes are refused with the file's path and the key; the values are
// checked by reading them, for every environment (sources.ts resolves them, index.ts reads each).
import { Inputs } from '../constants.js'
import { InputError } from '../parse.js'
import { readWorkspaceFile } from './paths.js'
import type { InputReader, YamlParser } from './reader.js'

/** Inputs a config file may not hold: they choose the file, or are secrets that belong in secrets. */
const NOT_IN_CONFIG: string[] = [Inputs.ConfigFile, Inputs.Environment, Inputs.GithubToken, Inputs.SlackWebhookUrl]
const KNOWN: string[] = Object.values(Inputs)

/** One section's values by input name, with the key each is set at (e.g. "environments.prod.bake-time"). */
export type ConfigSection = Record<string, { value: string; key: string }>

/** The config file, every section checked for its keys and shapes (the values are checked by reading them). */
export interface ConfigFile {
  path: string
  defaults: ConfigSection
  /** By environment name, in the file's order. */
  environments: Record<string, ConfigSection>
}

type YamlMap = Record<string, unknown>
const isMap = (v: unknown): v is YamlMap => typeof v === 'object' && v !== null && !Array.isArray(v)

/** The file config-file names, or undefined when none is given. */
export function readConfigFile(readInput: InputReader, env: NodeJS.ProcessEnv, parseYaml: YamlParser): ConfigFile | undefined {
  const raw = readInput(Inputs.ConfigFile).trim()
  if (raw === '') return undefined
  const doc = loadConfig(raw, env, parseYaml)
  const environments = doc.environments ?? {}
  if (!isMap(environments)) throw new InputError(Inputs.ConfigFile, raw, `${raw}: "environments" must be a map of environment names`)
  return {
    path: raw,
    defaults: takeSection(raw, doc.defaults, 'defaults'),
    environments: Object.fromEntries(
      Object.entries(environments).map(([name, map]) => [name, takeSection(raw, map, `environments.${name}`)])
    )
  }
}

/** The environment whose section applies: the environment input, which the file must have when it is given. */
export function chosenEnvironment(readInput: InputReader, config: ConfigFile | undefined): string | undefined {
  const environment = readInput(Inputs.Environment).trim()
  if (environment === '' || !config) return undefined
  const names = Object.keys(config.environments)
  if (!names.includes(environment)) {
    throw new InputError(
      Inputs.Environment,
      environment,
      `${config.path} has no environments.${environment}; it has ${names.length > 0 ? names.map(n => `"${n}"`).join(', ') : 'none'}`
    )
  }
  return environment
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
  // Keys starting with "x-" hold YAML anchors for sections to share (`x-common: &common`, then `<<: *common`).
  const top = Object.keys(doc).filter(k => k !== 'defaults' && k !== 'environments' && !k.startsWith('x-'))
  if (top.length > 0)
    throw new InputError(
      Inputs.ConfigFile,
      raw,
      `${raw} has unknown key "${top[0]}"; use "defaults" and "environments" (and keys starting with "x-" for YAML anchors to share)`
    )
  return doc
}

/** Checks one section (`where`) of input names to values and returns its values. */
function takeSection(raw: string, map: unknown, where: string): ConfigSection {
  const values: ConfigSection = {}
  if (map === undefined || map === null) return values
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
    // An empty value (`bake-time:` or `bake-time: ""`) counts as not given, as in the workflow.
    if (value === null || (typeof value === 'string' && value.trim() === '')) continue
    const text = asInputText(key, value)
    if (text === undefined)
      throw new InputError(Inputs.ConfigFile, raw, `${raw}: "${where}.${key}" must be text, a number, true/false or a list`)
    values[key] = { value: text.trim(), key: `${where}.${key}` }
  }
  return values
}

/** A YAML value as the input's text: scalars as written, a list one item per line, metric-gates as JSON. */
function asInputText(key: string, value: unknown): string | undefined {
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return String(value)
  if (Array.isArray(value) && value.every(v => typeof v === 'string' || typeof v === 'number')) return value.join('\n')
  if (key === Inputs.MetricGates && Array.isArray(value)) return JSON.stringify(value)
  return undefined
}
