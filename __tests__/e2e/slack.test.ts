// Slack through dist/: the exact Block Kit payload for a promotion and a rollback, the messages each
// slack-events setting posts, the webhook never printed, and a Slack that fails, hangs or is unreachable
// never changing the deployment's result.
import { afterAll, describe, expect, it } from '@jest/globals'
import { startCapture } from './capture.js'
import { runStep } from './runner.js'
import { aliasState, simCalls, startScenario, SIM_TIMING } from './sim.js'

const SECRET_PATH = '/services/T0000/B0000/s3cr3tW3bh00kT0k3n'
const SHA = 'c0ffee0123456789abcdef0123456789abcdef01'
const github = {
  GITHUB_SERVER_URL: 'https://github.com',
  GITHUB_REPOSITORY: 'acme/api',
  GITHUB_RUN_ID: '4242',
  GITHUB_SHA: SHA,
  GITHUB_ACTOR: 'octocat',
  GITHUB_TRIGGERING_ACTOR: 'octocat'
}
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

async function deploy(
  scenario: string,
  answer?: Parameters<typeof startCapture>[0],
  webhook?: (captureUrl: string) => string,
  extra: Record<string, string> = {}
) {
  const sim = await startScenario(scenario)
  const slack = await startCapture(answer)
  closers.push(sim, slack)
  const url = webhook ? webhook(slack.url) : `${slack.url}${SECRET_PATH}`
  const step = await runStep({ env: { ...sim.env, ...github }, inputs: { ...inputs, 'slack-webhook-url': url, ...extra } })
  return { step, slack, alias: await aliasState(sim), url, sim }
}

const headers = (requests: { body: string }[]) => requests.map(r => JSON.parse(r.body).blocks[0].text.text as string)

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
      expect.stringMatching(/^\*Duration\*\n\d+s$/),
      `*Commit*\n<https://github.com/acme/api/commit/${SHA}|c0ffee0>`,
      '*Actor*\noctocat'
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
      /Slack finish message not sent: Slack answered HTTP 500 \(Slack failed\)\n/
    ],
    ['never answers', () => {}, /Slack finish message not sent: Slack did not answer within 10s/]
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
    expect(closed.step.stdout).toMatch(/::warning::Slack finish message not sent: could not reach Slack \(ECONNREFUSED\)/)
    expectNeverShown(closed.step, closed.url)
    const malformed = await deploy('healthy', undefined, () => `not a url ${SECRET_PATH}`)
    expect(malformed.step.code).toBe(0)
    expect(malformed.step.stdout).toContain('::warning::slack-webhook-url is not an https:// URL (its value is a secret and is not shown)')
    expect(malformed.slack.requests).toEqual([])
    expectNeverShown(malformed.step, malformed.url)
  })

  const twoStages = { steps: '25%:2s, 50%:2s' }
  it.concurrent.each([
    ['finish', ['✅ demo-api:live promoted']],
    ['start, finish', ['🚀 demo-api:live release starting', '✅ demo-api:live promoted']],
    ['stage', ['🟢 demo-api:live stage 1 of 2 at 25% passed', '🟢 demo-api:live stage 2 of 2 at 50% passed']],
    [
      'all',
      [
        '🚀 demo-api:live release starting',
        '🟢 demo-api:live stage 1 of 2 at 25% passed',
        '🟢 demo-api:live stage 2 of 2 at 50% passed',
        '✅ demo-api:live promoted'
      ]
    ]
  ])('slack-events: %s posts %j for a 2-stage canary, each naming the commit, actor and run', async (events, expected) => {
    const { step, slack, url } = await deploy('healthy', undefined, undefined, { ...twoStages, 'slack-events': events })
    expect(step.code).toBe(0)
    expect(headers(slack.requests)).toEqual(expected)
    for (const request of slack.requests) {
      const message = JSON.stringify(JSON.parse(request.body))
      expect(message).toContain(`<https://github.com/acme/api/commit/${SHA}|c0ffee0>`)
      expect(message).toContain('*Actor*\\noctocat')
      expect(message).toContain('https://github.com/acme/api/actions/runs/4242')
      expect(message).not.toContain('S0ONCALL') // a healthy release mentions no one
    }
    expect(step.stdout.split('\n').filter(l => /^Slack \S.* message sent$/.test(l))).toHaveLength(expected.length)
    expectNeverShown(step, url)
  })

  it.concurrent('a Slack that never answers, with every event: the deployment goes on and ends as it would; each message is accounted for', async () => {
    const { step, slack, alias } = await deploy('healthy', () => {}, undefined, { ...twoStages, 'slack-events': 'all' })
    expect(step.code).toBe(0)
    expect(step.outputs.result).toBe('promoted')
    expect(alias).toMatchObject({ version: '2', weights: {} })
    // The start went first and the finish last; messages that found Slack still busy at the end were dropped.
    const posted = headers(slack.requests)
    expect(posted[0]).toBe('🚀 demo-api:live release starting')
    expect(posted.at(-1)).toBe('✅ demo-api:live promoted')
    const unanswered = step.stdout.split('\n').filter(l => /^::warning::Slack .* not sent: Slack did not answer within/.test(l))
    const dropped = step.stdout.split('\n').filter(l => /^::warning::Slack .* not sent: Slack had not taken the ones before them/.test(l))
    expect(unanswered).toHaveLength(posted.length)
    // Each of the four messages is either sent and unanswered, or named as dropped.
    const droppedNames = dropped.flatMap(l => (l.match(/Slack (.*) messages? not sent/)?.[1] ?? '').split(', '))
    expect(posted.length + droppedNames.length).toBe(4)
    // The end waited for Slack at most the one timeout: the finish was given what was left of 10 s.
    const finish = unanswered.find(l => l.includes('Slack finish message'))
    expect(Number(finish?.match(/within ([\d.]+)s/)?.[1])).toBeLessThanOrEqual(10)
  }, 60_000)

  it.concurrent('slack-events without a webhook warns that it does nothing; a bad value fails before any AWS write', async () => {
    const sim = await startScenario('healthy')
    closers.push(sim)
    const idle = await runStep({ env: { ...sim.env, ...github }, inputs: { ...inputs, 'slack-events': 'all' } })
    expect(idle.code).toBe(0)
    expect(idle.stdout).toContain(
      '::warning::slack-mention and slack-events are set but no Slack message is sent without slack-webhook-url, so nothing uses them'
    )
    const bad = await startScenario('healthy')
    closers.push(bad)
    const step = await runStep({ env: { ...bad.env, ...github }, inputs: { ...inputs, 'slack-events': 'stages' } })
    expect(step.code).toBe(1)
    expect(step.outputs.reason).toBe(
      'Input "slack-events" has an invalid value "stages": use "start", "stage", "finish" or "all", or several of the first three separated by commas or new lines (e.g. "start, finish"); "stages" is not one of them'
    )
    expect((await simCalls(bad)).filter(c => c.changedState)).toEqual([])
  })
})
