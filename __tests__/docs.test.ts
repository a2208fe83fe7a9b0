import { describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { parse } from 'yaml'
// @ts-expect-error plain ESM script without types
import { renderReadme, renderTables } from '../scripts/docs.mjs'
import { Inputs, Outputs } from '../src/constants.js'
import { DEFAULTS } from '../src/inputs/index.js'

const actionYml = readFileSync('action.yml', 'utf8')
const action = parse(actionYml) as {
  runs: { using: string; main: string; post: string }
  inputs: Record<string, { description?: string; default?: string; required?: boolean }>
  outputs: Record<string, { description?: string }>
}

describe('action.yml and README', () => {
  it('the README tables are generated from action.yml and DEFAULTS (run npm run docs when this fails)', () => {
    const readme = readFileSync('README.md', 'utf8')
    expect(renderReadme(readme, actionYml, DEFAULTS)).toBe(readme)
  })

  it('declares node24 with main and post entries', () => {
    expect(action.runs).toEqual({ using: 'node24', main: 'dist/main/index.js', post: 'dist/post/index.js' })
  })

  it('declares every input the code reads, each with a description; none the config file can set has a default of its own', () => {
    expect(Object.keys(action.inputs).sort()).toEqual(Object.values(Inputs).sort())
    for (const [name, input] of Object.entries(action.inputs)) {
      expect(input.description?.length).toBeGreaterThan(10)
      // The runner passes action.yml's default for an input the workflow leaves out: only an empty one lets a
      // value written in the workflow win over the config file even when it equals the documented default.
      expect([name, input.default]).toEqual([name, input.required ? undefined : ''])
    }
    // Every documented default belongs to a declared input.
    for (const name of Object.keys(DEFAULTS)) expect(Object.keys(action.inputs)).toContain(name)
  })

  it('the README inputs table shows each documented default from DEFAULTS, and no other', () => {
    const rows = (renderTables(actionYml, DEFAULTS).inputs as string).split('\n').slice(2)
    const shown = Object.fromEntries(
      rows.map(row => {
        const [, name, value] = /^\| `([^`]+)`(?: \(required\))? \| (?:`([^`]*)`)? \|/.exec(row) ?? []
        return [name, value]
      })
    )
    expect(Object.keys(shown).sort()).toEqual(Object.values(Inputs).sort())
    for (const name of Object.values(Inputs)) expect([name, shown[name]]).toEqual([name, DEFAULTS[name]])
    expect(shown.strategy).toBe('canary')
    expect(shown['bake-time']).toBe('5m')
  })

  it('declares every output the code sets, each with a description', () => {
    expect(Object.keys(action.outputs).sort()).toEqual(Object.values(Outputs).sort())
    for (const output of Object.values(action.outputs)) expect(output.description?.length).toBeGreaterThan(10)
  })
})
