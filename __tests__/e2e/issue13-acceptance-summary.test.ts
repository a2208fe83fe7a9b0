// Issue 13 item 5, acceptance: a job summary people can read at a glance, and log groups that always close.
// dist/ runs as the runner runs it against the simulator: the verdict words ("passed", "passing so far, not
// significant yet", "not judged"), the charts (promotion, final bake, the old version's line, no 0 for no
// data), the reason once, a manual rollback's own summary, the post step's summary after a SIGKILL, and
// balanced ::group::/::endgroup:: even after a SIGINT mid-stage.
import { describe, expect, it } from '@jest/globals'
import {
  QUICK,
  aliasState,
  charts,
  groupProblems,
  occurrences,
  pollLines,
  runStep,
  runWithPost,
  stageRows,
  startScenario,
  startStep
} from './issue13-acceptance-helpers.js'

describe('issue 13 item 5: the summary of a deployment', () => {
  // Stage 1 (10% for 3s, ~10 requests/s) moves on once it has min-invocations (10) with latency-increase short
  // of its 100 invocations for a p90: passing so far.
  // Stage 2 (50% for 4s) gathers everything: passed. The final bake at 100% has no gate (no baseline, no
  // max-error-rate) and allow-unjudged-stages: not judged. A wide max-error-rate-increase keeps a chance
  // excess of one or two errors from making stage 2 "passing so far" too.
  const run = (async () => {
    const sim = await startScenario('healthy')
    try {
      const inputs = {
        ...QUICK,
        strategy: 'custom',
        steps: '10%:3s, 50%:4s',
        'min-invocations': '10',
        'final-bake': '3s',
        'allow-unjudged-stages': 'true',
        'baseline-window': '0',
        'max-error-rate-increase': '5pp'
      }
      const deploy = await runWithPost({ env: sim.env, inputs })
      const promotedAlias = await aliasState(sim)
      // Then the rollback button, on the same alias.
      const rollback = await runWithPost({
        env: sim.env,
        inputs: { 'function-name': 'demo-api', mode: 'rollback', 'rollback-to': 'previous' }
      })
      return { deploy, promotedAlias, rollback, rolledBackAlias: await aliasState(sim) }
    } finally {
      await sim.close()
    }
  })()
  // Jest must not see an unhandled rejection before the first test awaits it.
  run.catch(() => undefined)

  it('says passed, passing so far (not significant yet) and not judged, each where it belongs', async () => {
    const { deploy } = await run
    expect(deploy.main.outputs.result).toBe('promoted')
    const rows = stageRows(deploy.main.summary)
    expect(rows.map(r => r.Weight)).toEqual(['10%', '50%', '100%'])
    const verdicts = rows.map(r => r.Verdict ?? '')
    expect(verdicts[0]).toMatch(/^passing so far, not significant yet/)
    expect(verdicts[1]).toBe('passed')
    expect(verdicts[2]).toMatch(/not judged/)
    expect(verdicts[2]).not.toMatch(/passed/)
    // "Enough data: no" never sits beside a plain "passed".
    for (const row of rows) if (/^(\*\*)?no\b/.test(row['Enough data'] ?? '')) expect(row.Verdict).not.toBe('passed')
    // The words are explained where they are used.
    expect(deploy.main.summary).toMatch(/not significant yet\*\*: /)
  })

  it('charts every stage with the promotion and the final bake, the old version beside the new, and no 0 for no data', async () => {
    const { deploy } = await run
    const [traffic, errors] = charts(deploy.main.summary)
    expect(traffic).toBeDefined()
    expect(errors).toBeDefined()
    if (!traffic || !errors) return
    // Traffic: the promotion is a point of its own, and the final bake follows it at 100%.
    const promoted = traffic.labels.findIndex(l => /promot/i.test(l))
    expect(promoted).toBeGreaterThan(0)
    const bars = traffic.series[0]?.values ?? []
    expect(bars.length).toBe(traffic.labels.length)
    expect(bars[promoted]).toBe(100)
    expect(traffic.labels.length - promoted - 1).toBeGreaterThanOrEqual(2)
    expect(bars.slice(promoted)).toEqual(bars.slice(promoted).map(() => 100))
    expect(new Set(bars.slice(0, promoted))).toEqual(new Set([10, 50]))
    // Unique x labels in each chart.
    for (const chart of [traffic, errors]) expect(new Set(chart.labels).size).toBe(chart.labels.length)
    // Error rates: the new version and the old version, as long as the axis, none drawn as a missing value.
    expect(errors.series.map(s => s.name)).toEqual(expect.arrayContaining(['new version', 'old version']))
    for (const s of errors.series) {
      expect(s.values.length).toBe(errors.labels.length)
      expect(s.values.every(v => v !== null && Number.isFinite(v))).toBe(true)
    }
    expect(errors.labels.some(l => /promot/i.test(l))).toBe(true)
    // No data is left out, not drawn as 0. The traffic chart has a point for every reading; the error-rate chart
    // the same points less those without data, which here (100 requests/s) are the first readings, before
    // CloudWatch shows the first datapoint: the log's first stage-1 poll says "new: 0 inv".
    expect(pollLines(deploy.main.stdout)[0]).toMatch(/^\[stage 1\b.* new: 0 inv\b/)
    const kept = traffic.labels.filter(l => errors.labels.includes(l))
    expect(kept).toEqual(errors.labels)
    const leftOut = traffic.labels.filter(l => !errors.labels.includes(l))
    expect(leftOut.length).toBeGreaterThanOrEqual(1)
    expect(leftOut).toEqual(traffic.labels.slice(0, leftOut.length))
    expect(deploy.main.summary).toContain(`${leftOut.length} of ${traffic.labels.length} points had no data`)
  })

  it('a manual rollback gets its own short summary: no strategy, the reason once', async () => {
    const { rollback, promotedAlias, rolledBackAlias } = await run
    expect(promotedAlias.version).toBe('2')
    expect(rollback.main.code).toBe(0)
    expect(rolledBackAlias).toMatchObject({ version: '1', weights: {} })
    const summary = rollback.main.summary
    expect(summary.trim()).not.toBe('')
    expect(summary).not.toMatch(/strategy/i)
    expect(summary).not.toMatch(/\bcustom\b|\bcanary \d/)
    expect(summary).not.toContain('### Stages')
    const reason = rollback.main.outputs.reason ?? ''
    expect(reason).not.toBe('')
    // The reason (its first clause, as the summary may wrap the rest) appears once.
    const core = reason.split(/[;:—]/)[0]?.trim() ?? ''
    expect(core.length).toBeGreaterThan(10)
    expect(occurrences(summary, core)).toBe(1)
    expect(groupProblems(rollback.main.stdout)).toEqual([])
  })

  it('every log group of the deployment and the rollback closes', async () => {
    const { deploy, rollback } = await run
    expect(groupProblems(deploy.main.stdout)).toEqual([])
    expect(groupProblems(deploy.post.stdout)).toEqual([])
    expect(groupProblems(rollback.post.stdout)).toEqual([])
  })
})

describe('issue 13 item 5: the reason once, in a rolled-back summary', () => {
  it.concurrent('a regression rolled back names its reason once in the summary', async () => {
    const sim = await startScenario('regression')
    try {
      const { main } = await runWithPost({
        env: sim.env,
        inputs: { ...QUICK, strategy: 'canary', 'canary-weight': '50%', 'bake-time': '20s', 'max-error-rate': '5%' }
      })
      expect(main.outputs.result).toBe('rolled-back')
      expect(await aliasState(sim)).toMatchObject({ version: '1', weights: {} })
      // The failing gate's sentence, e.g. "error rate of the new version 28.57% (16/56) is above 5% (…)".
      const sentence = /error rate of the new version [^;]*?\)(?= is above)/.exec(main.outputs.reason ?? '')?.[0]
      expect(sentence).toBeDefined()
      expect(occurrences(main.summary, sentence as string)).toBe(1)
      expect(groupProblems(main.stdout)).toEqual([])
    } finally {
      await sim.close()
    }
  })
})

