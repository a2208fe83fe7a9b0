// Item 3 of issue 11: every write's outcome is known. For each write kind (shift, promote, restore, manual
// rollback), an answer that is not a clean success is settled by reading the alias back: applied → the run goes
// on as if answered; not applied → retried; someone else's change → the conflict policy.
import { describe, expect, it } from '@jest/globals'
import { classifyWriteFailure } from '../src/adapters/aws-errors.js'
import { LambdaAlias, type LambdaApi } from '../src/adapters/lambda.js'
import { AliasConflictError, type AliasTarget, NotFoundError, TransientError } from '../src/ports.js'
import { type Harness, aliasOf, deploy, harness, rolloutSettings, settingsFrom } from './helpers/fakes.js'

type Fault = 'applied-timeout' | 'applied-5xx' | 'applied-unreadable' | 'not-applied-5xx' | 'other-writer-then-5xx' | 'other-writer'

/** What the SDK throws when a request times out or its connection is reset (no HTTP status). */
function timeoutError(): Error {
  const error = new Error('Connection timed out after 30000 ms')
  error.name = 'TimeoutError'
  return error
}

/** What the SDK throws when a 200 answer's body is not the JSON it expects (an HTML page, a truncated body). */
function deserializationError(): Error {
  const error = new SyntaxError(
    'Deserialization error: to see the raw response, inspect the hidden field {error}.$response on this object.'
  ) as SyntaxError & { $metadata: { httpStatusCode: number } }
  error.$metadata = { httpStatusCode: 200 }
  return error
}

const THEIRS: AliasTarget = { version: '5', weights: {} }

/** The first write matching `kind` meets `fault`; every other call behaves as Lambda does. */
function inject(h: Harness, matches: (t: AliasTarget) => boolean, fault: Fault): void {
  const write = h.alias.write.bind(h.alias)
  let pending = true
  h.alias.write = async (target, revisionId) => {
    if (!pending || !matches(target)) return write(target, revisionId)
    pending = false
    switch (fault) {
      case 'applied-timeout':
        await write(target, revisionId)
        throw timeoutError()
      case 'applied-5xx':
        await write(target, revisionId)
        throw new TransientError('ServiceException (503) on alias "live" after the SDK\'s retries')
      case 'applied-unreadable':
        await write(target, revisionId)
        throw deserializationError()
      case 'not-applied-5xx':
        h.alias.writes.push({ at: h.clock.now(), target: structuredClone(target), revisionId })
        throw new TransientError('ServiceException (503) on alias "live" after the SDK\'s retries')
      case 'other-writer-then-5xx':
        h.alias.set(THEIRS)
        h.alias.writes.push({ at: h.clock.now(), target: structuredClone(target), revisionId })
        throw new TransientError('ServiceException (503) on alias "live" after the SDK\'s retries')
      case 'other-writer':
        h.alias.set(THEIRS)
        return write(target, revisionId)
    }
  }
}

const isShift = (t: AliasTarget) => t.version === '1' && t.weights['2'] !== undefined
const isPromote = (t: AliasTarget) => t.version === '2' && Object.keys(t.weights).length === 0
// Before a final bake the promotion carries the run's mark; the write that clears the mark once the bake passed
// has the same routing but is not a promotion.
const isMarkedPromote = (t: AliasTarget) => isPromote(t) && (t.description ?? '').includes(' run=')
const isRestore = (t: AliasTarget) => t.version === '1' && Object.keys(t.weights).length === 0

interface Kind {
  name: string
  matches: (t: AliasTarget) => boolean
  setup: () => Harness
  settings: ReturnType<typeof rolloutSettings>
  /** The result when the write is settled as applied. */
  success: 'promoted' | 'rolled-back'
  /** The alias when it is. */
  final: { version: string; weights: Record<string, number> }
}

