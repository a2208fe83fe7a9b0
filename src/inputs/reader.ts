// What every reader under src/inputs/ is given: one input by its name and a YAML parser (files: paths.ts).

/** One input's value by its name ('' when not given). */
export type InputReader = (name: string) => string

/** Parses YAML. The entry point loads the yaml library only when an input needs it, to keep start-up fast. */
export type YamlParser = (text: string) => unknown

/** JSON is YAML too; without the yaml library only the JSON form can be read. */
export function parseJsonOnly(text: string): unknown {
  return JSON.parse(text)
}
