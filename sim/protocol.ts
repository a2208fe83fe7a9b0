/**
 * Wire protocols, verified against @aws-sdk/client-lambda / client-cloudwatch 3.116x:
 *
 * Lambda — restJson1. Routes (method, path, success status):
 *   GET    /2015-03-31/functions/{FunctionName}                    GetFunction               200  (?Qualifier)
 *   GET    /2015-03-31/functions/{FunctionName}/configuration      GetFunctionConfiguration  200  (?Qualifier)
 *   GET    /2015-03-31/functions/{FunctionName}/versions           ListVersionsByFunction    200  (?Marker&MaxItems)
 *   POST   /2015-03-31/functions/{FunctionName}/versions           PublishVersion            201  {CodeSha256,Description,RevisionId}
 *   GET    /2015-03-31/functions/{FunctionName}/aliases            ListAliases               200  (?FunctionVersion&Marker&MaxItems)
 *   POST   /2015-03-31/functions/{FunctionName}/aliases            CreateAlias               201
 *   GET    /2015-03-31/functions/{FunctionName}/aliases/{Name}     GetAlias                  200
 *   PUT    /2015-03-31/functions/{FunctionName}/aliases/{Name}     UpdateAlias               200
 *   DELETE /2015-03-31/functions/{FunctionName}/aliases/{Name}     DeleteAlias               204
 *   POST   /2015-03-31/functions/{FunctionName}/invocations        Invoke                    200/202/204
 *          request headers X-Amz-Invocation-Type, X-Amz-Log-Type; body = raw payload;
 *          response headers X-Amz-Executed-Version, X-Amz-Function-Error, X-Amz-Log-Result; body = payload
 *   GET    /2019-09-30/functions/{FunctionName}/provisioned-concurrency  GetProvisionedConcurrencyConfig 200 (?Qualifier)
 *   {FunctionName} is URL-encoded (ARNs arrive as arn%3Aaws%3A...).
 *
 * CloudWatch — awsJson1_0 (awsQueryCompatible): POST /, X-Amz-Target: GraniteServiceVersion20100801.<Op>,
 *   content-type application/x-amz-json-1.0, JSON body; timestamps are epoch seconds (numbers) both ways.
 */
import { randomUUID } from 'node:crypto'
import { AwsError, CloudWatchErrors, LambdaErrors, type AwsService } from './errors.js'
import type { SimModel } from './model.js'

export interface HttpResult {
  status: number
  headers: Record<string, string>
  body: string | Buffer
}

export interface Route {
  service: AwsService | 'unknown'
  operation: string
  /** Input parameters as the operation sees them (for the call log). */
  params: Record<string, unknown>
  exec(model: SimModel): HttpResult
}

export interface IncomingRequest {
  method: string
  /** Raw path (still URL-encoded) without query string. */
  rawPath: string
  query: URLSearchParams
  headers: Record<string, string | string[] | undefined>
  body: Buffer
}

function header(req: IncomingRequest, name: string): string | undefined {
  const v = req.headers[name.toLowerCase()]
  return Array.isArray(v) ? v[0] : v
}

function json(status: number, body: unknown, extra: Record<string, string> = {}): HttpResult {
  return {
    status,
    headers: { 'content-type': 'application/json', ...extra },
    body: body === undefined ? '' : JSON.stringify(body)
  }
}

const CW_CONTENT_TYPE = 'application/x-amz-json-1.0'

/** Serialize an AwsError the way its service does. */
export function errorResponse(err: AwsError): HttpResult {
  const requestId = randomUUID()
  if (err.service === 'lambda') {
    const body: Record<string, unknown> = {}
    if (err.type !== undefined) body.Type = err.type
    body[err.messageField] = err.message
    Object.assign(body, err.extra)
    return json(err.status, body, { 'x-amzn-ErrorType': err.code, 'x-amzn-RequestId': requestId, ...err.headers })
  }
  const fault = err.status >= 500 ? 'Receiver' : 'Sender'
  return {
    status: err.status,
    headers: {
      'content-type': CW_CONTENT_TYPE,
      'x-amzn-query-error': `${err.code};${fault}`,
      'x-amzn-RequestId': requestId,
      ...err.headers
    },
    body: JSON.stringify({ __type: `com.amazonaws.cloudwatch#${err.shape ?? err.code}`, message: err.message, ...err.extra })
  }
}

