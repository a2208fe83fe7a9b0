// How much of the false-alarm budget (1 − confidence) each look may spend: the rollout asks, the judge spends it.

/**
 * The share of a total false-alarm budget `alpha` spent at look k (1, 2, …): alpha · 6 / (π² k²).
 * The shares add up to alpha over infinitely many looks, so a verdict stays valid however often the
 * data is looked at (a Bonferroni bound over looks).
 */
export function alphaAtLook(alpha: number, look: number): number {
  return (alpha * 6) / (Math.PI * Math.PI * look * look)
}

/**
 * Of the budget: this share by time, this by traffic-weighted time, this for the decisions before promotion and
 * before success (one look each, with the whole bake settled), this for the old version's baseline bound (taken
 * once, see BASELINE_BOUND_SHARE); the rest for looks beyond the plan.
 */
const TIME_SHARE = 0.25
const INFORMATION_SHARE = 0.4
const FINAL_SHARE = 0.25
/** The share of 1 − confidence the old version's baseline upper bound is taken at, once for the whole release. */
export const BASELINE_BOUND_SHARE = 0.05
const EXTRA_SHARE = 1 - TIME_SHARE - INFORMATION_SHARE - FINAL_SHARE - BASELINE_BOUND_SHARE

/**
 * Spends a false-alarm budget `alpha` over a deployment's looks. 25% goes by the time each look with new data
 * adds, front-loaded as √(elapsed fraction of the plan) (so the first minutes, where a gross regression shows,
 * get a large share) and 40% in proportion to the traffic-weighted time it adds (the new
 * version's invocations grow with weight × time, so the later, larger stages get more — where a subtle regression
 * shows; a gross regression is evidence at far smaller alpha). 25% is kept for the decisions that matter most:
 * the look once the last stage's bake has settled (before promotion) and the one once the final bake has (before
 * success), shared equally — each is a single look on all the evidence, as a group-sequential design spends most
 * at its final analysis. 5% is the baseline bound's (BASELINE_BOUND_SHARE). Looks beyond the plan (a stage
 * extended by on-insufficient-data: wait, late settles) draw on the last 5% as alpha · 6 / (π² k²). The shares
 * never add up to more than alpha, so a verdict stays valid however often the data is looked at (a Bonferroni
 * bound over looks).
 */
export class AlphaBudget {
  private usedInformation = 0
  private usedTime = 0
  private extraLooks = 0
  private finals = 0
  constructor(
    private readonly alpha: number,
    private readonly plannedInformation: number,
    private readonly plannedSeconds: number,
    /** Settled decisions the plan has: before promotion, before success. */
    private readonly plannedFinals = 1
  ) {}

  /** The alpha this look may spend, given the information (weight × seconds) and the seconds it adds. */
  next(information: number, seconds: number): number {
    const share = Math.min(Math.max(0, information) / Math.max(1e-9, this.plannedInformation), 1 - this.usedInformation)
    this.usedInformation += share
    const time = Math.min(Math.max(0, seconds) / Math.max(1e-9, this.plannedSeconds), 1 - this.usedTime)
    // The time share is spent as √(elapsed fraction) (a power-family spending function, ρ = ½): front-loaded,
    // so the first minutes, where a gross regression shows and every second costs bad invocations, get more.
    const timeSpent = Math.sqrt(Math.min(1, this.usedTime + time)) - Math.sqrt(this.usedTime)
    this.usedTime += time
    const planned = INFORMATION_SHARE * this.alpha * share + TIME_SHARE * this.alpha * timeSpent
    return time > 0 ? planned : planned + alphaAtLook(EXTRA_SHARE * this.alpha, ++this.extraLooks)
  }

  /** The alpha of one settled decision (before promotion, before success); nothing once the plan's are spent. */
  final(): number {
    if (this.finals >= Math.max(1, this.plannedFinals)) return 0
    this.finals++
    return (FINAL_SHARE * this.alpha) / Math.max(1, this.plannedFinals)
  }
}
