/**
 * Realistic behaviours layered on a version's phases, shared by the per-invocation and the aggregated
 * traffic paths (sim/scenario.schema.json, sim/README.md "Realistic behaviours"):
 *  - bursty errors (`behavior.bursty`): per period (epoch-aligned) the version's error rate is drawn from
 *    Beta(α, β) with the phase's mean p and α + β = 1/ρ − 1 — beta-binomial counts, independently per version;
 *  - cold starts (`behavior.coldStart`): the version keeps ⌈c · rate · mean warm duration⌉ containers; when that
 *    target rises above what it has, each new container's first invocation is cold (duration × U(lo, hi));
 *  - shared outages (`function.outages`): a window hitting every version of the function at once.
 * Every draw is keyed by (seed, function, version, period) or taken from a stream of its own, so a scenario
 * without these behaviours consumes exactly the draws it did before they existed.
 */
import type { FunctionRecord, Latency, Phase, VersionRecord } from '../lambda/records.js'
import { Rng } from '../rng.js'
import type { BurstySpec, ColdStartSpec } from '../scenario.js'
import type { SimState } from '../state.js'

interface Outage {
  from: number
  to: number
  errorRate: number
  latencyMultiplier: number
}

interface Containers {
  warm: number
  lastUsed: number
}

const DEFAULT_BURST_PERIOD = 60
const DEFAULT_CONTAINERS_PER_CONCURRENCY = 10
const DEFAULT_IDLE_SECONDS = 600

export class Conditions {
  private readonly outages = new Map<string, Outage[]>()
  private readonly bursts = new Map<string, { key: string; rate: number }>()
  private readonly containers = new Map<string, Containers>()
  /** "function|version" of the versions an alias routes to when the scenario starts (they begin warm). */
  private readonly startWarm = new Set<string>()
  /** Draws of cold-start multipliers on the per-invocation path (the aggregated path uses the period's stream). */
  readonly coldRng: Rng

  constructor(private readonly state: SimState) {
    for (const f of state.scenario.functions) {
      const list = (f.outages ?? []).map(o => ({
        from: o.at,
        to: o.at + o.durationSeconds,
        errorRate: o.errorRate ?? 0,
        latencyMultiplier: o.latencyMultiplier ?? 1
      }))
      if (list.length > 0) this.outages.set(f.name, list)
      for (const a of f.aliases ?? []) {
        this.startWarm.add(`${f.name}|${a.functionVersion}`)
        for (const v of Object.keys(a.routing ?? {})) this.startWarm.add(`${f.name}|${v}`)
      }
    }
    this.coldRng = new Rng(state.seed, 'cold-starts')
  }

  private outageAt(fn: string, t: number): Outage | undefined {
    const list = this.outages.get(fn)
    if (!list) return undefined
    for (const o of list) if (t >= o.from && t < o.to) return o
    return undefined
  }

  /** The probability that an invocation of `ver` in `phase` at model time t fails. */
  errorRate(fn: FunctionRecord, ver: VersionRecord, phase: Phase, t: number): number {
    let p = phase.errorRate
    const bursty = ver.behaviorSpec.bursty
    if (bursty && p > 0 && p < 1) p = this.burstRate(fn.name, ver.version, phase, t, bursty)
    const o = this.outageAt(fn.name, t)
    if (o && o.errorRate > 0) p = 1 - (1 - p) * (1 - o.errorRate)
    return p
  }

  /** Durations at model time t are multiplied by this (1 outside outages). */
  latencyMultiplier(fn: FunctionRecord, t: number): number {
    return this.outageAt(fn.name, t)?.latencyMultiplier ?? 1
  }

