// Issue 11 item 9: reads are incremental. The release keeps one point per period; each poll reads only the
// periods that may still change (from the earliest not yet settled), plus the whole-window statistics, and the
// Sample the judge weighs is built from the store. What it weighs must equal a read of the whole window.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from '@jest/globals'
import type { GetMetricDataInput, GetMetricDataOutput } from '@aws-sdk/client-cloudwatch'
import { lambdaCanarySettings } from '../bench/judges.js'
import { WARMUP_SECONDS } from '../bench/run.js'
import { benchScenario, shiftScenario } from '../bench/scenario.js'
import { simCloudWatchApi } from '../bench/sim-api.js'
import { SimAlias, SimClock, SimFunction, SimProbe, SimWorld } from '../bench/sim-ports.js'
import { type CloudWatchApi, CloudWatchMetrics } from '../src/adapters/cloudwatch.js'
import type { MetricsQuery } from '../src/ports.js'
import { runDeployment } from '../src/rollout/index.js'
import { ReleaseWatch, settleHorizonMs } from '../src/rollout/watch.js'
import { ManualClock } from '../sim/clock.js'
import { DEFAULT_ORIGIN_EPOCH_MS, SimModel } from '../sim/model.js'
import { settingsFrom } from './helpers/fakes.js'

const P = 60_000
const T0 = Date.UTC(2026, 0, 1, 12, 0, 0)
const PER_PERIOD = ['newInvocations', 'newErrors', 'oldInvocations', 'oldErrors', 'newLatencyPeriod', 'oldLatencyPeriod']
const RANKS = ['newRankIncrease', 'oldRankIncrease', 'throttles']
/** The one datapoint that lands late: after metric-lag (2 min), before twice metric-lag. */
const LATE = { id: 'newErrors', period: 5, afterEndMs: 170_000 }

/** A CloudWatch of per-period datapoints that land on their own schedule; window queries are one datapoint over the range. */
class LaggingCloudWatch implements CloudWatchApi {
  now = T0
  readonly calls: { start: number; end: number; requested: number; returned: number }[] = []

  private value(id: string, period: number): number | undefined {
    const values: Record<string, number | undefined> = {
      newInvocations: 10 + (period % 4),
      newErrors: period === LATE.period ? 3 : period % 3 === 0 ? 1 : 0,
      oldInvocations: 90,
      oldErrors: period % 5 === 0 ? 1 : 0,
      newLatencyPeriod: 100 + period,
      oldLatencyPeriod: 90,
      newRankIncrease: 99,
      oldRankIncrease: 99.5,
      throttles: period % 7 === 0 ? 2 : undefined
    }
    return values[id]
  }

  /** When a datapoint becomes visible: 20–110 s after its period ends, one of them later. */
  private landsAt(id: string, period: number): number {
    const end = T0 + (period + 1) * P
    if (id === LATE.id && period === LATE.period) return end + LATE.afterEndMs
    return end + 20_000 + ((period * 37 + id.length * 11) % 10) * 10_000
  }

  async getMetricData(input: GetMetricDataInput): Promise<GetMetricDataOutput> {
    const start = (input.StartTime as Date).getTime()
    const end = (input.EndTime as Date).getTime()
    let requested = 0
    const results = (input.MetricDataQueries ?? []).map(q => {
      const period = (q.MetricStat?.Period ?? 60) * 1000
      requested += Math.ceil((end - start) / period)
      const id = q.Id as string
      if (period === P && [...PER_PERIOD, ...RANKS].includes(id)) {
        const timestamps: Date[] = []
        const values: number[] = []
        for (let t = start; t < end; t += P) {
          const v = this.value(id, (t - T0) / P)
          if (v === undefined || this.landsAt(id, (t - T0) / P) > this.now) continue
          timestamps.push(new Date(t))
          values.push(v)
        }
        return { Id: id, Timestamps: timestamps, Values: values }
      }
      // One period over the whole range: a value that depends on where the range starts and ends.
      return { Id: id, Timestamps: [new Date(start)], Values: [(end - start) / P + (start - T0) / 1000] }
    })
    const returned = results.reduce((s, r) => s + r.Values.length, 0)
    this.calls.push({ start, end, requested, returned })
    return { MetricDataResults: results }
  }

