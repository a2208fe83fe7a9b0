// The SAM example (examples/sam/) as the tests read it: the template parsed with CloudFormation's short-form
// tags, and the workflow's wiring from the step that reads SAM's version to the lambda-canary step.
// biome-ignore-all lint/suspicious/noTemplateCurlyInString: the strings hold GitHub expressions (${{ }}), not templates
import { readFileSync } from 'node:fs'
import { parseDocument, type Tags } from 'yaml'

/** CloudFormation's short forms, resolved to their long forms (`!Ref X` → `{ Ref: 'X' }`). */
const CFN_TAGS: Tags = [
  { tag: '!Ref', resolve: (s: string) => ({ Ref: s }) },
  { tag: '!GetAtt', resolve: (s: string) => ({ 'Fn::GetAtt': s.split('.') }) },
  { tag: '!Sub', resolve: (s: string) => ({ 'Fn::Sub': s }) }
]

export interface Template {
  AWSTemplateFormatVersion?: string
  Transform?: string
  Resources: Record<string, { Type: string; Properties?: Record<string, unknown> }>
  Outputs?: Record<string, { Value: unknown; Description?: string }>
}

/** Parses a CloudFormation/SAM template; any YAML error or tag it does not know is an error. */
export function parseTemplate(text: string): Template {
  const doc = parseDocument(text, { customTags: CFN_TAGS })
  const problems = [...doc.errors, ...doc.warnings].map(e => e.message)
  if (problems.length) throw new Error(`template does not parse:\n${problems.join('\n')}`)
  return doc.toJS() as Template
}

export interface Step {
  id?: string
  name?: string
  uses?: string
  run?: string
  env?: Record<string, string>
  with?: Record<string, string | number | boolean>
}

export const TEMPLATE_PATH = 'examples/sam/template.yaml'
export const WORKFLOW_PATH = 'examples/sam/workflow.yml'

/** The example's steps: the lambda-canary step, and the step whose output gives it `version:`. */
export function samWorkflow(text = readFileSync(WORKFLOW_PATH, 'utf8')) {
  const doc = parseDocument(text)
  const jobs = doc.toJS() as { jobs: Record<string, { steps: Step[] }> }
  const steps = Object.values(jobs.jobs).flatMap(j => j.steps)
  const canary = steps.find(s => s.uses?.startsWith('org/lambda-canary@'))
  if (!canary?.with) throw new Error(`${WORKFLOW_PATH} has no lambda-canary step with inputs`)
  const ref = /^\$\{\{\s*steps\.([\w-]+)\.outputs\.([\w-]+)\s*\}\}$/.exec(String(canary.with.version ?? ''))
  if (!ref) throw new Error(`${WORKFLOW_PATH}: lambda-canary's version is not a step output: ${canary.with.version}`)
  const [, id, output] = ref as unknown as [string, string, string]
  const reader = steps.find(s => s.id === id)
  if (!reader?.run) throw new Error(`${WORKFLOW_PATH}: step "${id}" has no run: script`)
  return { steps, canary: { ...canary, with: canary.with }, reader: { ...reader, run: reader.run }, output }
}

/** The template's one function, and the alias SAM publishes to. */
export function samFunction(template = parseTemplate(readFileSync(TEMPLATE_PATH, 'utf8'))) {
  const functions = Object.entries(template.Resources).filter(([, r]) => r.Type === 'AWS::Serverless::Function')
  if (functions.length !== 1) throw new Error(`${TEMPLATE_PATH} should hold one AWS::Serverless::Function`)
  const [logicalId, resource] = functions[0] as [string, { Properties: Record<string, unknown> }]
  return { logicalId, properties: resource.Properties }
}
