// Issue 13 item 3 through dist/ as the runner runs it: errors that say what to do. No region and no credentials
// fail before any AWS call, naming aws-region / AWS_REGION and configure-aws-credentials; a missing function
// names the region and account searched; AWS's refusals (behind the fault proxy) name the IAM action and link
// to the README's policy for the mode — in the step's failure annotation, the reason output and the summary.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals'
import { type FaultProxy, type FaultRule, startFaultProxy } from '../../sim/fault-proxy.js'
import { type StepResult, runStep } from './runner.js'
import { SIM_TIMING, aliasState, simCalls, startScenario } from './sim.js'

/** The runner shows annotations with their %-escapes undone. */
const unescapeCommand = (text: string) => text.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%')

/** What the user sees of a failure: the failing step's annotation, the reason output and the summary's first line. */
function seen(step: StepResult): { annotation: string; reason: string; summary: string } {
  const failure = step.stdout.split('\n').filter(l => l.startsWith('::error::'))
  return {
    annotation: unescapeCommand(failure.at(-1) ?? ''),
    reason: step.outputs.reason ?? '',
    summary: step.summary.split('\n')[0] ?? ''
  }
}

/** Every place shows all of `words` (the summary escapes Markdown, so its words are compared without backslashes). */
function expectEverywhere(step: StepResult, words: string[]): void {
  expect(step.code).toBe(1)
  expect(step.outputs.result).toBe('failed')
  const { annotation, reason, summary } = seen(step)
  for (const w of words) {
    expect(annotation).toContain(w)
    expect(reason).toContain(w)
    expect(summary.replace(/\\/g, '')).toContain(w)
  }
}

let sim: Awaited<ReturnType<typeof startScenario>>
let proxy: FaultProxy
beforeAll(async () => {
  sim = await startScenario('healthy')
  proxy = await startFaultProxy({ target: sim.url })
})
afterAll(async () => {
  await proxy.close()
  await sim.close()
})

const inputs = { 'function-name': 'demo-api', version: '2', ...SIM_TIMING, 'bake-time': '3s', 'baseline-window': '60s' }
const withoutKeys = (env: Record<string, string>, ...keys: string[]) =>
  Object.fromEntries(Object.entries(env).filter(([k]) => !keys.includes(k)))

