// What a run reports when it stops midway: the versions and the alias it was about, what it found, and what
// the alias holds. Each case is one an adversarial comparison of the bundles found during the redesign.
import { describe, expect, it } from '@jest/globals'
import { AliasConflictError, type AliasTarget, TransientError } from '../src/ports.js'
import { aliasOf, deploy, harness, rolloutSettings as settings } from './helpers/fakes.js'

const ALIAS_ARN = 'arn:aws:lambda:us-east-1:123456789012:function:api:live'

describe('mode: rollback that stops midway still says what it was about', () => {
  it('a read-back that throws after the write: versions and alias ARN are reported', async () => {
    const h = harness()
    h.alias.set({ version: '2', weights: {} })
    const read = h.alias.read.bind(h.alias)
    h.alias.read = async () => {
      if (h.alias.writes.length > 0) throw new TransientError('ServiceException (500) on GetAlias')
      return read()
    }
    const outcome = await deploy(settings({ mode: 'rollback', 'rollback-to': '1', version: '' }), h.ports)
    expect(outcome.result).toBe('failed')
    expect(outcome).toMatchObject({ version: '1', previousVersion: '2', aliasArn: ALIAS_ARN })
  })

  it('a target configuration that cannot be read: the preflight findings so far are kept', async () => {
    const h = harness()
    h.alias.set({ version: '2', weights: {} })
    const configuration = h.fn.configuration.bind(h.fn)
    h.fn.configuration = async (qualifier: string) => {
      if (qualifier === '1') throw new TransientError('ServiceException (500) on GetFunctionConfiguration')
      return configuration(qualifier)
    }
    const outcome = await deploy(settings({ mode: 'rollback', 'rollback-to': '1', version: '' }), h.ports)
    expect(outcome.result).toBe('failed')
    expect(outcome).toMatchObject({ version: '1', previousVersion: '2', aliasArn: ALIAS_ARN })
    const preflight = h.events.find(e => e.type === 'preflight')
    expect(preflight?.type === 'preflight' && preflight.findings.some(f => f.message.includes('points at version 2'))).toBe(true)
  })
})

describe('a conflict whose clean-up write fails', () => {
  it('still reports what the other writer left', async () => {
    const h = harness()
    // Another writer sends half the traffic to our new version, then every write of ours fails.
    h.clock.at(90_000, () => h.alias.set({ version: '1', weights: { '2': 0.5 } }))
    const write = h.alias.write.bind(h.alias)
    let conflicted = false
    h.alias.write = async (target: AliasTarget, revisionId: string) => {
      if (conflicted) throw new TransientError('ServiceException (500) on UpdateAlias')
      try {
        return await write(target, revisionId)
      } catch (error) {
        if (error instanceof AliasConflictError) conflicted = true
        throw error
      }
    }
    const outcome = await deploy(settings(), h.ports)
    expect(outcome.result).toBe('failed')
    expect(outcome.cause).toEqual({ kind: 'alias-conflict' })
    expect(outcome.reason).toContain('found version 1')
    expect(outcome.reason).not.toContain('unknown state')
    const conflict = h.events.find(e => e.type === 'conflict')
    expect(conflict?.type === 'conflict' && conflict.theirs?.version).toBe('1')
    expect(aliasOf(h)).toEqual({ version: '1', weights: { '2': 0.5 } })
  })
})

describe('a cancel before the first shift', () => {
  it('during the pre-traffic hook: nothing shifted, and the alias ARN is still reported', async () => {
    const h = harness()
    h.probe.respond = () => {
      h.controller.abort()
      return { statusCode: 200, payload: '{"status":"Succeeded"}' }
    }
    const outcome = await deploy(settings({ 'pre-traffic-hook': 'hook-fn' }), h.ports)
    expect(outcome.result).toBe('failed')
    expect(outcome.cause).toEqual({ kind: 'cancelled' })
    expect(outcome.aliasArn).toBe(ALIAS_ARN)
    expect(h.alias.writes).toEqual([])
  })
})

describe('a cancel after the promotion, before the release is done', () => {
  it('during the post-traffic hook: the alias is restored (a cancelled release is not a finished one)', async () => {
    const h = harness()
    h.probe.respond = () => {
      h.controller.abort()
      return { statusCode: 200, payload: '{"status":"Succeeded"}' }
    }
    const outcome = await deploy(settings({ 'post-traffic-hook': 'hook-fn' }), h.ports)
    expect(outcome.result).toBe('rolled-back')
    expect(outcome.cause).toEqual({ kind: 'cancelled' })
    expect(aliasOf(h)).toEqual({ version: '1', weights: {} })
  })
})
