/**
 * Deterministic pseudo-random numbers for the simulator.
 *
 * Every random stream is derived from (scenario seed, stream name), so independent parts of the
 * model (each traffic source, API faults, direct invokes, ids) never perturb each other's
 * sequences. That keeps runs reproducible even when the *timing* of API calls differs
 * (common random numbers for Monte-Carlo comparisons).
 */

/** 32-bit finalizer (MurmurHash3 fmix32). */
function mix32(h: number): number {
  h ^= h >>> 16
  h = Math.imul(h, 0x85ebca6b)
  h ^= h >>> 13
  h = Math.imul(h, 0xc2b2ae35)
  h ^= h >>> 16
  return h >>> 0
}

/** Hash any mix of strings and numbers into 32 bits. */
export function hash32(...parts: ReadonlyArray<string | number>): number {
  let h = 0x811c9dc5
  for (const part of parts) {
    const s = typeof part === 'number' ? `#${part}` : `$${part}`
    for (let i = 0; i < s.length; i++) {
      h ^= s.charCodeAt(i)
      h = Math.imul(h, 0x01000193)
    }
    h = mix32(h ^ 0x9e3779b9)
  }
  return h >>> 0
}

/** A deterministic uniform number in [0, 1) for the given key (stateless). */
export function hashUnit(...parts: ReadonlyArray<string | number>): number {
  // 53 bits from two independent hashes.
  const hi = hash32(...parts, 'hi') >>> 5
  const lo = hash32(...parts, 'lo') >>> 6
  return (hi * 67108864 + lo) / 9007199254740992
}

/** sfc32 generator seeded from (seed, stream). */
export class Rng {
  private a: number
  private b: number
  private c: number
  private d: number

  constructor(seed: number, stream: string) {
    this.a = hash32(seed, stream, 'a')
    this.b = hash32(seed, stream, 'b')
    this.c = hash32(seed, stream, 'c')
    this.d = 1
    for (let i = 0; i < 12; i++) this.nextUint32()
  }

  nextUint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0
    this.d = (this.d + 1) | 0
    this.a = this.b ^ (this.b >>> 9)
    this.b = (this.c + (this.c << 3)) | 0
    this.c = (this.c << 21) | (this.c >>> 11)
    this.c = (this.c + t) | 0
    return t >>> 0
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.nextUint32() / 4294967296
  }

  /** Exponential with the given rate (events per unit); Infinity for rate <= 0. Always consumes one draw. */
  exponential(rate: number): number {
    const u = this.next()
    if (!(rate > 0)) return Infinity
    return -Math.log(1 - u) / rate
  }

  /** Standard normal via Box-Muller. Always consumes exactly two draws (no caching) so draw counts stay fixed. */
  normal(): number {
    const u1 = this.next()
    const u2 = this.next()
    return Math.sqrt(-2 * Math.log(1 - u1)) * Math.cos(2 * Math.PI * u2)
  }

  /** A UUID-shaped id (version 4 layout) from this stream. */
  uuid(): string {
    const hex = (n: number) => n.toString(16).padStart(8, '0')
    const a = hex(this.nextUint32())
    const b = hex(this.nextUint32())
    const c = hex(this.nextUint32())
    const d = hex(this.nextUint32())
    const variant = ((parseInt(c.slice(0, 1), 16) & 0x3) | 0x8).toString(16)
    return `${a}-${b.slice(0, 4)}-4${b.slice(5, 8)}-${variant}${c.slice(1, 4)}-${c.slice(4, 8)}${d}`
  }
}

/** z-score of the 99th percentile of the standard normal distribution. */
export const Z99 = 2.3263478740408408

// ---------------------------------------------------------------------------------------------
// Count distributions for the aggregated traffic path (ModelOptions.aggregateTraffic): one draw
// per period and version instead of one per invocation.
// ---------------------------------------------------------------------------------------------

const LOG_FACTORIALS = (() => {
  const t = new Float64Array(256)
  for (let k = 1; k < 256; k++) t[k] = (t[k - 1] as number) + Math.log(k)
  return t
})()
const HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI)

/** ln(k!) for integers k >= 0 (a table below 256, Stirling's series above: error < 1e-15 there). */
function logFactorial(k: number): number {
  if (k < 256) return LOG_FACTORIALS[k] as number
  const x = k + 1
  const x2 = x * x
  return (x - 0.5) * Math.log(x) - x + HALF_LOG_2PI + (1 / 12 - (1 / 360 - 1 / (1260 * x2)) / x2) / x
}

