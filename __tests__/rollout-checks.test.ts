import { describe, expect, it } from '@jest/globals'
import { T0, aliasOf, deploy, harness, rolloutSettings as settings } from './helpers/fakes.js'

describe('preflight', () => {
  it('plan mode changes nothing and describes the stages', async () => {
    const h = harness()
    const outcome = await deploy(settings({ mode: 'plan', strategy: 'custom', steps: '10%:5m, 50%:5m', 'final-bake': '5m' }), h.ports)
    expect(outcome.result).toBe('planned')
    expect(outcome.reason).toBe(
      'plan custom 10%:5m, 50%:5m: version 2 replaces version 1 in 3 steps (10% for 5m → 50% for 5m → 100%, watched for 5m); ' +
        'about 21m (15m of bakes and up to 3m (metric-lag + metric-period) for late datapoints before promotion and before success), ' +
        'at most 24m if every stage waits for its late datapoints; nothing was changed'
    )
    expect(h.alias.writes).toEqual([])
    expect(h.metrics.reads).toEqual([])
  })

  it('plan mode with publish does not publish', async () => {
    const h = harness()
    const outcome = await deploy(settings({ mode: 'plan', version: '', publish: 'true' }), h.ports)
    expect(outcome.result).toBe('planned')
    expect(h.fn.published).toEqual([])
  })

  it('plan mode with publish still checks the alarms, as the deploy would (attack finding)', async () => {
    const h = harness()
    const outcome = await deploy(settings({ mode: 'plan', version: '', publish: 'true', alarms: 'nope' }), h.ports)
    expect(outcome.result).toBe('failed')
    expect(outcome.reason).toBe('alarm "nope" not found in CloudWatch')
    expect(h.fn.published).toEqual([])
  })

  it('plan mode reports a split alias without touching it', async () => {
    const h = harness({}, { '3': 0.2 })
    const outcome = await deploy(settings({ mode: 'plan' }), h.ports)
    expect(outcome.result).toBe('planned')
    expect(h.alias.writes).toEqual([])
    expect(JSON.stringify(outcome.timeline)).toContain('would first restore it to version 1')
  })

  it('the alias already on the version: unchanged, no write', async () => {
    const h = harness()
    const outcome = await deploy(settings({ version: '1' }), h.ports)
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
    const outcome = await deploy(settings({ version: '9' }), h.ports)
    expect(outcome.result).toBe('failed')
    expect(outcome.reason).toContain(words)
    expect(h.alias.writes).toEqual([])
  })

  it('a missing alias fails before any write', async () => {
    const h = harness()
    const ports = { ...h.ports, alias: new (h.alias.constructor as typeof import('./helpers/fakes.js').FakeAlias)(h.clock, '1', {}, true) }
    const outcome = await deploy(settings(), ports)
    expect(outcome.result).toBe('failed')
    expect(outcome.reason).toContain('alias "live" of "api" was not found')
  })

  it('a named alarm that does not exist fails before any write', async () => {
    const h = harness()
    const outcome = await deploy(settings({ alarms: 'nope' }), h.ports)
    expect(outcome.result).toBe('failed')
    expect(outcome.reason).toBe('alarm "nope" not found in CloudWatch')
    expect(h.alias.writes).toEqual([])
  })
})

describe('smoke test and hooks', () => {
  it('the smoke test invokes the new version by number before any alias traffic', async () => {
    const h = harness()
    const outcome = await deploy(
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
    const outcome = await deploy(settings({ 'smoke-payload': '{}' }), h.ports)
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
    const outcome = await deploy(settings({ 'smoke-payload': '{}', 'smoke-expect': expect_ }), h.ports)
    expect(outcome.result).toBe('failed')
    expect(outcome.reason).toContain(words)
    expect(h.alias.writes).toEqual([])
  })

  it('hooks get the documented event; pre-traffic before the first shift, post-traffic after 100%', async () => {
    const h = harness()
    const outcome = await deploy(settings({ 'pre-traffic-hook': 'before', 'post-traffic-hook': 'after' }), h.ports)
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
      const outcome = await deploy(settings({ 'pre-traffic-hook': 'before' }), h.ports)
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
      const outcome = await deploy(settings({ 'rollback-hook': 'undo-migration' }), h.ports)
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
    await deploy(settings({ 'rollback-hook': 'undo-migration' }), h.ports)
    expect(h.probe.calls).toEqual([])
  })

  it('a failing post-traffic hook restores the old version', async () => {
    const h = harness()
    h.probe.respond = fn => (fn === 'after' ? { statusCode: 200, payload: 'false' } : { statusCode: 200, payload: '{}' })
    const outcome = await deploy(settings({ 'post-traffic-hook': 'after' }), h.ports)
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
    const outcome = await deploy(settings({ mode: 'plan' }), h.ports)
    expect(findings(outcome)).toContain("the new version's share runs on demand (cold starts) — version 2 has none of its own")
  })

  it('and that it runs on the new version’s own when it has some', async () => {
    const h = harness()
    h.fn.provisioned.live = { requested: 50, allocated: 50, status: 'READY' }
    h.fn.provisioned['2'] = { requested: 10, allocated: 10, status: 'READY' }
    const outcome = await deploy(settings({ mode: 'plan' }), h.ports)
    expect(findings(outcome)).toContain(
      "the new version's share runs on its own provisioned concurrency (10 requested, 10 allocated, READY)"
    )
  })

  it('wait-for-provisioned-concurrency waits until READY before the first shift', async () => {
    const h = harness()
    h.fn.provisioned['2'] = { requested: 10, allocated: 2, status: 'IN_PROGRESS' }
    h.clock.at(45_000, () => (h.fn.provisioned['2'] = { requested: 10, allocated: 10, status: 'READY' }))
    const outcome = await deploy(settings({ 'wait-for-provisioned-concurrency': 'true' }), h.ports)
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
    const outcome = await deploy(settings({ 'wait-for-provisioned-concurrency': 'true', 'provisioned-concurrency-timeout': '1m' }), h.ports)
    expect(outcome.result).toBe('failed')
    expect(outcome.reason).toContain(words)
    expect(h.alias.writes).toEqual([])
  })
})
