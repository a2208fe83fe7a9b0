// Two functions released in lockstep through dist/: only one regresses, both are restored.
import { afterAll, describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { simEnv, startSimulator } from '../../sim/index.js'
import { runWithPost } from './runner.js'
import { startCapture } from './capture.js'
import { aliasState, simCalls, SIM_TIMING } from './sim.js'

function scenario(workerErrorRate: number) {
  const s = JSON.parse(readFileSync('sim/scenarios/healthy.json', 'utf8'))
  s.name = 'two-functions'
  const worker = structuredClone(s.functions[0])
  worker.name = 'demo-worker'
  worker.versions[1].behavior.errorRate = workerErrorRate
  s.functions.push(worker)
  s.traffic.push({ ...s.traffic[0], function: 'demo-worker' })
  return s
}

const inputs = {
  'function-name': 'demo-api\ndemo-worker',
  version: '2\n2',
  strategy: 'custom',
  steps: '20%:4s, 50%:4s',
  ...SIM_TIMING,
  'max-error-rate': '1%'
}

const sims: { close(): Promise<void> }[] = []
afterAll(async () => {
  await Promise.all(sims.map(s => s.close()))
})

async function release(workerErrorRate: number, extraEnv: Record<string, string> = {}, extraInputs: Record<string, string> = {}) {
  const sim = await startSimulator({ scenario: scenario(workerErrorRate), port: 0 })
  sims.push(sim)
  const { main, post } = await runWithPost({ env: { ...simEnv(sim.url), ...extraEnv }, inputs: { ...inputs, ...extraInputs } })
  return { main, post, api: await aliasState(sim, 'demo-api'), worker: await aliasState(sim, 'demo-worker'), calls: await simCalls(sim) }
}

describe('e2e: several functions in lockstep', () => {
  it.concurrent('both healthy: both promoted, shifted stage by stage together', async () => {
    const { main, api, worker, calls } = await release(0.005)
    expect(main.code).toBe(0)
    expect(main.outputs.result).toBe('promoted')
    expect(main.outputs.version).toBe('demo-api=2,demo-worker=2')
    expect(api).toMatchObject({ version: '2', weights: {} })
    expect(worker).toMatchObject({ version: '2', weights: {} })
    const writes = calls
      .filter(c => c.operation === 'UpdateAlias')
      .map(
        c =>
          `${c.params?.FunctionName}:${JSON.stringify((c.params?.RoutingConfig as { AdditionalVersionWeights: object } | undefined)?.AdditionalVersionWeights)}`
      )
    // Both reach 20% before either reaches 50%, and both 50% before either is promoted.
    const at = (w: string) => writes.map((x, i) => (x.endsWith(w) ? i : -1)).filter(i => i >= 0)
    expect(Math.max(...at('{"2":0.2}'))).toBeLessThan(Math.min(...at('{"2":0.5}')))
    expect(Math.max(...at('{"2":0.5}'))).toBeLessThan(Math.min(...at('{}')))
    const rows = main.summary.split('\n').filter(l => /^\| [12] \| `demo-(api|worker)` \|/.test(l))
    expect(rows).toHaveLength(4) // a row per function per stage
  })

  it.concurrent('one GitHub Deployment records the whole lockstep release, and its failure', async () => {
    const api = await startCapture((req, res) => {
      res.statusCode = 201
      res.setHeader('content-type', 'application/json')
      res.end(JSON.stringify({ id: 500, ...JSON.parse(req.body || '{}') }))
    })
    sims.push(api)
    const { main } = await release(
      0.3,
      { GITHUB_API_URL: api.url, GITHUB_REPOSITORY: 'acme/api', GITHUB_SHA: 'abc' },
      { 'github-token': 'ghs_x', environment: 'production' }
    )
    expect(main.code).toBe(1)
    expect(api.requests.map(r => `${r.method} ${r.url}`)).toEqual([
      'POST /repos/acme/api/deployments',
      'POST /repos/acme/api/deployments/500/statuses',
      'POST /repos/acme/api/deployments/500/statuses'
    ])
    expect(JSON.parse(api.requests[0]!.body).payload).toMatchObject({
      function: 'demo-api, demo-worker',
      alias: 'live',
      fromVersion: 'demo-api=1,demo-worker=1',
      toVersion: 'demo-api=2,demo-worker=2'
    })
    expect(JSON.parse(api.requests[2]!.body)).toMatchObject({ state: 'failure', description: expect.stringMatching(/^demo-worker: /) })
  })

  it.concurrent('only the worker regresses: both aliases restored, the step fails and says which one', async () => {
    const { main, post, api, worker } = await release(0.3)
    expect(main.code).toBe(1)
    expect(main.outputs.result).toBe('rolled-back')
    expect(main.outputs.reason).toMatch(
      /^demo-worker: stage 1 \(20%\): error rate of the new version .*; every function was restored \(demo-api: rolled-back\)$/
    )
    expect(api).toMatchObject({ version: '1', weights: {} })
    expect(worker).toMatchObject({ version: '1', weights: {} })
    const timeline = JSON.parse(main.outputs.timeline!)
    expect(timeline.functions.map((f: { function: string; result: string }) => [f.function, f.result])).toEqual([
      ['demo-api', 'rolled-back'],
      ['demo-worker', 'rolled-back']
    ])
    expect(timeline.functions[0].reason).toMatch(/^restored with the other functions released in lockstep, because demo-worker: /)
    expect(main.summary.split('\n')[0]).toContain('lambda-canary rolled-back on demo-api, demo-worker (alias live, in lockstep)')
    expect(post.stdout).toContain('the deployment of demo-api finished; nothing to clean up')
  })
})
