// The benchmark's ports: the action's own Lambda and CloudWatch adapters over the simulator's model
// (bench/sim-api.ts), in virtual time, and a clock whose sleep moves that time.
import { abortError } from '../src/adapters/clock.js'
import { CloudWatchMetrics } from '../src/adapters/cloudwatch.js'
import { LambdaAlias, LambdaFunction, LambdaProbe } from '../src/adapters/lambda.js'
import type { Clock } from '../src/ports.js'
import type { ManualClock } from '../sim/clock.js'
import type { SimModel } from '../sim/model.js'
import { simCloudWatchApi, simLambdaApi } from './sim-api.js'

/** One alias write as it was attempted (whether or not Lambda accepted it). */
export interface AliasWrite {
  /** Epoch ms. */
  at: number
  version: string
  weights: Record<string, number>
}

/** The model, its virtual clock and the deployment's subject, shared by every port of one run. */
export class SimWorld {
  readonly writes: AliasWrite[] = []

  constructor(
    readonly model: SimModel,
    readonly clock: ManualClock,
    readonly functionName: string,
    readonly aliasName: string
  ) {}

  /** Moves virtual time (and the model's traffic) forward. */
  advance(ms: number): void {
    this.clock.advance(ms)
    this.sync()
  }

  /** Brings the model up to the clock, as the simulator's server does before every request. */
  sync(): void {
    this.model.advanceTo(this.model.timeOfEpochMs(this.clock.now()))
  }

  now(): number {
    return this.clock.now()
  }

  /** Called for every UpdateAlias sent, before the model answers it. */
  recordAliasWrite(version: string, weights: Record<string, number>): void {
    this.writes.push({ at: this.now(), version, weights: { ...weights } })
  }
}

export class SimAlias extends LambdaAlias {
  constructor(world: SimWorld) {
    super(simLambdaApi(world), world.functionName, world.aliasName)
  }
}

export class SimFunction extends LambdaFunction {
  constructor(world: SimWorld) {
    super(simLambdaApi(world), world.functionName)
  }
}

export class SimProbe extends LambdaProbe {
  constructor(world: SimWorld) {
    super(simLambdaApi(world))
  }
}

export class SimMetrics extends CloudWatchMetrics {
  constructor(world: SimWorld) {
    super(simCloudWatchApi(world), world.functionName, world.aliasName)
  }
}

/** Sleeping moves virtual time: the model generates the traffic of that time at once. */
export class SimClock implements Clock {
  constructor(private readonly world: SimWorld) {}

  now(): number {
    return this.world.now()
  }

  async sleep(ms: number, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) throw abortError()
    this.world.advance(Math.max(0, ms))
  }
}
