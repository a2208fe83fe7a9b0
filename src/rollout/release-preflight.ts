// The preflight of a deployment (and of a plan, which stops at its end): the shared checks, then the
// split-alias policy, the publish, provisioned concurrency and the alarms.
import { formatDuration, formatPercent } from '../parse.js'
import type { AliasState } from '../ports.js'
import { type Finding, describeAlias, snapshot } from '../timeline.js'
import { type Context, guardAlias } from './context.js'
import type { GuardedAlias } from './guarded-alias.js'
import type { Ending, Versions } from './outcome.js'
import { judging, type Judging, readBaseline } from './baseline.js'
import { DEPLOY_HINTS, checkFunction, checkTarget, compatible, readAlias } from './preflight.js'
import { describeOwner, longestRelease, parseDescription, roomProblem, withoutMark } from '../history.js'
import { heldByAnother, ownerOf } from './ownership.js'

/** `rejudge`: the alias already serves the new version, whose final bake an earlier run never finished. */
export type Ready =
  | { go: false; ending: Ending }
  | { go: true; alias: GuardedAlias; versions: Versions; judging: Judging; rejudge?: boolean }

/** What preflight has learnt so far: an outcome reports it, even when preflight stops on an error. */
export interface Known {
  versions: Partial<Versions>
  aliasArn?: string
}

export async function releasePreflight(ctx: Context, findings: Finding[], known: Known): Promise<Ready> {
  const { run, spec, journal } = ctx
  const hints = DEPLOY_HINTS(ctx)
  const planning = run.mode === 'plan'
  const stop = (message: string): Ready => {
    findings.push({ level: 'error', message })
    return { go: false, ending: { result: 'failed', reason: message, cause: { kind: 'check-failed' }, ...known } }
  }
  const fn = await checkFunction(ctx, findings, hints)
  if (!fn.ok) return stop(fn.message)
  const read = await readAlias(ctx, findings, hints)
  if (!read.ok) return stop(read.message)
  const alias = guardAlias(ctx, read.alias)
  known.aliasArn = read.alias.arn
  // A stop from here on still names the versions: the alias's, and the one asked for (a publish has none yet).
  known.versions = { oldVersion: read.alias.version, ...(spec.release.kind === 'version' ? { newVersion: spec.release.version } : {}) }
  const marks = checkMarks(ctx, read.alias, findings)
  if (!marks.ok) return stop(marks.message)
  // Before any write: the old version's baseline, and no stage that no gate could fail.
  const baseline = await readBaseline(ctx, marks.rejudge?.oldVersion ?? read.alias.version, findings)
  const judged = judging(ctx, baseline, findings)
  if (!judged.ok) return stop(judged.message)
  if (marks.rejudge) {
    known.versions = { ...marks.rejudge }
    if (planning) return planned(ctx, `a new final bake of version ${marks.rejudge.newVersion}`, known)
    return { go: true, alias, versions: marks.rejudge, judging: judged.judging, rejudge: true }
  }
  const unsplit = await restoreSplit(ctx, alias, findings)
  known.aliasArn = alias.state.arn
  if (!unsplit.ok) return stop(unsplit.message)
  const oldVersion = alias.state.version
  known.versions.oldVersion = oldVersion

  let newVersion: string
  if (spec.release.kind === 'publish') {
    const { latest } = fn
    if (!latest.codeSha256) return stop('$LATEST has no CodeSha256 to guard the publish with')
    if (planning) {
      findings.push({ level: 'ok', message: `would publish $LATEST (CodeSha256 ${latest.codeSha256}) as a new version` })
      const roleCheck = await compatible(ctx, latest, oldVersion)
      if (roleCheck) return stop(roleCheck)
      // The alarms exist and can be read, as a deploy would check them (the version itself does not exist yet).
      const alarms = await checkAlarms(ctx, findings)
      if (!alarms.ok) return stop(alarms.message)
      return planned(ctx, 'the version to be published', known)
    }
    newVersion = await ctx.ports.fn.publish(latest.codeSha256, `lambda-canary release to ${run.alias}`)
    known.versions.newVersion = newVersion
    journal.emit({ type: 'published', at: journal.now(), version: newVersion, codeSha256: latest.codeSha256 })
    findings.push({ level: 'ok', message: `published $LATEST as version ${newVersion} (CodeSha256 ${latest.codeSha256})` })
  } else if (spec.release.kind === 'version') {
    newVersion = spec.release.version
    known.versions.newVersion = newVersion
  } else {
    return stop('internal: a rollback does not go through the deployment preflight')
  }
  const versions = { oldVersion, newVersion }

  if (newVersion === oldVersion) {
    findings.push({ level: 'ok', message: `alias "${run.alias}" already points at version ${newVersion}` })
    const reason = `alias "${run.alias}" already points at version ${newVersion}; nothing to release`
    return { go: false, ending: { result: 'unchanged', reason, cause: { kind: 'completed' }, ...known } }
  }
  const target = await checkTarget(ctx, findings, hints, newVersion, oldVersion)
  if (!target.ok) return stop(target.message)
  findings.push(...(await provisionedConcurrencyFindings(ctx, newVersion)))
  const alarms = await checkAlarms(ctx, findings)
  if (!alarms.ok) return stop(alarms.message)

  if (planning) return planned(ctx, `version ${newVersion}`, known)
  return { go: true, alias, versions, judging: judged.judging }
}

