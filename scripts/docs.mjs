// Generates the README's inputs and outputs tables from action.yml, so they cannot disagree. The Default
// column comes from src/inputs/defaults.ts, the one source of the documented defaults: action.yml's are empty
// so that a value written in the workflow always wins (the action applies the defaults itself).
// `npm run docs` rewrites README.md; `npm run docs -- --check` exits 1 when README.md is stale.
import { readFileSync, writeFileSync } from 'node:fs'
import { parse } from 'yaml'

/** `defaults`: the documented default by input name (DEFAULTS); an input without one shows an empty cell. */
export function renderTables(actionYml, defaults) {
  const action = parse(actionYml)
  const cell = text =>
    String(text ?? '')
      .replace(/\s+/g, ' ')
      .trim()
      .replace(/\|/g, '\\|')
  const inputs = [
    '| Input | Default | Description |',
    '| --- | --- | --- |',
    ...Object.entries(action.inputs).map(
      ([name, i]) =>
        `| \`${name}\`${i.required ? ' (required)' : ''} | ${defaults[name] ? `\`${cell(defaults[name])}\`` : ''} | ${cell(i.description)} |`
    )
  ].join('\n')
  const outputs = [
    '| Output | Description |',
    '| --- | --- |',
    ...Object.entries(action.outputs).map(([name, o]) => `| \`${name}\` | ${cell(o.description)} |`)
  ].join('\n')
  return { inputs, outputs }
}

export function renderReadme(readme, actionYml, defaults) {
  const { inputs, outputs } = renderTables(actionYml, defaults)
  const replace = (text, marker, table) => {
    const re = new RegExp(`(<!-- ${marker}:start -->)[\\s\\S]*?(<!-- ${marker}:end -->)`)
    if (!re.test(text)) throw new Error(`README.md has no <!-- ${marker}:start --> … <!-- ${marker}:end --> block`)
    return text.replace(re, (_, start, end) => `${start}\n${table}\n${end}`)
  }
  return replace(replace(readme, 'inputs', inputs), 'outputs', outputs)
}

if (import.meta.url === `file://${process.argv[1]}`) {
  // The defaults are TypeScript; tsx (a devDependency) loads them without a build.
  const { tsImport } = await import('tsx/esm/api')
  const { DEFAULTS } = await tsImport('../src/inputs/defaults.ts', import.meta.url)
  const readme = readFileSync('README.md', 'utf8')
  const next = renderReadme(readme, readFileSync('action.yml', 'utf8'), DEFAULTS)
  if (process.argv.includes('--check')) {
    if (next !== readme) {
      console.error('README.md inputs/outputs tables differ from action.yml and src/inputs/defaults.ts: run npm run docs')
      process.exit(1)
    }
    console.log('README.md tables match action.yml and src/inputs/defaults.ts')
  } else {
    writeFileSync('README.md', next)
    console.log(next === readme ? 'README.md already up to date' : 'README.md tables regenerated from action.yml')
  }
}