  async describeAlarms() {
    return {}
  }
}

const settings = settingsFrom({ 'function-name': 'api', version: '2', 'metric-period': '1m', 'metric-lag': '2m', 'bake-time': '90m' })
const gate = {
  name: 'api-5xx',
  namespace: 'AWS/ApiGateway',
  metric: '5XXError',
  dimensions: { ApiName: 'api' },
  statistic: 'Sum',
  comparison: '>' as const,
  threshold: 5
}

/** Polls every 30 s for 90 minutes as watchStage's readSample does, and beside each a read of the whole window. */
async function pollBoth() {
  const cw = new LaggingCloudWatch()
  const metrics = new CloudWatchMetrics(cw, 'api', 'live')
  const watch = new ReleaseWatch(settings.run, T0)
  const looks: { at: number; merged: unknown; full: unknown; call: LaggingCloudWatch['calls']; held: number }[] = []
  for (let at = T0 + 30_000; at <= T0 + 90 * P; at += 30_000) {
    cw.now = at
    const end = Math.floor(at / P) * P
    if (end <= T0) continue
    const q: MetricsQuery = {
      newVersion: '2',
      oldVersion: '1',
      start: T0,
      end,
      periodSeconds: 60,
      latencyStatistic: 'p99',
      metricGates: [gate],
      latencyThresholds: { increaseMs: 500 }
    }
    const from = Math.min(watch.readFrom, end - P)
    const before = cw.calls.length
    const merged = watch.merge(await metrics.read({ ...q, ...(from > T0 ? { from } : {}) }), from, end, at)
    const call = cw.calls.slice(before)
    const full = await metrics.read(q)
    looks.push({ at, merged, full, call, held: watch.periodCount })
  }
  return looks
}

describe('incremental metric reads', () => {
  it('move StartTime forward once periods settle: the datapoints asked for and returned per poll stay bounded', async () => {
    const looks = await pollBoth()
    const horizon = settleHorizonMs(settings.run)
    // The first call of a poll reads the periods (the second, once reads are incremental, the window's statistics).
    const starts = looks.map(l => l.call[0]!.start)
    // The periods' call starts at the first shift until the first periods settle, then never goes back.
    expect(starts[0]).toBe(T0)
    for (const [i, s] of starts.entries()) expect(s).toBeGreaterThanOrEqual(starts[i - 1] ?? T0)
    const last = looks[looks.length - 1]!
    expect(starts[starts.length - 1]).toBeGreaterThanOrEqual(last.at - horizon - 2 * P)
    // Per poll: the per-period call covers at most horizon + one poll + a period (5 periods here), whatever the bake's length.
    const periodCall = (l: (typeof looks)[number]) => l.call[0]!
    const spans = looks.map(l => (periodCall(l).end - periodCall(l).start) / P)
    expect(Math.max(...spans)).toBeLessThanOrEqual(Math.ceil((horizon + 30_000) / P) + 1)
    const asked = looks.map(l => l.call.reduce((s, c) => s + c.requested, 0))
    const got = looks.map(l => l.call.reduce((s, c) => s + c.returned, 0))
    const half = Math.floor(looks.length / 2)
    // The last hour asks for no more than the first half-hour did: nothing grows with the bake.
    expect(Math.max(...asked.slice(half))).toBeLessThanOrEqual(Math.max(...asked.slice(0, half)))
    expect(Math.max(...got.slice(half))).toBeLessThanOrEqual(Math.max(...got.slice(0, half)))
    // A read of the whole window at the end asks for every period of every series (90 per series).
    expect(Math.max(...asked)).toBeLessThan(90)
  })

  it('give the judge what a read of the whole window gives, a datapoint landing after its period was read included', async () => {
    const looks = await pollBoth()
    for (const l of looks) expect(l.merged).toStrictEqual(l.full)
    // The late Errors datapoint was missing (pending) at a read and counted at a later one.
    const errorsOfLate = looks.map(
      l => (l.merged as { periods: { time: number; newErrors: number; newErrorsPending?: boolean }[] }).periods
    )
    const late = errorsOfLate.map(ps => ps.find(p => p.time === T0 + LATE.period * P))
    expect(late.some(p => p?.newErrorsPending === true)).toBe(true)
    expect(late[late.length - 1]).toMatchObject({ newErrors: 3 })
    expect(late[late.length - 1]?.newErrorsPending).toBeUndefined()
  })

  it('hold one point per period', async () => {
    const looks = await pollBoth()
    for (const l of looks) {
      const times = (l.merged as { periods: { time: number }[] }).periods.map(p => p.time)
      expect(new Set(times).size).toBe(times.length)
      expect([...times].sort((a, b) => a - b)).toEqual(times)
      expect(l.held).toBe(times.length)
    }
    // 90 minutes of periods, each held once, but the last (just ended: none of its datapoints has landed).
    expect(looks[looks.length - 1]?.held).toBe(89)
  })
})

