// Builds dist/ from src/: an ESM entry for both the main and post steps, the lazily loaded chunks
// ncc splits off (the AWS SDK is only parsed once inputs are valid), and dist/package.json so Node
// treats them as ESM. ncc minifies only the entry, so esbuild minifies the chunks.
// `npm run bundle`; CI checks that the committed dist/ matches.
import { execFileSync } from 'node:child_process'
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { transformSync } from 'esbuild'

rmSync('dist', { recursive: true, force: true })
execFileSync(
  'npx',
  ['ncc', 'build', 'src/index.ts', '-o', 'dist', '--minify', '--license', 'licenses.txt', '--quiet', '--target', 'es2022'],
  {
    stdio: 'inherit'
  }
)
for (const file of readdirSync('dist').filter(f => /^\d+\.index\.js$/.test(f))) {
  const path = `dist/${file}`
  const { code } = transformSync(readFileSync(path, 'utf8'), { minify: true, format: 'esm', target: 'es2022', legalComments: 'none' })
  writeFileSync(path, code)
}
writeFileSync('dist/package.json', '{ "type": "module" }\n')
