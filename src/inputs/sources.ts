// Where each input's value comes from. A value written in the workflow always wins (even one equal to the
// default: action.yml's defaults are empty, so the runner passes '' for an input the workflow does not set);
// then the config file's section for the environment, then its defaults section, then the documented default.
import { Inputs, SECRET_INPUTS } from '../constants.js'
import { InputError } from '../parse.js'
import type { SettingOrigin, SettingSource } from '../settings.js'
import type { ConfigFile } from './config-file.js'
import { DEFAULTS } from './defaults.js'
import type { InputReader } from './reader.js'

/** The inputs as one run (or one environment's check) takes them. */
export interface Resolution {
  /** The value: the workflow's, else the config file's, else the documented default ('' when there is none). */
  input: InputReader
  origin(name: string): SettingOrigin
  /** Whether the workflow or the config file set it (a value equal to the default counts as given). */
  given(name: string): boolean
}

/** `environment`: the config file's section that applies (none: the defaults section alone). */
export function resolve(readInput: InputReader, config: ConfigFile | undefined, environment?: string): Resolution {
  const section = environment !== undefined ? config?.environments[environment] : undefined
  const cache = new Map<string, { value: string; origin: SettingOrigin }>()
  const lookup = (name: string) => {
    let found = cache.get(name)
    if (found) return found
    const written = readInput(name).trim()
    const fromFile = section?.[name] ?? config?.defaults[name]
    if (written !== '') found = { value: written, origin: { kind: 'workflow' } }
    else if (fromFile && config) found = { value: fromFile.value, origin: { kind: 'config-file', path: config.path, key: fromFile.key } }
    else found = { value: DEFAULTS[name] ?? '', origin: { kind: 'default' } }
    cache.set(name, found)
    return found
  }
  return {
    input: name => lookup(name).value,
    origin: name => lookup(name).origin,
    given: name => lookup(name).origin.kind !== 'default'
  }
}

/** Every input with its value and origin, in the order of Inputs (constants.ts); a secret's value is left out. */
export function sourcesOf(resolution: Resolution): SettingSource[] {
  const secrets: readonly string[] = SECRET_INPUTS
  return Object.values(Inputs).map(input => {
    const origin = resolution.origin(input)
    if (secrets.includes(input)) return { input, value: '', origin, secret: true as const }
    return { input, value: resolution.input(input), origin }
  })
}

/**
 * Runs `read` and, when it refuses an input, says where the value is: the key of the config file that set it,
 * or, while checking an environment the run did not pick (`checking`), that environment's section.
 */
export function located<T>(read: () => T, resolution: Resolution, config: ConfigFile | undefined, checking?: string): T {
  try {
    return read()
  } catch (error) {
    if (!(error instanceof InputError)) throw error
    const where = locationOf(error, resolution, config, checking)
    throw where ? new InputError(error.input, error.value, `${error.accepted} (${where})`) : error
  }
}

/** Where the refused value is set, in words; undefined when it is the workflow's (or nothing more can be said). */
function locationOf(error: InputError, resolution: Resolution, config: ConfigFile | undefined, checking?: string) {
  const origin = resolution.origin(error.input)
  if (origin.kind === 'config-file') return `set in ${origin.path} at ${origin.key}`
  if (checking !== undefined && config) return `with the settings of environments.${checking} in ${config.path}`
  return undefined
}
