// The summary's words for a stage: "passed", "passing so far, not significant yet", "not judged", "failed" — and
// always consistent with the "Enough data" column; the reason said once; a manual rollback's own summary; the
// lockstep summary; the post step's summary.
import { describe, expect, it } from '@jest/globals'
import type { Evidence } from '../src/evidence.js'
import { judge } from '../src/judge/index.js'
import { logLine } from '../src/report/log.js'
import { combineOutcomes, lockstepSummary } from '../src/report/lockstep.js'
import { recoverySummary, summaryMarkdown } from '../src/report/summary.js'
import { deploy, harness, settingsFrom } from './helpers/fakes.js'
import { check, outcomeOf, poll, promote, restore, shift, stageEnd, totals } from './helpers/outcomes.js'

const s = settingsFrom({ 'function-name': 'api', version: '2', 'max-error-rate': '1%', confidence: '99%' })
const run = s.run

/** The stage rows of a summary: [stage, enough data, verdict]. */
function rows(md: string): [string, string, string][] {
  return md
    .split('\n')
    .filter(l => /^\| \d+ \| \d/.test(l))
    .map(l => {
      const cells = l.split(' | ')
      return [cells[0]!.slice(2), cells.at(-2)!, cells.at(-1)!.replace(/ \|$/, '')]
    })
}

const occurrences = (text: string, part: string) => text.split(part).length - 1

