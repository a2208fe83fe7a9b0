// examples/sam/ end to end against the simulator: what `sam deploy` does to the function (new code in $LATEST,
// a published version, the AutoPublishAlias alias moved to it), then the workflow's own `run:` step that reads
// that version (with an `aws` stand-in on PATH that speaks to the simulator), then dist/ with the workflow's
// inputs — timing shortened for the simulator's 1-second periods — and the post step, as the runner runs them.
import { afterAll, describe, expect, it } from '@jest/globals'
import { GetFunctionConfigurationCommand, LambdaClient, PublishVersionCommand, UpdateAliasCommand } from '@aws-sdk/client-lambda'
import { execFile } from 'node:child_process'
import { chmodSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { promisify } from 'node:util'
import { type RunningSimulator, resolveScenario, type Scenario, sdkConfig, simEnv, startSimulator } from '../../sim/index.js'
import { samFunction, samWorkflow } from '../helpers/sam-example.js'
import { runWithPost } from './runner.js'
import { actionDefaults, aliasState, SIM_TIMING, simCalls } from './sim.js'

if (!existsSync('dist/main/index.js')) throw new Error('dist/main/index.js is missing: run npm run bundle')

const workflow = samWorkflow()
const fn = samFunction()
const FUNCTION = String(fn.properties.FunctionName)
const SAM_ALIAS = String(fn.properties.AutoPublishAlias)
const TRAFFIC_ALIAS = String(workflow.canary.with.alias)

/**
 * An `aws` command for the simulator that knows exactly one command line, the one the example runs:
 * `aws lambda get-alias --function-name F --name A --query FunctionVersion --output text`. Anything else
 * exits 2 so a changed example cannot pass by accident. Errors look like the CLI's (stderr, exit 254).
 */
const AWS_SHIM = `#!/usr/bin/env node
const { LambdaClient, GetAliasCommand } = require(require.resolve('@aws-sdk/client-lambda', { paths: [${JSON.stringify(resolve('.'))}] }))
const [service, command, ...rest] = process.argv.slice(2)
const opts = {}
for (let i = 0; i < rest.length; i += 2) opts[rest[i]] = rest[i + 1]
const known = ['--function-name', '--name', '--query', '--output']
const exact = service === 'lambda' && command === 'get-alias' && rest.length === 8 && Object.keys(opts).sort().join() === [...known].sort().join()
if (!exact || opts['--query'] !== 'FunctionVersion' || opts['--output'] !== 'text') {
  process.stderr.write('aws stand-in: unsupported command line: ' + process.argv.slice(2).join(' ') + '\\n')
  process.exit(2)
}
new LambdaClient({ maxAttempts: 1 })
  .send(new GetAliasCommand({ FunctionName: opts['--function-name'], Name: opts['--name'] }))
  .then(a => process.stdout.write(a.FunctionVersion + '\\n'))
  .catch(e => {
    process.stderr.write('An error occurred (' + e.name + ') when calling the GetAlias operation: ' + e.message + '\\n')
    process.exit(254)
  })
`

/** The healthy scenario, renamed to the template's function, with SAM's alias beside "live" and the example's alarms. */
function samScenario(): Scenario {
  const healthy = resolveScenario('healthy')
  const base = healthy.functions[0]
  if (!base) throw new Error('the healthy scenario has no function')
  const v1 = base.versions.find(v => v.version === '1')
  if (!v1) throw new Error('the healthy scenario has no version 1')
  const alarms = String(workflow.canary.with.alarms ?? '')
    .split(/[,\n]/)
    .map(s => s.trim())
    .filter(Boolean)
  return {
    ...healthy,
    name: 'sam-example',
    functions: [
      {
        ...base,
        name: FUNCTION,
        versions: [v1],
        aliases: [
          { name: TRAFFIC_ALIAS, functionVersion: '1', description: 'production traffic' },
          { name: SAM_ALIAS, functionVersion: '1' }
        ]
      }
    ],
    traffic: [{ function: FUNCTION, qualifier: TRAFFIC_ALIAS, ratePerSecond: 100 }],
    alarms: alarms.map(name => ({ name, initialState: 'OK' as const })),
    // `sam deploy` uploads new code: $LATEST changes (the simulator has no UpdateFunctionCode; a scripted update is its stand-in).
    events: [{ at: 0, type: 'updateLatest', function: FUNCTION, codeSha256: 'c2FtLWRlcGxveS1uZXctY29kZQ==', description: 'sam deploy' }]
  }
}

/** What CloudFormation does for AutoPublishAlias after the code update: publish a version, move SAM's alias to it. */
async function samDeploy(sim: RunningSimulator): Promise<string> {
  const lambda = new LambdaClient({ ...sdkConfig(sim.url), maxAttempts: 1 })
  const latest = await lambda.send(new GetFunctionConfigurationCommand({ FunctionName: FUNCTION }))
  expect(latest.CodeSha256).toBe('c2FtLWRlcGxveS1uZXctY29kZQ==')
  const published = await lambda.send(new PublishVersionCommand({ FunctionName: FUNCTION }))
  await lambda.send(new UpdateAliasCommand({ FunctionName: FUNCTION, Name: SAM_ALIAS, FunctionVersion: published.Version }))
  return String(published.Version)
}

/** The workflow's reader step, run as the runner runs a `run:` (bash -e -o pipefail), with the aws stand-in first on PATH. */
async function readVersionStep(sim: RunningSimulator): Promise<{ outputs: Record<string, string>; stdout: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'sam-example-'))
  const aws = join(dir, 'bin', 'aws')
  writeFileSync(join(dir, 'script.sh'), workflow.reader.run)
  await promisify(execFile)('mkdir', ['-p', join(dir, 'bin')])
  writeFileSync(aws, AWS_SHIM)
  chmodSync(aws, 0o755)
  const output = join(dir, 'output')
  writeFileSync(output, '')
  const env = { PATH: `${join(dir, 'bin')}:${process.env.PATH ?? ''}`, HOME: dir, GITHUB_OUTPUT: output, ...simEnv(sim.url) }
  const { stdout } = await promisify(execFile)('bash', ['--noprofile', '--norc', '-eo', 'pipefail', join(dir, 'script.sh')], { env })
  const outputs = Object.fromEntries(
    readFileSync(output, 'utf8')
      .split('\n')
      .filter(l => l.includes('='))
      .map(l => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)])
  )
  return { outputs, stdout }
}

