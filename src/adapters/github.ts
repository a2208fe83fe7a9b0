// GitHub adapter: inputs, outputs, saved state, job summary, log groups (always closed) and annotations.
import * as core from '@actions/core'
import { Outputs, State } from '../constants.js'
import type { Checkpoint } from '../ports.js'
import { type Release, annotationText, logBlock, logLevel, logText, markdownText, outputText } from '../report/index.js'
import { progressLog } from '../report/log.js'
import type { RunSettings } from '../settings.js'
import type { TimelineEvent } from '../timeline.js'

export const readInput = (name: string): string => core.getInput(name)

/** The checkpoints of the functions this run was releasing (one, or several in lockstep). */
export function loadCheckpoints(): Checkpoint[] {
  const raw = core.getState(State.Deployment)
  if (!raw) return []
  const parsed = JSON.parse(raw) as Checkpoint | Checkpoint[]
  return Array.isArray(parsed) ? parsed : [parsed]
}

/** Every function's latest checkpoint is saved together, so the post step sees them all. */
export function checkpointSaver(): (member: number) => (checkpoint: Checkpoint) => void {
  const latest = new Map<number, Checkpoint>()
  return member => checkpoint => {
    latest.set(member, checkpoint)
    const ordered = [...latest.entries()].sort(([a], [b]) => a - b).map(([, c]) => c)
    core.saveState(State.Deployment, JSON.stringify(ordered))
  }
}

/**
 * The log has one group open at most (everything between ::group:: and ::endgroup:: folds into it): opening one
 * closes the one before, and `closeLogGroup` ends whatever is open.
 */
let groupOpen = false

function openLogGroup(title: string): void {
  closeLogGroup()
  core.startGroup(title)
  groupOpen = true
}

export function closeLogGroup(): void {
  if (!groupOpen) return
  core.endGroup()
  groupOpen = false
}

/** Events of a stage's bake: logged inside its group. Any other event (a restore, the promotion) ends the group. */
const IN_STAGE = new Set<TimelineEvent['type']>(['shift', 'poll', 'wait', 'metrics-error', 'retry', 'stage-end'])

/**
 * Logs each event as it happens. One function: a line per poll that brings something new (repeats are held back,
 * with a heartbeat a minute), grouped per stage, and why a stage waits past its bake. Several released in
 * lockstep log side by side: lines prefixed with the function's name, no groups.
 */
export function eventLogger(run: Pick<RunSettings, 'alias' | 'gates'>, prefix?: string): (event: TimelineEvent) => void {
  const progress = progressLog(run)
  return event => {
    // A stage cut short (a cancel, an error) emits no stage-end: its group ends before what follows it.
    if (prefix === undefined && !IN_STAGE.has(event.type)) closeLogGroup()
    if (prefix === undefined && event.type === 'shift')
      openLogGroup(`Stage ${event.stage}: ${Math.round(event.weight * 10000) / 100}% to the new version`)
    if (prefix === undefined && event.type === 'poll' && !groupOpen) openLogGroup(`Stage ${event.stage}: 100%, watched`)
    const line = progress(event)
    if (line === undefined) return
    const text =
      prefix === undefined
        ? line
        : line
            .split('\n')
            .map(l => `[${prefix}] ${l}`)
            .join('\n')
    const level = logLevel(event)
    // logLine escaped the external text; logBlock is the last guard for core.info, which escapes nothing.
    if (level.level === 'error') core.error(text, { title: level.title })
    else if (level.level === 'warning') core.warning(text)
    else core.info(logBlock(text))
    if (event.type === 'stage-end') closeLogGroup()
  }
}

/** Outputs, job summary and the closing annotation: the same path for one function or several. */
export async function publishRelease(release: Release): Promise<void> {
  for (const [name, value] of Object.entries(release.outputs)) core.setOutput(name, value)
  await writeSummary(release.summary)
  if (release.failed) {
    if (release.unrestored) core.error(annotationText(release.unrestored), { title: 'lambda-canary: restore failed' })
    core.setFailed(annotationText(release.closing))
  } else {
    core.notice(annotationText(release.closing), { title: `lambda-canary: ${release.whole.result}` })
  }
}

/** Bad input: the step fails before anything talks to AWS, and the summary says why. */
export async function publishInputError(message: string): Promise<void> {
  core.setOutput(Outputs.Result, 'failed')
  core.setOutput(Outputs.Reason, outputText(message))
  await writeSummary(`## ❌ lambda-canary failed before changing anything: ${markdownText(message)}\n`)
  core.setFailed(annotationText(message))
}

export async function writeSummary(markdown: string): Promise<void> {
  if (!process.env.GITHUB_STEP_SUMMARY) return
  try {
    await core.summary.addRaw(markdown, true).write()
  } catch (error) {
    core.warning(`could not write the job summary: ${logText(error instanceof Error ? error.message : String(error))}`)
  }
}
