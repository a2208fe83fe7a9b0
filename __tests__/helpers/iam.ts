// What the README's IAM section says, and what the source calls: shared by the IAM test and the e2e tests.
import { readFileSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'

/** Waiters call APIs the source never names: waitUntilFunctionUpdatedV2 polls GetFunction, and so on. */
const WAITERS: Record<string, string> = {
  waitUntilFunctionUpdatedV2: 'lambda:GetFunction',
  waitUntilPublishedVersionActive: 'lambda:GetFunctionConfiguration'
}
/** The IAM action of an SDK command where the names differ. */
const RENAMED: Record<string, string> = { Invoke: 'InvokeFunction' }

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap(f => {
    const path = join(dir, f)
    return statSync(path).isDirectory() ? sourceFiles(path) : path.endsWith('.ts') ? [path] : []
  })
}

/** Every IAM action the source can call: commands sent with `new XCommand(` in a file importing that client, and waiters. */
export function actionsInSource(): Set<string> {
  const actions = new Set<string>()
  for (const file of sourceFiles('src')) {
    const text = readFileSync(file, 'utf8')
    const service = text.includes("'@aws-sdk/client-lambda'")
      ? 'lambda'
      : text.includes("'@aws-sdk/client-cloudwatch'")
        ? 'cloudwatch'
        : undefined
    for (const m of text.matchAll(/new ([A-Z][A-Za-z]+)Command\(/g)) {
      if (!service) throw new Error(`${file} sends ${m[1]}Command without importing an AWS SDK client`)
      actions.add(`${service}:${RENAMED[m[1] as string] ?? m[1]}`)
    }
    for (const [waiter, action] of Object.entries(WAITERS)) if (text.includes(`${waiter}(`)) actions.add(action)
    for (const m of text.matchAll(/\bwaitUntil[A-Za-z0-9]+/g))
      if (!WAITERS[m[0]]) throw new Error(`${file} uses ${m[0]}: add the API it polls to WAITERS`)
  }
  return actions
}

const readme = readFileSync('README.md', 'utf8')
const iamStart = readme.indexOf('\n## IAM permissions')
// The section ends at the next level-2 heading, wherever the README puts it.
const iam = readme.slice(iamStart, readme.indexOf('\n## ', iamStart + 1))

export function deployPolicy(): { actions: Set<string>; statements: { Action: string[]; Resource: string | string[] }[] } {
  const json = /```json\n([\s\S]*?)```/.exec(iam)?.[1]
  if (!json) throw new Error('no JSON policy in the README IAM section')
  const policy = JSON.parse(json) as { Statement: { Action: string[]; Resource: string | string[] }[] }
  return { actions: new Set(policy.Statement.flatMap(s => s.Action)), statements: policy.Statement }
}

export function modeActions(mode: 'plan' | 'rollback'): Set<string> {
  // A paragraph ends at a blank line or at the end of the section.
  const paragraph = new RegExp(`\\*\\*\`mode: ${mode}\`\\*\\*:([\\s\\S]*?)(?:\\n\\n|\\n?$)`).exec(iam)?.[1] ?? ''
  return new Set([...paragraph.matchAll(/`((?:lambda|cloudwatch):[A-Za-z]+)`/g)].map(m => m[1] as string))
}

/** The IAM action of an operation the simulator recorded. */
export function iamAction(call: { service: string; operation: string }): string {
  return `${call.service}:${RENAMED[call.operation] ?? call.operation}`
}
