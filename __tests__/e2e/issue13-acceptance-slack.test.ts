// Issue 13 item 6, acceptance: Slack per event (start, each stage, finish) with the environment, commit, actor,
// run link and versions, by default only at the finish; GitHub Deployments without a spurious "not recorded"
// line when only `environment` is given; examples/pipeline.yml recording one Deployment per release.
// dist/ runs as the runner runs it, Slack is a local HTTP server that captures what it is sent.
import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { parse as parseYaml } from 'yaml'
import { type Captured, startCapture } from './capture.js'
import { QUICK, aliasState, logLines, runWithPost, startScenario } from './issue13-acceptance-helpers.js'

const GITHUB = {
  GITHUB_SHA: 'c0ffee1234567890abcdef1234567890abcdef12',
  GITHUB_ACTOR: 'octo-newcomer',
  GITHUB_SERVER_URL: 'https://github.com',
  GITHUB_REPOSITORY: 'acme/shop',
  GITHUB_RUN_ID: '4242424242'
}
const RUN_LINK = 'https://github.com/acme/shop/actions/runs/4242424242'

const DEPLOY = { ...QUICK, strategy: 'canary', 'canary-weight': '50%', 'bake-time': '3s', 'final-bake': '2s', 'max-error-rate': '5%' }

type Capture = Awaited<ReturnType<typeof startCapture>>
const servers: Capture[] = []
beforeAll(async () => {
  for (let i = 0; i < 4; i++) servers.push(await startCapture())
})
afterAll(async () => {
  await Promise.all(servers.map(s => s.close()))
})

async function deploy(inputs: Record<string, string>) {
  const sim = await startScenario('healthy')
  try {
    const { main, post } = await runWithPost({ env: { ...sim.env, ...GITHUB }, inputs: { ...DEPLOY, ...inputs } })
    return { main, post, alias: await aliasState(sim) }
  } finally {
    await sim.close()
  }
}

/** Everything a Slack reader sees in a message: its text and every text of its blocks. */
function visible(request: Captured): string {
  const texts: string[] = []
  const walk = (v: unknown) => {
    if (typeof v === 'string') texts.push(v)
    else if (Array.isArray(v)) v.forEach(walk)
    else if (v && typeof v === 'object') Object.values(v).forEach(walk)
  }
  walk(JSON.parse(request.body))
  return texts.join('\n')
}

function expectContext(request: Captured) {
  const text = visible(request)
  expect(text).toContain('staging') // environment
  expect(text).toContain('c0ffee1') // commit
  expect(text).toContain('octo-newcomer') // actor
  expect(text).toContain(RUN_LINK) // run link
  expect(text).toMatch(/\b1 → 2\b/) // the release's versions
}

describe('issue 13 item 6: Slack', () => {
  it.concurrent('slack-events start,stage,finish: a start message, one per stage (the final bake too), a finish, each with the context', async () => {
    const slack = servers[0] as Capture
    const run = await deploy({
      'slack-webhook-url': `${slack.url}/services/T1/B1/aaa`,
      'slack-events': 'start,stage,finish',
      environment: 'staging'
    })
    expect(run.main.outputs.result).toBe('promoted')
    const posts = slack.requests.filter(r => r.method === 'POST')
    // start + stage 1 + the final bake + finish
    expect(posts.length).toBe(4)
    for (const post of posts) expectContext(post)
    const [start, ...rest] = posts.map(visible)
    expect(start).toMatch(/start/i)
    expect(start).not.toMatch(/promoted/)
    expect(rest.at(-1)).toMatch(/promoted/)
    expect(rest[0]).toMatch(/stage 1\b.*\bpassed/i)
    expect(rest[1]).toMatch(/final bake\b.*\bpassed/i)
  })

  it.concurrent('by default only the finish message is sent', async () => {
    const slack = servers[1] as Capture
    const run = await deploy({ 'slack-webhook-url': `${slack.url}/services/T2/B2/bbb`, environment: 'staging' })
    expect(run.main.outputs.result).toBe('promoted')
    const posts = slack.requests.filter(r => r.method === 'POST')
    expect(posts.length).toBe(1)
    expectContext(posts[0] as Captured)
    expect(visible(posts[0] as Captured)).toMatch(/promoted/)
  })
})

describe('issue 13 item 6: Slack, more events', () => {
  it.concurrent('slack-events stage: one message per stage (the final bake too), no start and no finish message', async () => {
    const slack = servers[2] as Capture
    const run = await deploy({ 'slack-webhook-url': `${slack.url}/services/T3/B3/ccc`, 'slack-events': 'stage', environment: 'staging' })
    expect(run.main.outputs.result).toBe('promoted')
    const posts = slack.requests.filter(r => r.method === 'POST').map(visible)
    expect(posts.length).toBe(2)
    expect(posts[0]).toMatch(/stage 1\b/i)
    expect(posts[1]).toMatch(/final bake/i)
    expect(posts.some(t => /promoted/.test(t))).toBe(false)
  })

  it.concurrent('the rollback button: its finish message has the environment, commit, actor, run link and versions', async () => {
    const slack = servers[3] as Capture
    const sim = await startScenario('healthy')
    try {
      // The alias serves version 1; the button moves it to version 2.
      const { main } = await runWithPost({
        env: { ...sim.env, ...GITHUB },
        inputs: {
          'function-name': 'demo-api',
          mode: 'rollback',
          'rollback-to': '2',
          environment: 'staging',
          'slack-webhook-url': `${slack.url}/services/T4/B4/ddd`
        }
      })
      expect(main.code).toBe(0)
      expect(await aliasState(sim)).toMatchObject({ version: '2', weights: {} })
      const posts = slack.requests.filter(r => r.method === 'POST')
      expect(posts.length).toBe(1)
      const text = visible(posts[0] as Captured)
      expect(text).toContain('staging')
      expect(text).toContain('c0ffee1')
      expect(text).toContain('octo-newcomer')
      expect(text).toContain(RUN_LINK)
      expect(text).toMatch(/\b1 → 2\b/)
    } finally {
      await sim.close()
    }
  })
})

describe('issue 13 item 6: GitHub Deployments', () => {
  it.concurrent('environment without github-token (it picks the config section) prints no "not recorded" line', async () => {
    const run = await deploy({ environment: 'staging' })
    expect(run.main.outputs.result).toBe('promoted')
    for (const step of [run.main, run.post]) {
      const all = [...logLines(step.stdout), ...step.stderr.split('\n')]
      expect(all.filter(l => /not recorded/i.test(l))).toEqual([])
      expect(all.filter(l => /github-token/i.test(l) && /warning/i.test(l))).toEqual([])
    }
  })

  it('examples/pipeline.yml never both sets a job-level environment and passes github-token to the action', () => {
    const workflow = parseYaml(readFileSync('examples/pipeline.yml', 'utf8')) as {
      jobs: Record<string, { environment?: unknown; steps?: { uses?: string; with?: Record<string, unknown> }[] }>
    }
    const canaryJobs = Object.entries(workflow.jobs).filter(([, job]) => (job.steps ?? []).some(s => /lambda-canary/.test(s.uses ?? '')))
    expect(canaryJobs.length).toBeGreaterThan(0)
    for (const [name, job] of canaryJobs) {
      const tokenGiven = (job.steps ?? []).some(s => /lambda-canary/.test(s.uses ?? '') && s.with?.['github-token'] !== undefined)
      const jobEnvironment = job.environment !== undefined
      expect({ job: name, both: tokenGiven && jobEnvironment }).toEqual({ job: name, both: false })
    }
  })
})
