// The deployment state machine, readable top to bottom:
//   preflight → (publish) → for each stage: shift, bake/poll/judge → promote → final bake → done,
// and from any failing point: restore the alias exactly as it was, then fail.
// It talks only to ports; it never formats output.
import type { Settings } from './inputs/legacy.js'
import type { SmokeExpectation } from './settings.js'
import type { Evidence, Sample } from './evidence.js'
import { type Verdict, judge } from './judge/index.js'
import { formatDuration, formatPercent } from './parse.js'
import { AliasConflictError, type AliasState, type AliasTarget, type InvokeResult, NotFoundError, type Ports } from './ports.js'
import { readHistory, withHistory } from './history.js'
import { LockstepBroken } from './lockstep.js'
import { retryWithBackoff } from './retry.js'
import { AlphaBudget } from './judge/alpha.js'
import { type Finding, type Result, type StageDecision, type TimelineEvent, describeAlias, snapshot } from './timeline.js'

export interface Outcome {
  result: Result
  reason: string
  version?: string
  previousVersion?: string
  aliasArn?: string
  startedAt: number
  finishedAt: number
  timeline: TimelineEvent[]
  /** When a restore could not be written: the exact command that would write it. */
  restoreCommand?: string
}

/** Bounded retries around every alias write (shift, promote, restore), on top of the SDK's own. */
const WRITE_RETRY = { attempts: 5, baseMs: 500, maxMs: 4000 }
/** A metrics read that keeps failing is a failed stage, never a pass. */
const MAX_CONSECUTIVE_METRIC_ERRORS = 3

class Cancelled extends Error {
  constructor() {
    super('cancelled')
    this.name = 'Cancelled'
  }
}

export async function runDeployment(settings: Settings, ports: Ports): Promise<Outcome> {
  return new Deployment(settings, ports).run()
}

class Deployment {
  private readonly timeline: TimelineEvent[] = []
  private readonly startedAt: number
  /** Names this run in hook events and the timeline. */
  readonly deploymentId: string
  private oldVersion?: string
  private newVersion?: string
  private aliasArn?: string
  /** The alias as we last wrote or read it; every write carries its RevisionId. */
  private current?: AliasState
  /** A restore that could not be written leaves the post step a second chance. */
  private unrestored = false
  /** Polls that read data so far: the false-alarm budget is spread over them. */
  private budget?: AlphaBudget
  /** Whether any traffic has moved yet: before that, stopping needs no restore. */
  private shifted = false
  /** What the last look that brought new data saw, and when. */
  private lastSeen = ''
  private lastLookAt?: number

  constructor(
    private readonly settings: Settings,
    private readonly ports: Ports
  ) {
    this.startedAt = ports.clock.now()
    this.deploymentId = ports.deploymentId ?? `lc-${this.startedAt.toString(36)}`
  }

  async run(): Promise<Outcome> {
    const findings: Finding[] = []
    try {
      if (this.settings.release.kind === 'rollback') return await this.rollback(this.settings.release.to, findings)
      const ready = await this.preflight(findings)
      this.emit({ type: 'preflight', at: this.now(), findings })
      if (ready.kind === 'stop') {
        if (ready.result === 'failed') this.ports.lockstep?.fail(`${this.settings.fn.name}: ${ready.reason}`)
        else this.ports.lockstep?.leave()
        return this.finish(ready.result, ready.reason)
      }
      // In lockstep, nothing moves until every function has passed its preflight.
      await this.ports.lockstep?.arrive('preflight')
      return await this.release(ready.oldVersion, ready.newVersion)
    } catch (error) {
      if (!this.timeline.some(e => e.type === 'preflight')) this.emit({ type: 'preflight', at: this.now(), findings })
      if (error instanceof LockstepBroken) return this.finish('failed', `nothing was shifted: ${error.reason}`)
      this.ports.lockstep?.fail(`${this.settings.fn.name}: ${messageOf(error)}`)
      return this.finish('failed', messageOf(error))
    }
  }

  // ── preflight ────────────────────────────────────────────────────────────────────────────────

