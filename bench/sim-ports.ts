// The action's ports implemented straight over the simulator's model, in virtual time: no HTTP, no
// AWS SDK client. Every call has the shape the real adapters send (UpdateAlias with RevisionId,
// GetMetricData with the queries of src/adapters/cloudwatch.ts buildQueries), and its answer goes
// through the same conversions (toSample) and error translation (translate).
import { buildQueries, toSample } from '../src/adapters/cloudwatch.js'
import { translate } from '../src/adapters/lambda.js'
import type { AlarmState, Sample } from '../src/evidence.js'
import type {
  AliasPort,
  AliasState,
  AliasTarget,
  Clock,
  FunctionConfig,
  FunctionPort,
  InvokeResult,
  MetricsPort,
  MetricsQuery,
  ProbePort,
  ProvisionedConcurrency
} from '../src/ports.js'
import { NotFoundError } from '../src/ports.js'
import type { ManualClock } from '../sim/clock.js'
import type { GetMetricDataInput, SimModel } from '../sim/model.js'

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
    this.model.advanceTo(this.model.timeOfEpochMs(this.clock.now()))
  }

  now(): number {
    return this.clock.now()
  }
}

type Json = Record<string, unknown>

/** AwsError carries its HTTP status as `status`; the SDK's errors carry `$metadata.httpStatusCode`, which `translate` reads. */
function sdkShaped(error: unknown): unknown {
  if (error instanceof Error && typeof (error as { status?: unknown }).status === 'number' && !('$metadata' in error)) {
    Object.assign(error, { $metadata: { httpStatusCode: (error as unknown as { status: number }).status } })
  }
  return error
}

function toAliasState(out: Json): AliasState {
  const routing = (out.RoutingConfig as { AdditionalVersionWeights?: Record<string, number> } | undefined)?.AdditionalVersionWeights
  return {
    arn: out.AliasArn as string,
    version: out.FunctionVersion as string,
    weights: { ...(routing ?? {}) },
    revisionId: out.RevisionId as string,
    ...(out.Description ? { description: out.Description as string } : {})
  }
}

export class SimAlias implements AliasPort {
  constructor(private readonly world: SimWorld) {}

  async read(): Promise<AliasState> {
    const { model, functionName, aliasName } = this.world
    try {
      return toAliasState(model.getAlias({ FunctionName: functionName, Name: aliasName }))
    } catch (error) {
      throw translate(sdkShaped(error), `alias "${aliasName}" of "${functionName}"`)
    }
  }

  async write(target: AliasTarget, revisionId: string): Promise<AliasState> {
    const { model, functionName, aliasName } = this.world
    this.world.writes.push({ at: this.world.now(), version: target.version, weights: { ...target.weights } })
    try {
      return toAliasState(
        model.updateAlias({
          FunctionName: functionName,
          Name: aliasName,
          FunctionVersion: target.version,
          RoutingConfig: { AdditionalVersionWeights: target.weights },
          ...(target.description !== undefined ? { Description: target.description } : {}),
          RevisionId: revisionId
        })
      )
    } catch (error) {
      throw translate(sdkShaped(error), `alias "${aliasName}" of "${functionName}"`)
    }
  }
}

export class SimFunction implements FunctionPort {
  constructor(private readonly world: SimWorld) {}

  async configuration(qualifier: string): Promise<FunctionConfig | undefined> {
    const { model, functionName } = this.world
    let out: Json
    try {
      out = model.getFunctionConfiguration({ FunctionName: functionName, Qualifier: qualifier })
    } catch (error) {
      const translated = translate(sdkShaped(error), `version ${qualifier} of "${functionName}"`)
      if (translated instanceof NotFoundError) return undefined
      throw translated
    }
    const config: FunctionConfig = { version: (out.Version as string | undefined) ?? '' }
    const text = (key: string) => (typeof out[key] === 'string' && out[key] !== '' ? (out[key] as string) : undefined)
    const set = <K extends keyof FunctionConfig>(key: K, value: string | undefined) => {
      if (value !== undefined) (config as unknown as Record<string, string>)[key] = value
    }
    set('state', text('State'))
    set('stateReason', text('StateReason'))
    set('lastUpdateStatus', text('LastUpdateStatus'))
    set('lastUpdateStatusReason', text('LastUpdateStatusReason'))
    set('role', text('Role'))
    set('deadLetterTargetArn', (out.DeadLetterConfig as { TargetArn?: string } | undefined)?.TargetArn)
    set('codeSha256', text('CodeSha256'))
    return config
  }

