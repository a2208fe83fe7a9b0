// AWS errors → the core's error kinds, in words that say what to do: one translation for every Lambda and
// CloudWatch call. A refusal names the IAM action and the README's policy for the mode; missing or rejected
// credentials and a missing region name the set-up that provides them; "not found" names where it looked.
// AWS's own name and message are kept raw (the sinks escape them, see report/hygiene.ts).
import { AliasConflictError, type Location, NotFoundError, TransientError, inLocation } from '../ports.js'

export function errorName(error: unknown): string {
  return error instanceof Error ? error.name : ''
}

function httpStatus(error: unknown): number | undefined {
  const status = (error as { $metadata?: { httpStatusCode?: unknown } } | null | undefined)?.$metadata?.httpStatusCode
  return typeof status === 'number' ? status : undefined
}

/**
 * The AWS set-up the run depends on is missing or refused (no region, no or rejected credentials, an IAM action
 * denied): a retry would be refused the same way, and a write refused this way was not applied.
 */
export class AwsSetupError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options)
    this.name = 'AwsSetupError'
  }
}

/** Where one run's calls go and whom a refusal points at: the region, the account (once known) and the README's policy. */
export class AwsScope {
  private knownAccount: string | undefined

  constructor(
    /** Where the IAM policy for this mode is: a link to the README's section, or its name. */
    readonly policy: string = POLICY_SECTION,
    /** The region the SDK sends to, once resolved. */
    public region?: string,
    account?: string
  ) {
    this.knownAccount = account
  }

  get account(): string | undefined {
    return this.knownAccount
  }

  /** The first account an ARN in AWS's answers or errors shows (the function's own, or the caller's). */
  learn(text: string | undefined): void {
    if (this.knownAccount || !text) return
    this.knownAccount = accountIn(text)
  }

  location(): Location {
    return { ...(this.region ? { region: this.region } : {}), ...(this.knownAccount ? { account: this.knownAccount } : {}) }
  }
}

/** The README section with the policies, for a run outside GitHub (no action repository to link to). */
export const POLICY_SECTION = 'the README\'s section "IAM permissions"'

/** The README's anchors of the IAM policy per mode (its headings "IAM for `mode: …`"). */
export const POLICY_ANCHORS = { deploy: 'iam-for-mode-deploy', plan: 'iam-for-mode-plan', rollback: 'iam-for-mode-rollback' } as const

/**
 * Where the policy for `mode` is: a link into the README of the action's repository at the ref the workflow uses
 * (the runner's GITHUB_ACTION_REPOSITORY and GITHUB_ACTION_REF), else the section's name.
 */
export function policyPointer(mode: keyof typeof POLICY_ANCHORS, env: NodeJS.ProcessEnv): string {
  const repo = env.GITHUB_ACTION_REPOSITORY ?? ''
  const ref = env.GITHUB_ACTION_REF || 'HEAD'
  const words = `the IAM policy for mode: ${mode}`
  if (!/^[\w.-]+\/[\w.-]+$/.test(repo) || !/^[\w./-]+$/.test(ref)) return `${words} in ${POLICY_SECTION}`
  return `${words}: https://github.com/${repo}/blob/${ref}/README.md#${POLICY_ANCHORS[mode]}`
}

/** The 12-digit account of the first ARN in `text` (`arn:aws:lambda:us-east-1:123456789012:…`, `arn:aws:sts::123456789012:…`). */
export function accountIn(text: string): string | undefined {
  return /\barn:aws[a-z-]*:[a-z0-9-]+:[a-z0-9-]*:(\d{12}):/.exec(text)?.[1]
}

/** No region from the aws-region input, function-name's ARN, AWS_REGION, AWS_DEFAULT_REGION or an AWS profile. */
export function noRegion(): string {
  return (
    'no AWS region is set: give the aws-region input (e.g. "us-west-2") or function-name as a full ARN, or set AWS_REGION ' +
    '(aws-actions/configure-aws-credentials sets it from its own aws-region input)'
  )
}

const CONFIGURE_CREDENTIALS =
  'run aws-actions/configure-aws-credentials before this step (role-to-assume and aws-region), with ' +
  '"permissions: id-token: write" on the job for its OIDC token'

/** Lambda's and CloudWatch's answers to credentials that are missing, expired, unknown or badly signed. */
const CREDENTIAL_ERRORS = new Set([
  'CredentialsProviderError',
  'ExpiredToken',
  'ExpiredTokenException',
  'UnrecognizedClientException',
  'InvalidClientTokenId',
  'InvalidSignatureException',
  'SignatureDoesNotMatch',
  'IncompleteSignature',
  'IncompleteSignatureException',
  'MissingAuthenticationToken',
  'MissingAuthenticationTokenException',
  'InvalidAccessKeyId',
  'RequestExpired',
  'AuthFailure'
])

const ACCESS_DENIED = new Set(['AccessDeniedException', 'AccessDenied', 'UnauthorizedOperation', 'AuthorizationError'])

/** No region anywhere: the SDK's own words when neither the client, AWS_REGION nor a profile gives one. */
export function isMissingRegion(error: unknown): boolean {
  return error instanceof Error && /^Region is missing/.test(error.message)
}