  private async preflight(
    findings: Finding[]
  ): Promise<{ kind: 'stop'; result: Result; reason: string } | { kind: 'go'; oldVersion: string; newVersion: string }> {
    const { settings, ports } = this
    const fail = (message: string) => {
      findings.push({ level: 'error', message })
      return { kind: 'stop' as const, result: 'failed' as const, reason: message }
    }
    const planning = settings.mode === 'plan'

    const latest = await ports.fn.configuration('$LATEST')
    if (!latest) return fail(`function "${settings.fn.id}" was not found`)
    if (latest.state !== 'Active') {
      return fail(
        `function "${settings.fn.name}" is ${latest.state ?? 'in an unknown state'}${latest.stateReason ? ` (${latest.stateReason})` : ''}, not Active`
      )
    }
    if (latest.lastUpdateStatus !== 'Successful' && settings.release.kind === 'version') {
      return fail(
        `the last update of "${settings.fn.name}" is ${latest.lastUpdateStatus ?? 'unknown'}${latest.lastUpdateStatusReason ? ` (${latest.lastUpdateStatusReason})` : ''}, not Successful`
      )
    }
    findings.push({
      level: 'ok',
      message: `function "${settings.fn.name}" is Active and its last update ${latest.lastUpdateStatus ?? 'Successful'}`
    })

    let alias: AliasState
    try {
      alias = await ports.alias.read()
    } catch (error) {
      if (error instanceof NotFoundError)
        return fail(`alias "${settings.alias}" of "${settings.fn.name}" was not found; create it pointing at the current version first`)
      throw error
    }
    this.current = alias
    this.aliasArn = alias.arn
    findings.push({ level: 'ok', message: `alias "${settings.alias}" points at ${describeAlias(alias)}` })

    if (Object.keys(alias.weights).length > 0) {
      const split = `alias "${settings.alias}" is already split: ${describeAlias(alias)} — probably a deployment that was killed mid-shift`
      if (planning) {
        findings.push({
          level: 'warning',
          message: `${split}; a deployment would first restore it to version ${alias.version} (on-split-alias: ${settings.onSplitAlias})`
        })
      } else if (settings.onSplitAlias === 'fail') {
        return fail(`${split}; on-split-alias is "fail", so nothing was changed`)
      } else {
        findings.push({ level: 'warning', message: `${split}; restoring it to version ${alias.version} before anything else` })
        const restored = await this.writeAlias({ version: alias.version, weights: {} }, 'restore the split alias')
        this.emit({ type: 'split-restored', at: this.now(), from: snapshot(alias), to: snapshot(restored) })
        alias = restored
      }
    }
    const oldVersion = alias.version
    this.oldVersion = oldVersion

    let newVersion: string | undefined
    if (settings.release.kind === 'publish') {
      if (!latest.codeSha256) return fail('$LATEST has no CodeSha256 to guard the publish with')
      if (planning) {
        findings.push({ level: 'ok', message: `would publish $LATEST (CodeSha256 ${latest.codeSha256}) as a new version` })
        const roleCheck = await this.compatible(latest, oldVersion)
        if (roleCheck) return fail(roleCheck)
        return { kind: 'stop', result: 'planned', reason: this.planSummary('the version to be published', oldVersion) }
      }
      newVersion = await ports.fn.publish(latest.codeSha256, `lambda-canary release to ${settings.alias}`)
      this.emit({ type: 'published', at: this.now(), version: newVersion, codeSha256: latest.codeSha256 })
      findings.push({ level: 'ok', message: `published $LATEST as version ${newVersion} (CodeSha256 ${latest.codeSha256})` })
    } else if (settings.release.kind === 'version') {
      newVersion = settings.release.version
    } else {
      return fail('internal: a rollback does not go through the deployment preflight')
    }
    this.newVersion = newVersion

    if (newVersion === oldVersion) {
      findings.push({ level: 'ok', message: `alias "${settings.alias}" already points at version ${newVersion}` })
      return {
        kind: 'stop',
        result: 'unchanged',
        reason: `alias "${settings.alias}" already points at version ${newVersion}; nothing to release`
      }
    }
    const target = await ports.fn.configuration(newVersion)
    if (!target) return fail(`version ${newVersion} of "${settings.fn.name}" does not exist; publish it first (or use publish: true)`)
    if (target.state === 'Failed')
      return fail(`version ${newVersion} is in state Failed${target.stateReason ? ` (${target.stateReason})` : ''}`)
    const incompatible = await this.compatible(target, oldVersion)
    if (incompatible) return fail(incompatible)
    findings.push({
      level: 'ok',
      message: `version ${newVersion} exists and shares version ${oldVersion}'s execution role and dead-letter config`
    })
    findings.push(...(await this.provisionedConcurrencyFindings(newVersion)))

    if (settings.alarms.length > 0) {
      const states = await ports.metrics.alarms(settings.alarms)
      const missing = settings.alarms.filter(name => !states.some(s => s.name === name))
      if (missing.length > 0)
        return fail(`alarm${missing.length > 1 ? 's' : ''} ${missing.map(m => `"${m}"`).join(', ')} not found in CloudWatch`)
      const firing = states.filter(s => s.state === 'ALARM')
      findings.push({
        level: firing.length > 0 ? 'warning' : 'ok',
        message:
          firing.length > 0
            ? `alarm${firing.length > 1 ? 's' : ''} ${firing.map(s => `"${s.name}"`).join(', ')} already in ALARM: the first poll will roll back unless it clears`
            : `${states.length} alarm${states.length > 1 ? 's' : ''} found, none in ALARM`
      })
    }

    if (planning) return { kind: 'stop', result: 'planned', reason: this.planSummary(`version ${newVersion}`, oldVersion) }
    return { kind: 'go', oldVersion, newVersion }
  }

  /** Lambda refuses weighted routing between versions with different roles or DLQ configs. */
  private async compatible(
    target: { version: string; role?: string; deadLetterTargetArn?: string },
    oldVersion: string
  ): Promise<string | undefined> {
    const old = await this.ports.fn.configuration(oldVersion)
    if (!old) return `the alias's current version ${oldVersion} does not exist`
    const name = target.version === '$LATEST' ? '$LATEST' : `version ${target.version}`
    if ((old.role ?? '') !== (target.role ?? '')) {
      return `${name} has execution role "${target.role ?? 'none'}" but version ${oldVersion} has "${old.role ?? 'none'}"; Lambda cannot split an alias between them`
    }
    if ((old.deadLetterTargetArn ?? '') !== (target.deadLetterTargetArn ?? '')) {
      return `${name} has dead-letter target "${target.deadLetterTargetArn ?? 'none'}" but version ${oldVersion} has "${old.deadLetterTargetArn ?? 'none'}"; Lambda cannot split an alias between them`
    }
    return undefined
  }

