// Where lambda-canary records what a deployment replaced: a marker at the end of the alias's own
// description, visible in the console and readable with lambda:GetAlias, so no extra permission or
// storage is needed. The user's own description text is kept in front of it.

const MARKER = /\s*\[lambda-canary previous=(\d+) current=(\d+) at=([^\]\s]+)\]\s*$/
/** Lambda's limit for an alias description. */
const MAX_DESCRIPTION = 256

export interface HistoryRecord {
  previous: string
  current: string
  at: string
}

export function readHistory(description: string | undefined): HistoryRecord | undefined {
  const m = MARKER.exec(description ?? '')
  return m ? { previous: m[1] as string, current: m[2] as string, at: m[3] as string } : undefined
}

/** The description with the marker replaced; the user's text is shortened only if the limit forces it. */
export function withHistory(description: string | undefined, record: HistoryRecord): string {
  const own = (description ?? '').replace(MARKER, '')
  const marker = `[lambda-canary previous=${record.previous} current=${record.current} at=${record.at}]`
  const room = MAX_DESCRIPTION - marker.length - 1
  const kept = own.length > room ? `${own.slice(0, Math.max(0, room - 1))}…` : own
  return kept === '' ? marker : `${kept} ${marker}`
}