describe('e2e: missing AWS set-up fails before any AWS call', () => {
  it('no region (no aws-region, no ARN, no AWS_REGION or AWS_DEFAULT_REGION, no profile): names all three ways to give one', async () => {
    const before = (await simCalls(sim)).length
    const step = await runStep({ env: withoutKeys(sim.env, 'AWS_REGION', 'AWS_DEFAULT_REGION'), inputs })
    expectEverywhere(step, ['no AWS region is set', 'aws-region', 'AWS_REGION', 'aws-actions/configure-aws-credentials'])
    expect(step.stdout).not.toContain('Region is missing\n')
    expect((await simCalls(sim)).length).toBe(before)
  }, 60_000)

  it('no credentials anywhere: names configure-aws-credentials and id-token: write', async () => {
    const before = (await simCalls(sim)).length
    const step = await runStep({ env: withoutKeys(sim.env, 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY'), inputs })
    expectEverywhere(step, ['no AWS credentials were found', 'aws-actions/configure-aws-credentials', 'permissions: id-token: write'])
    expect((await simCalls(sim)).length).toBe(before)
  }, 60_000)

  it('a function that is not there: the region and the account that were searched', async () => {
    const step = await runStep({ env: sim.env, inputs: { ...inputs, 'function-name': 'demo-apii' } })
    expectEverywhere(step, ['function "demo-apii" was not found in region us-east-1, account 123456789012', 'function-name and aws-region'])
  }, 60_000)
})

describe('e2e: AWS refusals name the IAM action and the policy for the mode', () => {
  const env = () => ({ ...sim.env, AWS_ENDPOINT_URL: proxy.url, GITHUB_ACTION_REPOSITORY: 'org/lambda-canary', GITHUB_ACTION_REF: 'v1' })
  const policy = (mode: string) => `https://github.com/org/lambda-canary/blob/v1/README.md#iam-for-mode-${mode}`
  const deny = (operation: string, code: string, message: string): FaultRule => ({
    operation,
    action: { kind: 'error', status: 403, code, message }
  })
  beforeEach(() => {
    proxy.rules.length = 0
  })

  it('preflight (mode: plan): GetAlias denied → lambda:GetAlias and the plan policy; AWS text stays escaped', async () => {
    // A refusal whose text tries to start a workflow command of its own.
    proxy.rules.push(deny('GetAlias', 'AccessDeniedException', 'Access denied\n::warning::injected'))
    const step = await runStep({ env: env(), inputs: { ...inputs, mode: 'plan' } })
    expectEverywhere(step, ['AWS denied lambda:GetAlias on alias "live" of "demo-api"', "the credentials' role needs lambda:GetAlias"])
    const { annotation, reason } = seen(step)
    expect(annotation).toContain(`see the IAM policy for mode: plan: ${policy('plan')}`)
    expect(reason).toContain(policy('plan'))
    expect(step.stdout.split('\n').some(l => l.trimStart().startsWith('::warning::injected'))).toBe(false)
    expect(reason).not.toContain('\n')
  }, 60_000)

  it('mid-deploy: the first shift denied → lambda:UpdateAlias and the deploy policy; the alias keeps its version', async () => {
    proxy.rules.push(
      deny(
        'UpdateAlias',
        'AccessDeniedException',
        'User: arn:aws:sts::123456789012:assumed-role/deploy/gh is not authorized to perform: lambda:UpdateAlias on resource: arn:aws:lambda:us-east-1:123456789012:function:demo-api:live'
      )
    )
    const step = await runStep({ env: env(), inputs })
    expect(step.code).toBe(1)
    const { annotation, reason, summary } = seen(step)
    for (const text of [annotation, reason, summary.replace(/\\/g, '')]) {
      expect(text).toContain('AWS denied lambda:UpdateAlias on alias "live" of "demo-api"')
      expect(text).toContain('see the IAM policy for mode: deploy')
    }
    expect(annotation).toContain(policy('deploy'))
    expect(await aliasState(sim)).toMatchObject({ version: '1', weights: {} })
    // Nothing moved: the run failed, it did not "roll back", and no restore was attempted on the refused alias.
    expect(step.outputs.result).toBe('failed')
    expect(reason).toMatch(/^nothing was shifted: /)
    expect(reason).toContain('alias "live" still points at version 1')
    expect(reason).not.toContain('unexpected error')
  }, 60_000)

  it('mid-bake: the credentials expire (GetMetricData refused) → says so, names configure-aws-credentials, restores', async () => {
    // The first read is the old version's baseline in the preflight; every read after it (the bake's) is refused.
    proxy.rules.push({
      operation: 'GetMetricData',
      after: proxy.count('GetMetricData') + 1,
      action: { kind: 'error', status: 403, code: 'ExpiredToken', message: 'The security token included in the request is expired' }
    })
    const step = await runStep({ env: env(), inputs })
    expect(step.code).toBe(1)
    expect(step.outputs.result).toBe('rolled-back')
    const { annotation, reason } = seen(step)
    for (const text of [annotation, reason]) {
      expect(text).toContain('AWS did not accept the credentials for cloudwatch:GetMetricData (ExpiredToken: ')
      expect(text).toContain('aws-actions/configure-aws-credentials')
      expect(text).toContain('role-duration-seconds')
    }
    expect(step.stdout).toMatch(/::warning::metrics read failed \(1 in a row\): AWS did not accept the credentials/)
    expect(await aliasState(sim)).toMatchObject({ version: '1', weights: {} })
  }, 60_000)

  // Last in this block: it leaves the alias on version 2.
  it('the first shift applied but its answer lost (500), then the SDK\'s retry refused: read back as applied, never "nothing was shifted"', async () => {
    const before = await aliasState(sim)
    const first = proxy.count('UpdateAlias') + 1
    proxy.rules.push(
      { operation: 'UpdateAlias', nth: first, action: { kind: 'error', status: 500, forward: true } },
      { ...deny('UpdateAlias', 'AccessDeniedException', 'not authorized to perform: lambda:UpdateAlias'), nth: first + 1 }
    )
    // Latency gates off: with 3 s bakes the p90 never has its evidence, and this test is about the write.
    const step = await runStep({ env: env(), inputs: { ...inputs, 'max-latency-increase': 'off' } })
    // The shift is read back at its target: it was applied, and the release goes on from it (here to the promotion).
    expect([step.code, step.outputs.result]).toEqual([0, 'promoted'])
    expect(step.outputs.reason).not.toMatch(/nothing was shifted|someone else/)
    const after = await aliasState(sim)
    expect(after).toMatchObject({ version: '2', weights: {} })
    // The user's text, then the history of this release (and no mark: the release is done).
    const text = (before.description ?? '').replace(/ \[lambda-canary [^\]]*\]$/, '')
    expect(after.description).toMatch(new RegExp(`^${text} \\[lambda-canary previous=1 current=2 at=[^ \\]]+\\]$`))
  }, 60_000)
})
