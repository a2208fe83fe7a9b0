/**
 * The model's alarms, scripted events and scenario validation, in virtual time.
 */
import { describe, expect, it } from '@jest/globals'
import { SimModel } from '../../sim/model.js'
import { parseScenario, ScenarioError } from '../../sim/scenario.js'
import { baseScenario } from './helpers.js'

describe('alarms and scripted events', () => {
  it('scripts alarm states over time', () => {
    const m = new SimModel(
      baseScenario({
        alarms: [
          {
            name: 'a1',
            transitions: [
              { at: 10, state: 'ALARM', reason: 'boom' },
              { at: 20, state: 'OK' }
            ]
          },
          { name: 'c1', type: 'composite', initialState: 'INSUFFICIENT_DATA' }
        ]
      })
    )
    const states = () =>
      (m.describeAlarms({ AlarmNames: ['a1'] }) as { MetricAlarms: Array<{ StateValue: string; StateReason: string }> }).MetricAlarms
    expect(states()[0]?.StateValue).toBe('OK')
    m.advanceTo(10)
    expect(states()[0]).toMatchObject({ StateValue: 'ALARM', StateReason: 'boom' })
    m.advanceTo(25)
    expect(states()[0]?.StateValue).toBe('OK')
    expect((m.describeAlarms({ StateValue: 'ALARM' }) as { MetricAlarms: unknown[] }).MetricAlarms).toHaveLength(0)
    const comp = m.describeAlarms({ AlarmTypes: ['CompositeAlarm'] }) as {
      CompositeAlarms: Array<{ StateValue: string }>
      MetricAlarms: unknown[]
    }
    expect(comp.CompositeAlarms[0]?.StateValue).toBe('INSUFFICIENT_DATA')
    expect(comp.MetricAlarms).toHaveLength(0)
    expect(() => m.describeAlarms({ AlarmNames: ['a1'], AlarmNamePrefix: 'a' })).toThrow(
      expect.objectContaining({ code: 'InvalidParameterCombination' })
    )
  })

  it('applies another writer at time T: new RevisionId, recorded in the history', () => {
    const m = new SimModel(
      baseScenario({ events: [{ at: 8, type: 'updateAlias', function: 'fn', alias: 'live', routing: {}, description: 'other writer' }] })
    )
    m.updateAlias({ FunctionName: 'fn', Name: 'live', RoutingConfig: { AdditionalVersionWeights: { '2': 0.1 } } })
    const rev = m.alias('fn', 'live')?.revisionId
    m.advanceTo(7.9)
    expect(m.alias('fn', 'live')?.routing).toEqual({ '2': 0.1 })
    m.advanceTo(8)
    expect(m.alias('fn', 'live')?.routing).toBeNull()
    expect(m.alias('fn', 'live')?.revisionId).not.toBe(rev)
    expect(m.aliasHistory.map(h => h.source)).toEqual(['initial', 'api', 'event'])
    expect(() =>
      m.updateAlias({ FunctionName: 'fn', Name: 'live', RevisionId: rev, RoutingConfig: { AdditionalVersionWeights: { '2': 0.5 } } })
    ).toThrow(expect.objectContaining({ code: 'PreconditionFailedException', status: 412 }))
  })

  it('publishes immutable snapshots of $LATEST', () => {
    const m = new SimModel(
      baseScenario({ events: [{ at: 5, type: 'updateLatest', function: 'fn', codeSha256: 'sha-3', behavior: { errorRate: 1 } }] })
    )
    // $LATEST == version 2: publishing returns version 2.
    expect(m.publishVersion({ FunctionName: 'fn' })).toMatchObject({ Version: '2' })
    m.advanceTo(5)
    expect(() => m.publishVersion({ FunctionName: 'fn', CodeSha256: 'sha-2' })).toThrow(
      expect.objectContaining({ code: 'InvalidParameterValueException', status: 400 })
    )
    const v3 = m.publishVersion({ FunctionName: 'fn', CodeSha256: 'sha-3', Description: 'three' })
    expect(v3).toMatchObject({ Version: '3', CodeSha256: 'sha-3', Description: 'three', Role: 'arn:aws:iam::123456789012:role/demo-role' })
    m.advanceTo(6)
    // Further $LATEST changes don't touch version 3.
    expect(m.getFunctionConfiguration({ FunctionName: 'fn', Qualifier: '3' })).toMatchObject({ CodeSha256: 'sha-3' })
  })
})

describe('function state events', () => {
  it('reports State/LastUpdateStatus changes and blocks publishing while an update is in progress', () => {
    const m = new SimModel(
      baseScenario({
        events: [
          { at: 0, type: 'setFunctionState', function: 'fn', state: 'Active', lastUpdateStatus: 'InProgress' },
          { at: 3, type: 'setFunctionState', function: 'fn', lastUpdateStatus: 'Successful' },
          { at: 4, type: 'setProvisionedConcurrency', function: 'fn', qualifier: 'live', config: { requested: 3, status: 'READY' } }
        ]
      })
    )
    expect(m.getFunctionConfiguration({ FunctionName: 'fn' })).toMatchObject({
      LastUpdateStatus: 'InProgress',
      LastUpdateStatusReasonCode: 'Updating'
    })
    expect(() => m.publishVersion({ FunctionName: 'fn' })).toThrow(
      expect.objectContaining({ code: 'ResourceConflictException', status: 409 })
    )
    expect(() => m.getProvisionedConcurrencyConfig({ FunctionName: 'fn', Qualifier: 'live' })).toThrow(
      expect.objectContaining({ code: 'ProvisionedConcurrencyConfigNotFoundException', status: 404 })
    )
    m.advanceTo(4)
    expect(m.getFunctionConfiguration({ FunctionName: 'fn' })).toMatchObject({ LastUpdateStatus: 'Successful' })
    expect(m.getProvisionedConcurrencyConfig({ FunctionName: 'fn', Qualifier: 'live' })).toMatchObject({
      RequestedProvisionedConcurrentExecutions: 3,
      AvailableProvisionedConcurrentExecutions: 3,
      Status: 'READY'
    })
    expect(m.eventLog.every(e => e.ok)).toBe(true)
  })
})

describe('scenario validation', () => {
  it('rejects structural and semantic problems with every problem listed', () => {
    expect(() => parseScenario({ functions: [{ name: 'fn', versions: [], bogus: 1 }] })).toThrow(ScenarioError)
    try {
      parseScenario(
        baseScenario({
          functions: [
            {
              name: 'fn',
              versions: [
                { version: '1', role: 'a' },
                { version: '2', role: 'b' }
              ],
              aliases: [{ name: 'live', functionVersion: '1', routing: { '2': 0.5 } }]
            }
          ],
          traffic: [{ function: 'nope', ratePerSecond: 1 }]
        })
      )
      throw new Error('expected a ScenarioError')
    } catch (e) {
      expect(e).toBeInstanceOf(ScenarioError)
      expect((e as ScenarioError).problems.join('\n')).toMatch(/different roles[\s\S]*unknown function nope/)
    }
  })
})
