// The function the SAM example deploys: a health answer, enough for lambda-canary's smoke test.
export const handler = async () => ({ statusCode: 200, body: JSON.stringify({ ok: true }) })