/**
 * Poisson(mean) from a uniform source: multiplication (Knuth) below mean 10, Hörmann's PTRS
 * (transformed rejection with squeeze, 1993) above. Exact in distribution.
 */
export function poisson(next: () => number, mean: number): number {
  if (!(mean > 0)) return 0
  if (mean < 10) {
    const limit = Math.exp(-mean)
    let k = 0
    let p = next()
    while (p > limit) {
      k++
      p *= next()
    }
    return k
  }
  const slam = Math.sqrt(mean)
  const loglam = Math.log(mean)
  const b = 0.931 + 2.53 * slam
  const a = -0.059 + 0.02483 * b
  const invAlpha = 1.1239 + 1.1328 / (b - 3.4)
  const vr = 0.9277 - 3.6224 / (b - 2)
  for (;;) {
    const u = next() - 0.5
    const v = next()
    const us = 0.5 - Math.abs(u)
    const k = Math.floor(((2 * a) / us + b) * u + mean + 0.43)
    if (us >= 0.07 && v <= vr) return k
    if (k < 0 || (us < 0.013 && v > us)) continue
    if (Math.log(v) + Math.log(invAlpha) - Math.log(a / (us * us) + b) <= -mean + k * loglam - logFactorial(k)) return k
  }
}

/**
 * Binomial(n, p) from a uniform source: inversion (sequential search) when n·min(p, 1−p) < 10,
 * Hörmann's BTRS (transformed rejection with squeeze, 1993) otherwise. Exact in distribution.
 */
export function binomial(next: () => number, n: number, p: number): number {
  if (n <= 0 || !(p > 0)) return 0
  if (p >= 1) return n
  if (p > 0.5) return n - binomial(next, n, 1 - p)
  const q = 1 - p
  if (n * p < 10) {
    const s = p / q
    const a = (n + 1) * s
    let r = Math.exp(n * Math.log1p(-p))
    let u = next()
    let x = 0
    while (u > r) {
      u -= r
      x++
      if (x > n) return n // rounding: u can outlast the mass by ~1e-16
      r *= a / x - s
    }
    return x
  }
  const spq = Math.sqrt(n * p * q)
  const b = 1.15 + 2.53 * spq
  const a = -0.0873 + 0.0248 * b + 0.01 * p
  const c = n * p + 0.5
  const vr = 0.92 - 4.2 / b
  const alpha = (2.83 + 5.1 / b) * spq
  const lpq = Math.log(p / q)
  const m = Math.floor((n + 1) * p)
  const h = logFactorial(m) + logFactorial(n - m)
  for (;;) {
    const u = next() - 0.5
    const v = next()
    const us = 0.5 - Math.abs(u)
    const k = Math.floor(((2 * a) / us + b) * u + c)
    if (k < 0 || k > n) continue
    if (us >= 0.07 && v <= vr) return k
    const lv = Math.log((v * alpha) / (a / (us * us) + b))
    if (lv <= h - logFactorial(k) - logFactorial(n - k) + (k - m) * lpq) return k
  }
}

/** Standard normal CDF, via erfc. */
export function normalCdf(z: number): number {
  return 0.5 * erfc(-z / Math.SQRT2)
}

function erfc(x: number): number {
  // Numerical Recipes (3rd ed.) Erf::erfccheb: erfc(x) = t·exp(−x² + P(t)), t = 2/(2+|x|), with P a
  // Chebyshev series (close to double precision).
  const z = Math.abs(x)
  const t = 2 / (2 + z)
  const ty = 4 * t - 2
  const cof = [
    -1.3026537197817094, 6.4196979235649026e-1, 1.9476473204185836e-2, -9.561514786808631e-3, -9.46595344482036e-4, 3.66839497852761e-4,
    4.2523324806907e-5, -2.0278578112534e-5, -1.624290004647e-6, 1.30365583558e-6, 1.5626441722e-8, -8.5238095915e-8, 6.529054439e-9,
    5.059343495e-9, -9.91364156e-10, -2.27365122e-10, 9.6467911e-11, 2.394038e-12, -6.886027e-12, 8.94487e-13, 3.13092e-13, -1.12708e-13,
    3.81e-16, 7.106e-15, -1.523e-15, -9.4e-17, 1.21e-16, -2.8e-17
  ]
  let d = 0
  let dd = 0
  for (let j = cof.length - 1; j > 0; j--) {
    const tmp = d
    d = ty * d - dd + (cof[j] as number)
    dd = tmp
  }
  const r = t * Math.exp(-z * z + 0.5 * ((cof[0] as number) + ty * d) - dd)
  return x >= 0 ? r : 2 - r
}
