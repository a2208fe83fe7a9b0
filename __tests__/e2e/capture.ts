// A local capture server on 127.0.0.1 standing in for Slack (and other webhooks) in e2e tests.
import { type IncomingMessage, type ServerResponse, createServer } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface Captured {
  method: string
  url: string
  headers: IncomingMessage['headers']
  body: string
}

export async function startCapture(answer: (req: Captured, res: ServerResponse) => void = (_, res) => res.end('ok')) {
  const requests: Captured[] = []
  const server = createServer((req, res) => {
    let body = ''
    req.on('data', (d: Buffer) => (body += d.toString()))
    req.on('end', () => {
      const captured = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body }
      requests.push(captured)
      answer(captured, res)
    })
  })
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  const port = (server.address() as AddressInfo).port
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>(resolve => {
        server.closeAllConnections()
        server.close(() => resolve())
      })
  }
}
