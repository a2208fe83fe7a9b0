// The Slack message of each event (start, stage, finish), built from real rollouts on the fakes: what every
// message carries (environment, functions and alias, versions, commit with its link, actor, run link), the
// mention only where a failure is reported, and text from outside escaped.
import { describe, expect, it } from '@jest/globals'
import type { ReadyRelease } from '../src/lockstep.js'
import { releaseReport } from '../src/report/index.js'
import { type StageEnd, actorText, commitText, planWords, slackMessage, slackStageMessage, slackStartMessage } from '../src/report/slack.js'
import { deploy, harness, rolloutSettings } from './helpers/fakes.js'
import { PAYLOAD } from './helpers/hostile.js'

const SHA = '0123456789abcdef0123456789abcdef01234567'
const ENV = {
  GITHUB_SERVER_URL: 'https://github.com',
  GITHUB_REPOSITORY: 'acme/api',
  GITHUB_RUN_ID: '42',
  GITHUB_SHA: SHA,
  GITHUB_ACTOR: 'octocat',
  GITHUB_TRIGGERING_ACTOR: 'hubot'
}
const READY: ReadyRelease[] = [{ name: 'api', oldVersion: '1', newVersion: '2', manualRollback: false }]
const noWrite = () => undefined

type Message = ReturnType<typeof slackMessage>
type Block = { type: string; text?: { text: string }; fields?: { text: string }[]; elements?: { text?: string; url?: string }[] }
const blocks = (m: Message) => m.blocks as Block[]
const header = (m: Message) => blocks(m)[0]?.text?.text
const section = (m: Message) => blocks(m)[1]?.text?.text ?? ''
const fields = (m: Message) => Object.fromEntries((blocks(m)[2]?.fields ?? []).map(f => f.text.split('\n') as [string, string]))
const context = (m: Message) => blocks(m).find(b => b.type === 'context')?.elements?.[0]?.text
const button = (m: Message) => blocks(m).find(b => b.type === 'actions')?.elements?.[0]?.url

const settings = (extra: Record<string, string> = {}) =>
  rolloutSettings({
    strategy: 'custom',
    steps: '10%:5m, 50%:5m',
    environment: 'production',
    'slack-mention': '<!subteam^S0ONCALL>',
    ...extra
  })

async function released(extra: Record<string, string> = {}, model: Parameters<typeof harness>[0] = {}) {
  const s = settings(extra)
  const outcome = await deploy(s, harness(model).ports)
  const ends = outcome.timeline.filter((e): e is StageEnd['event'] => e.type === 'stage-end')
  return { s, outcome, ends, release: releaseReport([outcome], s.run, noWrite) }
}

/** What every message says about the run, whichever event it is. */
function expectTheRun(m: Message) {
  expect(fields(m)).toMatchObject({
    '*Function*': '`api`',
    '*Alias*': '`live`',
    '*Version*': expect.stringMatching(/^1 → 2$/),
    '*Environment*': '`production`',
    '*Commit*': `<https://github.com/acme/api/commit/${SHA}|0123456>`,
    '*Actor*': 'octocat (run by hubot)'
  })
  expect(button(m)).toBe('https://github.com/acme/api/actions/runs/42')
  // Every mrkdwn object is verbatim: Slack forms no link or mention from the text itself.
  for (const m2 of JSON.stringify(m).match(/\{"type":"mrkdwn"[^}]*\}/g) ?? []) expect(m2).toContain('"verbatim":true')
}

describe('Slack: start', () => {
  it('traffic about to move: the versions and the plan, the run, no mention', () => {
    const { run } = settings()
    const m = slackStartMessage(READY, run, ENV)
    expect(header(m)).toBe('🚀 api:live release starting')
    expect(section(m)).toBe('Traffic is about to move (version 1 → 2). custom 10%:5m, 50%:5m: 10% → 50% → 100%')
    expect(fields(m)['*Strategy*']).toBe('custom 10%:5m, 50%:5m')
    expect(m.text).toBe('🚀 lambda-canary starting on api:live (version 1 → 2): custom 10%:5m, 50%:5m: 10% → 50% → 100%')
    expectTheRun(m)
    expect(JSON.stringify(m)).not.toContain('S0ONCALL')
  })

  it('a manual rollback and a lockstep say so; a long plan is shortened', () => {
    const { run } = settings({ strategy: 'linear', 'step-weight': '5%' })
    const lockstep: ReadyRelease[] = [
      { name: 'api', oldVersion: '1', newVersion: '2', manualRollback: false },
      { name: 'worker', oldVersion: '7', newVersion: '8', manualRollback: false }
    ]
    const m = slackStartMessage(lockstep, run, ENV)
    expect(header(m)).toBe('🚀 api, worker (alias live, in lockstep) release starting')
    expect(fields(m)['*Functions*']).toBe('`api`, `worker`')
    expect(fields(m)['*Version*']).toBe('api 1 → 2, worker 7 → 8')
    expect(planWords(run.plan)).toBe('5% → 10% → 15% → … → 90% → 95% → 100%')
    const back = slackStartMessage([{ ...READY[0]!, manualRollback: true }], run, ENV)
    expect(header(back)).toBe('⏪ api:live manual rollback starting')
    expect(fields(back)['*Strategy*']).toBe('manual rollback')
  })
})

