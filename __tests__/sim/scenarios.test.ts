/**
 * Every shipped scenario validates against sim/scenario.schema.json (and the semantic checks),
 * and loads into a model that produces the traffic it promises.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from '@jest/globals'
import { SchemaValidator, type JsonSchema } from '../../sim/jsonschema.js'
import { SimModel } from '../../sim/model.js'
import { parseScenario, SCENARIOS_DIR, scenarioSchema, validateScenarioSchema } from '../../sim/scenario.js'

const files = readdirSync(SCENARIOS_DIR)
  .filter(f => f.endsWith('.json'))
  .sort()

describe('shipped scenarios', () => {
  it('include the required set', () => {
    for (const name of [
      'healthy',
      'regression',
      'latency-regression',
      'low-traffic',
      'flaky-old-version',
      'throttled-api',
      'concurrent-writer'
    ]) {
      expect(files).toContain(`${name}.json`)
    }
  })

  it.each(files)('%s validates against the schema and loads', file => {
    const raw: unknown = JSON.parse(readFileSync(join(SCENARIOS_DIR, file), 'utf8'))
    expect(validateScenarioSchema(raw)).toEqual([])
    const scenario = parseScenario(raw)
    const fn = scenario.functions[0]
    expect(fn?.name).toBe('demo-api')
    expect(fn?.aliases?.find(a => a.name === 'live')?.functionVersion).toBe('1')
    expect(fn?.versions.map(v => v.version)).toEqual(['1', '2'])
    expect(scenario.metrics?.periodSeconds).toBe(1)
    const m = new SimModel(scenario)
    m.advanceTo(10)
    const totals = m.versionTotals('demo-api')
    const expectedRate = scenario.traffic?.[0]?.ratePerSecond ?? 0
    expect(totals['1']?.invocations ?? 0).toBeGreaterThan(expectedRate * 10 * 0.5)
    // Version 2 can be routed to from version 1 (same role and DLQ).
    m.updateAlias({ FunctionName: 'demo-api', Name: 'live', RoutingConfig: { AdditionalVersionWeights: { '2': 0.1 } } })
  })
})

describe('schema validator', () => {
  const v = new SchemaValidator(scenarioSchema())
  it('reports unknown properties, wrong types and failed patterns with paths', () => {
    const errors = v.validate({
      functions: [{ name: 'bad name!', versions: [{ version: 'one', typo: true }] }],
      traffic: [{ function: 'x', ratePerSecond: -1 }],
      metrics: { periodSeconds: 0.5, lagSeconds: { min: 1 } }
    })
    const text = errors.map(e => `${e.path}: ${e.message}`).join('\n')
    expect(text).toMatch(/\$\.functions\[0\]\.name: must match pattern/)
    expect(text).toMatch(/\$\.functions\[0\]\.versions\[0\]\.version: must match pattern/)
    expect(text).toMatch(/\$\.functions\[0\]\.versions\[0\]\.typo: unknown property/)
    expect(text).toMatch(/\$\.traffic\[0\]\.ratePerSecond: must be >= 0/)
    expect(text).toMatch(/\$\.metrics\.periodSeconds: expected integer/)
    expect(text).toMatch(/\$\.metrics\.lagSeconds: must match one of oneOf/)
  })

  it('refuses schema keywords it does not implement', () => {
    expect(() => new SchemaValidator({ type: 'object', propertyNames: { pattern: 'x' } } as JsonSchema).validate({})).toThrow(/Unsupported/)
  })
})