function parseJsonBody(req: IncomingRequest, service: AwsService): Record<string, unknown> {
  if (req.body.length === 0) return {}
  try {
    const v: unknown = JSON.parse(req.body.toString('utf8'))
    if (v && typeof v === 'object' && !Array.isArray(v)) return v as Record<string, unknown>
  } catch {
    // fall through
  }
  throw service === 'lambda'
    ? new AwsError({
        service,
        code: 'SerializationException',
        status: 400,
        message: 'Could not parse request body into json',
        type: 'User'
      })
    : new AwsError({
        service,
        code: 'SerializationException',
        shape: 'SerializationException',
        status: 400,
        message: 'Could not parse request body into json'
      })
}

function q(req: IncomingRequest, name: string): string | undefined {
  const v = req.query.get(name)
  return v === null ? undefined : v
}

function qInt(req: IncomingRequest, name: string): number | undefined {
  const v = q(req, name)
  if (v === undefined) return undefined
  const n = Number(v)
  if (!Number.isInteger(n)) {
    throw LambdaErrors.validation(
      `1 validation error detected: Value '${v}' at '${name}' failed to satisfy constraint: Member must be an integer`
    )
  }
  return n
}

function strip<T extends Record<string, unknown>>(o: T): Record<string, unknown> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined))
}

function unknownLambda(req: IncomingRequest): Route {
  return {
    service: 'lambda',
    operation: 'Unknown',
    params: { method: req.method, path: req.rawPath },
    exec: () => {
      throw LambdaErrors.unknownOperation(
        `The simulator does not implement ${req.method} ${decodeURIComponent(req.rawPath)} (unknown or unsupported Lambda operation).`
      )
    }
  }
}

/** Route a Lambda REST request; returns null if the path is not a Lambda API path. */
export function routeLambda(req: IncomingRequest): Route | null {
  const m = /^\/(\d{4}-\d{2}-\d{2})\/(.*)$/.exec(req.rawPath)
  if (!m) return null
  const [, apiVersion, rest] = m as unknown as [string, string, string]
  const segs = rest.split('/').map(s => {
    try {
      return decodeURIComponent(s)
    } catch {
      return s
    }
  })
  if (segs[0] !== 'functions' || segs.length < 2 || !segs[1]) return unknownLambda(req)
  const FunctionName = segs[1]
  const tail = segs.slice(2)
  const method = req.method.toUpperCase()
  const ok = (status: number, body: unknown): HttpResult => json(status, body, { 'x-amzn-RequestId': randomUUID() })
  const route = (operation: string, params: Record<string, unknown>, run: (m: SimModel) => HttpResult): Route => ({
    service: 'lambda',
    operation,
    params: strip(params),
    exec: run
  })

  if (apiVersion === '2015-03-31') {
    if (tail.length === 0 && method === 'GET') {
      const p = { FunctionName, Qualifier: q(req, 'Qualifier') }
      return route('GetFunction', p, sim => ok(200, sim.getFunction(p)))
    }
    if (tail.length === 1 && tail[0] === 'configuration' && method === 'GET') {
      const p = { FunctionName, Qualifier: q(req, 'Qualifier') }
      return route('GetFunctionConfiguration', p, sim => ok(200, sim.getFunctionConfiguration(p)))
    }
    if (tail.length === 1 && tail[0] === 'versions') {
      if (method === 'GET') {
        const p = { FunctionName, Marker: q(req, 'Marker'), MaxItems: qInt(req, 'MaxItems') }
        return route('ListVersionsByFunction', p, sim => ok(200, sim.listVersionsByFunction(p)))
      }
      if (method === 'POST') {
        const b = parseJsonBody(req, 'lambda')
        const p = {
          FunctionName,
          CodeSha256: b.CodeSha256 as string | undefined,
          Description: b.Description as string | undefined,
          RevisionId: b.RevisionId as string | undefined
        }
        return route('PublishVersion', p, sim => ok(201, sim.publishVersion(p)))
      }
    }
    if (tail.length === 1 && tail[0] === 'aliases') {
      if (method === 'GET') {
        const p = { FunctionName, FunctionVersion: q(req, 'FunctionVersion'), Marker: q(req, 'Marker'), MaxItems: qInt(req, 'MaxItems') }
        return route('ListAliases', p, sim => ok(200, sim.listAliases(p)))
      }
      if (method === 'POST') {
        const b = parseJsonBody(req, 'lambda')
        const p = {
          FunctionName,
          Name: b.Name as string | undefined,
          FunctionVersion: b.FunctionVersion as string | undefined,
          Description: b.Description as string | undefined,
          RoutingConfig: b.RoutingConfig as { AdditionalVersionWeights?: Record<string, unknown> } | undefined
        }
        return route('CreateAlias', p, sim => ok(201, sim.createAlias(p)))
      }
    }
    if (tail.length === 2 && tail[0] === 'aliases' && tail[1]) {
      const Name = tail[1]
      if (method === 'GET') {
        const p = { FunctionName, Name }
        return route('GetAlias', p, sim => ok(200, sim.getAlias(p)))
      }
      if (method === 'PUT') {
        const b = parseJsonBody(req, 'lambda')
        const p = {
          FunctionName,
          Name,
          FunctionVersion: b.FunctionVersion as string | undefined,
          Description: b.Description as string | undefined,
          RoutingConfig: b.RoutingConfig as { AdditionalVersionWeights?: Record<string, unknown> } | undefined,
          RevisionId: b.RevisionId as string | undefined
        }
        return route('UpdateAlias', p, sim => ok(200, sim.updateAlias(p)))
      }
      if (method === 'DELETE') {
        const p = { FunctionName, Name }
        return route('DeleteAlias', p, sim => {
          sim.deleteAlias(p)
          return { status: 204, headers: { 'x-amzn-RequestId': randomUUID() }, body: '' }
        })
      }
    }
    if (tail.length === 1 && tail[0] === 'invocations' && method === 'POST') {
      const payload = req.body.toString('utf8')
      const p = {
        FunctionName,
        Qualifier: q(req, 'Qualifier'),
        InvocationType: header(req, 'x-amz-invocation-type'),
        LogType: header(req, 'x-amz-log-type'),
        Payload: payload
      }
      const logged = { ...p, Payload: payload.length > 1024 ? `${payload.slice(0, 1024)}…` : payload }
      return {
        service: 'lambda',
        operation: 'Invoke',
        params: strip(logged),
        exec: sim => {
          const r = sim.invoke(p)
          const headers: Record<string, string> = {
            'content-type': 'application/json',
            'x-amzn-RequestId': randomUUID(),
            'X-Amz-Executed-Version': r.ExecutedVersion
          }
          if (r.FunctionError) headers['X-Amz-Function-Error'] = r.FunctionError
          if (r.LogResult) headers['X-Amz-Log-Result'] = r.LogResult
          return { status: r.StatusCode, headers, body: r.Payload }
        }
      }
    }
  }
  if (apiVersion === '2019-09-30' && tail.length === 1 && tail[0] === 'provisioned-concurrency' && method === 'GET') {
    const p = { FunctionName, Qualifier: q(req, 'Qualifier') }
    return route('GetProvisionedConcurrencyConfig', p, sim => ok(200, sim.getProvisionedConcurrencyConfig(p)))
  }
  return unknownLambda(req)
}

