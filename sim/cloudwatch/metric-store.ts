/**
 * In-memory CloudWatch metric store with CloudWatch query semantics:
 *  - a metric is identified by namespace + name + the *exact* set of dimensions (no partial matching);
 *  - raw samples are kept per storage bucket (the scenario's metric period), so statistics over any
 *    query period — including one period spanning the whole window — are computed from all raw samples;
 *  - a bucket is visible only once `bucketEnd + lag` has passed (ingestion lag).
 * All times are epoch seconds.
 */
import { hashUnit } from '../rng.js'
import { Histogram, histBin, histValue } from './histogram.js'

export { HIST_BASE, HIST_MIN, Histogram, histBin, histValue } from './histogram.js'

export type Dimensions = Record<string, string>

export interface SeriesDef {
  namespace: string
  metricName: string
  dimensions: Dimensions
  unit: string
  /** Values are only ever 0 or 1 (counts): percentiles derive from sum/count, no raw samples kept. */
  binary: boolean
}

class Bucket {
  sum = 0
  count = 0
  min = Infinity
  max = -Infinity
  samples: number[] | null
  hist: Histogram | null
  /** Cached visibility time (the lag function is deterministic). */
  visible = Number.NaN
  constructor(keepSamples: boolean, histogram: boolean) {
    this.samples = keepSamples && !histogram ? [] : null
    this.hist = keepSamples && histogram ? new Histogram() : null
  }
}

/** Many samples of one series in one storage bucket at once (the aggregated traffic path). */
export interface SampleBatch {
  count: number
  sum: number
  min: number
  max: number
  /** Histogram bins lo, lo+1, … of the values (non-binary series only). */
  histLo?: number
  histCounts?: ArrayLike<number>
  histLength?: number
}

export class Series {
  readonly buckets = new Map<number, Bucket>()
  /** Cache of the most recently written bucket (samples arrive in time order). */
  lastIdx = Number.NaN
  lastBucket: Bucket | undefined
  constructor(
    readonly key: string,
    readonly def: SeriesDef
  ) {}
}

function dimensionsKey(dims: Dimensions): string {
  return Object.keys(dims)
    .sort()
    .map(k => `${k}=${dims[k]}`)
    .join(',')
}

function seriesKey(namespace: string, metricName: string, dims: Dimensions): string {
  return `${namespace}\u0000${metricName}\u0000${dimensionsKey(dims)}`
}

export type LagFn = (bucketIndex: number, seriesKey: string) => number

export interface MetricStoreOptions {
  /** Storage resolution in seconds. */
  resolution: number
  /** Ingestion lag (seconds after the bucket end) for a bucket. Must be deterministic. */
  lag: LagFn
  /** Keep a log-bucket histogram of non-binary values instead of every raw sample (approximate percentiles). */
  histograms?: boolean
}

export interface StatQuery {
  namespace: string
  metricName: string
  dimensions: Dimensions
  period: number
  stat: string
  unit?: string
}

export interface QueryWindow {
  /** Inclusive, already rounded by the caller. */
  start: number
  /** Exclusive. */
  end: number
  /** "Now": buckets whose end + lag is later are not visible yet. */
  now: number
}

export interface QueryResult {
  /** Period start times (epoch seconds), ascending. */
  timestamps: number[]
  values: number[]
}

export type ParsedStat =
  | { kind: 'Sum' | 'SampleCount' | 'Average' | 'Minimum' | 'Maximum' }
  | { kind: 'p'; p: number }
  /** Over the values v with lo < v <= hi (absolute bounds, either may be open): PR their percentage of all
   * values, TC their count, TM their mean (CloudWatch's percentile rank, trimmed count, trimmed mean). */
  | { kind: 'PR' | 'TC' | 'TM'; lo: number; hi: number }

const BOUND = String.raw`(-?\d+(?:\.\d+)?)?`
const RANGE_STAT = new RegExp(`^(PR|TC|TM)\\(${BOUND}:${BOUND}\\)$`, 'i')

/** Parse a statistic; returns null if unsupported. */
export function parseStat(stat: string): ParsedStat | null {
  if (stat === 'Sum' || stat === 'SampleCount' || stat === 'Average' || stat === 'Minimum' || stat === 'Maximum') {
    return { kind: stat }
  }
  const m = /^p(\d{1,2}(\.\d+)?|100(\.0+)?)$/.exec(stat)
  if (m) {
    const p = Number(m[1])
    if (p >= 0 && p <= 100) return { kind: 'p', p }
  }
  // Range statistics with absolute bounds: PR(:300), PR(100:2000), TC(0.005:0.030), TM(150:1000).
  // The percentage forms of TC/TM (TC(10%:90%), tc90) are not supported; PR has no percentage form.
  const r = RANGE_STAT.exec(stat)
  if (r) {
    const lo = r[2] === undefined ? Number.NEGATIVE_INFINITY : Number(r[2])
    const hi = r[3] === undefined ? Number.POSITIVE_INFINITY : Number(r[3])
    if (r[2] === undefined && r[3] === undefined) return null
    if (!(lo < hi)) return null
    return { kind: (r[1] as string).toUpperCase() as 'PR' | 'TC' | 'TM', lo, hi }
  }
  return null
}

