// TEMPORARY BRIDGE FOR THE MERGE OF ISSUE 9 — delete this file when the rollout branch is merged.
// The old flat Settings and getSettings, built from readSettings, so the consumers not yet rewritten
// against src/settings.ts (rollout, report, main, adapters, bench and their tests) keep compiling.
import type { Gates } from '../judge/index.js'
import type { Plan } from '../plan.js'
import type { FunctionRef, Hooks, Mode, Notify, OnInsufficientData, OnSplitAlias, Release, Secrets, Smoke } from '../settings.js'
import { type InputReader, type YamlParser, readSettings } from './index.js'
import { parseJsonOnly } from './reader.js'

export interface Settings {
  mode: Mode
  fn: FunctionRef
  alias: string
  region?: string
  release: Release
  /** Every function to release (one, or several in lockstep); `fn` and `release` are the first. */
  targets: { fn: FunctionRef; release: Release }[]
  plan: Plan
  gates: Gates
  alarms: string[]
  smoke?: Smoke
  hooks: Hooks
  metricPeriodSeconds: number
  metricLagSeconds: number
  pollIntervalSeconds: number
  onInsufficientData: OnInsufficientData
  onSplitAlias: OnSplitAlias
  /** Wait (at most this many seconds) for the new version's own provisioned concurrency to be READY; undefined: do not wait. */
  provisionedConcurrencyWaitSeconds?: number
  /** The old shape carried the secrets here. */
  notify: Notify & Secrets
}

export function getSettings(readInput: InputReader, env: NodeJS.ProcessEnv = process.env, parseYaml: YamlParser = parseJsonOnly): Settings {
  const { run, deployments, secrets } = readSettings(readInput, env, parseYaml)
  const { notify, ...rest } = run
  const first = deployments[0] as (typeof deployments)[number]
  return { ...rest, fn: first.fn, release: first.release, targets: deployments, notify: { ...notify, ...secrets } }
}