  private planSummary(what: string, oldVersion: string): string {
    const { plan } = this.settings
    const steps = plan.stages.map(s => `${formatPercent(s.weight)} for ${formatDuration(s.bakeSeconds)}`)
    steps.push(plan.finalBakeSeconds > 0 ? `100%, watched for ${formatDuration(plan.finalBakeSeconds)}` : '100%')
    return `plan ${plan.name}: ${what} replaces version ${oldVersion} in ${steps.length} step${steps.length > 1 ? 's' : ''} (${steps.join(' → ')}); nothing was changed`
  }

  // ── release ──────────────────────────────────────────────────────────────────────────────────

  private async release(oldVersion: string, newVersion: string): Promise<Outcome> {
    const { settings, ports } = this
    const period = settings.metricPeriodSeconds * 1000
    ports.checkpoint?.({
      phase: 'shifting',
      functionId: settings.fn.id,
      alias: settings.alias,
      ...(settings.region ? { region: settings.region } : {}),
      oldVersion,
      newVersion
    })
    await ports.onReady?.({ oldVersion, newVersion, manualRollback: false })
    // Before any alias traffic: the new version's own provisioned concurrency (when asked to wait for it),
    // the smoke test of the new version itself, then the pre-traffic hook.
    const before =
      (await this.waitForProvisionedConcurrency(newVersion)) ??
      (await this.smokeTest()) ??
      (await this.hook('pre-traffic', settings.hooks.preTraffic))
    if (before) {
      ports.lockstep?.fail(`${settings.fn.name}: ${before}`)
      return this.finish('failed', `${before}; no traffic was shifted, alias "${settings.alias}" still points at version ${oldVersion}`)
    }
    try {
      const stages = settings.plan.stages
      // Evidence accumulates from the first shift on: the new version's rate does not depend on its weight.
      let deploymentStart: number | undefined
      let stageStart: number | undefined
      for (const [i, stage] of stages.entries()) {
        await ports.lockstep?.arrive(`stage ${i + 1}`)
        this.throwIfCancelled()
        const written = await this.writeAlias(
          { version: oldVersion, weights: { [newVersion]: stage.weight } },
          `shift ${formatPercent(stage.weight)} to version ${newVersion}`
        )
        this.shifted = true
        this.emit({ type: 'shift', at: this.now(), stage: i + 1, weight: stage.weight, alias: snapshot(written) })
        deploymentStart ??= alignDown(this.now(), period)
        stageStart ??= deploymentStart
        const baked = await this.bake(i + 1, stage.weight, stage.bakeSeconds, deploymentStart, stageStart, i === stages.length - 1)
        if (baked.decision === 'fail') return await this.restore(baked.reason)
        stageStart = baked.nextStageStart
      }

      await ports.lockstep?.arrive('promote')
      this.throwIfCancelled()
      const promoted = await this.writeAlias(
        {
          version: newVersion,
          weights: {},
          description: withHistory(this.current?.description, {
            previous: oldVersion,
            current: newVersion,
            at: new Date(this.now()).toISOString()
          })
        },
        `promote version ${newVersion}`
      )
      this.shifted = true
      this.emit({ type: 'promote', at: this.now(), alias: snapshot(promoted) })

      if (settings.plan.finalBakeSeconds > 0) {
        const start = deploymentStart ?? alignDown(this.now(), period)
        const baked = await this.bake(stages.length + 1, 1, settings.plan.finalBakeSeconds, start, stageStart ?? start, true)
        if (baked.decision === 'fail') return await this.restore(baked.reason)
      }
      const after = await this.hook('post-traffic', settings.hooks.postTraffic)
      if (after) return await this.restore(after)
      // In lockstep a release is done only when every function's is: one failing later still restores all.
      await ports.lockstep?.arrive('done')
      ports.lockstep?.leave()
      const steps = stages.length + 1
      return this.finish(
        'promoted',
        `version ${newVersion} took 100% of alias "${settings.alias}" after ${steps} step${steps > 1 ? 's' : ''}, replacing version ${oldVersion}`
      )
    } catch (error) {
      const other = ports.lockstep?.reason()
      // Stopped before any traffic moved (another function's failure, a cancel): nothing to restore.
      if (
        !this.shifted &&
        !(error instanceof AliasConflictError) &&
        (error instanceof LockstepBroken || error instanceof Cancelled || isAbort(error))
      ) {
        const why = other ?? 'the workflow was cancelled (or the job timed out)'
        return this.finish('failed', `nothing was shifted: ${why}; alias "${settings.alias}" still points at version ${oldVersion}`)
      }
      if (error instanceof LockstepBroken || ((error instanceof Cancelled || isAbort(error)) && other)) {
        return await this.restore(
          `restored with the other functions released in lockstep, because ${other ?? (error as LockstepBroken).reason}`,
          false
        )
      }
      if (error instanceof Cancelled || isAbort(error)) {
        return await this.restore('the workflow was cancelled (or the job timed out) during the deployment')
      }
      if (error instanceof AliasConflictError) return await this.onConflict(error)
      return await this.restore(`unexpected error: ${messageOf(error)}`)
    }
  }

