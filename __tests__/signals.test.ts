// Found by the attack on issue 12: on Node 20, AbortSignal.any holds its sources weakly, so a combined signal
// whose timeout nothing else referenced never aborted after a garbage collection — a hung GitHub call was never
// cut off. anySignal keeps the sources alive while the combined signal is.
import { describe, expect, it } from '@jest/globals'
import { setTimeout as sleep } from 'node:timers/promises'
import v8 from 'node:v8'
import vm from 'node:vm'
import { anySignal } from '../src/adapters/signals.js'

v8.setFlagsFromString('--expose-gc')
const gc = vm.runInNewContext('gc') as () => void

describe('anySignal', () => {
  it('aborts when its timeout fires, even after a garbage collection in between', async () => {
    const cancel = new AbortController()
    const combined = anySignal([AbortSignal.timeout(200), cancel.signal])
    await sleep(50)
    gc()
    await sleep(400)
    expect(combined.aborted).toBe(true)
  })

  it('aborts at once when any source does', () => {
    const a = new AbortController()
    const combined = anySignal([AbortSignal.timeout(60_000), a.signal])
    a.abort()
    expect(combined.aborted).toBe(true)
  })
})
