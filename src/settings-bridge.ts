// TEMPORARY bridge until the input reader under src/inputs/ returns the split Settings itself:
// the lead replaces every import of this module with './inputs/index.js' at merge, then deletes it.
import { type InputReader, type Settings as OldSettings, type YamlParser, getSettings } from './inputs.js'
import type { Settings } from './settings.js'

/** The split Settings (run, deployments, secrets), read through the old reader. */
export function readSettings(readInput: InputReader, env: NodeJS.ProcessEnv = process.env, parseYaml?: YamlParser): Settings {
  return splitSettings(getSettings(readInput, env, parseYaml))
}

function splitSettings(old: OldSettings): Settings {
  const { fn: _fn, release: _release, targets, notify, ...run } = old
  const { slackWebhookUrl, githubToken, ...kept } = notify
  return {
    run: { ...run, notify: kept },
    deployments: targets.map(t => ({ fn: t.fn, release: t.release })),
    secrets: { ...(slackWebhookUrl ? { slackWebhookUrl } : {}), ...(githubToken ? { githubToken } : {}) }
  }
}
