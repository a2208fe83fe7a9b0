// Generates the README's inputs and outputs tables from action.yml, so they cannot disagree.
// `npm run docs` rewrites README.md; `npm run docs -- --check` exits 1 when README.md is stale.
import { readFileSync, writeFileSync } from 'node:fs'
import { parse } from 'yaml'

export function renderTables(actionYml) {
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
        `| \`${name}\`${i.required ? ' (required)' : ''} | ${i.default === undefined || i.default === '' ? '' : `\`${cell(i.default)}\``} | ${cell(i.description)} |`
    )
  ].join('\n')
  const outputs = [
    '| Output | Description |',
    '| --- | --- |',
    ...Object.entries(action.outputs).map(([name, o]) => `| \`${name}\` | ${cell(o.description)} |`)
  ].join('\n')
  return { inputs, outputs }
}

export function renderReadme(readme, actionYml) {
  const { inputs, outputs } = renderTables(actionYml)
  const replace = (text, marker, table) => {
    const re = new RegExp(`(<!-- ${marker}:start -->)[\\s\\S]*?(<!-- ${marker}:end -->)`)
    if (!re.test(text)) throw new Error(`README.md has no <!-- ${marker}:start --> … <!-- ${marker}:end --> block`)
    return text.replace(re, (_, start, end) => `${start}\n${table}\n${end}`)
  }
  return replace(replace(readme, 'inputs', inputs), 'outputs', outputs)
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const readme = readFileSync('README.md', 'utf8')
  const next = renderReadme(readme, readFileSync('action.yml', 'utf8'))
  if (process.argv.includes('--check')) {
    if (next !== readme) {
      console.error('README.md inputs/outputs tables differ from action.yml: run npm run docs')
      process.exit(1)
    }
    console.log('README.md tables match action.yml')
  } else {
    writeFileSync('README.md', next)
    console.log(next === readme ? 'README.md already up to date' : 'README.md tables regenerated from action.yml')
  }
}