/** on-split-alias: a split alias (a killed run) is restored to its primary first, refused, or in a plan only reported. */
async function restoreSplit(
  ctx: Context,
  alias: GuardedAlias,
  findings: Finding[]
): Promise<{ ok: true } | { ok: false; message: string }> {
  const { run, journal } = ctx
  const before: AliasState = alias.state
  if (Object.keys(before.weights).length === 0) return { ok: true }
  const split = `alias "${run.alias}" is already split: ${describeAlias(before)} — probably a deployment that was killed mid-shift`
  if (run.mode === 'plan') {
    findings.push({
      level: 'warning',
      message: `${split}; a deployment would first restore it to version ${before.version} (on-split-alias: ${run.onSplitAlias})`
    })
    return { ok: true }
  }
  if (run.onSplitAlias === 'fail') return { ok: false, message: `${split}; on-split-alias is "fail", so nothing was changed` }
  findings.push({ level: 'warning', message: `${split}; restoring it to version ${before.version} before anything else` })
  // An expired mark goes with the routing: the description is the one that run found.
  const description = parseDescription(before.description).mark ? { description: withoutMark(before.description) } : {}
  const restored = await alias.write({ version: before.version, weights: {}, ...description }, 'restore the split alias')
  journal.emit({ type: 'split-restored', at: journal.now(), from: snapshot(before), to: snapshot(restored) })
  return { ok: true }
}

/**
 * How long the plan takes: its bakes, and before promotion and before success the settle window (up to
 * metric-lag + metric-period) in which late datapoints of the last minutes are awaited; at most, a settle window
 * after every stage (a stage that lacks evidence at the end of its bake waits for its late datapoints).
 */
function planTime(run: Context['run']): string {
  const { plan } = run
  const settle = run.metricLagSeconds + run.metricPeriodSeconds
  const settles = (plan.stages.length > 0 ? 1 : 0) + (plan.finalBakeSeconds > 0 ? 1 : 0)
  const worst = plan.stages.length + (plan.finalBakeSeconds > 0 ? 1 : 0)
  const about = plan.totalBakeSeconds + settles * settle
  const most = plan.totalBakeSeconds + worst * settle
  const late = `up to ${formatDuration(settle)} (metric-lag + metric-period) for late datapoints before promotion${plan.finalBakeSeconds > 0 ? ' and before success' : ''}`
  return `about ${formatDuration(about)} (${formatDuration(plan.totalBakeSeconds)} of bakes and ${late}), at most ${formatDuration(most)} if every stage waits for its late datapoints`
}

function planned(ctx: Context, what: string, known: Known): Ready {
  const { plan } = ctx.run
  const steps = plan.stages.map(s => `${formatPercent(s.weight)} for ${formatDuration(s.bakeSeconds)}`)
  steps.push(plan.finalBakeSeconds > 0 ? `100%, watched for ${formatDuration(plan.finalBakeSeconds)}` : '100%')
  const reason = `plan ${plan.name}: ${what} replaces version ${known.versions.oldVersion} in ${steps.length} step${steps.length > 1 ? 's' : ''} (${steps.join(' → ')}); ${planTime(ctx.run)}; nothing was changed`
  return { go: false, ending: { result: 'planned', reason, cause: { kind: 'completed' }, ...known } }
}

