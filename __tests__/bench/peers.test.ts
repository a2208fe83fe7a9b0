// The benchmark's peers (bench/peers.ts) and a scenario with its own strategy (regression-at-full-traffic),
// on a few runs in this thread.
import { describe, expect, it } from '@jest/globals'
import { runBench } from '../../bench/harness.js'
import type { BenchReport } from '../../bench/results.js'
import { prepare } from '../../bench/run.js'
import { DEFAULT_SCENARIOS, loadScenarioList } from '../../bench/scenario.js'
import { phasesOf } from '../../bench/staged.js'

const scenarios = loadScenarioList(DEFAULT_SCENARIOS)
const pick = (...names: string[]) => scenarios.filter(s => names.includes(s.name))

describe('a scenario with its own strategy inputs', () => {
  it('regression-at-full-traffic deploys all at once with a 10-minute final bake, for every judge', () => {
    const [s] = pick('regression-at-full-traffic')
    const plan = prepare(s as never).settings.run.plan
    expect(plan.kind).toBe('all-at-once')
    expect(phasesOf(plan)).toEqual([{ weight: 1, bakeSeconds: 600, label: 'final bake' }])
  })

  it('the default stages otherwise', () => {
    const [s] = pick('healthy')
    expect(phasesOf(prepare(s as never).settings.run.plan).map(p => [p.weight, p.bakeSeconds])).toEqual([
      [0.1, 300],
      [0.25, 600],
      [0.5, 900],
      [0.75, 600]
    ])
  })
})

describe('codedeploy-alarm and flagger-like (3 runs)', () => {
  let report: BenchReport
  const row = (judge: string, scenario: string) => {
    const r = report.results.find(x => x.judge === judge && x.scenario === scenario)
    if (!r) throw new Error(`no row ${judge} × ${scenario}`)
    return r
  }

  it('promote a healthy release at 200 req/s and catch gross regressions and one at full traffic', async () => {
    report = await runBench({
      runs: 3,
      seed: 5,
      scenarios: pick('healthy-200rps', 'gross', 'regression-at-full-traffic'),
      judges: ['codedeploy-alarm', 'flagger-like'],
      workers: 0
    })
    for (const judge of ['codedeploy-alarm', 'flagger-like']) {
      expect(row(judge, 'healthy-200rps').rolledBack).toBe(0)
      expect(row(judge, 'healthy-200rps').meanDurationSeconds).toBe(2400)
      expect(row(judge, 'gross').rolledBack).toBe(1)
      expect(row(judge, 'regression-at-full-traffic').rolledBack).toBe(1)
    }
    // The alarm needs 2 breaching minutes, visible 30–90 s late; Flagger 5 failed checks a minute apart.
    expect(row('codedeploy-alarm', 'gross').medianDetectionSeconds).toBeGreaterThanOrEqual(120)
    expect(row('codedeploy-alarm', 'gross').medianDetectionSeconds).toBeLessThanOrEqual(300)
    expect(row('flagger-like', 'gross').medianDetectionSeconds).toBeGreaterThanOrEqual(240)
    const full = row('codedeploy-alarm', 'regression-at-full-traffic')
    expect(full.medianDetectionSeconds).toBeGreaterThan(60)
    expect(full.medianDetectionSeconds).toBeLessThan(400)
  })
})
