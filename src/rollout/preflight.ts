// One preflight for deploy, plan and manual rollback: the function is Active, the alias exists, the target
// version exists, is not Failed and shares the old version's role and dead-letter config. Deploy and plan
// add the split-alias policy, the publish, provisioned concurrency and the alarms.
import { type AliasState, type FunctionConfig, NotFoundError, inLocation } from '../ports.js'
import { type Finding, describeAlias } from '../timeline.js'
import type { Context } from './context.js'

/** Preflight stops with a message (a failed check), or hands on what it found. */
export type Check<T> = { ok: false; message: string } | ({ ok: true } & T)

export const failed = (message: string): { ok: false; message: string } => ({ ok: false, message })

/** The wording that differs between a deployment and a manual rollback. */
export interface Hints {
  /** Only a release of a given version needs $LATEST's last update to have succeeded. */
  requireSuccessfulUpdate: boolean
  missingAlias: string
  missingVersion: string
}

export const DEPLOY_HINTS = (ctx: Context): Hints => ({
  requireSuccessfulUpdate: ctx.spec.release.kind === 'version',
  missingAlias: '; create it pointing at the current version first',
  missingVersion: '; publish it first (or use publish: true)'
})

export const ROLLBACK_HINTS: Hints = { requireSuccessfulUpdate: false, missingAlias: '', missingVersion: '' }

/** The function exists and is Active (and its last update succeeded, when that matters). */
export async function checkFunction(ctx: Context, findings: Finding[], hints: Hints): Promise<Check<{ latest: FunctionConfig }>> {
  const { fn } = ctx.spec
  const latest = await ctx.ports.fn.configuration('$LATEST')
  if (!latest) {
    return failed(
      `function "${fn.id}" was not found${searched(ctx)}: check function-name and aws-region (or AWS_REGION), and that the credentials are for the account that holds the function`
    )
  }
  if (latest.state !== 'Active') {
    return failed(
      `function "${fn.name}" is ${latest.state ?? 'in an unknown state'}${latest.stateReason ? ` (${latest.stateReason})` : ''}, not Active`
    )
  }
  if (latest.lastUpdateStatus !== 'Successful' && hints.requireSuccessfulUpdate) {
    return failed(
      `the last update of "${fn.name}" is ${latest.lastUpdateStatus ?? 'unknown'}${latest.lastUpdateStatusReason ? ` (${latest.lastUpdateStatusReason})` : ''}, not Successful`
    )
  }
  if (ctx.spec.release.kind !== 'rollback') {
    findings.push({
      level: 'ok',
      message: `function "${fn.name}" is Active and its last update ${latest.lastUpdateStatus ?? 'Successful'}`
    })
  }
  return { ok: true, latest }
}

export async function readAlias(ctx: Context, findings: Finding[], hints: Hints): Promise<Check<{ alias: AliasState }>> {
  let alias: AliasState
  try {
    alias = await ctx.ports.alias.read()
  } catch (error) {
    if (error instanceof NotFoundError)
      return failed(`alias "${ctx.run.alias}" of "${ctx.spec.fn.name}" was not found${searched(ctx)}${hints.missingAlias}`)
    throw error
  }
  findings.push({ level: 'ok', message: `alias "${ctx.run.alias}" points at ${describeAlias(alias)}` })
  return { ok: true, alias }
}

/** The version to move to exists, is not Failed, and Lambda can split the alias between it and the old one. */
export async function checkTarget(
  ctx: Context,
  findings: Finding[],
  hints: Hints,
  version: string,
  oldVersion: string
): Promise<Check<object>> {
  const target = await ctx.ports.fn.configuration(version)
  if (!target) return failed(`version ${version} of "${ctx.spec.fn.name}" does not exist${searched(ctx)}${hints.missingVersion}`)
  if (target.state === 'Failed')
    return failed(`version ${version} is in state Failed${target.stateReason ? ` (${target.stateReason})` : ''}`)
  const incompatible = await compatible(ctx, target, oldVersion)
  if (incompatible) return failed(incompatible)
  findings.push({
    level: 'ok',
    message: `version ${version} exists and shares version ${oldVersion}'s execution role and dead-letter config`
  })
  return { ok: true }
}

/** Lambda refuses weighted routing between versions with different roles or DLQ configs. */
export async function compatible(
  ctx: Context,
  target: { version: string; role?: string; deadLetterTargetArn?: string },
  oldVersion: string
): Promise<string | undefined> {
  const old = await ctx.ports.fn.configuration(oldVersion)
  if (!old) return `the alias's current version ${oldVersion} does not exist${searched(ctx)}`
  const name = target.version === '$LATEST' ? '$LATEST' : `version ${target.version}`
  if ((old.role ?? '') !== (target.role ?? '')) {
    return `${name} has execution role "${target.role ?? 'none'}" but version ${oldVersion} has "${old.role ?? 'none'}"; Lambda cannot split an alias between them`
  }
  if ((old.deadLetterTargetArn ?? '') !== (target.deadLetterTargetArn ?? '')) {
    return `${name} has dead-letter target "${target.deadLetterTargetArn ?? 'none'}" but version ${oldVersion} has "${old.deadLetterTargetArn ?? 'none'}"; Lambda cannot split an alias between them`
  }
  return undefined
}

/** Where the adapters looked (region, account), for a "not found": the user may be searching the wrong place. */
function searched(ctx: Context): string {
  return inLocation(ctx.ports.fn.location?.())
}
