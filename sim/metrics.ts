/**
 * In-memory CloudWatch metric store with CloudWatch query semantics:
 *  - a metric is identified by namespace + name + the *exact* set of dimensions (no partial matching);
 *  - raw samples are kept per storage bucket (the scenario's metric period), so statistics over any
 *    query period — including one period spanning the whole window — are computed from all raw samples;
 *  - a bucket is visible only once `bucketEnd + lag` has passed (ingestion lag).
 * All times are epoch seconds.
 */
import { hashUnit } from './rng.js';

export type Dimensions = Record<string, string>;

export interface SeriesDef {
  namespace: string;
  metricName: string;
  dimensions: Dimensions;
  unit: string;
  /** Values are only ever 0 or 1 (counts): percentiles derive from sum/count, no raw samples kept. */
  binary: boolean;
}

class Bucket {
  sum = 0;
  count = 0;
  min = Infinity;
  max = -Infinity;
  samples: number[] | null;
  constructor(keepSamples: boolean) {
    this.samples = keepSamples ? [] : null;
  }
}

export class Series {
  readonly buckets = new Map<number, Bucket>();
  /** Cache of the most recently written bucket (samples arrive in time order). */
  lastIdx = Number.NaN;
  lastBucket: Bucket | undefined;
  constructor(
    readonly key: string,
    readonly def: SeriesDef,
  ) {}
}

export function dimensionsKey(dims: Dimensions): string {
  return Object.keys(dims)
    .sort()
    .map((k) => `${k}=${dims[k]}`)
    .join(',');
}

export function seriesKey(namespace: string, metricName: string, dims: Dimensions): string {
  return `${namespace}\u0000${metricName}\u0000${dimensionsKey(dims)}`;
}

export type LagFn = (bucketIndex: number, seriesKey: string) => number;

export interface MetricStoreOptions {
  /** Storage resolution in seconds. */
  resolution: number;
  /** Ingestion lag (seconds after the bucket end) for a bucket. Must be deterministic. */
  lag: LagFn;
}

export interface StatQuery {
  namespace: string;
  metricName: string;
  dimensions: Dimensions;
  period: number;
  stat: string;
  unit?: string;
}

export interface QueryWindow {
  /** Inclusive, already rounded by the caller. */
  start: number;
  /** Exclusive. */
  end: number;
  /** "Now": buckets whose end + lag is later are not visible yet. */
  now: number;
}

export interface QueryResult {
  /** Period start times (epoch seconds), ascending. */
  timestamps: number[];
  values: number[];
}

/** Parse a statistic; returns null if unsupported. */
export function parseStat(stat: string): { kind: 'Sum' | 'SampleCount' | 'Average' | 'Minimum' | 'Maximum' } | { kind: 'p'; p: number } | null {
  if (stat === 'Sum' || stat === 'SampleCount' || stat === 'Average' || stat === 'Minimum' || stat === 'Maximum') {
    return { kind: stat };
  }
  const m = /^p(\d{1,2}(\.\d+)?|100(\.0+)?)$/.exec(stat);
  if (m) {
    const p = Number(m[1]);
    if (p >= 0 && p <= 100) return { kind: 'p', p };
  }
  return null;
}

interface Aggregate {
  sum: number;
  count: number;
  min: number;
  max: number;
  samples: number[] | null;
}

/** Nearest-rank percentile of sorted values: the smallest value with at least p% of samples <= it. */
export function nearestRank(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  const rank = Math.min(n, Math.max(1, Math.ceil((p / 100) * n)));
  return sorted[rank - 1] as number;
}

function statValue(agg: Aggregate, stat: NonNullable<ReturnType<typeof parseStat>>, binary: boolean): number {
  switch (stat.kind) {
    case 'Sum':
      return agg.sum;
    case 'SampleCount':
      return agg.count;
    case 'Average':
      return agg.sum / agg.count;
    case 'Minimum':
      return agg.min;
    case 'Maximum':
      return agg.max;
    case 'p': {
      if (binary || !agg.samples) {
        const zeros = agg.count - agg.sum;
        const rank = Math.min(agg.count, Math.max(1, Math.ceil((stat.p / 100) * agg.count)));
        return rank <= zeros ? 0 : 1;
      }
      const sorted = Float64Array.from(agg.samples).sort();
      return nearestRank(sorted, stat.p);
    }
  }
}

