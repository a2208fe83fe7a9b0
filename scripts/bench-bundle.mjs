// Bundle benchmark: the size of the main step's bundle (dist/main/), and the time `node dist/main/index.js`
// takes to start and exit on a missing required input, as a ratio against a bare `node -e 0` measured in the same run.
// Timings here are noisy, so the claim is the ratio of medians, not seconds. `npm run bench:bundle`.
import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const runs = Number(process.argv[2] ?? 15)
const ENTRY = 'dist/main/index.js'
if (!existsSync(ENTRY)) {
  console.error(`${ENTRY} is missing: run npm run bundle first`)
  process.exit(1)
}
const tmp = mkdtempSync(join(tmpdir(), 'bench-bundle-'))
const env = { PATH: process.env.PATH, GITHUB_OUTPUT: join(tmp, 'out'), GITHUB_STATE: join(tmp, 'state') }

function time(args, expectExit) {
  const samples = []
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint()
    const r = spawnSync(process.execPath, args, { env, encoding: 'utf8' })
    samples.push(Number(process.hrtime.bigint() - start) / 1e6)
    if (r.status !== expectExit)
      throw new Error(`node ${args.join(' ')} exited ${r.status}, expected ${expectExit}: ${r.stdout}${r.stderr}`)
  }
  samples.sort((a, b) => a - b)
  return samples[Math.floor(samples.length / 2)]
}

// Interleave warm-up runs so both measurements see the same disk cache.
time(['-e', '0'], 0)
time([ENTRY], 1)
const bare = time(['-e', '0'], 0)
const action = time([ENTRY], 1)
const bytes = statSync(ENTRY).size
// ncc splits the lazily loaded AWS SDK into chunk files; the main step's whole bundle is all of them.
const totalBytes = readdirSync('dist/main')
  .filter(f => f.endsWith('.js'))
  .reduce((sum, f) => sum + statSync(join('dist/main', f)).size, 0)
rmSync(tmp, { recursive: true, force: true })

const result = {
  bundleBytes: bytes,
  bundleMiB: Math.round((bytes / 1024 / 1024) * 100) / 100,
  allChunksBytes: totalBytes,
  allChunksMiB: Math.round((totalBytes / 1024 / 1024) * 100) / 100,
  runs,
  bareNodeMedianMs: Math.round(bare * 10) / 10,
  actionMedianMs: Math.round(action * 10) / 10,
  startupRatio: Math.round((action / bare) * 100) / 100
}
console.log(JSON.stringify(result, null, 2))
console.log(
  `entry ${result.bundleMiB} MiB, whole bundle ${result.allChunksMiB} MiB (aim < 1.5 MB); start-up ${result.startupRatio}× a bare node (aim < 3×)`
)
