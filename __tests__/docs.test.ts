import { describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { parse } from 'yaml'
// @ts-expect-error plain ESM script without types
import { renderReadme } from '../scripts/docs.mjs'
import { Inputs, Outputs } from '../src/constants.js'
import { DEFAULTS } from '../src/inputs/index.js'

const actionYml = readFileSync('action.yml', 'utf8')
const action = parse(actionYml) as {
  runs: { using: string; main: string; post: string }
  inputs: Record<string, { description?: string; default?: string; required?: boolean }>
  outputs: Record<string, { description?: string }>
}

describe('action.yml and README', () => {
  it('the README tables are generated from action.yml (run npm run docs when this fails)', () => {
    const readme = readFileSync('README.md', 'utf8')
    expect(renderReadme(readme, actionYml)).toBe(readme)
  })

  it('declares node24 with main and post entries', () => {
    expect(action.runs).toEqual({ using: 'node24', main: 'dist/main/index.js', post: 'dist/post/index.js' })
  })

  it('declares every input the code reads, each with a description and a default that matches the code', () => {
    expect(Object.keys(action.inputs).sort()).toEqual(Object.values(Inputs).sort())
    for (const [name, input] of Object.entries(action.inputs)) {
      expect(input.description?.length).toBeGreaterThan(10)
      if (!input.required) expect(input.default).toBe(DEFAULTS[name] ?? '')
    }
  })

  it('declares every output the code sets, each with a description', () => {
    expect(Object.keys(action.outputs).sort()).toEqual(Object.values(Outputs).sort())
    for (const output of Object.values(action.outputs)) expect(output.description?.length).toBeGreaterThan(10)
  })
})
