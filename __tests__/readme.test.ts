// The README is written for users first: what the action does and never does, what it needs, how to use it,
// its inputs, outputs and IAM policy, living with IaC tools, then how it works, and contributing last.
// (Its workflow snippets are linted in workflows.test.ts, its tables in docs.test.ts, its IAM policy in iam.test.ts.)
import { describe, expect, it } from '@jest/globals'
import { existsSync, readFileSync } from 'node:fs'
import { parse } from 'yaml'
import { parseTemplate, samFunction } from './helpers/sam-example.js'

const readme = readFileSync('README.md', 'utf8')
/** The README without its fenced blocks, so a `#` line inside one is not taken for a heading. */
const prose = readme.replace(/^( *)```[\s\S]*?^\1```$/gm, '')
const headings = [...prose.matchAll(/^(#{1,6}) (.+)$/gm)].map(m => ({ level: (m[1] ?? '').length, text: m[2] ?? '' }))
const sections = headings.filter(h => h.level === 2).map(h => h.text)
const IAC = 'Living with SAM, CDK, Terraform and the Serverless Framework'

/** The text of a level-2 section, up to the next level-2 heading. */
function section(title: string): string {
  const start = readme.indexOf(`\n## ${title}\n`)
  if (start < 0) throw new Error(`README.md has no section "${title}"`)
  const end = readme.indexOf('\n## ', start + 1)
  return readme.slice(start, end < 0 ? undefined : end)
}

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces to dashes, "-1" for a repeat. */
function anchors(): Set<string> {
  const seen = new Map<string, number>()
  const out = new Set<string>()
  for (const { text } of headings) {
    const slug = text
      .toLowerCase()
      .replace(/[^\p{L}\p{N} _-]/gu, '')
      .replace(/ /g, '-')
    const n = seen.get(slug) ?? 0
    seen.set(slug, n + 1)
    out.add(n ? `${slug}-${n}` : slug)
  }
  return out
}

const fences = (text: string, lang: string) =>
  [...text.matchAll(/^( *)```(\S*)\n([\s\S]*?)^\1```$/gm)].filter(m => m[2] === lang).map(m => m[3] ?? '')

describe('README order: users first, contributors last', () => {
  it('opens with what the action does and never does, then requirements, usage, inputs, outputs and IAM', () => {
    const user = ['Requirements', 'Usage', 'Inputs', 'Outputs', 'IAM permissions', IAC]
    expect(sections.slice(0, user.length)).toEqual(user)
    const intro = readme.slice(0, readme.indexOf('\n## '))
    expect(intro).toMatch(/never deploys code and never creates or deletes an alias or a version/)
    expect(intro).toMatch(/`UpdateAlias` on the one alias you name and, with `publish: true`, `PublishVersion`/)
  })

  it('the how-it-works sections come after the user sections, and Contributing is the last section', () => {
    const at = (title: string) => sections.indexOf(title)
    for (const title of [
      'What it does, step by step',
      'How the judging works, and its limits',
      'Marks and history in the alias description'
    ])
      expect([title, at(title) > at(IAC)]).toEqual([title, true])
    expect(sections.at(-1)).toBe('Contributing')
  })

  it('the two set-up commands are in Contributing, with how long each takes, and nowhere before it', () => {
    const contributing = section('Contributing')
    const before = readme.slice(0, readme.indexOf('\n## Contributing'))
    for (const command of ['npm ci && npm run demo', 'npm test']) {
      expect(fences(contributing, 'sh').join('\n')).toMatch(new RegExp(`^${command}\\s+#`, 'm'))
      expect(before).not.toContain(`\n${command} `)
    }
    expect(contributing).toMatch(/on a 2-core machine, `npm ci && npm run demo` takes about \d[^`]*\sand\s+`npm test` about\s+\d/)
  })
})

describe('README facts a user needs before the first run', () => {
  it('states the node24 runner requirement that action.yml declares, with the self-hosted runner version', () => {
    const using = (parse(readFileSync('action.yml', 'utf8')) as { runs: { using: string } }).runs.using
    const requirements = section('Requirements')
    expect(requirements).toContain(`\`runs.using: ${using}\``)
    expect(requirements).toMatch(/GitHub-hosted runners\s+do/)
    expect(requirements).toMatch(/Self-hosted runners[\s\S]*Actions Runner v2\.327\.1\]\([^)]+\)\s+or later/)
  })

  it('says before Usage that the alias description is rewritten and what that means for IaC tools', () => {
    const beforeUsage = readme.slice(0, readme.indexOf('\n## Usage'))
    expect(beforeUsage).toMatch(/\*\*It writes to the alias's description\.\*\*/)
    expect(beforeUsage).toContain('drift')
    expect(beforeUsage).toContain('(#living-with-sam-cdk-terraform-and-the-serverless-framework)')
    expect(beforeUsage).toContain('(#marks-and-history-in-the-alias-description)')
  })

  it('every link to a heading resolves, and every link to a file names one that exists', () => {
    const known = anchors()
    const links = [...prose.matchAll(/\]\(([^)\s]+)\)/g)].map(m => m[1] ?? '')
    for (const link of links.filter(l => l.startsWith('#'))) expect([link, known.has(link.slice(1))]).toEqual([link, true])
    for (const link of links.filter(l => !/^(#|https?:)/.test(l))) expect([link, existsSync(link)]).toEqual([link, true])
    expect(links.filter(l => l.startsWith('#')).length).toBeGreaterThan(3)
  })
})

describe('Living with SAM, CDK, Terraform and the Serverless Framework', () => {
  const iac = section(IAC)

  it('has a part for each tool and the one-time command that creates the traffic alias outside them', () => {
    for (const part of ['### AWS SAM', '### CloudFormation and the CDK', '### Terraform', '### Serverless Framework'])
      expect(iac).toContain(`\n${part}\n`)
    expect(fences(iac, 'sh').join('\n')).toMatch(/^\s*aws lambda create-alias --function-name my-api --name live --function-version \d+$/m)
  })

  it('the SAM excerpt is the tested example’s function: AutoPublishAlias on SAM’s own alias, no DeploymentPreference, no Events', () => {
    const excerpt = fences(iac, 'yaml').find(t => t.includes('AWS::Serverless::Function')) ?? ''
    const fn = samFunction(parseTemplate(excerpt))
    const example = samFunction()
    expect(fn.properties).toEqual(expect.objectContaining({ AutoPublishAlias: example.properties.AutoPublishAlias }))
    expect(fn.properties.AutoPublishAlias).not.toBe('live')
    expect(fn.properties.DeploymentPreference ?? fn.properties.Events).toBeUndefined()
    expect(iac).toContain('(examples/sam/workflow.yml)')
  })

  it('Terraform publishes and ignores the alias fields lambda-canary writes; the Serverless Framework can leave publishing to it', () => {
    const hcl = fences(iac, 'hcl').join('\n')
    expect(hcl).toMatch(/^\s*publish\s*=\s*true$/m)
    expect(hcl).toContain('ignore_changes = [function_version, routing_config, description]')
    const serverless = fences(iac, 'yaml').find(t => t.includes('versionFunctions')) ?? ''
    expect((parse(serverless) as { provider: { versionFunctions: boolean } }).provider.versionFunctions).toBe(false)
  })

  it('each workflow excerpt hands lambda-canary the version the tool published, from a step that writes it', () => {
    type Step = { id?: string; run?: string; uses?: string; with?: Record<string, string> }
    const stepLists = fences(iac, 'yaml')
      .map(t => parse(t) as unknown)
      .filter((x): x is Step[] => Array.isArray(x))
    expect(stepLists).toHaveLength(3)
    for (const steps of stepLists) {
      const canary = steps.find(s => s.uses?.startsWith('org/lambda-canary@'))
      const ref = /^\$\{\{ steps\.([\w-]+)\.outputs\.version \}\}$/.exec(canary?.with?.version ?? '')
      const reader = steps.find(s => s.id === ref?.[1])
      expect(canary?.with?.alias).toBe('live')
      expect(reader?.run).toMatch(/echo "version=.*" >> "\$GITHUB_OUTPUT"/)
      expect(steps.indexOf(reader as Step)).toBeLessThan(steps.indexOf(canary as Step))
    }
  })
})