/** The lambda-canary step with the example's inputs: its version from the reader step, its stages shortened for the simulator. */
function canaryInputs(version: string): Record<string, string> {
  const given = Object.fromEntries(Object.entries(workflow.canary.with).map(([k, v]) => [k, String(v)]))
  return {
    ...actionDefaults(),
    ...given,
    version,
    // A 50% canary of 4 s: enough invocations of the new version at 100 requests/s for every default gate.
    'canary-weight': '50%',
    'bake-time': '4s',
    ...SIM_TIMING
  }
}

const sims: RunningSimulator[] = []
afterAll(async () => {
  await Promise.all(sims.map(s => s.close()))
})

describe('e2e: examples/sam/workflow.yml against the simulator', () => {
  it('releases the version SAM published on "live", leaves SAM\'s alias alone, and a deploy without new code is "unchanged"', async () => {
    expect(workflow.canary.with.strategy).toBe('canary')
    const sim = await startSimulator({ scenario: samScenario(), port: 0 })
    sims.push(sim)
    const env = simEnv(sim.url)

    const published = await samDeploy(sim)
    expect(published).toBe('2')
    const samAlias = await aliasState(sim, FUNCTION, SAM_ALIAS)
    expect(samAlias.version).toBe('2')

    const read = await readVersionStep(sim)
    expect(read.outputs).toEqual({ [workflow.output]: published })

    const first = await runWithPost({ env, inputs: canaryInputs(read.outputs[workflow.output] ?? '') })
    if (first.main.code !== 0) throw new Error(`main step failed:\n${first.main.stdout}\n${first.main.stderr}`)
    expect(first.main.outputs).toMatchObject({ result: 'promoted', version: '2', 'previous-version': '1' })
    expect(first.post.code).toBe(0)
    expect(await aliasState(sim, FUNCTION, TRAFFIC_ALIAS)).toMatchObject({ version: '2', weights: {} })
    // The action wrote only "live": SAM's alias has the revision the simulated deploy gave it.
    expect(await aliasState(sim, FUNCTION, SAM_ALIAS)).toEqual(samAlias)
    const aliasWrites = (await simCalls(sim)).filter(c => c.operation === 'UpdateAlias').map(c => c.params?.Name)
    expect(aliasWrites.filter(name => name === SAM_ALIAS)).toHaveLength(1)
    expect(aliasWrites.filter(name => name !== SAM_ALIAS).every(name => name === TRAFFIC_ALIAS)).toBe(true)

    // The next push changes no code: SAM publishes nothing, its alias stays on 2, and lambda-canary changes nothing.
    const again = await readVersionStep(sim)
    expect(again.outputs).toEqual({ [workflow.output]: '2' })
    const writesBefore = (await simCalls(sim)).filter(c => c.changedState).length
    const second = await runWithPost({ env, inputs: canaryInputs(again.outputs[workflow.output] ?? '') })
    expect(second.main.code).toBe(0)
    expect(second.main.outputs.result).toBe('unchanged')
    expect((await simCalls(sim)).filter(c => c.changedState)).toHaveLength(writesBefore)
    expect(await aliasState(sim, FUNCTION, TRAFFIC_ALIAS)).toMatchObject({ version: '2', weights: {} })
  }, 120_000)

  it("the reader step fails the job when SAM's alias is missing, before lambda-canary runs", async () => {
    const scenario = samScenario()
    const only = scenario.functions[0]
    if (only) only.aliases = (only.aliases ?? []).filter(a => a.name !== SAM_ALIAS)
    const sim = await startSimulator({ scenario, port: 0 })
    sims.push(sim)
    const failed = await readVersionStep(sim).then(
      () => undefined,
      (e: { code?: number; stderr?: string }) => e
    )
    expect(failed?.code).toBe(254)
    expect(failed?.stderr).toContain('ResourceNotFoundException')
  }, 30_000)
})
