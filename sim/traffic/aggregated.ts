/**
 * Aggregated traffic (ModelOptions.aggregateTraffic): per source and storage period one Poisson count,
 * split binomially over the stretches between calls, by alias weight and into errors, with durations
 * drawn straight into a histogram. Each source and period has its own random stream.
 */
import { LatencySampler } from './latency-sampler.js'
import { type Latency, type Phase, phaseAt, versionRecord } from '../lambda/records.js'
import { resolveTarget, type Target } from '../lambda/routing.js'
import { binomial, poisson, Rng } from '../rng.js'
import type { SimState } from '../state.js'
import type { TrafficRecorder } from './recorder.js'
import type { RateSegment, TrafficSource } from './sources.js'

export class AggregatedTraffic {
  private readonly samplers = new WeakMap<Latency, LatencySampler>()

  constructor(
    private readonly state: SimState,
    private readonly recorder: TrafficRecorder
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
        const end = Math.min(tEnd, s.aggBucketEnd, nextBreak(s, t))
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
    if (!target.alias) {
      this.emitVersionBatch(s, a, b, target, target.version, rest)
      return
    }
    // The alias's weights, as pickVersion applies them: each additional version in order, the rest to the primary.
    let left = rest
    let pLeft = 1
    for (const [v, w] of Object.entries(target.alias.routing ?? {})) {
      const k = pLeft > 0 ? binomial(next, left, Math.min(1, w / pLeft)) : 0
      left -= k
      pLeft -= w
      if (k > 0) this.emitVersionBatch(s, a, b, target, v, k)
    }
    if (left > 0) this.emitVersionBatch(s, a, b, target, target.alias.functionVersion, left)
  }

  private emitVersionBatch(s: TrafficSource, a: number, b: number, target: Target, executed: string, k: number): void {
    const next = s.aggNext
    const ver = versionRecord(s.fn, executed)
    if (!ver) return
    const phase = phaseAt(ver.phases, a)
    const errors = binomial(next, k, phase.errorRate)
    const durations = this.samplerFor(phase.latency).sample(next, k)
    // The earliest of k arrivals uniform over [a, b).
    const firstAt = a + (b - a) * (1 - next() ** (1 / k))
    this.recorder.served({
      fn: s.fn,
      target,
      invokedQualifier: s.qualifier,
      executed,
      phase: phase.index,
      at: a,
      firstAt,
      invocations: k,
      errors,
      durations
    })
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
