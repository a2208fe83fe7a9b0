// A fault-injecting HTTP proxy between an AWS SDK client (AWS_ENDPOINT_URL = the proxy's url) and the
// simulator: it names every request by its operation (the simulator's routing: Lambda REST paths, CloudWatch's
// X-Amz-Target) and, by rules on the operation and its occurrence, hangs, resets, answers 5xx/429, or forwards
// the request and then loses the answer (a truncated body, an HTML 200 — the write applied, the answer
// unreadable). Requests no rule matches are forwarded unchanged. Documented in sim/README.md.
import http from 'node:http'
import type { AddressInfo, Socket } from 'node:net'

export type FaultAction =
  /** Never answer, until the client gives up. `forward: true` lets the request reach the simulator first. */
  | { kind: 'hang'; forward?: boolean }
  /** Destroy the connection without an answer (ECONNRESET). `forward: true`: after the simulator applied it. */
  | { kind: 'reset'; forward?: boolean }
  /** Answer `status` (e.g. 500, 503, 429) with the service's JSON error body. `forward: true`: applied first. */
  | {
      kind: 'error'
      status: number
      forward?: boolean /** The error's message (default: "fault-proxy: injected <status>"). */
      message?: string
      /** The error's code (default by status: TooManyRequestsException, ServiceUnavailableException, ServiceException), e.g. AccessDeniedException. */
      code?: string
    }
  /** Forward, then answer 200 with the first half of the simulator's body (applied-then-unreadable). */
  | { kind: 'truncate' }
  /** Forward, then answer 200 with an HTML page, as a captive portal or a broken gateway would. */
  | { kind: 'html' }
  /** Wait `ms`, then forward normally. */
  | { kind: 'delay'; ms: number }

export interface FaultRule {
  /** Operation name(s) it applies to, e.g. "UpdateAlias", ["GetAlias", "ListAliases"]; "*" = any. */
  operation: string | string[]
  /** Only the nth call (1-based) of the operation(s). */
  nth?: number
  /** Only calls after the nth (every call from n+1 on). */
  after?: number
  /** Only while this returns true (a flag the test flips). */
  when?: () => boolean
  /** At most this many times in all. */
  times?: number
  action: FaultAction
}

export interface ProxyHit {
  /** Across every proxy in the process, so hits of two proxies can be ordered. */
  seq: number
  operation: string
  method: string
  path: string
  /** The nth call of this operation through this proxy (1-based). */
  n: number
  /** The action applied, if a rule matched. */
  fault?: FaultAction['kind']
  /** The request body (writes: the parameters sent). */
  body: string
}

export interface FaultProxy {
  url: string
  /** Every request, in arrival order. */
  hits: ProxyHit[]
  /** Rules can be replaced or pushed while it runs. */
  rules: FaultRule[]
  /** Calls of an operation so far (optionally only faulted ones). */
  count(operation: string, faulted?: boolean): number
  close(): Promise<void>
}

let globalSeq = 0

const LAMBDA_ROUTES: [string, RegExp, string][] = [
  ['GET', /^\/2015-03-31\/functions\/[^/]+\/aliases\/[^/]+$/, 'GetAlias'],
  ['PUT', /^\/2015-03-31\/functions\/[^/]+\/aliases\/[^/]+$/, 'UpdateAlias'],
  ['DELETE', /^\/2015-03-31\/functions\/[^/]+\/aliases\/[^/]+$/, 'DeleteAlias'],
  ['GET', /^\/2015-03-31\/functions\/[^/]+\/aliases$/, 'ListAliases'],
  ['POST', /^\/2015-03-31\/functions\/[^/]+\/aliases$/, 'CreateAlias'],
  ['GET', /^\/2015-03-31\/functions\/[^/]+\/configuration$/, 'GetFunctionConfiguration'],
  ['GET', /^\/2015-03-31\/functions\/[^/]+\/versions$/, 'ListVersionsByFunction'],
  ['POST', /^\/2015-03-31\/functions\/[^/]+\/versions$/, 'PublishVersion'],
  ['POST', /^\/2015-03-31\/functions\/[^/]+\/invocations$/, 'Invoke'],
  ['GET', /^\/2019-09-30\/functions\/[^/]+\/provisioned-concurrency$/, 'GetProvisionedConcurrencyConfig'],
  ['GET', /^\/2015-03-31\/functions\/[^/]+$/, 'GetFunction']
]

/** The operation a request addresses, as the simulator routes it ("Sim" for /_sim/, "Unknown" otherwise). */
export function operationOf(method: string, path: string, headers: http.IncomingHttpHeaders): string {
  if (path.startsWith('/_sim/')) return 'Sim'
  const target = headers['x-amz-target']
  if (typeof target === 'string') return target.slice(target.lastIndexOf('.') + 1)
  return LAMBDA_ROUTES.find(([m, re]) => m === method && re.test(path))?.[2] ?? 'Unknown'
}

