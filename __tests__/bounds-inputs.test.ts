// Item 10 of issue 11: inputs that cannot work are refused before anything runs, with the input named, the value
// quoted and what is accepted — exact messages.
import { describe, expect, it } from '@jest/globals'
import { MAX_STAGES, buildPlan, linearStageCount } from '../src/plan.js'
import { settingsFrom } from './helpers/fakes.js'

const read = (extra: Record<string, string>) => () => settingsFrom({ 'function-name': 'api', version: '2', ...extra })
const RANGE = 'use a weight from 0.0001% to 99.9999% (weights are sent to Lambda as fractions rounded to 6 decimals)'

describe('weights that round to 0 or to 100%', () => {
  it('step-weight 0.0000001 rounds to 0: refused (the plan builder never loops on it)', () => {
    expect(read({ strategy: 'linear', 'step-weight': '0.0000001' })).toThrow(
      `Input "step-weight" has an invalid value "0.0000001": it rounds to 0%, so no traffic would reach the new version; ${RANGE}`
    )
  })

  it('canary-weight 99.99999% rounds to 100%: refused', () => {
    expect(read({ strategy: 'canary', 'canary-weight': '99.99999%' })).toThrow(
      `Input "canary-weight" has an invalid value "99.99999%": it rounds to 100%, so all traffic would move to the new version unjudged; ${RANGE}`
    )
  })

  it('canary-weight 0.00001% rounds to 0: refused', () => {
    expect(read({ strategy: 'canary', 'canary-weight': '0.00001%' })).toThrow(
      `Input "canary-weight" has an invalid value "0.00001%": it rounds to 0%, so no traffic would reach the new version; ${RANGE}`
    )
  })

  it('a step of 99.99999% is not taken for the 100% step', () => {
    expect(read({ strategy: 'custom', steps: '10%:5m, 99.99999%:5m' })).toThrow(
      'Input "steps" has an invalid value "10%:5m, 99.99999%:5m": step "99.99999%:5m" is invalid (it rounds to 100%, so all traffic would move to the new version unjudged; ' +
        `${RANGE}); list steps as "weight:bake" separated by commas or new lines, e.g. "10%:5m, 25%:10m, 50%:15m"; weights rise, stay above 0 and at most 100% (only the last step may be 100%)`
    )
  })

  it('the smallest and largest weights that do not round away are accepted', () => {
    expect(read({ strategy: 'canary', 'canary-weight': '0.0001%' })().run.plan.stages[0]?.weight).toBe(0.000001)
    expect(read({ strategy: 'canary', 'canary-weight': '99.9999%', 'bake-time': '1m' })().run.plan.stages[0]?.weight).toBe(0.999999)
    expect(read({ strategy: 'custom', steps: '10%:5m, 100%:5m' })().run.plan.finalBakeSeconds).toBe(300)
  })
})

describe('the number of stages', () => {
  it(`a linear step making more than ${MAX_STAGES} stages is refused, counted without building them`, () => {
    expect(read({ strategy: 'linear', 'step-weight': '0.5%', interval: '1m' })).toThrow(
      'Input "step-weight" has an invalid value "0.5%": a linear step of 0.5% makes 199 stages, more than the 100 a plan may have; use a step of at least 1%'
    )
    expect(linearStageCount(0.000001)).toBe(999_999)
    expect(() => buildPlan({ kind: 'linear', stepWeight: 0.000001, intervalSeconds: 60 }, 0)).toThrow(RangeError)
  })

  it('a 1% step (99 stages) is accepted', () => {
    expect(read({ strategy: 'linear', 'step-weight': '1%', interval: '10s' })().run.plan.stages).toHaveLength(99)
  })

  it(`custom steps: more than ${MAX_STAGES} weighted steps are refused`, () => {
    const steps = Array.from({ length: 101 }, (_, i) => `${(i + 1) * 0.5}%:1s`).join(', ')
    expect(read({ strategy: 'custom', steps })).toThrow(`it lists 101 weighted steps, more than the ${MAX_STAGES} a plan may have`)
  })
})

describe("plans longer than GitHub's 6-hour job, settle windows included", () => {
  // Defaults: metric-lag 2m, metric-period 1m → a 3m settle window after each of the three stages.
  it('5h55m of bakes in 3 stages + 3 settle windows of 3m: refused, naming the inputs', () => {
    expect(read({ strategy: 'custom', steps: '10%:2h, 50%:2h, 90%:1h55m' })).toThrow(
      'Input "steps" has an invalid value "10%:2h, 50%:2h, 90%:1h55m": the plan "custom 10%:2h, 50%:2h, 90%:1h55m" can take 6h4m ' +
        '(3 stages baking 5h55m in all, each followed by a settle window of 3m; the settle window is metric-lag 2m + metric-period 1m), ' +
        "more than GitHub's 6-hour job limit; shorten the stages or final-bake, or lower metric-lag or metric-period"
    )
  })

  it('5h50m of bakes in 3 stages + 9m of settle windows fits', () => {
    expect(read({ strategy: 'custom', steps: '10%:2h, 50%:2h, 90%:1h50m' })().run.plan.stages).toHaveLength(3)
  })

  it('a final bake counts with its own settle window; a canary names bake-time', () => {
    expect(read({ strategy: 'canary', 'bake-time': '3h', 'final-bake': '2h58m' })).toThrow(
      'Input "bake-time" has an invalid value "3h": the plan "canary 10% for 3h" can take 6h4m ' +
        '(1 stage baking 3h in all, each followed by a settle window of 3m, and a final bake of 2h58m and its settle window; ' +
        "the settle window is metric-lag 2m + metric-period 1m), more than GitHub's 6-hour job limit; shorten the stages or final-bake, or lower metric-lag or metric-period"
    )
  })

  it('a linear plan names interval; all-at-once names final-bake', () => {
    expect(read({ strategy: 'linear', 'step-weight': '10%', interval: '40m' })).toThrow(
      'Input "interval" has an invalid value "40m": the plan "linear 10% every 40m" can take 6h27m'
    )
    expect(read({ strategy: 'all-at-once', 'final-bake': '6h' })).toThrow(
      'Input "final-bake" has an invalid value "6h": the plan "all-at-once" can take 6h3m'
    )
  })
})
