/**
 * A small JSON Schema validator covering exactly the keywords sim/scenario.schema.json uses
 * (ajv is not installed and no new dependency may be added). Unknown keywords are rejected so the
 * schema can't silently rely on something this validator ignores.
 */

export type JsonSchema = boolean | { [keyword: string]: unknown }

export interface SchemaError {
  path: string
  message: string
}

const ANNOTATIONS = new Set(['$schema', '$id', '$comment', 'title', 'description', 'default', 'examples', 'definitions', '$defs'])

const SUPPORTED = new Set([
  '$ref',
  'type',
  'properties',
  'patternProperties',
  'additionalProperties',
  'unevaluatedProperties',
  'required',
  'items',
  'minItems',
  'maxItems',
  'enum',
  'const',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'minLength',
  'maxLength',
  'pattern',
  'oneOf',
  'anyOf',
  'allOf',
  'not'
])

interface Result {
  errors: SchemaError[]
  evaluated: Set<string>
}

function typeOf(v: unknown): string {
  if (v === null) return 'null'
  if (Array.isArray(v)) return 'array'
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number'
  return typeof v
}

function typeMatches(expected: string, v: unknown): boolean {
  const t = typeOf(v)
  if (expected === 'number') return t === 'number' || t === 'integer'
  return expected === t
}

function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true
  if (typeof a !== typeof b || a === null || b === null || typeof a !== 'object') return false
  if (Array.isArray(a) !== Array.isArray(b)) return false
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((x, i) => deepEqual(x, b[i]))
  }
  const ao = a as Record<string, unknown>
  const bo = b as Record<string, unknown>
  const ak = Object.keys(ao)
  const bk = Object.keys(bo)
  return ak.length === bk.length && ak.every(k => Object.hasOwn(bo, k) && deepEqual(ao[k], bo[k]))
}

const regexCache = new Map<string, RegExp>()
function regex(p: string): RegExp {
  let r = regexCache.get(p)
  if (!r) {
    r = new RegExp(p, 'u')
    regexCache.set(p, r)
  }
  return r
}

export class SchemaValidator {
  constructor(private readonly root: JsonSchema) {}

  validate(value: unknown): SchemaError[] {
    return this.check(this.root, value, '$').errors
  }

  private resolve(ref: string): JsonSchema {
    if (!ref.startsWith('#')) throw new Error(`Only local $ref supported, got ${ref}`)
    let node: unknown = this.root
    for (const raw of ref
      .slice(1)
      .split('/')
      .filter(s => s.length > 0)) {
      const key = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~')
      if (node === null || typeof node !== 'object' || !(key in (node as object))) {
        throw new Error(`Unresolvable $ref ${ref}`)
      }
      node = (node as Record<string, unknown>)[key]
    }
    return node as JsonSchema
  }