/** Missing or refused credentials, in words that name the set-up; undefined for any other error. */
export function credentialsProblem(error: unknown, action?: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const name = errorName(error)
  const message = error instanceof Error ? error.message : String(error)
  const status = httpStatus(error)
  const unsigned = status === 403 && /security token|signature|credential/i.test(message) && !ACCESS_DENIED.has(name)
  if (!CREDENTIAL_ERRORS.has(name) && !/^Could not load credentials/.test(message) && !unsigned) return undefined
  if (name === 'CredentialsProviderError' || /^Could not load credentials/.test(message))
    return `no AWS credentials were found (${name || 'Error'}: ${message})${credentialEnvHint(env)}: ${CONFIGURE_CREDENTIALS}`
  const expired = /expired/i.test(`${name} ${message}`)
  const refresh = expired ? '; its session lasts role-duration-seconds (1h by default), so a longer deployment needs a longer one' : ''
  return `AWS did not accept the credentials${action ? ` for ${action}` : ''} (${name || `HTTP ${status}`}: ${message}): ${CONFIGURE_CREDENTIALS}${refresh}`
}

/** What in the environment steers the SDK's credential chain wrong: half a key pair, or a profile it cannot find. */
export function credentialEnvHint(env: NodeJS.ProcessEnv): string {
  const keyId = Boolean(env.AWS_ACCESS_KEY_ID)
  const secret = Boolean(env.AWS_SECRET_ACCESS_KEY)
  if (keyId !== secret)
    return `; ${keyId ? 'AWS_ACCESS_KEY_ID' : 'AWS_SECRET_ACCESS_KEY'} is set but ${keyId ? 'AWS_SECRET_ACCESS_KEY' : 'AWS_ACCESS_KEY_ID'} is not`
  if (env.AWS_PROFILE)
    return `; AWS_PROFILE is set, so the SDK reads that profile (from ~/.aws/config or AWS_CONFIG_FILE) before anything else: check that it exists, or unset AWS_PROFILE`
  return ''
}

/** The SDK's credential chain failed before any call: the refusal in words, whatever the provider threw. */
export function credentialsNotLoaded(error: unknown): string {
  const named = credentialsProblem(error)
  if (named) return named
  const name = errorName(error) || 'Error'
  return `the AWS credentials could not be loaded (${name}: ${error instanceof Error ? error.message : String(error)}): ${CONFIGURE_CREDENTIALS}`
}

/** What one call was: the IAM action it needs, and the scope of the run. */
export interface AwsCall {
  /** e.g. "lambda:UpdateAlias" */
  action: string
  scope?: AwsScope
}

/**
 * SDK errors → the core's error kinds, keeping AWS's name and message for the report. `what` names the resource
 * ('alias "live" of "my-api"'); `call` the IAM action and the run's scope, for the words of a refusal.
 */
export function translateAwsError(error: unknown, what: string, call?: AwsCall): Error {
  const name = errorName(error)
  const message = error instanceof Error ? error.message : String(error)
  const status = httpStatus(error)
  call?.scope?.learn(message)
  if (name === 'PreconditionFailedException' || status === 412) {
    return new AliasConflictError(`${name || 'PreconditionFailed'} on ${what}: ${message}`)
  }
  if (isMissingRegion(error)) return new AwsSetupError(`${noRegion()} (${message})`, { cause: error })
  const credentials = credentialsProblem(error, call?.action)
  if (credentials) return new AwsSetupError(credentials, { cause: error })
  if (ACCESS_DENIED.has(name) || status === 403) return new AwsSetupError(accessDenied(name, message, what, call), { cause: error })
  if (name === 'ResourceNotFoundException' || status === 404) {
    return new NotFoundError(`${what} was not found${inLocation(call?.scope?.location())} (${name}: ${message})`)
  }
  const throttled = /throttl|toomanyrequests|ratelimit/i.test(name) || status === 429
  if (throttled || (status !== undefined && status >= 500)) {
    return new TransientError(`${name || `HTTP ${status}`} on ${what} after the SDK's retries: ${message}`, { cause: error })
  }
  return error instanceof Error ? error : new Error(message)
}

/** The action AWS names in its refusal ("… is not authorized to perform: lambda:UpdateAlias on resource …"), else the call's. */
function deniedAction(message: string, call: AwsCall | undefined): string | undefined {
  return /not authorized to perform:? ([a-z0-9-]+:[A-Za-z0-9]+)/.exec(message)?.[1] ?? call?.action
}

function accessDenied(name: string, message: string, what: string, call: AwsCall | undefined): string {
  const action = deniedAction(message, call)
  const needs = action ? `the credentials' role needs ${action}` : "the credentials' role lacks a permission"
  const policy = call?.scope?.policy ?? POLICY_SECTION
  return `AWS denied ${action ?? 'the call'} on ${what} (${name || 'HTTP 403'}: ${message}): ${needs}; see ${policy}`
}

/**
 * What an alias write's failure says about the write, decided here once for every write kind:
 * - `conflict`: Lambda refused it for a stale RevisionId (someone else, or our own earlier write behind a lost answer);
 * - `rejected`: Lambda refused it for good (a 4xx such as validation or access denied): not applied, and a retry
 *   would be refused the same way;
 * - `unknown`: anything else — a timeout, a reset connection, a 5xx or throttle after the SDK's retries, an answer
 *   the SDK could not parse (truncated JSON, an HTML page with status 200), an answer without the alias's fields.
 *   The write may have been applied; only reading the alias back can tell.
 */
export type WriteFailure = 'conflict' | 'rejected' | 'unknown'

export function classifyWriteFailure(error: unknown): WriteFailure {
  if (error instanceof AliasConflictError) return 'conflict'
  if (error instanceof NotFoundError || error instanceof AwsSetupError) return 'rejected'
  if (error instanceof TransientError) return 'unknown'
  const status = httpStatus(error)
  // 408 (timeout), 409 (Lambda's ResourceConflictException: an update in progress) and 429 (throttled) mean "later",
  // and say nothing about whether an earlier attempt by the SDK's own retries was applied.
  if (status !== undefined && status >= 400 && status < 500 && ![408, 409, 429].includes(status)) return 'rejected'
  return 'unknown'
}
