// Found by the attack on issue 12's output hygiene: a 1 MB outside string erased the job summary; bare URLs and
// @channel from outside became links and mentions (summary, Slack without verbatim); bidi overrides and zero-width
// characters got through every sink; the timeline output carried `##[` raw; a lone CR was deleted.
import { describe, expect, it } from '@jest/globals'
import { commandFreeJson } from '../src/report/outputs.js'
import { FIELD_LIMIT, logText, markdownText, outputText, slackText } from '../src/report/hygiene.js'

const RTL = 'safe \u202Etxet\u202C zero\u200Bwidth \u2066iso\u2069 \uFEFFbom'

describe('hygiene: what the attack found', () => {
  it('bidirectional overrides and zero-width characters are removed from every sink', () => {
    for (const out of [logText(RTL), markdownText(RTL), slackText(RTL), outputText(RTL)]) {
      expect(out).not.toMatch(/[\u200B-\u200F\u202A-\u202E\u2066-\u2069\uFEFF]/)
      expect(out).toContain('txet')
    }
  })

  it('bare URLs, www. and @channel/@here/@everyone from outside are no links or mentions in the summary and Slack', () => {
    const text = 'see https://evil.example/phish or www.evil.com @channel @here @everyone'
    for (const out of [markdownText(text), slackText(text)]) {
      expect(out).not.toMatch(/https:\/\/|www\.|@channel|@here|@everyone/)
      expect(out.replace(/\u200B/g, '')).toContain('https://evil.example/phish')
    }
  })

  it('one external field is at most FIELD_LIMIT characters in the log and the summary, saying how much was left out', () => {
    const huge = 'x'.repeat(1024 * 1024)
    expect(logText(huge).length).toBeLessThan(FIELD_LIMIT + 100)
    expect(markdownText(huge)).toContain(`(${1024 * 1024 - FIELD_LIMIT} more characters)`)
  })

  it('a lone CR shows as a line break in the summary, not deleted', () => {
    expect(markdownText('B\rC')).toBe('B<br>C')
  })

  it('the timeline JSON holds no `##[` or `::` and no line separator raw, and parses to the same values', () => {
    const value = { reason: 'a ##[error]x ::add-mask::s arn:aws:s3:::b \u2028 \u2029 \u0085 end' }
    const json = commandFreeJson(JSON.stringify(value))
    expect(json).not.toMatch(/##\[|::|[\u2028\u2029\u0085]/)
    expect(JSON.parse(json)).toEqual(value)
  })
})