  /**
   * Watches one stage: polls every poll-interval (fail fast), and at the end of the bake decides.
   * Each poll reads, in one call, every complete period since the first shift: the judge weighs all of
   * it, and this stage's counts are cut from it (per-stage min-invocations, throttles, the summary).
   * Every period up to the bake's end is "settled" once it has been complete for metric-lag. `settle`
   * (before promotion and before success) waits for that, so the decision that moves the alias to 100%
   * never rests on an empty or half-filled last period, and every gate must then have its evidence.
   * Between stages a pass moves on at the bake's end (the unsettled tail counts again in the next
   * stage), but "not enough data" is only concluded once the stage's data has settled.
   */
  private async bake(
    stage: number,
    weight: number,
    bakeSeconds: number,
    deploymentStart: number,
    stageStart: number,
    settle: boolean
  ): Promise<{ decision: 'fail'; reason: string } | { decision: 'pass'; nextStageStart: number }> {
    const { settings, ports } = this
    const period = settings.metricPeriodSeconds * 1000
    const lag = settings.metricLagSeconds * 1000
    const startedAt = this.now()
    const bakeEnd = startedAt + bakeSeconds * 1000
    const settledAt = Math.max(bakeEnd, alignUp(bakeEnd, period) + lag)
    const passAt = settle ? settledAt : bakeEnd
    // on-insufficient-data: wait extends the stage by at most one more bake.
    const waitUntil = settledAt + bakeSeconds * 1000
    let sample: Sample = emptySample(deploymentStart, deploymentStart)
    let evidence = evidenceOf(sample, stageStart, weight)
    let verdict: Verdict = judge(evidence, settings.gates)
    let metricErrors = 0

    for (;;) {
      const now = this.now()
      const target = now < passAt ? passAt : now < settledAt ? settledAt : now + settings.pollIntervalSeconds * 1000
      await ports.clock.sleep(Math.max(1, Math.min(settings.pollIntervalSeconds * 1000, target - now)), ports.signal)
      this.throwIfCancelled()
      const at = this.now()
      const windowEnd = Math.max(deploymentStart, alignDown(at, period))
      try {
        sample =
          windowEnd > deploymentStart
            ? await ports.metrics.read({
                newVersion: this.newVersion as string,
                oldVersion: this.oldVersion as string,
                start: deploymentStart,
                end: windowEnd,
                periodSeconds: settings.metricPeriodSeconds,
                latencyStatistic: settings.gates.latencyStatistic,
                metricGates: settings.gates.metricGates ?? []
              })
            : emptySample(deploymentStart, windowEnd)
        const alarms = settings.alarms.length > 0 ? await ports.metrics.alarms(settings.alarms) : []
        // A look spends false-alarm budget only when it brings new data (with 30 s polls on 60 s periods,
        // half do not), and in proportion to the traffic-weighted time since the last one that did.
        this.budget ??= new AlphaBudget(1 - settings.gates.confidence, this.plannedInformation(), this.plannedLooks())
        const seen = `${sample.newVersion.invocations}/${sample.oldVersion.invocations}/${sample.windowEnd}`
        let alpha = 0
        if (windowEnd > deploymentStart && seen !== this.lastSeen) {
          alpha = this.budget.next((weight * (at - (this.lastLookAt ?? deploymentStart))) / 1000)
          this.lastSeen = seen
          this.lastLookAt = at
        }
        evidence = evidenceOf(sample, stageStart, weight)
        verdict = judge(evidence, settings.gates, alarms, alpha, settle)
        metricErrors = 0
      } catch (error) {
        if (isAbort(error)) throw error
        metricErrors++
        this.emit({ type: 'metrics-error', at, stage, message: messageOf(error), consecutive: metricErrors })
        if (metricErrors >= MAX_CONSECUTIVE_METRIC_ERRORS) {
          const reason = `metrics could not be read ${metricErrors} times in a row (${messageOf(error)}); a stage that cannot be judged does not pass`
          this.endStage(stage, weight, startedAt, sample, evidence, { status: 'fail', reasons: [reason], checks: verdict.checks }, 'fail')
          return { decision: 'fail', reason }
        }
        continue
      }
      this.emit({ type: 'poll', at, stage, weight, sample, counts: evidence.stage, verdict })

      if (verdict.status === 'fail') {
        this.endStage(stage, weight, startedAt, sample, evidence, verdict, 'fail')
        return { decision: 'fail', reason: `stage ${stage} (${formatPercent(weight)}): ${verdict.reasons.join('; ')}` }
      }
      if (at < passAt) continue
      const nextStageStart = Math.max(stageStart, alignDown(at - lag, period))
      if (verdict.status === 'pass') {
        this.endStage(stage, weight, startedAt, sample, evidence, verdict, 'pass')
        return { decision: 'pass', nextStageStart }
      }
      if (at < settledAt) continue
      // Inconclusive at the end of the bake: on-insufficient-data decides, and the summary says so.
      const why = verdict.reasons.join('; ')
      if (settings.onInsufficientData === 'proceed') {
        this.endStage(stage, weight, startedAt, sample, evidence, verdict, 'proceeded-without-enough-data')
        return { decision: 'pass', nextStageStart }
      }
      if (settings.onInsufficientData === 'wait' && at < waitUntil) continue
      this.endStage(stage, weight, startedAt, sample, evidence, verdict, 'fail')
      const waited = settings.onInsufficientData === 'wait' ? ` after waiting ${formatDuration((at - startedAt) / 1000)}` : ''
      return {
        decision: 'fail',
        reason: `stage ${stage} (${formatPercent(weight)}) ended without enough data${waited}: ${why} (on-insufficient-data: ${settings.onInsufficientData})`
      }
    }
  }

