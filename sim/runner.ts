// The GitHub runner, simulated: runs the bundled action exactly as the runner does (`node dist/main/index.js`
// with INPUT_* variables, GITHUB_OUTPUT / GITHUB_STATE / GITHUB_STEP_SUMMARY files and RUNNER_TEMP), then, like
// the runner, the post step (`node dist/post/index.js`) with STATE_* variables read back from GITHUB_STATE.
// Used by `npm run demo` and the e2e tests.
import { type ChildProcess, spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

export interface StepResult {
  code: number | null
  signal: NodeJS.Signals | null
  stdout: string
  stderr: string
  outputs: Record<string, string>
  state: Record<string, string>
  summary: string
  dir: string
}

export interface RunningStep {
  child: ChildProcess
  done: Promise<StepResult>
  /** Resolves when stdout has printed a line matching `re`. */
  waitFor(re: RegExp, timeoutMs?: number): Promise<void>
}

/** The runner's naming: `INPUT_` + the name upper-cased, spaces to underscores, dashes kept. */
function inputEnv(inputs: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(inputs).map(([k, v]) => [`INPUT_${k.replace(/ /g, '_').toUpperCase()}`, v]))
}

/** Parses the runner's file-command format: `name=value` lines and `name<<DELIM … DELIM` blocks. */
function parseFileCommands(text: string): Record<string, string> {
  const out: Record<string, string> = {}
  const lines = text.split(/\r?\n/)
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string
    const heredoc = /^([^=<]+)<<(.+)$/.exec(line)
    if (heredoc) {
      const [, name, delimiter] = heredoc as unknown as [string, string, string]
      const value: string[] = []
      while (++i < lines.length && lines[i] !== delimiter) value.push(lines[i] as string)
      out[name] = value.join('\n')
    } else if (line.includes('=')) {
      out[line.slice(0, line.indexOf('='))] = line.slice(line.indexOf('=') + 1)
    }
  }
  return out
}

/** The bundle action.yml runs for each step (`runs.main`, `runs.post`). */
export const STEP_ENTRIES = { main: 'dist/main/index.js', post: 'dist/post/index.js' } as const

export function startStep(opts: {
  env: Record<string, string>
  inputs?: Record<string, string>
  dir?: string
  state?: Record<string, string>
  /** Which step to run; by default the post step when saved state is given (only the post step gets STATE_*), else main. */
  step?: keyof typeof STEP_ENTRIES
  /** A bundle to run instead of the step's entry point (tests that pick the path themselves). */
  script?: string
}): RunningStep {
  const dir = opts.dir ?? mkdtempSync(join(tmpdir(), 'lambda-canary-e2e-'))
  const files = {
    output: join(dir, `output-${Date.now()}-${Math.random()}`),
    state: join(dir, `state-${Date.now()}-${Math.random()}`),
    summary: join(dir, 'summary.md')
  }
  // The runner creates all three files before the step starts.
  for (const f of [files.output, files.state, files.summary]) writeFileSync(f, '')
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: dir,
    RUNNER_TEMP: dir,
    GITHUB_OUTPUT: files.output,
    GITHUB_STATE: files.state,
    GITHUB_STEP_SUMMARY: files.summary,
    GITHUB_ACTIONS: 'true',
    AWS_CONFIG_FILE: join(dir, 'no-aws-config'),
    AWS_SHARED_CREDENTIALS_FILE: join(dir, 'no-aws-credentials'),
    ...Object.fromEntries(Object.entries(opts.state ?? {}).map(([k, v]) => [`STATE_${k}`, v])),
    ...inputEnv(opts.inputs ?? {}),
    ...opts.env
  }
  const entry = STEP_ENTRIES[opts.step ?? (opts.state ? 'post' : 'main')]
  const child = spawn(process.execPath, [opts.script ?? entry], { env, stdio: ['ignore', 'pipe', 'pipe'] })
  let stdout = ''
  let stderr = ''
  const waiters: { re: RegExp; resolve: () => void }[] = []
  child.stdout.on('data', (d: Buffer) => {
    stdout += d.toString()
    for (const w of [...waiters])
      if (w.re.test(stdout)) {
        waiters.splice(waiters.indexOf(w), 1)
        w.resolve()
      }
  })
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
  const done = new Promise<StepResult>(resolve =>
    child.on('close', (code, signal) => {
      const read = (f: string) => {
        try {
          return readFileSync(f, 'utf8')
        } catch {
          return ''
        }
      }
      resolve({
        code,
        signal,
        stdout,
        stderr,
        outputs: parseFileCommands(read(files.output)),
        state: parseFileCommands(read(files.state)),
        summary: read(files.summary),
        dir
      })
    })
  )
  return {
    child,
    done,
    waitFor: (re, timeoutMs = 30_000) =>
      new Promise<void>((resolve, reject) => {
        if (re.test(stdout)) return resolve()
        const timer = setTimeout(() => reject(new Error(`timed out waiting for ${re} in:\n${stdout}\n${stderr}`)), timeoutMs)
        waiters.push({
          re,
          resolve: () => {
            clearTimeout(timer)
            resolve()
          }
        })
      })
  }
}

export function runStep(opts: Parameters<typeof startStep>[0]): Promise<StepResult> {
  return startStep(opts).done
}

/** The runner's main step, then its post step with the state the main step saved. */
export async function runWithPost(opts: Parameters<typeof startStep>[0]): Promise<{ main: StepResult; post: StepResult }> {
  const main = await runStep({ ...opts, step: 'main' })
  const post = await runStep({ ...opts, step: 'post', dir: main.dir, state: main.state })
  return { main, post }
}
