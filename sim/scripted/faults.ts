/** The scenario's scripted API faults: throttling and server errors by service, operation, time window and probability. */
import { type AwsError, type AwsService, CloudWatchErrors, LambdaErrors } from '../errors.js'
import { Rng } from '../rng.js'
import type { FaultSpec } from '../scenario.js'
import type { SimState } from '../state.js'

export interface FaultDecision {
  fault: FaultSpec
  error: AwsError
  /** Execute the operation, then answer with the error (an ambiguous failure). */
  afterCommit: boolean
}

export class ScriptedFaults {
  private readonly faults: FaultSpec[]
  private readonly counts: number[]
  private readonly rng: Rng

  constructor(private readonly state: SimState) {
    this.faults = state.scenario.faults ?? []
    this.counts = this.faults.map(() => 0)
    this.rng = new Rng(state.seed, 'faults')
  }

  /** Whether a scripted fault hits this call now (consumes fault randomness only for matching faults). */
  decide(service: AwsService, operation: string): FaultDecision | null {
    const now = this.state.now
    for (const [i, f] of this.faults.entries()) {
      if (f.service && f.service !== 'any' && f.service !== service) continue
      const ops = f.operations ?? ['*']
      if (!ops.includes('*') && !ops.includes(operation)) continue
      if (f.windows && !f.windows.some(w => now >= w.from && now < w.to)) continue
      if (f.maxCount !== undefined && (this.counts[i] as number) >= f.maxCount) continue
      if (this.rng.next() >= (f.probability ?? 1)) continue
      this.counts[i] = (this.counts[i] as number) + 1
      return { fault: f, error: faultError(service, f), afterCommit: f.afterCommit ?? false }
    }
    return null
  }
}

function faultError(service: AwsService, f: FaultSpec): AwsError {
  if (service === 'lambda') return f.type === 'throttle' ? LambdaErrors.tooManyRequests() : LambdaErrors.service(undefined, f.status ?? 500)
  return f.type === 'throttle' ? CloudWatchErrors.throttling() : CloudWatchErrors.internal(undefined, f.status ?? 500)
}
