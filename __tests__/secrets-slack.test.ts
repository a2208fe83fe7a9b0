// The Slack adapter against local servers: Slack's reply is never reported (it may echo the webhook in any form),
// and a redirect is never followed, so the message and its URL never reach another host.
import { afterAll, describe, expect, it } from '@jest/globals'
import { postToSlack } from '../src/adapters/slack.js'
import { type Server, echoForms, serve } from './helpers/secrets.js'

const TOKEN_PART = 'T01ABCDEFGH/B02IJKLMNOP/xoxbS3cr3tW3bh00kT0k3nAAAA'
const SECRET = 'xoxbS3cr3tW3bh00kT0k3nAAAA'
const servers: Server[] = []
afterAll(async () => {
  await Promise.all(servers.map(s => s.close()))
})
const started = async (answer: Parameters<typeof serve>[0]) => {
  const server = await serve(answer)
  servers.push(server)
  return server
}

describe('postToSlack: replies', () => {
  it.each([400, 403, 404, 500, 503])('an HTTP %i reply echoing the webhook in every form is reported by status only', async status => {
    let url = ''
    const slack = await started((_, res) => {
      res.statusCode = status
      const forms = echoForms(url)
      res.end(`invalid_token ${Object.values(forms).join(' ')} ${Object.values(echoForms(TOKEN_PART)).join(' ')}`)
    })
    url = `${slack.url}/services/${TOKEN_PART}`
    const result = await postToSlack(url, { text: 'hi' })
    expect(result.ok).toBe(false)
    expect(result.problem).toMatch(new RegExp(`^Slack answered HTTP ${status} \\([a-zA-Z ,:]+\\)$`))
    expect(result.problem).not.toContain('invalid_token')
    expect(result.problem).not.toContain(SECRET)
    expect(slack.hits).toHaveLength(1)
  })

  it('a 200 reply echoing the webhook is a success with nothing to report', async () => {
    const slack = await started((_, res) => res.end(`ok ${SECRET}`))
    expect(await postToSlack(`${slack.url}/services/${TOKEN_PART}`, { text: 'hi' })).toEqual({ ok: true })
  })
})

describe('postToSlack: redirects', () => {
  it.each([301, 302, 303, 307, 308])('an HTTP %i is a failure naming the status; its target gets no request', async status => {
    const target = await started((_, res) => res.end('ok'))
    const slack = await started((_, res) => {
      res.statusCode = status
      res.setHeader('location', `${target.url}/services/${TOKEN_PART}`)
      res.end(`moved to ${target.url}/services/${TOKEN_PART}`)
    })
    const result = await postToSlack(`${slack.url}/services/${TOKEN_PART}`, { text: 'hi' })
    expect(result).toEqual({
      ok: false,
      problem: `Slack answered HTTP ${status} (a redirect, not followed: the message was not re-sent to another address)`
    })
    expect(slack.hits).toHaveLength(1)
    expect(target.hits).toHaveLength(0)
  })
})

describe('postToSlack: bounded', () => {
  it('a Slack that never answers is given up after the timeout', async () => {
    const slack = await started(() => {})
    const result = await postToSlack(`${slack.url}/services/${TOKEN_PART}`, { text: 'hi' }, 200)
    expect(result).toEqual({ ok: false, problem: 'Slack did not answer within 0.2s' })
  })

  it('a cancel ends a post in flight', async () => {
    const cancel = new AbortController()
    const slack = await started(() => cancel.abort())
    const result = await postToSlack(`${slack.url}/services/${TOKEN_PART}`, { text: 'hi' }, 60_000, cancel.signal)
    expect(result).toEqual({ ok: false, problem: 'the step was cancelled before Slack answered' })
  })

  it('an unreachable host is reported by its error code, never the URL', async () => {
    const gone = await serve(() => {})
    await gone.close()
    const result = await postToSlack(`${gone.url}/services/${TOKEN_PART}`, { text: 'hi' })
    expect(result).toEqual({ ok: false, problem: 'could not reach Slack (ECONNREFUSED)' })
  })
})