describe('stage verdicts in the summary', () => {
  it('"passed": every gate had its evidence and saw its value within its limit', () => {
    const md = summaryMarkdown(
      outcomeOf([shift(0, 1, 0.1), stageEnd(60, 1, 0.1, 'pass', [check('min-invocations'), check('error-rate')])]),
      run
    )
    expect(rows(md)).toEqual([['1', 'yes', 'passed']])
    expect(md).toContain('- ✅ error-rate: error-rate observed (limit error-rate limit) — passed')
    expect(md).not.toContain('²')
  })

  it('"passing so far, not significant yet": a value above its limit on too little evidence, with the footnote', () => {
    const over = check('error-rate', { observed: '3.23% (1/31)', limit: '≤ 1%', overLimit: true })
    const md = summaryMarkdown(outcomeOf([shift(0, 1, 0.1), stageEnd(60, 1, 0.1, 'pass', [check('min-invocations'), over])]), run)
    expect(rows(md)).toEqual([['1', 'yes', 'passing so far, not significant yet² (error-rate above the limit)']])
    expect(md).toContain('- ⚠️ error-rate: 3\\.23% (1/31) (limit ≤ 1%) — passing so far, not significant yet²')
    expect(md).toContain('² **Passing so far, not significant yet**: nothing showed the new version beyond a limit with 99% confidence')
    expect(md).toContain('the `confidence` input')
  })

  it('a stage that moved on with a gate short of data is "passing so far", never "passed" beside "Enough data: no"', () => {
    const short = check('latency-increase', { status: 'inconclusive', enoughData: false, needs: '100 warm invocations' })
    const md = summaryMarkdown(outcomeOf([shift(0, 1, 0.1), stageEnd(60, 1, 0.1, 'pass', [check('error-rate'), short])]), run)
    expect(rows(md)).toEqual([['1', '**no**: latency-increase', 'passing so far, not significant yet²']])
    expect(md).toContain(
      '- ❔ latency-increase: latency-increase observed (limit latency-increase limit) — not enough data yet: needs 100 warm invocations'
    )
  })

  it('a gate out of reach of the stage\'s traffic is "not judged at this traffic"; the stage still passed on the others', () => {
    const unreachable = check('latency', { status: 'inconclusive', enoughData: false, unreachable: true, needs: '1000 warm invocations' })
    const md = summaryMarkdown(outcomeOf([shift(0, 1, 0.1), stageEnd(60, 1, 0.1, 'pass', [check('error-rate'), unreachable])]), run)
    expect(rows(md)).toEqual([['1', 'not judged at this traffic: latency', 'passed']])
    expect(md).toContain('- ➖ latency: latency observed (limit latency limit) — not judged at this traffic: needs 1000 warm invocations')
  })

  it('"not judged": no gate could have failed the stage', () => {
    const md = summaryMarkdown(outcomeOf([shift(0, 1, 1), stageEnd(60, 1, 1, 'not-judged', [check('min-invocations')])]), run)
    expect(rows(md)).toEqual([['1', 'yes', '**not judged**: no gate could fail this stage (allow-unjudged-stages)']])
  })

  it('"failed": the failing gates in the table, the reason once (first line), the restore without it', () => {
    const reason = 'stage 1 (10%): error rate of the new version 30.77% (8/26) is above 1% (at least 7.18% with 99% confidence)'
    const failing = check('error-rate', { status: 'fail', observed: '30.77% (8/26)', limit: '≤ 1%' })
    const outcome = outcomeOf(
      [shift(0, 1, 0.1), stageEnd(60, 1, 0.1, 'fail', [check('min-invocations'), failing], undefined, [reason]), restore(61, reason)],
      {
        result: 'rolled-back',
        reason: `${reason}; restored — alias "live" now: version 1 only`,
        cause: { kind: 'check-failed' }
      }
    )
    const md = summaryMarkdown(outcome, run)
    expect(md.split('\n')[0]).toContain(reason)
    expect(occurrences(md, 'is above 1% (at least 7.18%')).toBe(1)
    expect(rows(md)).toEqual([['1', 'yes', '**failed**: error-rate']])
    expect(md).toContain('- restored: alias "live" points at version 1 (100%) again\n')
    expect(md).toContain('- ❌ error-rate: 30\\.77% (8/26) (limit ≤ 1%) — failed')
  })

  it('a failed stage with another gate above its limit but not significant yet: the mark comes with its note', () => {
    const reason = 'stage 1 (10%): alarm "api-5xx" is in ALARM'
    const alarm = check('alarms', { status: 'fail', observed: 'api-5xx in ALARM', limit: 'none in ALARM' })
    const over = check('error-rate-increase', { observed: '+0.8pp', limit: '≤ 0.5pp', overLimit: true })
    const outcome = outcomeOf(
      [shift(0, 1, 0.1), stageEnd(60, 1, 0.1, 'fail', [check('min-invocations'), over, alarm], undefined, [reason]), restore(61, reason)],
      { result: 'rolled-back', reason: `${reason}; restored`, cause: { kind: 'check-failed' } }
    )
    const md = summaryMarkdown(outcome, run)
    expect(rows(md)).toEqual([['1', 'yes', '**failed**: alarms']])
    expect(md).toContain('— passing so far, not significant yet²')
    expect(md).toContain('² **Passing so far, not significant yet**')
  })

  it('proceeded without enough data: said in the verdict, and the Enough data column names the gates', () => {
    const short = check('min-invocations', { status: 'inconclusive', enoughData: false })
    const md = summaryMarkdown(
      outcomeOf([shift(0, 1, 0.1), stageEnd(60, 1, 0.1, 'proceeded-without-enough-data', [short], undefined, ['only 3 invocations'])]),
      run
    )
    expect(rows(md)).toEqual([['1', '**no**: min-invocations', 'proceeded **without enough data** (only 3 invocations)']])
  })
})

describe('the log says a stage ended in the same words', () => {
  it('"passing so far" with the gates it rests on; a failure with its reasons (the log has no first line)', () => {
    const over = check('error-rate', { overLimit: true })
    const short = check('latency', { status: 'inconclusive', enoughData: false })
    expect(logLine(stageEnd(60, 1, 0.1, 'pass', [over, short]), run)).toBe(
      'stage 1 (10%) ended: passing so far, not significant yet (error-rate above the limit; latency short of data)'
    )
    expect(logLine(stageEnd(60, 1, 0.1, 'pass', [check('error-rate')]), run)).toBe('stage 1 (10%) ended: passed')
    expect(logLine(stageEnd(60, 1, 0.1, 'fail', [check('error-rate', { status: 'fail' })], undefined, ['too many errors']), run)).toBe(
      'stage 1 (10%) ended: failed: too many errors'
    )
  })
})