const regression = () => harness({ errorRate: v => (v === '2' ? 0.2 : 0.001) })
const atVersion2 = () => {
  const h = harness()
  h.alias.state = { ...h.alias.state, version: '2', description: 'production traffic' }
  return h
}

const KINDS: Kind[] = [
  {
    name: 'shift',
    matches: isShift,
    setup: harness,
    settings: rolloutSettings(),
    success: 'promoted',
    final: { version: '2', weights: {} }
  },
  {
    name: 'promote',
    matches: isMarkedPromote,
    setup: harness,
    settings: rolloutSettings({ 'final-bake': '3m' }),
    success: 'promoted',
    final: { version: '2', weights: {} }
  },
  {
    name: 'restore',
    matches: isRestore,
    setup: regression,
    settings: rolloutSettings(),
    success: 'rolled-back',
    final: { version: '1', weights: {} }
  },
  {
    name: 'manual rollback',
    matches: isRestore,
    setup: atVersion2,
    settings: settingsFrom({ 'function-name': 'api', mode: 'rollback', 'rollback-to': '1' }),
    success: 'rolled-back',
    final: { version: '1', weights: {} }
  }
]

describe.each(KINDS)('$name: an answer that is not a clean success is settled by reading the alias back', kind => {
  it.each(['applied-timeout', 'applied-5xx', 'applied-unreadable'] as const)('%s: the write happened, the run goes on', async fault => {
    const h = kind.setup()
    inject(h, kind.matches, fault)
    const result = await deploy(kind.settings, h.ports)
    expect(result.result).toBe(kind.success)
    expect(aliasOf(h)).toEqual(kind.final)
    // Written once: read back as applied, never written again, never blamed on someone else.
    expect(h.alias.writes.filter(w => kind.matches(w.target))).toHaveLength(1)
    expect(result.timeline.some(e => e.type === 'conflict')).toBe(false)
    expect(result.reason).not.toContain('someone else')
  })

  it('not applied + 5xx: retried with the same RevisionId, then written', async () => {
    const h = kind.setup()
    inject(h, kind.matches, 'not-applied-5xx')
    const result = await deploy(kind.settings, h.ports)
    expect(result.result).toBe(kind.success)
    expect(aliasOf(h)).toEqual(kind.final)
    const tries = h.alias.writes.filter(w => kind.matches(w.target))
    expect(tries).toHaveLength(2)
    expect(tries[0]!.revisionId).toBe(tries[1]!.revisionId)
    expect(result.timeline.filter(e => e.type === 'retry')).toHaveLength(1)
  })

  it.each(['other-writer', 'other-writer-then-5xx'] as const)(
    '%s: another writer changed the alias → the conflict policy, never overwritten',
    async fault => {
      const h = kind.setup()
      inject(h, kind.matches, fault)
      const result = await deploy(kind.settings, h.ports)
      expect(result.result).toBe('failed')
      expect(result.cause).toEqual({ kind: 'alias-conflict' })
      expect(aliasOf(h)).toEqual(THEIRS)
      expect(result.reason).toMatch(/changed by someone else|changed while rolling back/)
      expect(result.reason).toContain('version 5')
      // Nothing is written over the other writer's RevisionId.
      const theirs = h.alias.state.revisionId
      expect(h.alias.writes.filter(w => w.revisionId === theirs)).toEqual([])
    }
  )
})