/** A 20-minute canary at 1 s periods over the simulator; `full` strips `from` so every poll reads the whole window. */
async function simRun(full: boolean) {
  const healthy = JSON.parse(readFileSync(join(import.meta.dirname ?? 'bench', '..', 'bench', 'scenarios', 'healthy.json'), 'utf8'))
  healthy.metrics = { periodSeconds: 1, lagSeconds: { min: 1, max: 3 }, lagScope: 'datapoint' }
  const bench = benchScenario(healthy)
  const s = lambdaCanarySettings(bench.subject, {
    strategy: 'canary',
    'canary-weight': '10%',
    'bake-time': '20m',
    'metric-period': '1s',
    'metric-lag': '5s',
    'poll-interval': '10s',
    'baseline-window': '10m'
  })
  const start = DEFAULT_ORIGIN_EPOCH_MS + 300_000
  const origin = start - WARMUP_SECONDS * 1000
  const model = new SimModel(shiftScenario(bench.scenario, WARMUP_SECONDS), { seed: 3, originEpochMs: origin, aggregateTraffic: true })
  const world = new SimWorld(model, new ManualClock(origin), bench.subject.functionName, bench.subject.aliasName)
  world.advance(WARMUP_SECONDS * 1000)
  const api = simCloudWatchApi(world)
  const datapoints: number[] = []
  const counting: CloudWatchApi = {
    getMetricData: async input => {
      const out = await api.getMetricData(input)
      datapoints.push((out.MetricDataResults ?? []).reduce((n, r) => n + (r.Values?.length ?? 0), 0))
      return out
    },
    describeAlarms: input => api.describeAlarms(input)
  }
  const metrics = new CloudWatchMetrics(counting, bench.subject.functionName, bench.subject.aliasName)
  const read = metrics.read.bind(metrics)
  metrics.read = q => {
    const { from: _from, ...whole } = q
    return read(full ? whole : q)
  }
  const outcome = await runDeployment(s.run, s.deployments[0]!, {
    alias: new SimAlias(world),
    fn: new SimFunction(world),
    metrics,
    probe: new SimProbe(world),
    clock: new SimClock(world)
  })
  return { outcome, datapoints }
}

describe('a canary at 1 s periods over the simulator', () => {
  it('decides every look as reading the whole window does, with a bounded read per poll', async () => {
    const [incremental, whole] = [await simRun(false), await simRun(true)]
    const looks = (o: typeof incremental) => o.outcome.timeline.filter(e => e.type === 'poll' || e.type === 'stage-end')
    expect(looks(incremental).length).toBeGreaterThan(100)
    expect(looks(incremental)).toStrictEqual(looks(whole))
    expect(incremental.outcome.result).toBe('promoted')
    // The whole-window read returns thousands of datapoints at the end (1,200 periods × ~8 series); the incremental one a few hundred.
    expect(Math.max(...whole.datapoints)).toBeGreaterThan(5_000)
    expect(Math.max(...incremental.datapoints.slice(1))).toBeLessThan(500)
  })
})
