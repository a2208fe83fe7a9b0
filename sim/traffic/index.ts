/** The scenario's traffic, generated lazily up to the model's time, per invocation or aggregated per storage period. */
import type { SimState } from '../state.js'
import { AggregatedTraffic } from './aggregated.js'
import { Conditions } from './conditions.js'
import { generateArrivals } from './per-invocation.js'
import type { TrafficRecorder } from './recorder.js'
import { buildSources, type TrafficSource } from './sources.js'

export class Traffic {
  private readonly sources: TrafficSource[]
  private readonly aggregated: AggregatedTraffic | undefined
  private readonly conditions: Conditions

  constructor(
    state: SimState,
    private readonly recorder: TrafficRecorder,
    aggregate: boolean
  ) {
    this.sources = buildSources(state)
    this.conditions = new Conditions(state)
    this.aggregated = aggregate ? new AggregatedTraffic(state, recorder, this.conditions) : undefined
  }

  /** Generates every source's traffic up to tEnd (model seconds). */
  generate(tEnd: number): void {
    if (this.aggregated) this.aggregated.generate(this.sources, tEnd)
    else generateArrivals(this.sources, tEnd, this.recorder, this.conditions)
  }
}
