// The wall clock behind the Clock port, and the one AbortError every clock rejects with.
import type { Clock } from '../ports.js'

/** What `Clock.sleep` rejects with when its signal aborts: an Error named AbortError, as fetch and the SDK throw. */
export function abortError(): Error {
  const error = new Error('aborted')
  error.name = 'AbortError'
  return error
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise<void>((resolve, reject) => {
      if (signal?.aborted) return reject(abortError())
      const timer = setTimeout(() => {
        signal?.removeEventListener('abort', onAbort)
        resolve()
      }, ms)
      const onAbort = () => {
        clearTimeout(timer)
        reject(abortError())
      }
      signal?.addEventListener('abort', onAbort, { once: true })
    })
}
