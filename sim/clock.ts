/** A source of wall-clock time in epoch milliseconds. The simulator never reads time any other way. */
export interface Clock {
  now(): number
}

/** Real time. */
export const systemClock: Clock = { now: () => Date.now() }

/**
 * Virtual time that only moves when told to. Use it in tests and benchmarks: drive the simulator
 * by calling `advance(ms)` instead of sleeping.
 */
export class ManualClock implements Clock {
  private t: number

  /** @param startEpochMs initial time; defaults to a fixed, minute-aligned instant for reproducibility. */
  constructor(startEpochMs = 1_700_000_040_000) {
    this.t = startEpochMs
  }

  now(): number {
    return this.t
  }

  advance(ms: number): number {
    if (!(ms >= 0)) throw new RangeError(`ManualClock.advance: ms must be >= 0, got ${ms}`)
    this.t += ms
    return this.t
  }

  set(epochMs: number): void {
    if (epochMs < this.t) throw new RangeError('ManualClock.set: time cannot go backwards')
    this.t = epochMs
  }
}
