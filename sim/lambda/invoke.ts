/** Lambda Invoke: routed by the alias's weights, served with the version's behaviour, recorded like any traffic. */
import { LambdaErrors } from '../errors.js'
import type { Rng } from '../rng.js'
import type { SimState } from '../state.js'
import type { TrafficRecorder } from '../traffic/recorder.js'
import { phaseAt, sampleLatency, type VersionRecord, versionRecord } from './records.js'
import { pickVersion, type Target } from './routing.js'
import { resolveFn, resolveQualifier } from './validation.js'
import type { InvokeInput, InvokeOutput } from './wire.js'

/** Direct invocations draw from their own stream `rng`, so they do not disturb the scenario's traffic. */
export function invoke(state: SimState, recorder: TrafficRecorder, rng: Rng, input: InvokeInput): InvokeOutput {
  const { fn, qualifier } = resolveFn(state, input.FunctionName, input.Qualifier, true)
  const { ver: primaryVer, alias } = resolveQualifier(state, fn, qualifier)
  const type = input.InvocationType ?? 'RequestResponse'
  if (type !== 'RequestResponse' && type !== 'Event' && type !== 'DryRun') {
    throw LambdaErrors.invalidParameterValue(`Unsupported invocation type ${type}`)
  }
  if (primaryVer.state === 'Pending') {
    throw LambdaErrors.resourceConflict(
      'The operation cannot be performed at this time. The function is currently in the following state: Pending'
    )
  }
  const uRoute = rng.next()
  const uError = rng.next()
  const z = rng.normal()
  const executed = alias ? pickVersion(alias, uRoute) : primaryVer.version
  if (type === 'DryRun') {
    return { StatusCode: 204, ExecutedVersion: executed, FunctionError: undefined, LogResult: undefined, Payload: '' }
  }
  const ver = versionRecord(fn, executed) as VersionRecord
  const phase = phaseAt(ver.phases, state.now)
  const error = uError < phase.errorRate
  const duration = sampleLatency(phase.latency, z)
  const target: Target = {
    version: primaryVer.version,
    alias,
    resourceQualifier: qualifier === undefined || qualifier === '$LATEST' ? null : qualifier
  }
  recorder.served({
    fn,
    target,
    invokedQualifier: qualifier,
    executed,
    phase: phase.index,
    at: state.now,
    firstAt: state.now,
    invocations: 1,
    errors: error ? 1 : 0,
    durations: duration
  })
  const payload = error
    ? JSON.stringify({
        errorType: ver.response.error?.errorType ?? 'Error',
        errorMessage: ver.response.error?.errorMessage ?? `Simulated failure in ${fn.name} version ${executed}`,
        trace: []
      })
    : JSON.stringify(ver.response.payload ?? { statusCode: 200, body: JSON.stringify({ version: executed }) })
  const log = `START RequestId: ${rng.uuid()} Version: ${executed}\nEND\nREPORT Duration: ${duration} ms\n`
  return {
    StatusCode: type === 'Event' ? 202 : 200,
    ExecutedVersion: executed,
    FunctionError: error && type === 'RequestResponse' ? 'Unhandled' : undefined,
    LogResult: input.LogType === 'Tail' && type === 'RequestResponse' ? Buffer.from(log).toString('base64') : undefined,
    Payload: type === 'Event' ? '' : payload
  }
}
