// The post step: restore the alias from saved state if the main step did not finish.
import * as core from '@actions/core'
import { systemClock } from './adapters/clock.js'
import { loadCheckpoint } from './adapters/github.js'
import { recoverAlias } from './recover.js'

export async function cleanup(): Promise<void> {
  const checkpoint = loadCheckpoint()
  if (!checkpoint) return core.info('lambda-canary: no deployment was started; nothing to clean up')
  if (checkpoint.phase === 'done') return core.info('lambda-canary: the deployment finished; nothing to clean up')
  const { aliasPort } = await import('./adapters/aws.js')
  const alias = aliasPort(checkpoint.functionId, checkpoint.alias, checkpoint.region)
  const recovery = await recoverAlias(alias, checkpoint, ms => systemClock.sleep(ms))
  switch (recovery.action) {
    case 'restored':
      core.warning(`lambda-canary: ${recovery.message}`)
      break
    case 'failed':
      core.error(`lambda-canary: ${recovery.message}. Run: ${recovery.command}`, { title: 'lambda-canary: alias NOT restored' })
      core.setFailed(recovery.message)
      break
    default:
      core.info(`lambda-canary: ${recovery.message}`)
  }
}
