/**
 * Latency samples for the aggregated traffic path (ModelOptions.aggregateTraffic): draws the durations
 * of n invocations straight into the metric store's log-bucket histogram (sim/cloudwatch/metric-store.ts Histogram),
 * one uniform per invocation, with Walker/Vose alias tables over the bins of the latency distribution.
 * A log-normal latency is exact up to the bin width (1%); a constant latency is exact.
 */
import { histBin, histValue, HIST_BASE, HIST_MIN, type SampleBatch } from '../cloudwatch/metric-store.js'
import { normalCdf } from '../rng.js'

/** Standard deviations of the log-normal covered on each side (the rest, ~1e-12, is folded into the end bins). */
const TAIL_SIGMAS = 7

export class LatencySampler {
  /** First histogram bin of the table. */
  private readonly lo: number
  private readonly size: number
  private readonly prob: Float64Array
  private readonly alias: Int32Array
  private readonly rep: Float64Array
  private readonly counts: Float64Array
  private readonly constantMs: number | undefined
  private used = { from: 0, to: -1 }

  private constructor(lo: number, probabilities: Float64Array | undefined, constantMs?: number) {
    this.lo = lo
    this.constantMs = constantMs
    this.size = probabilities ? probabilities.length : 1
    this.prob = new Float64Array(this.size)
    this.alias = new Int32Array(this.size)
    this.rep = new Float64Array(this.size)
    this.counts = new Float64Array(this.size)
    for (let i = 0; i < this.size; i++) this.rep[i] = constantMs ?? histValue(lo + i)
    if (probabilities) buildAlias(probabilities, this.prob, this.alias)
    else this.prob[0] = 1
  }

  static constant(ms: number): LatencySampler {
    const value = Math.round(ms * 100) / 100
    return new LatencySampler(histBin(value), undefined, value)
  }

  /** ln(duration) ~ Normal(mu, sigma). */
  static lognormal(mu: number, sigma: number): LatencySampler {
    if (!(sigma > 0)) return LatencySampler.constant(Math.exp(mu))
    const lo = histBin(Math.exp(mu - TAIL_SIGMAS * sigma))
    const hi = histBin(Math.exp(mu + TAIL_SIGMAS * sigma))
    const p = new Float64Array(hi - lo + 1)
    const lnMin = Math.log(HIST_MIN)
    const lnBase = Math.log(HIST_BASE)
    let prev = 0
    for (let k = lo; k <= hi; k++) {
      const cdf = k === hi ? 1 : normalCdf((lnMin + (k + 1) * lnBase - mu) / sigma)
      p[k - lo] = Math.max(0, cdf - prev)
      prev = cdf
    }
    return new LatencySampler(lo, p)
  }

  /**
   * Draws n durations; returns them as a batch (count, sum, min, max, histogram bins). The batch's
   * histogram view is only valid until the next call.
   */
  sample(next: () => number, n: number): SampleBatch {
    const counts = this.counts
    for (let i = this.used.from; i <= this.used.to; i++) counts[i] = 0
    if (n <= 0) {
      this.used = { from: 0, to: -1 }
      return { count: 0, sum: 0, min: Infinity, max: -Infinity }
    }
    if (this.constantMs !== undefined) {
      counts[0] = n
      this.used = { from: 0, to: 0 }
      return {
        count: n,
        sum: n * this.constantMs,
        min: this.constantMs,
        max: this.constantMs,
        histLo: this.lo,
        histCounts: counts,
        histLength: 1
      }
    }
    const size = this.size
    const prob = this.prob
    const alias = this.alias
    const rep = this.rep
    let sum = 0
    let from = size
    let to = -1
    for (let j = 0; j < n; j++) {
      const u = next() * size
      const i = Math.floor(u)
      const bin = u - i < (prob[i] as number) ? i : (alias[i] as number)
      counts[bin] = (counts[bin] as number) + 1
      sum += rep[bin] as number
      if (bin < from) from = bin
      if (bin > to) to = bin
    }
    this.used = { from, to }
    return {
      count: n,
      sum,
      min: rep[from] as number,
      max: rep[to] as number,
      histLo: this.lo + from,
      histCounts: counts.subarray(from, to + 1)
    }
  }
}

/** Vose's alias method: prob/alias tables from probabilities that sum to (about) 1. */
function buildAlias(p: Float64Array, prob: Float64Array, alias: Int32Array): void {
  const n = p.length
  const total = p.reduce((a, b) => a + b, 0)
  const scaled = new Float64Array(n)
  const small: number[] = []
  const large: number[] = []
  for (let i = 0; i < n; i++) {
    scaled[i] = ((p[i] as number) * n) / total
    ;((scaled[i] as number) < 1 ? small : large).push(i)
  }
  while (small.length > 0 && large.length > 0) {
    const s = small.pop() as number
    const l = large.pop() as number
    prob[s] = scaled[s] as number
    alias[s] = l
    scaled[l] = (scaled[l] as number) + (scaled[s] as number) - 1
    ;((scaled[l] as number) < 1 ? small : large).push(l)
  }
  for (const i of large) {
    prob[i] = 1
    alias[i] = i
  }
  for (const i of small) {
    prob[i] = 1
    alias[i] = i
  }
}
