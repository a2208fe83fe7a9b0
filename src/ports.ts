// The narrow interfaces the rollout core talks through. Adapters implement them for AWS;
// tests implement them with fakes and a virtual clock.
import type { AlarmState, Baseline, LatencyStatistic, MetricGate, Sample } from './evidence.js'
import type { Owner } from './history.js'
import type { TimelineEvent } from './timeline.js'

export interface AliasState {
  arn: string
  /** The primary version. */
  version: string
  /** AdditionalVersionWeights: the version receiving weighted traffic besides the primary. */
  weights: Record<string, number>
  revisionId: string
  description?: string
}

export interface AliasTarget {
  version: string
  weights: Record<string, number>
  /** Written only when given; Lambda keeps the description when it is omitted. */
  description?: string
}

/** Someone else changed the alias since we read it (Lambda's PreconditionFailedException). */
export class AliasConflictError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'AliasConflictError'
  }
}

/** Lambda or CloudWatch said "try again" (throttling, 5xx) and the SDK's own retries ran out. */
export class TransientError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options)
    this.name = 'TransientError'
  }
}

/** The thing named does not exist (alias, version, alarm). */
export class NotFoundError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'NotFoundError'
  }
}

export interface AliasPort {
  read(): Promise<AliasState>
  /** Writes the alias only if its RevisionId is still `revisionId`; throws AliasConflictError otherwise. */
  write(target: AliasTarget, revisionId: string): Promise<AliasState>
}

export interface FunctionConfig {
  version: string
  state?: string
  stateReason?: string
  lastUpdateStatus?: string
  lastUpdateStatusReason?: string
  role?: string
  deadLetterTargetArn?: string
  codeSha256?: string
}

export interface ProvisionedConcurrency {
  requested: number
  allocated: number
  status: string
  statusReason?: string
}

/** Where the adapters look: the region and, once known, the account (for "not found" messages). */
export interface Location {
  region?: string
  account?: string
}

/** " in region us-east-1, account 123456789012" (or "… the account of the credentials"); empty when nothing is known. */
export function inLocation(where: Location | undefined): string {
  if (!where?.region && !where?.account) return ''
  const region = where.region ? `region ${where.region}` : "the SDK's region"
  return ` in ${region}, ${where.account ? `account ${where.account}` : 'the account of the credentials'}`
}

export interface FunctionPort {
  /** `qualifier` is a version number or "$LATEST"; undefined when it does not exist. */
  configuration(qualifier: string): Promise<FunctionConfig | undefined>
  /** Publishes $LATEST if its code is still `codeSha256`, waits until the version is active, returns it. */
  publish(codeSha256: string, description: string): Promise<string>
  /** Provisioned concurrency configured on a version or alias; undefined when there is none. */
  provisionedConcurrency(qualifier: string): Promise<ProvisionedConcurrency | undefined>
  /** Where the function was looked for; absent when the adapter cannot say. */
  location?(): Location
}

export interface InvokeResult {
  statusCode: number
  /** "Unhandled" or "Handled" when the function threw; undefined on success. */
  functionError?: string
  payload: string
  executedVersion?: string
}

/** Invokes functions directly: the smoke test (the new version by its number) and hook functions. */
export interface ProbePort {
  invoke(functionId: string, qualifier: string | undefined, payload: string, timeoutMs: number): Promise<InvokeResult>
}

export interface MetricsQuery {
  newVersion: string
  oldVersion: string
  /** Epoch ms, aligned to periodSeconds; only complete periods are asked for. */
  start: number
  end: number
  /**
   * Incremental reads (epoch ms, aligned, start ≤ from < end): only the periods from here on are read. The
   * Sample's periods, counts and throttles then cover [from, end); its latency statistics and metric gates
   * still cover [start, end), each given whenever CloudWatch had a datapoint (the caller knows the counts).
   */
  from?: number
  periodSeconds: number
  latencyStatistic: LatencyStatistic
  metricGates: MetricGate[]
  /** Per-period Duration PR(:T) thresholds in ms: the latency-increase threshold (both versions) and max-latency (new). */
  latencyThresholds?: { increaseMs?: number; maxMs?: number }
}

/** The old version's own metrics before the deployment (one GetMetricData call). */
export interface BaselineQuery {
  version: string
  /** Epoch ms, aligned to periodSeconds. */
  start: number
  end: number
  periodSeconds: number
  latencyStatistic: LatencyStatistic
}

/** What a baseline read returns: the counts and the latency; the core estimates the dispersion. */
export type BaselineReading = Omit<Baseline, 'dispersion'>

export interface MetricsPort {
  /** One GetMetricData call: both versions' invocations, errors, latency, the alias's throttles and the metric gates. */
  read(query: MetricsQuery): Promise<Sample>
  /** One GetMetricData call: the old version's per-period invocations and errors and its latency statistic over the window. */
  baseline(query: BaselineQuery): Promise<BaselineReading>
  alarms(names: string[]): Promise<AlarmState[]>
}

export interface Clock {
  now(): number
  /** Resolves after `ms`, or rejects with an AbortError when `signal` aborts. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>
}

/** What the main step must remember so the post step can restore after a cancel or crash. */
export interface Checkpoint {
  phase: 'shifting' | 'done'
  functionId: string
  alias: string
  region?: string
  oldVersion: string
  newVersion: string
  /** restore-timeout: how long the post step keeps trying to restore. */
  restoreTimeoutSeconds?: number
  /** The alias's description before the run: what a restore puts back. */
  description?: string
  /** The run that marked the alias: a post step of the same run recognises its own mark. */
  owner?: Owner
}

/** Why a lockstep release stopped: a cancel, or the first function that failed. */
export type LockstepStop = { kind: 'cancelled' } | { kind: 'member-failed'; member: string; reason: string }

/** This function's place in a lockstep release (see lockstep.ts; a single function is a lockstep of one). */
export interface LockstepMember {
  /** Waits until every function still releasing reaches the same point; throws when the release stopped. */
  arrive(point: string): Promise<void>
  /** This function failed (`reason`): stop the others; they restore their own aliases. */
  fail(reason: string): void
  /** This function has nothing more to shift; it no longer holds the others. */
  leave(): void
  /** What stopped the release, if something did. */
  stoppedBy(): LockstepStop | undefined
}

export interface Ports {
  alias: AliasPort
  fn: FunctionPort
  metrics: MetricsPort
  probe?: ProbePort
  clock: Clock
  /** Receives every timeline event as it happens (logs, annotations). */
  emit?: (event: TimelineEvent) => void
  checkpoint?: (checkpoint: Checkpoint) => void
  /** Aborts when the runner cancels the job (SIGINT/SIGTERM). */
  signal?: AbortSignal
  random?: () => number
  /** The run, as its mark on the alias names it (GITHUB_RUN_ID, attempt, job, repository); derived from deploymentId when absent. */
  owner?: Owner
  /** Names this deployment in hook events; generated when absent. */
  deploymentId?: string
  /** Absent: this function is a lockstep of one. */
  lockstep?: LockstepMember
  /** Called once preflight has passed, before anything changes (records, notifications). Must not throw. */
  onReady?: (release: { oldVersion: string; newVersion: string; manualRollback: boolean }) => Promise<void>
}
