// Builds dist/ from src/: one ESM bundle per step — dist/main/index.js (src/entry/main.ts) and
// dist/post/index.js (src/entry/post.ts, which cannot deploy: nothing it imports shifts traffic) — each with
// the lazily loaded chunks ncc splits off (the AWS SDK is only parsed once inputs are valid), and
// dist/package.json so Node treats them as ESM. Not minified: users read what runs with their deploy
// credentials, and stack traces name real functions (README, "Bundle benchmark").
// `npm run bundle`; CI checks that the committed dist/ matches.
import { execFileSync } from 'node:child_process'
import { rmSync } from 'node:fs'

const ENTRIES = { main: 'src/entry/main.ts', post: 'src/entry/post.ts' }

rmSync('dist', { recursive: true, force: true })
for (const [step, entry] of Object.entries(ENTRIES)) {
  const out = `dist/${step}`
  execFileSync('npx', ['ncc', 'build', entry, '-o', out, '--license', 'licenses.txt', '--quiet', '--target', 'es2022'], {
    stdio: 'inherit'
  })
}