  /** Looks with new data the plan expects: one per poll or per metric period, whichever is longer. */
  private plannedLooks(): number {
    const { plan, pollIntervalSeconds, metricLagSeconds, metricPeriodSeconds } = this.settings
    const seconds = plan.totalBakeSeconds + metricLagSeconds + metricPeriodSeconds
    return Math.ceil(seconds / Math.max(pollIntervalSeconds, metricPeriodSeconds)) + plan.stages.length + 1
  }

  /** Traffic-weighted seconds (weight × time) the plan will watch, settles included: the budget's denominator. */
  private plannedInformation(): number {
    const { plan, metricLagSeconds, metricPeriodSeconds } = this.settings
    const settle = metricLagSeconds + metricPeriodSeconds
    const last = plan.stages[plan.stages.length - 1]
    const weighted = plan.stages.reduce((sum, s) => sum + s.weight * s.bakeSeconds, 0) + (last ? last.weight * settle : 0)
    return weighted + (plan.finalBakeSeconds > 0 ? plan.finalBakeSeconds + settle : 0)
  }

  // ── manual rollback ─────────────────────────────────────────────────────────────────────────

  /**
   * mode: rollback — the workflow_dispatch button. Preflight as for a deployment, optional smoke test of
   * the target, one guarded write (recording what it replaced), then a read-back to prove it took.
   */
  private async rollback(to: string, findings: Finding[]): Promise<Outcome> {
    const { settings, ports } = this
    const stop = (message: string) => {
      findings.push({ level: 'error', message })
      this.emit({ type: 'preflight', at: this.now(), findings })
      return this.finish('failed', message)
    }
    const latest = await ports.fn.configuration('$LATEST')
    if (!latest) return stop(`function "${settings.fn.id}" was not found`)
    if (latest.state !== 'Active') return stop(`function "${settings.fn.name}" is ${latest.state ?? 'in an unknown state'}, not Active`)
    let alias: AliasState
    try {
      alias = await ports.alias.read()
    } catch (error) {
      if (error instanceof NotFoundError) return stop(`alias "${settings.alias}" of "${settings.fn.name}" was not found`)
      throw error
    }
    this.current = alias
    this.aliasArn = alias.arn
    this.oldVersion = alias.version
    findings.push({ level: 'ok', message: `alias "${settings.alias}" points at ${describeAlias(alias)}` })
    if (Object.keys(alias.weights).length > 0) {
      findings.push({
        level: 'warning',
        message: `alias "${settings.alias}" is split (${describeAlias(alias)}); the rollback clears the routing`
      })
    }

    let target = to
    if (to === 'previous') {
      const record = readHistory(alias.description)
      if (!record) {
        return stop(
          `alias "${settings.alias}" has no lambda-canary record of a previous version in its description; give rollback-to a version number`
        )
      }
      target = record.previous
      findings.push({
        level: 'ok',
        message: `the last lambda-canary deployment (${record.at}) replaced version ${record.previous} with ${record.current}`
      })
    }
    this.newVersion = target
    if (target === alias.version && Object.keys(alias.weights).length === 0) {
      this.emit({ type: 'preflight', at: this.now(), findings })
      return this.finish('unchanged', `alias "${settings.alias}" already points at version ${target}; nothing to roll back`)
    }
    const config = await ports.fn.configuration(target)
    if (!config) return stop(`version ${target} of "${settings.fn.name}" does not exist`)
    if (config.state === 'Failed') return stop(`version ${target} is in state Failed`)
    const incompatible = await this.compatible(config, alias.version)
    if (incompatible) return stop(incompatible)
    findings.push({
      level: 'ok',
      message: `version ${target} exists and shares version ${alias.version}'s execution role and dead-letter config`
    })
    this.emit({ type: 'preflight', at: this.now(), findings })

    await ports.onReady?.({ oldVersion: alias.version, newVersion: target, manualRollback: true })
    const smokeFailed = await this.smokeTest()
    if (smokeFailed) return this.finish('failed', `${smokeFailed}; alias "${settings.alias}" was not changed`)

    const from = alias.version
    try {
      await this.writeAlias(
        {
          version: target,
          weights: {},
          description: withHistory(alias.description, { previous: from, current: target, at: new Date(this.now()).toISOString() })
        },
        `roll back to version ${target}`
      )
    } catch (error) {
      if (error instanceof AliasConflictError) {
        const theirs = await ports.alias.read().catch(() => undefined)
        return this.finish(
          'failed',
          `alias "${settings.alias}" changed while rolling back (expected RevisionId ${alias.revisionId}, found ${theirs ? describeAlias(theirs) : 'an unreadable alias'}); nothing was overwritten`
        )
      }
      const command = this.restoreCommand(target)
      return {
        ...this.finish('failed', `the rollback to version ${target} could not be written (${messageOf(error)}): run ${command}`),
        restoreCommand: command
      }
    }
    // Read back: the write is only done when GetAlias shows it.
    const check = await ports.alias.read()
    if (check.version !== target || Object.keys(check.weights).length > 0) {
      return this.finish(
        'failed',
        `after the rollback write, alias "${settings.alias}" reads ${describeAlias(check)} instead of version ${target}`
      )
    }
    this.emit({ type: 'manual-rollback', at: this.now(), from, to: target, alias: snapshot(check) })
    return this.finish(
      'rolled-back',
      `alias "${settings.alias}" moved from version ${from} back to version ${target} (manual rollback, verified by reading it back)`
    )
  }

