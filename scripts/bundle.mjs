// Builds dist/ from src/: one ESM file for both the main and post steps, plus dist/package.json
// so Node treats it as ESM. `npm run bundle`; CI checks that the committed dist/ matches.
import { execFileSync } from 'node:child_process'
import { rmSync, writeFileSync } from 'node:fs'

rmSync('dist', { recursive: true, force: true })
execFileSync('npx', ['ncc', 'build', 'src/index.ts', '-o', 'dist', '--minify', '--license', 'licenses.txt', '--quiet', '--target', 'es2022'], {
  stdio: 'inherit'
})
writeFileSync('dist/package.json', '{ "type": "module" }\n')
