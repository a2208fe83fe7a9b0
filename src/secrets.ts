// Secrets: every form in which the Slack webhook URL or the GitHub token could reach a log. The runner masks
// only the exact strings it is given, so each encoded form is registered too; forms are pure values here and
// masked by main.ts before anything else runs.
import { Inputs, SECRET_INPUTS } from './constants.js'

/** A derived form (a path segment, an encoding) shorter than this is not masked: it would blank out common text. */
export const MIN_DERIVED_LENGTH = 8

/** Percent-encodings in both cases: a server may echo either (`%2F` or `%2f`). */
function urlEncoded(value: string): string[] {
  const upper = encodeURIComponent(value)
  return [upper, upper.replace(/%[0-9A-F]{2}/g, hex => hex.toLowerCase())]
}

/** JSON string escapes: JSON.stringify's own, and the `\/` many JSON encoders write for every slash. */
function jsonEscaped(value: string): string[] {
  const escaped = JSON.stringify(value).slice(1, -1)
  return [escaped, escaped.replaceAll('/', '\\/')]
}

/** A value as it may be echoed back: raw, URL-encoded, JSON-escaped, and JSON-escaped inside URL-encoded. */
export function encodedForms(value: string): string[] {
  return [value, ...urlEncoded(value), ...jsonEscaped(value), ...jsonEscaped(value).flatMap(urlEncoded)]
}

/**
 * The secret parts of a webhook URL: the path and query (for Slack, `/services/T…/B…/secret`), the token after
 * the first path segment (`T…/B…/secret`), and each of its segments on its own. A value that is not a URL is
 * split into words, each masked whole and, when it holds a path, by its token parts.
 */
export function webhookTokenParts(raw: string): string[] {
  try {
    const url = new URL(raw)
    const query = url.search.slice(1)
    return [`${url.pathname}${url.search}`, ...tokenParts(url.pathname), ...(query ? [query] : []), ...(url.password ? [url.password] : [])]
  } catch {
    return raw.split(/\s+/).flatMap(word => (word.includes('/') ? [word, ...tokenParts(word)] : [word]))
  }
}

/** Slack's webhook paths are `/services/…`, `/triggers/…` or `/workflows/…`: the token is what follows. */
const TOKEN_AFTER = new Set(['services', 'triggers', 'workflows'])

function tokenParts(path: string): string[] {
  const segments = path.split('/').filter(s => s !== '')
  const marker = segments.findIndex(s => TOKEN_AFTER.has(s))
  const token = segments.slice(marker >= 0 ? marker + 1 : 1)
  return token.length === 0 ? [] : [token.join('/'), ...token]
}

/** Every string to mask for the webhook URL: the URL and its token parts, each in all its encoded forms. */
export function webhookMasks(raw: string): string[] {
  const value = raw.trim()
  if (value === '') return []
  const derived = [value, ...webhookTokenParts(value)].flatMap(encodedForms)
  return unique([value, ...derived.filter(form => form.length >= MIN_DERIVED_LENGTH)])
}

/**
 * Every string to mask for the GitHub token: the token in its encoded forms, and the Base64 of the token and
 * of the `x-access-token:` basic credentials git and some clients send (an echoed Authorization header).
 */
export function tokenMasks(raw: string): string[] {
  const value = raw.trim()
  if (value === '') return []
  const base64 = [value, `x-access-token:${value}`].map(v => Buffer.from(v, 'utf8').toString('base64'))
  const derived = [...encodedForms(value), ...base64]
  return unique([value, ...derived.filter(form => form.length >= MIN_DERIVED_LENGTH)])
}

/** Longest first, so a log line is masked by the widest form that matches. */
function unique(forms: string[]): string[] {
  return [...new Set(forms)].sort((a, b) => b.length - a.length)
}

const FORMS: Record<(typeof SECRET_INPUTS)[number], (raw: string) => string[]> = {
  [Inputs.SlackWebhookUrl]: webhookMasks,
  [Inputs.GithubToken]: tokenMasks
}

/** Every string to mask, over every secret input, read with `read` (core.getInput in the step). */
export function secretMasks(read: (name: string) => string): string[] {
  return SECRET_INPUTS.flatMap(name => FORMS[name](read(name)))
}
