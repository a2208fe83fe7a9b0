// Issue 13 item 8, acceptance: the README is for users first. What it does, usage, inputs and outputs, IAM, then
// contributing; the node24 runner requirement; the alias description it rewrites; a section on living with SAM,
// CDK, Terraform and the Serverless Framework with a SAM AutoPublishAlias example that exists.
import { existsSync, readFileSync } from 'node:fs'
import { describe, expect, it } from '@jest/globals'
import { parse as parseYaml } from 'yaml'

const readme = readFileSync('README.md', 'utf8')
// Headings outside fenced code blocks.
const prose = readme.replace(/```[\s\S]*?```/g, m => m.replace(/[^\n]/g, ' '))
const headings = [...prose.matchAll(/^(#{2,3}) (.+)$/gm)].map(m => ({
  level: (m[1] as string).length,
  text: (m[2] as string).trim(),
  at: m.index ?? 0
}))
const h2 = headings.filter(h => h.level === 2)

function position(re: RegExp): number {
  const found = h2.find(h => re.test(h.text))
  if (!found) throw new Error(`no level-2 heading matching ${re}; the README has: ${h2.map(h => h.text).join(' | ')}`)
  return found.at
}

/** GitHub's anchor for a heading: lower case, punctuation but '-' and '_' dropped, spaces to '-'. */
const slug = (text: string) =>
  text
    .toLowerCase()
    .replace(/`/g, '')
    .replace(/[^\p{L}\p{N} _-]/gu, '')
    .replace(/ /g, '-')

describe('issue 13 item 8: README for users first', () => {
  it('opens with what the action does, before any section', () => {
    const intro = prose.slice(0, h2[0]?.at ?? 0)
    expect(intro.length).toBeGreaterThan(300)
    for (const word of [/alias/i, /traffic/i, /version/i, /stage/i, /restor|roll/i]) expect(intro).toMatch(word)
    expect(intro).not.toMatch(/npm (ci|install|test|run)/)
  })

  it('orders usage, inputs, outputs and IAM before contributing, and keeps contributor set-up under contributing', () => {
    const usage = position(/^Usage\b/)
    const inputs = position(/^Inputs\b/)
    const outputs = position(/^Outputs\b/)
    const iam = position(/^IAM\b/)
    const contributing = position(/^Contribut/)
    expect(usage).toBeLessThan(inputs)
    expect(inputs).toBeLessThan(outputs)
    expect(outputs).toBeLessThan(iam)
    expect(iam).toBeLessThan(contributing)
    // Nothing comes after the contributing section but its own subsections.
    expect(h2.filter(h => h.at > contributing).map(h => h.text)).toEqual([])
    // Developer commands first appear in the contributing section (the usage may not start with `npm ci`).
    const firstNpmCi = readme.search(/npm ci\b/)
    if (firstNpmCi >= 0) expect(firstNpmCi).toBeGreaterThan(contributing)
    const dev = headings.filter(h => /^(Development|Run it locally|Building|Local development)/i.test(h.text))
    for (const h of dev) expect(h.at).toBeGreaterThan(contributing)
  })

  it('states the node24 runner requirement, as action.yml declares it, before the usage', () => {
    const action = parseYaml(readFileSync('action.yml', 'utf8')) as { runs: { using: string } }
    expect(action.runs.using).toBe('node24')
    const beforeUsage = prose.slice(0, position(/^Usage\b/))
    expect(beforeUsage).toMatch(/node24/)
    expect(beforeUsage).toMatch(/runner/i)
  })

  it('says, before the usage, that the alias description is rewritten', () => {
    const beforeUsage = prose.slice(0, position(/^Usage\b/))
    expect(beforeUsage).toMatch(/description/i)
    expect(beforeUsage).toMatch(/SAM|CDK|Terraform/)
  })

  it('has a section on living with SAM, CDK, Terraform and the Serverless Framework, before contributing', () => {
    const section = h2.find(h => /SAM/.test(h.text) && /CDK/.test(h.text) && /Terraform/.test(h.text) && /Serverless/.test(h.text))
    expect(section).toBeDefined()
    if (!section) return
    expect(section.at).toBeLessThan(position(/^Contribut/))
    const next = h2.find(h => h.at > section.at)?.at ?? prose.length
    const body = readme.slice(section.at, next)
    const subsections = headings.filter(h => h.level === 3 && h.at > section.at && h.at < next).map(h => h.text)
    for (const tool of [/SAM/, /CDK/, /Terraform/, /Serverless/]) expect(subsections.some(t => tool.test(t))).toBe(true)
    // Who owns the alias, what to ignore, how publish or version fits.
    expect(body).toMatch(/AutoPublishAlias/)
    expect(body).toMatch(/ignore_changes/)
    expect(body).toMatch(/`?publish: true`?/)
    expect(body).toMatch(/`version:`/)
    expect(body).toMatch(/own/i)
    // The SAM AutoPublishAlias example it points to exists and uses AutoPublishAlias and the action.
    const linked = [...body.matchAll(/\]\((examples\/sam\/[^)]+)\)/g)].map(m => m[1] as string)
    expect(linked.length).toBeGreaterThanOrEqual(2)
    for (const path of linked) expect(existsSync(path)).toBe(true)
    const template = readFileSync('examples/sam/template.yaml', 'utf8')
    expect(template).toMatch(/AutoPublishAlias:/)
    const workflow = readFileSync('examples/sam/workflow.yml', 'utf8')
    expect(workflow).toMatch(/lambda-canary/)
    expect(workflow).toMatch(/version:/)
  })

  it('every in-page link points at a heading that exists', () => {
    const anchors = new Set(headings.map(h => slug(h.text)).concat([...prose.matchAll(/^#### (.+)$/gm)].map(m => slug(m[1] as string))))
    const links = [...readme.matchAll(/\]\(#([^)]+)\)/g)].map(m => m[1] as string)
    expect(links.length).toBeGreaterThan(0)
    expect(links.filter(l => !anchors.has(l))).toEqual([])
  })
})
