// What every step of one function's run is given: the run's settings, the function's spec, the ports,
// the journal it writes to and its place in the lockstep. Steps pass anything else as explicit values.
import { Lockstep } from '../lockstep.js'
import type { AliasState, LockstepMember, Ports } from '../ports.js'
import type { DeploymentSpec, RunSettings } from '../settings.js'
import { GuardedAlias } from './guarded-alias.js'
import { type Ending, Journal, type Outcome } from './outcome.js'
import type { AliasMark } from './ownership.js'

export interface Context {
  run: RunSettings
  spec: DeploymentSpec
  ports: Ports
  journal: Journal
  lockstep: LockstepMember
  /** Names this run in hook events and the timeline. */
  deploymentId: string
  /** This run's mark on the alias, once it shifts: restores put back the description it keeps. */
  mark?: AliasMark
}

export function contextOf(run: RunSettings, spec: DeploymentSpec, ports: Ports): Context {
  const journal = new Journal(ports)
  return {
    run,
    spec,
    ports,
    journal,
    // Without a coordinator (tests, the benchmark) a lockstep of one, cancelled by the same signal as on a runner.
    lockstep: ports.lockstep ?? new Lockstep([spec.fn.name], ports.signal).member(0),
    deploymentId: ports.deploymentId ?? `lc-${journal.startedAt.toString(36)}`
  }
}

export function conclude(ctx: Context, ending: Ending): Outcome {
  return ctx.journal.conclude(ctx.run, ctx.spec, ctx.ports, ending)
}

/** Thrown at a step boundary when the runner has cancelled the job. */
class Cancelled extends Error {
  constructor() {
    super('cancelled')
    this.name = 'Cancelled'
  }
}

export function throwIfCancelled(ctx: Context): void {
  if (ctx.ports.signal?.aborted) throw new Cancelled()
}

export function isAbort(error: unknown): boolean {
  return error instanceof Cancelled || (error instanceof Error && error.name === 'AbortError')
}

/** The alias as just read, guarded for every write that follows; retries show in the timeline. */
export function guardAlias(ctx: Context, state: AliasState): GuardedAlias {
  const { ports, journal } = ctx
  return new GuardedAlias(ports.alias, state, {
    sleep: ms => ports.clock.sleep(ms),
    now: () => ports.clock.now(),
    restoreTimeoutMs: ctx.run.restoreTimeoutSeconds * 1000,
    ...(ports.signal ? { signal: ports.signal } : {}),
    ...(ports.random ? { random: ports.random } : {}),
    onRetry: (what, attempt, error) => journal.emit({ type: 'retry', at: journal.now(), what, attempt, error })
  })
}
