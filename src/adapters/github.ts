// GitHub adapter: inputs, outputs, saved state, job summary, log groups and annotations.
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
 * Logs each event as it happens. One function: a line per poll that brings something new (repeats are held back,
 * with a heartbeat a minute), grouped per stage, and why a stage waits past its bake. Several released in
 * lockstep log side by side: lines prefixed with the function's name, no groups.
 */
export function eventLogger(run: Pick<RunSettings, 'alias' | 'gates'>, prefix?: string): (event: TimelineEvent) => void {
  const progress = progressLog(run)
  let open = false
  const startGroup = (title: string) => {
    if (open) core.endGroup()
    core.startGroup(title)
    open = true
  }
  return event => {
    if (prefix === undefined && event.type === 'shift')
      startGroup(`Stage ${event.stage}: ${Math.round(event.weight * 10000) / 100}% to the new version`)
    if (prefix === undefined && event.type === 'poll' && !open) startGroup(`Stage ${event.stage}: 100%, watched`)
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
    if (event.type === 'stage-end' && open) {
      core.endGroup()
      open = false
    }
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

async function writeSummary(markdown: string): Promise<void> {
  if (!process.env.GITHUB_STEP_SUMMARY) return
  try {
    await core.summary.addRaw(markdown, true).write()
  } catch (error) {
    core.warning(`could not write the job summary: ${logText(error instanceof Error ? error.message : String(error))}`)
  }
}
