/**
 * The CLI prints the listening line, serves requests, and exits 0 on SIGTERM / SIGINT.
 */
import { spawn } from 'node:child_process'
import { describe, expect, it } from '@jest/globals'

function runCli(args: string[]) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'sim/cli.ts', ...args], {
    cwd: process.cwd(),
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, NODE_OPTIONS: '' }
  })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()))
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>(resolve =>
    child.on('exit', (code, signal) => resolve({ code, signal }))
  )
  const listening = new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no listening line; stdout=${stdout} stderr=${stderr}`)), 15_000)
    child.stdout.on('data', () => {
      const m = /^listening on (http:\/\/127\.0\.0\.1:(\d+))$/m.exec(stdout)
      if (m) {
        clearTimeout(timer)
        resolve(m[1] as string)
      }
    })
    void exited.then(() => {
      clearTimeout(timer)
      reject(new Error(`exited early; stdout=${stdout} stderr=${stderr}`))
    })
  })
  return { child, listening, exited, output: () => ({ stdout, stderr }) }
}

describe('sim CLI', () => {
  it.each(['SIGTERM', 'SIGINT'] as const)(
    'prints the listening line and exits 0 on %s',
    async signal => {
      const cli = runCli(['--scenario', 'sim/scenarios/healthy.json', '--port', '0'])
      const url = await cli.listening
      expect(cli.output().stdout).toBe(`listening on ${url}\n`)
      const state = (await (await fetch(`${url}/_sim/state`)).json()) as { functions: Array<{ name: string }> }
      expect(state.functions[0]?.name).toBe('demo-api')
      cli.child.kill(signal)
      expect(await cli.exited).toEqual({ code: 0, signal: null })
    },
    30_000
  )

  it('fails with a clear message on an invalid scenario', async () => {
    const cli = runCli(['--scenario', 'sim/scenario.schema.json'])
    await expect(cli.listening).rejects.toThrow(/does not match sim\/scenario.schema.json/)
    expect((await cli.exited).code).toBe(1)
  }, 30_000)
})
