/** The scenario's scripted events (another writer, a code update, state changes), applied at their exact times. */
import { writeAlias } from '../lambda/aliases.js'
import { codeConfig, provisionedRecord } from '../lambda/build.js'
import { type FunctionRecord, versionRecord } from '../lambda/records.js'
import { validateRouting, validateWeightConstraints } from '../lambda/routing.js'
import { checkVersionExists } from '../lambda/validation.js'
import type { EventSpec, FunctionSpec, UpdateAliasEvent, UpdateLatestEvent } from '../scenario.js'
import type { SimState } from '../state.js'

export class ScriptedEvents {
  private readonly events: EventSpec[]
  private nextIndex = 0

  constructor(private readonly state: SimState) {
    this.events = [...(state.scenario.events ?? [])].sort((a, b) => a.at - b.at)
  }

  /** The next event due at or before t (each event is handed out once), or undefined. */
  nextDue(t: number): EventSpec | undefined {
    const e = this.events[this.nextIndex]
    if (!e || e.at > t) return undefined
    this.nextIndex++
    return e
  }

  /** Applies an event now; its success or failure goes to the event log (a failed event changes nothing). */
  apply(e: EventSpec): void {
    const state = this.state
    try {
      const fn = state.functions.get(e.function)
      if (!fn) throw new Error(`unknown function ${e.function}`)
      switch (e.type) {
        case 'updateAlias':
          this.updateAlias(fn, e)
          break
        case 'updateLatest':
          this.updateLatest(fn, e)
          break
        case 'setFunctionState': {
          const q = e.qualifier ?? '$LATEST'
          const ver = versionRecord(fn, q)
          if (!ver) throw new Error(`unknown version ${q}`)
          if (e.state) ver.state = e.state
          if (e.lastUpdateStatus) ver.lastUpdateStatus = e.lastUpdateStatus
          ver.stateReason = e.stateReason
          state.mutations++
          break
        }
        case 'setProvisionedConcurrency':
          if (e.config) fn.provisioned.set(e.qualifier, provisionedRecord(state, e.config))
          else fn.provisioned.delete(e.qualifier)
          state.mutations++
          break
      }
      state.eventLog.push({ time: state.now, type: e.type, ok: true })
    } catch (err) {
      state.eventLog.push({ time: state.now, type: e.type, ok: false, error: (err as Error).message })
    }
  }

  /** Another writer: no RevisionId check, the same validation as UpdateAlias, a new RevisionId. */
  private updateAlias(fn: FunctionRecord, e: UpdateAliasEvent): void {
    const alias = fn.aliases.get(e.alias)
    if (!alias) throw new Error(`unknown alias ${e.alias}`)
    const primary = e.functionVersion ?? alias.functionVersion
    const routing = e.routing !== undefined ? (Object.keys(e.routing).length ? { ...e.routing } : null) : alias.routing
    checkVersionExists(this.state, fn, primary)
    if (routing) {
      validateWeightConstraints(routing)
      validateRouting(this.state, fn, primary, routing)
    }
    writeAlias(this.state, fn, alias, { primary, routing, description: e.description ?? alias.description }, 'event')
  }

  private updateLatest(fn: FunctionRecord, e: UpdateLatestEvent): void {
    const { at: _at, type: _type, function: _fn, state: versionState, lastUpdateStatus, ...code } = e
    const spec = this.state.scenario.functions.find(f => f.name === fn.name) as FunctionSpec
    fn.latest = {
      ...fn.latest,
      ...codeConfig(this.state, code, spec, fn.latest),
      state: versionState ?? fn.latest.state,
      lastUpdateStatus: lastUpdateStatus ?? fn.latest.lastUpdateStatus,
      revisionId: this.state.newRevisionId(),
      lastModifiedMs: this.state.epochMsAt(this.state.now)
    }
    this.state.mutations++
  }
}
