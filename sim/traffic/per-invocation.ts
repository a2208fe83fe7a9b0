/** Per-invocation traffic: Poisson arrivals, each routed, throttled or served with its own draws. */
import { phaseAt, sampleLatency, versionRecord } from '../lambda/records.js'
import { pickVersion, resolveTarget } from '../lambda/routing.js'
import { coldMultiplier, type Conditions } from './conditions.js'
import type { TrafficRecorder } from './recorder.js'
import type { RateSegment, TrafficSource } from './sources.js'

/** Every arrival of every source before tEnd. */
export function generateArrivals(sources: TrafficSource[], tEnd: number, recorder: TrafficRecorder, conditions: Conditions): void {
  for (const s of sources) {
    for (;;) {
      const nextSeg = s.schedule[s.seg + 1]
      const segEnd = nextSeg ? nextSeg.at : Infinity
      if (s.next < segEnd) {
        if (s.next >= tEnd) break
        const t = s.next
        emitArrival(s, t, recorder, conditions)
        s.next = t + s.rng.exponential((s.schedule[s.seg] as RateSegment).rate)
        continue
      }
      if (!nextSeg || segEnd >= tEnd) break
      s.seg++
      s.next = segEnd + s.rng.exponential(nextSeg.rate)
    }
  }
}

/** One arrival; it always consumes the same draws, so the stream does not depend on what happens to it. */
function emitArrival(s: TrafficSource, t: number, recorder: TrafficRecorder, conditions: Conditions): void {
  const uThrottle = s.rng.next()
  const uRoute = s.rng.next()
  const uError = s.rng.next()
  const z = s.rng.normal()
  const target = resolveTarget(s.fn, s.qualifier)
  if (!target) return // alias deleted: requests fail before reaching Lambda metrics
  if (uThrottle < s.throttleRate) {
    recorder.throttled(t, s.fn, target.resourceQualifier, s.qualifier, 1)
    return
  }
  const executed = target.alias ? pickVersion(target.alias, uRoute) : target.version
  const ver = versionRecord(s.fn, executed)
  if (!ver) return
  const phase = phaseAt(ver.phases, t)
  const error = uError < conditions.errorRate(s.fn, ver, phase, t)
  let duration = sampleLatency(phase.latency, z)
  // Outages and cold starts scale the duration (their draws come from a stream of their own).
  const weight = !target.alias
    ? 1
    : executed === target.alias.functionVersion
      ? 1 - routed(target.alias.routing)
      : (target.alias.routing?.[executed] ?? 0)
  const rate = (s.schedule[s.seg] as RateSegment).rate * weight
  const cold = conditions.coldStarts(s.fn, ver, phase, t, 1, rate) > 0
  const multiplier = conditions.latencyMultiplier(s.fn, t)
  if (cold || multiplier !== 1) {
    const spec = ver.behaviorSpec.coldStart
    const factor = multiplier * (cold && spec ? coldMultiplier(spec, conditions.coldRng.next()) : 1)
    duration = Math.round(duration * factor * 100) / 100
  }
  recorder.served({
    fn: s.fn,
    target,
    invokedQualifier: s.qualifier,
    executed,
    phase: phase.index,
    at: t,
    firstAt: t,
    invocations: 1,
    errors: error ? 1 : 0,
    durations: duration
  })
}

function routed(routing: Record<string, number> | null): number {
  let total = 0
  for (const w of Object.values(routing ?? {})) total += w
  return total
}
