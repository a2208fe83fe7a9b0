// Every run is a lockstep release: one function is a lockstep of one. Each function runs the same state
// machine with its own ports and is judged on its own numbers, but they shift together (a barrier before
// every write that moves traffic) and when one fails, the others are stopped and restore their aliases too.
import type { LockstepMember, LockstepStop, Ports } from './ports.js'
import { type Outcome, runDeployment } from './rollout/index.js'
import type { DeploymentSpec, RunSettings } from './settings.js'

export class LockstepBroken extends Error {
  constructor(readonly stop: LockstepStop) {
    super(stop.kind === 'cancelled' ? 'the workflow was cancelled (or the job timed out)' : `${stop.member}: ${stop.reason}`)
    this.name = 'LockstepBroken'
  }
}

export class Lockstep {
  private broken?: LockstepStop
  private readonly active: Set<number>
  private readonly waiting = new Map<string, { arrived: Set<number>; release: () => void; promise: Promise<void> }>()
  readonly controllers: AbortController[]

  constructor(
    readonly members: string[],
    /** Aborts every member, e.g. on SIGINT. */
    outer?: AbortSignal
  ) {
    this.active = new Set(members.map((_, i) => i))
    this.controllers = members.map(() => new AbortController())
    outer?.addEventListener('abort', () => this.break({ kind: 'cancelled' }), { once: true })
  }

  /** How many members are still releasing (not left). */
  get activeCount(): number {
    return this.active.size
  }

  /** Aborts when the release stops (a cancel, or another member's failure). */
  signal(index: number): AbortSignal {
    const controller = this.controllers[index]
    if (!controller) throw new Error(`no lockstep member ${index}`)
    return controller.signal
  }

  /** The port the member at `index` talks to the others through. */
  member(index: number): LockstepMember {
    return {
      arrive: point => this.arrive(index, point),
      fail: reason => this.break({ kind: 'member-failed', member: this.members[index] ?? String(index), reason }),
      leave: () => this.leave(index),
      stoppedBy: () => this.broken
    }
  }

  /** Waits until every active member reaches `point`; throws LockstepBroken if one failed meanwhile. */
  async arrive(member: number, point: string): Promise<void> {
    if (this.broken) throw new LockstepBroken(this.broken)
    let entry = this.waiting.get(point)
    if (!entry) {
      let release = () => {}
      const promise = new Promise<void>(resolve => (release = resolve))
      entry = { arrived: new Set(), release, promise }
      this.waiting.set(point, entry)
    }
    entry.arrived.add(member)
    this.check()
    await entry.promise
    if (this.broken) throw new LockstepBroken(this.broken)
  }

  /** A member that has nothing more to shift (unchanged, or finished) no longer holds the others. */
  leave(member: number): void {
    this.active.delete(member)
    this.check()
  }

  /** The first stop wins: every member is aborted (they restore their own aliases). */
  break(stop: LockstepStop): void {
    if (this.broken) return
    this.broken = stop
    for (const c of this.controllers) c.abort()
    for (const entry of this.waiting.values()) entry.release()
  }

  private check(): void {
    for (const entry of this.waiting.values()) {
      if ([...this.active].every(m => entry.arrived.has(m))) entry.release()
    }
  }
}

/** What a function is about to release, once its preflight has passed. */
export interface ReadyRelease {
  name: string
  oldVersion: string
  newVersion: string
  manualRollback: boolean
}

/**
 * Releases every function of the run together and returns their outcomes in the order given. `onAllReady`
 * runs once, when every function still releasing has passed its preflight (before any traffic moves).
 */
export async function releaseAll(
  run: RunSettings,
  deployments: DeploymentSpec[],
  options: {
    /** Aborts every function (the runner's cancel). */
    signal: AbortSignal
    portsOf: (spec: DeploymentSpec, member: number) => Omit<Ports, 'signal' | 'lockstep' | 'onReady'>
    onAllReady?: (releases: ReadyRelease[]) => Promise<void>
  }
): Promise<Outcome[]> {
  const lockstep = new Lockstep(
    deployments.map(d => d.fn.name),
    options.signal
  )
  const ready = new Map<number, ReadyRelease>()
  let started: Promise<void> | undefined
  const onReady =
    (member: number, name: string) => async (release: { oldVersion: string; newVersion: string; manualRollback: boolean }) => {
      ready.set(member, { name, ...release })
      if (!options.onAllReady || started || ready.size < lockstep.activeCount) return
      started = options.onAllReady([...ready.entries()].sort(([a], [b]) => a - b).map(([, r]) => r))
      await started
    }
  const outcomes = await Promise.all(
    deployments.map((spec, i) =>
      runDeployment(run, spec, {
        ...options.portsOf(spec, i),
        signal: lockstep.signal(i),
        lockstep: lockstep.member(i),
        onReady: onReady(i, spec.fn.name)
      })
    )
  )
  await started
  return outcomes
}
