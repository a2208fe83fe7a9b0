// One signal that aborts when any of several does, keeping its sources alive while it is. On Node 20,
// AbortSignal.any holds its sources weakly: an AbortSignal.timeout referenced by nothing else can be collected
// before it fires, and the combined signal then never aborts (a hung GitHub call was never cut off).

const SOURCES = new WeakMap<AbortSignal, readonly AbortSignal[]>()

export function anySignal(signals: readonly AbortSignal[]): AbortSignal {
  const combined = AbortSignal.any([...signals])
  SOURCES.set(combined, signals)
  return combined
}
