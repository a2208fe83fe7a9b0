// What runs before the new version gets traffic and around it: the smoke test, the hooks, and the wait
// for the new version's provisioned concurrency.
import { Inputs } from '../constants.js'
import { InputError, parseBoolean, parseDuration, parseNonNegativeInt } from '../parse.js'
import type { Plan } from '../plan.js'
import type { Hooks, Smoke, SmokeExpectation } from '../settings.js'
import { readWorkspaceFile } from './paths.js'
import type { InputReader } from './reader.js'

const HOOK_FUNCTION =
  /^((arn:aws[a-zA-Z-]*:lambda:[a-z]{2,4}(-[a-z]+)+-\d+:)?\d{12}:function:)?[a-zA-Z0-9_-]{1,64}(:[a-zA-Z0-9$_-]{1,128})?$/

/** smoke-payload, smoke-count, smoke-expect; a blue-green plan moves all traffic at once, so it needs one. */
export function readSmoke(input: InputReader, env: NodeJS.ProcessEnv, plan: Plan): Smoke | undefined {
  const raw = input(Inputs.SmokePayload)
  const countRaw = input(Inputs.SmokeCount)
  const count = parseNonNegativeInt(Inputs.SmokeCount, countRaw)
  if (count < 1 || count > 100) throw new InputError(Inputs.SmokeCount, countRaw, 'use a whole number from 1 to 100')
  const expect = parseSmokeExpect(input(Inputs.SmokeExpect))
  // Without a payload there is no smoke test: smoke-count and smoke-expect are checked, and unused.ts warns.
  if (raw !== '') return { payload: readSmokePayload(raw, env), count, expect }
  if (plan.kind === 'blue-green') {
    throw new InputError(
      Inputs.SmokePayload,
      '',
      'strategy "blue-green" moves all traffic at once, so it needs a smoke test first: give smoke-payload (JSON, or @path to a JSON file)'
    )
  }
  return undefined
}

/** JSON, or @path to a JSON file in the repository. */
function readSmokePayload(raw: string, env: NodeJS.ProcessEnv): string {
  let payload = raw
  if (raw.startsWith('@')) {
    const accepted = 'use JSON, or @path to a JSON file in the repository'
    const file = readWorkspaceFile(env, Inputs.SmokePayload, raw, raw.slice(1), accepted)
    if ('problem' in file) {
      throw new InputError(Inputs.SmokePayload, raw, `the file ${file.path} cannot be read (${file.problem}); ${accepted}`)
    }
    payload = file.text
  }
  try {
    JSON.parse(payload)
  } catch (e) {
    throw new InputError(
      Inputs.SmokePayload,
      raw,
      `it is not valid JSON (${(e as Error).message}); use a JSON document such as {"path": "/health"}, or @path to a JSON file`
    )
  }
  return payload
}

/** "" → no FunctionError; "/regex/flags" → the response must match; JSON → the response must contain it. */
function parseSmokeExpect(raw: string): SmokeExpectation {
  const value = raw.trim()
  if (value === '') return { kind: 'no-error' }
  const regex = /^\/(.*)\/([a-z]*)$/s.exec(value)
  if (regex) {
    try {
      return { kind: 'regex', pattern: new RegExp(regex[1] as string, regex[2]) }
    } catch (e) {
      throw new InputError(
        Inputs.SmokeExpect,
        raw,
        `the regular expression is invalid (${(e as Error).message}); use /pattern/flags or a JSON value the response must contain`
      )
    }
  }
  try {
    return { kind: 'subset', value: JSON.parse(value) as unknown }
  } catch {
    throw new InputError(
      Inputs.SmokeExpect,
      raw,
      'use a JSON value the response must contain, like {"statusCode": 200}, or a regular expression like /"ok":s*true/'
    )
  }
}

export function readHooks(input: InputReader): Hooks {
  const hooks: Hooks = { timeoutSeconds: parseDuration(Inputs.HookTimeout, input(Inputs.HookTimeout), { max: 900 }) }
  for (const [name, key] of [
    [Inputs.PreTrafficHook, 'preTraffic'],
    [Inputs.PostTrafficHook, 'postTraffic'],
    [Inputs.RollbackHook, 'rollback']
  ] as const) {
    const raw = input(name)
    if (raw === '') continue
    if (!HOOK_FUNCTION.test(raw)) {
      throw new InputError(name, raw, 'use a function name, "name:alias", or a function ARN (optionally with a version or alias)')
    }
    hooks[key] = raw
  }
  return hooks
}

/** How long to wait for the new version's provisioned concurrency to be READY; undefined: do not wait. */
export function readProvisionedConcurrencyWait(input: InputReader): number | undefined {
  const wait = parseBoolean(Inputs.WaitForProvisionedConcurrency, input(Inputs.WaitForProvisionedConcurrency))
  const timeout = parseDuration(Inputs.ProvisionedConcurrencyTimeout, input(Inputs.ProvisionedConcurrencyTimeout), { max: 3600 })
  return wait ? timeout : undefined
}
