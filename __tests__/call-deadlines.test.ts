// Issue 11, item 2: every AWS call is bounded and cancellable. The SDK clients carry connection and request
// timeouts; every send of every adapter carries a signal; the signal's policy (a cancel ends a read at once,
// a write in flight gets a grace, a call after the cancel gets a fresh deadline inside the runner's window);
// and the post step's entry cannot reach the code that deploys.
import { describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { dirname, join, normalize } from 'node:path'
import type { CloudWatchClient } from '@aws-sdk/client-cloudwatch'
import type { LambdaClient } from '@aws-sdk/client-lambda'
import { NodeHttpHandler } from '@smithy/node-http-handler'
import { HTTP_TIMEOUTS, createCloudWatchClient, createLambdaClient } from '../src/adapters/aws-clients.js'
import { sdkCloudWatchApi } from '../src/adapters/aws-cloudwatch-api.js'
import { sdkLambdaApi } from '../src/adapters/aws-lambda-api.js'
import { CallDeadlines, CallTimeoutError, type CancelSource, type DeadlineLimits } from '../src/adapters/deadlines.js'
import { type LambdaApi, LambdaProbe } from '../src/adapters/lambda.js'
import { TransientError } from '../src/ports.js'

/** A cancel the test fires, optionally dated in the past (to use up the runner's window). */
function testCancel(): CancelSource & { fire(at?: number): void } {
  const controller = new AbortController()
  let at: number | undefined
  return {
    signal: controller.signal,
    cancelledAt: () => at,
    fire: (when = Date.now()) => {
      at = when
      controller.abort()
    }
  }
}

const LIMITS: DeadlineLimits = { callMs: 5_000, afterCancelMs: 300, windowMs: 5_000, writeGraceMs: 300 }

/** A send that answers when the test says so, or never; it rejects with the SDK's AbortError when its signal aborts. */
function pendingSend<T>(answer?: Promise<T>): (signal: AbortSignal) => Promise<T> {
  return signal =>
    new Promise<T>((resolve, reject) => {
      const abort = () => reject(Object.assign(new Error('Request aborted'), { name: 'AbortError' }))
      if (signal.aborted) return abort()
      signal.addEventListener('abort', abort, { once: true })
      answer?.then(resolve, reject)
    })
}

describe('SDK clients: every attempt is bounded', () => {
  it.each([
    ['Lambda', () => createLambdaClient('us-east-1')],
    ['CloudWatch', () => createCloudWatchClient('us-east-1')]
  ])('%s: a NodeHttpHandler with connection and request timeouts that throw', async (_name, create) => {
    const handler = create().config.requestHandler
    expect(handler).toBeInstanceOf(NodeHttpHandler)
    const config = await (handler as unknown as { configProvider: Promise<Record<string, unknown>> }).configProvider
    expect(config).toMatchObject({ connectionTimeout: 5_000, requestTimeout: 15_000, throwOnRequestTimeout: true })
    expect(HTTP_TIMEOUTS.connectionTimeout).toBeLessThan(HTTP_TIMEOUTS.requestTimeout)
  })
})

describe('every adapter send carries an abort signal', () => {
  /** A client whose send records its options and answers what each operation needs. */
  function fakeClient(answer: Record<string, unknown>) {
    const calls: { command: string; options: { abortSignal?: unknown; requestTimeout?: unknown } | undefined }[] = []
    const client = {
      config: {},
      send: async (command: { constructor: { name: string } }, options?: { abortSignal?: unknown }) => {
        calls.push({ command: command.constructor.name, options })
        return answer
      }
    }
    return { client, calls }
  }

  it('Lambda: GetAlias, UpdateAlias, GetFunctionConfiguration, GetProvisionedConcurrencyConfig, PublishVersion, Invoke', async () => {
    const { client, calls } = fakeClient({ FunctionVersion: '1', AliasArn: 'arn', RevisionId: 'r', Version: '2', StatusCode: 200 })
    const api = sdkLambdaApi(client as unknown as LambdaClient)
    await api.getAlias({ FunctionName: 'f', Name: 'live' })
    await api.updateAlias({ FunctionName: 'f', Name: 'live', RevisionId: 'r' })
    await api.getFunctionConfiguration({ FunctionName: 'f', Qualifier: '2' })
    await api.getProvisionedConcurrencyConfig({ FunctionName: 'f', Qualifier: '2' })
    await api.publishVersion({ FunctionName: 'f' })
    await api.invoke({ FunctionName: 'f', Payload: new Uint8Array() }, AbortSignal.timeout(60_000))
    expect(calls.map(c => c.command)).toEqual([
      'GetAliasCommand',
      'UpdateAliasCommand',
      'GetFunctionConfigurationCommand',
      'GetProvisionedConcurrencyConfigCommand',
      'PublishVersionCommand',
      'InvokeCommand'
    ])
    for (const call of calls) expect(call.options?.abortSignal).toBeInstanceOf(AbortSignal)
    // A hook may run for minutes: the invoke is bounded by hook-timeout's signal, not the per-attempt timeout.
    expect(calls.at(-1)?.options?.requestTimeout).toBe(0)
  })

  it('CloudWatch: GetMetricData and DescribeAlarms', async () => {
    const { client, calls } = fakeClient({ MetricDataResults: [], MetricAlarms: [] })
    const api = sdkCloudWatchApi(client as unknown as CloudWatchClient)
    await api.getMetricData({ MetricDataQueries: [], StartTime: new Date(0), EndTime: new Date(60_000) })
    await api.describeAlarms({ AlarmNames: ['a'] })
    expect(calls.map(c => c.command)).toEqual(['GetMetricDataCommand', 'DescribeAlarmsCommand'])
    for (const call of calls) expect(call.options?.abortSignal).toBeInstanceOf(AbortSignal)
  })

  it('the cancel reaches a send in flight: GetMetricData ends with an AbortError, not a timeout', async () => {
    const cancel = testCancel()
    const client = { config: {}, send: (_c: unknown, o: { abortSignal: AbortSignal }) => pendingSend()(o.abortSignal) }
    const api = sdkCloudWatchApi(client as unknown as CloudWatchClient, new CallDeadlines(cancel, LIMITS))
    const read = api.getMetricData({ MetricDataQueries: [], StartTime: new Date(0), EndTime: new Date(60_000) })
    cancel.fire()
    await expect(read).rejects.toMatchObject({ name: 'AbortError' })
  })

  it('the cancel reaches the waiters: waiting for $LATEST to be updated ends with an AbortError', async () => {
    const cancel = testCancel()
    const client = { config: {}, send: async () => ({ Configuration: { LastUpdateStatus: 'InProgress' } }) }
    const api = sdkLambdaApi(client as unknown as LambdaClient, new CallDeadlines(cancel, LIMITS))
    const waiting = api.waitForFunctionUpdated({ FunctionName: 'f' }, 300)
    cancel.fire()
    await expect(waiting).rejects.toMatchObject({ name: 'AbortError' })
  })

  it("the cancel reaches a waiter's request in flight (a hung GetFunction), not only the wait between polls", async () => {
    const cancel = testCancel()
    const signals: AbortSignal[] = []
    const client = {
      config: {},
      send: (_c: unknown, o?: { abortSignal?: AbortSignal }) => {
        if (o?.abortSignal) signals.push(o.abortSignal)
        return pendingSend()(o?.abortSignal ?? new AbortController().signal)
      }
    }
    const api = sdkLambdaApi(client as unknown as LambdaClient, new CallDeadlines(cancel, LIMITS))
    const waiting = api.waitForFunctionUpdated({ FunctionName: 'f' }, 300)
    await new Promise(resolve => setTimeout(resolve, 10))
    expect(signals).toHaveLength(1)
    cancel.fire()
    await expect(waiting).rejects.toMatchObject({ name: 'AbortError' })
    expect(signals[0]!.aborted).toBe(true)
  })

  it("a waiter that times out says so in words, with the last answer, not the SDK's JSON", async () => {
    let calls = 0
    const busy = Object.assign(new Error('Rate exceeded'), { name: 'TooManyRequestsException', $metadata: { httpStatusCode: 429 } })
    const client = {
      config: {},
      send: async () => {
        calls++
        throw busy
      }
    }
    const api = sdkLambdaApi(client as unknown as LambdaClient)
    // maxWaitTime 6 s, just above the waiter's 5 s minimum delay: one or two polls, then the timeout.
    const error = await api.waitForPublishedVersionActive({ FunctionName: 'f', Qualifier: '2' }, 6).catch((e: Error) => e)
    expect(calls).toBeGreaterThan(0)
    expect((error as Error).message).toBe(
      'the wait gave up after 6s without the state it waits for; the last answer was an error: TooManyRequestsException: Rate exceeded'
    )
  }, 30_000)

  it('a smoke invoke ended by the cancel stays a cancel (AbortError), not "did not answer"', async () => {
    const cancel = testCancel()
    const api = {
      invoke: (_input: unknown, probeSignal: AbortSignal) =>
        new CallDeadlines(cancel, LIMITS).call('Invoke', 'read', s => pendingSend()(AbortSignal.any([s, probeSignal])))
    } as unknown as LambdaApi
    const invoking = new LambdaProbe(api).invoke('f', '2', '{}', 60_000)
    cancel.fire()
    await expect(invoking).rejects.toMatchObject({ name: 'AbortError' })
  })
})

describe('CallDeadlines: which signal a call gets', () => {
  it('before any cancel, a call that never answers ends at its deadline as a CallTimeoutError (a TransientError)', async () => {
    const deadlines = new CallDeadlines(testCancel(), { ...LIMITS, callMs: 50 })
    const error = (await deadlines.call('GetAlias', 'read', pendingSend()).catch((e: unknown) => e)) as Error
    expect(error).toBeInstanceOf(CallTimeoutError)
    expect(error).toBeInstanceOf(TransientError)
    expect(error.message).toMatch(/^GetAlias did not answer within \d+ms$/)
  })

  it('the cancel ends a read in flight at once, as an AbortError (the rollout stops and restores)', async () => {
    const cancel = testCancel()
    const read = new CallDeadlines(cancel, LIMITS).call('GetMetricData', 'read', pendingSend())
    cancel.fire()
    const error = (await read.catch((e: unknown) => e)) as Error
    expect(error.name).toBe('AbortError')
    expect(error).not.toBeInstanceOf(CallTimeoutError)
  })

  it('a write in flight when the cancel comes may still answer: its answer says where the alias is', async () => {
    const cancel = testCancel()
    let answer: (v: string) => void = () => {}
    const write = new CallDeadlines(cancel, { ...LIMITS, writeGraceMs: 5_000 }).call(
      'UpdateAlias',
      'write',
      pendingSend(new Promise<string>(r => (answer = r)))
    )
    cancel.fire()
    setTimeout(() => answer('written'), 20)
    await expect(write).resolves.toBe('written')
  })

  it('a write that does not answer within the grace ends as a CallTimeoutError saying its outcome is unknown', async () => {
    const cancel = testCancel()
    const write = new CallDeadlines(cancel, { ...LIMITS, writeGraceMs: 30 }).call('UpdateAlias', 'write', pendingSend())
    cancel.fire()
    const error = (await write.catch((e: unknown) => e)) as Error
    expect(error).toBeInstanceOf(CallTimeoutError)
    expect(error.message).toContain('whether it was applied is unknown')
  })

  it('a call started after the cancel (the restore) gets a fresh signal, not the aborted one', async () => {
    const cancel = testCancel()
    const deadlines = new CallDeadlines(cancel, LIMITS)
    cancel.fire()
    let seen: AbortSignal | undefined
    const restored = await deadlines.call('UpdateAlias', 'write', async signal => {
      seen = signal
      return 'restored'
    })
    expect(restored).toBe('restored')
    expect(seen?.aborted).toBe(false)
    expect(seen).not.toBe(cancel.signal)
  })

  it('a call after the cancel that hangs ends at the short after-cancel deadline', async () => {
    const cancel = testCancel()
    const deadlines = new CallDeadlines(cancel, { ...LIMITS, callMs: 60_000, afterCancelMs: 30 })
    cancel.fire()
    await expect(deadlines.call('GetAlias', 'read', pendingSend())).rejects.toBeInstanceOf(CallTimeoutError)
  })

  it('once the runner’s window is used up, a new call ends at once rather than outlive the step', async () => {
    const cancel = testCancel()
    const deadlines = new CallDeadlines(cancel, { ...LIMITS, afterCancelMs: 60_000, windowMs: 9_000 })
    cancel.fire(Date.now() - 10_000)
    await expect(deadlines.call('UpdateAlias', 'write', pendingSend())).rejects.toBeInstanceOf(CallTimeoutError)
  })
})

describe('the entry points', () => {
  /** Every src file a module reaches through static and dynamic relative imports (type-only imports excluded). */
  function reachable(entry: string): Set<string> {
    const seen = new Set<string>()
    const visit = (file: string) => {
      if (seen.has(file)) return
      seen.add(file)
      const source = readFileSync(file, 'utf8')
      const specifiers = [
        ...source.matchAll(/^import\s+(?!type\s)[^'"]*?from\s+'(\.[^']+)'/gm),
        ...source.matchAll(/^export\s+(?!type\s)[^'"]*?from\s+'(\.[^']+)'/gm),
        ...source.matchAll(/import\('(\.[^']+)'\)/g)
      ].map(m => m[1] as string)
      for (const s of specifiers) visit(normalize(join(dirname(file), s.replace(/\.js$/, '.ts'))))
    }
    visit(normalize(entry))
    return seen
  }

  it('the post step cannot deploy: it reaches neither the rollout, the lockstep, the settings reader nor the main step', () => {
    const post = reachable('src/entry/post.ts')
    expect(post).toContain('src/recover.ts')
    for (const deploys of ['src/rollout/index.ts', 'src/lockstep.ts', 'src/main.ts', 'src/inputs/index.ts', 'src/rollout/stop.ts'])
      expect(post).not.toContain(deploys)
  })

  it('the main step does reach the rollout (the check above would notice a broken walk)', () => {
    expect(reachable('src/entry/main.ts')).toContain('src/rollout/index.ts')
  })

  it('the cancel handlers load first: entry/cancel.ts imports nothing, and each entry imports only it statically', () => {
    expect(readFileSync('src/entry/cancel.ts', 'utf8')).not.toMatch(/^import\s/m)
    for (const entry of ['src/entry/main.ts', 'src/entry/post.ts']) {
      const statics = [...readFileSync(entry, 'utf8').matchAll(/^import\s.*from\s+'([^']+)'/gm)].map(m => m[1])
      expect(statics).toEqual(['./cancel.js'])
    }
  })
})
