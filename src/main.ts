// The main step: read inputs, wire the adapters, run the deployment, publish what happened.
import * as core from '@actions/core'
import { randomUUID } from 'node:crypto'
import { systemClock } from './adapters/clock.js'
import { eventLogger, publishInputError, publishLockstep, publishOutcome, readInput, saveCheckpoints } from './adapters/github.js'
import { getSettings, type Settings } from './inputs/legacy.js'
import { InputError } from './parse.js'
import { type Outcome, runDeployment } from './rollout.js'
import { Lockstep } from './lockstep.js'
import type { Checkpoint } from './ports.js'
import { Inputs, SECRET_INPUTS } from './constants.js'
import { combineOutcomes, isFailure, runUrl, slackMessage } from './report.js'
import { postToSlack } from './adapters/slack.js'

export async function run(): Promise<void> {
  // Secrets are masked before anything can print them.
  for (const name of SECRET_INPUTS) {
    const value = readInput(name).trim()
    if (value) core.setSecret(value)
  }
  let settings: Settings
  try {
    // The yaml library is loaded only when an input holds YAML (it would slow every start-up otherwise).
    const needsYaml = readInput(Inputs.MetricGates).trim() !== '' || readInput(Inputs.ConfigFile).trim() !== ''
    const parseYaml = needsYaml ? (await import('yaml')).parse : undefined
    settings = getSettings(readInput, process.env, parseYaml)
  } catch (error) {
    if (error instanceof InputError) return publishInputError(error.message)
    throw error
  }

  // The runner sends SIGINT on cancel or timeout, SIGTERM 7.5 s later, then kills 2.5 s after that:
  // abort the bake at the first signal and spend that window restoring the alias.
  const controller = new AbortController()
  const onSignal = (signal: NodeJS.Signals) => {
    core.warning(`received ${signal}: stopping the deployment and restoring the alias`)
    controller.abort()
  }
  process.on('SIGINT', onSignal)
  process.on('SIGTERM', onSignal)
  try {
    const { awsPorts } = await import('./adapters/aws.js')
    const deploymentId = `${process.env.GITHUB_RUN_ID ?? 'local'}-${process.env.GITHUB_RUN_ATTEMPT ?? '1'}-${randomUUID().slice(0, 8)}`
    if (settings.targets.length > 1) {
      await runLockstep(settings, deploymentId, controller.signal, awsPorts)
      return
    }
    const record = await githubDeployments(settings)
    const outcome = await runDeployment(settings, {
      ...awsPorts(settings),
      clock: systemClock,
      deploymentId,
      ...(record
        ? {
            onReady: release =>
              record.start({
                functionName: settings.fn.name,
                alias: settings.alias,
                fromVersion: release.oldVersion,
                toVersion: release.newVersion,
                deploymentId,
                manualRollback: release.manualRollback
              })
          }
        : {}),
      emit: eventLogger(settings),
      checkpoint: c => saveCheckpoints([c]),
      signal: controller.signal
    })
    await notifySlack(outcome, settings)
    await record?.finish(!isFailure(outcome, settings), outcome.reason)
    await publishOutcome(outcome, settings)
  } finally {
    process.off('SIGINT', onSignal)
    process.off('SIGTERM', onSignal)
  }
}

/** A Slack problem warns and moves on; it never changes the deployment's result. */
async function notifySlack(outcome: Outcome, settings: Settings): Promise<void> {
  const { slackWebhookUrl, slackProblem } = settings.notify
  if (slackProblem) core.warning(slackProblem)
  if (!slackWebhookUrl) return
  const sent = await postToSlack(slackWebhookUrl, slackMessage(outcome, settings))
  if (sent.ok) core.info('Slack message sent')
  else core.warning(`Slack message not sent: ${sent.problem}`)
}

/** A GitHub Deployment record when github-token and environment are given; Octokit is loaded only then. */
async function githubDeployments(settings: Settings) {
  const { githubToken, environment } = settings.notify
  if (!githubToken || !environment) {
    if (githubToken || environment) core.info('GitHub Deployment not recorded: it needs both github-token and environment')
    return undefined
  }
  const { GitHubDeployments } = await import('./adapters/deployments.js')
  return GitHubDeployments.from(githubToken, environment, process.env, runUrl(), message => core.warning(message))
}

/**
 * Several functions in lockstep: each runs the same state machine with its own AWS ports and is judged
 * on its own numbers; they shift together, and one failure restores them all.
 */
async function runLockstep(
  settings: Settings,
  deploymentId: string,
  signal: AbortSignal,
  awsPorts: typeof import('./adapters/aws.js').awsPorts
): Promise<void> {
  const members = settings.targets.map(t => ({ ...settings, fn: t.fn, release: t.release }))
  const lockstep = new Lockstep(
    members.map(m => m.fn.name),
    signal
  )
  // One GitHub Deployment for the whole release, started once every function still releasing is ready.
  const record = await githubDeployments(settings)
  const ready = new Map<number, { oldVersion: string; newVersion: string; manualRollback: boolean }>()
  let started: Promise<void> | undefined
  const onReady = (i: number) => async (release: { oldVersion: string; newVersion: string; manualRollback: boolean }) => {
    ready.set(i, release)
    if (!record || started || ready.size < lockstep.activeCount) return
    const entries = [...ready.entries()].sort(([a], [b]) => a - b)
    started = record.start({
      functionName: entries.map(([m]) => (members[m] as Settings).fn.name).join(', '),
      alias: settings.alias,
      fromVersion: entries.map(([m, r]) => `${(members[m] as Settings).fn.name}=${r.oldVersion}`).join(','),
      toVersion: entries.map(([m, r]) => `${(members[m] as Settings).fn.name}=${r.newVersion}`).join(','),
      deploymentId,
      manualRollback: release.manualRollback
    })
    await started
  }
  const checkpoints: (Checkpoint | undefined)[] = members.map(() => undefined)
  const outcomes = await Promise.all(
    members.map((member, i) =>
      runDeployment(member, {
        ...awsPorts(member),
        clock: systemClock,
        deploymentId,
        emit: eventLogger(member, member.fn.name),
        checkpoint: c => {
          checkpoints[i] = c
          saveCheckpoints(checkpoints.filter((x): x is Checkpoint => x !== undefined))
        },
        signal: lockstep.controllers[i]!.signal,
        onReady: onReady(i),
        lockstep: {
          arrive: point => lockstep.arrive(i, point),
          fail: reason => lockstep.break(reason),
          leave: () => lockstep.leave(i),
          reason: () => lockstep.reason
        }
      })
    )
  )
  const combined = combineOutcomes(outcomes, members)
  await notifySlack(combined, settings)
  await started
  await record?.finish(!isFailure(combined, settings), combined.reason)
  await publishLockstep(outcomes, members, combined)
}
