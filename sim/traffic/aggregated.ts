/**
 * Aggregated traffic (ModelOptions.aggregateTraffic): per source and storage period one Poisson count,
 * split binomially over the stretches between calls, by alias weight and into errors, with durations
 * drawn straight into a histogram. Each source and period has its own random stream.
 */
import { histBin, histValue, type SampleBatch } from '../cloudwatch/metric-store.js'
import { type Latency, type Phase, phaseAt, type VersionRecord, versionRecord } from '../lambda/records.js'
import { resolveTarget, type Target } from '../lambda/routing.js'
import { binomial, poisson, Rng } from '../rng.js'
import type { SimState } from '../state.js'
import { coldMultiplier, type Conditions } from './conditions.js'
import { LatencySampler } from './latency-sampler.js'
import type { TrafficRecorder } from './recorder.js'
import { rateAt, type RateSegment, type TrafficSource } from './sources.js'

export class AggregatedTraffic {
  private readonly samplers = new WeakMap<Latency, LatencySampler>()
  private readonly scaled = new Map<string, Latency>()

  constructor(
    private readonly state: SimState,
    private readonly recorder: TrafficRecorder,
    private readonly conditions: Conditions
  ) {}

  /** Every source's traffic up to tEnd. */
  generate(sources: TrafficSource[], tEnd: number): void {
    const res = this.state.metrics.resolution
    const originSec = this.state.originEpochMs / 1000
    for (const s of sources) {
      let t = s.aggT
      while (t < tEnd) {
        if (!(t < s.aggBucketEnd)) {
          // A new storage period: its own random stream, and its whole Poisson count drawn at once.
          let bucket = Math.floor((originSec + t) / res)
          if (bucket <= s.aggBucket) bucket = s.aggBucket + 1
          const rng = new Rng(this.state.seed, `traffic:${s.index}:period:${bucket}`)
          s.aggBucket = bucket
          s.aggBucketEnd = (bucket + 1) * res - originSec
          s.aggNext = () => rng.next()
          s.aggMass = rateIntegral(s, t, s.aggBucketEnd)
          s.aggLeft = poisson(s.aggNext, s.aggMass)
        }
        const end = Math.min(tEnd, s.aggBucketEnd, nextBreak(s, t), this.conditions.nextBreak(s.fn, t))
        // Given the period's count, arrivals are uniform over its rate mass: this stretch's share is binomial.
        const mass = rateIntegral(s, t, end)
        const n = mass >= s.aggMass || end === s.aggBucketEnd ? s.aggLeft : binomial(s.aggNext, s.aggLeft, mass / s.aggMass)
        s.aggLeft -= n
        s.aggMass = Math.max(0, s.aggMass - mass)
        if (n > 0) this.emitBatch(s, t, end, n)
        t = end
      }
      s.aggT = t
    }
  }

  /** n arrivals of a source in [a, b) (one storage period, constant rate and behaviour). */
  private emitBatch(s: TrafficSource, a: number, b: number, n: number): void {
    const next = s.aggNext
    const target = resolveTarget(s.fn, s.qualifier)
    if (!target) return
    let rest = n
    if (s.throttleRate > 0) {
      const throttled = binomial(next, n, s.throttleRate)
      if (throttled > 0) this.recorder.throttled(a, s.fn, target.resourceQualifier, s.qualifier, throttled)
      rest -= throttled
    }
    if (rest <= 0) return
    const rate = rateAt(s, a)
    if (!target.alias) {
      this.emitVersionBatch(s, a, b, target, target.version, rest, rate)
      return
    }
    // The alias's weights, as pickVersion applies them: each additional version in order, the rest to the primary.
    let left = rest
    let pLeft = 1
    for (const [v, w] of Object.entries(target.alias.routing ?? {})) {
      const k = pLeft > 0 ? binomial(next, left, Math.min(1, w / pLeft)) : 0
      left -= k
      pLeft -= w
      if (k > 0) this.emitVersionBatch(s, a, b, target, v, k, rate * w)
    }
    if (left > 0) this.emitVersionBatch(s, a, b, target, target.alias.functionVersion, left, rate * Math.max(0, pLeft))
  }

