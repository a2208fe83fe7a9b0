// The GitHub Deployments adapter against a local API: replies are never printed (an error body may echo the
// token in any form), a redirect is never followed (the token would go to the new host), Octokit's own
// logger stays silent, and a cancel ends a call in flight. And when a record is made at all: environment alone
// says nothing; a token without environment is unused, with a warning.
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { readSettings } from '../src/inputs/index.js'
import type { ReadyRelease } from '../src/lockstep.js'
import { inputsFrom } from './helpers/fakes.js'
import { type Server, echoForms, serve } from './helpers/secrets.js'

const TOKEN = 'ghs_d3pl0ymentT0kenN0tToBeSh0wn'
const RELEASE: ReadyRelease[] = [{ name: 'demo-api', oldVersion: '1', newVersion: '2', manualRollback: false }]
const ENV = { GITHUB_REPOSITORY: 'acme/api', GITHUB_SHA: 'abc123' }

type Answer = (req: IncomingMessage, res: ServerResponse) => void
let answer: Answer = (_, res) => res.end()
let api: Server
let target: Server
let adapter: typeof import('../src/adapters/deployments.js')

beforeAll(async () => {
  api = await serve((req, res) => answer(req, res))
  target = await serve((_, res) => {
    res.setHeader('content-type', 'application/json')
    res.end('{"id":5}')
  })
  // @actions/github reads the API address when it is first loaded.
  process.env.GITHUB_API_URL = api.url
  adapter = await import('../src/adapters/deployments.js')
})
afterAll(async () => {
  await Promise.all([api.close(), target.close()])
})

async function startWith(reply: Answer, cancel?: AbortSignal) {
  answer = reply
  api.hits.length = 0
  target.hits.length = 0
  const warnings: string[] = []
  const record = adapter.GitHubDeployments.from(TOKEN, 'production', ENV, undefined, w => warnings.push(w), cancel)
  await record?.startRelease(RELEASE, 'live', 'run-1')
  return warnings
}

const echo = `{"message":"Bad credentials ${Object.values(echoForms(TOKEN)).join(' ')} ${Buffer.from(TOKEN).toString('base64')}","documentation_url":"https://evil.example/${TOKEN}"}`

describe('GitHub replies', () => {
  it.each([
    [401, 'HTTP 401: the token was refused'],
    [403, 'HTTP 403: the token may lack "deployments: write", or a rate limit was hit'],
    [404, 'HTTP 404: the repository or deployment was not found, or the token cannot see it'],
    [422, 'HTTP 422: GitHub rejected the request'],
    [500, 'HTTP 500: GitHub failed']
  ])('an HTTP %i echoing the token is reported by status and fixed words only', async (status, words) => {
    const warnings = await startWith((_, res) => {
      res.statusCode = status
      res.setHeader('content-type', 'application/json')
      res.end(echo)
    })
    expect(warnings).toEqual([`could not create the GitHub Deployment (${words})`])
    expect(api.hits).toHaveLength(1)
    expect(api.hits[0]?.headers.authorization).toBe(`token ${TOKEN}`)
  })

  it('a 2xx without a Deployment is reported without its body', async () => {
    const warnings = await startWith((_, res) => {
      res.statusCode = 202
      res.setHeader('content-type', 'application/json')
      res.end(`{"message":"Auto-merged ${TOKEN}"}`)
    })
    expect(warnings).toEqual(['could not create the GitHub Deployment (GitHub did not return a Deployment)'])
  })

  it("a deprecation header does not reach the log through Octokit's logger", async () => {
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => {})
    const log = jest.spyOn(console, 'log').mockImplementation(() => {})
    try {
      const warnings = await startWith((req, res) => {
        res.statusCode = 201
        res.setHeader('content-type', 'application/json')
        res.setHeader('deprecation', 'true')
        res.setHeader('sunset', `::error::${TOKEN}`)
        res.end(req.url?.endsWith('/statuses') ? '{"id":1}' : '{"id":101}')
      })
      expect(warnings).toEqual([])
      expect(api.hits.map(h => `${h.method} ${h.url}`)).toEqual([
        'POST /repos/acme/api/deployments',
        'POST /repos/acme/api/deployments/101/statuses'
      ])
      expect(warn).not.toHaveBeenCalled()
      expect(log).not.toHaveBeenCalled()
    } finally {
      warn.mockRestore()
      log.mockRestore()
    }
  })
})

describe('GitHub redirects', () => {
  it.each([301, 302, 307, 308])('an HTTP %i is refused: the token never reaches the target', async status => {
    const warnings = await startWith((_, res) => {
      res.statusCode = status
      res.setHeader('location', `${target.url}/repos/acme/api/deployments`)
      res.end(`moved ${TOKEN}`)
    })
    expect(warnings).toEqual([`could not create the GitHub Deployment (HTTP ${status}: a redirect, not followed)`])
    expect(api.hits).toHaveLength(1)
    expect(target.hits).toHaveLength(0)
  })
})

describe('GitHub calls are bounded', () => {
  it('a cancel ends a call in flight: the record is given up, the step goes on', async () => {
    const cancel = new AbortController()
    const warnings = await startWith(() => cancel.abort(), cancel.signal)
    expect(warnings).toEqual(['could not create the GitHub Deployment (GitHub did not answer in time)'])
  })

  it('a connection dropped mid-call is reported by its error code, never the address', async () => {
    const warnings = await startWith(req => req.socket.destroy())
    expect(warnings).toEqual(['could not create the GitHub Deployment (could not reach GitHub (UND_ERR_SOCKET))'])
  })
})

describe('when a Deployment is recorded, and what is said when it is not', () => {
  const read = (extra: Record<string, string>) =>
    readSettings(inputsFrom({ 'function-name': 'api', version: '2', ...extra }), { AWS_REGION: 'us-east-1' })

  it('environment alone only picks the config section: no record and nothing to say', () => {
    const s = read({ environment: 'production' })
    expect(s.run.notify).toEqual({ slackEvents: ['finish'], environment: 'production' })
    expect(s.secrets).toEqual({})
  })

  it('github-token without environment is left unused, and the warning says why without quoting it', () => {
    const s = read({ 'github-token': TOKEN })
    expect(s.secrets).toEqual({})
    expect(s.run.notify.deploymentProblem).toBe(
      'github-token is not used: a GitHub Deployment is recorded only with environment (the GitHub environment to record it in); set environment, or remove github-token'
    )
    expect(JSON.stringify(s.run)).not.toContain(TOKEN)
  })

  it('both: the token goes to the secrets, nothing is said', () => {
    const s = read({ 'github-token': TOKEN, environment: 'production' })
    expect(s.secrets).toEqual({ githubToken: TOKEN })
    expect(s.run.notify.deploymentProblem).toBeUndefined()
  })
})