describe('the judge marks a value above its limit that is not significant yet', () => {
  const evidence = (invocations: number, errors: number): Evidence => {
    const counts = { invocations, errors }
    const sample = { ...totals(counts, { invocations: 0, errors: 0 }), periods: [] }
    return { stage: { newVersion: counts, oldVersion: { invocations: 0, errors: 0 }, throttles: 0 }, total: sample, weight: 0.1 }
  }
  const errorRate = (e: Evidence) => judge(e, run.gates).checks.find(c => c.gate === 'error-rate')!

  it('1 error in 31 calls against a 1% limit: passing, over the limit, not failed', () => {
    expect(errorRate(evidence(31, 1))).toMatchObject({ status: 'pass', overLimit: true })
  })
  it('2 errors in 1000 calls: passed, within the limit', () => {
    expect(errorRate(evidence(1000, 2)).overLimit).toBeUndefined()
  })
  it('8 errors in 26 calls: failed, and a failure is not "over the limit so far"', () => {
    const c = errorRate(evidence(26, 8))
    expect(c.status).toBe('fail')
    expect(c.overLimit).toBeUndefined()
  })
})

describe('a manual rollback has its own short summary', () => {
  const env = { GITHUB_ACTOR: 'octocat', GITHUB_WORKFLOW: 'Roll back <b>api</b>', GITHUB_EVENT_NAME: 'workflow_dispatch' }

  it('from → to, who asked, the command that undoes it; no strategy, no stages; the reason once', async () => {
    const h = harness()
    h.alias.set({ version: '2', weights: {} })
    const rb = settingsFrom({ 'function-name': 'api', mode: 'rollback', 'rollback-to': '1' })
    const outcome = await deploy(rb, h.ports)
    const md = summaryMarkdown(outcome, rb.run, env)
    expect(md.split('\n')[0]).toBe(
      '## ⏪ lambda-canary rolled-back on api:live (version 2 → 1): alias "live" moved from version 2 back to version 1 (manual rollback, verified by reading it back)'
    )
    expect(md).toContain('| Function | Alias | From → to | Asked by | Result | Duration |')
    expect(md).toContain(
      '| `api` | `live` | 2 → 1 | octocat, workflow "Roll back &lt;b&gt;api&lt;/b&gt;" (workflow\\_dispatch) | **rolled-back** |'
    )
    expect(md).toContain(
      "### To undo it\n\nRun this workflow again with `rollback-to: 2` (it records the move in the alias's description), or from a shell:\n\n```sh\naws lambda update-alias --function-name api --name live --function-version 2 --routing-config 'AdditionalVersionWeights={}' --region us-east-1\n```"
    )
    for (const absent of ['Strategy', '### Stages', 'mermaid', 'What happened to the alias', '### Where to look'])
      expect(md).not.toContain(absent)
    expect(occurrences(md, 'moved from version 2')).toBe(1)
  })

  it('a rollback its preflight refused: the reason once, the preflight pointing to it', async () => {
    const rb = settingsFrom({ 'function-name': 'api', mode: 'rollback', 'rollback-to': 'previous' })
    const outcome = await deploy(rb, harness().ports)
    const md = summaryMarkdown(outcome, rb.run, {})
    expect(outcome.result).toBe('failed')
    expect(md.split('\n')[0]).toContain('has no lambda-canary record of a previous version')
    expect(occurrences(md, 'has no lambda-canary record of a previous version')).toBe(1)
    expect(md).toContain('### Preflight\n\n- ✅ alias "live" points at version 1 (100%)\n- ❌ the reason at the top')
    expect(md).not.toContain('To undo it')
  })

  it('nothing to roll back: no command to undo it', async () => {
    const h = harness()
    const rb = settingsFrom({ 'function-name': 'api', mode: 'rollback', 'rollback-to': '1' })
    const md = summaryMarkdown(await deploy(rb, h.ports), rb.run, {})
    expect(md.split('\n')[0]).toContain('unchanged')
    expect(md).toContain('| this run (no GitHub context) |')
    expect(md).not.toContain('To undo it')
  })
})

