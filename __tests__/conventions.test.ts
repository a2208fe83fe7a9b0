// The repository's conventions (issue 13): the files a newcomer and the ecosystem expect exist and parse,
// what dist/ ships is declared as a runtime dependency, and the Node versions agree with each other.
import { describe, expect, it } from '@jest/globals'
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { parse } from 'yaml'

type Pkg = { engines: { node: string }; dependencies: Record<string, string>; devDependencies: Record<string, string> }
const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as Pkg
const lock = JSON.parse(readFileSync('package-lock.json', 'utf8')) as {
  packages: Record<string, { dev?: boolean; engines?: { node?: string } }>
}
const minMajor = Number(/^>=\s*(\d+)$/.exec(pkg.engines.node)?.[1])

const sourceFiles = (dir: string): string[] =>
  readdirSync(dir).flatMap(f => (statSync(join(dir, f)).isDirectory() ? sourceFiles(join(dir, f)) : [join(dir, f)]))
/** Packages src/ imports at run time (static or dynamic; `import type` is erased). */
const runtimeImports = (text: string) =>
  [...text.matchAll(/^(?!import type)[^\n]*?(?:from|import\()\s*'([^.'][^']*)'/gm)]
    .map(m => m[1] ?? '')
    .filter(name => !name.startsWith('node:'))
    .map(name => (name.startsWith('@') ? name.split('/').slice(0, 2).join('/') : (name.split('/')[0] ?? '')))

/** Whether a semver range admits the latest release line of a Node major (enough for engines fields). */
function admitsMajor(range: string, major: number): boolean {
  const v = [major, 999, 0]
  const cmp = (a: number[], b: number[]) => a.map((x, i) => x - (b[i] ?? 0)).find(d => d !== 0) ?? 0
  const version = (s: string) => s.split('.').map(x => (/^\d+$/.test(x) ? Number(x) : Number.NaN))
  const one = (c: string): boolean => {
    const [, op = '', raw = ''] = /^(>=|<=|>|<|\^|~|=)?\s*v?(.+)$/.exec(c) ?? []
    const p = version(raw)
    const fixed = p.findIndex(Number.isNaN) === -1 ? p.length : p.findIndex(Number.isNaN)
    const d = cmp(v, p.slice(0, fixed).concat([0, 0, 0]).slice(0, 3))
    if (op === '>=') return d >= 0
    if (op === '>') return d > 0
    if (op === '<=') return d <= 0
    if (op === '<') return d < 0
    if (op === '^') return p[0] === major && d >= 0
    return p.slice(0, fixed).every((x, i) => x === v[i])
  }
  return range.split('||').some(alt =>
    alt
      .replace(/(>=|<=|>|<|\^|~|=)\s+/g, '$1')
      .trim()
      .split(/\s+/)
      .every(one)
  )
}

describe('repository conventions', () => {
  it('.node-version is the oldest Node that engines accepts; CI tests on the Node that action.yml declares', () => {
    expect(readFileSync('.node-version', 'utf8')).toBe(`${minMajor}\n`)
    const using = (parse(readFileSync('action.yml', 'utf8')) as { runs: { using: string } }).runs.using
    const ci = readFileSync('.github/workflows/ci.yml', 'utf8')
    expect(ci).toContain(`node-version: ${using.replace('node', '')}`)
    expect(readFileSync('README.md', 'utf8')).toContain(`Node ${minMajor} or later`)
  })

  it('every package src/ imports at run time is in dependencies, and dist/ ships no other', () => {
    const used = new Set(sourceFiles('src').flatMap(f => runtimeImports(readFileSync(f, 'utf8'))))
    expect([...used].sort()).toEqual(expect.arrayContaining(['@actions/core', 'yaml']))
    for (const name of used) expect([name, pkg.dependencies[name]]).toEqual([name, expect.any(String)])
    for (const name of used) expect([name, pkg.devDependencies[name]]).toEqual([name, undefined])
    expect(Object.keys(pkg.dependencies).sort()).toEqual([...used].sort())
  })

  it('no locked package refuses the oldest supported Node (npm ci prints no EBADENGINE), content-type pinned for it', () => {
    const refusing = Object.entries(lock.packages)
      .filter(([path, p]) => path !== '' && p.engines?.node && !admitsMajor(p.engines.node, minMajor))
      .map(([path, p]) => `${path.replace(/^.*node_modules\//, '')} (${p.engines?.node})`)
    expect(refusing).toEqual([])
    expect((pkg as Pkg & { overrides?: Record<string, string> }).overrides).toEqual({ 'content-type': '1.0.5' })
  })

  it('the engines check reads the ranges found in the lock file', () => {
    expect(
      ['>=22', '^14.18.0 || >=16.0.0', '20 || >=22', '>=20.0.0', '^18.14.0 || ^20.0.0', '>= 14.6', '6.* || 8.* || >= 10.*'].map(r =>
        admitsMajor(r, 20)
      )
    ).toEqual([false, true, true, true, true, true, true])
    expect(admitsMajor('18 || >=22', 20)).toBe(false)
  })

  it('.env is ignored, and .env.example (what it is copied from) is not', () => {
    const ignored = readFileSync('.gitignore', 'utf8').split('\n')
    expect(ignored).toContain('.env')
    expect(ignored).not.toContain('.env*')
    expect(readFileSync('.env.example', 'utf8')).toContain('src/entry/local.ts')
  })

  it('SECURITY.md says how to report, what is in scope and which versions get fixes', () => {
    const text = readFileSync('SECURITY.md', 'utf8')
    for (const heading of ['## Reporting a vulnerability', '## In scope', '## Supported versions']) expect(text).toContain(heading)
    expect(text).toMatch(/Report a vulnerability/)
    expect(text).toMatch(/AWS credentials/)
    expect(text).toMatch(/Alias control/)
    expect(text).toContain('`v1`')
  })

  it('Dependabot updates npm (AWS SDK and dev dependencies grouped) and GitHub Actions weekly', () => {
    type Update = { 'package-ecosystem': string; directory: string; schedule: { interval: string }; groups?: Record<string, unknown> }
    const config = parse(readFileSync('.github/dependabot.yml', 'utf8')) as { version: number; updates: Update[] }
    expect(config.version).toBe(2)
    expect(config.updates.map(u => [u['package-ecosystem'], u.directory, u.schedule.interval])).toEqual([
      ['npm', '/', 'weekly'],
      ['github-actions', '/', 'weekly']
    ])
    expect(config.updates[0]?.groups).toEqual({
      'aws-sdk': { patterns: ['@aws-sdk/*', '@smithy/*'] },
      'dev-dependencies': { 'dependency-type': 'development' }
    })
  })

  it("the README's local run passes --yes to npx (no prompt without a terminal) and names an entry with run()", () => {
    const readme = readFileSync('README.md', 'utf8')
    const command = /^npx (.*@github\/local-action.*)$/m.exec(readme)?.[1] ?? ''
    expect(command).toMatch(/^--yes @github\/local-action@\d+ run \. src\/entry\/local\.ts \.env/)
    expect(readFileSync('src/entry/local.ts', 'utf8')).toMatch(/export async function run\(\): Promise<void>/)
  })

  it('dist/ is readable: not minified', () => {
    const lines = readFileSync('dist/main/index.js', 'utf8').split('\n')
    expect(lines.length).toBeGreaterThan(100)
    expect(lines.filter(l => l.length > 1000)).toEqual([])
  })
})
