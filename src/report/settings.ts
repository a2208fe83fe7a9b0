// The "Settings" log group: every input the run did not take from its documented default, with its value and
// where it came from (the workflow, or a key of the config file). A secret shows only that it was set.
import type { SettingOrigin, SettingSource } from '../settings.js'
import { logText } from './hygiene.js'

/** One line per input that is not at its default, each value escaped for the log. */
export function settingsLines(sources: SettingSource[]): string[] {
  const given = sources.filter(s => s.origin.kind !== 'default')
  const lines = given.map(s => `${s.input}: ${s.secret ? 'set' : logText(s.value)} (${originWords(s.origin)})`)
  return [...lines, given.length < sources.length ? 'every other input is at its default (see the README inputs table)' : ''].filter(
    line => line !== ''
  )
}

function originWords(origin: SettingOrigin): string {
  switch (origin.kind) {
    case 'workflow':
      return 'from workflow'
    case 'config-file':
      return `from ${logText(origin.path)} at ${logText(origin.key)}`
    case 'default':
      return 'default'
  }
}
