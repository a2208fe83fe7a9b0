// The one report path, for one function or several in lockstep: from the self-describing outcomes and the
// run's settings to the outputs, the job summary, the closing annotation and the Slack message.
import { type Outcome, isFailure } from '../rollout/outcome.js'
import type { RunSettings } from '../settings.js'
import { type Combined, combineOutcomes, lockstepSummary } from './lockstep.js'
import { type TimelineWriter, lockstepOutputs, outputs, runnerTempWriter } from './outputs.js'
import { summaryMarkdown } from './summary.js'
import { headlineOf } from './words.js'

export { logLevel, logLine } from './log.js'
export { annotationText, logBlock, logText, markdownText, outputText } from './hygiene.js'
export { runUrl, slackMessage } from './slack.js'
export { TIMELINE_OUTPUT_LIMIT, type TimelineWriter, runnerTempWriter } from './outputs.js'

/** The release as the report tells it. */
export interface Release {
  outcomes: Outcome[]
  /** The one outcome, or the lockstep's combination of them. */
  whole: Outcome | Combined
  /** The functions as people read them. */
  subject: string
  headline: string
  failed: boolean
  outputs: Record<string, string>
  summary: string
  /** The last line of the step: a notice, or the failure. */
  closing: string
  /** When an alias could not be restored: what to say, with the command to run. */
  unrestored?: string
}

/** `write`: where the whole timeline goes (a file under RUNNER_TEMP; its path is the `timeline-file` output). */
export function releaseReport(outcomes: Outcome[], run: RunSettings, write: TimelineWriter = runnerTempWriter()): Release {
  const single = outcomes.length === 1 ? outcomes[0] : undefined
  if (single) {
    const subject = `${single.function.name}:${single.alias}`
    const headline = headlineOf(single, subject)
    return {
      ...common(outcomes, single, subject),
      outputs: outputs(single, write),
      summary: summaryMarkdown(single, run),
      closing: headline,
      ...(single.restoreCommand ? { unrestored: `${unrestoredWords(run)} Run: ${single.restoreCommand}` } : {})
    }
  }
  const combined = combineOutcomes(outcomes, run)
  return {
    ...common(outcomes, combined, `${outcomes.map(o => o.function.name).join(', ')} (alias ${run.alias}, in lockstep)`),
    outputs: lockstepOutputs(outcomes, combined, write),
    summary: lockstepSummary(outcomes, run, combined),
    closing: `${combined.result === 'promoted' ? '✅' : '❌'} lambda-canary ${combined.result} (lockstep): ${combined.reason}`,
    ...(combined.restoreCommand ? { unrestored: `Not every alias is restored. Run: ${combined.restoreCommand}` } : {})
  }
}

/** A failed write leaves the alias where it should not be: for the rollback button, not where it was asked to go. */
function unrestoredWords(run: RunSettings): string {
  return run.mode === 'rollback' ? 'The alias was NOT moved back.' : 'The alias is NOT restored.'
}

function common(outcomes: Outcome[], whole: Outcome | Combined, subject: string) {
  return { outcomes, whole, subject, headline: headlineOf(whole, subject), failed: isFailure(whole) }
}