  private check(schema: JsonSchema, v: unknown, path: string): Result {
    const errors: SchemaError[] = []
    const evaluated = new Set<string>()
    if (schema === true) return { errors, evaluated }
    if (schema === false) return { errors: [{ path, message: 'no value allowed here' }], evaluated }
    const s = schema
    for (const k of Object.keys(s)) {
      if (!ANNOTATIONS.has(k) && !SUPPORTED.has(k)) throw new Error(`Unsupported JSON Schema keyword "${k}" at ${path}`)
    }
    const err = (message: string, at = path) => errors.push({ path: at, message })
    const merge = (r: Result) => {
      errors.push(...r.errors)
      for (const k of r.evaluated) evaluated.add(k)
    }

    if (typeof s.$ref === 'string') merge(this.check(this.resolve(s.$ref), v, path))

    if (s.type !== undefined) {
      const types = Array.isArray(s.type) ? (s.type as string[]) : [s.type as string]
      if (!types.some(t => typeMatches(t, v))) {
        err(`expected ${types.join(' or ')}, got ${typeOf(v)}`)
        return { errors, evaluated }
      }
    }
    if (Array.isArray(s.enum) && !s.enum.some(e => deepEqual(e, v))) {
      err(`must be one of ${JSON.stringify(s.enum)}`)
    }
    if ('const' in s && !deepEqual(s.const, v)) err(`must equal ${JSON.stringify(s.const)}`)

    if (typeof v === 'number') {
      if (typeof s.minimum === 'number' && v < s.minimum) err(`must be >= ${s.minimum}`)
      if (typeof s.maximum === 'number' && v > s.maximum) err(`must be <= ${s.maximum}`)
      if (typeof s.exclusiveMinimum === 'number' && v <= s.exclusiveMinimum) err(`must be > ${s.exclusiveMinimum}`)
      if (typeof s.exclusiveMaximum === 'number' && v >= s.exclusiveMaximum) err(`must be < ${s.exclusiveMaximum}`)
    }
    if (typeof v === 'string') {
      if (typeof s.minLength === 'number' && v.length < s.minLength) err(`must have length >= ${s.minLength}`)
      if (typeof s.maxLength === 'number' && v.length > s.maxLength) err(`must have length <= ${s.maxLength}`)
      if (typeof s.pattern === 'string' && !regex(s.pattern).test(v)) err(`must match pattern ${s.pattern}`)
    }
    if (Array.isArray(v)) {
      if (typeof s.minItems === 'number' && v.length < s.minItems) err(`must have at least ${s.minItems} items`)
      if (typeof s.maxItems === 'number' && v.length > s.maxItems) err(`must have at most ${s.maxItems} items`)
      if (s.items !== undefined) {
        for (const [i, item] of v.entries()) errors.push(...this.check(s.items as JsonSchema, item, `${path}[${i}]`).errors)
      }
    }
    if (typeOf(v) === 'object') {
      const o = v as Record<string, unknown>
      if (Array.isArray(s.required)) {
        for (const r of s.required as string[]) if (!(r in o)) err(`missing required property "${r}"`)
      }
      const props = (s.properties ?? {}) as Record<string, JsonSchema>
      const patterns = (s.patternProperties ?? {}) as Record<string, JsonSchema>
      for (const [k, val] of Object.entries(o)) {
        const at = `${path}.${k}`
        let matched = false
        if (Object.hasOwn(props, k)) {
          matched = true
          errors.push(...this.check(props[k] as JsonSchema, val, at).errors)
        }
        for (const [p, ps] of Object.entries(patterns)) {
          if (regex(p).test(k)) {
            matched = true
            errors.push(...this.check(ps, val, at).errors)
          }
        }
        if (matched) evaluated.add(k)
        else if (s.additionalProperties !== undefined) {
          evaluated.add(k)
          if (s.additionalProperties === false) err(`unknown property "${k}"`, at)
          else errors.push(...this.check(s.additionalProperties as JsonSchema, val, at).errors)
        }
      }
    }

    if (Array.isArray(s.allOf)) for (const sub of s.allOf as JsonSchema[]) merge(this.check(sub, v, path))
    if (Array.isArray(s.anyOf)) {
      const results = (s.anyOf as JsonSchema[]).map(sub => this.check(sub, v, path))
      const ok = results.filter(r => r.errors.length === 0)
      if (ok.length === 0) err(`must match at least one of anyOf: ${summarize(results)}`)
      for (const r of ok) for (const k of r.evaluated) evaluated.add(k)
    }
    if (Array.isArray(s.oneOf)) {
      const results = (s.oneOf as JsonSchema[]).map(sub => this.check(sub, v, path))
      const ok = results.filter(r => r.errors.length === 0)
      if (ok.length !== 1) {
        err(ok.length === 0 ? `must match one of oneOf: ${summarize(results)}` : `matches ${ok.length} oneOf branches, expected exactly 1`)
      }
      for (const r of ok) for (const k of r.evaluated) evaluated.add(k)
    }
    if (s.not !== undefined && this.check(s.not as JsonSchema, v, path).errors.length === 0) err('must not match "not" schema')

    if (s.unevaluatedProperties === false && typeOf(v) === 'object') {
      for (const k of Object.keys(v as object)) if (!evaluated.has(k)) err(`unknown property "${k}"`, `${path}.${k}`)
    } else if (s.unevaluatedProperties !== undefined && s.unevaluatedProperties !== false) {
      throw new Error('Only "unevaluatedProperties: false" is supported')
    }
    if (s.unevaluatedProperties === false && typeOf(v) === 'object') {
      for (const k of Object.keys(v as object)) evaluated.add(k)
    }
    return { errors, evaluated }
  }
}

function summarize(results: Result[]): string {
  // The branch with the fewest errors is usually the one that was meant.
  const best = [...results].sort((a, b) => a.errors.length - b.errors.length)[0]
  return best
    ? best.errors
        .slice(0, 3)
        .map(e => `${e.path}: ${e.message}`)
        .join('; ')
    : ''
}
