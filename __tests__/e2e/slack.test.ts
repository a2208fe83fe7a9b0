// Slack through dist/: the exact Block Kit payload for a promotion and a rollback, the webhook never
// printed, and a Slack that fails, hangs or is unreachable never changing the deployment's result.
import { afterAll, describe, expect, it } from '@jest/globals'
import { startCapture } from './capture.js'
import { runStep } from './runner.js'
import { aliasState, startScenario, SIM_TIMING } from './sim.js'

const SECRET_PATH = '/services/T0000/B0000/s3cr3tW3bh00kT0k3n'
const github = { GITHUB_SERVER_URL: 'https://github.com', GITHUB_REPOSITORY: 'acme/api', GITHUB_RUN_ID: '4242' }
const inputs = {
  'function-name': 'demo-api',
  version: '2',
  strategy: 'custom',
  steps: '50%:3s',
  ...SIM_TIMING,
  'max-error-rate': '1%',
  'slack-mention': '<!subteam^S0ONCALL>'
}

const closers: { close(): Promise<void> }[] = []
afterAll(async () => {
  await Promise.all(closers.map(c => c.close()))
})

async function deploy(scenario: string, answer?: Parameters<typeof startCapture>[0], webhook?: (captureUrl: string) => string) {
  const sim = await startScenario(scenario)
  const slack = await startCapture(answer)
  closers.push(sim, slack)
  const url = webhook ? webhook(slack.url) : `${slack.url}${SECRET_PATH}`
  const step = await runStep({ env: { ...sim.env, ...github }, inputs: { ...inputs, 'slack-webhook-url': url } })
  return { step, slack, alias: await aliasState(sim), url }
}

/** The secret may appear only in the ::add-mask:: commands that hide it; never in logs, outputs or the summary. */
function expectNeverShown(step: Awaited<ReturnType<typeof runStep>>, secret: string) {
  const lines = `${step.stdout}\n${step.stderr}`.split('\n').filter(l => l.includes(secret) || l.includes(SECRET_PATH))
  expect(lines.every(l => l.startsWith('::add-mask::'))).toBe(true)
  expect(lines).toContain(`::add-mask::${secret}`)
  expect(JSON.stringify(step.outputs)).not.toContain(SECRET_PATH)
  expect(step.summary).not.toContain(SECRET_PATH)
}

describe('e2e: Slack', () => {
  it.concurrent('a promotion: one Block Kit message with the numbers and a link to the run; the URL is masked', async () => {
    const { step, slack, url } = await deploy('healthy')
    expect(step.code).toBe(0)
    expect(slack.requests).toHaveLength(1)
    const request = slack.requests[0]!
    expect(request.method).toBe('POST')
    expect(request.url).toBe(SECRET_PATH)
    expect(request.headers['content-type']).toBe('application/json')
    const message = JSON.parse(request.body)
    expect(message.text).toMatch(/^✅ lambda-canary promoted on demo-api:live \(version 1 → 2\): version 2 took 100% of alias "live"/)
    expect(message.blocks[0]).toEqual({ type: 'header', text: { type: 'plain_text', text: '✅ demo-api:live promoted', emoji: true } })
    expect(message.blocks[1].text.text).not.toContain('S0ONCALL') // mentions only on failure
    expect(message.blocks[2].fields.map((f: { text: string }) => f.text)).toEqual([
      '*Function*\n`demo-api`',
      '*Alias*\n`live`',
      '*Version*\n1 → 2',
      '*Strategy*\ncustom 50%:3s',
      '*Result*\n*promoted*',
      expect.stringMatching(/^\*Duration\*\n\d+s$/)
    ])
    expect(message.blocks[3].elements[0].text).toMatch(
      /^Stage 1 at 50%: new \d+ invocations, \d+ err \(.*\), p90 \d+ ms · old \d+ invocations/
    )
    expect(message.blocks[4]).toEqual({
      type: 'actions',
      elements: [
        {
          type: 'button',
          text: { type: 'plain_text', text: 'Open the workflow run' },
          url: 'https://github.com/acme/api/actions/runs/4242'
        }
      ]
    })
    expectNeverShown(step, url)
  })

  it.concurrent('a rollback: the reason, the mention, the deciding stage', async () => {
    const { step, slack, url } = await deploy('regression')
    expect(step.code).toBe(1)
    const message = JSON.parse(slack.requests[0]!.body)
    expect(message.blocks[0].text.text).toBe('⏪ demo-api:live rolled-back')
    expect(message.blocks[1].text.text).toMatch(/^<!subteam\^S0ONCALL> stage 1 \(50%\): error rate of the new version .* is above 1%/)
    expect(message.text).toMatch(/^<!subteam\^S0ONCALL> ⏪ lambda-canary rolled-back/)
    expectNeverShown(step, url)
  })

  it.concurrent.each([
    [
      'answers 500',
      (_: unknown, res: import('node:http').ServerResponse) => {
        res.statusCode = 500
        res.end('internal_error')
      },
      /Slack message not sent: Slack answered HTTP 500 \(Slack failed\)\n/
    ],
    ['never answers', () => {}, /Slack message not sent: Slack did not answer within 10s/]
  ])(
    'a Slack that %s only warns: the promotion stands',
    async (_, answer, warning) => {
      const { step, alias, url } = await deploy('healthy', answer as Parameters<typeof startCapture>[0])
      expect(step.code).toBe(0)
      expect(step.outputs.result).toBe('promoted')
      expect(alias).toMatchObject({ version: '2', weights: {} })
      expect(step.stdout).toMatch(new RegExp(`::warning::${warning.source}`))
      expectNeverShown(step, url)
    },
    40_000
  )

  it.concurrent('an unreachable or malformed webhook URL only warns, without showing it', async () => {
    const gone = await startCapture()
    await gone.close() // a port on which nothing listens any more
    const closed = await deploy('healthy', undefined, () => `${gone.url}${SECRET_PATH}`)
    expect(closed.step.code).toBe(0)
    expect(closed.step.stdout).toMatch(/::warning::Slack message not sent: could not reach Slack \(ECONNREFUSED\)/)
    expectNeverShown(closed.step, closed.url)
    const malformed = await deploy('healthy', undefined, () => `not a url ${SECRET_PATH}`)
    expect(malformed.step.code).toBe(0)
    expect(malformed.step.stdout).toContain('::warning::slack-webhook-url is not an https:// URL (its value is a secret and is not shown)')
    expect(malformed.slack.requests).toEqual([])
    expectNeverShown(malformed.step, malformed.url)
  })
})