describe('the lockstep summary', () => {
  it('the function that stopped the release explains it once; the others point to it; the verdicts are the same words', () => {
    const reason = 'stage 1 (10%): error rate of the new version 20% (20/100) is above 1%'
    const over = check('error-rate', { overLimit: true })
    const api = outcomeOf(
      [shift(0, 1, 0.1), stageEnd(60, 1, 0.1, 'fail', [check('error-rate', { status: 'fail' })], undefined, [reason]), restore(61, reason)],
      { result: 'rolled-back', reason: `${reason}; restored — alias "live" now: version 1 only`, cause: { kind: 'check-failed' } }
    )
    const worker = outcomeOf([shift(0, 1, 0.1), stageEnd(59, 1, 0.1, 'pass', [over]), restore(61, 'with the others')], {
      function: { name: 'worker', id: 'worker' },
      result: 'rolled-back',
      reason: `restored with the other functions released in lockstep, because api: ${reason}; restored`,
      cause: { kind: 'member-failed', member: 'api', reason }
    })
    const md = lockstepSummary([api, worker], run, combineOutcomes([api, worker], run))
    expect(occurrences(md, reason)).toBe(1)
    expect(md).toContain('| `api` | 1 → 2 | **rolled-back** | stopped the release (the reason is at the top) |')
    expect(md).toContain('| `worker` | 1 → 2 | **rolled-back** | stopped with the others because api failed (the reason is at the top) |')
    expect(md).toMatch(/\| 1 \| `api` \| 10% \|.*\| yes \| \*\*failed\*\*: error-rate \|/)
    expect(md).toMatch(/\| 1 \| `worker` \| 10% \|.*\| yes \| passing so far, not significant yet² \(error-rate above the limit\) \|/)
    expect(md).toContain('² **Passing so far, not significant yet**')
  })
})

describe("the post step's summary", () => {
  const checkpoint = { functionId: 'api', alias: 'live', oldVersion: '1', newVersion: '2' }

  it('restored: what it found and what it did', () => {
    const md = recoverySummary([
      {
        checkpoint,
        recovery: { action: 'restored', message: 'alias "live" moved from version 1 (90%) + version 2 (10%) back to version 1 (100%)' }
      }
    ])!
    expect(md.split('\n')[0]).toBe('## ⏪ lambda-canary post step on api:live: alias restored')
    expect(md).toContain('- **Found**: the release of version 2 over version 1 on alias "live" unfinished')
    expect(md).toContain('- **Did**: alias "live" moved from version 1 (90%) + version 2 (10%) back to version 1 (100%).')
  })

  it('failed: the command to run, and the error escaped', () => {
    const command =
      "aws lambda update-alias --function-name api --name live --function-version 1 --routing-config 'AdditionalVersionWeights={}'"
    const md = recoverySummary([{ checkpoint, recovery: { action: 'failed', message: 'could not restore: <img src=x>', command } }])!
    expect(md.split('\n')[0]).toBe('## ❌ lambda-canary post step on api:live: an alias is NOT restored')
    expect(md).toContain('could not restore: &lt;img src=x&gt;')
    expect(md).toContain(`Run this to put the alias back:\n\n\`\`\`sh\n${command}\n\`\`\``)
  })

  it('nothing to do: no summary', () => {
    expect(recoverySummary([{ checkpoint, recovery: { action: 'nothing', message: 'already points at version 1 only' } }])).toBeUndefined()
    expect(recoverySummary([])).toBeUndefined()
  })
})

describe('a promoted run with a final bake', () => {
  it('its stages table shows the bake at 100% with the same verdict words', () => {
    const md = summaryMarkdown(
      outcomeOf([
        shift(0, 1, 0.1),
        stageEnd(60, 1, 0.1, 'pass', [check('error-rate')]),
        promote(61),
        poll(90, 2, 1, totals({ invocations: 300, errors: 0 }, { invocations: 900, errors: 1 })),
        stageEnd(120, 2, 1, 'pass', [check('error-rate')])
      ]),
      run
    )
    expect(rows(md)).toEqual([
      ['1', 'yes', 'passed'],
      ['2', 'yes', 'passed']
    ])
  })
})