  async provisionedConcurrency(qualifier: string): Promise<ProvisionedConcurrency | undefined> {
    const { model, functionName } = this.world
    try {
      const out = model.getProvisionedConcurrencyConfig({ FunctionName: functionName, Qualifier: qualifier })
      return {
        requested: (out.RequestedProvisionedConcurrentExecutions as number | undefined) ?? 0,
        allocated: (out.AllocatedProvisionedConcurrentExecutions as number | undefined) ?? 0,
        status: (out.Status as string | undefined) ?? 'UNKNOWN',
        ...(out.StatusReason ? { statusReason: out.StatusReason as string } : {})
      }
    } catch (error) {
      if (error instanceof Error && error.name === 'ProvisionedConcurrencyConfigNotFoundException') return undefined
      throw translate(sdkShaped(error), `provisioned concurrency of ${functionName}:${qualifier}`)
    }
  }

  async publish(codeSha256: string, description: string): Promise<string> {
    const { model, functionName } = this.world
    try {
      const out = model.publishVersion({ FunctionName: functionName, CodeSha256: codeSha256, Description: description })
      return out.Version as string
    } catch (error) {
      throw translate(sdkShaped(error), `"${functionName}"`)
    }
  }
}

export class SimMetrics implements MetricsPort {
  /** GetMetricData calls made (pages included). */
  calls = 0

  constructor(private readonly world: SimWorld) {}

  async read(q: MetricsQuery): Promise<Sample> {
    const { model, functionName, aliasName } = this.world
    const results = new Map<string, { timestamps: number[]; values: number[] }>()
    let nextToken: string | undefined
    try {
      do {
        this.calls++
        const input: GetMetricDataInput = {
          MetricDataQueries: buildQueries(functionName, aliasName, q) as GetMetricDataInput['MetricDataQueries'],
          StartTime: new Date(q.start),
          EndTime: new Date(q.end),
          ScanBy: 'TimestampAscending',
          ...(nextToken ? { NextToken: nextToken } : {})
        }
        const out = model.getMetricData(input) as {
          MetricDataResults: { Id: string; Timestamps: number[]; Values: number[] }[]
          NextToken?: string
        }
        for (const r of out.MetricDataResults) {
          const entry = results.get(r.Id) ?? { timestamps: [], values: [] }
          r.Timestamps.forEach((t, i) => {
            const v = r.Values[i]
            if (v === undefined || !Number.isFinite(v)) return
            entry.timestamps.push(t * 1000) // the wire has epoch seconds; the SDK turns them into Dates
            entry.values.push(v)
          })
          results.set(r.Id, entry)
        }
        nextToken = out.NextToken
      } while (nextToken)
    } catch (error) {
      throw translate(sdkShaped(error), 'GetMetricData')
    }
    return toSample(results, q)
  }

  async alarms(names: string[]): Promise<AlarmState[]> {
    const out = this.world.model.describeAlarms({ AlarmNames: names, AlarmTypes: ['MetricAlarm', 'CompositeAlarm'] }) as {
      MetricAlarms: Json[]
      CompositeAlarms: Json[]
    }
    return [...out.MetricAlarms, ...out.CompositeAlarms].map(a => ({
      name: a.AlarmName as string,
      state: a.StateValue as AlarmState['state'],
      ...(a.StateReason ? { reason: a.StateReason as string } : {})
    }))
  }
}

export class SimProbe implements ProbePort {
  constructor(private readonly world: SimWorld) {}

  async invoke(functionId: string, qualifier: string | undefined, payload: string): Promise<InvokeResult> {
    try {
      const out = this.world.model.invoke({
        FunctionName: functionId,
        ...(qualifier !== undefined ? { Qualifier: qualifier } : {}),
        Payload: payload
      })
      return {
        statusCode: out.StatusCode,
        ...(out.FunctionError ? { functionError: out.FunctionError } : {}),
        payload: out.Payload,
        executedVersion: out.ExecutedVersion
      }
    } catch (error) {
      throw translate(sdkShaped(error), `"${functionId}"`)
    }
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

function abortError(): Error {
  const error = new Error('aborted')
  error.name = 'AbortError'
  return error
}