interface Aggregate {
  sum: number
  count: number
  min: number
  max: number
  samples: number[] | null
  hist: Histogram | null
  /** Bucket histograms to merge (once, into one allocation) when a percentile is asked for. */
  parts?: Histogram[] | null
}

/** Nearest-rank percentile of sorted values: the smallest value with at least p% of samples <= it. */
export function nearestRank(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length
  const rank = Math.min(n, Math.max(1, Math.ceil((p / 100) * n)))
  return sorted[rank - 1] as number
}

/**
 * Count and sum of the values v with lo < v <= hi. From a histogram each value counts as its bin's value
 * clamped to the exact minimum and maximum (the value the percentiles report, so pN <= T exactly when
 * PR(:T) >= N); constant latencies stay exact.
 */
function inRange(agg: Aggregate, lo: number, hi: number, binary: boolean): { count: number; sum: number } {
  const within = (v: number) => v > lo && v <= hi
  if (agg.hist) {
    let count = 0
    let sum = 0
    const c = agg.hist.counts
    for (let i = 0; i < c.length; i++) {
      const n = c[i] as number
      if (n === 0) continue
      const v = Math.min(agg.max, Math.max(agg.min, histValue(agg.hist.lo + i)))
      if (within(v)) {
        count += n
        sum += n * v
      }
    }
    return { count, sum }
  }
  if (binary || !agg.samples) {
    const ones = agg.sum
    const zeros = agg.count - ones
    return { count: (within(0) ? zeros : 0) + (within(1) ? ones : 0), sum: within(1) ? ones : 0 }
  }
  let count = 0
  let sum = 0
  for (const v of agg.samples) {
    if (within(v)) {
      count++
      sum += v
    }
  }
  return { count, sum }
}

/** The statistic of one period's values; undefined when it has no value (a trimmed mean of nothing). */
function statValue(agg: Aggregate, stat: ParsedStat, binary: boolean): number | undefined {
  switch (stat.kind) {
    case 'PR':
      return (100 * inRange(agg, stat.lo, stat.hi, binary).count) / agg.count
    case 'TC':
      return inRange(agg, stat.lo, stat.hi, binary).count
    case 'TM': {
      const r = inRange(agg, stat.lo, stat.hi, binary)
      return r.count > 0 ? r.sum / r.count : undefined
    }
    case 'Sum':
      return agg.sum
    case 'SampleCount':
      return agg.count
    case 'Average':
      return agg.sum / agg.count
    case 'Minimum':
      return agg.min
    case 'Maximum':
      return agg.max
    case 'p': {
      if (agg.hist) {
        const rank = Math.min(agg.count, Math.max(1, Math.ceil((stat.p / 100) * agg.count)))
        return Math.min(agg.max, Math.max(agg.min, histValue(agg.hist.binOfRank(rank))))
      }
      if (binary || !agg.samples) {
        const zeros = agg.count - agg.sum
        const rank = Math.min(agg.count, Math.max(1, Math.ceil((stat.p / 100) * agg.count)))
        return rank <= zeros ? 0 : 1
      }
      const sorted = Float64Array.from(agg.samples).sort()
      return nearestRank(sorted, stat.p)
    }
  }
}

export class MetricStore {
  private readonly series = new Map<string, Series>()
  readonly resolution: number
  private readonly lag: LagFn
  readonly histograms: boolean

  constructor(opts: MetricStoreOptions) {
    if (!(opts.resolution > 0)) throw new RangeError('resolution must be > 0')
    this.resolution = opts.resolution
    this.lag = opts.lag
    this.histograms = opts.histograms ?? false
  }

  /** Get or create a series. */
  getSeries(def: SeriesDef): Series {
    const key = seriesKey(def.namespace, def.metricName, def.dimensions)
    let s = this.series.get(key)
    if (!s) {
      s = new Series(key, { ...def, dimensions: { ...def.dimensions } })
      this.series.set(key, s)
    }
    return s
  }

  findSeries(namespace: string, metricName: string, dims: Dimensions): Series | undefined {
    return this.series.get(seriesKey(namespace, metricName, dims))
  }

  allSeries(): Series[] {
    return [...this.series.values()]
  }

  private bucketAt(series: Series, epochSec: number): Bucket {
    const idx = Math.floor(epochSec / this.resolution)
    let b = idx === series.lastIdx ? series.lastBucket : series.buckets.get(idx)
    if (!b) {
      b = new Bucket(!series.def.binary, this.histograms)
      series.buckets.set(idx, b)
    }
    series.lastIdx = idx
    series.lastBucket = b
    return b
  }

  /** Record one sample stamped at `epochSec`. */
  add(series: Series, epochSec: number, value: number): void {
    const b = this.bucketAt(series, epochSec)
    b.sum += value
    b.count += 1
    if (value < b.min) b.min = value
    if (value > b.max) b.max = value
    b.samples?.push(value)
    b.hist?.add(histBin(value), 1)
  }

