/** The scenario's traffic sources: who invokes which qualifier at what rate, each with its own random stream. */
import type { FunctionRecord } from '../lambda/records.js'
import { Rng } from '../rng.js'
import type { SimState } from '../state.js'

export interface RateSegment {
  at: number
  rate: number
}

export interface TrafficSource {
  index: number
  fn: FunctionRecord
  qualifier: string | undefined
  schedule: RateSegment[]
  throttleRate: number
  /** Per-invocation traffic: the current schedule segment, the next arrival and the source's stream. */
  seg: number
  next: number
  rng: Rng
  /** Aggregated traffic: generated up to this time; the current storage bucket, its random stream and what is left of it. */
  aggT: number
  aggBucket: number
  aggBucketEnd: number
  aggNext: () => number
  aggLeft: number
  aggMass: number
}

export function buildSources(state: SimState): TrafficSource[] {
  return (state.scenario.traffic ?? []).map((t, i) => {
    const fn = state.functions.get(t.function)
    if (!fn) throw new Error(`traffic[${i}]: unknown function ${t.function}`)
    const schedule: RateSegment[] = [{ at: 0, rate: t.ratePerSecond }]
    for (const s of [...(t.schedule ?? rampSteps(t.ramp ?? []))].sort((a, b) => a.at - b.at)) {
      if (s.at <= 0) (schedule[0] as RateSegment).rate = s.ratePerSecond
      else schedule.push({ at: s.at, rate: s.ratePerSecond })
    }
    const rng = new Rng(state.seed, `traffic:${i}:${t.function}:${t.qualifier ?? ''}`)
    const first = schedule[0] as RateSegment
    return {
      index: i,
      fn,
      qualifier: t.qualifier,
      schedule,
      throttleRate: t.throttleRate ?? 0,
      seg: 0,
      next: first.at + rng.exponential(first.rate),
      rng,
      aggT: 0,
      aggBucket: Number.NaN,
      aggBucketEnd: Number.NEGATIVE_INFINITY,
      aggNext: () => 0,
      aggLeft: 0,
      aggMass: 0
    }
  })
}

/** Length of the steps a piecewise-linear ramp is generated in. */
export const RAMP_STEP_SECONDS = 10

/** A piecewise-linear ramp as a step schedule: steps of at most RAMP_STEP_SECONDS at each step's mean rate (exact integral). */
function rampSteps(points: Array<{ at: number; ratePerSecond: number }>): Array<{ at: number; ratePerSecond: number }> {
  const out: Array<{ at: number; ratePerSecond: number }> = []
  for (let i = 0; i + 1 < points.length; i++) {
    const p = points[i] as { at: number; ratePerSecond: number }
    const q = points[i + 1] as { at: number; ratePerSecond: number }
    const steps = Math.max(1, Math.ceil((q.at - p.at) / RAMP_STEP_SECONDS))
    for (let j = 0; j < steps; j++) {
      const mid = (j + 0.5) / steps
      out.push({ at: p.at + ((q.at - p.at) * j) / steps, ratePerSecond: p.ratePerSecond + (q.ratePerSecond - p.ratePerSecond) * mid })
    }
  }
  const last = points[points.length - 1]
  if (last) out.push({ at: last.at, ratePerSecond: last.ratePerSecond })
  return out
}

/** The source's rate at model time t. */
export function rateAt(s: TrafficSource, t: number): number {
  let rate = 0
  for (const seg of s.schedule) {
    if (seg.at > t) break
    rate = seg.rate
  }
  return rate
}
