import { describe, expect, it } from '@jest/globals'
import { PRESETS, type Plan, type StrategySpec, buildPlan, findPreset, parseSteps } from '../src/plan.js'
import { InputError } from '../src/parse.js'

describe('CodeDeploy presets', () => {
  const cases: [string, number[], number[]][] = [
    ['Canary10Percent5Minutes', [0.1], [300]],
    ['Canary10Percent10Minutes', [0.1], [600]],
    ['Canary10Percent15Minutes', [0.1], [900]],
    ['Canary10Percent30Minutes', [0.1], [1800]],
    ['Linear10PercentEvery1Minute', [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9], Array(9).fill(60)],
    ['Linear10PercentEvery2Minutes', [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9], Array(9).fill(120)],
    ['Linear10PercentEvery3Minutes', [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9], Array(9).fill(180)],
    ['Linear10PercentEvery10Minutes', [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9], Array(9).fill(600)],
    ['AllAtOnce', [], []]
  ]

  it('covers all nine of CodeDeploy’s Lambda configurations', () => {
    expect(Object.keys(PRESETS).sort()).toEqual(cases.map(c => c[0]).sort())
  })

  it.each(cases)('%s has the right stages under every spelling', (name, weights, bakes) => {
    for (const spelling of [
      name,
      `Lambda${name}`,
      `CodeDeployDefault.Lambda${name}`,
      name.toLowerCase(),
      `codedeploydefault.lambda${name.toUpperCase()}`
    ]) {
      const preset = findPreset(spelling)
      expect(preset?.name).toBe(`CodeDeployDefault.Lambda${name}`)
      const plan = buildPlan(preset!.spec, 0, preset!.name)
      expect(plan.stages.map(s => s.weight)).toEqual(weights)
      expect(plan.stages.map(s => s.bakeSeconds)).toEqual(bakes)
      expect(plan.totalBakeSeconds).toBe(bakes.reduce((a, b) => a + b, 0))
    }
  })

  it('does not invent presets', () => {
    expect(findPreset('Canary20Percent5Minutes')).toBeUndefined()
    expect(findPreset('LambdaLinear10PercentEvery5Minutes')).toBeUndefined()
    expect(findPreset('CodeDeployDefault.AllAtOnce')).toBeDefined() // ECS/EC2 spelling without "Lambda" is accepted
  })
})

describe('strategies', () => {
  it('canary: one weighted stage, then 100%', () => {
    expect(buildPlan({ kind: 'canary', weight: 0.05, bakeSeconds: 120 }, 0)).toEqual({
      kind: 'canary',
      name: 'canary 5% for 2m',
      stages: [{ weight: 0.05, bakeSeconds: 120 }],
      finalBakeSeconds: 0,
      totalBakeSeconds: 120
    })
  })
  it('linear: rises by the step until below 100%, without float drift', () => {
    const plan = buildPlan({ kind: 'linear', stepWeight: 0.3, intervalSeconds: 60 }, 30)
    expect(plan.stages.map(s => s.weight)).toEqual([0.3, 0.6, 0.9])
    expect(plan.finalBakeSeconds).toBe(30)
    expect(plan.totalBakeSeconds).toBe(210)
    expect(buildPlan({ kind: 'linear', stepWeight: 0.25, intervalSeconds: 60 }, 0).stages.map(s => s.weight)).toEqual([0.25, 0.5, 0.75])
    expect(buildPlan({ kind: 'linear', stepWeight: 1, intervalSeconds: 60 }, 0).stages).toEqual([])
  })
  it('all-at-once: no weighted stage; final-bake still watches', () => {
    expect(buildPlan({ kind: 'all-at-once' }, 0).stages).toEqual([])
    expect(buildPlan({ kind: 'all-at-once' }, 300).finalBakeSeconds).toBe(300)
  })
  it('blue-green: straight to 100%, watched for bake-time (or final-bake when given)', () => {
    expect(buildPlan({ kind: 'blue-green', bakeSeconds: 600 }, 0)).toMatchObject({
      kind: 'blue-green',
      stages: [],
      finalBakeSeconds: 600,
      totalBakeSeconds: 600
    })
    expect(buildPlan({ kind: 'blue-green', bakeSeconds: 600 }, 120).finalBakeSeconds).toBe(120)
  })
  it('custom: the reference document’s stages', () => {
    const plan = buildPlan({ kind: 'custom', ...parseSteps('10%:5m, 25%:10m, 50%:15m, 75%:10m') }, 0)
    expect(plan.stages).toEqual([
      { weight: 0.1, bakeSeconds: 300 },
      { weight: 0.25, bakeSeconds: 600 },
      { weight: 0.5, bakeSeconds: 900 },
      { weight: 0.75, bakeSeconds: 600 }
    ])
    expect(plan.totalBakeSeconds).toBe(2400)
  })
})

describe('the plan carries its kind', () => {
  it.each<[StrategySpec, Plan['kind']]>([
    [{ kind: 'linear', stepWeight: 0.1, intervalSeconds: 60 }, 'linear'],
    [{ kind: 'all-at-once' }, 'all-at-once'],
    [{ kind: 'custom', stages: [{ weight: 0.5, bakeSeconds: 60 }], finalBakeSeconds: 0 }, 'custom']
  ])('%j', (spec, kind) => {
    expect(buildPlan(spec, 0).kind).toBe(kind)
  })
  it('a preset is the shape it names', () => {
    const preset = findPreset('LambdaLinear10PercentEvery1Minute')
    expect(preset && buildPlan(preset.spec, 0, preset.name).kind).toBe('linear')
  })
})

describe('parseSteps', () => {
  it('accepts fractions, new lines and a final 100% step', () => {
    expect(parseSteps('0.1:30s\n0.5:1m\n100%:2m')).toEqual({
      stages: [
        { weight: 0.1, bakeSeconds: 30 },
        { weight: 0.5, bakeSeconds: 60 }
      ],
      finalBakeSeconds: 120
    })
  })
  it.each([
    ['', 'is not'],
    ['10%', 'is not "weight:bake"'],
    ['10%:5m, 5%:5m', 'does not rise'],
    ['10%:5m, 10%:5m', 'does not rise'],
    ['0%:5m', 'invalid'],
    ['-10%:5m', 'invalid'],
    ['150%:5m', 'invalid'],
    ['10%:5', 'invalid'],
    ['10%:0s', 'invalid'],
    ['100%:5m, 50%:1m', 'is 100% but is not the last'],
    ['50%:1m, 100%:5m, 100%:1m', 'is 100% but is not the last'],
    ['10%:5m:3', 'is not "weight:bake"']
  ])('refuses %j', (raw, words) => {
    expect(() => parseSteps(raw)).toThrow(InputError)
    try {
      parseSteps(raw)
    } catch (e) {
      expect((e as Error).message).toContain('Input "steps"')
      expect((e as Error).message).toContain(`"${raw}"`)
      if (raw !== '') expect((e as Error).message).toContain(words)
    }
  })
})
