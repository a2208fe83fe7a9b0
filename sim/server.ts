/**
 * HTTP front end of the simulator: one port serves both the Lambda REST API and the CloudWatch
 * JSON API (point the SDK at it with `endpoint` or AWS_ENDPOINT_URL), plus inspection endpoints:
 *
 *   GET  /_sim/state           model snapshot (functions, versions, aliases + RevisionId, alarms, history)
 *   GET  /_sim/calls           every AWS API call received, in order
 *   POST /_sim/reset           rebuild the model from the scenario (time 0 = now) and clear the call log
 *   GET  /_sim/time            { time, epochMs }
 *   POST /_sim/advance?seconds=N   advance a ManualClock (virtual time only)
 *
 * Before handling each request the model is advanced to the clock's current time, so traffic and
 * metrics are generated lazily and no background timers exist.
 */
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { ManualClock, systemClock, type Clock } from './clock.js'
import { AwsError } from './errors.js'
import { SimModel } from './model.js'
import { errorResponse, routeCloudWatch, routeLambda, type HttpResult, type IncomingRequest, type Route } from './protocol.js'
import { resolveScenario, type Scenario } from './scenario.js'

export interface CallRecord {
  seq: number
  service: 'lambda' | 'cloudwatch' | 'unknown'
  operation: string
  /** Model time (seconds since the simulator started) when the call was handled. */
  time: number
  /** Wall/virtual clock time of the call, ISO 8601. */
  timestamp: string
  /** Whether the call changed simulator state (alias writes, publishes, ...). */
  changedState: boolean
  status: number
  /** Error name when status >= 400. */
  error?: string
  /** Set when the response was produced by a scripted fault. */
  fault?: string
  params?: Record<string, unknown>
}

export interface StartSimulatorOptions {
  /** Scenario object, path to a scenario JSON file, or the name of a shipped scenario ("healthy"). */
  scenario: Scenario | string
  /** TCP port on 127.0.0.1; 0 (default) picks a free port. */
  port?: number
  host?: string
  /** Time source; default real time. Pass a ManualClock to run in virtual time. */
  clock?: Clock
  /** Overrides the scenario seed. */
  seed?: number
  /** Keep the call log (default true). */
  recordCalls?: boolean
  /** Include request parameters in the call log (default true). */
  recordParams?: boolean
  /** Called for every AWS call (e.g. to print a log line). */
  onCall?: (call: CallRecord) => void
}

export interface RunningSimulator {
  /** http://127.0.0.1:<port> — use as the SDK `endpoint` / AWS_ENDPOINT_URL. */
  readonly url: string
  readonly port: number
  readonly clock: Clock
  /** The current model (replaced by reset()). Advance it with `sync()` before reading directly. */
  readonly model: SimModel
  readonly scenario: Scenario
  /** Recorded AWS calls. */
  calls(): CallRecord[]
  /** Advance the model to the clock's current time and return it. */
  sync(): SimModel
  /** Rebuild the model from the scenario with time 0 = clock.now(), and clear the call log. */
  reset(): void
  close(): Promise<void>
}

function readBody(req: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => resolve(Buffer.concat(chunks)))
    req.on('error', reject)
  })
}

/** A 200 no SDK can parse: the HTML page a proxy or load balancer sends in place of the service's answer. */
function unreadableAnswer(): HttpResult {
  return { status: 200, headers: { 'content-type': 'text/html' }, body: '<html><body><h1>502 Bad Gateway</h1></body></html>' }
}

function send(res: http.ServerResponse, r: HttpResult): void {
  const body = typeof r.body === 'string' ? Buffer.from(r.body, 'utf8') : r.body
  res.writeHead(r.status, { ...r.headers, 'content-length': String(body.length) })
  res.end(body)
}

function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
  send(res, { status, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body, null, 2) })
}