  /** What provisioned concurrency means for this release: the new version's share runs on demand unless it has its own. */
  private async provisionedConcurrencyFindings(newVersion: string): Promise<Finding[]> {
    const { fn } = this.ports
    const [onAlias, onNew] = [await fn.provisionedConcurrency(this.settings.alias), await fn.provisionedConcurrency(newVersion)]
    const describe = (pc: { requested: number; allocated: number; status: string }) =>
      `${pc.requested} requested, ${pc.allocated} allocated, ${pc.status}`
    const findings: Finding[] = []
    if (onAlias) {
      findings.push({
        level: onNew ? 'ok' : 'warning',
        message:
          `alias "${this.settings.alias}" has provisioned concurrency (${describe(onAlias)}); it serves the primary version only, so while traffic is split ` +
          (onNew
            ? `the new version's share runs on its own provisioned concurrency (${describe(onNew)})`
            : `the new version's share runs on demand (cold starts) — version ${newVersion} has none of its own`)
      })
    } else if (onNew) {
      findings.push({ level: 'ok', message: `version ${newVersion} has provisioned concurrency of its own (${describe(onNew)})` })
    }
    return findings
  }

  /** wait-for-provisioned-concurrency: bounded wait until the new version's own configuration is READY. */
  private async waitForProvisionedConcurrency(version: string): Promise<string | undefined> {
    const limit = this.settings.provisionedConcurrencyWaitSeconds
    if (limit === undefined) return undefined
    const deadline = this.now() + limit * 1000
    for (;;) {
      const pc = await this.ports.fn.provisionedConcurrency(version)
      if (!pc) return `version ${version} has no provisioned concurrency of its own to wait for (wait-for-provisioned-concurrency is true)`
      if (pc.status === 'READY') {
        this.emit({
          type: 'preflight',
          at: this.now(),
          findings: [{ level: 'ok', message: `provisioned concurrency of version ${version} is READY (${pc.allocated} allocated)` }]
        })
        return undefined
      }
      if (pc.status === 'FAILED')
        return `provisioned concurrency of version ${version} FAILED${pc.statusReason ? `: ${pc.statusReason}` : ''}`
      if (this.now() >= deadline) {
        return `provisioned concurrency of version ${version} was still ${pc.status} (${pc.allocated} of ${pc.requested} allocated) after ${formatDuration(limit)}`
      }
      await this.ports.clock.sleep(Math.min(10_000, Math.max(1, deadline - this.now())), this.ports.signal)
    }
  }

  /** Invokes the new version by its number `smoke.count` times; returns why it failed, if it did. */
  private async smokeTest(): Promise<string | undefined> {
    const smoke = this.settings.smoke
    if (!smoke) return undefined
    const probe = this.requireProbe()
    const version = this.newVersion as string
    for (let i = 1; i <= smoke.count; i++) {
      let detail: string
      let ok: boolean
      try {
        const result = await probe.invoke(this.settings.fn.id, version, smoke.payload, this.settings.hooks.timeoutSeconds * 1000)
        ;({ ok, detail } = checkSmoke(result, smoke.expect))
      } catch (error) {
        ok = false
        detail = messageOf(error)
      }
      this.emit({ type: 'smoke', at: this.now(), invocation: i, of: smoke.count, ok, detail })
      if (!ok) return `smoke test of version ${version} failed on invocation ${i} of ${smoke.count}: ${detail}`
    }
    return undefined
  }

  /**
   * CodeDeploy-style hook: invoked with the deployment's event; passes by returning without a function
   * error and without {"status": "Failed"}; fails otherwise, or when it does not answer in hook-timeout.
   */
  private async hook(kind: HookKind, functionName: string | undefined, reason?: string): Promise<string | undefined> {
    if (!functionName) return undefined
    const event = {
      source: 'lambda-canary',
      hook: kind,
      deploymentId: this.deploymentId,
      functionName: this.settings.fn.name,
      alias: this.settings.alias,
      currentVersion: this.oldVersion,
      targetVersion: this.newVersion,
      stage:
        kind === 'pre-traffic' ? 'before any traffic' : kind === 'post-traffic' ? 'after 100% of traffic' : 'after the alias was restored',
      ...(reason !== undefined ? { reason } : {})
    }
    let ok: boolean
    let detail: string
    try {
      const result = await this.requireProbe().invoke(
        functionName,
        undefined,
        JSON.stringify(event),
        this.settings.hooks.timeoutSeconds * 1000
      )
      const status = hookStatus(result.payload)
      ok = !result.functionError && status !== 'failed'
      detail = result.functionError
        ? `function error (${result.functionError}): ${truncate(result.payload)}`
        : status === 'failed'
          ? `returned ${truncate(result.payload)}`
          : 'succeeded'
    } catch (error) {
      ok = false
      detail = messageOf(error)
    }
    this.emit({ type: 'hook', at: this.now(), hook: kind, functionName, ok, detail })
    return ok ? undefined : `${kind} hook "${functionName}" failed: ${detail}`
  }