describe('Slack: stage', () => {
  it('each verdict: weight, verdict, what comes next, the numbers; no mention when it passed', async () => {
    const { s, ends } = await released()
    expect(ends.map(e => [e.stage, e.weight, e.decision])).toEqual([
      [1, 0.1, 'pass'],
      [2, 0.5, 'pass']
    ])
    const first = slackStageMessage([{ name: 'api', event: ends[0]! }], READY, s.run, true, ENV)
    expect(header(first)).toBe('🟢 api:live stage 1 of 2 at 10% passed')
    expect(section(first)).toBe('Stage 1 of 2 at 10% passed. Next: 50%.')
    expect(context(first)).toMatch(/^new \d+ invocations, \d+ err \(.*\), p99 120 ms · old \d+ invocations, \d+ err/)
    expect(first.text).toBe('🟢 lambda-canary api:live (version 1 → 2): stage 1 of 2 at 10% passed')
    expectTheRun(first)
    const second = slackStageMessage([{ name: 'api', event: ends[1]! }], READY, s.run, true, ENV)
    expect(section(second)).toBe('Stage 2 of 2 at 50% passed. Next: 100% (promotion).')
    expect(JSON.stringify([first, second])).not.toContain('S0ONCALL')
  })

  it('the final bake at 100% is named so', async () => {
    const { s, ends } = await released({ 'final-bake': '5m' })
    const last = ends.at(-1)!
    expect(last.weight).toBe(1)
    const m = slackStageMessage([{ name: 'api', event: last }], READY, s.run, false, ENV)
    expect(header(m)).toBe('🟢 api:live the final bake at 100% passed')
    expect(section(m)).toBe('The final bake at 100% passed. The release ends once its last checks are done.')
  })

  it('a failed stage: its reason; the mention only when no finish message will carry it', async () => {
    const { s, ends } = await released({}, { errorRate: v => (v === '2' ? 0.2 : 0.001) })
    const failed = ends.at(-1)!
    expect(failed.decision).toBe('fail')
    const alone = slackStageMessage([{ name: 'api', event: failed }], READY, s.run, true, ENV)
    expect(header(alone)).toBe('🔴 api:live stage 1 of 2 at 10% failed')
    expect(section(alone)).toMatch(
      /^<!subteam\^S0ONCALL> Stage 1 of 2 at 10% failed: error rate of the new version .* The release stops and the alias is restored\.$/
    )
    expect(alone.text.startsWith('<!subteam^S0ONCALL> 🔴')).toBe(true)
    const withFinish = slackStageMessage([{ name: 'api', event: failed }], READY, s.run, false, ENV)
    expect(JSON.stringify(withFinish)).not.toContain('S0ONCALL')
  })

  it('a lockstep: one message, the worst verdict first, each function’s reasons and numbers by name', async () => {
    const { s, ends } = await released()
    const pass = ends[0]!
    const fail: StageEnd['event'] = { ...pass, decision: 'fail', verdict: { ...pass.verdict, status: 'fail', reasons: ['errors up'] } }
    const ready: ReadyRelease[] = [...READY, { name: 'worker', oldVersion: '7', newVersion: '8', manualRollback: false }]
    const m = slackStageMessage(
      [
        { name: 'api', event: pass },
        { name: 'worker', event: fail }
      ],
      ready,
      s.run,
      false,
      ENV
    )
    expect(header(m)).toBe('🔴 api, worker (alias live, in lockstep) stage 1 of 2 at 10% failed')
    expect(section(m)).toBe('Stage 1 of 2 at 10% failed: worker: errors up. The release stops and the alias is restored.')
    expect(
      context(m)
        ?.split('\n')
        .map(l => l.split(':')[0])
    ).toEqual(['api', 'worker'])
  })
})

