// The main step, as a composition root: read the settings, wire the adapters, release every function
// through the lockstep (one function is a lockstep of one), then report and publish once.
import * as core from '@actions/core'
import { randomUUID } from 'node:crypto'
import { systemClock } from './adapters/clock.js'
import { checkpointSaver, closeLogGroup, eventLogger, publishInputError, publishRelease, readInput } from './adapters/github.js'
import { readSettingsInGroup } from './adapters/settings-log.js'
import { type SlackNotifier, slackNotifier } from './adapters/slack.js'
import { Inputs, Outputs } from './constants.js'
import type { Cancel } from './entry/cancel.js'
import { ownerFromEnv } from './history.js'
import { releaseAll } from './lockstep.js'
import { InputError } from './parse.js'
import { logText, releaseReport, runUrl } from './report/index.js'
import type { RunSettings, Secrets, Settings } from './settings.js'
import { readSettings } from './inputs/index.js'
import { secretMasks } from './secrets.js'
import type { TimelineEvent } from './timeline.js'

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
  const slack = notifySlack(run, secrets, cancel)
  const owner = ownerFromEnv(process.env, deploymentId.slice(-8))
  const checkpoint = checkpointSaver()
  if (cancelledBeforeStart(cancel)) return
  // A stage cut short (a cancel, an error) leaves its log group open: it is closed however the release ends.
  const outcomes = await releaseAll(run, deployments, {
    signal: cancel.signal,
    portsOf: (spec, i) => ({
      ...aws.session.ports(spec.fn, run.alias),
      clock: systemClock,
      deploymentId,
      owner,
      emit: withSlack(eventLogger(run, deployments.length > 1 ? spec.fn.name : undefined), spec.fn.name, slack),
      checkpoint: checkpoint(i)
    }),
    onAllReady: async ready => {
      slack?.ready(ready)
      await record?.startRelease(ready, run.alias, deploymentId)
    }
  }).finally(closeLogGroup)
  const release = releaseReport(outcomes, run)
  // After a cancel the runner kills the step within seconds: the outputs and summary are written first.
  const publishFirst = cancel.signal.aborted
  if (publishFirst) await publishRelease(release)
  await Promise.all([slack?.finish(release), record?.finish(!release.failed, release.whole.reason)])
  if (!publishFirst) await publishRelease(release)
}

/** Bad input is published and ends the step (the secrets were masked before this). */
async function settingsOrPublishedError(): Promise<Settings | undefined> {
  try {
    // The yaml library is loaded only when an input holds YAML (it would slow every start-up otherwise).
    const needsYaml = readInput(Inputs.MetricGates).trim() !== '' || readInput(Inputs.ConfigFile).trim() !== ''
    const yaml = needsYaml ? await import('yaml') : undefined
    // Merge keys (`<<: *common`) let a config file's environments share a section.
    const parseYaml = yaml ? (text: string) => yaml.parse(text, { merge: true }) : undefined
    return readSettingsInGroup(() => readSettings(readInput, process.env, parseYaml))
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

/** Slack hears of the events slack-events names, in the background; a Slack problem warns and changes nothing. */
function notifySlack(run: RunSettings, secrets: Secrets, cancel: Cancel): SlackNotifier | undefined {
  if (run.notify.slackProblem) core.warning(run.notify.slackProblem)
  return slackNotifier(run, secrets, cancel.signal, { info: m => core.info(logText(m)), warn: m => core.warning(logText(m)) })
}

/** Each event is logged, then handed to Slack (which only queues it: the rollout never waits for Slack). */
function withSlack(log: (event: TimelineEvent) => void, name: string, slack: SlackNotifier | undefined) {
  if (!slack) return log
  return (event: TimelineEvent) => {
    log(event)
    slack.event(name, event)
  }
}

/**
 * A GitHub Deployment record when github-token and environment are given (a plan changes nothing, so it records
 * nothing); Octokit is loaded only then. environment alone only picks the config file's section: nothing to say.
 */
async function githubDeployment(run: RunSettings, secrets: Secrets, cancel: Cancel) {
  const { githubToken } = secrets
  const { environment, deploymentProblem } = run.notify
  if (deploymentProblem) core.warning(deploymentProblem)
  if (!githubToken || !environment || run.mode === 'plan') return undefined
  const { GitHubDeployments } = await import('./adapters/deployments.js')
  return GitHubDeployments.from(githubToken, environment, process.env, runUrl(), message => core.warning(logText(message)), cancel.signal)
}
