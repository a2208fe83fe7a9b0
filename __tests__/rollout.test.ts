import { describe, expect, it } from '@jest/globals'
import { getSettings } from '../src/inputs/legacy.js'
import { runDeployment } from '../src/rollout.js'
import { Lockstep } from '../src/lockstep.js'
import { T0, harness, inputsFrom } from './helpers/fakes.js'

const settings = (extra: Record<string, string> = {}) =>
  getSettings(
    inputsFrom({
      'function-name': 'api',
      version: '2',
      'max-error-rate': '1%',
      'metric-period': '1m',
      'metric-lag': '2m',
      'poll-interval': '30s',
      ...extra
    }),
    { AWS_REGION: 'us-east-1' }
  )

const aliasOf = (h: ReturnType<typeof harness>) => ({ version: h.alias.state.version, weights: h.alias.state.weights })

describe('healthy release', () => {
  it('canary: shifts 10%, bakes, waits for the last minute to settle, promotes with routing cleared', async () => {
    const h = harness()
    const outcome = await runDeployment(settings(), h.ports)
    expect(outcome.result).toBe('promoted')
    expect(outcome.reason).toContain('version 2 took 100% of alias "live"')
    expect(aliasOf(h)).toEqual({ version: '2', weights: {} })
    // Each write carries the RevisionId of the state it replaces.
    expect(h.alias.writes.map(w => [w.target, w.revisionId])).toEqual([
      [{ version: '1', weights: { '2': 0.1 } }, 'rev-0'],
      [{ version: '2', weights: {}, description: expect.stringMatching(/^\[lambda-canary previous=1 current=2 at=/) }, 'rev-1']
    ])
    // The promotion waits for bake (5m) and for every period up to the bake's end to be 2m old.
    const promotedAt = h.alias.writes[1]!.at - T0
    expect(promotedAt).toBeGreaterThanOrEqual((5 + 2) * 60_000)
    expect(promotedAt).toBeLessThan((5 + 2 + 1) * 60_000)
    expect(outcome.version).toBe('2')
    expect(outcome.previousVersion).toBe('1')
    expect(h.checkpoints.map(c => c.phase)).toEqual(['shifting', 'done'])
  })

  it('polls through the bake: one metrics read per poll, only whole periods, window from the first shift', async () => {
    const h = harness()
    await runDeployment(settings(), h.ports)
    const polls = h.events.filter(e => e.type === 'poll')
    // A poll before the first period is complete has nothing to read and does not call CloudWatch.
    const withData = polls.filter(e => e.type === 'poll' && e.sample.windowEnd > e.sample.windowStart)
    expect(h.metrics.reads.length).toBe(withData.length)
    expect(polls.length - withData.length).toBe(1)
    expect(polls.length).toBeGreaterThanOrEqual(10) // 7 minutes at 30 s
    for (const q of h.metrics.reads) {
      expect(q.start % 60_000).toBe(0)
      expect(q.end % 60_000).toBe(0)
      expect(q.start).toBe(T0)
      expect(q).toMatchObject({ newVersion: '2', oldVersion: '1', periodSeconds: 60, latencyStatistic: 'p99' })
    }
  })

  it('custom stages: every weight in order, then promotion', async () => {
    const h = harness()
    const outcome = await runDeployment(settings({ strategy: 'custom', steps: '10%:2m, 25%:2m, 50%:2m' }), h.ports)
    expect(outcome.result).toBe('promoted')
    expect(h.alias.writes.map(w => ({ version: w.target.version, weights: w.target.weights }))).toEqual([
      { version: '1', weights: { '2': 0.1 } },
      { version: '1', weights: { '2': 0.25 } },
      { version: '1', weights: { '2': 0.5 } },
      { version: '2', weights: {} }
    ])
    expect(outcome.timeline.filter(e => e.type === 'stage-end').map(e => e.type === 'stage-end' && e.decision)).toEqual([
      'pass',
      'pass',
      'pass'
    ])
  })

  it('errors only on the old version do not block the new one', async () => {
    const h = harness({ errorRate: v => (v === '1' ? 0.3 : 0) })
    expect((await runDeployment(settings(), h.ports)).result).toBe('promoted')
  })

  it('publish: true publishes $LATEST guarded by its CodeSha256 and releases that version', async () => {
    const h = harness()
    const outcome = await runDeployment(settings({ version: '', publish: 'true' }), h.ports)
    expect(h.fn.published).toEqual(['3'])
    expect(outcome.result).toBe('promoted')
    expect(outcome.version).toBe('3')
    expect(aliasOf(h)).toEqual({ version: '3', weights: {} })
  })

  it('all-at-once with no final bake promotes in one write', async () => {
    const h = harness()
    const outcome = await runDeployment(settings({ strategy: 'all-at-once' }), h.ports)
    expect(outcome.result).toBe('promoted')
    expect(h.alias.writes.map(w => ({ version: w.target.version, weights: w.target.weights }))).toEqual([{ version: '2', weights: {} }])
  })
})

describe('regression', () => {
  it('at stage 2 of 3: caught mid-stage, alias restored exactly, step fails with the reason', async () => {
    // Version 2 turns bad 3 minutes in (during the 25% stage, which starts at 2m).
    const h = harness({ errorRate: (v, t) => (v === '2' && t >= T0 + 3 * 60_000 ? 0.2 : 0.001) })
    const outcome = await runDeployment(settings({ strategy: 'custom', steps: '10%:2m, 25%:4m, 50%:4m', 'metric-lag': '0s' }), h.ports)
    expect(outcome.result).toBe('rolled-back')
    expect(outcome.reason).toMatch(/^stage 2 \(25%\): error rate of the new version .* is above 1% \(at least .* with 99% confidence\); /)
    expect(outcome.reason).toMatch(/; alias "live" restored to version 1$/)
    expect(aliasOf(h)).toEqual({ version: '1', weights: {} })
    const last = h.alias.writes[h.alias.writes.length - 1]!
    expect(last.target).toEqual({ version: '1', weights: {} })
    expect(h.alias.writes.some(w => w.target.version === '2')).toBe(false)
    // Fail fast: restored well before the 25% stage would have ended (2m + 4m).
    expect(last.at - T0).toBeLessThan(6 * 60_000)
    expect(outcome.timeline.find(e => e.type === 'restore')).toMatchObject({ ok: true })
  })

  it('a latency-only regression rolls back', async () => {
    const h = harness({ latencyMs: v => (v === '2' ? 2500 : 200) })
    const outcome = await runDeployment(settings({ 'max-latency': '1000ms' }), h.ports)
    expect(outcome.result).toBe('rolled-back')
    expect(outcome.reason).toContain('p99 latency of the new version 2500 ms is above 1000 ms')
    expect(aliasOf(h)).toEqual({ version: '1', weights: {} })
  })

  it('an alarm going to ALARM mid-bake rolls back', async () => {
    const h = harness()
    h.metrics.alarmStates = [{ name: 'api-5xx', state: 'OK' }]
    h.clock.at(2 * 60_000, () => (h.metrics.alarmStates = [{ name: 'api-5xx', state: 'ALARM', reason: 'Threshold Crossed' }]))
    const outcome = await runDeployment(settings({ alarms: 'api-5xx' }), h.ports)
    expect(outcome.result).toBe('rolled-back')
    expect(outcome.reason).toContain('alarm "api-5xx" is in ALARM')
    expect(aliasOf(h)).toEqual({ version: '1', weights: {} })
  })

  it('errors in the last minute of the last stage are seen before promotion, though they land late', async () => {
    // Bad only from 4m30s; datapoints take 2 minutes to arrive. Judging at 5m would have promoted.
    const h = harness({ errorRate: (v, t) => (v === '2' && t >= T0 + 4 * 60_000 ? 0.5 : 0), lagMs: 2 * 60_000 })
    const outcome = await runDeployment(settings(), h.ports)
    expect(outcome.result).toBe('rolled-back')
    expect(h.alias.writes.some(w => w.target.version === '2')).toBe(false)
  })

  it('a regression during final-bake at 100% still restores the old version', async () => {
    const h = harness({ errorRate: (v, t) => (v === '2' && t >= T0 + 8 * 60_000 ? 0.1 : 0) })
    const outcome = await runDeployment(settings({ 'final-bake': '10m', 'metric-lag': '0s' }), h.ports)
    expect(outcome.result).toBe('rolled-back')
    expect(outcome.reason).toContain('stage 2 (100%)')
    expect(h.alias.writes.map(w => w.target.version)).toEqual(['1', '2', '1'])
    expect(aliasOf(h)).toEqual({ version: '1', weights: {} })
  })
})

describe('not enough data', () => {
  it('zero traffic with on-insufficient-data: fail → restored, and the reason says there was no data', async () => {
    const h = harness({ rate: 0 })
    const outcome = await runDeployment(settings(), h.ports)
    expect(outcome.result).toBe('rolled-back')
    expect(outcome.reason).toContain('ended without enough data')
    expect(outcome.reason).toContain('no invocations of the new version')
    expect(aliasOf(h)).toEqual({ version: '1', weights: {} })
  })

  it('proceed: promotes but records that the stage proceeded without enough data', async () => {
    const h = harness({ rate: 0 })
    const outcome = await runDeployment(settings({ 'on-insufficient-data': 'proceed' }), h.ports)
    expect(outcome.result).toBe('promoted')
    const end = outcome.timeline.find(e => e.type === 'stage-end')
    expect(end).toMatchObject({ decision: 'proceeded-without-enough-data' })
  })

  it('wait: extends the stage until the evidence arrives', async () => {
    // 1 req/s at 10% is 6 new invocations a minute: 20 needs 4 minutes, twice the 2-minute bake.
    const h = harness({ rate: 1 })
    const outcome = await runDeployment(
      settings({
        'bake-time': '2m',
        'metric-lag': '0s',
        'on-insufficient-data': 'wait',
        'max-latency-increase': 'off',
        'max-error-rate-increase': 'off'
      }),
      h.ports
    )
    expect(outcome.result).toBe('promoted')
    const promotedAt = h.alias.writes[1]!.at - T0
    expect(promotedAt).toBe(4 * 60_000)
  })

  it('wait: gives up after one more bake and fails', async () => {
    const h = harness({ rate: 0 })
    const outcome = await runDeployment(settings({ 'bake-time': '1m', 'on-insufficient-data': 'wait' }), h.ports)
    expect(outcome.result).toBe('rolled-back')
    expect(outcome.reason).toContain('after waiting')
  })
})

describe('the alias is never overwritten or left split', () => {
  it('RevisionId conflict: someone else moves the alias mid-bake → stop, do not overwrite, report both states', async () => {
    const h = harness()
    h.clock.at(60_000, () => h.alias.set({ version: '5', weights: {} }))
    const outcome = await runDeployment(settings(), h.ports)
    expect(outcome.result).toBe('failed')
    expect(outcome.reason).toContain('was changed by someone else')
    expect(outcome.reason).toContain('expected RevisionId rev-1')
    expect(outcome.reason).toContain('found version 5 (100%)')
    expect(aliasOf(h)).toEqual({ version: '5', weights: {} })
    // Every write after the other writer's change carried the stale RevisionId and was refused.
    const after = h.alias.writes.filter(w => w.at > T0 + 60_000)
    expect(after.length).toBeGreaterThan(0)
    expect(after.every(w => w.revisionId === 'rev-1')).toBe(true)
    expect(outcome.timeline.find(e => e.type === 'conflict')).toMatchObject({ theirs: { version: '5' } })
  })

  it('conflict where the other writer kept our version in the routing: only our part is removed', async () => {
    const h = harness()
    h.clock.at(60_000, () => h.alias.set({ version: '5', weights: { '2': 0.3 } }))
    const outcome = await runDeployment(settings(), h.ports)
    expect(outcome.result).toBe('failed')
    expect(aliasOf(h)).toEqual({ version: '5', weights: {} })
    expect(outcome.reason).toContain("removed only version 2's weighted traffic")
  })

  it('an alias already split (a killed run) is reported and restored to its primary first', async () => {
    const h = harness({}, { '3': 0.2 })
    const outcome = await runDeployment(settings(), h.ports)
    expect(h.alias.writes[0]!.target).toEqual({ version: '1', weights: {} })
    expect(outcome.timeline.find(e => e.type === 'split-restored')).toBeDefined()
    const preflight = outcome.timeline.find(e => e.type === 'preflight')
    expect(JSON.stringify(preflight)).toContain('already split')
    expect(outcome.result).toBe('promoted')
  })

  it('on-split-alias: fail stops without any write', async () => {
    const h = harness({}, { '3': 0.2 })
    const outcome = await runDeployment(settings({ 'on-split-alias': 'fail' }), h.ports)
    expect(outcome.result).toBe('failed')
    expect(h.alias.writes).toEqual([])
    expect(aliasOf(h)).toEqual({ version: '1', weights: { '3': 0.2 } })
  })

  it('cancellation mid-bake restores the alias and fails', async () => {
    const h = harness()
    h.clock.at(90_000, () => h.controller.abort())
    const outcome = await runDeployment(settings(), h.ports)
    expect(outcome.result).toBe('rolled-back')
    expect(outcome.reason).toContain('cancelled')
    expect(aliasOf(h)).toEqual({ version: '1', weights: {} })
    expect(h.checkpoints.map(c => c.phase)).toEqual(['shifting', 'done'])
  })

  it('cancelled before any traffic moved: nothing to restore, no write', async () => {
    const h = harness()
    h.fn.provisioned['2'] = { requested: 1, allocated: 0, status: 'IN_PROGRESS' }
    h.clock.at(15_000, () => h.controller.abort())
    const outcome = await runDeployment(settings({ 'wait-for-provisioned-concurrency': 'true' }), h.ports)
    expect(outcome.result).toBe('failed')
    expect(h.alias.writes).toEqual([])
  })

  it('cancelled during the final bake of an all-at-once release: the old version is restored', async () => {
    const h = harness()
    h.clock.at(90_000, () => h.controller.abort())
    const outcome = await runDeployment(settings({ strategy: 'all-at-once', 'final-bake': '5m' }), h.ports)
    expect(outcome.result).toBe('rolled-back')
    expect(h.alias.writes.map(w => w.target.version)).toEqual(['2', '1'])
    expect(aliasOf(h)).toEqual({ version: '1', weights: {} })
  })

  it('a restore throttled a few times is retried until written', async () => {
    const h = harness({ errorRate: v => (v === '2' ? 0.5 : 0) })
    h.clock.at(60_000, () => (h.alias.failWrites = 3))
    const outcome = await runDeployment(settings(), h.ports)
    expect(outcome.result).toBe('rolled-back')
    expect(aliasOf(h)).toEqual({ version: '1', weights: {} })
    expect(outcome.timeline.filter(e => e.type === 'retry')).toHaveLength(3)
  })

  it('a write applied but answered with a 5xx is recognised on retry, not mistaken for a conflict', async () => {
    const h = harness()
    h.alias.loseAnswers = 1
    const outcome = await runDeployment(settings(), h.ports)
    expect(outcome.result).toBe('promoted')
    expect(h.alias.writes.map(w => w.revisionId)).toEqual(['rev-0', 'rev-0', 'rev-1'])
    expect(aliasOf(h)).toEqual({ version: '2', weights: {} })
  })

  it('a restore that cannot be written fails loudly with the exact command, and leaves the post step its chance', async () => {
    const h = harness({ errorRate: v => (v === '2' ? 0.5 : 0) })
    h.clock.at(60_000, () => (h.alias.failWrites = 100))
    const outcome = await runDeployment(settings(), h.ports)
    expect(outcome.result).toBe('failed')
    expect(outcome.restoreCommand).toBe(
      "aws lambda update-alias --function-name api --name live --function-version 1 --routing-config 'AdditionalVersionWeights={}' --region us-east-1"
    )
    expect(outcome.reason).toContain('could NOT be restored')
    expect(h.checkpoints.map(c => c.phase)).toEqual(['shifting'])
  })

  it('metrics that keep failing fail the stage (not a pass) and restore; a single failure is tolerated', async () => {
    const flaky = harness()
    flaky.metrics.failReads = 2
    expect((await runDeployment(settings(), flaky.ports)).result).toBe('promoted')

    const broken = harness()
    broken.metrics.failReads = 1000
    const outcome = await runDeployment(settings(), broken.ports)
    expect(outcome.result).toBe('rolled-back')
    expect(outcome.reason).toContain('metrics could not be read 3 times in a row')
    expect(aliasOf(broken)).toEqual({ version: '1', weights: {} })
  })
})

describe('preflight', () => {
  it('plan mode changes nothing and describes the stages', async () => {
    const h = harness()
    const outcome = await runDeployment(
      settings({ mode: 'plan', strategy: 'custom', steps: '10%:5m, 50%:5m', 'final-bake': '5m' }),
      h.ports
    )
    expect(outcome.result).toBe('planned')
    expect(outcome.reason).toBe(
      'plan custom 10%:5m, 50%:5m: version 2 replaces version 1 in 3 steps (10% for 5m → 50% for 5m → 100%, watched for 5m); nothing was changed'
    )
    expect(h.alias.writes).toEqual([])
    expect(h.metrics.reads).toEqual([])
  })

  it('plan mode with publish does not publish', async () => {
    const h = harness()
    const outcome = await runDeployment(settings({ mode: 'plan', version: '', publish: 'true' }), h.ports)
    expect(outcome.result).toBe('planned')
    expect(h.fn.published).toEqual([])
  })

  it('plan mode reports a split alias without touching it', async () => {
    const h = harness({}, { '3': 0.2 })
    const outcome = await runDeployment(settings({ mode: 'plan' }), h.ports)
    expect(outcome.result).toBe('planned')
    expect(h.alias.writes).toEqual([])
    expect(JSON.stringify(outcome.timeline)).toContain('would first restore it to version 1')
  })

  it('the alias already on the version: unchanged, no write', async () => {
    const h = harness()
    const outcome = await runDeployment(settings({ version: '1' }), h.ports)
    expect(outcome.result).toBe('unchanged')
    expect(h.alias.writes).toEqual([])
  })

  const failures: [string, (h: ReturnType<typeof harness>) => void, string][] = [
    ['a missing version', () => {}, 'version 9 of "api" does not exist'],
    ['a different execution role', h => (h.fn.configs['9'] = { version: '9', state: 'Active', role: 'role-b' }), 'execution role "role-b"'],
    [
      'a different DLQ',
      h => (h.fn.configs['9'] = { version: '9', state: 'Active', role: 'role-a', deadLetterTargetArn: 'arn:sqs' }),
      'dead-letter target'
    ],
    ['a function not Active', h => (h.fn.configs.$LATEST!.state = 'Pending'), 'is Pending, not Active'],
    ['a last update not Successful', h => (h.fn.configs.$LATEST!.lastUpdateStatus = 'InProgress'), 'is InProgress, not Successful'],
    ['a failed version', h => (h.fn.configs['9'] = { version: '9', state: 'Failed', role: 'role-a' }), 'state Failed']
  ]
  it.each(failures)('%s fails before any write', async (_, arrange, words) => {
    const h = harness()
    arrange(h)
    const outcome = await runDeployment(settings({ version: '9' }), h.ports)
    expect(outcome.result).toBe('failed')
    expect(outcome.reason).toContain(words)
    expect(h.alias.writes).toEqual([])
  })

  it('a missing alias fails before any write', async () => {
    const h = harness()
    const ports = { ...h.ports, alias: new (h.alias.constructor as typeof import('./helpers/fakes.js').FakeAlias)(h.clock, '1', {}, true) }
    const outcome = await runDeployment(settings(), ports)
    expect(outcome.result).toBe('failed')
    expect(outcome.reason).toContain('alias "live" of "api" was not found')
  })

  it('a named alarm that does not exist fails before any write', async () => {
    const h = harness()
    const outcome = await runDeployment(settings({ alarms: 'nope' }), h.ports)
    expect(outcome.result).toBe('failed')
    expect(outcome.reason).toBe('alarm "nope" not found in CloudWatch')
    expect(h.alias.writes).toEqual([])
  })
})

describe('smoke test and hooks', () => {
  it('the smoke test invokes the new version by number before any alias traffic', async () => {
    const h = harness()
    const outcome = await runDeployment(
      settings({ 'smoke-payload': '{"path":"/health"}', 'smoke-count': '3', 'smoke-expect': '{"ok":true}' }),
      h.ports
    )
    expect(outcome.result).toBe('promoted')
    expect(h.probe.calls.map(c => [c.functionId, c.qualifier, c.payload])).toEqual(Array(3).fill(['api', '2', '{"path":"/health"}']))
    expect(h.probe.calls.every(c => c.at <= h.alias.writes[0]!.at)).toBe(true)
    expect(outcome.timeline.filter(e => e.type === 'smoke').every(e => e.type === 'smoke' && e.ok)).toBe(true)
  })

  it('a failing smoke test shifts nothing', async () => {
    const h = harness()
    h.probe.respond = () => ({ statusCode: 200, functionError: 'Unhandled', payload: '{"errorMessage":"boom"}' })
    const outcome = await runDeployment(settings({ 'smoke-payload': '{}' }), h.ports)
    expect(outcome.result).toBe('failed')
    expect(outcome.reason).toBe(
      'smoke test of version 2 failed on invocation 1 of 1: function error (Unhandled): {"errorMessage":"boom"}; no traffic was shifted, alias "live" still points at version 1'
    )
    expect(h.alias.writes).toEqual([])
  })

  it.each([
    ['{"statusCode":200}', '{"statusCode":500}', 'does not contain {"statusCode":200}'],
    ['/healthy/', '{"status":"degraded"}', 'does not match /healthy/'],
    ['{"ok":true}', 'not json', 'is not JSON']
  ])('smoke-expect %s refuses %s', async (expect_, answer, words) => {
    const h = harness()
    h.probe.respond = () => ({ statusCode: 200, payload: answer })
    const outcome = await runDeployment(settings({ 'smoke-payload': '{}', 'smoke-expect': expect_ }), h.ports)
    expect(outcome.result).toBe('failed')
    expect(outcome.reason).toContain(words)
    expect(h.alias.writes).toEqual([])
  })

  it('hooks get the documented event; pre-traffic before the first shift, post-traffic after 100%', async () => {
    const h = harness()
    const outcome = await runDeployment(settings({ 'pre-traffic-hook': 'before', 'post-traffic-hook': 'after' }), h.ports)
    expect(outcome.result).toBe('promoted')
    const [pre, post] = h.probe.calls
    expect(pre!.functionId).toBe('before')
    expect(JSON.parse(pre!.payload)).toEqual({
      source: 'lambda-canary',
      hook: 'pre-traffic',
      deploymentId: 'deploy-1',
      functionName: 'api',
      alias: 'live',
      currentVersion: '1',
      targetVersion: '2',
      stage: 'before any traffic'
    })
    expect(pre!.at).toBeLessThanOrEqual(h.alias.writes[0]!.at)
    expect(post!.functionId).toBe('after')
    expect(JSON.parse(post!.payload).hook).toBe('post-traffic')
    expect(post!.at).toBeGreaterThanOrEqual(h.alias.writes[1]!.at)
    expect(pre!.timeoutMs).toBe(60_000)
  })

  it('a pre-traffic hook that errors, returns {"status":"Failed"} or times out shifts nothing', async () => {
    for (const answer of [
      { statusCode: 200, functionError: 'Unhandled', payload: '{}' },
      { statusCode: 200, payload: '{"status":"Failed","reason":"migration not applied"}' },
      new Error('before did not answer within 60s')
    ]) {
      const h = harness()
      h.probe.respond = () => answer
      const outcome = await runDeployment(settings({ 'pre-traffic-hook': 'before' }), h.ports)
      expect(outcome.result).toBe('failed')
      expect(outcome.reason).toMatch(/^pre-traffic hook "before" failed: /)
      expect(h.alias.writes).toEqual([])
    }
  })

  it('the rollback hook runs after a restore with the reason; its failure is reported but the restore stands', async () => {
    for (const answer of [
      { statusCode: 200, payload: '{}' },
      { statusCode: 200, functionError: 'Unhandled', payload: '{"errorMessage":"no db"}' }
    ]) {
      const h = harness({ errorRate: v => (v === '2' ? 0.5 : 0) })
      h.probe.respond = () => answer
      const outcome = await runDeployment(settings({ 'rollback-hook': 'undo-migration' }), h.ports)
      expect(outcome.result).toBe('rolled-back')
      expect(aliasOf(h)).toEqual({ version: '1', weights: {} })
      const call = h.probe.calls[0]!
      expect(call.functionId).toBe('undo-migration')
      expect(call.at).toBeGreaterThanOrEqual(h.alias.writes.at(-1)!.at)
      const event = JSON.parse(call.payload)
      expect(event).toMatchObject({ hook: 'rollback', currentVersion: '1', targetVersion: '2', stage: 'after the alias was restored' })
      expect(event.reason).toMatch(/^stage 1 \(10%\): error rate of the new version/)
      if (answer.functionError)
        expect(outcome.reason).toContain('(and the rollback hook "undo-migration" failed: function error (Unhandled)')
    }
  })

  it('no restore, no rollback hook', async () => {
    const h = harness()
    await runDeployment(settings({ 'rollback-hook': 'undo-migration' }), h.ports)
    expect(h.probe.calls).toEqual([])
  })

  it('a failing post-traffic hook restores the old version', async () => {
    const h = harness()
    h.probe.respond = fn => (fn === 'after' ? { statusCode: 200, payload: 'false' } : { statusCode: 200, payload: '{}' })
    const outcome = await runDeployment(settings({ 'post-traffic-hook': 'after' }), h.ports)
    expect(outcome.result).toBe('rolled-back')
    expect(outcome.reason).toContain('post-traffic hook "after" failed: returned false')
    expect(aliasOf(h)).toEqual({ version: '1', weights: {} })
  })
})

describe('provisioned concurrency', () => {
  const findings = (outcome: { timeline: { type: string }[] }) => JSON.stringify(outcome.timeline.filter(e => e.type === 'preflight'))

  it('preflight says the new version’s share runs on demand when only the alias has provisioned concurrency', async () => {
    const h = harness()
    h.fn.provisioned.live = { requested: 50, allocated: 50, status: 'READY' }
    const outcome = await runDeployment(settings({ mode: 'plan' }), h.ports)
    expect(findings(outcome)).toContain("the new version's share runs on demand (cold starts) — version 2 has none of its own")
  })

  it('and that it runs on the new version’s own when it has some', async () => {
    const h = harness()
    h.fn.provisioned.live = { requested: 50, allocated: 50, status: 'READY' }
    h.fn.provisioned['2'] = { requested: 10, allocated: 10, status: 'READY' }
    const outcome = await runDeployment(settings({ mode: 'plan' }), h.ports)
    expect(findings(outcome)).toContain(
      "the new version's share runs on its own provisioned concurrency (10 requested, 10 allocated, READY)"
    )
  })

  it('wait-for-provisioned-concurrency waits until READY before the first shift', async () => {
    const h = harness()
    h.fn.provisioned['2'] = { requested: 10, allocated: 2, status: 'IN_PROGRESS' }
    h.clock.at(45_000, () => (h.fn.provisioned['2'] = { requested: 10, allocated: 10, status: 'READY' }))
    const outcome = await runDeployment(settings({ 'wait-for-provisioned-concurrency': 'true' }), h.ports)
    expect(outcome.result).toBe('promoted')
    expect(h.alias.writes[0]!.at - T0).toBeGreaterThanOrEqual(45_000)
  })

  it.each([
    [{ requested: 10, allocated: 2, status: 'IN_PROGRESS' }, 'was still IN_PROGRESS (2 of 10 allocated) after 1m'],
    [
      { requested: 10, allocated: 0, status: 'FAILED', statusReason: 'not enough account concurrency' },
      'FAILED: not enough account concurrency'
    ],
    [undefined, 'has no provisioned concurrency of its own to wait for']
  ])('and fails cleanly, shifting nothing, when it does not get there (%j)', async (pc, words) => {
    const h = harness()
    if (pc) h.fn.provisioned['2'] = pc
    const outcome = await runDeployment(
      settings({ 'wait-for-provisioned-concurrency': 'true', 'provisioned-concurrency-timeout': '1m' }),
      h.ports
    )
    expect(outcome.result).toBe('failed')
    expect(outcome.reason).toContain(words)
    expect(h.alias.writes).toEqual([])
  })
})

describe('several functions in lockstep', () => {
  const member = (lockstep: Lockstep, i: number) => ({
    arrive: (point: string) => lockstep.arrive(i, point),
    fail: (reason: string) => lockstep.break(reason),
    leave: () => lockstep.leave(i),
    reason: () => lockstep.reason
  })
  async function release(
    models: Parameters<typeof harness>[0][],
    extra: Record<string, string> = {},
    arrange?: (hs: ReturnType<typeof harness>[]) => void
  ) {
    const hs = models.map(m => harness(m))
    arrange?.(hs)
    const lockstep = new Lockstep(hs.map((_, i) => `api-${i}`))
    const outcomes = await Promise.all(
      hs.map((h, i) =>
        runDeployment(settings({ 'function-name': `api-${i}`, ...extra }), {
          ...h.ports,
          signal: lockstep.controllers[i]!.signal,
          lockstep: member(lockstep, i)
        })
      )
    )
    return { hs, outcomes }
  }

  it('all healthy: every function shifts through the same stages and is promoted', async () => {
    const { hs, outcomes } = await release([{}, {}], { strategy: 'custom', steps: '10%:2m, 50%:2m' })
    expect(outcomes.map(o => o.result)).toEqual(['promoted', 'promoted'])
    for (const h of hs) expect(h.alias.writes.map(w => w.target.weights['2'] ?? 'promote')).toEqual([0.1, 0.5, 'promote'])
  })

  it('one regresses: both are restored, each judged on its own numbers, and the healthy one says why', async () => {
    const { hs, outcomes } = await release([{}, { errorRate: v => (v === '2' ? 0.2 : 0.001) }], {
      strategy: 'custom',
      steps: '10%:2m, 50%:2m'
    })
    expect(outcomes[1]!.result).toBe('rolled-back')
    expect(outcomes[1]!.reason).toMatch(/^stage 1 \(10%\): error rate of the new version/)
    expect(outcomes[0]!.result).toBe('rolled-back')
    expect(outcomes[0]!.reason).toMatch(
      /^restored with the other functions released in lockstep, because api-1: stage 1 \(10%\): error rate/
    )
    for (const h of hs) expect(aliasOf(h)).toEqual({ version: '1', weights: {} })
    // The healthy one never got to 50%.
    expect(hs[0]!.alias.writes.some(w => w.target.weights['2'] === 0.5)).toBe(false)
  })

  it('a preflight failure of one: nothing is shifted anywhere', async () => {
    const { hs, outcomes } = await release([{}, {}], {}, hs => delete hs[1]!.fn.configs['2'])
    expect(outcomes.map(o => o.result)).toEqual(['failed', 'failed'])
    expect(outcomes[0]!.reason).toBe(
      'nothing was shifted: api-1: version 2 of "api-1" does not exist; publish it first (or use publish: true)'
    )
    for (const h of hs) expect(h.alias.writes).toEqual([])
  })

  it('a regression in one during final bake restores the other too, though it was already promoted', async () => {
    const { hs, outcomes } = await release([{}, { errorRate: (v, t) => (v === '2' && t >= T0 + 7 * 60_000 ? 0.3 : 0.001) }], {
      'bake-time': '2m',
      'final-bake': '10m',
      'metric-lag': '0s'
    })
    expect(outcomes.map(o => o.result)).toEqual(['rolled-back', 'rolled-back'])
    for (const h of hs) {
      expect(h.alias.writes.map(w => w.target.version)).toEqual(['1', '2', '1'])
      expect(aliasOf(h)).toEqual({ version: '1', weights: {} })
    }
  })
})
