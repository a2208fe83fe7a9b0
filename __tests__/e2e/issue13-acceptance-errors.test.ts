// Issue 13 item 3, acceptance: errors that say what to do. dist/ runs as the runner runs it against the
// simulator: no region at all, no credentials, a function that does not exist, and a role that may not make one
// call (a proxy answers it 403 AccessDeniedException as AWS does). Each error names what to set or grant, and
// where to read about it; the AWS set-up errors come before any AWS call.
import { readFileSync } from 'node:fs'
import { describe, expect, it } from '@jest/globals'
import { QUICK, aliasState, logLines, runStep, simCalls, startDenyingProxy, startScenario, writesIn } from './issue13-acceptance-helpers.js'

const INPUTS = { ...QUICK, strategy: 'canary', 'canary-weight': '50%', 'bake-time': '2s', 'max-error-rate': '5%' }

/** The ::error:: annotations, decoded as the runner shows them. */
const errorsOf = (stdout: string) =>
  logLines(stdout)
    .filter(l => l.startsWith('::error'))
    .map(l => decodeURIComponent(l.replace(/^::error[^:]*::/, '').replace(/%(?![0-9A-F]{2})/g, '%25')))
    .join('\n')

const readme = readFileSync('README.md', 'utf8')
const anchorOf = (heading: string) =>
  heading
    .toLowerCase()
    .replace(/`/g, '')
    .replace(/[^\p{L}\p{N} _-]/gu, '')
    .replace(/ /g, '-')
/** The README section a #anchor points at, up to the next heading of the same or a higher level. */
function readmeSection(anchor: string): string | undefined {
  const headings = [...readme.matchAll(/^(#{2,4}) (.+)$/gm)]
  const i = headings.findIndex(h => anchorOf((h[2] as string).trim()) === anchor)
  const found = headings[i]
  if (!found) return undefined
  const level = (found[1] as string).length
  const next = headings.slice(i + 1).find(h => (h[1] as string).length <= level)
  return readme.slice(found.index ?? 0, next?.index ?? readme.length)
}

async function run(opts: {
  env?: (env: Record<string, string>) => Record<string, string>
  inputs?: Record<string, string>
  scenario?: string
}) {
  const sim = await startScenario(opts.scenario ?? 'healthy')
  try {
    const env = opts.env ? opts.env({ ...sim.env }) : sim.env
    const result = await runStep({ env, inputs: { ...INPUTS, ...opts.inputs } })
    return { ...result, error: errorsOf(result.stdout), calls: await simCalls(sim), alias: await aliasState(sim) }
  } finally {
    await sim.close()
  }
}

describe('issue 13 item 3: missing AWS set-up', () => {
  it.concurrent('no region anywhere: names aws-region, AWS_REGION and configure-aws-credentials, before any AWS call', async () => {
    const result = await run({
      env: env => {
        const { AWS_REGION: _r, AWS_DEFAULT_REGION: _d, ...rest } = env
        return rest
      }
    })
    expect(result.code).not.toBe(0)
    expect(result.error).toContain('aws-region')
    expect(result.error).toContain('AWS_REGION')
    expect(result.error).toContain('aws-actions/configure-aws-credentials')
    expect(result.error).not.toMatch(/^Region is missing$/m)
    expect(result.calls).toEqual([])
  })

  it.concurrent.each([
    { advice: 'the aws-region input', inputs: { 'aws-region': 'us-east-1' } },
    { advice: 'function-name as a full ARN', inputs: { 'function-name': 'arn:aws:lambda:us-east-1:123456789012:function:demo-api' } }
  ])('following the advice ($advice) without AWS_REGION works', async c => {
    const result = await run({
      env: env => {
        const { AWS_REGION: _r, AWS_DEFAULT_REGION: _d, ...rest } = env
        return rest
      },
      inputs: { mode: 'plan', ...c.inputs }
    })
    expect(result.error).toBe('')
    expect(result.code).toBe(0)
    expect(result.outputs.result).toBe('planned')
  })

  it.concurrent('no credentials: names aws-actions/configure-aws-credentials, before any AWS call', async () => {
    const result = await run({
      env: env => {
        const { AWS_ACCESS_KEY_ID: _k, AWS_SECRET_ACCESS_KEY: _s, ...rest } = env
        return rest
      }
    })
    expect(result.code).not.toBe(0)
    expect(result.error).toContain('aws-actions/configure-aws-credentials')
    expect(result.calls).toEqual([])
  })

  it.concurrent.each([
    { what: 'a function', inputs: { 'function-name': 'nope-api' }, names: 'nope-api' },
    { what: 'an alias', inputs: { alias: 'nope' }, names: 'nope' },
    { what: 'a version', inputs: { version: '9' }, names: '9' }
  ])('$what that does not exist: the error names the region and the account searched', async c => {
    const result = await run({ inputs: c.inputs })
    expect(result.code).not.toBe(0)
    expect(result.outputs.result).toBe('failed')
    expect(result.error).toContain(c.names)
    expect(result.error).toContain('us-east-1')
    expect(result.error).toContain('123456789012')
    expect(writesIn(result.calls)).toEqual([])
  })
})

describe('issue 13 item 3: AccessDenied names the IAM action and the README policy for the mode', () => {
  const cases = [
    { mode: 'deploy', operation: 'UpdateAlias', action: 'lambda:UpdateAlias' },
    { mode: 'deploy', operation: 'GetMetricData', action: 'cloudwatch:GetMetricData' },
    { mode: 'plan', operation: 'GetAlias', action: 'lambda:GetAlias' },
    // The rollback button, moving the alias to version 2: its one write is refused.
    { mode: 'rollback', operation: 'UpdateAlias', action: 'lambda:UpdateAlias', inputs: { 'rollback-to': '2', version: '' } }
  ] as { mode: string; operation: string; action: string; inputs?: Record<string, string> }[]
  it.concurrent.each(cases)('mode $mode, $operation denied: names $action and links the README section for mode $mode', async c => {
    const sim = await startScenario('healthy')
    const proxy = await startDenyingProxy(sim.url, c.operation, c.action)
    try {
      const result = await runStep({
        env: { ...sim.env, AWS_ENDPOINT_URL: proxy.url, GITHUB_ACTION_REPOSITORY: 'org/lambda-canary', GITHUB_ACTION_REF: 'v1' },
        inputs: { ...INPUTS, mode: c.mode, ...c.inputs }
      })
      expect(proxy.denied.length).toBeGreaterThan(0)
      expect(result.code).not.toBe(0)
      const error = errorsOf(result.stdout)
      expect(error).toContain(c.action)
      // A link into the README of the action at the ref the workflow uses, at the policy for this mode…
      const link = /https:\/\/github\.com\/org\/lambda-canary\/blob\/v1\/README\.md#([\w-]+)/.exec(error)
      expect(link).not.toBeNull()
      const anchor = link?.[1] as string
      expect(anchor).toContain(c.mode)
      // …which exists in README.md and grants the action that was denied.
      const section = readmeSection(anchor)
      expect(section).toBeDefined()
      expect(section).toContain(c.action)
      // Nothing was left changed.
      expect(await aliasState(sim)).toMatchObject({ version: '1', weights: {} })
      expect(writesIn(await simCalls(sim))).toEqual([])
    } finally {
      await proxy.close()
      await sim.close()
    }
  })
})
