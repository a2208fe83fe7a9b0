// The README's IAM policy lists exactly the API actions the code calls.
import { describe, expect, it } from '@jest/globals'
import { actionsInSource, deployPolicy, modeActions } from './helpers/iam.js'

describe('IAM policy in the README', () => {
  it('the deploy policy lists exactly the actions the source calls', () => {
    expect([...deployPolicy().actions].sort()).toEqual([...actionsInSource()].sort())
  })

  it('Lambda actions are scoped to the function and its qualifiers; only GetMetricData is on "*"', () => {
    for (const s of deployPolicy().statements) {
      const resources = ([] as string[]).concat(s.Resource)
      if (s.Action.every(a => a.startsWith('lambda:'))) {
        for (const r of resources) expect(r).toMatch(/^arn:aws:lambda:REGION:ACCOUNT:function:[a-z-]+(:\*)?$/)
      } else if (s.Action.includes('cloudwatch:GetMetricData')) {
        expect(resources).toEqual(['*'])
      } else {
        for (const r of resources) expect(r).toMatch(/^arn:aws:cloudwatch:REGION:ACCOUNT:alarm:/)
      }
    }
  })

  it('the plan and rollback lists only name actions the source calls, and plan has no write', () => {
    const all = actionsInSource()
    for (const mode of ['plan', 'rollback'] as const) {
      const listed = modeActions(mode)
      expect(listed.size).toBeGreaterThan(1)
      for (const a of listed) expect(all.has(a)).toBe(true)
    }
    expect([...modeActions('plan')].filter(a => /Update|Publish|Invoke/.test(a))).toEqual([])
  })
})
