// `npm run demo`: the action as a user would first see it, with no AWS account. Builds dist/ if it is
// missing, starts the local simulator, releases a healthy version (promoted) and then a faulty one
// (rolled back), and prints a short account of each and where the job summaries were written.
import { execFileSync } from 'node:child_process'
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { simEnv, startSimulator } from '../sim/index.js'
import { runStep } from '../sim/runner.js'

if (!existsSync('dist/main/index.js') || !existsSync('dist/post/index.js')) {
  console.log('dist/ is missing: building it (npm run bundle)…')
  execFileSync('npm', ['run', '-s', 'bundle'], { stdio: 'inherit' })
}

const out = mkdtempSync(join(tmpdir(), 'lambda-canary-demo-'))
const inputs = {
  'function-name': 'demo-api',
  alias: 'live',
  version: '2',
  strategy: 'custom',
  steps: '10%:3s, 50%:3s',
  'max-error-rate': '1%',
  'latency-statistic': 'p90', // p99 needs 1000 invocations of each version; the demo's stages are seconds long
  'metric-period': '1s', // the simulator publishes 1-second metrics so the demo takes seconds, not minutes
  'metric-lag': '2s',
  'poll-interval': '1s',
  'on-insufficient-data': 'wait' // a busy machine can leave a 3-second stage short of data: extend it rather than fail
}

async function release(title: string, scenario: string, expected: string): Promise<boolean> {
  console.log(`\n━━ ${title} (simulator scenario "${scenario}") ━━`)
  const sim = await startSimulator({ scenario, port: 0 })
  try {
    const step = await runStep({ env: simEnv(sim.url), inputs })
    const summaryPath = join(out, `${scenario}-summary.md`)
    writeFileSync(summaryPath, step.summary)
    const state = (await (await fetch(`${sim.url}/_sim/state`)).json()) as {
      functions: { aliases: { name: string; functionVersion: string; routing?: Record<string, number> }[] }[]
    }
    const alias = state.functions[0]?.aliases.find(a => a.name === 'live')
    const progress = step.stdout
      .split('\n')
      .filter(l => /^(stage \d|\[stage|promoted:|restored:)/.test(l))
      .map(l => `  ${l.replace(/%25/g, '%')}`)
    console.log(progress.join('\n'))
    console.log(`  result: ${step.outputs.result} (exit code ${step.code}) — ${step.outputs.reason}`)
    console.log(
      `  alias "live" now: version ${alias?.functionVersion}${alias?.routing && Object.keys(alias.routing).length ? ` + ${JSON.stringify(alias.routing)}` : ', no routing'}`
    )
    console.log(`  job summary: ${summaryPath}`)
    return step.outputs.result === expected
  } finally {
    await sim.close()
  }
}

const promoted = await release('A healthy release of version 2', 'healthy', 'promoted')
const rolledBack = await release('A faulty release of version 2 (20% errors)', 'regression', 'rolled-back')
console.log(
  `\n${promoted && rolledBack ? 'Demo finished: one promotion, one rollback.' : 'Demo did NOT go as expected.'} Summaries in ${out}`
)
process.exit(promoted && rolledBack ? 0 : 1)
