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
}

export interface Verdict {
  status: VerdictStatus
  /** Why it failed or could not decide, in words a person on call can act on. */
  reasons: string[]
  checks: GateCheck[]
}

/**
 * Judges the new version. `alpha` is the false-alarm level this look may spend (the rollout spreads
 * 1 − confidence over all looks). `final` marks the decision before promotion or success: then every
 * gate must have its minimum evidence; earlier, a gate still short of it is pending, not a failure.
 */
export function judge(evidence: Evidence, gates: Gates, alarms: AlarmState[] = [], alpha = 1 - gates.confidence, final = true): Verdict {
  const look = { evidence, alarms, gates, alpha }
  const verdicts = GATES.flatMap(row => row(look))
  const checks = verdicts.map(({ gate, verdict }) => checkOf(gate, verdict))
  const reasons = verdicts.flatMap(({ verdict: v }) => (v.status === 'fail' ? [v.reason] : []))
  if (reasons.length > 0) return { status: 'fail', reasons, checks }
  const held = verdicts.flatMap(({ verdict: v }) => (v.status === 'pending' && v.holdsStage !== undefined ? [v.holdsStage] : []))
  if (held.length > 0) return { status: 'inconclusive', reasons: held, checks }
  const pending = checks.filter(c => !c.enoughData)
  if (final && pending.length > 0) {
    return {
      status: 'inconclusive',
      reasons: pending.map(c => `${c.gate} has not enough data: it needs ${c.needs ?? 'more data'} (has ${c.observed})`),
      checks
    }
  }
  return { status: 'pass', reasons: [], checks }
}

function checkOf(gate: string, verdict: GateVerdict): GateCheck {
  const { observed, limit, needs } = verdict
  const decided = verdict.status !== 'pending'
  const status = decided ? verdict.status : 'inconclusive'
  return needs === undefined
    ? { gate, status, observed, limit, enoughData: decided }
    : { gate, status, observed, limit, enoughData: decided, needs }
}
