import { describe, expect, it } from '@jest/globals'
import { AlphaBudget, alphaAtLook } from '../src/judge/alpha.js'
import { binomialUpperTail, clopperPearsonLower, logGamma, normalQuantile, regularizedBeta } from '../src/judge/stats.js'

describe('statistics on hand-computed cases', () => {
  it('normal quantiles match the tables', () => {
    expect(normalQuantile(0.5)).toBeCloseTo(0, 9)
    expect(normalQuantile(0.975)).toBeCloseTo(1.959964, 6)
    expect(normalQuantile(0.99)).toBeCloseTo(2.326348, 6)
    expect(normalQuantile(0.001)).toBeCloseTo(-3.090232, 6)
    expect(() => normalQuantile(1)).toThrow(RangeError)
  })

  it('log-gamma and the incomplete beta function', () => {
    expect(logGamma(5)).toBeCloseTo(Math.log(24), 10)
    expect(logGamma(0.5)).toBeCloseTo(Math.log(Math.sqrt(Math.PI)), 10)
    // I_x(1, 1) = x; I_x(2, 1) = x²; I_0.5(a, a) = 0.5
    expect(regularizedBeta(0.3, 1, 1)).toBeCloseTo(0.3, 12)
    expect(regularizedBeta(0.3, 2, 1)).toBeCloseTo(0.09, 12)
    expect(regularizedBeta(0.5, 7, 7)).toBeCloseTo(0.5, 12)
  })

  it('exact binomial tails', () => {
    // P(X ≥ 1 | 5, 1%) = 1 − 0.99⁵
    expect(binomialUpperTail(1, 5, 0.01)).toBeCloseTo(1 - 0.99 ** 5, 12)
    // P(X ≥ 2 | 10, 10%) = 1 − 0.9¹⁰ − 10·0.1·0.9⁹ = 0.2639011
    expect(binomialUpperTail(2, 10, 0.1)).toBeCloseTo(0.2639010709, 9)
    expect(binomialUpperTail(0, 10, 0.1)).toBe(1)
    expect(binomialUpperTail(11, 10, 0.1)).toBe(0)
    // Σ_{i ≥ 10} C(300, i)·0.01^i·0.99^(300−i), summed term by term
    expect(binomialUpperTail(10, 300, 0.01)).toBeCloseTo(0.00102309485, 9)
  })

  it('Clopper–Pearson lower bounds', () => {
    // One error in five at α = 2.5%: 1 − 0.975^(1/5) = 0.0050508
    expect(clopperPearsonLower(1, 5, 0.025)).toBeCloseTo(0.0050508, 6)
    expect(clopperPearsonLower(0, 100, 0.025)).toBe(0)
    expect(clopperPearsonLower(10, 200, 0.0060793)).toBeCloseTo(0.0193878, 5)
  })

  it('the look budget adds up to alpha and shrinks as 1/k²', () => {
    expect(alphaAtLook(0.01, 1)).toBeCloseTo(0.0060793, 7)
    expect(alphaAtLook(0.01, 2)).toBeCloseTo(0.0060793 / 4, 7)
    let total = 0
    for (let k = 1; k <= 100000; k++) total += alphaAtLook(0.01, k)
    expect(total).toBeLessThan(0.01)
    expect(total).toBeGreaterThan(0.00999)
  })

  it('the budget spends 25% by √time, 40% by weight × time, 25% on the settled decisions, never more than alpha in all', () => {
    const budget = new AlphaBudget(0.01, 100, 100, 2)
    // a look adding 10% of the planned information and 10% of the planned time: 0.4·0.01·0.1 + 0.25·0.01·√0.1
    expect(budget.next(10, 10)).toBeCloseTo(0.0004 + 0.0025 * Math.sqrt(0.1), 12)
    // a look adding time but no information (0% weight) gets its time share only: 0.25·0.01·(√0.2 − √0.1)
    expect(budget.next(0, 10)).toBeCloseTo(0.0025 * (Math.sqrt(0.2) - Math.sqrt(0.1)), 12)
    let spent = 0.0004 + 0.0025 * Math.sqrt(0.2)
    for (let i = 0; i < 8; i++) spent += budget.next(10, 10) // all the planned time, and 90% of the planned information
    expect(spent).toBeCloseTo(0.0025 + 0.9 * 0.004, 12)
    // two settled decisions share 25%; a third gets nothing
    expect(budget.final()).toBeCloseTo(0.00125, 12)
    expect(budget.final()).toBeCloseTo(0.00125, 12)
    expect(budget.final()).toBe(0)
    spent += 0.0025
    for (let i = 0; i < 10000; i++) spent += budget.next(10, 10) // beyond the plan: the rest of the information, then the 5% reserve
    // 5% is the baseline bound's, taken once outside the looks
    expect(spent).toBeLessThan(0.0095)
    expect(spent).toBeGreaterThan(0.0094)
  })
})
