// What a run of one function ended as, saying what it is about (function, alias, mode, strategy) and
// why it stopped as data, so the report and the lockstep never need the settings or the words back.
import type { Plan } from '../plan.js'
import type { Checkpoint, Ports } from '../ports.js'
import type { DeploymentSpec, FunctionRef, Mode, RunSettings } from '../settings.js'
import { type Result, type TimelineEvent, record } from '../timeline.js'

/** Why a run ended where it did. */
export type Cause =
  /** It did what was asked: promoted, unchanged, planned, or a manual rollback done. */
  | { kind: 'completed' }
  /** A check of this function failed: preflight, smoke test, hook, or a stage's verdict. */
  | { kind: 'check-failed' }
  /** Someone else wrote the alias during the run. */
  | { kind: 'alias-conflict' }
  /** The workflow was cancelled or timed out. */
  | { kind: 'cancelled' }
  /** Another function released in lockstep failed; this one stopped with it. */
  | { kind: 'member-failed'; member: string; reason: string }
  | { kind: 'error'; message: string }

export interface Outcome {
  function: FunctionRef
  alias: string
  mode: Mode
  strategy: Pick<Plan, 'kind' | 'name'>
  result: Result
  reason: string
  cause: Cause
  version?: string
  previousVersion?: string
  aliasArn?: string
  startedAt: number
  finishedAt: number
  timeline: TimelineEvent[]
  /** When a restore could not be written: the exact command that would write it. */
  restoreCommand?: string
}

/** The versions a release moves between, known once preflight has passed. */
export interface Versions {
  oldVersion: string
  newVersion: string
}

/** How a run ends, before it is stamped with what it was about. */
export interface Ending {
  result: Result
  reason: string
  cause: Cause
  versions?: Partial<Versions>
  aliasArn?: string
  /** The alias could not be restored: the post step keeps its checkpoint, the report shows this command. */
  restoreCommand?: string
}

/** Did this function stop the release itself, rather than follow another function or a cancel? */
export function stoppedTheRelease(outcome: Outcome): boolean {
  if (outcome.result !== 'failed' && outcome.result !== 'rolled-back') return false
  const { kind } = outcome.cause
  return kind === 'check-failed' || kind === 'alias-conflict' || kind === 'error'
}

/** A deployment that rolled back failed; a manual rollback that rolled back did what it was asked. */
export function isFailure(outcome: Pick<Outcome, 'result' | 'mode'>): boolean {
  return outcome.result === 'failed' || (outcome.result === 'rolled-back' && outcome.mode !== 'rollback')
}

/** The one checkpoint builder: what the post step needs to restore this function's alias. */
export function checkpointOf(run: RunSettings, spec: DeploymentSpec, versions: Versions, phase: Checkpoint['phase']): Checkpoint {
  return {
    phase,
    functionId: spec.fn.id,
    alias: run.alias,
    ...(run.region ? { region: run.region } : {}),
    oldVersion: versions.oldVersion,
    newVersion: versions.newVersion,
    restoreTimeoutSeconds: run.restoreTimeoutSeconds
  }
}

/** The timeline of one run: kept for the outcome (bounded: see `record`) and passed on as it happens. */
export class Journal {
  readonly timeline: TimelineEvent[] = []
  readonly startedAt: number

  constructor(private readonly ports: Pick<Ports, 'clock' | 'emit'>) {
    this.startedAt = ports.clock.now()
  }

  now(): number {
    return this.ports.clock.now()
  }

  emit(event: TimelineEvent): void {
    record(this.timeline, event)
    this.ports.emit?.(event)
  }

  /** The self-describing outcome; a deployment that ended with its alias in a known state marks its checkpoint done. */
  conclude(run: RunSettings, spec: DeploymentSpec, ports: Pick<Ports, 'checkpoint'>, ending: Ending): Outcome {
    const { oldVersion, newVersion } = ending.versions ?? {}
    const settled = ['promoted', 'rolled-back', 'failed'].includes(ending.result) && ending.restoreCommand === undefined
    if (run.mode === 'deploy' && oldVersion && newVersion && settled) {
      ports.checkpoint?.(checkpointOf(run, spec, { oldVersion, newVersion }, 'done'))
    }
    return {
      function: spec.fn,
      alias: run.alias,
      mode: run.mode,
      strategy: { kind: run.plan.kind, name: run.plan.name },
      result: ending.result,
      reason: ending.reason,
      cause: ending.cause,
      ...(newVersion ? { version: newVersion } : {}),
      ...(oldVersion ? { previousVersion: oldVersion } : {}),
      ...(ending.aliasArn ? { aliasArn: ending.aliasArn } : {}),
      startedAt: this.startedAt,
      finishedAt: this.now(),
      timeline: this.timeline,
      ...(ending.restoreCommand ? { restoreCommand: ending.restoreCommand } : {})
    }
  }
}

export function messageOf(error: unknown): string {
  if (error instanceof Error) return error.message
  return String(error)
}
