// Worker thread of the benchmark: runs the tasks (judge × scenario × range of runs) it is sent.
import { parentPort, workerData } from 'node:worker_threads'
import type { Scenario } from '../sim/scenario.js'
import { type RunRecord, benchScenario, prepare, runTask } from './harness.js'
import type { JudgeName } from './judges.js'

const data = workerData as { scenarios: Scenario[]; names: string[]; seed: number }
const prepared = data.scenarios.map((s, i) => prepare(benchScenario(s, undefined, data.names[i])))
const port = parentPort
if (!port) throw new Error('bench/worker.ts runs as a worker thread of bench/harness.ts')

port.on('message', (task: { id: number; scenario: number; judge: JudgeName; from: number; to: number }) => {
  runTask(prepared, task, data.seed).then(
    (records: RunRecord[]) => port.postMessage({ id: task.id, records }),
    (error: unknown) => port.postMessage({ id: task.id, error: error instanceof Error ? (error.stack ?? error.message) : String(error) })
  )
})