  private requireProbe() {
    if (!this.ports.probe) throw new Error('no probe port: smoke tests and hooks cannot invoke functions here')
    return this.ports.probe
  }

  private endStage(
    stage: number,
    weight: number,
    startedAt: number,
    sample: Sample,
    evidence: Evidence,
    verdict: Verdict,
    decision: StageDecision
  ): void {
    this.emit({ type: 'stage-end', at: this.now(), stage, weight, startedAt, sample, counts: evidence.stage, verdict, decision })
  }

  // ── writes, restore and conflicts ───────────────────────────────────────────────────────────

  /**
   * Writes with the RevisionId we last saw, retried with backoff on throttling and 5xx. A write can be
   * applied even though its answer was lost (a 5xx after commit): the retry then meets a new RevisionId.
   * So on a conflict we re-read, and if the alias is exactly our target, the write happened.
   */
  private async writeAlias(target: AliasTarget, what: string): Promise<AliasState> {
    const current = this.current as AliasState
    const write = async () => {
      try {
        return await this.ports.alias.write(target, current.revisionId)
      } catch (error) {
        if (!(error instanceof AliasConflictError)) throw error
        const now = await this.ports.alias.read()
        if (sameRouting(now, target)) return now
        throw error
      }
    }
    const written = await retryWithBackoff(write, {
      ...WRITE_RETRY,
      sleep: ms => this.ports.clock.sleep(ms),
      ...(this.ports.random ? { random: this.ports.random } : {}),
      onRetry: (attempt, error) => this.emit({ type: 'retry', at: this.now(), what, attempt, error: messageOf(error) })
    })
    this.current = written
    this.aliasArn = written.arn
    return written
  }

  /** Puts the alias back exactly as it was before the deployment: old version, no routing. */
  private async restore(reason: string, own = true): Promise<Outcome> {
    const oldVersion = this.oldVersion as string
    // This function's own failure stops the others released in lockstep with it.
    if (own) this.ports.lockstep?.fail(`${this.settings.fn.name}: ${reason}`)
    try {
      const restored = await this.writeAlias({ version: oldVersion, weights: {} }, `restore version ${oldVersion}`)
      this.emit({ type: 'restore', at: this.now(), reason, ok: true, alias: snapshot(restored) })
      // The rollback hook (revert a migration, page someone) runs after the restore; its failure is
      // reported but never blocks or undoes the restore.
      const hookFailed = await this.hook('rollback', this.settings.hooks.rollback, reason)
      return this.finish(
        'rolled-back',
        `${reason}; alias "${this.settings.alias}" restored to version ${oldVersion}${hookFailed ? ` (and the ${hookFailed})` : ''}`
      )
    } catch (error) {
      if (error instanceof AliasConflictError) return await this.onConflict(error, reason)
      const command = this.restoreCommand()
      this.emit({ type: 'restore', at: this.now(), reason, ok: false, error: messageOf(error) })
      this.unrestored = true
      return {
        ...this.finish(
          'failed',
          `${reason}; the alias could NOT be restored to version ${oldVersion} (${messageOf(error)}): run ${command}`
        ),
        restoreCommand: command
      }
    }
  }

  /**
   * Someone else wrote the alias. Never overwrite them: re-read, report both states, and if they left
   * the alias sending traffic to our new version, remove only that part (it is ours).
   */
  private async onConflict(error: AliasConflictError, pendingReason?: string): Promise<Outcome> {
    const ours = this.current as AliasState
    this.ports.lockstep?.fail(`${this.settings.fn.name}: alias "${this.settings.alias}" was changed by someone else`)
    const newVersion = this.newVersion as string
    let theirs: AliasState | undefined
    let action = 'left the alias as the other writer set it'
    try {
      theirs = await this.ports.alias.read()
      if (theirs.weights[newVersion] !== undefined) {
        const weights = { ...theirs.weights }
        delete weights[newVersion]
        this.current = theirs
        const cleaned = await this.writeAlias({ version: theirs.version, weights }, `remove version ${newVersion}'s traffic`)
        action = `removed only version ${newVersion}'s weighted traffic, keeping the other writer's primary version ${theirs.version}`
        theirs = cleaned
      }
    } catch (readError) {
      action = `could not re-read or clean up the alias: ${messageOf(readError)}`
    }
    this.emit({
      type: 'conflict',
      at: this.now(),
      expectedRevisionId: ours.revisionId,
      ours: snapshot(ours),
      ...(theirs ? { theirs: snapshot(theirs) } : {}),
      action
    })
    const found = theirs ? describeAlias(theirs) : 'an unknown state'
    const reason =
      `${pendingReason ? `${pendingReason}; then ` : ''}alias "${this.settings.alias}" was changed by someone else during the deployment ` +
      `(expected RevisionId ${ours.revisionId}, ${describeAlias(ours)}; found ${found}); lambda-canary did not overwrite it and ${action}. ${error.message}`
    return this.finish('failed', reason)
  }

  private restoreCommand(version = this.oldVersion): string {
    const s = this.settings
    return [
      'aws lambda update-alias',
      `--function-name ${s.fn.id}`,
      `--name ${s.alias}`,
      `--function-version ${version}`,
      `--routing-config 'AdditionalVersionWeights={}'`,
      ...(s.region ? [`--region ${s.region}`] : [])
    ].join(' ')
  }

