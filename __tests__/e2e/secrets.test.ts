// Secrets through dist/ against the simulator: a Slack and a GitHub API that echo the webhook URL and the token
// back (raw, URL-encoded, JSON-escaped) and redirect elsewhere. The simulated runner does not mask, so the step's
// own output must never hold any form of either, outside the ::add-mask:: commands that register them.
import { afterAll, describe, expect, it } from '@jest/globals'
import type { ServerResponse } from 'node:http'
import { addMasks, echoForms, linesShowing } from '../helpers/secrets.js'
import { type Captured, startCapture } from './capture.js'
import { runStep } from './runner.js'
import { SIM_TIMING, aliasState, startScenario } from './sim.js'

const TOKEN_PART = 'T01ABCDEFGH/B02IJKLMNOP/xoxbS3cr3tW3bh00kT0k3nAAAA'
const SEGMENTS = TOKEN_PART.split('/')
const GITHUB_TOKEN = 'ghs_e2eT0kenN0tToBeSh0wnAnywhere'
const inputs = {
  'function-name': 'demo-api',
  version: '2',
  strategy: 'custom',
  steps: '50%:3s',
  ...SIM_TIMING,
  'max-error-rate': '1%',
  'github-token': GITHUB_TOKEN,
  environment: 'production'
}

const closers: { close(): Promise<void> }[] = []
afterAll(async () => {
  await Promise.all(closers.map(c => c.close()))
})

/** Every form, of every secret, that a hostile reply below carries. */
const leaks = (webhook: string) =>
  [webhook, `/services/${TOKEN_PART}`, TOKEN_PART, ...SEGMENTS, GITHUB_TOKEN].flatMap(v => Object.values(echoForms(v)))

const echoAll = (webhook: string) => `echo: ${leaks(webhook).join(' ')} ${Buffer.from(GITHUB_TOKEN).toString('base64')}`

async function deploy(slackAnswer: (webhook: string) => (req: Captured, res: ServerResponse) => void, githubStatus: number) {
  const sim = await startScenario('healthy')
  const elsewhere = await startCapture()
  let webhook = ''
  const slack = await startCapture((req, res) => slackAnswer(webhook)(req, res))
  const api = await startCapture((_, res) => {
    res.statusCode = githubStatus
    res.setHeader('content-type', 'application/json')
    if (githubStatus >= 300 && githubStatus < 400) res.setHeader('location', `${elsewhere.url}/repos/acme/api/deployments`)
    res.end(JSON.stringify({ message: echoAll(webhook), documentation_url: `https://x.example/${GITHUB_TOKEN}` }))
  })
  closers.push(sim, elsewhere, slack, api)
  webhook = `${slack.url}/services/${TOKEN_PART}`
  const env = { ...sim.env, GITHUB_API_URL: api.url, GITHUB_REPOSITORY: 'acme/api', GITHUB_SHA: 'abc123', GITHUB_RUN_ID: '7' }
  const step = await runStep({ env, inputs: { ...inputs, 'slack-webhook-url': webhook } })
  return { step, webhook, slack, api, elsewhere, alias: await aliasState(sim) }
}

function expectNoLeak(step: Awaited<ReturnType<typeof runStep>>, webhook: string) {
  const shown = `${step.stdout}\n${step.stderr}\n${JSON.stringify(step.outputs)}\n${step.summary}`
  for (const form of leaks(webhook)) expect(linesShowing(shown, form)).toEqual([])
  // Every echo form was registered with the runner first.
  const masks = addMasks(step.stdout)
  for (const form of leaks(webhook)) expect(masks).toContain(form)
}

describe('e2e: secrets', () => {
  it.concurrent('a Slack and a GitHub that answer errors echoing every form of both secrets: nothing of it is shown', async () => {
    const { step, webhook, slack, alias } = await deploy(
      url => (_, res) => {
        res.statusCode = 400
        res.end(echoAll(url))
      },
      422
    )
    expect(step.code).toBe(0)
    expect(alias).toMatchObject({ version: '2', weights: {} })
    expect(slack.requests).toHaveLength(1)
    expect(step.stdout).toMatch(/^::warning::Slack finish message not sent: Slack answered HTTP 400 \(the message was rejected\)$/m)
    expect(step.stdout).toMatch(/^::warning::could not create the GitHub Deployment \(HTTP 422: GitHub rejected the request\)$/m)
    expect(step.stdout).not.toContain('echo:')
    expectNoLeak(step, webhook)
  })

  it.concurrent('a Slack and a GitHub that redirect elsewhere: neither redirect is followed, nothing is re-sent', async () => {
    const { step, webhook, slack, api, elsewhere } = await deploy(
      url => (_, res) => {
        res.statusCode = 302
        res.setHeader('location', url.replace('/services/', '/moved/'))
        res.end(echoAll(url))
      },
      307
    )
    expect(step.code).toBe(0)
    expect(slack.requests.map(r => r.url)).toEqual([`/services/${TOKEN_PART}`])
    expect(api.requests).toHaveLength(1)
    expect(elsewhere.requests).toHaveLength(0)
    expect(step.stdout).toMatch(/^::warning::Slack finish message not sent: Slack answered HTTP 302 \(a redirect, not followed/m)
    expect(step.stdout).toMatch(/^::warning::could not create the GitHub Deployment \(HTTP 307: a redirect, not followed\)$/m)
    expectNoLeak(step, webhook)
  })
})