describe('the promote whose answer is unreadable (issue 11)', () => {
  it('is settled as applied: the description it wrote is compared too, the final bake runs, the release succeeds', async () => {
    const h = harness()
    h.alias.state.description = 'production traffic'
    inject(h, isPromote, 'applied-unreadable')
    const outcome = await deploy(rolloutSettings({ 'final-bake': '3m' }), h.ports)
    expect(outcome.result).toBe('promoted')
    expect(h.alias.state.description).toMatch(/^production traffic \[lambda-canary previous=1 current=2/)
    const promotedAt = h.alias.writes.find(w => isPromote(w.target))!.at
    // The final bake judged the new version after the promotion.
    expect(h.metrics.reads.filter(r => r.end > promotedAt).length).toBeGreaterThan(0)
    expect(outcome.timeline.filter(e => e.type === 'promote')).toHaveLength(1)
  })

  it('an alias at the promoted routing but with another description is not ours: the conflict policy', async () => {
    const h = harness()
    const write = h.alias.write.bind(h.alias)
    h.alias.write = async (target, revisionId) => {
      if (!isPromote(target)) return write(target, revisionId)
      h.alias.set({ version: '2', weights: {}, description: 'a colleague promoted it by hand' })
      throw deserializationError()
    }
    const outcome = await deploy(rolloutSettings(), h.ports)
    expect(outcome.result).toBe('failed')
    expect(outcome.cause).toEqual({ kind: 'alias-conflict' })
    expect(h.alias.state.description).toBe('a colleague promoted it by hand')
  })

  it('a shift whose outcome stays unknown (every read-back fails) is restored; meeting it later is ours, not a conflict', async () => {
    const h = harness()
    const write = h.alias.write.bind(h.alias)
    const read = h.alias.read.bind(h.alias)
    let lost = true
    let readsFailing = 0
    h.alias.write = async (target, revisionId) => {
      const out = await write(target, revisionId)
      if (lost && isShift(target)) {
        lost = false
        readsFailing = 5 // every read-back of the shift's five tries
        throw timeoutError()
      }
      return out
    }
    h.alias.read = async () => {
      if (readsFailing > 0) {
        readsFailing--
        throw new TransientError('ServiceException (503) on GetAlias')
      }
      return read()
    }
    const outcome = await deploy(rolloutSettings(), h.ports)
    expect(outcome.result).toBe('rolled-back')
    expect(outcome.reason).toContain('may or may not have been applied after 5 tries')
    expect(outcome.reason).toContain('restored — alias "live" now: version 1 only')
    expect(outcome.timeline.some(e => e.type === 'conflict')).toBe(false)
    expect(aliasOf(h)).toEqual({ version: '1', weights: {} })
  })
})

describe('write failures are classified in one place', () => {
  it('conflict, definite refusal, or unknown (read the alias back)', () => {
    expect(classifyWriteFailure(new AliasConflictError('PreconditionFailedException'))).toBe('conflict')
    expect(classifyWriteFailure(new NotFoundError('alias "live" was not found'))).toBe('rejected')
    const validation = Object.assign(new Error('bad weight'), {
      name: 'InvalidParameterValueException',
      $metadata: { httpStatusCode: 400 }
    })
    expect(classifyWriteFailure(validation)).toBe('rejected')
    const busy = Object.assign(new Error('update in progress'), { name: 'ResourceConflictException', $metadata: { httpStatusCode: 409 } })
    expect(classifyWriteFailure(busy)).toBe('unknown')
    expect(classifyWriteFailure(new TransientError('ServiceException (503)'))).toBe('unknown')
    expect(classifyWriteFailure(timeoutError())).toBe('unknown')
    expect(classifyWriteFailure(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }))).toBe('unknown')
    expect(classifyWriteFailure(deserializationError())).toBe('unknown')
  })

  it('through the Lambda adapter: an HTML 200 and an answer without the alias fields stay "unknown"', async () => {
    const api = (updateAlias: LambdaApi['updateAlias']) => ({ updateAlias }) as unknown as LambdaApi
    const html = new LambdaAlias(
      api(async () => {
        throw deserializationError()
      }),
      'api',
      'live'
    )
    const empty = new LambdaAlias(
      api(async () => ({})),
      'api',
      'live'
    )
    for (const port of [html, empty]) {
      const error = await port.write({ version: '2', weights: {} }, 'rev-1').catch((e: unknown) => e)
      expect(classifyWriteFailure(error)).toBe('unknown')
    }
  })
})