describe('issue 13 item 5: a run refused at preflight', () => {
  it.concurrent('names the versions it knew (alias on 1, releasing 2) rather than "– → –", and the reason once', async () => {
    const sim = await startScenario('healthy')
    try {
      // No gate could judge the final bake (no baseline, no max-error-rate): refused before any write.
      const { main } = await runWithPost({ env: sim.env, inputs: { ...QUICK, strategy: 'canary', 'bake-time': '2s', 'final-bake': '5s' } })
      expect(main.outputs.result).toBe('failed')
      expect(await aliasState(sim)).toMatchObject({ version: '1', weights: {} })
      // The preflight itself says where the alias is…
      expect(main.summary).toContain('alias "live" points at version 1')
      // …so the table says which release this was, and "Where to look" names a version's logs, not an empty one.
      const [row] = main.summary.split('\n').filter(l => l.startsWith('| `demo-api`'))
      expect(row).toContain('| 1 → 2 |')
      expect(main.summary).not.toMatch(/Version {2}logs/)
      expect(occurrences(main.summary, 'has no gate that could fail it')).toBe(1)
    } finally {
      await sim.close()
    }
  })
})

describe('issue 13 item 5: interrupted runs', () => {
  const inputs = { ...QUICK, strategy: 'canary', 'canary-weight': '50%', 'max-error-rate': '5%' }
  // Killed in stage 1 (the alias split 50/50), or in the final bake (the alias already on version 2).
  const moments = [
    { when: 'mid-bake of stage 1', stage: 1, timing: { 'bake-time': '60s' }, split: { version: '1', weights: { '2': 0.5 } } },
    { when: 'in the final bake', stage: 2, timing: { 'bake-time': '2s', 'final-bake': '60s' }, split: { version: '2', weights: {} } }
  ]
  /** Two polls of the stage seen: the step is in the middle of it. */
  const inStage = (stage: number) => new RegExp(`\\[stage ${stage} [^\\n]*\\n[^\\n]*\\[stage ${stage} `)

  it.concurrent.each(moments)('after a SIGKILL of the main step $when, the post step restores the alias and writes a summary', async m => {
    const sim = await startScenario('healthy')
    try {
      const step = startStep({ env: sim.env, inputs: { ...inputs, ...m.timing }, step: 'main' })
      await step.waitFor(inStage(m.stage), 60_000)
      expect(await aliasState(sim)).toMatchObject(m.split)
      step.child.kill('SIGKILL')
      const main = await step.done
      expect(main.signal).toBe('SIGKILL')
      const post = await runStep({ env: sim.env, inputs: { ...inputs, ...m.timing }, step: 'post', dir: main.dir, state: main.state })
      expect(post.code).toBe(0)
      const alias = await aliasState(sim)
      expect(alias).toMatchObject({ version: '1', weights: {} })
      expect(alias.description ?? '').not.toContain('lambda-canary')
      // The post step's own summary: what it found and what it did.
      expect(post.summary.trim()).not.toBe('')
      expect(post.summary).toMatch(/restor/i)
      expect(post.summary).toContain('version 1')
      expect(post.summary).toContain('version 2')
      expect(groupProblems(post.stdout)).toEqual([])
    } finally {
      await sim.close()
    }
  })

  it.concurrent.each(moments)('after a SIGINT $when, every ::group:: has its ::endgroup:: and the alias is restored', async m => {
    const sim = await startScenario('healthy')
    try {
      const step = startStep({ env: sim.env, inputs: { ...inputs, ...m.timing }, step: 'main' })
      await step.waitFor(inStage(m.stage), 60_000)
      step.child.kill('SIGINT')
      const main = await step.done
      expect(main.stdout).toContain(`::group::Stage ${m.stage}`)
      expect(groupProblems(main.stdout)).toEqual([])
      const post = await runStep({ env: sim.env, inputs: { ...inputs, ...m.timing }, step: 'post', dir: main.dir, state: main.state })
      expect(groupProblems(post.stdout)).toEqual([])
      expect(await aliasState(sim)).toMatchObject({ version: '1', weights: {} })
      expect(main.outputs.result).not.toBe('promoted')
      expect(main.summary.trim()).not.toBe('')
    } finally {
      await sim.close()
    }
  })
})
