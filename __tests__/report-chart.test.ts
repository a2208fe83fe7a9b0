// The summary's charts: every stage with the promotion and the final bake, the old version's error rate beside
// the new one, points without data left out (never drawn as 0), unique x labels, series as long as the x axis.
import { describe, expect, it } from '@jest/globals'
import { CHART_POINTS, mermaidChart } from '../src/report/chart.js'
import type { TimelineEvent } from '../src/timeline.js'
import { outcomeOf, poll, promote, restore, shift, stageEnd, totals } from './helpers/outcomes.js'

interface Chart {
  title: string
  x: string[]
  series: { kind: string; name: string; values: number[] }[]
}

/** The mermaid blocks of a chart, read back: title, x labels, each series. */
function charts(text: string): Chart[] {
  return [...text.matchAll(/```mermaid\n([\s\S]*?)```/g)].map(([, body]) => {
    const lines = body!.split('\n')
    const x = /x-axis \[(.*)\]/.exec(body!)![1]!
    return {
      title: /title "(.*)"/.exec(body!)![1]!,
      x: [...x.matchAll(/"([^"]*)"/g)].map(m => m[1]!),
      series: lines.flatMap(l => {
        const m = /^\s+(bar|line) "([^"]*)" \[(.*)\]$/.exec(l)
        return m ? [{ kind: m[1]!, name: m[2]!, values: m[3]!.split(', ').map(Number) }] : []
      })
    }
  })
}

const none = { invocations: 0, errors: 0 }

/** 10% for a minute, 50% for a minute, the promotion, a minute's final bake; the first poll before any datapoint. */
function promotedWithFinalBake(): TimelineEvent[] {
  return [
    shift(0, 1, 0.1),
    poll(10, 1, 0.1, totals(none, none)),
    poll(30, 1, 0.1, totals({ invocations: 20, errors: 1 }, { invocations: 180, errors: 0 })),
    stageEnd(60, 1, 0.1, 'pass', [], totals({ invocations: 40, errors: 1 }, { invocations: 360, errors: 1 })),
    shift(60, 2, 0.5),
    poll(90, 2, 0.5, totals({ invocations: 100, errors: 1 }, { invocations: 400, errors: 2 })),
    stageEnd(120, 2, 0.5, 'pass', [], totals({ invocations: 200, errors: 1 }, { invocations: 500, errors: 2 })),
    promote(121),
    poll(150, 3, 1, totals({ invocations: 400, errors: 2 }, { invocations: 500, errors: 2 })),
    stageEnd(181, 3, 1, 'pass', [], totals({ invocations: 600, errors: 3 }, { invocations: 500, errors: 2 }))
  ]
}

describe('the summary chart', () => {
  it('shows every stage, the promotion to 100% and the final bake', () => {
    const [traffic] = charts(mermaidChart(outcomeOf(promotedWithFinalBake()))!)
    expect(traffic!.title).toBe('Traffic to the new version (%)')
    expect(traffic!.x).toEqual(['10s', '30s', '1m', '1m30s', '2m', '2m1s promoted', '2m30s', '3m1s'])
    expect(traffic!.series).toEqual([{ kind: 'bar', name: 'new version', values: [10, 10, 10, 50, 50, 100, 100, 100] }])
  })

  it("draws the old version's error rate as a second line beside the new one's, since the first shift", () => {
    const [, errors] = charts(mermaidChart(outcomeOf(promotedWithFinalBake()))!)
    expect(errors!.series.map(s => [s.kind, s.name])).toEqual([
      ['line', 'new version'],
      ['line', 'old version']
    ])
    expect(errors!.series[0]!.values).toEqual([5, 2.5, 1, 0.5, 0.5, 0.5, 0.5])
    // At 100% the old version serves nothing: its line holds its rate from the stages before.
    expect(errors!.series[1]!.values).toEqual([0, 0.28, 0.5, 0.4, 0.4, 0.4, 0.4])
  })

  it('leaves a point without data out of the error chart and says so, instead of drawing it as 0', () => {
    const text = mermaidChart(outcomeOf(promotedWithFinalBake()))!
    const [traffic, errors] = charts(text)
    expect(traffic!.x).toContain('10s')
    expect(errors!.x).not.toContain('10s')
    expect(errors!.x).toEqual(traffic!.x.slice(1))
    expect(text).toContain(
      '1 of 8 points had no data yet (for the new version or the old one): left out of this chart rather than drawn as 0.'
    )
  })

  it('every series has one value per x label, and the labels are unique, even for polls within the same second', () => {
    const timeline: TimelineEvent[] = [shift(0, 1, 0.1)]
    for (let i = 1; i <= 500; i++)
      timeline.push(poll(i * 0.4, 1, 0.1, totals({ invocations: i, errors: 0 }, { invocations: 9 * i, errors: 0 })))
    timeline.push(stageEnd(200, 1, 0.1, 'pass', [], totals({ invocations: 500, errors: 0 }, { invocations: 4500, errors: 0 })))
    // A second stage ends in the same second as the first (a bake shorter than a second): its label says which.
    timeline.push(shift(200, 2, 0.5), stageEnd(200.4, 2, 0.5, 'pass', []), promote(200.6))
    for (const chart of charts(mermaidChart(outcomeOf(timeline))!)) {
      expect(new Set(chart.x).size).toBe(chart.x.length)
      expect(chart.x.length).toBeLessThanOrEqual(CHART_POINTS)
      for (const series of chart.series) expect(series.values).toHaveLength(chart.x.length)
    }
    const [traffic] = charts(mermaidChart(outcomeOf(timeline))!)
    expect(traffic!.x.slice(-3)).toEqual(['3m20s', '3m20s (stage 2)', '3m21s promoted'])
    expect(traffic!.series[0]!.values.slice(-3)).toEqual([10, 50, 100])
  })

  it('a rollback ends with the restore: the new version back to 0%', () => {
    const timeline = [
      shift(0, 1, 0.1),
      poll(30, 1, 0.1, totals({ invocations: 26, errors: 8 }, { invocations: 256, errors: 1 })),
      stageEnd(30, 1, 0.1, 'fail', [], totals({ invocations: 26, errors: 8 }, { invocations: 256, errors: 1 })),
      restore(31, 'error rate')
    ]
    const [traffic, errors] = charts(mermaidChart(outcomeOf(timeline, { result: 'rolled-back' }))!)
    expect(traffic!.x).toEqual(['30s', '31s restored'])
    expect(traffic!.series[0]!.values).toEqual([10, 0])
    expect(errors!.series[0]!.values).toEqual([30.77, 30.77])
    expect(errors!.series[1]!.values).toEqual([0.39, 0.39])
  })

  it('with no old version beside the new one (all at once), there is no old line, and the words say why', () => {
    const timeline = [
      promote(0),
      poll(30, 1, 1, totals({ invocations: 300, errors: 3 }, none)),
      stageEnd(60, 1, 1, 'pass', [], totals({ invocations: 600, errors: 3 }, none))
    ]
    const text = mermaidChart(outcomeOf(timeline))!
    const [traffic, errors] = charts(text)
    expect(traffic!.series[0]!.values).toEqual([100, 100, 100])
    expect(errors!.series.map(s => s.name)).toEqual(['new version'])
    expect(text).toContain('The old version served nothing beside it, so it has no line')
  })

  it('no traffic moved: no chart', () => {
    expect(mermaidChart(outcomeOf([]))).toBeUndefined()
  })
})
