// Worker thread of the benchmark: runs the tasks (judge × scenario × range of runs) it is sent.
import { parentPort, workerData } from 'node:worker_threads'
import type { WorkerData } from './pool.js'
import { prepare, type RunRecord, runTask, type Task } from './run.js'
import { benchScenario } from './scenario.js'

const data = workerData as WorkerData
const prepared = data.scenarios.map((s, i) => prepare(benchScenario(s, undefined, data.names[i])))
const port = parentPort
if (!port) throw new Error('bench/worker.ts runs as a worker thread of bench/pool.ts')

port.on('message', (task: Task) => {
  runTask(prepared, task, data.seed).then(
    (records: RunRecord[]) => port.postMessage({ id: task.id, records }),
    (error: unknown) => port.postMessage({ id: task.id, error: error instanceof Error ? (error.stack ?? error.message) : String(error) })
  )
})
