// Typed parsers for input values. Each returns a value or throws InputError naming the input,
// quoting the value and saying what is accepted.

export class InputError extends Error {
  constructor(
    readonly input: string,
    readonly value: string,
    readonly accepted: string
  ) {
    super(`Input "${input}" has an invalid value "${quoted(value)}": ${accepted}`)
    this.name = 'InputError'
  }
}

/** A value as an error quotes it: whole up to QUOTE_LIMIT characters, else its start and how much was left out. */
const QUOTE_LIMIT = 1000

export function quoted(value: string): string {
  return value.length > QUOTE_LIMIT ? `${value.slice(0, QUOTE_LIMIT)}… (${value.length - QUOTE_LIMIT} more characters)` : value
}

const DURATION_UNITS: Record<string, number> = { ms: 0.001, s: 1, m: 60, h: 3600 }

/** "30s", "5m", "1h", "1m30s", "250ms" → seconds. A bare number is refused: units are required. */
export function parseDuration(input: string, raw: string, opts: { allowZero?: boolean; max?: number } = {}): number {
  const value = raw.trim()
  const accepted = `use a number with a unit, e.g. "30s", "5m", "1h" or "1m30s"${opts.allowZero ? ' ("0s" to turn it off)' : ''}`
  if (!/^(\d+(\.\d+)?(ms|s|m|h))+$/i.test(value)) throw new InputError(input, raw, accepted)
  let seconds = 0
  for (const part of value.toLowerCase().matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h)/g)) {
    seconds += Number(part[1]) * (DURATION_UNITS[part[2] as string] as number)
  }
  if (!Number.isFinite(seconds) || (!opts.allowZero && seconds <= 0))
    throw new InputError(input, raw, `${accepted}; it must be more than zero`)
  if (opts.max !== undefined && seconds > opts.max) {
    throw new InputError(input, raw, `${accepted}; at most ${formatDuration(opts.max)}`)
  }
  return seconds
}

/** "10%" or "0.1" → 0.1. Accepts (0, 1]; "0" only when allowZero. */
export function parseFraction(input: string, raw: string, opts: { allowZero?: boolean; allowOne?: boolean } = {}): number {
  const value = raw.trim()
  const accepted = `use a percentage like "10%" or a fraction like "0.1", ${opts.allowZero ? 'from 0' : 'above 0'} and ${opts.allowOne === false ? 'below' : 'up to'} 100%`
  let fraction: number
  const pct = /^(\d+(\.\d+)?)\s*%$/.exec(value)
  if (pct) fraction = Number(pct[1]) / 100
  else if (/^\d*\.?\d+$/.test(value)) fraction = Number(value)
  else throw new InputError(input, raw, accepted)
  if (!Number.isFinite(fraction)) throw new InputError(input, raw, accepted)
  if (!pct && fraction > 1)
    throw new InputError(input, raw, `${accepted} (a bare number is a fraction: write "${value}%" for a percentage)`)
  if (fraction < 0 || fraction > 1 || (!opts.allowZero && fraction === 0) || (opts.allowOne === false && fraction === 1)) {
    throw new InputError(input, raw, accepted)
  }
  return round6(fraction)
}

export function parseNonNegativeInt(input: string, raw: string): number {
  const value = raw.trim()
  if (!/^\d+$/.test(value)) throw new InputError(input, raw, 'use a whole number, 0 or more')
  const n = Number(value)
  if (!Number.isSafeInteger(n)) throw new InputError(input, raw, 'use a whole number, 0 or more')
  return n
}

/** "2000ms", "2s", "2000" (milliseconds) → milliseconds. */
export function parseMilliseconds(input: string, raw: string): number {
  const value = raw.trim()
  const m = /^(\d+(\.\d+)?)\s*(ms|s)?$/i.exec(value)
  const accepted = 'use milliseconds like "2000ms" or "2000", or seconds like "2s"; more than zero'
  if (!m) throw new InputError(input, raw, accepted)
  const ms = Number(m[1]) * ((m[3] ?? 'ms').toLowerCase() === 's' ? 1000 : 1)
  if (!(ms > 0) || !Number.isFinite(ms)) throw new InputError(input, raw, accepted)
  return ms
}

export function parseBoolean(input: string, raw: string): boolean {
  const value = raw.trim().toLowerCase()
  if (['true', 'yes', 'on', '1'].includes(value)) return true
  if (['false', 'no', 'off', '0', ''].includes(value)) return false
  throw new InputError(input, raw, 'use "true" or "false"')
}

export function parseChoice<T extends string>(input: string, raw: string, choices: readonly T[]): T {
  const value = raw.trim().toLowerCase()
  const found = choices.find(c => c.toLowerCase() === value)
  if (!found) throw new InputError(input, raw, `use one of ${choices.map(c => `"${c}"`).join(', ')}`)
  return found
}

/** Items separated by commas or new lines; a blank item (",", "a,,b", "a,") is an error, not skipped silently. */
export function parseList(input: string, raw: string, what: string): string[] {
  // The value as a whole is trimmed, so the trailing newline of a YAML block scalar is not an item.
  if (raw.trim() === '') return []
  const items = raw
    .trim()
    .split(/[,\n]/)
    .map(s => s.trim())
  const blank = items.indexOf('')
  if (blank >= 0) {
    throw new InputError(
      input,
      raw,
      `list ${what}, separated by commas or new lines, with no blank entries (entry ${blank + 1} of ${items.length} is blank)`
    )
  }
  return items
}

export function formatDuration(seconds: number): string {
  if (seconds > 0 && seconds < 1) return `${Math.round(seconds * 1000)}ms`
  const h = Math.floor(seconds / 3600)
  const m = Math.floor((seconds % 3600) / 60)
  const s = Math.round((seconds % 60) * 1000) / 1000
  return [h ? `${h}h` : '', m ? `${m}m` : '', s ? `${s}s` : ''].join('') || '0s'
}

export function formatPercent(fraction: number, digits = 2): string {
  return `${round6(fraction * 100)
    .toFixed(digits)
    .replace(/\.?0+$/, '')}%`
}

function round6(n: number): number {
  return Math.round(n * 1e6) / 1e6
}
