// A labelled retry with exponential backoff and jitter, with an injectable sleep and clock: bounded by a number of
// attempts, by a deadline, or both.
import { TransientError } from './ports.js'

export interface RetryOptions {
  /** At most this many attempts; unbounded when left out (then give `deadline`). */
  attempts?: number
  /** No retry starts after this time (epoch ms, by `now`). */
  deadline?: number
  now?: () => number
  baseMs: number
  maxMs: number
  sleep: (ms: number) => Promise<void>
  random?: () => number
  onRetry?: (attempt: number, error: unknown, delayMs: number) => void
  isRetryable?: (error: unknown) => boolean
}

export async function retryWithBackoff<T>(fn: () => Promise<T>, opts: RetryOptions): Promise<T> {
  const retryable = opts.isRetryable ?? ((e: unknown) => e instanceof TransientError)
  const random = opts.random ?? Math.random
  const now = opts.now ?? Date.now
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn()
    } catch (error) {
      if ((opts.attempts !== undefined && attempt >= opts.attempts) || !retryable(error)) throw error
      const delay = backoffMs(attempt, opts.baseMs, opts.maxMs, random)
      if (opts.deadline !== undefined && now() + delay > opts.deadline) throw error
      opts.onRetry?.(attempt, error, delay)
      await opts.sleep(delay)
    }
  }
}

/** Exponential, capped, with "equal jitter": at least half the step, so a deadline-bounded loop always advances. */
export function backoffMs(attempt: number, baseMs: number, maxMs: number, random: () => number): number {
  const step = Math.min(maxMs, baseMs * 2 ** (attempt - 1))
  return Math.round(step / 2 + (random() * step) / 2)
}
