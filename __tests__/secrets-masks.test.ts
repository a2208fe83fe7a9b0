// Secret masking: every form of the webhook URL, its token and the GitHub token is registered with the runner,
// first, and the runner's exact-string masking then hides each echo form.
import { afterEach, describe, expect, it, jest } from '@jest/globals'
import { MIN_DERIVED_LENGTH, secretMasks, tokenMasks, webhookMasks } from '../src/secrets.js'
import { addMasks, echoForms, runnerMask } from './helpers/secrets.js'

const TOKEN_PART = 'T01ABCDEFGH/B02IJKLMNOP/xoxbS3cr3tW3bh00kT0k3nAAAA'
const WEBHOOK = `https://hooks.slack.com/services/${TOKEN_PART}`
const SEGMENTS = TOKEN_PART.split('/')
const GITHUB_TOKEN = 'ghs_d3pl0ymentT0kenN0tToBeSh0wn'

describe('webhookMasks', () => {
  const masks = webhookMasks(WEBHOOK)

  it('registers the URL, its path, the token part and each segment, raw, URL-encoded and JSON-escaped', () => {
    for (const value of [WEBHOOK, `/services/${TOKEN_PART}`, TOKEN_PART, ...SEGMENTS])
      for (const form of Object.values(echoForms(value))) expect(masks).toContain(form)
  })

  it.each(Object.entries(echoForms(WEBHOOK)))('an echo of the URL (%s) in a reply is masked to the last segment', (_, echo) => {
    const reply = `{"error":"invalid_token","url":"${echo}","path":"${echoForms(TOKEN_PART).urlEncoded}"}`
    const masked = runnerMask(reply, masks)
    for (const secret of [...SEGMENTS, ...SEGMENTS.map(s => encodeURIComponent(s))]) expect(masked).not.toContain(secret)
    expect(masked).toContain('invalid_token')
  })

  it('does not mask the host, the scheme or the "services" segment, which would blank common words in the log', () => {
    expect(masks).not.toContain('hooks.slack.com')
    expect(masks).not.toContain('services')
    expect(masks.filter(m => m !== WEBHOOK).every(m => m.length >= MIN_DERIVED_LENGTH)).toBe(true)
  })

  it('masks a value that is not a URL by its words and its token parts', () => {
    const malformed = webhookMasks(`not a url /services/${TOKEN_PART}`)
    for (const value of [TOKEN_PART, ...SEGMENTS]) expect(malformed).toContain(value)
    expect(malformed).not.toContain('not')
  })

  it('masks the query of a webhook that carries its token there, and nothing for an empty input', () => {
    expect(webhookMasks('https://example.com/hook?token=abcdefgh12345678')).toContain('token=abcdefgh12345678')
    expect(webhookMasks('  ')).toEqual([])
  })
})

describe('tokenMasks', () => {
  it('registers the token raw and as Base64, alone and as x-access-token basic credentials', () => {
    const masks = tokenMasks(GITHUB_TOKEN)
    expect(masks).toContain(GITHUB_TOKEN)
    expect(masks).toContain(Buffer.from(GITHUB_TOKEN).toString('base64'))
    expect(masks).toContain(Buffer.from(`x-access-token:${GITHUB_TOKEN}`).toString('base64'))
    const header = `authorization: basic ${Buffer.from(`x-access-token:${GITHUB_TOKEN}`).toString('base64')}`
    expect(runnerMask(header, masks)).toBe('authorization: basic ***')
  })

  it('registers the JSON-escaped and URL-encoded forms of a token with characters that change under them', () => {
    const odd = 'pat/with"quote+plus'
    const masks = tokenMasks(odd)
    for (const form of Object.values(echoForms(odd))) expect(masks).toContain(form)
  })
})

describe('the main step', () => {
  const env = { ...process.env }
  afterEach(() => {
    process.env = { ...env }
    process.exitCode = undefined
  })

  it('registers every form with ::add-mask:: before it prints anything else', async () => {
    process.env['INPUT_SLACK-WEBHOOK-URL'] = WEBHOOK
    process.env['INPUT_GITHUB-TOKEN'] = GITHUB_TOKEN
    process.env['INPUT_FUNCTION-NAME'] = '' // bad input: the step stops before any AWS call
    delete process.env.GITHUB_STEP_SUMMARY
    delete process.env.GITHUB_OUTPUT
    const written: string[] = []
    const spy = jest.spyOn(process.stdout, 'write').mockImplementation(chunk => {
      written.push(String(chunk))
      return true
    })
    try {
      const { run } = await import('../src/main.js')
      await run({ signal: new AbortController().signal, cancelledAt: () => undefined, received: () => [] })
    } finally {
      spy.mockRestore()
    }
    const stdout = written.join('')
    const expected = secretMasks(name => (name === 'slack-webhook-url' ? WEBHOOK : GITHUB_TOKEN))
    expect(addMasks(stdout).sort()).toEqual([...expected].sort())
    const lines = stdout.split('\n').filter(l => l !== '')
    const firstOther = lines.findIndex(l => !l.startsWith('::add-mask::'))
    expect(firstOther).toBe(expected.length)
    expect(lines.slice(firstOther).some(l => l.startsWith('::error::'))).toBe(true)
  })
})