const CW_TARGET_PREFIX = 'GraniteServiceVersion20100801.'

/** Route a CloudWatch JSON 1.0 request; returns null if this is not one. */
export function routeCloudWatch(req: IncomingRequest): Route | null {
  const target = header(req, 'x-amz-target')
  if (target === undefined) return null
  const operation = target.startsWith(CW_TARGET_PREFIX) ? target.slice(CW_TARGET_PREFIX.length) : target
  const unknown = (why: string): Route => ({
    service: 'cloudwatch',
    operation: operation || 'Unknown',
    params: { target },
    exec: () => {
      throw CloudWatchErrors.unknownOperation(why)
    }
  })
  if (!target.startsWith(CW_TARGET_PREFIX)) return unknown(`Unknown service target ${target}.`)
  if (req.method.toUpperCase() !== 'POST' || req.rawPath !== '/') {
    return unknown(`CloudWatch JSON requests must be POST / (got ${req.method} ${req.rawPath}).`)
  }
  const ok = (body: unknown): HttpResult => ({
    status: 200,
    headers: { 'content-type': CW_CONTENT_TYPE, 'x-amzn-RequestId': randomUUID() },
    body: JSON.stringify(body)
  })
  switch (operation) {
    case 'GetMetricData': {
      const body = parseJsonBody(req, 'cloudwatch')
      return { service: 'cloudwatch', operation, params: body, exec: sim => ok(sim.getMetricData(body)) }
    }
    case 'DescribeAlarms': {
      const body = parseJsonBody(req, 'cloudwatch')
      return { service: 'cloudwatch', operation, params: body, exec: sim => ok(sim.describeAlarms(body)) }
    }
    default:
      return unknown(`The simulator does not implement CloudWatch operation ${operation}.`)
  }
}