export async function startSimulator(opts: StartSimulatorOptions): Promise<RunningSimulator> {
  const scenario = resolveScenario(opts.scenario)
  const clock = opts.clock ?? systemClock
  const recordCalls = opts.recordCalls ?? true
  const recordParams = opts.recordParams ?? true
  const modelOpts = (): { originEpochMs: number; seed?: number } =>
    opts.seed !== undefined ? { originEpochMs: clock.now(), seed: opts.seed } : { originEpochMs: clock.now() }
  let model = new SimModel(scenario, modelOpts())
  let calls: CallRecord[] = []
  let seq = 0

  const sync = (): SimModel => {
    model.advanceTo(model.timeOfEpochMs(clock.now()))
    return model
  }

  const handleAws = (route: Route, res: http.ServerResponse): void => {
    const sim = sync()
    const before = sim.mutations
    let result: HttpResult
    let faultName: string | undefined
    const fault = route.service === 'unknown' ? null : sim.decideFault(route.service, route.operation)
    if (fault && !fault.afterCommit && fault.fault.type !== 'unreadable') {
      result = errorResponse(fault.error)
      faultName = fault.fault.name ?? fault.fault.type
    } else {
      try {
        result = route.exec(sim)
        if (fault) {
          result = fault.fault.type === 'unreadable' ? unreadableAnswer() : errorResponse(fault.error)
          faultName = fault.fault.name ?? fault.fault.type
        }
      } catch (e) {
        if (!(e instanceof AwsError)) throw e
        result = errorResponse(e)
      }
    }
    const call: CallRecord = {
      seq: ++seq,
      service: route.service,
      operation: route.operation,
      time: sim.now,
      timestamp: new Date(clock.now()).toISOString(),
      changedState: sim.mutations !== before,
      status: result.status
    }
    if (result.status >= 400) {
      call.error =
        (result.headers['x-amzn-ErrorType'] as string | undefined) ??
        (result.headers['x-amzn-query-error'] as string | undefined)?.split(';')[0] ??
        'Error'
    }
    if (faultName) call.fault = faultName
    if (recordParams) call.params = route.params
    if (recordCalls) calls.push(call)
    opts.onCall?.(call)
    send(res, result)
  }

  const handleSim = (method: string, path: string, url: URL, res: http.ServerResponse): void => {
    if (method === 'GET' && path === '/_sim/state') return sendJson(res, 200, sync().snapshot())
    if (method === 'GET' && path === '/_sim/calls') return sendJson(res, 200, calls)
    if (method === 'GET' && path === '/_sim/time') {
      const m = sync()
      return sendJson(res, 200, { time: m.now, epochMs: m.epochMsAt(m.now) })
    }
    if (method === 'POST' && path === '/_sim/reset') {
      api.reset()
      return sendJson(res, 200, { reset: true, originEpochMs: model.originEpochMs })
    }
    if (method === 'POST' && path === '/_sim/advance') {
      if (!(clock instanceof ManualClock)) return sendJson(res, 400, { error: 'advance requires a ManualClock (virtual time)' })
      const seconds = Number(url.searchParams.get('seconds') ?? 'NaN')
      if (!(seconds >= 0)) return sendJson(res, 400, { error: 'seconds must be a number >= 0' })
      clock.advance(seconds * 1000)
      const m = sync()
      return sendJson(res, 200, { time: m.now, epochMs: m.epochMsAt(m.now) })
    }
    return sendJson(res, 404, { error: `unknown simulator endpoint ${method} ${path}` })
  }

  const server = http.createServer((req, res) => {
    readBody(req)
      .then(body => {
        const url = new URL(req.url ?? '/', 'http://127.0.0.1')
        const method = (req.method ?? 'GET').toUpperCase()
        if (url.pathname.startsWith('/_sim/')) return handleSim(method, url.pathname, url, res)
        const incoming: IncomingRequest = { method, rawPath: url.pathname, query: url.searchParams, headers: req.headers, body }
        let route: Route | null
        try {
          route = routeCloudWatch(incoming) ?? routeLambda(incoming)
        } catch (e) {
          if (!(e instanceof AwsError)) throw e
          const err = e
          route = {
            service: err.service,
            operation: 'Unknown',
            params: { method, path: url.pathname },
            exec: () => {
              throw err
            }
          }
        }
        route ??= {
          service: 'unknown',
          operation: 'Unknown',
          params: { method, path: url.pathname },
          exec: () => ({
            status: 400,
            headers: { 'content-type': 'application/json', 'x-amzn-ErrorType': 'UnknownOperationException' },
            body: JSON.stringify({
              __type: 'UnknownOperationException',
              message: `The simulator serves Lambda (/2015-03-31/..., /2019-09-30/...) and CloudWatch (POST / with X-Amz-Target); got ${method} ${url.pathname}.`
            })
          })
        }
        handleAws(route, res)
      })
      .catch((e: unknown) => {
        sendJson(res, 500, { error: 'simulator internal error', message: (e as Error)?.message ?? String(e) })
      })
  })
  server.keepAliveTimeout = 5000

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', () => {
      server.off('error', reject)
      resolve()
    })
  })
  const port = (server.address() as AddressInfo).port
  const host = opts.host ?? '127.0.0.1'

  const api: RunningSimulator = {
    url: `http://${host}:${port}`,
    port,
    clock,
    scenario,
    get model() {
      return model
    },
    calls: () => calls.slice(),
    sync,
    reset() {
      model = new SimModel(scenario, modelOpts())
      calls = []
      seq = 0
    },
    close: () =>
      new Promise<void>(resolve => {
        server.close(() => resolve())
        server.closeAllConnections()
      })
  }
  return api
}

/** Client config for the AWS SDK v3 clients: `new LambdaClient({ ...sdkConfig(sim.url), maxAttempts: 1 })`. */
export function sdkConfig(url: string, region = 'us-east-1') {
  return { endpoint: url, region, credentials: { accessKeyId: 'sim', secretAccessKey: 'sim' } }
}

/** Environment for running the action (or any SDK program) as a subprocess against the simulator. */
export function simEnv(url: string, region = 'us-east-1'): Record<string, string> {
  return {
    AWS_ENDPOINT_URL: url,
    AWS_REGION: region,
    AWS_DEFAULT_REGION: region,
    AWS_ACCESS_KEY_ID: 'sim',
    AWS_SECRET_ACCESS_KEY: 'sim',
    AWS_EC2_METADATA_DISABLED: 'true'
  }
}