function matches(rule: FaultRule, operation: string, n: number): boolean {
  const ops = Array.isArray(rule.operation) ? rule.operation : [rule.operation]
  if (!ops.includes('*') && !ops.includes(operation)) return false
  if (rule.nth !== undefined && n !== rule.nth) return false
  if (rule.after !== undefined && n <= rule.after) return false
  if (rule.times !== undefined && rule.times <= 0) return false
  return rule.when ? rule.when() : true
}

function errorAnswer(res: http.ServerResponse, status: number, cloudWatch: boolean, text?: string, named?: string): void {
  const code = named ?? (status === 429 ? 'TooManyRequestsException' : status === 503 ? 'ServiceUnavailableException' : 'ServiceException')
  const message = text ?? `fault-proxy: injected ${status}`
  if (cloudWatch) {
    const fault = status >= 500 ? 'Receiver' : 'Sender'
    res.writeHead(status, { 'content-type': 'application/x-amz-json-1.0', 'x-amzn-query-error': `${code};${fault}` })
    res.end(JSON.stringify({ __type: `com.amazonaws.cloudwatch#${code}`, message }))
  } else {
    res.writeHead(status, { 'content-type': 'application/json', 'x-amzn-ErrorType': code })
    res.end(JSON.stringify({ Type: status >= 500 ? 'Service' : 'User', message }))
  }
}

const HTML = '<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body><h1>Bad Gateway</h1></body></html>'

export async function startFaultProxy(opts: { target: string; rules?: FaultRule[] }): Promise<FaultProxy> {
  const target = new URL(opts.target)
  const hits: ProxyHit[] = []
  const perOp = new Map<string, number>()
  const sockets = new Set<Socket>()

  const forward = (req: http.IncomingMessage, body: Buffer) =>
    new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
      const headers = { ...req.headers, host: target.host }
      const up = http.request({ hostname: target.hostname, port: target.port, method: req.method, path: req.url, headers }, r => {
        const chunks: Buffer[] = []
        r.on('data', (c: Buffer) => chunks.push(c))
        r.on('end', () => resolve({ status: r.statusCode ?? 502, headers: r.headers, body: Buffer.concat(chunks) }))
        r.on('error', reject)
      })
      up.on('error', reject)
      up.end(body)
    })

  const proxy: FaultProxy = {
    url: '',
    hits,
    rules: opts.rules ?? [],
    count: (operation, faulted = false) => hits.filter(h => h.operation === operation && (!faulted || h.fault)).length,
    close: () =>
      new Promise<void>(resolve => {
        for (const s of sockets) s.destroy()
        server.close(() => resolve())
      })
  }

  const handle = async (req: http.IncomingMessage, res: http.ServerResponse, body: Buffer): Promise<void> => {
    const method = (req.method ?? 'GET').toUpperCase()
    const path = new URL(req.url ?? '/', 'http://x').pathname
    const operation = operationOf(method, path, req.headers)
    const n = (perOp.get(operation) ?? 0) + 1
    perOp.set(operation, n)
    const rule = operation === 'Sim' ? undefined : proxy.rules.find(r => matches(r, operation, n))
    if (rule?.times !== undefined) rule.times--
    const action = rule?.action
    hits.push({ seq: ++globalSeq, operation, method, path, n, ...(action ? { fault: action.kind } : {}), body: body.toString() })
    if (action?.kind === 'delay') await new Promise(r => setTimeout(r, action.ms))
    const applyFirst = action && ('forward' in action ? action.forward : action.kind === 'truncate' || action.kind === 'html')
    const upstream = !action || action.kind === 'delay' || applyFirst ? await forward(req, body) : undefined
    if (!action || action.kind === 'delay') {
      const { status, headers, body: b } = upstream!
      const { 'transfer-encoding': _te, connection: _c, ...rest } = headers
      res.writeHead(status, { ...rest, 'content-length': String(b.length) })
      res.end(b)
      return
    }
    switch (action.kind) {
      case 'hang':
        return // the socket stays open until the client aborts or close()
      case 'reset':
        req.socket.destroy()
        return
      case 'error':
        return errorAnswer(res, action.status, typeof req.headers['x-amz-target'] === 'string', action.message, action.code)
      case 'truncate': {
        const b = upstream!.body.subarray(0, Math.floor(upstream!.body.length / 2))
        res.writeHead(200, {
          'content-type': String(upstream!.headers['content-type'] ?? 'application/json'),
          'content-length': String(b.length)
        })
        res.end(b)
        return
      }
      case 'html':
        res.writeHead(200, { 'content-type': 'text/html', 'content-length': String(Buffer.byteLength(HTML)) })
        res.end(HTML)
        return
    }
  }

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      handle(req, res, Buffer.concat(chunks)).catch(() => req.socket.destroy())
    })
  })
  server.on('connection', s => {
    sockets.add(s)
    s.on('close', () => sockets.delete(s))
  })
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  proxy.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return proxy
}
