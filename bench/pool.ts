// The benchmark's worker pool: worker threads running bench/worker.ts, each fed one task at a time.
import { Worker } from 'node:worker_threads'
import type { Scenario } from '../sim/scenario.js'
import type { RunRecord, Task } from './run.js'

/** What every worker is started with: the scenarios (as given, with their names) and the base seed. */
export interface WorkerData {
  scenarios: Scenario[]
  names: string[]
  seed: number
}

/**
 * A worker running bench/worker: compiled JavaScript directly; TypeScript under tsx through tsx's API
 * (on Node 20 a worker thread does not inherit the loader hooks tsx registers in the main thread).
 */
function startWorker(workerData: WorkerData): Worker {
  const self = import.meta.url
  if (!self.endsWith('.ts')) return new Worker(new URL('./worker.js', self), { workerData })
  const target = new URL('./worker.ts', self).href
  const api = import.meta.resolve('tsx/esm/api')
  const bootstrap = [
    `import(${JSON.stringify(api)})`,
    `.then(m => { m.register(); return import(${JSON.stringify(target)}) })`,
    `.catch(e => require('node:worker_threads').parentPort.postMessage({ id: -1, error: String((e && e.stack) || e) }))`
  ].join('')
  return new Worker(bootstrap, { eval: true, workerData })
}

/** Runs the tasks on `count` workers, handing each result to `store`; rejects on the first failure. */
export async function runInWorkers(
  count: number,
  workerData: WorkerData,
  tasks: Task[],
  store: (task: Task, recs: RunRecord[]) => void
): Promise<void> {
  const queue = [...tasks]
  const byId = new Map(tasks.map(t => [t.id, t]))
  await new Promise<void>((resolvePromise, reject) => {
    let running = 0
    let settled = false
    const pool: Worker[] = []
    const fail = (error: Error) => {
      if (settled) return
      settled = true
      for (const x of pool) void x.terminate()
      reject(error)
    }
    const retired = new Set<Worker>()
    const feed = (w: Worker) => {
      const task = queue.shift()
      if (task) {
        w.postMessage(task)
        return
      }
      running--
      retired.add(w)
      void w.terminate()
      if (running === 0 && !settled) {
        settled = true
        resolvePromise()
      }
    }
    for (let i = 0; i < count; i++) {
      const w = startWorker(workerData)
      pool.push(w)
      running++
      w.on('message', (msg: { id: number; records?: RunRecord[]; error?: string }) => {
        if (msg.error !== undefined) return fail(new Error(`benchmark worker failed: ${msg.error}`))
        store(byId.get(msg.id) as Task, msg.records ?? [])
        feed(w)
      })
      w.on('error', error => fail(error))
      // terminate() ends a retired worker with code 1; any other exit before the work is done is a failure.
      w.on('exit', code => {
        if (!retired.has(w)) fail(new Error(`benchmark worker exited early with code ${code}`))
      })
      feed(w)
    }
  })
}
