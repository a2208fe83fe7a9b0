// Issue 13 item 4, acceptance: time explained. dist/ runs as the runner runs it against the simulator. mode plan
// prints the expected duration with the settle window for late datapoints (and it moves with metric-lag and
// final-bake); a stage whose bake ends before its datapoints settle says why it waits and until when; the log
// never shows the same poll line twice in a row. No assertion on how long anything took: only what the log says.
import { describe, expect, it } from '@jest/globals'
import { QUICK, logLines, pollLines, runStep, runWithPost, startScenario, withoutTime } from './issue13-acceptance-helpers.js'

/** "8m", "1h 5m", "1h5m30s", "90s" → seconds. */
function seconds(text: string): number {
  let total = 0
  for (const m of text.matchAll(/(\d+)\s*(h|m|s)\b/g)) total += Number(m[1]) * (m[2] === 'h' ? 3600 : m[2] === 'm' ? 60 : 1)
  return total
}

/** The expected duration a plan states: "about 8m", "about 1h 3m". */
function expectedSeconds(text: string): number | undefined {
  const m = /\babout ((?:\d+\s*[hms]\s*)+)/.exec(text)
  return m ? seconds(m[1] as string) : undefined
}

async function plan(inputs: Record<string, string>) {
  const sim = await startScenario('healthy')
  try {
    const run = await runStep({ env: sim.env, inputs: { 'function-name': 'demo-api', version: '2', mode: 'plan', ...inputs } })
    return { ...run, log: logLines(run.stdout).join('\n') }
  } finally {
    await sim.close()
  }
}

describe('issue 13 item 4: mode plan says how long the release should take', () => {
  it.concurrent('the default canary: the 5m bake plus the settle window for late datapoints, and the settle window moves with metric-lag', async () => {
    const [defaults, laggy, withFinalBake] = await Promise.all([
      plan({}),
      plan({ 'metric-lag': '10m' }),
      plan({ 'final-bake': '5m', 'max-error-rate': '2%' })
    ])
    for (const run of [defaults, laggy, withFinalBake]) {
      expect(run.code).toBe(0)
      expect(run.outputs.result).toBe('planned')
    }
    // In the log a user reads, and in the reason output.
    const base = expectedSeconds(defaults.log)
    expect(base).toBeDefined()
    expect(expectedSeconds(defaults.outputs.reason ?? '')).toBe(base)
    expect(defaults.log).toMatch(/late datapoints/)
    // 5m of bake, and at least metric-lag (2m by default) for the last datapoints, but not a wild guess.
    expect(base).toBeGreaterThanOrEqual(5 * 60 + 2 * 60)
    expect(base).toBeLessThanOrEqual(5 * 60 + 2 * 60 + 2 * 60)
    // metric-lag 10m instead of 2m: 8m more to wait for late datapoints.
    expect((expectedSeconds(laggy.log) ?? 0) - (base ?? 0)).toBeGreaterThanOrEqual(8 * 60)
    // A 5m final bake (which settles too before success) adds at least its 5m.
    expect((expectedSeconds(withFinalBake.log) ?? 0) - (base ?? 0)).toBeGreaterThanOrEqual(5 * 60)
  })
})

describe('issue 13 item 4: a stage that waits past its bake says why and until when', () => {
  it.concurrent('bake 2s, metric-lag 5s: the log says the bake ended, what it waits for and until when; no poll line repeats', async () => {
    const sim = await startScenario('healthy')
    try {
      const { main } = await runWithPost({
        env: sim.env,
        inputs: { ...QUICK, strategy: 'canary', 'canary-weight': '50%', 'bake-time': '2s', 'metric-lag': '5s', 'max-error-rate': '5%' }
      })
      expect(main.outputs.result).toBe('promoted')
      const lines = logLines(main.stdout)
      // The stage's own group holds the explanation, between its polls.
      const start = lines.findIndex(l => l.startsWith('::group::Stage 1'))
      const end = lines.findIndex((l, i) => i > start && l.startsWith('::endgroup::'))
      expect(start).toBeGreaterThanOrEqual(0)
      const stage = lines.slice(start, end)
      const waits = stage.filter(l => !l.startsWith('[stage') && /wait/i.test(l))
      expect(waits.length).toBeGreaterThan(0)
      const first = waits[0] as string
      // Why: late datapoints (metric-lag); until when: a clock time; and which gate still lacks evidence.
      expect(first).toMatch(/late datapoints|metric-lag/)
      const until = /until (\d{2}):(\d{2}):(\d{2})/.exec(first)
      expect(until).not.toBeNull()
      const bakeEnd = /bake ended at (\d{2}):(\d{2}):(\d{2})/.exec(first)
      expect(bakeEnd).not.toBeNull()
      if (until && bakeEnd) {
        const t = (m: RegExpExecArray) => Number(m[1]) * 3600 + Number(m[2]) * 60 + Number(m[3])
        // It waits at least metric-lag (5s) past the bake's end (modulo midnight).
        expect((t(until) - t(bakeEnd) + 86400) % 86400).toBeGreaterThanOrEqual(5)
      }
      expect(waits.some(w => /min-invocations|error-rate|latency/.test(w))).toBe(true)
      // The same wait is not said over and over: each wait line differs from the one before it.
      for (let i = 1; i < waits.length; i++) expect(waits[i]).not.toBe(waits[i - 1])
      // No two consecutive poll lines the same (their clock time aside).
      const polls = pollLines(main.stdout).map(withoutTime)
      expect(polls.length).toBeGreaterThan(1)
      const repeats = polls.filter((l, i) => i > 0 && l === polls[i - 1])
      expect(repeats).toEqual([])
    } finally {
      await sim.close()
    }
  })

  it.concurrent('low traffic (2 requests/s) with on-insufficient-data wait: the wait names the gate short of data; no poll line repeats', async () => {
    const sim = await startScenario('low-traffic')
    try {
      const { main } = await runWithPost({
        env: sim.env,
        inputs: {
          ...QUICK,
          strategy: 'canary',
          'canary-weight': '50%',
          'bake-time': '3s',
          'min-invocations': '10',
          'max-error-rate': '5%',
          'max-latency-increase': 'off'
        }
      })
      const lines = logLines(main.stdout)
      const waits = lines.filter(l => !l.startsWith('[stage') && /\bwait/i.test(l) && /stage 1/.test(l))
      expect(waits.length).toBeGreaterThan(0)
      expect(waits.some(w => /min-invocations/.test(w) && /until \d{2}:\d{2}:\d{2}/.test(w))).toBe(true)
      const polls = pollLines(main.stdout).map(withoutTime)
      expect(polls.length).toBeGreaterThan(2)
      expect(polls.filter((l, i) => i > 0 && l === polls[i - 1])).toEqual([])
    } finally {
      await sim.close()
    }
  })
})
