// A labelled retry with exponential backoff and full jitter, with an injectable sleep.
import { TransientError } from './ports.js'

export interface RetryOptions {
  attempts: number
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
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn()
    } catch (error) {
      if (attempt >= opts.attempts || !retryable(error)) throw error
      const delay = Math.round(random() * Math.min(opts.maxMs, opts.baseMs * 2 ** (attempt - 1)))
      opts.onRetry?.(attempt, error, delay)
      await opts.sleep(delay)
    }
  }
}
