// How much of the false-alarm budget (1 − confidence) each look may spend: the rollout asks, the judge spends it.

/**
 * The share of a total false-alarm budget `alpha` spent at look k (1, 2, …): alpha · 6 / (π² k²).
 * The shares add up to alpha over infinitely many looks, so a verdict stays valid however often the
 * data is looked at (a Bonferroni bound over looks).
 */
export function alphaAtLook(alpha: number, look: number): number {
  return (alpha * 6) / (Math.PI * Math.PI * look * look)
}

/** Of the budget: this share by time, this by traffic-weighted time; the remaining 10% for looks beyond the plan. */
const TIME_SHARE = 0.2
const INFORMATION_SHARE = 0.7

/**
 * Spends a false-alarm budget `alpha` over a deployment's looks with new data. 20% goes in proportion to the time
 * each look adds since the last one (so the first minutes, where a gross regression shows, get a fair share,
 * however many polls happen to bring data) and 70% in proportion to the traffic-weighted time it adds (the new
 * version's invocations grow with weight × time, so the later, larger stages get more — where a subtle regression
 * shows; a gross regression is evidence at far smaller alpha). Looks beyond the plan (a stage extended by on-insufficient-data: wait, late settles) draw on
 * the other 10% as alpha · 6 / (π² k²). The shares never add up to more than alpha, so a verdict stays valid
 * however often the data is looked at (a Bonferroni bound over looks).
 */
export class AlphaBudget {
  private usedInformation = 0
  private usedTime = 0
  private extraLooks = 0
  constructor(
    private readonly alpha: number,
    private readonly plannedInformation: number,
    private readonly plannedSeconds: number
  ) {}

  /** The alpha this look may spend, given the information (weight × seconds) and the seconds it adds. */
  next(information: number, seconds: number): number {
    const share = Math.min(Math.max(0, information) / Math.max(1e-9, this.plannedInformation), 1 - this.usedInformation)
    this.usedInformation += share
    const time = Math.min(Math.max(0, seconds) / Math.max(1e-9, this.plannedSeconds), 1 - this.usedTime)
    this.usedTime += time
    const planned = INFORMATION_SHARE * this.alpha * share + TIME_SHARE * this.alpha * time
    return time > 0 ? planned : planned + alphaAtLook(0.1 * this.alpha, ++this.extraLooks)
  }
}