  /** k invocations of one version in [a, b); `rate` is the version's expected request rate (for cold starts). */
  private emitVersionBatch(s: TrafficSource, a: number, b: number, target: Target, executed: string, k: number, rate: number): void {
    const next = s.aggNext
    const ver = versionRecord(s.fn, executed)
    if (!ver) return
    const phase = phaseAt(ver.phases, a)
    const errors = binomial(next, k, this.conditions.errorRate(s.fn, ver, phase, a))
    const multiplier = this.conditions.latencyMultiplier(s.fn, a)
    const latency = multiplier === 1 ? phase.latency : this.scaledLatency(phase.latency, multiplier)
    const cold = this.conditions.coldStarts(s.fn, ver, phase, a, k, rate)
    const durations = this.samplerFor(latency).sample(next, k - cold)
    // The earliest of k arrivals uniform over [a, b).
    const firstAt = a + (b - a) * (1 - next() ** (1 / k))
    const served = { fn: s.fn, target, invokedQualifier: s.qualifier, executed, phase: phase.index, at: a, firstAt }
    if (cold === 0) {
      this.recorder.served({ ...served, invocations: k, errors, durations })
      return
    }
    // The cold invocations' share of the errors (each of the k invocations is as likely to have failed).
    const coldErrors = binomial(next, errors, cold / k)
    if (k > cold) this.recorder.served({ ...served, invocations: k - cold, errors: errors - coldErrors, durations })
    const coldDurations = coldBatch(next, latency, ver, cold)
    this.recorder.served({ ...served, invocations: cold, errors: coldErrors, durations: coldDurations })
  }

  private scaledLatency(l: Latency, m: number): Latency {
    const key = l.kind === 'constant' ? `c:${l.ms}:${m}` : `l:${l.mu}:${l.sigma}:${m}`
    let scaled = this.scaled.get(key)
    if (!scaled) {
      scaled = l.kind === 'constant' ? { kind: 'constant', ms: l.ms * m } : { kind: 'lognormal', mu: l.mu + Math.log(m), sigma: l.sigma }
      this.scaled.set(key, scaled)
    }
    return scaled
  }

  private samplerFor(l: Latency): LatencySampler {
    let sampler = this.samplers.get(l)
    if (!sampler) {
      sampler = l.kind === 'constant' ? LatencySampler.constant(l.ms) : LatencySampler.lognormal(l.mu, l.sigma)
      this.samplers.set(l, sampler)
    }
    return sampler
  }
}

/** Durations of n cold invocations: a warm draw times the version's cold multiplier, into a histogram batch. */
function coldBatch(next: () => number, l: Latency, ver: VersionRecord, n: number): SampleBatch {
  const spec = ver.behaviorSpec.coldStart
  const bins = new Map<number, number>()
  for (let i = 0; i < n; i++) {
    const z = Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next())
    const warm = l.kind === 'constant' ? l.ms : Math.exp(l.mu + l.sigma * z)
    const bin = histBin(warm * (spec ? coldMultiplier(spec, next()) : 1))
    bins.set(bin, (bins.get(bin) ?? 0) + 1)
  }
  const lo = Math.min(...bins.keys())
  const hi = Math.max(...bins.keys())
  const counts = new Float64Array(hi - lo + 1)
  let sum = 0
  for (const [bin, c] of bins) {
    counts[bin - lo] = c
    sum += c * histValue(bin)
  }
  return { count: n, sum, min: histValue(lo), max: histValue(hi), histLo: lo, histCounts: counts }
}

/** ∫ rate dt over [a, b) of a source's schedule. */
function rateIntegral(s: TrafficSource, a: number, b: number): number {
  let total = 0
  const sched = s.schedule
  for (let i = 0; i < sched.length; i++) {
    const seg = sched[i] as RateSegment
    const from = Math.max(a, seg.at)
    const to = Math.min(b, i + 1 < sched.length ? (sched[i + 1] as RateSegment).at : Infinity)
    if (to > from) total += seg.rate * (to - from)
  }
  return total
}

/** The next time after t at which the source's rate or a version's behaviour changes. */
function nextBreak(s: TrafficSource, t: number): number {
  let next = Infinity
  for (const seg of s.schedule) if (seg.at > t && seg.at < next) next = seg.at
  const scan = (phases: Phase[]) => {
    for (const p of phases) if (p.at > t && p.at < next) next = p.at
  }
  for (const v of s.fn.versions.values()) scan(v.phases)
  scan(s.fn.latest.phases)
  return next
}
