// What every reader under src/inputs/ is given: one input by its name, a YAML parser, files of the repository.
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'

/** One input's value by its name ('' when not given). */
export type InputReader = (name: string) => string

/** Parses YAML. The entry point loads the yaml library only when an input needs it, to keep start-up fast. */
export type YamlParser = (text: string) => unknown

/** JSON is YAML too; without the yaml library only the JSON form can be read. */
export function parseJsonOnly(text: string): unknown {
  return JSON.parse(text)
}

/** A file named relative to the repository: its absolute path, and its text or why it cannot be read. */
export function readWorkspaceFile(
  env: NodeJS.ProcessEnv,
  relative: string
): { path: string; text: string } | { path: string; problem: string } {
  const path = resolve(env.GITHUB_WORKSPACE ?? process.cwd(), relative)
  try {
    return { path, text: readFileSync(path, 'utf8') }
  } catch (e) {
    return { path, problem: (e as NodeJS.ErrnoException).code ?? (e as Error).message }
  }
}
