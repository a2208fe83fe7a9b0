// GitHub Deployments through dist/, with a local capture server on 127.0.0.1 standing in for the GitHub API; and
// the runs that record nothing saying nothing about it (environment alone) or saying why (a token alone).
import { afterAll, describe, expect, it } from '@jest/globals'
import type { ServerResponse } from 'node:http'
import { type Captured, startCapture } from './capture.js'
import { runStep } from './runner.js'
import { aliasState, startScenario, SIM_TIMING } from './sim.js'

const TOKEN = 'ghs_d3pl0ymentT0kenN0tToBeSh0wn'
const inputs = {
  'function-name': 'demo-api',
  version: '2',
  strategy: 'custom',
  steps: '50%:4s',
  ...SIM_TIMING,
  'max-error-rate': '1%',
  'github-token': TOKEN,
  environment: 'production'
}

/** A small GitHub API: deployments get ids from 101; an earlier deployment 77 put version 1 live. */
function github(req: Captured, res: ServerResponse) {
  res.setHeader('content-type', 'application/json')
  if (req.method === 'POST' && req.url === '/repos/acme/api/deployments') {
    res.statusCode = 201
    return res.end(JSON.stringify({ id: 101, ...JSON.parse(req.body) }))
  }
  if (req.method === 'POST' && /^\/repos\/acme\/api\/deployments\/\d+\/statuses$/.test(req.url)) {
    res.statusCode = 201
    return res.end(JSON.stringify({ id: 1, ...JSON.parse(req.body) }))
  }
  if (req.method === 'GET' && req.url.startsWith('/repos/acme/api/deployments?')) {
    return res.end(
      JSON.stringify([
        { id: 101, environment: 'production', payload: { function: 'demo-api', alias: 'live', fromVersion: '1', toVersion: '2' } },
        { id: 90, environment: 'production', payload: { function: 'other-api', alias: 'live', fromVersion: '3', toVersion: '1' } },
        { id: 77, environment: 'production', payload: { function: 'demo-api', alias: 'live', fromVersion: '0', toVersion: '1' } }
      ])
    )
  }
  res.statusCode = 404
  return res.end('{"message":"Not Found"}')
}

const closers: { close(): Promise<void> }[] = []
afterAll(async () => {
  await Promise.all(closers.map(c => c.close()))
})

async function deploy(scenario: string, answer: Parameters<typeof startCapture>[0] = github, extra: Record<string, string> = {}) {
  const sim = await startScenario(scenario)
  const api = await startCapture(answer)
  closers.push(sim, api)
  const env = {
    ...sim.env,
    GITHUB_API_URL: api.url,
    GITHUB_REPOSITORY: 'acme/api',
    GITHUB_SHA: 'abc123',
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_RUN_ID: '99'
  }
  const step = await runStep({ env, inputs: { ...inputs, ...extra } })
  return { step, api, alias: await aliasState(sim) }
}

const calls = (requests: Captured[]) => requests.map(r => `${r.method} ${r.url.replace(/\?.*$/, '?…')}`)
const body = (r: Captured) => JSON.parse(r.body) as Record<string, unknown>

describe('e2e: GitHub Deployments', () => {
  it.concurrent('a promotion: the Deployment, in_progress then success with the run link, and the replaced one inactive', async () => {
    const { step, api } = await deploy('healthy')
    expect(step.code).toBe(0)
    expect(calls(api.requests)).toEqual([
      'POST /repos/acme/api/deployments',
      'POST /repos/acme/api/deployments/101/statuses',
      'POST /repos/acme/api/deployments/101/statuses',
      'GET /repos/acme/api/deployments?…',
      'POST /repos/acme/api/deployments/77/statuses'
    ])
    const [create, progress, success, , inactive] = api.requests as [Captured, Captured, Captured, Captured, Captured]
    expect(create.headers.authorization).toBe(`token ${TOKEN}`)
    expect(body(create)).toMatchObject({
      ref: 'abc123',
      environment: 'production',
      auto_merge: false,
      required_contexts: [],
      description: 'Release of demo-api:live: version 1 → 2',
      payload: { function: 'demo-api', alias: 'live', fromVersion: '1', toVersion: '2', deploymentId: expect.stringMatching(/^99-1-/) }
    })
    expect(body(progress)).toMatchObject({
      state: 'in_progress',
      log_url: 'https://github.com/acme/api/actions/runs/99',
      environment: 'production'
    })
    expect(body(success)).toMatchObject({ state: 'success', log_url: 'https://github.com/acme/api/actions/runs/99' })
    expect(body(inactive)).toMatchObject({ state: 'inactive', description: 'replaced by version 2' })
    // The token is masked and never shown.
    const shown = `${step.stdout}\n${step.stderr}`.split('\n').filter(l => l.includes(TOKEN))
    expect(shown).toEqual([`::add-mask::${TOKEN}`])
    expect(JSON.stringify(step.outputs) + step.summary).not.toContain(TOKEN)
  })

  it.concurrent('a rollback: in_progress then failure, and nothing made inactive', async () => {
    const { step, api, alias } = await deploy('regression')
    expect(step.code).toBe(1)
    expect(alias).toMatchObject({ version: '1', weights: {} })
    expect(calls(api.requests)).toEqual([
      'POST /repos/acme/api/deployments',
      'POST /repos/acme/api/deployments/101/statuses',
      'POST /repos/acme/api/deployments/101/statuses'
    ])
    expect(body(api.requests[2]!)).toMatchObject({
      state: 'failure',
      description: expect.stringMatching(/^stage 1 \(50%\): error rate of the new version/)
    })
  })

  it.concurrent('a GitHub API that fails only warns: the promotion stands', async () => {
    const { step, alias } = await deploy('healthy', (_, res) => {
      res.statusCode = 500
      res.end('{"message":"Server Error"}')
    })
    expect(step.code).toBe(0)
    expect(step.outputs.result).toBe('promoted')
    expect(alias).toMatchObject({ version: '2', weights: {} })
    expect(step.stdout).toMatch(/::warning::could not create the GitHub Deployment \(HTTP 500: GitHub failed\)$/m)
  }, 60_000)

  it.concurrent('environment alone (it picks the config section) records nothing and says nothing about a Deployment', async () => {
    const { step, api } = await deploy('healthy', github, { 'github-token': '' })
    expect(step.code).toBe(0)
    expect(api.requests).toEqual([])
    expect(`${step.stdout}\n${step.stderr}`).not.toMatch(/Deployment|github-token/)
  })

  it.concurrent('github-token without environment records nothing, and one warning says the token is unused and why', async () => {
    const { step, api } = await deploy('healthy', github, { environment: '' })
    expect(step.code).toBe(0)
    expect(api.requests).toEqual([])
    expect(step.stdout.split('\n').filter(l => /Deployment|github-token/.test(l) && !l.startsWith('::add-mask::'))).toEqual([
      // The Settings group says it was given (never its value); then the one warning.
      'github-token: set (from workflow)',
      '::warning::github-token is not used: a GitHub Deployment is recorded only with environment (the GitHub environment to record it in); set environment, or remove github-token'
    ])
  })

  it.concurrent('mode plan records nothing and says nothing about it', async () => {
    const { step, api } = await deploy('healthy', github, { mode: 'plan' })
    expect(step.code).toBe(0)
    expect(step.outputs.result).toBe('planned')
    expect(api.requests).toEqual([])
    expect(step.stdout).not.toMatch(/GitHub Deployment/)
  })
})
