// Secrets as a hostile echo would show them, the runner's exact-string masking, and local servers for the
// secrets-* tests.
import { type IncomingMessage, type ServerResponse, createServer } from 'node:http'
import type { AddressInfo } from 'node:net'

/** Every form in which a server might echo `value` back. */
export function echoForms(value: string): Record<string, string> {
  const encoded = encodeURIComponent(value)
  return {
    raw: value,
    urlEncoded: encoded,
    urlEncodedLower: encoded.replace(/%[0-9A-F]{2}/g, h => h.toLowerCase()),
    jsonEscaped: JSON.stringify(value).slice(1, -1),
    jsonSlashEscaped: JSON.stringify(value).slice(1, -1).replaceAll('/', '\\/'),
    jsonInUrl: encodeURIComponent(JSON.stringify(value).slice(1, -1).replaceAll('/', '\\/'))
  }
}

/** The runner: each registered value replaced by *** wherever it occurs, exactly (longest first). */
export function runnerMask(text: string, masks: string[]): string {
  return [...masks].sort((a, b) => b.length - a.length).reduce((t, m) => t.replaceAll(m, '***'), text)
}

/** The ::add-mask:: values in a step's stdout, unescaped as the runner reads command data. */
export const addMasks = (stdout: string): string[] =>
  stdout
    .split('\n')
    .filter(l => l.startsWith('::add-mask::'))
    .map(l => l.slice('::add-mask::'.length).replaceAll('%0D', '\r').replaceAll('%0A', '\n').replaceAll('%25', '%'))

/** Lines of output that show `secret`, other than the ::add-mask:: commands that register it. */
export const linesShowing = (output: string, secret: string): string[] =>
  output.split('\n').filter(l => l.includes(secret) && !l.startsWith('::add-mask::'))

export interface Server {
  url: string
  hits: { method: string; url: string; headers: IncomingMessage['headers'] }[]
  close(): Promise<void>
}

/** A local HTTP server on 127.0.0.1 that answers with `answer` and counts every request. */
export async function serve(answer: (req: IncomingMessage, res: ServerResponse) => void): Promise<Server> {
  const hits: Server['hits'] = []
  const server = createServer((req, res) => {
    req.resume()
    req.on('end', () => {
      hits.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers })
      answer(req, res)
    })
  })
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    hits,
    close: () =>
      new Promise<void>(resolve => {
        server.closeAllConnections()
        server.close(() => resolve())
      })
  }
}
