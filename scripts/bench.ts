// `npm run bench -- [--runs N] [--seed S] [--scenarios FILE] [--json OUT] [--workers W] [--lag-scope period|datapoint] [--judges a,b]`
// Monte-Carlo comparison of the reference canary script, the reference CloudWatch alarm, a careful
// CodeDeploy alarm, a Flagger-like analysis and lambda-canary's own judge on simulated traffic in
// virtual time (see bench/harness.ts).
// The table goes to stdout and depends only on the options; timing goes to stderr.
import { writeFileSync } from 'node:fs'
import { availableParallelism } from 'node:os'
import { parseArgs } from 'node:util'
import { runBench } from '../bench/harness.js'
import { JUDGES, type JudgeName } from '../bench/judges.js'
import { formatTable, toJson } from '../bench/results.js'
import { DEFAULT_SCENARIOS, loadScenarioList, withLagScope } from '../bench/scenario.js'

const USAGE =
  'usage: npm run bench -- [--runs N] [--seed S] [--scenarios FILE] [--json OUT] [--workers W] [--lag-scope period|datapoint] [--judges a,b]'

function positiveInt(name: string, raw: string | undefined, fallback: number, min = 1): number {
  if (raw === undefined) return fallback
  const n = Number(raw)
  if (!Number.isInteger(n) || n < min) {
    process.stderr.write(`--${name} must be an integer >= ${min}, got "${raw}"\n${USAGE}\n`)
    process.exit(2)
  }
  return n
}

let values: {
  runs?: string
  seed?: string
  scenarios?: string
  json?: string
  workers?: string
  'lag-scope'?: string
  judges?: string
  help?: boolean
}
try {
  ;({ values } = parseArgs({
    options: {
      runs: { type: 'string' },
      seed: { type: 'string' },
      scenarios: { type: 'string' },
      json: { type: 'string' },
      workers: { type: 'string' },
      'lag-scope': { type: 'string' },
      judges: { type: 'string' },
      help: { type: 'boolean', short: 'h' }
    },
    strict: true
  }))
} catch (error) {
  process.stderr.write(`${(error as Error).message}\n${USAGE}\n`)
  process.exit(2)
}
if (values.help) {
  process.stdout.write(`${USAGE}\n`)
  process.exit(0)
}

const runs = positiveInt('runs', values.runs, 500)
const seed = positiveInt('seed', values.seed, 1, 0)
const workers = positiveInt('workers', values.workers, availableParallelism(), 0)
let scenarios = loadScenarioList(values.scenarios ?? DEFAULT_SCENARIOS)
// Overrides the scenarios' metrics.lagScope: "period" makes every series of a period visible at once,
// "datapoint" (the default scenarios) lets each series' datapoint arrive on its own.
const lagScope = values['lag-scope']
if (lagScope !== undefined) {
  if (lagScope !== 'period' && lagScope !== 'datapoint') {
    process.stderr.write(`--lag-scope must be "period" or "datapoint", got "${lagScope}"\n${USAGE}\n`)
    process.exit(2)
  }
  scenarios = scenarios.map(s => withLagScope(s, lagScope))
}

// A subset of the judges (comma-separated), e.g. --judges lambda-canary while tuning it.
const judges = values.judges?.split(',').map(j => j.trim())
const unknown = judges?.filter(j => !(JUDGES as readonly string[]).includes(j)) ?? []
if (judges?.length === 0 || unknown.length > 0) {
  process.stderr.write(`--judges must name some of ${JUDGES.join(', ')}, got "${values.judges}"\n${USAGE}\n`)
  process.exit(2)
}

const started = performance.now()
const report = await runBench({ runs, seed, scenarios, workers, ...(judges ? { judges: judges as JudgeName[] } : {}) })
const seconds = (performance.now() - started) / 1000

process.stdout.write(
  `lambda-canary judge benchmark: ${runs} runs per judge and scenario, seed ${seed}, virtual time; ` +
    `stages 10%:5m, 25%:10m, 50%:15m, 75%:10m, then 100% unless a scenario gives its own strategy; ` +
    `1 h of old-version traffic before each deployment${lagScope ? `; lag scope: ${lagScope}` : ''}\n\n`
)
process.stdout.write(`${formatTable(report)}\n\n`)
process.stdout.write(
  `${[
    'not promoted: runs that did not end promoted (for lambda-canary any result but "promoted"; see outcomes).',
    'detection: seconds from the first invocation the new version served while bad to the first restoring UpdateAlias,',
    '  over the runs rolled back after that invocation (n). bad inv.: invocations the new version served while bad,',
    "  up to the end of the deployment. duration: start of the deployment to its last alias write / lambda-canary's end."
  ].join('\n')}\n`
)
// A run that ended "failed" (not a verdict: an error, a conflict, a refused input) is worth a look.
for (const d of report.details) {
  const failed = d.outcomes.failed ?? 0
  if (failed === 0) continue
  const example = d.reasons.find(r => r.result === 'failed')?.example ?? ''
  process.stdout.write(`\nnote: ${d.judge} on ${d.scenario}: ${failed} run${failed > 1 ? 's' : ''} ended "failed", e.g. ${example}\n`)
}
if (values.json) {
  writeFileSync(values.json, toJson(report))
  process.stdout.write(`\nJSON written to ${values.json}\n`)
}
process.stderr.write(
  `${report.results.length} judge × scenario cells, ${runs * report.results.length} deployments in ${seconds.toFixed(1)} s wall time (${workers} worker${workers === 1 ? '' : 's'})\n`
)
