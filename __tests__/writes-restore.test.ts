// Item 4 of issue 11: restores persist against throttling and 5xx for restore-timeout (virtual time: attempts
// are counted, never timed), the post step continues within its own window, and the reason says exactly what
// the alias serves at the end, read back.
import { describe, expect, it } from '@jest/globals'
import { Inputs } from '../src/constants.js'
import { InputError } from '../src/parse.js'
import { type AliasTarget, type Checkpoint, TransientError } from '../src/ports.js'
import { recoverAlias } from '../src/recover.js'
import { formatDescription } from '../src/history.js'
import { FakeAlias, type Harness, T0, VirtualClock, aliasOf, deploy, harness, rolloutSettings } from './helpers/fakes.js'

const COMMAND =
  "aws lambda update-alias --function-name api --name live --function-version 1 --routing-config 'AdditionalVersionWeights={}' --region us-east-1"
const isRestore = (t: AliasTarget) => t.version === '1' && Object.keys(t.weights).length === 0

/** From `fromMs` (after T0) on, every restore write answers 503 until `untilMs` (forever when left out). */
function restores503(h: { alias: FakeAlias; clock: VirtualClock }, fromMs: number, untilMs = Number.POSITIVE_INFINITY): void {
  const write = h.alias.write.bind(h.alias)
  h.alias.write = async (target, revisionId) => {
    const t = h.clock.now() - T0
    if (isRestore(target) && t >= fromMs && t < untilMs) {
      h.alias.writes.push({ at: h.clock.now(), target: structuredClone(target), revisionId })
      throw new TransientError('ServiceException (503) on alias "live" after the SDK\'s retries')
    }
    return write(target, revisionId)
  }
}

const regression = () => harness({ errorRate: v => (v === '2' ? 0.2 : 0.001) })
const restoreTries = (h: Harness) => h.alias.writes.filter(w => isRestore(w.target))

describe('restores persist for restore-timeout (main step)', () => {
  it('persistent 503: retried until restore-timeout, then the alias read back and the command', async () => {
    const counts: number[] = []
    for (const timeout of ['1m', '4m']) {
      const h = regression()
      restores503(h, 0)
      const outcome = await deploy(rolloutSettings({ 'restore-timeout': timeout }), h.ports)
      expect(outcome.result).toBe('failed')
      expect(outcome.reason).toContain(`could NOT be restored to version 1 within ${timeout}`)
      expect(outcome.reason).toContain(`alias "live" is STILL split 90/10: version 1 (90%) + version 2 (10%) — run: ${COMMAND}`)
      expect(outcome.restoreCommand).toBe(COMMAND)
      expect(aliasOf(h)).toEqual({ version: '1', weights: { '2': 0.1 } })
      const tries = restoreTries(h)
      // Every try falls inside the window: none after restore-timeout, the last within one backoff step of it.
      const span = tries[tries.length - 1]!.at - tries[0]!.at
      const windowMs = timeout === '1m' ? 60_000 : 240_000
      expect(span).toBeLessThanOrEqual(windowMs)
      expect(span).toBeGreaterThan(windowMs - 8000)
      counts.push(tries.length)
    }
    // Four times the window, about four times the tries (capped backoff); far more than the old 5.
    expect(counts[0]).toBeGreaterThan(5)
    expect(counts[1]! / counts[0]!).toBeGreaterThan(3)
  })

  it('a 503 storm lasting minutes ends within the default restore-timeout: restored, and said so', async () => {
    const h = regression()
    restores503(h, 0, 3 * 60_000 + 120_000)
    const outcome = await deploy(rolloutSettings(), h.ports)
    expect(outcome.result).toBe('rolled-back')
    expect(outcome.reason).toMatch(/; restored — alias "live" now: version 1 only$/)
    expect(restoreTries(h).length).toBeGreaterThan(5)
    expect(aliasOf(h)).toEqual({ version: '1', weights: {} })
  })

  it('writes and reads both failing: the alias cannot be read back, and the reason says its state is unknown', async () => {
    const h = regression()
    restores503(h, 0)
    const read = h.alias.read.bind(h.alias)
    let restoring = false
    h.alias.read = async () => {
      if (restoring) throw new TransientError('ServiceException (503) on GetAlias')
      return read()
    }
    const write = h.alias.write.bind(h.alias)
    h.alias.write = async (target, revisionId) => {
      if (isRestore(target)) restoring = true
      return write(target, revisionId)
    }
    const outcome = await deploy(rolloutSettings({ 'restore-timeout': '30s' }), h.ports)
    expect(outcome.result).toBe('failed')
    expect(outcome.reason).toContain(`alias "live" could not be read back, so what it serves is unknown — run: ${COMMAND}`)
  })

  it('cancelled: the main step tries within the runner’s window, then the post step continues and restores', async () => {
    const h = harness()
    restores503(h, 0, 90_000 + 60_000)
    h.clock.at(90_000, () => h.controller.abort())
    const outcome = await deploy(rolloutSettings({ 'restore-timeout': '5m' }), h.ports)
    expect(outcome.result).toBe('failed')
    expect(outcome.reason).toContain('could NOT be restored to version 1 within 6s, and the post step keeps trying')
    expect(outcome.reason).toContain('alias "live" is STILL split 90/10')
    const checkpoint = h.checkpoints[h.checkpoints.length - 1]!
    expect(checkpoint).toMatchObject({ phase: 'shifting', restoreTimeoutSeconds: 300 })

    const recovery = await recoverAlias(
      h.alias,
      checkpoint,
      ms => h.clock.sleep(ms),
      () => h.clock.now()
    )
    expect(recovery.action).toBe('restored')
    expect(recovery.message).toContain('alias "live" now: version 1 only')
    expect(aliasOf(h)).toEqual({ version: '1', weights: {} })
  })
})