  /**
   * Record many samples stamped in the storage bucket of `epochSec` at once. A non-binary series
   * needs a store with `histograms: true` and the batch's histogram.
   */
  addBatch(series: Series, epochSec: number, batch: SampleBatch): void {
    if (batch.count <= 0) return
    const b = this.bucketAt(series, epochSec)
    if (b.samples) throw new Error('addBatch on a series that keeps raw samples: create the store with histograms: true')
    b.sum += batch.sum
    b.count += batch.count
    if (batch.min < b.min) b.min = batch.min
    if (batch.max > b.max) b.max = batch.max
    if (b.hist && batch.histCounts) b.hist.addCounts(batch.histLo ?? 0, batch.histCounts, batch.histLength ?? batch.histCounts.length)
  }

  /** Time at which bucket `idx` of `series` becomes visible. */
  visibleAt(series: Series, idx: number): number {
    return (idx + 1) * this.resolution + this.lag(idx, series.key)
  }

  /**
   * Statistic per period over [start, end). Periods are [start + i*period, start + (i+1)*period); a bucket
   * belongs to the period containing its start. Periods without visible samples are omitted.
   */
  query(q: StatQuery, w: QueryWindow): QueryResult {
    const stat = parseStat(q.stat)
    if (!stat) throw new Error(`unsupported statistic ${q.stat}`)
    const series = this.findSeries(q.namespace, q.metricName, q.dimensions)
    if (!series || (q.unit !== undefined && q.unit !== series.def.unit)) return { timestamps: [], values: [] }
    const res = this.resolution
    const kStart = Math.ceil(w.start / res - 1e-9)
    const kEnd = Math.ceil(w.end / res - 1e-9) // exclusive
    const aggs = new Map<number, Aggregate>()
    const take = (k: number, b: Bucket) => {
      if (Number.isNaN(b.visible)) b.visible = this.visibleAt(series, k)
      if (b.visible > w.now) return
      const pi = Math.floor((k * res - w.start) / q.period + 1e-9)
      let a = aggs.get(pi)
      if (!a) {
        a = {
          sum: 0,
          count: 0,
          min: Infinity,
          max: -Infinity,
          samples: series.def.binary || this.histograms ? null : [],
          hist: null,
          parts: !series.def.binary && this.histograms ? [] : null
        }
        aggs.set(pi, a)
      }
      a.sum += b.sum
      a.count += b.count
      if (b.min < a.min) a.min = b.min
      if (b.max > a.max) a.max = b.max
      if (a.samples && b.samples) for (const v of b.samples) a.samples.push(v)
      if (a.parts && b.hist && b.hist.counts.length > 0) a.parts.push(b.hist)
    }
    if (kEnd - kStart <= series.buckets.size * 4) {
      for (let k = kStart; k < kEnd; k++) {
        const b = series.buckets.get(k)
        if (b) take(k, b)
      }
    } else {
      for (const k of [...series.buckets.keys()].sort((a, b) => a - b)) {
        if (k >= kStart && k < kEnd) take(k, series.buckets.get(k) as Bucket)
      }
    }
    const out: QueryResult = { timestamps: [], values: [] }
    for (const pi of [...aggs.keys()].sort((a, b) => a - b)) {
      const a = aggs.get(pi) as Aggregate
      if (a.count === 0) continue
      const needsValues = stat.kind === 'p' || stat.kind === 'PR' || stat.kind === 'TC' || stat.kind === 'TM'
      if (a.parts && a.parts.length > 0 && needsValues) a.hist = mergeHistograms(a.parts)
      const value = statValue(a, stat, series.def.binary)
      if (value === undefined) continue
      out.timestamps.push(w.start + pi * q.period)
      out.values.push(value)
    }
    return out
  }
}

function mergeHistograms(parts: Histogram[]): Histogram {
  let lo = Infinity
  let hi = -Infinity
  for (const h of parts) {
    if (h.lo < lo) lo = h.lo
    if (h.lo + h.counts.length - 1 > hi) hi = h.lo + h.counts.length - 1
  }
  const out = new Histogram()
  out.ensure(lo, hi)
  const dst = out.counts
  for (const h of parts) {
    const off = h.lo - lo
    const src = h.counts
    for (let i = 0; i < src.length; i++) dst[off + i] = (dst[off + i] as number) + (src[i] as number)
  }
  return out
}

/** Build a lag function from a scenario lag spec. */
export function makeLagFn(spec: number | { min: number; max: number }, scope: 'period' | 'datapoint', seed: number): LagFn {
  if (typeof spec === 'number') return () => spec
  const { min, max } = spec
  if (max === min) return () => min
  return scope === 'period'
    ? idx => min + (max - min) * hashUnit(seed, 'lag', idx)
    : (idx, key) => min + (max - min) * hashUnit(seed, 'lag', idx, key)
}
