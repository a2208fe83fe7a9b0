// The checks that run before any alias traffic reaches the new version (its own provisioned concurrency,
// the smoke test of the version itself, the pre-traffic hook), and the hooks after it.
import { formatDuration } from '../parse.js'
import type { InvokeResult, ProbePort } from '../ports.js'
import type { SmokeExpectation } from '../settings.js'
import type { Context } from './context.js'
import { type Versions, messageOf } from './outcome.js'

export type HookKind = 'pre-traffic' | 'post-traffic' | 'rollback'

/** Why the new version may not get traffic, or undefined when every check before traffic passed. */
export async function beforeTraffic(ctx: Context, versions: Versions): Promise<string | undefined> {
  return (
    (await waitForProvisionedConcurrency(ctx, versions.newVersion)) ??
    (await smokeTest(ctx, versions.newVersion)) ??
    (await hook(ctx, 'pre-traffic', versions))
  )
}

/** wait-for-provisioned-concurrency: bounded wait until the new version's own configuration is READY. */
async function waitForProvisionedConcurrency(ctx: Context, version: string): Promise<string | undefined> {
  const { journal, ports } = ctx
  const limit = ctx.run.provisionedConcurrencyWaitSeconds
  if (limit === undefined) return undefined
  const deadline = journal.now() + limit * 1000
  for (;;) {
    const pc = await ports.fn.provisionedConcurrency(version)
    if (!pc) return `version ${version} has no provisioned concurrency of its own to wait for (wait-for-provisioned-concurrency is true)`
    if (pc.status === 'READY') {
      journal.emit({
        type: 'preflight',
        at: journal.now(),
        findings: [{ level: 'ok', message: `provisioned concurrency of version ${version} is READY (${pc.allocated} allocated)` }]
      })
      return undefined
    }
    if (pc.status === 'FAILED')
      return `provisioned concurrency of version ${version} FAILED${pc.statusReason ? `: ${pc.statusReason}` : ''}`
    if (journal.now() >= deadline) {
      return `provisioned concurrency of version ${version} was still ${pc.status} (${pc.allocated} of ${pc.requested} allocated) after ${formatDuration(limit)}`
    }
    await ports.clock.sleep(Math.min(10_000, Math.max(1, deadline - journal.now())), ports.signal)
  }
}

/** Invokes `version` by its number `smoke.count` times; returns why it failed, if it did. */
export async function smokeTest(ctx: Context, version: string): Promise<string | undefined> {
  const { run, journal } = ctx
  const smoke = run.smoke
  if (!smoke) return undefined
  const probe = requireProbe(ctx)
  for (let i = 1; i <= smoke.count; i++) {
    let detail: string
    let ok: boolean
    try {
      const result = await probe.invoke(ctx.spec.fn.id, version, smoke.payload, run.hooks.timeoutSeconds * 1000)
      ;({ ok, detail } = checkSmoke(result, smoke.expect))
    } catch (error) {
      ok = false
      detail = messageOf(error)
    }
    journal.emit({ type: 'smoke', at: journal.now(), invocation: i, of: smoke.count, ok, detail })
    if (!ok) return `smoke test of version ${version} failed on invocation ${i} of ${smoke.count}: ${detail}`
  }
  return undefined
}

const HOOK_FUNCTION = { 'pre-traffic': 'preTraffic', 'post-traffic': 'postTraffic', rollback: 'rollback' } as const
const HOOK_STAGE = {
  'pre-traffic': 'before any traffic',
  'post-traffic': 'after 100% of traffic',
  rollback: 'after the alias was restored'
}

/**
 * CodeDeploy-style hook: invoked with the deployment's event; passes by returning without a function
 * error and without {"status": "Failed"}; fails otherwise, or when it does not answer in hook-timeout.
 */
export async function hook(ctx: Context, kind: HookKind, versions: Versions, reason?: string): Promise<string | undefined> {
  const { run, journal } = ctx
  const functionName = run.hooks[HOOK_FUNCTION[kind]]
  if (!functionName) return undefined
  const event = {
    source: 'lambda-canary',
    hook: kind,
    deploymentId: ctx.deploymentId,
    functionName: ctx.spec.fn.name,
    alias: run.alias,
    currentVersion: versions.oldVersion,
    targetVersion: versions.newVersion,
    stage: HOOK_STAGE[kind],
    ...(reason !== undefined ? { reason } : {})
  }
  let ok: boolean
  let detail: string
  try {
    const result = await requireProbe(ctx).invoke(functionName, undefined, JSON.stringify(event), run.hooks.timeoutSeconds * 1000)
    const status = hookStatus(result.payload)
    ok = !result.functionError && status !== 'failed'
    detail = result.functionError
      ? `function error (${result.functionError}): ${truncate(result.payload)}`
      : status === 'failed'
        ? `returned ${truncate(result.payload)}`
        : 'succeeded'
  } catch (error) {
    ok = false
    detail = messageOf(error)
  }
  journal.emit({ type: 'hook', at: journal.now(), hook: kind, functionName, ok, detail })
  return ok ? undefined : `${kind} hook "${functionName}" failed: ${detail}`
}

function requireProbe(ctx: Context): ProbePort {
  if (!ctx.ports.probe) throw new Error('no probe port: smoke tests and hooks cannot invoke functions here')
  return ctx.ports.probe
}

/** Does a smoke invocation meet the expectation? */
function checkSmoke(result: InvokeResult, expect: SmokeExpectation): { ok: boolean; detail: string } {
  if (result.functionError) return { ok: false, detail: `function error (${result.functionError}): ${truncate(result.payload)}` }
  if (result.statusCode < 200 || result.statusCode >= 300) return { ok: false, detail: `status ${result.statusCode}` }
  switch (expect.kind) {
    case 'no-error':
      return { ok: true, detail: `status ${result.statusCode}, no function error` }
    case 'regex':
      return expect.pattern.test(result.payload)
        ? { ok: true, detail: `response matches ${expect.pattern}` }
        : { ok: false, detail: `response ${truncate(result.payload)} does not match ${expect.pattern}` }
    case 'subset': {
      let body: unknown
      try {
        body = JSON.parse(result.payload)
      } catch {
        return { ok: false, detail: `response ${truncate(result.payload)} is not JSON` }
      }
      return containsSubset(body, expect.value)
        ? { ok: true, detail: 'response contains the expected JSON' }
        : { ok: false, detail: `response ${truncate(result.payload)} does not contain ${truncate(JSON.stringify(expect.value))}` }
    }
  }
}

/** `expected` is contained in `actual`: equal scalars, objects with at least its keys, arrays element by element. */
function containsSubset(actual: unknown, expected: unknown): boolean {
  if (expected === null || typeof expected !== 'object') return actual === expected
  if (Array.isArray(expected)) {
    return Array.isArray(actual) && expected.length <= actual.length && expected.every((e, i) => containsSubset(actual[i], e))
  }
  if (actual === null || typeof actual !== 'object' || Array.isArray(actual)) return false
  return Object.entries(expected).every(([k, v]) => containsSubset((actual as Record<string, unknown>)[k], v))
}

function hookStatus(payload: string): 'failed' | 'ok' {
  try {
    const body = JSON.parse(payload) as unknown
    if (body === false) return 'failed'
    if (body && typeof body === 'object' && /^fail/i.test(String((body as Record<string, unknown>).status ?? ''))) return 'failed'
  } catch {
    // A non-JSON answer without a function error is a success.
  }
  return 'ok'
}

function truncate(text: string, max = 200): string {
  return text.length > max ? `${text.slice(0, max)}…` : text
}
