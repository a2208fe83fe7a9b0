// Builds dist/ from src/: one ESM bundle per step — dist/main/index.js (src/entry/main.ts) and
// dist/post/index.js (src/entry/post.ts, which cannot deploy: nothing it imports shifts traffic) — each with
// the lazily loaded chunks ncc splits off (the AWS SDK is only parsed once inputs are valid), and
// dist/package.json so Node treats them as ESM. ncc minifies only the entry, so esbuild minifies the chunks.
// `npm run bundle`; CI checks that the committed dist/ matches.
import { execFileSync } from 'node:child_process'
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { transformSync } from 'esbuild'

const ENTRIES = { main: 'src/entry/main.ts', post: 'src/entry/post.ts' }

rmSync('dist', { recursive: true, force: true })
for (const [step, entry] of Object.entries(ENTRIES)) {
  const out = `dist/${step}`
  execFileSync('npx', ['ncc', 'build', entry, '-o', out, '--minify', '--license', 'licenses.txt', '--quiet', '--target', 'es2022'], {
    stdio: 'inherit'
  })
  for (const file of readdirSync(out).filter(f => /^\d+\.index\.js$/.test(f))) {
    const path = `${out}/${file}`
    const { code } = transformSync(readFileSync(path, 'utf8'), { minify: true, format: 'esm', target: 'es2022', legalComments: 'none' })
    writeFileSync(path, code)
  }
}