describe('the post step continues the restore within its own window', () => {
  const cp: Checkpoint = {
    phase: 'shifting',
    functionId: 'api',
    alias: 'live',
    region: 'us-east-1',
    oldVersion: '1',
    newVersion: '2',
    restoreTimeoutSeconds: 120,
    owner: { run: '111.1.aaaa', job: 'deploy', repo: 'app' }
  }

  it('persistent 503: tries until the saved restore-timeout, then says what the alias serves and the command', async () => {
    const clock = new VirtualClock()
    const alias = new FakeAlias(clock, '1', { '2': 0.1 })
    restores503({ alias, clock }, 0)
    const r = await recoverAlias(
      alias,
      cp,
      ms => clock.sleep(ms),
      () => clock.now()
    )
    expect(r.action).toBe('failed')
    expect(r.command).toBe(COMMAND)
    expect(r.message).toContain(`alias "live" is STILL split 90/10: version 1 (90%) + version 2 (10%) — run: ${COMMAND}`)
    const tries = alias.writes
    expect(tries.length).toBeGreaterThan(5)
    expect(tries[tries.length - 1]!.at - T0).toBeLessThanOrEqual(120_000)
  })

  it('GetAlias failing for a minute does not end the post step: it reads again, then restores', async () => {
    const clock = new VirtualClock()
    const alias = new FakeAlias(clock, '2')
    // Killed in its final bake: the promotion carried the run's mark.
    alias.state.description = formatDescription({
      text: '',
      mark: { owner: cp.owner!, until: '2099-01-01T00:00:00Z', phase: 'final-bake' }
    })
    const read = alias.read.bind(alias)
    let failedReads = 0
    alias.read = async () => {
      if (clock.now() - T0 < 60_000) {
        failedReads++
        throw new TransientError('ServiceException (503) on GetAlias')
      }
      return read()
    }
    const r = await recoverAlias(
      alias,
      cp,
      ms => clock.sleep(ms),
      () => clock.now()
    )
    expect(failedReads).toBeGreaterThan(3)
    expect(r.action).toBe('restored')
    expect(r.message).toContain('alias "live" now: version 1 only')
  })
})

describe('input restore-timeout', () => {
  const settingsError = (value: string) => {
    try {
      rolloutSettings({ 'restore-timeout': value })
    } catch (error) {
      return error
    }
    return undefined
  }

  it('defaults to 5 minutes', () => {
    expect(rolloutSettings().run.restoreTimeoutSeconds).toBe(300)
    expect(rolloutSettings({ 'restore-timeout': '90s' }).run.restoreTimeoutSeconds).toBe(90)
  })

  it.each([
    ['5', 'use a number with a unit'],
    ['2s', 'use at least "10s"'],
    ['2h', 'at most 1h']
  ])('"%s" is refused, naming the input and quoting the value', (value, accepted) => {
    const error = settingsError(value)
    expect(error).toBeInstanceOf(InputError)
    expect((error as InputError).input).toBe(Inputs.RestoreTimeout)
    expect((error as InputError).message).toContain(`Input "restore-timeout" has an invalid value "${value}"`)
    expect((error as InputError).message).toContain(accepted)
  })
})
