// Evidence about the new and old version + gates → a verdict value. Pure; verdicts are values, not exceptions.
import type { AlarmState, Evidence } from '../evidence.js'
import { GATES, type GateVerdict, type Gates } from './gates.js'

export type { Gates } from './gates.js'

type VerdictStatus = 'pass' | 'fail' | 'inconclusive'

interface GateCheck {
  gate: string
  status: VerdictStatus
  observed: string
  limit: string
  /** Whether the gate was decided on at least the minimum evidence it needs. */
  enoughData: boolean
  /** The minimum evidence it needs, in words. */
  needs?: string
  /** Its minimum is out of reach of this stage's expected traffic: "not judged at this traffic" (it may still fail). */
  unreachable?: boolean
  /** Not failed, though what it observed is beyond its limit: the evidence is not significant (yet) at the confidence. */
  overLimit?: boolean
}

export interface Verdict {
  status: VerdictStatus
  /** Why it failed or could not decide, in words a person on call can act on. */
  reasons: string[]
  checks: GateCheck[]
  /** Whether any gate could fail this stage; false: "not judged" (never "passed"). */
  judged: boolean
}

/**
 * Gates whose failing verdict is a test at the look's alpha, with their weights in the split (weighted
 * Bonferroni): the error gates twice the latency gates', as error evidence arrives per invocation and a latency
 * regression shows in the slow count of many.
 */
const STATISTICAL: Record<string, number> = { 'error-rate': 2, 'error-rate-increase': 2, latency: 1, 'latency-increase': 1 }

/** Gates that can only hold a stage, never fail it. */
const CANNOT_FAIL = new Set(['min-invocations'])

/**
 * Judges the new version. `alpha` is the false-alarm level this look may spend (the rollout spreads
 * 1 − confidence over all looks). `final` marks the decision before promotion or success: then every
 * gate must have its minimum evidence; earlier, a gate still short of it is pending, not a failure.
 */
export function judge(evidence: Evidence, gates: Gates, alarms: AlarmState[] = [], alpha = 1 - gates.confidence, final = true): Verdict {
  // The statistical gates share the look's alpha (Bonferroni), so the release's false-alarm budget holds for
  // all of them together, not for each: first which of them apply, then each judges with its share.
  const applying = GATES.flatMap(row => row({ evidence, alarms, gates, alpha: 0 })).reduce((sum, v) => sum + (STATISTICAL[v.gate] ?? 0), 0)
  const shareOf = (gate: string) => (applying > 0 ? (STATISTICAL[gate] ?? 0) / applying : 1)
  const verdicts = GATES.flatMap(row => row({ evidence, alarms, gates, alpha, shareOf }))
  const unreachable = new Set(evidence.unreachable ?? [])
  const checks = verdicts.map(({ gate, verdict }) => checkOf(gate, verdict, unreachable.has(gate)))
  const judged = checks.some(c => !CANNOT_FAIL.has(c.gate))
  const reasons = verdicts.flatMap(({ verdict: v }) => (v.status === 'fail' ? [v.reason] : []))
  if (reasons.length > 0) return { status: 'fail', reasons, checks, judged }
  const held = verdicts.flatMap(({ verdict: v }) => (v.status === 'pending' && v.holdsStage !== undefined ? [v.holdsStage] : []))
  if (held.length > 0) return { status: 'inconclusive', reasons: held, checks, judged }
  // A gate whose minimum this stage's traffic cannot reach does not hold it (on-insufficient-data is for the others).
  const pending = checks.filter(c => !c.enoughData && !c.unreachable)
  if (final && pending.length > 0) {
    return {
      status: 'inconclusive',
      reasons: pending.map(c => `${c.gate} has not enough data: it needs ${c.needs ?? 'more data'} (has ${c.observed})`),
      checks,
      judged
    }
  }
  return { status: 'pass', reasons: [], checks, judged }
}

function checkOf(gate: string, verdict: GateVerdict, unreachable: boolean): GateCheck {
  const { observed, limit, needs, overLimit } = verdict
  const decided = verdict.status !== 'pending'
  const status = decided ? verdict.status : 'inconclusive'
  return {
    gate,
    status,
    observed,
    limit,
    enoughData: decided,
    ...(needs === undefined ? {} : { needs }),
    ...(!decided && unreachable ? { unreachable: true } : {}),
    ...(overLimit && verdict.status !== 'fail' ? { overLimit: true } : {})
  }
}
