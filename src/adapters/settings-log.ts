// The main step's first log group, "Settings": the inputs that are not at their defaults and where each came
// from; then one warning per given input the run does not use. The group closes whatever the reading does.
import * as core from '@actions/core'
import { annotationText, logBlock } from '../report/hygiene.js'
import { settingsLines } from '../report/settings.js'
import type { Settings } from '../settings.js'

export function readSettingsInGroup(read: () => Settings): Settings {
  core.startGroup('Settings')
  let settings: Settings
  try {
    settings = read()
    for (const line of settingsLines(settings.sources)) core.info(logBlock(line))
  } catch (error) {
    core.info('the inputs were not accepted; the error follows')
    throw error
  } finally {
    core.endGroup()
  }
  for (const warning of settings.warnings) core.warning(annotationText(warning))
  return settings
}