describe('Slack: finish', () => {
  it('a promotion: the result, the reason, the run; no mention', async () => {
    const { s, release } = await released()
    const m = slackMessage(release, s.run, ENV)
    expect(header(m)).toBe('✅ api:live promoted')
    expect(section(m)).toMatch(/^version 2 took 100% of alias "live" after 3 steps, replacing version 1/)
    expect(fields(m)).toMatchObject({ '*Result*': '*promoted*', '*Strategy*': 'custom 10%:5m, 50%:5m' })
    expectTheRun(m)
    expect(JSON.stringify(m)).not.toContain('S0ONCALL')
  })

  it('a rollback: the mention, in the text and the section', async () => {
    const { s, release } = await released({}, { errorRate: v => (v === '2' ? 0.2 : 0.001) })
    const m = slackMessage(release, s.run, ENV)
    expect(header(m)).toBe('⏪ api:live rolled-back')
    expect(section(m)).toMatch(/^<!subteam\^S0ONCALL> stage 1 \(10%\): error rate of the new version/)
    expect(m.text).toMatch(/^<!subteam\^S0ONCALL> ⏪ lambda-canary rolled-back on api:live \(version 1 → 2\)/)
    expectTheRun(m)
  })
})

describe('Slack: text from outside', () => {
  it('hostile reasons, environment and actor are escaped: the only < in mrkdwn are the mention and the commit link', async () => {
    const { s, ends, release } = await released({ environment: '<!channel> *x* @here', 'slack-mention': '<!here>' })
    const hostile: StageEnd['event'] = {
      ...ends[0]!,
      decision: 'fail',
      verdict: { ...ends[0]!.verdict, status: 'fail', reasons: [PAYLOAD] }
    }
    const env = { ...ENV, GITHUB_ACTOR: '<!channel>', GITHUB_TRIGGERING_ACTOR: '<http://evil|x>' }
    const messages = [
      slackStartMessage(READY, s.run, env),
      slackStageMessage([{ name: 'api', event: hostile }], READY, s.run, true, env),
      slackMessage({ ...release, whole: { ...release.whole, reason: PAYLOAD }, failed: true }, s.run, env)
    ]
    for (const m of messages) {
      const texts = (JSON.stringify(m).match(/"text":"(?:[^"\\]|\\.)*"/g) ?? []).map(t =>
        t.replaceAll(`<https://github.com/acme/api/commit/${SHA}|0123456>`, '')
      )
      for (const t of texts) expect(t.replace(/^"text":"<!here> /, '"text":"')).not.toMatch(/[<>]/)
      expect(JSON.stringify(m)).toContain('&lt;!channel&gt;')
    }
    expect(fields(messages[0]!)['*Actor*']).toBe('&lt;!channel&gt; (run by &lt;http:/\u200B/evil|x&gt;)')
  })

  it('a backtick from outside cannot end a code span or open a code block (attack finding)', async () => {
    const { s, release } = await released({ environment: 'prod`*bold*`' })
    const reason = 'alarm says ```\n<!channel>\n``` done'
    const message = slackMessage({ ...release, whole: { ...release.whole, reason }, failed: true }, s.run, ENV)
    expect(fields(message)['*Environment*']).toBe('`prod\u02cb*bold*\u02cb`')
    const texts = JSON.stringify(message).match(/"text":"(?:[^"\\]|\\.)*"/g) ?? []
    // The only backticks are the action's own code spans around the names: none from the reason or the environment.
    expect(texts.join('\n')).not.toContain('```')
    expect(JSON.stringify(message)).toContain('alarm says \u02cb\u02cb\u02cb')
    expect(commitText({ ...ENV, GITHUB_SHA: 'x`y' })).toBe('`x\u02cby`')
  })

  it('the commit link is formed only from a hex SHA, a plain server address and an owner/name repository', () => {
    expect(commitText(ENV)).toBe(`<https://github.com/acme/api/commit/${SHA}|0123456>`)
    expect(commitText({ ...ENV, GITHUB_REPOSITORY: 'acme/api|<!channel>' })).toBe('`0123456`')
    expect(commitText({ ...ENV, GITHUB_SERVER_URL: 'https://github.com/x|y' })).toBe('`0123456`')
    expect(commitText({ ...ENV, GITHUB_SHA: '<!channel>' })).toBe('`&lt;!channel&gt;`')
    expect(commitText({})).toBeUndefined()
    expect(actorText({ GITHUB_ACTOR: 'octocat', GITHUB_TRIGGERING_ACTOR: 'octocat' })).toBe('octocat')
    expect(actorText({})).toBeUndefined()
  })
})
