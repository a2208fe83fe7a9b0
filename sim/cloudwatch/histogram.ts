/** The log-bucket histogram the metric store keeps for latency series on the aggregated traffic path. */

/**
 * Log-spaced latency histogram (storage of non-binary series when the store is created with
 * `histograms: true`, as the model does for aggregated traffic). Bin k holds values in
 * [HIST_MIN · HIST_BASE^k, HIST_MIN · HIST_BASE^(k+1)); a percentile is the geometric middle of
 * its bin (within ±0.5% of a raw nearest-rank value), clamped to the exact minimum and maximum.
 */
export const HIST_BASE = 1.01
export const HIST_MIN = 0.01
const LN_HIST_BASE = Math.log(HIST_BASE)

export function histBin(value: number): number {
  if (!(value > HIST_MIN)) return 0
  return Math.floor(Math.log(value / HIST_MIN) / LN_HIST_BASE)
}

export function histValue(bin: number): number {
  return HIST_MIN * Math.exp((bin + 0.5) * LN_HIST_BASE)
}

const NO_COUNTS = new Float64Array(0)

export class Histogram {
  /** counts[i] is the count of bin lo + i. */
  lo = 0
  counts: Float64Array = NO_COUNTS

  /** Makes room for bins lo..hi (inclusive); grows by at least `slack` bins on a side that must grow. */
  ensure(lo: number, hi: number, slack = 0): void {
    const cur = this.counts
    if (cur.length === 0) {
      this.lo = lo
      this.counts = new Float64Array(hi - lo + 1)
      return
    }
    const curHi = this.lo + cur.length - 1
    if (lo >= this.lo && hi <= curHi) return
    const newLo = lo < this.lo ? Math.min(lo, this.lo - slack) : this.lo
    const newHi = hi > curHi ? Math.max(hi, curHi + slack) : curHi
    const next = new Float64Array(newHi - newLo + 1)
    next.set(cur, this.lo - newLo)
    this.lo = newLo
    this.counts = next
  }

  add(bin: number, n: number): void {
    this.ensure(bin, bin)
    const i = bin - this.lo
    this.counts[i] = (this.counts[i] as number) + n
  }

  /** Adds counts of bins lo, lo+1, … */
  addCounts(lo: number, counts: ArrayLike<number>, length = counts.length): void {
    if (length === 0) return
    this.ensure(lo, lo + length - 1, 64)
    const off = lo - this.lo
    const dst = this.counts
    for (let i = 0; i < length; i++) dst[off + i] = (dst[off + i] as number) + (counts[i] as number)
  }

  /** Bin of the nearest-rank value of rank `rank` (1-based). */
  binOfRank(rank: number): number {
    let acc = 0
    const c = this.counts
    for (let i = 0; i < c.length; i++) {
      acc += c[i] as number
      if (acc >= rank) return this.lo + i
    }
    return this.lo + c.length - 1
  }
}
