// Cancellation, crashes and the post step, through dist/ against the simulator.
import { afterAll, describe, expect, it } from '@jest/globals'
import { runStep, startStep } from './runner.js'
import { aliasState, simCalls, startScenario, SIM_TIMING } from './sim.js'

const inputs = {
  'function-name': 'demo-api',
  version: '2',
  strategy: 'custom',
  steps: '10%:30s, 50%:30s',
  ...SIM_TIMING
}

const sims: { close(): Promise<void> }[] = []
afterAll(async () => {
  await Promise.all(sims.map(s => s.close()))
})
/** The killed run's mark on the alias, expired (the simulator's clock cannot jump 20 minutes). */
async function expireMark(s: { url: string }) {
  const now = await aliasState(s)
  const description = (now.description ?? '').replace(/until=\S+/, 'until=2000-01-01T00:00:00Z')
  const res = await fetch(`${s.url}/2015-03-31/functions/demo-api/aliases/live`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ Description: description, RevisionId: now.revisionId })
  })
  if (!res.ok) throw new Error(`could not age the mark: ${res.status}`)
}
async function sim() {
  const s = await startScenario('healthy')
  sims.push(s)
  return s
}

describe('e2e: cancellation, crashes, post step', () => {
  it.concurrent('SIGINT mid-bake (workflow cancelled): the main step restores the alias before it exits, and fails', async () => {
    const s = await sim()
    const step = startStep({ env: s.env, inputs })
    await step.waitFor(/\[stage 1 · 10%\]/)
    expect((await aliasState(s)).weights).toEqual({ '2': 0.1 })
    step.child.kill('SIGINT')
    const main = await step.done
    expect(main.code).toBe(1)
    expect(main.outputs.result).toBe('rolled-back')
    expect(main.outputs.reason).toContain('cancelled')
    expect(await aliasState(s)).toMatchObject({ version: '1', weights: {} })
    // The cancelled stage's log group is closed, before the restore is logged.
    const log = main.stdout.split('\n')
    expect(log.filter(l => l.startsWith('::group::')).length).toBe(log.filter(l => l.startsWith('::endgroup::')).length)
    expect(log.findIndex(l => l.startsWith('restored:'))).toBeGreaterThan(log.lastIndexOf('::endgroup::'))
    // The post step then finds a finished deployment and does nothing: the main step's summary is the account.
    const post = await runStep({ env: s.env, inputs, dir: main.dir, state: main.state, step: 'post' })
    expect(post.stdout).toContain('the deployment of demo-api finished; nothing to clean up')
    expect(post.summary).toBe('')
  })

  it.concurrent('SIGKILL mid-bake leaves the alias split; the post step restores it from saved state, idempotently', async () => {
    const s = await sim()
    const step = startStep({ env: s.env, inputs })
    await step.waitFor(/\[stage 1 · 10%\]/)
    step.child.kill('SIGKILL')
    const main = await step.done
    expect(main.signal).toBe('SIGKILL')
    expect((await aliasState(s)).weights).toEqual({ '2': 0.1 })
    expect(JSON.parse(main.state.deployment!)).toMatchObject([
      { phase: 'shifting', functionId: 'demo-api', oldVersion: '1', newVersion: '2' }
    ])
    const post = await runStep({ env: s.env, inputs, dir: main.dir, state: main.state, step: 'post' })
    expect(post.code).toBe(0)
    expect(post.stdout.replace(/%25/g, '%')).toContain(
      'did not finish; alias "live" moved from version 1 (90%) + version 2 (10%) back to version 1 (100%)'
    )
    expect(await aliasState(s)).toMatchObject({ version: '1', weights: {} })
    // The killed main step wrote no summary; the post step's says what it found and what it did.
    expect(main.summary).toBe('')
    expect(post.summary.split('\n')[0]).toBe('## ⏪ lambda-canary post step on demo-api:live: alias restored')
    expect(post.summary).toContain('- **Found**: the release of version 2 over version 1 on alias "live" unfinished')
    expect(post.summary).toContain(
      '- **Did**: the deployment of version 2 did not finish; alias "live" moved from version 1 (90%) + version 2 (10%) back to version 1 (100%)'
    )
    const again = await runStep({ env: s.env, inputs, dir: main.dir, state: main.state, step: 'post' })
    expect(again.stdout).toContain('already points at version 1 only')
    expect(again.summary).toBe('')
    expect((await simCalls(s)).filter(c => c.operation === 'UpdateAlias' && c.status === 200)).toHaveLength(2)
  })

  it.concurrent('SIGKILL with no post step: the next run’s preflight restores the primary version first, then deploys', async () => {
    const s = await sim()
    const step = startStep({ env: s.env, inputs })
    await step.waitFor(/\[stage 1 · 10%\]/)
    step.child.kill('SIGKILL')
    await step.done
    await expireMark(s)
    const next = await runStep({ env: s.env, inputs: { ...inputs, steps: '50%:4s' } })
    if (next.code !== 0) throw new Error(next.stdout)
    expect(next.stdout.replace(/%25/g, '%')).toContain(
      '::warning::restored the split alias from version 1 (90%) + version 2 (10%) to version 1 (100%)'
    )
    // (The write that aged the mark set only the description.)
    const writes = (await simCalls(s))
      .filter(c => c.operation === 'UpdateAlias' && c.status === 200 && c.params?.RoutingConfig !== undefined)
      .map(c => c.params?.RoutingConfig)
    expect(writes).toEqual([
      { AdditionalVersionWeights: { '2': 0.1 } },
      { AdditionalVersionWeights: {} },
      { AdditionalVersionWeights: { '2': 0.5 } },
      { AdditionalVersionWeights: {} }
    ])
    expect(await aliasState(s)).toMatchObject({ version: '2', weights: {} })
  })

  it.concurrent('with on-split-alias: fail the next run stops without touching the split alias', async () => {
    const s = await sim()
    const step = startStep({ env: s.env, inputs })
    await step.waitFor(/\[stage 1 · 10%\]/)
    step.child.kill('SIGKILL')
    await step.done
    await expireMark(s)
    const next = await runStep({ env: s.env, inputs: { ...inputs, 'on-split-alias': 'fail' } })
    expect(next.code).toBe(1)
    expect(next.outputs.reason).toContain('on-split-alias is "fail", so nothing was changed')
    expect((await aliasState(s)).weights).toEqual({ '2': 0.1 })
  })
})

