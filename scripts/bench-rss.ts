// `npm run bench:rss -- [--hours H] [--poll-interval D] [--rate R] [--sim-only]`
// Peak memory of one long bake: lambda-canary's runDeployment (the action's own adapters over the
// simulator's model, bench/sim-ports.ts) deploys a healthy version as a canary of 10% baking for H hours
// (default: the 6 hours a GitHub-hosted job may run, less the settle window) at 1 s metric periods, in
// virtual time, then builds the report (outputs, summary). The process's RSS is sampled at every sleep
// (every poll) and at the end; the peak is printed with the bake's length and the number of polls.
// The figure includes the simulator's model of that much traffic (its per-period metrics, as CloudWatch keeps them);
// `--sim-only` measures that alone: the same traffic generated in the same steps, nothing deployed or read.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { WARMUP_SECONDS } from '../bench/run.js'
import { lambdaCanarySettings } from '../bench/judges.js'
import { benchScenario, shiftScenario } from '../bench/scenario.js'
import { SimAlias, SimClock, SimFunction, SimMetrics, SimProbe, SimWorld } from '../bench/sim-ports.js'
import { formatDuration, parseDuration } from '../src/parse.js'
import { releaseReport } from '../src/report/index.js'
import { runDeployment } from '../src/rollout/index.js'
import { ManualClock } from '../sim/clock.js'
import { DEFAULT_ORIGIN_EPOCH_MS, SimModel } from '../sim/model.js'

const { values } = parseArgs({
  options: { hours: { type: 'string' }, 'poll-interval': { type: 'string' }, rate: { type: 'string' }, 'sim-only': { type: 'boolean' } }
})
const METRIC_PERIOD = 1
const METRIC_LAG = 5
const hours = Number(values.hours ?? 6)
const pollInterval = values['poll-interval'] ?? '10s'
const rate = Number(values.rate ?? 20)
if (!(hours > 0 && hours <= 6) || !(rate > 0)) {
  process.stderr.write('usage: npm run bench:rss -- [--hours H (0 < H <= 6)] [--poll-interval D] [--rate R]\n')
  process.exit(2)
}
// The plan must fit the job: the bake plus one settle window (metric-lag + metric-period) within `hours`.
const bakeSeconds = Math.round(hours * 3600) - METRIC_LAG - METRIC_PERIOD

const healthy = JSON.parse(readFileSync(join(import.meta.dirname ?? 'bench', '..', 'bench', 'scenarios', 'healthy.json'), 'utf8'))
healthy.name = 'rss'
healthy.traffic[0].ratePerSecond = rate
healthy.metrics = { periodSeconds: METRIC_PERIOD, lagSeconds: { min: 1, max: 3 }, lagScope: 'period' }
const bench = benchScenario(healthy)
const settings = lambdaCanarySettings(bench.subject, {
  strategy: 'canary',
  'canary-weight': '10%',
  'bake-time': `${bakeSeconds}s`,
  'metric-period': `${METRIC_PERIOD}s`,
  'metric-lag': `${METRIC_LAG}s`,
  'poll-interval': pollInterval,
  'baseline-window': '10m'
})

const initial = process.memoryUsage().rss
let peak = initial
let samples = 0
const gc = (globalThis as { gc?: () => void }).gc
let retainedPeak = 0
const sample = () => {
  if (gc && samples % 30 === 0) {
    gc()
    retainedPeak = Math.max(retainedPeak, process.memoryUsage().heapUsed)
  }
  peak = Math.max(peak, process.memoryUsage().rss)
  samples++
}
const start = DEFAULT_ORIGIN_EPOCH_MS + 300_000
const origin = start - WARMUP_SECONDS * 1000
const model = new SimModel(shiftScenario(bench.scenario, WARMUP_SECONDS), { seed: 1, originEpochMs: origin, aggregateTraffic: true })
const world = new SimWorld(model, new ManualClock(origin), bench.subject.functionName, bench.subject.aliasName)
world.advance(WARMUP_SECONDS * 1000)

class SampledClock extends SimClock {
  override async sleep(ms: number, signal?: AbortSignal): Promise<void> {
    sample()
    return super.sleep(ms, signal)
  }
}

const began = Date.now()
if (values['sim-only']) {
  // The simulator alone: the same traffic, its metrics kept as CloudWatch keeps them, nothing deployed or read.
  const step = parseDuration('poll-interval', pollInterval) * 1000
  for (let t = 0; t < (bakeSeconds + 60) * 1000; t += step) {
    sample()
    world.advance(step)
  }
  sample()
  process.stdout.write(
    `simulator only, ${formatDuration(bakeSeconds + 60)} of traffic: peak RSS ${Math.round(peak / 1024 / 1024)} MB (${samples} samples); heap used at the end: ${Math.round(process.memoryUsage().heapUsed / 1024 / 1024)} MB\n`
  )
  process.exit(0)
}
const outcome = await runDeployment(settings.run, settings.deployments[0]!, {
  alias: new SimAlias(world),
  fn: new SimFunction(world),
  metrics: new SimMetrics(world),
  probe: new SimProbe(world),
  clock: new SampledClock(world)
})
const release = releaseReport([outcome], settings.run, () => undefined)
sample()
const polls = outcome.timeline.filter(e => e.type === 'poll').length
const mb = (n: number) => `${Math.round(n / 1024 / 1024)} MB`
process.stdout.write(
  [
    `result: ${outcome.result} (${outcome.reason})`,
    `bake: ${formatDuration(bakeSeconds)} at ${METRIC_PERIOD}s metric periods, poll-interval ${formatDuration(parseDuration('poll-interval', pollInterval))}, ${rate} requests/s`,
    `virtual time: ${formatDuration(Math.round((outcome.finishedAt - outcome.startedAt) / 1000))}; polls kept in the timeline: ${polls}`,
    `timeline output: ${Buffer.byteLength(release.outputs.timeline ?? '')} bytes; summary: ${Buffer.byteLength(release.summary)} bytes`,
    `peak RSS: ${mb(peak)} (${samples} samples; ${mb(initial)} before the run); heap used at the end: ${mb(process.memoryUsage().heapUsed)}`,
    ...(gc ? [`peak heap retained (after a full GC every 30 polls): ${mb(retainedPeak)}`] : []),
    `wall time: ${formatDuration(Math.round((Date.now() - began) / 1000))}`
  ]
    .map(line => `${line}\n`)
    .join('')
)
