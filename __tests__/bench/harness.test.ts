// The benchmark harness (bench/harness.ts) on a handful of runs of two scenarios, in this thread.
import { describe, expect, it } from '@jest/globals'
import { runBench } from '../../bench/harness.js'
import { type BenchReport, formatTable, toJson } from '../../bench/results.js'
import { benchScenario, DEFAULT_SCENARIOS, loadScenarioList, shiftScenario } from '../../bench/scenario.js'
import { JUDGES } from '../../bench/judges.js'

const scenarios = loadScenarioList(DEFAULT_SCENARIOS)

describe('default scenarios', () => {
  it('are the sixteen named ones, deploying version 2 over version 1 through alias live', () => {
    expect(scenarios.map(s => s.name)).toEqual([
      'healthy',
      'healthy-noisy',
      'gross',
      'subtle',
      'latency',
      'late',
      'low-traffic',
      'cold-start',
      'bursty',
      'shared-outage',
      'traffic-ramp',
      'healthy-2rps',
      'healthy-200rps',
      'gross-2rps',
      'gross-200rps',
      'regression-at-full-traffic'
    ])
    for (const s of scenarios) expect(s.subject).toEqual({ functionName: 'bench-api', aliasName: 'live', oldVersion: '1', newVersion: '2' })
  })

  it('mark the new version bad exactly where it is worse than the old one', () => {
    const bad = Object.fromEntries(scenarios.map(s => [s.name, s.badPhases]))
    expect(bad).toEqual({
      healthy: [false],
      'healthy-noisy': [false],
      gross: [true],
      subtle: [true],
      latency: [true],
      late: [false, true],
      'low-traffic': [true],
      'cold-start': [false],
      bursty: [false],
      'shared-outage': [false],
      'traffic-ramp': [false],
      'healthy-2rps': [false],
      'healthy-200rps': [false],
      'gross-2rps': [true],
      'gross-200rps': [true],
      'regression-at-full-traffic': [false, true]
    })
  })

  it('count time from the deployment start (the harness shifts it by the warm-up)', () => {
    const late = scenarios.find(s => s.name === 'late')
    const shifted = shiftScenario(late?.scenario as never, 300)
    expect(shifted.functions[0]?.versions[1]?.behavior?.phases?.[0]?.at).toBe(780)
    expect(late?.scenario.functions[0]?.versions[1]?.behavior?.phases?.[0]?.at).toBe(480)
  })

  it('shift outages and ramps with the rest', () => {
    const outage = scenarios.find(s => s.name === 'shared-outage')?.scenario as never
    expect(shiftScenario(outage, 3600).functions[0]?.outages?.[0]?.at).toBe(3900)
    const ramp = scenarios.find(s => s.name === 'traffic-ramp')?.scenario as never
    expect(shiftScenario(ramp, 3600).traffic?.[0]?.ramp?.map(p => p.at)).toEqual([3600, 6000])
  })

  it('refuses a scenario whose old version changes behaviour (bad would be ill-defined)', () => {
    const s = structuredClone(scenarios[0]?.scenario) as { functions: { versions: { behavior: { phases: unknown[] } }[] }[] }
    s.functions[0]!.versions[0]!.behavior.phases = [{ at: 60, errorRate: 0.5 }]
    expect(() => benchScenario(s)).toThrow(/old version 1 must behave the same/)
  })
})

describe('runBench (4 runs of healthy and gross, in this thread)', () => {
  const pick = scenarios.filter(s => s.name === 'healthy' || s.name === 'gross')
  let report: BenchReport

  it('runs every judge on every scenario and reports the specified shape', async () => {
    report = await runBench({ runs: 4, seed: 11, scenarios: pick, workers: 0 })
    expect(report.results).toHaveLength(2 * JUDGES.length)
    const parsed = JSON.parse(toJson(report)) as { results: Record<string, unknown>[] }
    for (const row of parsed.results) {
      expect(Object.keys(row).sort()).toEqual(
        ['judge', 'scenario', 'runs', 'rolledBack', 'medianDetectionSeconds', 'meanBadInvocations', 'meanDurationSeconds'].sort()
      )
      expect(row.runs).toBe(4)
      expect(typeof row.rolledBack).toBe('number')
    }
    const table = formatTable(report)
    for (const name of [...JUDGES, 'healthy', 'gross']) expect(table).toContain(name)
  }, 20_000)

  const row = (judge: string, scenario: string) => {
    const r = report.results.find(x => x.judge === judge && x.scenario === scenario)
    if (!r) throw new Error(`no row for ${judge} × ${scenario}`)
    return r
  }

  it('lambda-canary promotes the healthy version and rolls back the gross one quickly, every time', () => {
    const healthy = row('lambda-canary', 'healthy')
    expect(healthy.rolledBack).toBe(0)
    expect(healthy.medianDetectionSeconds).toBeNull()
    expect(healthy.meanBadInvocations).toBe(0)
    // 40 minutes of stages, then metric-lag + one period before promotion.
    expect(healthy.meanDurationSeconds).toBeGreaterThan(2400)
    expect(healthy.meanDurationSeconds).toBeLessThan(2700)

    const gross = row('lambda-canary', 'gross')
    expect(gross.rolledBack).toBe(1)
    expect(report.details.find(d => d.judge === 'lambda-canary' && d.scenario === 'gross')?.outcomes).toEqual({ 'rolled-back': 4 })
    expect(gross.medianDetectionSeconds).toBeGreaterThan(60)
    expect(gross.medianDetectionSeconds).toBeLessThan(300)
    expect(gross.meanBadInvocations).toBeGreaterThan(50)
    expect(gross.meanBadInvocations).toBeLessThan(2000)
  })

  it("the seed script checks at the end of stage 1; the seed alarm fires on the old version's own errors", () => {
    expect(row('seed-end-of-stage', 'healthy').rolledBack).toBe(0)
    expect(row('seed-end-of-stage', 'healthy').meanDurationSeconds).toBe(2400)
    const gross = row('seed-end-of-stage', 'gross')
    expect(gross.rolledBack).toBe(1)
    // Only at the end of a stage (5 or 15 minutes in): function-wide, 10% of 10% errors is 1.45%, just above 1%.
    expect(gross.medianDetectionSeconds).toBeGreaterThan(240)
    expect(gross.medianDetectionSeconds).toBeLessThanOrEqual(900)
    expect(row('seed-alarm', 'healthy').rolledBack).toBe(1)
    expect(row('seed-alarm', 'healthy').meanDurationSeconds).toBe(60)
  })

  it('is deterministic: the same seed gives the same report', async () => {
    const again = await runBench({ runs: 4, seed: 11, scenarios: pick, workers: 0, judges: ['lambda-canary'] })
    expect(again.results).toEqual(report.results.filter(r => r.judge === 'lambda-canary'))
  })
})
