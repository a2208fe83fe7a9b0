// Monte-Carlo benchmark of the judges (bench/judges.ts) on simulated traffic, in virtual time: every judge
// on every scenario (bench/scenario.ts), runs in chunks (bench/run.ts) in this thread or on the worker pool
// (bench/pool.ts), summarised per judge and scenario (bench/results.ts).
import { availableParallelism } from 'node:os'
import { JUDGES, type JudgeName } from './judges.js'
import { runInWorkers } from './pool.js'
import { type BenchReport, type ResultDetail, type ResultRow, summarize } from './results.js'
import { prepare, type RunRecord, runTask, type Task, WARMUP_SECONDS } from './run.js'
import type { BenchScenario } from './scenario.js'

export interface BenchOptions {
  runs: number
  seed: number
  scenarios: BenchScenario[]
  judges?: readonly JudgeName[]
  /** Worker threads; 0 runs everything in this thread (tests). Default: the machine's parallelism. */
  workers?: number
  /** Runs per task handed to a worker. */
  chunk?: number
}

export async function runBench(opts: BenchOptions): Promise<BenchReport> {
  const judges = opts.judges ?? JUDGES
  const chunk = Math.max(1, opts.chunk ?? 25)
  const tasks: Task[] = []
  // The heaviest judge first, so the workers finish together.
  const order = [...judges].sort((a, b) => Number(b === 'lambda-canary') - Number(a === 'lambda-canary'))
  for (const judge of order) {
    for (const [scenario] of opts.scenarios.entries()) {
      for (let from = 0; from < opts.runs; from += chunk)
        tasks.push({ id: tasks.length, scenario, judge, from, to: Math.min(opts.runs, from + chunk) })
    }
  }
  const records = new Map<string, RunRecord[]>()
  const key = (judge: string, scenario: number) => `${judge}\u0000${scenario}`
  const store = (task: Task, recs: RunRecord[]) => {
    const list = records.get(key(task.judge, task.scenario)) ?? new Array<RunRecord>(opts.runs)
    for (const [i, r] of recs.entries()) list[task.from + i] = r
    records.set(key(task.judge, task.scenario), list)
  }

  const workers = Math.min(opts.workers ?? availableParallelism(), tasks.length)
  if (workers <= 0) {
    const prepared = opts.scenarios.map(prepare)
    for (const task of tasks) store(task, await runTask(prepared, task, opts.seed))
  } else {
    const workerData = { scenarios: opts.scenarios.map(s => s.scenario), names: opts.scenarios.map(s => s.name), seed: opts.seed }
    await runInWorkers(workers, workerData, tasks, store)
  }

  const results: ResultRow[] = []
  const details: ResultDetail[] = []
  for (const [si, s] of opts.scenarios.entries()) {
    for (const judge of judges) {
      const runs = records.get(key(judge, si)) ?? []
      const { row, detail } = summarize(judge, s.name, runs)
      results.push(row)
      details.push(detail)
    }
  }
  return {
    results,
    details,
    meta: {
      runs: opts.runs,
      seed: opts.seed,
      scenarios: opts.scenarios.map(s => s.name),
      judges: [...judges],
      warmupSeconds: WARMUP_SECONDS
    }
  }
}
