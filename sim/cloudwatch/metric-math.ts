/**
 * Minimal CloudWatch metric math: + - * / and parentheses over query ids and numbers
 * (e.g. "100 * errors / invocations"). Time series combine point-wise on their common timestamps;
 * non-finite results (division by zero) are dropped. Functions (FILL, METRICS, SEARCH, ...) are not
 * supported and raise an error.
 */

export type Series = Map<number, number>
export type Value = number | Series

type Token = { kind: 'num'; value: number } | { kind: 'id'; name: string } | { kind: 'op'; op: string }

export class ExpressionError extends Error {}

function tokenize(src: string): Token[] {
  const out: Token[] = []
  let i = 0
  while (i < src.length) {
    const c = src[i] as string
    if (/\s/.test(c)) {
      i++
      continue
    }
    if ('+-*/()'.includes(c)) {
      out.push({ kind: 'op', op: c })
      i++
      continue
    }
    const num = /^(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?/.exec(src.slice(i))
    if (num) {
      out.push({ kind: 'num', value: Number(num[0]) })
      i += num[0].length
      continue
    }
    const id = /^[a-zA-Z_][a-zA-Z0-9_]*/.exec(src.slice(i))
    if (id) {
      const name = id[0]
      if (
        src
          .slice(i + name.length)
          .trimStart()
          .startsWith('(')
      ) {
        throw new ExpressionError(`function ${name}() is not supported by the simulator (only + - * / and parentheses)`)
      }
      out.push({ kind: 'id', name })
      i += name.length
      continue
    }
    throw new ExpressionError(`unexpected character '${c}' at ${i}`)
  }
  return out
}

function combine(a: Value, b: Value, f: (x: number, y: number) => number): Value {
  if (typeof a === 'number' && typeof b === 'number') return f(a, b)
  const out: Series = new Map()
  if (typeof a === 'number') {
    for (const [t, y] of b as Series) out.set(t, f(a, y))
  } else if (typeof b === 'number') {
    for (const [t, x] of a) out.set(t, f(x, b))
  } else {
    for (const [t, x] of a) {
      const y = b.get(t)
      if (y !== undefined) out.set(t, f(x, y))
    }
  }
  for (const [t, v] of out) if (!Number.isFinite(v)) out.delete(t)
  return out
}

/** Evaluate `src`; `lookup(id)` returns the referenced query's series. */
export function evaluate(src: string, lookup: (id: string) => Series): Value {
  const tokens = tokenize(src)
  let pos = 0
  const peek = () => tokens[pos]
  const isOp = (op: string) => {
    const t = peek()
    return t !== undefined && t.kind === 'op' && t.op === op
  }
  const expr = (): Value => {
    let v = term()
    while (isOp('+') || isOp('-')) {
      const op = (tokens[pos++] as { op: string }).op
      const r = term()
      v = combine(v, r, op === '+' ? (x, y) => x + y : (x, y) => x - y)
    }
    return v
  }
  const term = (): Value => {
    let v = factor()
    while (isOp('*') || isOp('/')) {
      const op = (tokens[pos++] as { op: string }).op
      const r = factor()
      v = combine(v, r, op === '*' ? (x, y) => x * y : (x, y) => x / y)
    }
    return v
  }
  const factor = (): Value => {
    const t = tokens[pos++]
    if (!t) throw new ExpressionError('unexpected end of expression')
    if (t.kind === 'num') return t.value
    if (t.kind === 'id') return lookup(t.name)
    if (t.op === '(') {
      const v = expr()
      if (!isOp(')')) throw new ExpressionError('missing )')
      pos++
      return v
    }
    if (t.op === '-') return combine(-1, factor(), (x, y) => x * y)
    throw new ExpressionError(`unexpected '${t.op}'`)
  }
  const v = expr()
  if (pos !== tokens.length) throw new ExpressionError('unexpected trailing input')
  return v
}
