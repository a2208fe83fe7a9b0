// Issue 10, found by the adversarial attack of the judge: at 100% the new version's counts were discounted by the
// OLD version's burstiness (a steady 3% regression hid behind a bursty 0.5% baseline, promoted 75% of runs), and a
// period whose Errors datapoint had not landed counted as a period without errors.
import { describe, expect, it } from '@jest/globals'
import { type Evidence, type PeriodPoint, baselineSeconds } from '../src/evidence.js'
import type { DispersionEstimate } from '../src/judge/dispersion.js'
import { type Gates, judge } from '../src/judge/index.js'

const T0 = Date.UTC(2026, 10, 27, 10, 0, 0)
const gates: Gates = { maxErrorRateIncrease: 0.005, latencyStatistic: 'p99', minInvocations: 100, confidence: 0.99 }
const ALPHA = 1e-4

/** 60 baseline minutes of 1,200 invocations at 0.5%, with the given burstiness. */
function baseline(dispersion: DispersionEstimate): NonNullable<Evidence['baseline']> {
  const periods = Array.from({ length: 60 }, (_, i) => ({ time: T0 - (60 - i) * 60_000, invocations: 1200, errors: 6 }))
  return {
    version: '1',
    windowStart: T0 - 3_600_000,
    windowEnd: T0,
    periodSeconds: 60,
    periods,
    invocations: 72_000,
    errors: 360,
    latencyMs: 120,
    latencyStatistic: 'p99',
    dispersion
  }
}
/** Bursts of ρ = 0.03: φ ≈ 37 at 1,200 invocations a minute (the benchmark's bursty level). */
const BURSTY: DispersionEstimate = { phi: 37, rho: 0.03, chi2: 2183, df: 59, spread: 70_733 }
const STEADY: DispersionEstimate = { phi: 1, rho: 0, chi2: 59, df: 59, spread: 70_733 }

/** The new version alone at 100% for these minutes (errors per minute of 1,200 invocations). */
function atFullTraffic(errorsPerMinute: number[], base: NonNullable<Evidence['baseline']>, pending: number[] = []): Evidence {
  const periods: PeriodPoint[] = errorsPerMinute.map((e, i) => ({
    time: T0 + i * 60_000,
    newInvocations: 1200,
    newErrors: pending.includes(i) ? 0 : e,
    oldInvocations: 0,
    oldErrors: 0,
    ...(pending.includes(i) ? { newErrorsPending: true } : {})
  }))
  const invocations = 1200 * periods.length
  const errors = periods.reduce((s, p) => s + p.newErrors, 0)
  return {
    stage: { newVersion: { invocations, errors }, oldVersion: { invocations: 0, errors: 0 }, throttles: 0 },
    total: {
      windowStart: T0,
      windowEnd: T0 + periods.length * 60_000,
      newVersion: { invocations, errors, latencyMs: undefined },
      oldVersion: { invocations: 0, errors: 0, latencyMs: undefined },
      throttles: 0,
      periods
    },
    weight: 1,
    baseline: base,
    dispersion: base.dispersion,
    shifts: [T0],
    periodMs: 60_000
  }
}

describe('at 100%, the new version is discounted by its own burstiness, never more than the baseline’s', () => {
  it('a steady 3% regression over a bursty 0.5% baseline fails (own φ ≈ 1, not the baseline’s 37)', () => {
    const v = judge(atFullTraffic(Array(10).fill(36), baseline(BURSTY)), gates, [], ALPHA)
    expect(v.status).toBe('fail')
    expect(v.reasons.join(' ')).toContain('error rate of the new version at 100% 3% (360/12000)')
  })

  it('the same 3% in bursts like the baseline’s (two minutes at 15%, the rest near 0.5%) is discounted and not failed', () => {
    // 8 × 6 + 2 × 156 = 360 errors: the same 3%, but its own χ²/df is far above the baseline's φ at this size.
    const v = judge(atFullTraffic([6, 6, 156, 6, 6, 6, 156, 6, 6, 6], baseline(BURSTY)), gates, [], ALPHA)
    expect(v.status).not.toBe('fail')
  })

  it('bursts of the new version alone are held to the steady baseline’s φ: two minutes at 15% fail', () => {
    const v = judge(atFullTraffic([6, 6, 156, 6, 6, 6, 156, 6, 6, 6], baseline(STEADY)), gates, [], ALPHA)
    expect(v.status).toBe('fail')
  })

  it('a healthy new version as bursty as its baseline is not failed on one burst minute', () => {
    const v = judge(atFullTraffic([6, 2, 10, 60, 4, 6, 3, 8, 6, 5], baseline(BURSTY)), gates, [], ALPHA)
    expect(v.status).not.toBe('fail')
  })
})

describe('a period whose Errors datapoint has not landed is left out, not read as zero errors', () => {
  it('at 100%: the observed counts leave the pending minutes out', () => {
    const v = judge(atFullTraffic(Array(10).fill(6), baseline(STEADY), [7, 8, 9]), gates, [], ALPHA)
    const check = v.checks.find(c => c.gate === 'error-rate-increase')
    expect(check?.observed).toContain('0.5% (42/8400) at 100%')
  })
})

describe('a function younger than baseline-window', () => {
  it('its baseline rate is counted over the time it served, not the whole window', () => {
    const b = baseline(STEADY)
    // Only the last 10 of the 60 minutes had traffic (a new function): 12,000 invocations over 600 s, not 3,600 s.
    const young = { ...b, periods: b.periods.map((p, i) => (i < 50 ? { ...p, invocations: 0, errors: 0 } : p)) }
    expect(baselineSeconds(young)).toBe(600)
    expect(baselineSeconds(b)).toBe(3600)
  })
})
