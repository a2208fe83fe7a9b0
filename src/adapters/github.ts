// GitHub adapter: inputs, outputs, saved state, job summary, log groups and annotations.
import * as core from '@actions/core'
import { State } from '../constants.js'
import type { Settings } from '../inputs/legacy.js'
import type { Checkpoint } from '../ports.js'
import { headline, isFailure, lockstepOutputs, lockstepSummary, logLine, outputs, summaryMarkdown } from '../report.js'
import type { Outcome } from '../rollout.js'
import type { TimelineEvent } from '../timeline.js'

export const readInput = (name: string): string => core.getInput(name)

export function isPost(): boolean {
  return core.getState(State.IsPost) === 'true'
}

export function markMainStarted(): void {
  core.saveState(State.IsPost, 'true')
}

export function saveCheckpoint(checkpoint: Checkpoint): void {
  core.saveState(State.Deployment, JSON.stringify(checkpoint))
}

/** The checkpoints of the functions this run was releasing (one, or several in lockstep). */
export function loadCheckpoints(): Checkpoint[] {
  const raw = core.getState(State.Deployment)
  if (!raw) return []
  const parsed = JSON.parse(raw) as Checkpoint | Checkpoint[]
  return Array.isArray(parsed) ? parsed : [parsed]
}

/** In lockstep every function's checkpoint is saved together, so the post step sees them all. */
export function saveCheckpoints(checkpoints: Checkpoint[]): void {
  core.saveState(State.Deployment, JSON.stringify(checkpoints))
}

/** Logs each event as it happens: one line per poll, grouped per stage. */
export function eventLogger(settings: Settings, prefix?: string): (event: TimelineEvent) => void {
  // Functions released in lockstep log side by side: prefixed lines, no groups.
  if (prefix !== undefined) {
    return event => {
      const line = logLine(event, settings)
      if (line === undefined) return
      const text = line
        .split('\n')
        .map(l => `[${prefix}] ${l}`)
        .join('\n')
      if (
        event.type === 'split-restored' ||
        event.type === 'metrics-error' ||
        event.type === 'conflict' ||
        (event.type === 'hook' && !event.ok)
      )
        core.warning(text)
      else core.info(text)
    }
  }
  let open = false
  const startGroup = (title: string) => {
    if (open) core.endGroup()
    core.startGroup(title)
    open = true
  }
  return event => {
    if (event.type === 'shift') startGroup(`Stage ${event.stage}: ${Math.round(event.weight * 10000) / 100}% to the new version`)
    if (event.type === 'poll' && !open) startGroup(`Stage ${event.stage}: 100%, watched`)
    const line = logLine(event, settings)
    if (line !== undefined) {
      if (event.type === 'hook' && !event.ok && event.hook === 'rollback')
        core.error(line, { title: 'lambda-canary: rollback hook failed (the alias is restored)' })
      else if (
        event.type === 'split-restored' ||
        event.type === 'metrics-error' ||
        event.type === 'conflict' ||
        (event.type === 'hook' && !event.ok)
      )
        core.warning(line)
      else if (event.type === 'stage-end' && event.decision === 'proceeded-without-enough-data') core.warning(line)
      else core.info(line)
    }
    if (event.type === 'stage-end' && open) {
      core.endGroup()
      open = false
    }
  }
}

export async function publishOutcome(outcome: Outcome, settings: Settings): Promise<void> {
  for (const [name, value] of Object.entries(outputs(outcome, settings))) core.setOutput(name, value)
  await writeSummary(summaryMarkdown(outcome, settings))
  const line = headline(outcome, settings)
  if (isFailure(outcome, settings)) {
    if (outcome.restoreCommand)
      core.error(`The alias is NOT restored. Run: ${outcome.restoreCommand}`, { title: 'lambda-canary: restore failed' })
    core.setFailed(line)
  } else {
    core.notice(line, { title: `lambda-canary: ${outcome.result}` })
  }
}

/** Several functions in lockstep: one set of outputs, one summary with a row per function per stage. */
export async function publishLockstep(outcomes: Outcome[], settingsList: Settings[], combined: Outcome): Promise<void> {
  const first = settingsList[0] as Settings
  for (const [name, value] of Object.entries(lockstepOutputs(outcomes, settingsList, combined))) core.setOutput(name, value)
  await writeSummary(lockstepSummary(outcomes, settingsList, combined))
  const line = `${combined.result === 'promoted' ? '✅' : '❌'} lambda-canary ${combined.result} (lockstep): ${combined.reason}`
  if (isFailure(combined, first)) {
    if (combined.restoreCommand)
      core.error(`Not every alias is restored. Run: ${combined.restoreCommand}`, { title: 'lambda-canary: restore failed' })
    core.setFailed(line)
  } else core.notice(line, { title: `lambda-canary: ${combined.result}` })
}

/** Bad input: the step fails before anything talks to AWS, and the summary says why. */
export async function publishInputError(message: string): Promise<void> {
  core.setOutput('result', 'failed')
  core.setOutput('reason', message)
  await writeSummary(`## ❌ lambda-canary failed before changing anything: ${message}\n`)
  core.setFailed(message)
}

async function writeSummary(markdown: string): Promise<void> {
  if (!process.env.GITHUB_STEP_SUMMARY) return
  try {
    await core.summary.addRaw(markdown, true).write()
  } catch (error) {
    core.warning(`could not write the job summary: ${error instanceof Error ? error.message : String(error)}`)
  }
}