/** Every named alarm exists; one already in ALARM is a warning (the first poll rolls back unless it clears). */
async function checkAlarms(ctx: Context, findings: Finding[]): Promise<{ ok: true } | { ok: false; message: string }> {
  const names = ctx.run.alarms
  if (names.length === 0) return { ok: true }
  const states = await ctx.ports.metrics.alarms(names)
  const missing = names.filter(name => !states.some(s => s.name === name))
  if (missing.length > 0)
    return { ok: false, message: `alarm${missing.length > 1 ? 's' : ''} ${missing.map(m => `"${m}"`).join(', ')} not found in CloudWatch` }
  const firing = states.filter(s => s.state === 'ALARM')
  findings.push({
    level: firing.length > 0 ? 'warning' : 'ok',
    message:
      firing.length > 0
        ? `alarm${firing.length > 1 ? 's' : ''} ${firing.map(s => `"${s.name}"`).join(', ')} already in ALARM: the first poll will roll back unless it clears`
        : `${states.length} alarm${states.length > 1 ? 's' : ''} found, none in ALARM`
  })
  return { ok: true }
}

/** What provisioned concurrency means for this release: the new version's share runs on demand unless it has its own. */
async function provisionedConcurrencyFindings(ctx: Context, newVersion: string): Promise<Finding[]> {
  const { fn } = ctx.ports
  const [onAlias, onNew] = [await fn.provisionedConcurrency(ctx.run.alias), await fn.provisionedConcurrency(newVersion)]
  const describe = (pc: { requested: number; allocated: number; status: string }) =>
    `${pc.requested} requested, ${pc.allocated} allocated, ${pc.status}`
  if (onAlias) {
    return [
      {
        level: onNew ? 'ok' : 'warning',
        message:
          `alias "${ctx.run.alias}" has provisioned concurrency (${describe(onAlias)}); it serves the primary version only, so while traffic is split ` +
          (onNew
            ? `the new version's share runs on its own provisioned concurrency (${describe(onNew)})`
            : `the new version's share runs on demand (cold starts) — version ${newVersion} has none of its own`)
      }
    ]
  }
  if (onNew) return [{ level: 'ok', message: `version ${newVersion} has provisioned concurrency of its own (${describe(onNew)})` }]
  return []
}

type Marks = { ok: false; message: string } | { ok: true; rejudge?: Versions }

/**
 * Before any write: another run's live mark stops this one (naming that run); the user's description must leave
 * room for lambda-canary's record; an expired mark of a release whose final bake never finished is reported —
 * judged again when this run deploys that same version (on-split-alias: restore), otherwise a failure.
 */
function checkMarks(ctx: Context, alias: AliasState, findings: Finding[]): Marks {
  const { run, spec, journal } = ctx
  const planning = run.mode === 'plan'
  const held = heldByAnother(alias, ownerOf(ctx), journal.now())
  if (held) {
    const finalBake = parseDescription(alias.description).mark?.phase === 'final-bake'
    // A run killed in its final bake leaves the same live mark as one still baking: say what each would mean.
    const killed = finalBake
      ? ` If that run was killed, its final bake never finished: once its mark expires the next run says so and judges that version again (on-split-alias: restore) or stops.`
      : ''
    const message = `alias "${run.alias}" is held by ${held}; lambda-canary never touches an alias another run is releasing: let that run finish (or cancel it, and it restores the alias), then run this again.${killed}`
    if (!planning) return { ok: false, message }
    findings.push({ level: 'warning', message })
  }
  const target = spec.release.kind === 'version' ? spec.release.version : '9999999999'
  const room = roomProblem(run.alias, alias.description, longestRelease(ownerOf(ctx), alias.version, target, journal.now()))
  if (room) return { ok: false, message: room }
  const { mark, history } = parseDescription(alias.description)
  const split = Object.keys(alias.weights).length > 0
  if (mark?.phase !== 'final-bake' || held || !history || history.current !== alias.version || split) return { ok: true }
  const unfinished =
    `the last release of alias "${run.alias}" (version ${history.current} replacing ${history.previous}, by ${describeOwner(mark.owner)}) ` +
    `never finished its final bake: its mark expired at ${mark.until} with version ${history.current} not judged to the end`
  const again = spec.release.kind === 'version' && spec.release.version === history.current && run.onSplitAlias === 'restore'
  if (again) {
    findings.push({ level: 'warning', message: `${unfinished}; judging it again at 100% (on-split-alias: restore)` })
    return { ok: true, rejudge: { oldVersion: history.previous, newVersion: history.current } }
  }
  const message =
    run.onSplitAlias === 'fail'
      ? `${unfinished}; on-split-alias is "fail", so nothing was changed`
      : `${unfinished}; deploy version ${history.current} again to judge it again, or roll it back (mode: rollback, rollback-to: previous), before releasing another version`
  if (!planning) return { ok: false, message }
  findings.push({ level: 'warning', message })
  return { ok: true }
}
