// Several functions released in lockstep: each runs the same state machine with its own ports and is
// judged on its own numbers, but they shift together (a barrier before every write that moves traffic)
// and when one fails, the others are stopped and restore their aliases too.

export class LockstepBroken extends Error {
  constructor(readonly reason: string) {
    super(reason)
    this.name = 'LockstepBroken'
  }
}

export class Lockstep {
  private broken?: string
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
    outer?.addEventListener('abort', () => this.break('the workflow was cancelled (or the job timed out) during the deployment'), {
      once: true
    })
  }

  /** How many members are still releasing (not left). */
  get activeCount(): number {
    return this.active.size
  }

  /** Why the lockstep broke (the first member's failure), if it did. */
  get reason(): string | undefined {
    return this.broken
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

  /** A member failed: stop every other member (they restore their own aliases). */
  break(reason: string): void {
    if (this.broken) return
    this.broken = reason
    for (const c of this.controllers) c.abort()
    for (const entry of this.waiting.values()) entry.release()
  }

  private check(): void {
    for (const entry of this.waiting.values()) {
      if ([...this.active].every(m => entry.arrived.has(m))) entry.release()
    }
  }
}
