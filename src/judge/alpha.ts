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
 * Spends a false-alarm budget `alpha` over a deployment's looks. Half of 90% goes evenly to the looks the
 * plan expects (so the first minutes, where a gross regression shows, get a fair share) and half in
 * proportion to the traffic-weighted time each look adds (the new version's invocations grow with
 * weight × time, so the later, larger stages get more — where a subtle regression shows). Looks beyond
 * the plan (a stage extended by on-insufficient-data: wait) draw on the other 10% as alpha · 6 / (π² k²).
 * The shares never add up to more than alpha, so a verdict stays valid however often the data is looked
 * at (a Bonferroni bound over looks).
 */
export class AlphaBudget {
  private usedInformation = 0
  private usedLooks = 0
  private extraLooks = 0
  constructor(
    private readonly alpha: number,
    private readonly plannedInformation: number,
    private readonly plannedLooks: number
  ) {}

  /** The alpha this look may spend, given the information (weight × seconds) it adds. */
  next(information: number): number {
    const half = 0.45 * this.alpha
    const share = Math.min(Math.max(0, information) / Math.max(1e-9, this.plannedInformation), 1 - this.usedInformation)
    this.usedInformation += share
    const look = this.usedLooks < this.plannedLooks ? 1 / Math.max(1, this.plannedLooks) : 0
    this.usedLooks += look > 0 ? 1 : 0
    const planned = half * share + half * look
    return look > 0 ? planned : planned + alphaAtLook(0.1 * this.alpha, ++this.extraLooks)
  }
}
