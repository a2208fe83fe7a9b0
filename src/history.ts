// What lambda-canary keeps in the alias's own description: one marker after the user's text, visible in the
// console and readable with lambda:GetAlias (no extra permission or storage), and written by the same guarded
// UpdateAlias that moves the traffic — so a run's mark on the alias can never disagree with its routing.
// The marker holds the last release (previous, current, at, rolled-back) and, while a run holds the alias,
// its mark (run, job, repo, until, phase). The user's text is kept byte for byte and never shortened: a
// description that leaves no room for the marker is refused before any write (see roomProblem).

/** Lambda's limit for an alias description. */
export const MAX_DESCRIPTION = 256
const MARKER = /(?:^| )\[lambda-canary((?: [a-z-]+=[^\s\]]+)*)\]$/

export interface HistoryRecord {
  previous: string
  current: string
  at: string
  /** When `current` was rolled back to `previous` by mode: rollback. */
  rolledBack?: string
}

/** Who holds the alias: the GitHub run (id.attempt.nonce), its job and its repository (name only). */
export interface Owner {
  run: string
  job: string
  repo: string
}

/** A run's claim on the alias while it moves traffic; another run leaves the alias alone until `until`. */
export interface Mark {
  owner: Owner
  /** ISO time after which the mark is expired (the run died without clearing it). */
  until: string
  /** shifting: traffic is split; final-bake: promoted, not yet done (the final bake, hooks, the lockstep). */
  phase: 'shifting' | 'final-bake'
}

export interface AliasRecord {
  /** The user's own text, exactly as they wrote it. */
  text: string
  history?: HistoryRecord
  mark?: Mark
}

export function parseDescription(description: string | undefined): AliasRecord {
  const whole = description ?? ''
  const m = MARKER.exec(whole)
  if (!m) return { text: whole }
  const fields = new Map<string, string>()
  for (const pair of (m[1] ?? '').trim().split(' ').filter(Boolean)) {
    const eq = pair.indexOf('=')
    fields.set(pair.slice(0, eq), pair.slice(eq + 1))
  }
  const get = (k: string) => fields.get(k)
  const record: AliasRecord = { text: whole.slice(0, m.index) }
  const [previous, current, at, rolledBack] = [get('previous'), get('current'), get('at'), get('rolled-back')]
  if (previous && current && at) record.history = { previous, current, at, ...(rolledBack ? { rolledBack } : {}) }
  const [run, job, repo, until, phase] = [get('run'), get('job'), get('repo'), get('until'), get('phase')]
  if (run && job && repo && until && (phase === 'shifting' || phase === 'final-bake'))
    record.mark = { owner: { run, job, repo }, until, phase }
  return record
}

export function formatDescription(record: AliasRecord): string {
  const fields: string[] = []
  const { history: h, mark } = record
  if (h)
    fields.push(`previous=${h.previous}`, `current=${h.current}`, `at=${h.at}`, ...(h.rolledBack ? [`rolled-back=${h.rolledBack}`] : []))
  if (mark)
    fields.push(`run=${mark.owner.run}`, `job=${mark.owner.job}`, `repo=${mark.owner.repo}`, `until=${mark.until}`, `phase=${mark.phase}`)
  if (fields.length === 0) return record.text
  const marker = `[lambda-canary ${fields.join(' ')}]`
  return record.text === '' ? marker : `${record.text} ${marker}`
}

export function readHistory(description: string | undefined): HistoryRecord | undefined {
  return parseDescription(description).history
}

/** The description with the history replaced (and any mark dropped); the user's text untouched. */
export function withHistory(description: string | undefined, history: HistoryRecord): string {
  return formatDescription({ text: parseDescription(description).text, history })
}

/** The description without a run's mark: the user's text and the history as they were. */
export function withoutMark(description: string | undefined): string {
  const { mark: _, ...rest } = parseDescription(description)
  return formatDescription(rest)
}

/** A timestamp as the marker writes it: ISO 8601 to the second. */
export function stamp(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z')
}

export function isLive(mark: Mark, now: number): boolean {
  const until = Date.parse(mark.until)
  return Number.isFinite(until) && until > now
}

export function sameOwner(a: Owner, b: Owner | undefined): boolean {
  return b !== undefined && a.run === b.run && a.job === b.job && a.repo === b.repo
}

/** The run in words, for a message: `run 123 attempt 1 (job "deploy", repository "app")`. */
export function describeOwner(owner: Owner): string {
  const [id, attempt] = owner.run.split('.')
  return `run ${id}${attempt ? ` attempt ${attempt}` : ''} (job "${owner.job}", repository "${owner.repo}")`
}

/** Marker-safe identity: [A-Za-z0-9._-] only, at most 24 characters (the run id keeps it unique). */
const token = (value: string | undefined, fallback: string) => (value || fallback).replace(/[^A-Za-z0-9._-]/g, '_').slice(0, 24)

/** This run's identity from the runner's variables; `nonce` tells apart matrix legs of one job. */
export function ownerFromEnv(env: NodeJS.ProcessEnv, nonce: string): Owner {
  return {
    run: `${token(env.GITHUB_RUN_ID, 'local')}.${token(env.GITHUB_RUN_ATTEMPT, '1')}.${token(nonce, 'x')}`,
    job: token(env.GITHUB_JOB, 'local'),
    repo: token(env.GITHUB_REPOSITORY?.split('/').pop(), 'local')
  }
}

/**
 * Undefined when the user's text leaves room for the longest marker this run can write (`longest`), else why
 * not — said before any write, since lambda-canary never cuts the user's words.
 */
export function roomProblem(alias: string, description: string | undefined, longest: AliasRecord): string | undefined {
  const text = parseDescription(description).text
  const needed = formatDescription({ ...longest, text: 'x' }).length - 1
  if (text.length + needed <= MAX_DESCRIPTION) return undefined
  return (
    `alias "${alias}"'s description is ${text.length} characters and lambda-canary's record needs up to ${needed} more, past Lambda's ` +
    `${MAX_DESCRIPTION}-character limit; lambda-canary never cuts your text, so shorten the description to at most ${MAX_DESCRIPTION - needed} characters`
  )
}

/** The longest marker a release between these versions writes: the new history and a final-bake mark. */
export function longestRelease(owner: Owner, oldVersion: string, newVersion: string, now: number): AliasRecord {
  const at = stamp(now)
  return {
    text: '',
    history: { previous: oldVersion, current: newVersion, at, rolledBack: at },
    mark: { owner, until: at, phase: 'final-bake' }
  }
}