  /** The next time after t at which an outage starts or ends, or a bursty period of one of fn's versions ends. */
  nextBreak(fn: FunctionRecord, t: number): number {
    let next = Infinity
    for (const o of this.outages.get(fn.name) ?? []) {
      if (o.from > t && o.from < next) next = o.from
      if (o.to > t && o.to < next) next = o.to
    }
    const origin = this.state.originEpochMs / 1000
    const scan = (v: VersionRecord) => {
      const b = v.behaviorSpec.bursty
      if (!b) return
      const period = b.periodSeconds ?? DEFAULT_BURST_PERIOD
      let end = (Math.floor((origin + t) / period + 1e-9) + 1) * period - origin
      if (end <= t) end += period
      if (end < next) next = end
    }
    for (const v of fn.versions.values()) scan(v)
    scan(fn.latest)
    return next
  }

  private burstRate(fn: string, version: string, phase: Phase, t: number, spec: BurstySpec): number {
    const period = spec.periodSeconds ?? DEFAULT_BURST_PERIOD
    const index = Math.floor((this.state.epochSecondsAt(t) + 1e-9) / period)
    const key = `${phase.index}:${index}`
    const id = `${fn}|${version}`
    const cached = this.bursts.get(id)
    if (cached?.key === key) return cached.rate
    const rng = new Rng(this.state.seed, `bursty:${fn}:${version}:${key}`)
    const total = 1 / spec.rho - 1
    const rate = beta(rng, phase.errorRate * total, (1 - phase.errorRate) * total)
    this.bursts.set(id, { key, rate })
    return rate
  }

  /**
   * How many of k invocations of `ver` starting at model time t land on new containers. `rate` is the
   * version's expected request rate (the source's rate × the version's alias weight).
   */
  coldStarts(fn: FunctionRecord, ver: VersionRecord, phase: Phase, t: number, k: number, rate: number): number {
    const spec = ver.behaviorSpec.coldStart
    if (!spec || k <= 0) return 0
    const id = `${fn.name}|${ver.version}`
    const perConcurrency = spec.containersPerConcurrency ?? DEFAULT_CONTAINERS_PER_CONCURRENCY
    const target = Math.ceil(perConcurrency * rate * (meanMs(phase.latency) / 1000) - 1e-9)
    let c = this.containers.get(id)
    if (!c) {
      c = { warm: this.startWarm.has(id) ? target : 0, lastUsed: t }
      this.containers.set(id, c)
    } else if (t - c.lastUsed > (spec.idleSeconds ?? DEFAULT_IDLE_SECONDS)) {
      c.warm = 0
    }
    c.lastUsed = t
    const cold = Math.min(k, Math.max(0, target - c.warm))
    c.warm += cold
    return cold
  }
}

/** A cold invocation's duration factor, uniform in the spec's [lo, hi]. */
export function coldMultiplier(spec: ColdStartSpec, u: number): number {
  const [lo, hi] = spec.multiplier
  return lo + (hi - lo) * u
}

/** Mean of a latency distribution (ms). */
export function meanMs(l: Latency): number {
  return l.kind === 'constant' ? l.ms : Math.exp(l.mu + (l.sigma * l.sigma) / 2)
}

/** Gamma(shape, 1): Marsaglia–Tsang, with the U^(1/shape) boost below shape 1. */
function gamma(rng: Rng, shape: number): number {
  if (shape < 1) return gamma(rng, shape + 1) * rng.next() ** (1 / shape)
  const d = shape - 1 / 3
  const c = 1 / Math.sqrt(9 * d)
  for (;;) {
    let x: number
    let v: number
    do {
      x = rng.normal()
      v = 1 + c * x
    } while (v <= 0)
    v = v * v * v
    const u = rng.next()
    if (u < 1 - 0.0331 * x ** 4 || Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v
  }
}

/** Beta(a, b) as X / (X + Y) with X ~ Gamma(a), Y ~ Gamma(b). */
export function beta(rng: Rng, a: number, b: number): number {
  const x = gamma(rng, a)
  const y = gamma(rng, b)
  return x + y > 0 ? x / (x + y) : a / (a + b)
}
