// The main step, as a composition root: read the settings, wire the adapters, release every function
// through the lockstep (one function is a lockstep of one), then report and publish once.
import * as core from '@actions/core'
import { randomUUID } from 'node:crypto'
import { systemClock } from './adapters/clock.js'
import { checkpointSaver, eventLogger, publishInputError, publishRelease, readInput } from './adapters/github.js'
import { postToSlack } from './adapters/slack.js'
import { Inputs, Outputs } from './constants.js'
import type { Cancel } from './entry/cancel.js'
import { ownerFromEnv } from './history.js'
import { releaseAll } from './lockstep.js'
import { InputError } from './parse.js'
import { type Release, logText, releaseReport, runUrl, slackMessage } from './report/index.js'
import type { RunSettings, Secrets, Settings } from './settings.js'
import { readSettings } from './inputs/index.js'
import { secretMasks } from './secrets.js'

export async function run(cancel: Cancel): Promise<void> {
  // Secrets are masked first, in every form they could be echoed in, before anything can print them.
  for (const form of secretMasks(readInput)) core.setSecret(form)
  announceCancel(cancel)
  if (cancelledBeforeStart(cancel)) return
  const settings = await settingsOrPublishedError()
  if (!settings || cancelledBeforeStart(cancel)) return
  const { run, deployments, secrets } = settings
  const aws = await (await import('./adapters/aws.js')).openAws(run, cancel)
  // No region or no credentials: the step fails before any AWS call, saying what sets them up.
  if (!aws.ok) return publishInputError(aws.problem)
  const deploymentId = `${process.env.GITHUB_RUN_ID ?? 'local'}-${process.env.GITHUB_RUN_ATTEMPT ?? '1'}-${randomUUID().slice(0, 8)}`
  const record = await githubDeployment(run, secrets, cancel)
  const owner = ownerFromEnv(process.env, deploymentId.slice(-8))
  const checkpoint = checkpointSaver()
  if (cancelledBeforeStart(cancel)) return
  const outcomes = await releaseAll(run, deployments, {
    signal: cancel.signal,
    portsOf: (spec, i) => ({
      ...aws.session.ports(spec.fn, run.alias),
      clock: systemClock,
      deploymentId,
      owner,
      emit: eventLogger(run, deployments.length > 1 ? spec.fn.name : undefined),
      checkpoint: checkpoint(i)
    }),
    ...(record ? { onAllReady: ready => record.startRelease(ready, run.alias, deploymentId) } : {})
  })
  const release = releaseReport(outcomes, run)
  // After a cancel the runner kills the step within seconds: the outputs and summary are written first.
  const publishFirst = cancel.signal.aborted
  if (publishFirst) await publishRelease(release)
  await notifySlack(release, run, secrets, cancel)
  await record?.finish(!release.failed, release.whole.reason)
  if (!publishFirst) await publishRelease(release)
}

/** Bad input is published and ends the step (the secrets were masked before this). */
async function settingsOrPublishedError(): Promise<Settings | undefined> {
  try {
    // The yaml library is loaded only when an input holds YAML (it would slow every start-up otherwise).
    const needsYaml = readInput(Inputs.MetricGates).trim() !== '' || readInput(Inputs.ConfigFile).trim() !== ''
    const parseYaml = needsYaml ? (await import('yaml')).parse : undefined
    return readSettings(readInput, process.env, parseYaml)
  } catch (error) {
    if (!(error instanceof InputError)) throw error
    await publishInputError(error.message)
    return undefined
  }
}

/**
 * The runner sends SIGINT on cancel or timeout, SIGTERM 7.5 s later, then kills 2.5 s after that. The entry
 * point caught the signal from its first line; the bake stops at once and the window goes to restoring the alias.
 */
function announceCancel(cancel: Cancel): void {
  const announce = () => core.warning(`received ${cancel.received()[0] ?? 'a signal'}: stopping the deployment and restoring the alias`)
  if (cancel.signal.aborted) return
  cancel.signal.addEventListener('abort', announce, { once: true })
}

/** A cancel before the deployment started: nothing was written and nothing will be; the step fails saying so. */
function cancelledBeforeStart(cancel: Cancel): boolean {
  if (!cancel.signal.aborted) return false
  const reason = `the workflow was cancelled (received ${cancel.received()[0] ?? 'a signal'}) before the deployment started; nothing was changed`
  core.setOutput(Outputs.Result, 'failed')
  core.setOutput(Outputs.Reason, reason)
  core.setFailed(reason)
  return true
}

/** The runner kills the step 10 s after its first signal: a cancel ends the post, and after one Slack gets a short try. */
const SLACK_TIMEOUT_MS = 10_000
const SLACK_AFTER_CANCEL_MS = 2_000

/** A Slack problem warns and moves on; it never changes the deployment's result. */
async function notifySlack(release: Release, run: RunSettings, secrets: Secrets, cancel: Cancel): Promise<void> {
  if (run.notify.slackProblem) core.warning(run.notify.slackProblem)
  if (!secrets.slackWebhookUrl) return
  const timeoutMs = cancel.signal.aborted ? SLACK_AFTER_CANCEL_MS : SLACK_TIMEOUT_MS
  const sent = await postToSlack(secrets.slackWebhookUrl, slackMessage(release, run), timeoutMs, cancel.signal)
  if (sent.ok) core.info('Slack message sent')
  else core.warning(`Slack message not sent: ${logText(sent.problem ?? 'unknown problem')}`)
}

/** A GitHub Deployment record when github-token and environment are given; Octokit is loaded only then. */
async function githubDeployment(run: RunSettings, secrets: Secrets, cancel: Cancel) {
  const { githubToken } = secrets
  const { environment } = run.notify
  if (!githubToken || !environment) {
    if (githubToken || environment) core.info('GitHub Deployment not recorded: it needs both github-token and environment')
    return undefined
  }
  const { GitHubDeployments } = await import('./adapters/deployments.js')
  return GitHubDeployments.from(githubToken, environment, process.env, runUrl(), message => core.warning(logText(message)), cancel.signal)
}
