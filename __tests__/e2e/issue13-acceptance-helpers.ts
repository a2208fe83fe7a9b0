// Shared by the issue13-acceptance-*.test.ts files: the runner's way of running dist/ (every input of
// action.yml passed as INPUT_<NAME>, its default where the workflow sets none), a workspace with a config file,
// and readers of what a user sees (log groups, the Settings group, poll lines, the summary's charts).
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { SIM_TIMING, type SimCall, aliasState, simCalls, startScenario } from './sim.js'

export { SIM_TIMING, aliasState, simCalls, startScenario }
export { runStep, runWithPost, startStep } from './runner.js'

/** A GITHUB_WORKSPACE holding `lc.yml` with `yaml` (when given). */
export function workspace(yaml?: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'lc13-ws-'))
  if (yaml !== undefined) writeFileSync(join(dir, 'lc.yml'), yaml)
  return dir
}

/** Operations that change Lambda. */
const WRITES = ['UpdateAlias', 'PublishVersion', 'CreateAlias', 'DeleteAlias', 'UpdateFunctionConfiguration', 'UpdateFunctionCode']

export function writesIn(calls: SimCall[]): SimCall[] {
  return calls.filter(c => c.changedState || WRITES.includes(c.operation))
}

/** The lines of stdout a user reads (not the ::add-mask:: registrations). */
export function logLines(stdout: string): string[] {
  return stdout.split('\n').filter(l => !l.startsWith('::add-mask::'))
}

/** Problems with the log's groups: a group opened inside another, an ::endgroup:: with none open, one left open. */
export function groupProblems(stdout: string): string[] {
  const problems: string[] = []
  let open: string | undefined
  for (const line of logLines(stdout)) {
    if (line.startsWith('::group::')) {
      if (open !== undefined) problems.push(`"${line}" opened while "${open}" was still open`)
      open = line
    } else if (line.startsWith('::endgroup::')) {
      if (open === undefined) problems.push('::endgroup:: with no group open')
      open = undefined
    }
  }
  if (open !== undefined) problems.push(`"${open}" never closed`)
  return problems
}

/** The lines inside the "Settings" group; throws when the group is missing or never closes. */
export function settingsGroup(stdout: string): string[] {
  const lines = logLines(stdout)
  const start = lines.indexOf('::group::Settings')
  if (start < 0) throw new Error(`no ::group::Settings in:\n${stdout}`)
  const end = lines.findIndex((l, i) => i > start && l.startsWith('::endgroup::'))
  if (end < 0) throw new Error(`the Settings group never closes:\n${stdout}`)
  const inner = lines.slice(start + 1, end)
  const nested = inner.find(l => l.startsWith('::group::'))
  if (nested) throw new Error(`the Settings group holds another group (${nested}): it did not close first`)
  return inner
}

/** Poll lines: "[stage 1 · 10%] 12:00:01 new: …". */
export const POLL = /^\[stage \d+[^\]]*\] /

export function pollLines(stdout: string): string[] {
  return logLines(stdout).filter(l => POLL.test(l))
}

/** A poll line without its clock time, as a reader compares two lines. */
export const withoutTime = (line: string): string => line.replace(/\b\d{2}:\d{2}:\d{2}\b/, 'HH:MM:SS')

export interface Chart {
  title: string
  labels: string[]
  series: { kind: string; name: string; values: (number | null)[] }[]
}

/** The mermaid xychart-beta blocks of a summary. */
export function charts(summary: string): Chart[] {
  return [...summary.matchAll(/```mermaid\n([\s\S]*?)```/g)].map(m => {
    const body = m[1] as string
    const title = /title "([^"]*)"/.exec(body)?.[1] ?? ''
    const axis = /x-axis \[(.*)\]/.exec(body)?.[1] ?? ''
    const labels = [...axis.matchAll(/"([^"]*)"/g)].map(x => x[1] as string)
    const series = [...body.matchAll(/^\s*(line|bar) "([^"]*)" \[(.*)\]\s*$/gm)].map(s => ({
      kind: s[1] as string,
      name: s[2] as string,
      values: (s[3] as string).split(',').map(v => (v.trim() === '' || v.trim() === 'null' ? null : Number(v.trim())))
    }))
    return { title, labels, series }
  })
}

/** The rows of the summary's Stages table, by column header. */
export function stageRows(summary: string): Record<string, string>[] {
  const start = summary.indexOf('### Stages')
  if (start < 0) return []
  const table = summary
    .slice(start)
    .split('\n')
    .filter(l => l.startsWith('|'))
  const cells = (l: string) =>
    l
      .slice(1, -1)
      .split(' | ')
      .map(c => c.trim())
  const [header, , ...rows] = table
  if (!header) return []
  const names = cells(header)
  const out: Record<string, string>[] = []
  for (const row of rows) {
    const values = cells(row)
    if (values.length !== names.length) break
    out.push(Object.fromEntries(names.map((n, i) => [n, values[i] as string])))
  }
  return out
}

/** How many times `needle` occurs in `text`. */
export function occurrences(text: string, needle: string): number {
  if (needle === '') throw new Error('empty needle')
  return text.split(needle).length - 1
}

/** Quick deployment inputs against the simulator (demo-api:live, version 1 → 2). */
export const QUICK = {
  'function-name': 'demo-api',
  version: '2',
  ...SIM_TIMING
} as const

/**
 * A proxy in front of the simulator (sim/fault-proxy.ts) that answers one operation as AWS answers a call the role
 * may not make (403 AccessDeniedException, with AWS's message naming the action) and forwards everything else.
 */
export async function startDenyingProxy(target: string, operation: string, iamAction: string) {
  const { startFaultProxy } = await import('../../sim/fault-proxy.js')
  const message = `User: arn:aws:sts::123456789012:assumed-role/gh-deploy/GitHubActions is not authorized to perform: ${iamAction} on resource: arn:aws:lambda:us-east-1:123456789012:function:demo-api because no identity-based policy allows the ${iamAction} action`
  const code = iamAction.startsWith('cloudwatch:') ? 'AccessDenied' : 'AccessDeniedException'
  const proxy = await startFaultProxy({ target, rules: [{ operation, action: { kind: 'error', status: 403, code, message } }] })
  return {
    url: proxy.url,
    get denied() {
      return proxy.hits.filter(h => h.fault === 'error').map(h => h.operation)
    },
    close: () => proxy.close()
  }
}