  // ── helpers ─────────────────────────────────────────────────────────────────────────────────

  private throwIfCancelled(): void {
    if (this.ports.signal?.aborted) throw new Cancelled()
  }

  private now(): number {
    return this.ports.clock.now()
  }

  private emit(event: TimelineEvent): void {
    this.timeline.push(event)
    this.ports.emit?.(event)
  }

  private finish(result: Result, reason: string): Outcome {
    if (
      this.settings.mode === 'deploy' &&
      this.oldVersion &&
      this.newVersion &&
      !this.unrestored &&
      ['promoted', 'rolled-back', 'failed'].includes(result)
    ) {
      this.ports.checkpoint?.({
        phase: 'done',
        functionId: this.settings.fn.id,
        alias: this.settings.alias,
        ...(this.settings.region ? { region: this.settings.region } : {}),
        oldVersion: this.oldVersion,
        newVersion: this.newVersion
      })
    }
    return {
      result,
      reason,
      ...(this.newVersion ? { version: this.newVersion } : {}),
      ...(this.oldVersion ? { previousVersion: this.oldVersion } : {}),
      ...(this.aliasArn ? { aliasArn: this.aliasArn } : {}),
      startedAt: this.startedAt,
      finishedAt: this.now(),
      timeline: this.timeline
    }
  }
}

export type HookKind = 'pre-traffic' | 'post-traffic' | 'rollback'

export function emptySample(start: number, end: number): Sample {
  const none = { invocations: 0, errors: 0, latencyMs: undefined }
  return { windowStart: start, windowEnd: end, newVersion: { ...none }, oldVersion: { ...none }, throttles: 0, periods: [] }
}

/** Does a smoke invocation meet the expectation? */
export function checkSmoke(result: InvokeResult, expect: SmokeExpectation): { ok: boolean; detail: string } {
  if (result.functionError) return { ok: false, detail: `function error (${result.functionError}): ${truncate(result.payload)}` }
  if (result.statusCode < 200 || result.statusCode >= 300) return { ok: false, detail: `status ${result.statusCode}` }
  switch (expect.kind) {
    case 'no-error':
      return { ok: true, detail: `status ${result.statusCode}, no function error` }
    case 'regex':
      return expect.pattern.test(result.payload)
        ? { ok: true, detail: `response matches ${expect.pattern}` }
        : { ok: false, detail: `response ${truncate(result.payload)} does not match ${expect.pattern}` }
    case 'subset': {
      let body: unknown
      try {
        body = JSON.parse(result.payload)
      } catch {
        return { ok: false, detail: `response ${truncate(result.payload)} is not JSON` }
      }
      return containsSubset(body, expect.value)
        ? { ok: true, detail: 'response contains the expected JSON' }
        : { ok: false, detail: `response ${truncate(result.payload)} does not contain ${truncate(JSON.stringify(expect.value))}` }
    }
  }
}

/** `expected` is contained in `actual`: equal scalars, objects with at least its keys, arrays element by element. */
export function containsSubset(actual: unknown, expected: unknown): boolean {
  if (expected === null || typeof expected !== 'object') return actual === expected
  if (Array.isArray(expected)) {
    return Array.isArray(actual) && expected.length <= actual.length && expected.every((e, i) => containsSubset(actual[i], e))
  }
  if (actual === null || typeof actual !== 'object' || Array.isArray(actual)) return false
  return Object.entries(expected).every(([k, v]) => containsSubset((actual as Record<string, unknown>)[k], v))
}

function hookStatus(payload: string): 'failed' | 'ok' {
  try {
    const body = JSON.parse(payload) as unknown
    if (body === false) return 'failed'
    if (body && typeof body === 'object' && /^fail/i.test(String((body as Record<string, unknown>).status ?? ''))) return 'failed'
  } catch {
    // A non-JSON answer without a function error is a success.
  }
  return 'ok'
}

function truncate(text: string, max = 200): string {
  return text.length > max ? `${text.slice(0, max)}…` : text
}

function sameRouting(alias: AliasTarget, target: AliasTarget): boolean {
  const a = Object.entries(alias.weights).sort()
  const b = Object.entries(target.weights).sort()
  return alias.version === target.version && JSON.stringify(a) === JSON.stringify(b)
}

/** This stage's counts are the periods since it started; the rest of the evidence is everything since the first shift. */
export function evidenceOf(total: Sample, stageStart: number, weight: number): Evidence {
  const stage = { newVersion: { invocations: 0, errors: 0 }, oldVersion: { invocations: 0, errors: 0 }, throttles: 0 }
  for (const p of total.periods) {
    if (p.time < stageStart) continue
    stage.newVersion.invocations += p.newInvocations
    stage.newVersion.errors += p.newErrors
    stage.oldVersion.invocations += p.oldInvocations
    stage.oldVersion.errors += p.oldErrors
    stage.throttles += p.throttles ?? 0
  }
  return { stage, total, weight }
}

export function alignDown(ms: number, period: number): number {
  return Math.floor(ms / period) * period
}

function alignUp(ms: number, period: number): number {
  return Math.ceil(ms / period) * period
}

function isAbort(error: unknown): boolean {
  return error instanceof Error && error.name === 'AbortError'
}

export function messageOf(error: unknown): string {
  if (error instanceof Error) return error.message
  return String(error)
}
