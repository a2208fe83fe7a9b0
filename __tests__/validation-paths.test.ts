// Paths named by inputs stay inside GITHUB_WORKSPACE: each way out is refused with its exact message before
// anything is read, and the ways that stay inside (symlinks within, absolute paths within, "a/../b") work.
import { describe, expect, it } from '@jest/globals'
import { mkdirSync, mkdtempSync, realpathSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { readSettings } from '../src/inputs/index.js'
import { InputError } from '../src/parse.js'
import { inputsFrom } from './helpers/fakes.js'

const CONFIG_ACCEPTED = 'give the path of a YAML file in the repository, e.g. ".github/lambda-canary.yml"'
const SMOKE_ACCEPTED = 'use JSON, or @path to a JSON file in the repository'

/** A workspace with a payload and a config inside, symlinks that stay inside, and a directory beside it. */
function workspace() {
  const base = realpathSync(mkdtempSync(join(tmpdir(), 'paths-')))
  const root = join(base, 'repo')
  const outside = join(base, 'outside')
  mkdirSync(join(root, 'payloads'), { recursive: true })
  mkdirSync(join(root, '.github'))
  mkdirSync(outside)
  writeFileSync(join(root, 'payloads/health.json'), '{"path": "/health"}')
  writeFileSync(join(root, '.github/lambda-canary.yml'), '{"defaults": {"alias": "prod"}}') // JSON is YAML
  writeFileSync(join(outside, 'secret.json'), '{"token": "outside-secret"}')
  symlinkSync(join(root, 'payloads/health.json'), join(root, 'health.json'))
  symlinkSync(join(root, 'payloads'), join(root, 'linked-payloads'), 'dir')
  symlinkSync(join(root, '.github'), join(root, 'config'), 'dir')
  symlinkSync(outside, join(root, 'out'), 'dir')
  symlinkSync(join(outside, 'secret.json'), join(root, 'secret.json'))
  return { base, root, outside }
}

const run = (inputs: Record<string, string>, env: NodeJS.ProcessEnv) =>
  readSettings(inputsFrom({ 'function-name': 'api', version: '7', ...inputs }), { AWS_REGION: 'us-east-1', ...env }).run

function errorOf(f: () => unknown): InputError {
  try {
    f()
  } catch (e) {
    if (e instanceof InputError) return e
    throw e
  }
  throw new Error('no error')
}

describe('paths from inputs stay inside GITHUB_WORKSPACE', () => {
  const ws = workspace()
  const env = { GITHUB_WORKSPACE: ws.root }

  it.each([
    ['../outside/secret.json', `the path is outside the repository (${ws.root})`],
    [join(ws.outside, 'secret.json'), `the path is outside the repository (${ws.root})`],
    ['/etc/passwd', `the path is outside the repository (${ws.root})`],
    ['payloads/../../outside/secret.json', `the path is outside the repository (${ws.root})`],
    ['secret.json', `the path leads through a symbolic link to ${join(ws.outside, 'secret.json')}, outside the repository (${ws.root})`],
    [
      'out/secret.json',
      `the path leads through a symbolic link to ${join(ws.outside, 'secret.json')}, outside the repository (${ws.root})`
    ],
    ['a\u0001b.json', 'the path has a control character']
  ])('smoke-payload @%s is refused: %s', (path, why) => {
    const error = errorOf(() => run({ 'smoke-payload': `@${path}` }, env))
    expect(error.message).toBe(`Input "smoke-payload" has an invalid value "@${path}": ${why}; ${SMOKE_ACCEPTED}`)
    // Nothing of the file outside is read into the message.
    expect(error.message).not.toContain('outside-secret')
  })

  it.each([
    ['../outside/secret.json', `the path is outside the repository (${ws.root})`],
    ['/etc/passwd', `the path is outside the repository (${ws.root})`],
    ['out/secret.json', `the path leads through a symbolic link to ${join(ws.outside, 'secret.json')}, outside the repository (${ws.root})`]
  ])('config-file %s is refused: %s', (path, why) => {
    const error = errorOf(() => run({ 'config-file': path }, env))
    expect(error.message).toBe(`Input "config-file" has an invalid value "${path}": ${why}; ${CONFIG_ACCEPTED}`)
  })

  it('a missing file under a symlink out of the repository only says it cannot be read', () => {
    const error = errorOf(() => run({ 'smoke-payload': '@out/missing.json' }, env))
    expect(error.message).toBe(
      `Input "smoke-payload" has an invalid value "@out/missing.json": the file ${join(ws.root, 'out/missing.json')} cannot be read (ENOENT); ${SMOKE_ACCEPTED}`
    )
  })

  it.each([
    'payloads/health.json',
    'health.json', // a file symlink to a file inside
    'linked-payloads/health.json', // a directory symlink to a directory inside
    'payloads/../payloads/health.json',
    join(ws.root, 'payloads/health.json') // absolute, inside
  ])('smoke-payload @%s is read', path => {
    expect(run({ 'smoke-payload': `@${path}` }, env).smoke?.payload).toBe('{"path": "/health"}')
  })

  it('config-file through a directory symlink that stays inside is read', () => {
    expect(run({ 'config-file': 'config/lambda-canary.yml' }, env).alias).toBe('prod')
  })

  it('a workspace that is itself reached through a symlink still reads the files inside it', () => {
    const linkedRoot = join(ws.base, 'workspace-link')
    symlinkSync(ws.root, linkedRoot, 'dir')
    expect(run({ 'smoke-payload': '@payloads/health.json' }, { GITHUB_WORKSPACE: linkedRoot }).smoke?.payload).toBe('{"path": "/health"}')
    const error = errorOf(() => run({ 'smoke-payload': '@out/secret.json' }, { GITHUB_WORKSPACE: linkedRoot }))
    expect(error.message).toContain(`to ${join(ws.outside, 'secret.json')}, outside the repository (${ws.root})`)
  })

  it('without GITHUB_WORKSPACE (a local run) paths are relative to, and kept inside, the working directory', () => {
    expect(run({ 'smoke-payload': '@package.json' }, {}).smoke?.payload).toContain('"name"')
    const error = errorOf(() => run({ 'smoke-payload': '@../package.json' }, {}))
    expect(error.message).toBe(
      `Input "smoke-payload" has an invalid value "@../package.json": the path is outside the repository (${process.cwd()}); ${SMOKE_ACCEPTED}`
    )
  })
})
