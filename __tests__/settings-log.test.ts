// The "Settings" log group: what is not at its default, with its source; secrets only as set; values escaped;
// the group closed whatever the reading does; the warnings after it.
import { describe, expect, it, jest } from '@jest/globals'
import { mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parse as parseYaml } from 'yaml'
import { readSettingsInGroup } from '../src/adapters/settings-log.js'
import { readSettings } from '../src/inputs/index.js'
import { InputError } from '../src/parse.js'
import { settingsLines } from '../src/report/settings.js'
import type { Settings } from '../src/settings.js'

const read = (given: Record<string, string>, env: NodeJS.ProcessEnv = { AWS_REGION: 'us-west-2' }) =>
  readSettings(name => given[name] ?? '', env, parseYaml)

/** What the step prints to stdout while `fn` runs. */
function stdoutOf(fn: () => void): { out: string; error?: unknown } {
  const written: string[] = []
  const spy = jest.spyOn(process.stdout, 'write').mockImplementation(chunk => {
    written.push(String(chunk))
    return true
  })
  try {
    fn()
    return { out: written.join('') }
  } catch (error) {
    return { out: written.join(''), error }
  } finally {
    spy.mockRestore()
  }
}

describe('settingsLines', () => {
  it('lists what is not at its default with its source; a secret only as set', () => {
    const url = 'https://hooks.slack.com/services/T0/B0/secret-part'
    const s = read({ 'function-name': 'my-api', version: '7', strategy: 'canary', 'slack-webhook-url': url, 'github-token': 'ghs_x' })
    expect(settingsLines(s.sources)).toEqual([
      'function-name: my-api (from workflow)',
      'version: 7 (from workflow)',
      'strategy: canary (from workflow)',
      'slack-webhook-url: set (from workflow)',
      'github-token: set (from workflow)',
      'every other input is at its default (see the README inputs table)'
    ])
    expect(settingsLines(s.sources).join('\n')).not.toMatch(/secret-part|ghs_x/)
  })

  it('escapes every value for the log: one line, no workflow command', () => {
    const s = read({ 'function-name': 'my-api', version: '7', alarms: 'a\n::error::b' })
    expect(settingsLines(s.sources)).toContain('alarms: a\\n:\u200B:error::b (from workflow)')
  })

  it("matches the README's example for its config file and workflow", () => {
    const readme = readFileSync('README.md', 'utf8')
    const config = /```yaml\n(# \.github\/lambda-canary\.yml\n[\s\S]*?)```/.exec(readme)?.[1] ?? ''
    const example = /```\n(function-name: [\s\S]*?)```/.exec(readme)?.[1]
    expect(example).toContain('strategy: custom (from .github/lambda-canary.yml at environments.production.strategy)')
    const dir = mkdtempSync(join(tmpdir(), 'readme-'))
    mkdirSync(join(dir, '.github'))
    writeFileSync(join(dir, '.github/lambda-canary.yml'), config)
    const workflow = { 'function-name': 'my-api', publish: 'true', 'config-file': '.github/lambda-canary.yml', environment: 'production' }
    const s = read(workflow, { AWS_REGION: 'us-west-2', GITHUB_WORKSPACE: dir })
    expect(`${settingsLines(s.sources).join('\n')}\n`).toBe(example)
  })
})

describe('readSettingsInGroup', () => {
  const settings = read({ 'function-name': 'my-api', version: '7', steps: '10%:5m' })

  it('prints one Settings group, then the warnings outside it', () => {
    const { out } = stdoutOf(() => readSettingsInGroup(() => settings))
    const lines = out.split('\n').filter(l => l !== '')
    expect(lines[0]).toBe('::group::Settings')
    expect(lines).toContain('steps: 10%:5m (from workflow)')
    const end = lines.indexOf('::endgroup::')
    expect(lines.slice(end + 1)).toEqual(['::warning::steps is set but strategy "canary" does not use it; it applies to strategy "custom"'])
    expect(lines.filter(l => l.startsWith('::group::'))).toHaveLength(1)
  })

  it('closes the group when the reading fails, and lets the error through', () => {
    const refused = new InputError('strategy', 'canery', 'use one of …')
    const { out, error } = stdoutOf(() =>
      readSettingsInGroup((): Settings => {
        throw refused
      })
    )
    expect(error).toBe(refused)
    const lines = out.split('\n').filter(l => l !== '')
    expect(lines).toEqual(['::group::Settings', 'the inputs were not accepted; the error follows', '::endgroup::'])
  })
})
