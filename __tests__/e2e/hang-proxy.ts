// A tiny HTTP proxy in front of the simulator that can leave chosen AWS operations without an answer, for the
// entry e2e tests: a hung call whose request was applied (forwarded, the answer dropped) or never arrived.
import { type IncomingMessage, type ServerResponse, createServer, request } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'

export type HungOperation = 'GetAlias' | 'UpdateAlias' | 'GetMetricData'

export interface HangRule {
  operation: HungOperation
  /** Send the request on to the simulator (so a write is applied) and drop only its answer. */
  forward: boolean
  /** Only requests whose body matches. */
  body?: RegExp
  /** Hang only the first matching request. */
  once?: boolean
}

export interface HangProxy {
  url: string
  hang(rule: HangRule): void
  /** How many requests are being held without an answer. */
  hung(): number
  close(): Promise<void>
}

function operationOf(req: IncomingMessage): string {
  const target = req.headers['x-amz-target']
  if (typeof target === 'string') return target.slice(target.lastIndexOf('.') + 1)
  if (/\/aliases\/[^/?]+(\?|$)/.test(req.url ?? '')) return req.method === 'PUT' ? 'UpdateAlias' : req.method === 'GET' ? 'GetAlias' : ''
  return ''
}

export async function startHangProxy(target: string): Promise<HangProxy> {
  const upstream = new URL(target)
  const rules: HangRule[] = []
  const sockets = new Set<Socket>()
  let held = 0
  const forward = (req: IncomingMessage, body: Buffer, res?: ServerResponse) => {
    const out = request(
      { host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: req.headers },
      answer => {
        if (!res) {
          answer.resume()
          return
        }
        res.writeHead(answer.statusCode ?? 502, answer.headers)
        answer.pipe(res)
      }
    )
    out.on('error', () => res?.destroy())
    out.end(body)
  }
  const server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      const body = Buffer.concat(chunks)
      const rule = rules.find(r => r.operation === operationOf(req) && (!r.body || r.body.test(body.toString())))
      if (!rule) return forward(req, body, res)
      if (rule.once) rules.splice(rules.indexOf(rule), 1)
      held++
      if (rule.forward) forward(req, body)
    })
  })
  server.on('connection', s => {
    sockets.add(s)
    s.on('close', () => sockets.delete(s))
  })
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    hang: rule => rules.push(rule),
    hung: () => held,
    close: () =>
      new Promise<void>(resolve => {
        for (const s of sockets) s.destroy()
        server.close(() => resolve())
      })
  }
}

/** Resolves once `condition` holds, polling every 25 ms; rejects after `timeoutMs` with `what`. */
export async function until(condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise(r => setTimeout(r, 25))
  }
}
