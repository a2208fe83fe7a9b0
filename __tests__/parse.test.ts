import { describe, expect, it } from '@jest/globals'
import {
  InputError,
  formatDuration,
  formatPercent,
  parseBoolean,
  parseDuration,
  parseFraction,
  parseList,
  parseMilliseconds
} from '../src/parse.js'

describe('parseDuration', () => {
  it.each([
    ['30s', 30],
    ['5m', 300],
    ['1h', 3600],
    ['1m30s', 90],
    ['1.5m', 90],
    ['250ms', 0.25],
    [' 2M ', 120]
  ])('%j is %d seconds', (raw, seconds) => expect(parseDuration('bake-time', raw)).toBe(seconds))
  it.each(['5', '', 'five minutes', '5 m', '-5m', '5d', '0s', 'm'])('refuses %j', raw => {
    expect(() => parseDuration('bake-time', raw)).toThrow(`Input "bake-time" has an invalid value "${raw}"`)
  })
  it('allows zero only when asked, and enforces a maximum', () => {
    expect(parseDuration('final-bake', '0s', { allowZero: true })).toBe(0)
    expect(() => parseDuration('bake-time', '7h', { max: 6 * 3600 })).toThrow('at most 6h')
  })
})

describe('parseFraction', () => {
  it.each([
    ['10%', 0.1],
    ['0.1', 0.1],
    ['.25', 0.25],
    ['12.5%', 0.125],
    ['100%', 1],
    ['1', 1]
  ])('%j is %d', (raw, v) => expect(parseFraction('canary-weight', raw)).toBe(v))
  it.each(['0', '0%', '-10%', '110%', '10', 'ten', '', '1.5', '%'])('refuses %j', raw => {
    expect(() => parseFraction('canary-weight', raw)).toThrow(InputError)
  })
  it('says a bare number above 1 is read as a fraction', () => {
    expect(() => parseFraction('canary-weight', '10')).toThrow('write "10%" for a percentage')
  })
  it('refuses 100% when the input must stay below it', () => {
    expect(() => parseFraction('canary-weight', '100%', { allowOne: false })).toThrow('below 100%')
  })
})

describe('other parsers', () => {
  it('milliseconds', () => {
    expect(parseMilliseconds('max-latency', '2000ms')).toBe(2000)
    expect(parseMilliseconds('max-latency', '2000')).toBe(2000)
    expect(parseMilliseconds('max-latency', '1.5s')).toBe(1500)
    expect(() => parseMilliseconds('max-latency', 'fast')).toThrow('Input "max-latency" has an invalid value "fast"')
    expect(() => parseMilliseconds('max-latency', '0ms')).toThrow(InputError)
  })
  it('booleans', () => {
    expect(parseBoolean('publish', 'TRUE')).toBe(true)
    expect(parseBoolean('publish', 'false')).toBe(false)
    expect(() => parseBoolean('publish', 'maybe')).toThrow('use "true" or "false"')
  })
  it('lists: commas or lines, trailing separator ok, blanks in the middle refused', () => {
    expect(parseList('alarms', 'a, b\nc\n', 'names')).toEqual(['a', 'b', 'c'])
    expect(parseList('alarms', '', 'names')).toEqual([])
    expect(() => parseList('alarms', 'a,,b', 'names')).toThrow('no blank entries')
    expect(() => parseList('alarms', ', a', 'names')).toThrow(InputError)
  })
  it('formats durations and percentages for people', () => {
    expect(formatDuration(90)).toBe('1m30s')
    expect(formatDuration(3600)).toBe('1h')
    expect(formatDuration(0)).toBe('0s')
    expect(formatPercent(0.1)).toBe('10%')
    expect(formatPercent(0.0125)).toBe('1.25%')
  })
})