export class MetricStore {
  private readonly series = new Map<string, Series>();
  readonly resolution: number;
  private readonly lag: LagFn;

  constructor(opts: MetricStoreOptions) {
    if (!(opts.resolution > 0)) throw new RangeError('resolution must be > 0');
    this.resolution = opts.resolution;
    this.lag = opts.lag;
  }

  /** Get or create a series. */
  getSeries(def: SeriesDef): Series {
    const key = seriesKey(def.namespace, def.metricName, def.dimensions);
    let s = this.series.get(key);
    if (!s) {
      s = new Series(key, { ...def, dimensions: { ...def.dimensions } });
      this.series.set(key, s);
    }
    return s;
  }

  findSeries(namespace: string, metricName: string, dims: Dimensions): Series | undefined {
    return this.series.get(seriesKey(namespace, metricName, dims));
  }

  allSeries(): Series[] {
    return [...this.series.values()];
  }

  /** Record one sample stamped at `epochSec`. */
  add(series: Series, epochSec: number, value: number): void {
    const idx = Math.floor(epochSec / this.resolution);
    let b = idx === series.lastIdx ? series.lastBucket : series.buckets.get(idx);
    if (!b) {
      b = new Bucket(!series.def.binary);
      series.buckets.set(idx, b);
    }
    series.lastIdx = idx;
    series.lastBucket = b;
    b.sum += value;
    b.count += 1;
    if (value < b.min) b.min = value;
    if (value > b.max) b.max = value;
    b.samples?.push(value);
  }

  /** Time at which bucket `idx` of `series` becomes visible. */
  visibleAt(series: Series, idx: number): number {
    return (idx + 1) * this.resolution + this.lag(idx, series.key);
  }

  /**
   * Statistic per period over [start, end). Periods are [start + i*period, start + (i+1)*period); a bucket
   * belongs to the period containing its start. Periods without visible samples are omitted.
   */
  query(q: StatQuery, w: QueryWindow): QueryResult {
    const stat = parseStat(q.stat);
    if (!stat) throw new Error(`unsupported statistic ${q.stat}`);
    const series = this.findSeries(q.namespace, q.metricName, q.dimensions);
    if (!series || (q.unit !== undefined && q.unit !== series.def.unit)) return { timestamps: [], values: [] };
    const res = this.resolution;
    const kStart = Math.ceil(w.start / res - 1e-9);
    const kEnd = Math.ceil(w.end / res - 1e-9); // exclusive
    const aggs = new Map<number, Aggregate>();
    const take = (k: number, b: Bucket) => {
      if (this.visibleAt(series, k) > w.now) return;
      const pi = Math.floor((k * res - w.start) / q.period + 1e-9);
      let a = aggs.get(pi);
      if (!a) {
        a = { sum: 0, count: 0, min: Infinity, max: -Infinity, samples: series.def.binary ? null : [] };
        aggs.set(pi, a);
      }
      a.sum += b.sum;
      a.count += b.count;
      if (b.min < a.min) a.min = b.min;
      if (b.max > a.max) a.max = b.max;
      if (a.samples && b.samples) for (const v of b.samples) a.samples.push(v);
    };
    if (kEnd - kStart <= series.buckets.size * 4) {
      for (let k = kStart; k < kEnd; k++) {
        const b = series.buckets.get(k);
        if (b) take(k, b);
      }
    } else {
      for (const k of [...series.buckets.keys()].sort((a, b) => a - b)) {
        if (k >= kStart && k < kEnd) take(k, series.buckets.get(k) as Bucket);
      }
    }
    const out: QueryResult = { timestamps: [], values: [] };
    for (const pi of [...aggs.keys()].sort((a, b) => a - b)) {
      const a = aggs.get(pi) as Aggregate;
      if (a.count === 0) continue;
      out.timestamps.push(w.start + pi * q.period);
      out.values.push(statValue(a, stat, series.def.binary));
    }
    return out;
  }
}

/** Build a lag function from a scenario lag spec. */
export function makeLagFn(spec: number | { min: number; max: number }, scope: 'period' | 'datapoint', seed: number): LagFn {
  if (typeof spec === 'number') return () => spec;
  const { min, max } = spec;
  if (max === min) return () => min;
  return scope === 'period'
    ? (idx) => min + (max - min) * hashUnit(seed, 'lag', idx)
    : (idx, key) => min + (max - min) * hashUnit(seed, 'lag', idx, key);
}
