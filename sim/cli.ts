/**
 * CLI: npm run sim -- --scenario <file|name> [--port <port>] [--seed <n>] [--log]
 * Prints exactly "listening on http://127.0.0.1:<port>" when ready; exits 0 on SIGTERM/SIGINT.
 */
import { parseArgs } from 'node:util'
import { ScenarioError } from './scenario.js'
import { startSimulator, type StartSimulatorOptions } from './server.js'

const USAGE = 'usage: npm run sim -- --scenario <file|name> [--port <port>] [--seed <n>] [--log]'

async function main(): Promise<void> {
  let values: { scenario?: string; port?: string; seed?: string; log?: boolean; help?: boolean }
  try {
    ;({ values } = parseArgs({
      options: {
        scenario: { type: 'string', short: 's' },
        port: { type: 'string', short: 'p' },
        seed: { type: 'string' },
        log: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' }
      },
      strict: true
    }))
  } catch (e) {
    process.stderr.write(`${(e as Error).message}\n${USAGE}\n`)
    process.exit(2)
  }
  if (values.help) {
    process.stdout.write(`${USAGE}\n`)
    return
  }
  if (!values.scenario) {
    process.stderr.write(`missing --scenario\n${USAGE}\n`)
    process.exit(2)
  }
  const port = values.port === undefined ? 0 : Number(values.port)
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    process.stderr.write(`invalid --port ${values.port}\n`)
    process.exit(2)
  }
  const opts: StartSimulatorOptions = { scenario: values.scenario, port }
  if (values.seed !== undefined) opts.seed = Number(values.seed)
  if (values.log) {
    opts.onCall = c =>
      process.stderr.write(
        `[sim t=${c.time.toFixed(3)}s] ${c.service}.${c.operation} -> ${c.status}${c.error ? ` ${c.error}` : ''}${c.fault ? ` (fault ${c.fault})` : ''}${c.changedState ? ' *changed*' : ''}\n`
      )
  }
  let sim: Awaited<ReturnType<typeof startSimulator>>
  try {
    sim = await startSimulator(opts)
  } catch (e) {
    process.stderr.write(`${e instanceof ScenarioError ? e.message : ((e as Error).stack ?? String(e))}\n`)
    process.exit(1)
  }
  process.stdout.write(`listening on ${sim.url}\n`)
  let stopping = false
  const stop = () => {
    if (stopping) return
    stopping = true
    sim.close().then(
      () => process.exit(0),
      () => process.exit(0)
    )
    setTimeout(() => process.exit(0), 2000).unref()
  }
  process.on('SIGTERM', stop)
  process.on('SIGINT', stop)
}

void main()