describe('e2e: a restore that cannot be written', () => {
  it.concurrent('fails loudly with the exact command, as an error annotation and in the summary; the post step tries again', async () => {
    const { readFileSync } = await import('node:fs')
    const { simEnv, startSimulator } = await import('../../sim/index.js')
    const scenario = JSON.parse(readFileSync('sim/scenarios/regression.json', 'utf8'))
    // Every UpdateAlias after the first shift fails with a 5xx, however often it is retried.
    scenario.faults = [
      {
        name: 'alias-writes-down',
        service: 'lambda',
        operations: ['UpdateAlias'],
        type: 'server-error',
        status: 503,
        probability: 1,
        windows: [{ from: 1.5, to: 100000 }]
      }
    ]
    const s = await startSimulator({ scenario, port: 0 })
    sims.push(s)
    // restore-timeout at its minimum: the restore keeps trying for 10 s (the default 5m would outlast the test).
    const main = await runStep({
      env: simEnv(s.url),
      inputs: { ...inputs, steps: '10%:30s', 'max-error-rate': '1%', 'restore-timeout': '10s' }
    })
    expect(main.code).toBe(1)
    expect(main.outputs.result).toBe('failed')
    const command =
      "aws lambda update-alias --function-name demo-api --name live --function-version 1 --routing-config 'AdditionalVersionWeights={}' --region us-east-1"
    expect(main.outputs.reason).toContain(`could NOT be restored to version 1 within 10s`)
    // What the alias serves at the end, read back.
    expect((main.outputs.reason ?? '').replace(/%25/g, '%')).toContain(
      `alias "live" is STILL split 90/10: version 1 (90%) + version 2 (10%) — run: ${command}`
    )
    expect(main.stdout).toContain(`::error title=lambda-canary%3A restore failed::The alias is NOT restored. Run: ${command}`)
    expect(main.summary).toContain(`### ⚠️ The alias is NOT restored\n\nRun this to put it back:\n\n\`\`\`sh\n${command}\n\`\`\``)
    expect((await aliasState(s)).weights).toEqual({ '2': 0.1 })
    // The restore did not happen, so the post step (state not "done") tries again, and says the same.
    const post = await runStep({ env: simEnv(s.url), inputs, dir: main.dir, state: main.state, step: 'post' })
    expect(post.code).toBe(1)
    expect(post.stdout).toContain(`Run: ${command}`)
    expect(post.stdout).toContain('alias "live" is STILL split')
    expect(post.summary.split('\n')[0]).toBe('## ❌ lambda-canary post step on demo-api:live: an alias is NOT restored')
    expect(post.summary).toContain(`Run this to put the alias back:\n\n\`\`\`sh\n${command}\n\`\`\``)
    // Both steps kept trying (the SDK's own retries included), far beyond the old ~25 tries in 4 s.
    const refused = (await simCalls(s)).filter(c => c.operation === 'UpdateAlias' && c.status === 503)
    expect(refused.length).toBeGreaterThan(25)
  }, 180_000)
})
