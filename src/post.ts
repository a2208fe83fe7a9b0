// The post step: restore the alias from saved state if the main step did not finish. It never deploys: it
// imports nothing that can shift traffic, only the alias port and the recovery (see entry/post.ts).
import * as core from '@actions/core'
import { abortError, systemClock } from './adapters/clock.js'
import { loadCheckpoints, writeSummary } from './adapters/github.js'
import type { Cancel } from './entry/cancel.js'
import type { Checkpoint } from './ports.js'
import { recoverAlias } from './recover.js'
import { annotationText, logText } from './report/hygiene.js'
import { type RecoveryReport, recoverySummary } from './report/summary.js'

/**
 * How long the post step keeps trying after a cancel: the runner sends SIGTERM 7.5 s after SIGINT and kills 2.5 s
 * later; every call started after the cancel ends within 9 s of it (adapters/deadlines.ts).
 */
const AFTER_CANCEL_MS = 8000

export async function cleanup(cancel: Cancel): Promise<void> {
  let cancelledAt: number | undefined
  cancel.signal.addEventListener('abort', () => (cancelledAt ??= Date.now()), { once: true })
  // Between retries: after a cancel the call under way was aborted, so try again at once (its successor gets a fresh
  // short deadline) until AFTER_CANCEL_MS, then give up — the step ends with the command before the runner kills it.
  const sleepUntilCut = async (ms: number) => {
    if (cancelledAt === undefined) return systemClock.sleep(ms, cancel.signal).catch(() => undefined)
    const left = cancelledAt + AFTER_CANCEL_MS - Date.now()
    if (left <= 0) throw abortError()
    return systemClock.sleep(Math.min(ms, left))
  }
  const checkpoints = loadCheckpoints()
  if (checkpoints.length === 0) return core.info('lambda-canary: no deployment was started; nothing to clean up')
  cancel.signal.addEventListener(
    'abort',
    () => core.warning(`lambda-canary: received ${cancel.received()[0] ?? 'a signal'} in the post step: giving up on the calls under way`),
    { once: true }
  )
  const reports: RecoveryReport[] = []
  try {
    for (const checkpoint of checkpoints) reports.push(...(await recover(checkpoint, cancel, sleepUntilCut)))
  } finally {
    // Whatever it restored, left alone or could not restore is in the job summary, even if a later function threw.
    const summary = recoverySummary(reports)
    if (summary) await writeSummary(summary)
  }
}

/** One function's checkpoint: nothing to do when its deployment finished, else the recovery, logged as it ends. */
async function recover(checkpoint: Checkpoint, cancel: Cancel, sleepUntilCut: (ms: number) => Promise<void>): Promise<RecoveryReport[]> {
  if (checkpoint.phase === 'done') {
    core.info(`lambda-canary: the deployment of ${checkpoint.functionId} finished; nothing to clean up`)
    return []
  }
  const { aliasPort } = await import('./adapters/aws.js')
  const alias = aliasPort(checkpoint.functionId, checkpoint.alias, checkpoint.region, cancel)
  const recovery = await recoverAlias(alias, checkpoint, sleepUntilCut)
  switch (recovery.action) {
    case 'restored':
      core.warning(`lambda-canary: ${logText(recovery.message)}`)
      break
    case 'failed':
      core.error(`lambda-canary: ${logText(recovery.message)}. Run: ${recovery.command}`, { title: 'lambda-canary: alias NOT restored' })
      core.setFailed(annotationText(recovery.message))
      break
    default:
      core.info(`lambda-canary: ${logText(recovery.message)}`)
  }
  return [{ checkpoint, recovery }]
}
