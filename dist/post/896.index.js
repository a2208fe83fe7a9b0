export const id = 896;
export const ids = [896];
export const modules = {

/***/ 133:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   EH: () => (/* binding */ policyPointer),
/* harmony export */   eJ: () => (/* binding */ AwsScope),
/* harmony export */   l1: () => (/* binding */ accountIn),
/* harmony export */   q4: () => (/* binding */ translateAwsError),
/* harmony export */   wF: () => (/* binding */ classifyWriteFailure)
/* harmony export */ });
/* unused harmony exports errorName, AwsSetupError, POLICY_SECTION, POLICY_ANCHORS, noRegion, isMissingRegion, credentialsProblem, credentialEnvHint, credentialsNotLoaded */
/* harmony import */ var _ports_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6467);
// AWS errors → the core's error kinds, in words that say what to do: one translation for every Lambda and
// CloudWatch call. A refusal names the IAM action and the README's policy for the mode; missing or rejected
// credentials and a missing region name the set-up that provides them; "not found" names where it looked.
// AWS's own name and message are kept raw (the sinks escape them, see report/hygiene.ts).

function errorName(error) {
    return error instanceof Error ? error.name : '';
}
function httpStatus(error) {
    const status = error?.$metadata?.httpStatusCode;
    return typeof status === 'number' ? status : undefined;
}
/**
 * The AWS set-up the run depends on is missing or refused (no region, no or rejected credentials, an IAM action
 * denied): a retry would be refused the same way, and a write refused this way was not applied.
 */
class AwsSetupError extends Error {
    constructor(message, options) {
        super(message, options);
        this.name = 'AwsSetupError';
    }
}
/** Where one run's calls go and whom a refusal points at: the region, the account (once known) and the README's policy. */
class AwsScope {
    policy;
    region;
    knownAccount;
    constructor(
    /** Where the IAM policy for this mode is: a link to the README's section, or its name. */
    policy = POLICY_SECTION, 
    /** The region the SDK sends to, once resolved. */
    region, account) {
        this.policy = policy;
        this.region = region;
        this.knownAccount = account;
    }
    get account() {
        return this.knownAccount;
    }
    /** The first account an ARN in AWS's answers or errors shows (the function's own, or the caller's). */
    learn(text) {
        if (this.knownAccount || !text)
            return;
        this.knownAccount = accountIn(text);
    }
    location() {
        return { ...(this.region ? { region: this.region } : {}), ...(this.knownAccount ? { account: this.knownAccount } : {}) };
    }
}
/** The README section with the policies, for a run outside GitHub (no action repository to link to). */
const POLICY_SECTION = 'the README\'s section "IAM permissions"';
/** The README's anchors of the IAM policy per mode (its headings "IAM for `mode: …`"). */
const POLICY_ANCHORS = { deploy: 'iam-for-mode-deploy', plan: 'iam-for-mode-plan', rollback: 'iam-for-mode-rollback' };
/**
 * Where the policy for `mode` is: a link into the README of the action's repository at the ref the workflow uses
 * (the runner's GITHUB_ACTION_REPOSITORY and GITHUB_ACTION_REF), else the section's name.
 */
function policyPointer(mode, env) {
    const repo = env.GITHUB_ACTION_REPOSITORY ?? '';
    const ref = env.GITHUB_ACTION_REF || 'HEAD';
    const words = `the IAM policy for mode: ${mode}`;
    if (!/^[\w.-]+\/[\w.-]+$/.test(repo) || !/^[\w./-]+$/.test(ref))
        return `${words} in ${POLICY_SECTION}`;
    return `${words}: https://github.com/${repo}/blob/${ref}/README.md#${POLICY_ANCHORS[mode]}`;
}
/** The 12-digit account of the first ARN in `text` (`arn:aws:lambda:us-east-1:123456789012:…`, `arn:aws:sts::123456789012:…`). */
function accountIn(text) {
    return /\barn:aws[a-z-]*:[a-z0-9-]+:[a-z0-9-]*:(\d{12}):/.exec(text)?.[1];
}
/** No region from the aws-region input, function-name's ARN, AWS_REGION, AWS_DEFAULT_REGION or an AWS profile. */
function noRegion() {
    return ('no AWS region is set: give the aws-region input (e.g. "us-west-2") or function-name as a full ARN, or set AWS_REGION ' +
        '(aws-actions/configure-aws-credentials sets it from its own aws-region input)');
}
const CONFIGURE_CREDENTIALS = 'run aws-actions/configure-aws-credentials before this step (role-to-assume and aws-region), with ' +
    '"permissions: id-token: write" on the job for its OIDC token';
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
]);
const ACCESS_DENIED = new Set(['AccessDeniedException', 'AccessDenied', 'UnauthorizedOperation', 'AuthorizationError']);
/** No region anywhere: the SDK's own words when neither the client, AWS_REGION nor a profile gives one. */
function isMissingRegion(error) {
    return error instanceof Error && /^Region is missing/.test(error.message);
}
/** Missing or refused credentials, in words that name the set-up; undefined for any other error. */
function credentialsProblem(error, action, env = process.env) {
    const name = errorName(error);
    const message = error instanceof Error ? error.message : String(error);
    const status = httpStatus(error);
    const unsigned = status === 403 && /security token|signature|credential/i.test(message) && !ACCESS_DENIED.has(name);
    if (!CREDENTIAL_ERRORS.has(name) && !/^Could not load credentials/.test(message) && !unsigned)
        return undefined;
    if (name === 'CredentialsProviderError' || /^Could not load credentials/.test(message))
        return `no AWS credentials were found (${name || 'Error'}: ${message})${credentialEnvHint(env)}: ${CONFIGURE_CREDENTIALS}`;
    const expired = /expired/i.test(`${name} ${message}`);
    const refresh = expired ? '; its session lasts role-duration-seconds (1h by default), so a longer deployment needs a longer one' : '';
    return `AWS did not accept the credentials${action ? ` for ${action}` : ''} (${name || `HTTP ${status}`}: ${message}): ${CONFIGURE_CREDENTIALS}${refresh}`;
}
/** What in the environment steers the SDK's credential chain wrong: half a key pair, or a profile it cannot find. */
function credentialEnvHint(env) {
    const keyId = Boolean(env.AWS_ACCESS_KEY_ID);
    const secret = Boolean(env.AWS_SECRET_ACCESS_KEY);
    if (keyId !== secret)
        return `; ${keyId ? 'AWS_ACCESS_KEY_ID' : 'AWS_SECRET_ACCESS_KEY'} is set but ${keyId ? 'AWS_SECRET_ACCESS_KEY' : 'AWS_ACCESS_KEY_ID'} is not`;
    if (env.AWS_PROFILE)
        return `; AWS_PROFILE is set, so the SDK reads that profile (from ~/.aws/config or AWS_CONFIG_FILE) before anything else: check that it exists, or unset AWS_PROFILE`;
    return '';
}
/** The SDK's credential chain failed before any call: the refusal in words, whatever the provider threw. */
function credentialsNotLoaded(error) {
    const named = credentialsProblem(error);
    if (named)
        return named;
    const name = errorName(error) || 'Error';
    return `the AWS credentials could not be loaded (${name}: ${error instanceof Error ? error.message : String(error)}): ${CONFIGURE_CREDENTIALS}`;
}
/**
 * SDK errors → the core's error kinds, keeping AWS's name and message for the report. `what` names the resource
 * ('alias "live" of "my-api"'); `call` the IAM action and the run's scope, for the words of a refusal.
 */
function translateAwsError(error, what, call) {
    const name = errorName(error);
    const message = error instanceof Error ? error.message : String(error);
    const status = httpStatus(error);
    call?.scope?.learn(message);
    if (name === 'PreconditionFailedException' || status === 412) {
        return new _ports_js__WEBPACK_IMPORTED_MODULE_0__/* .AliasConflictError */ .Xl(`${name || 'PreconditionFailed'} on ${what}: ${message}`);
    }
    if (isMissingRegion(error))
        return new AwsSetupError(`${noRegion()} (${message})`, { cause: error });
    const credentials = credentialsProblem(error, call?.action);
    if (credentials)
        return new AwsSetupError(credentials, { cause: error });
    if (ACCESS_DENIED.has(name) || status === 403)
        return new AwsSetupError(accessDenied(name, message, what, call), { cause: error });
    if (name === 'ResourceNotFoundException' || status === 404) {
        return new _ports_js__WEBPACK_IMPORTED_MODULE_0__/* .NotFoundError */ .m_(`${what} was not found${(0,_ports_js__WEBPACK_IMPORTED_MODULE_0__/* .inLocation */ .vV)(call?.scope?.location())} (${name}: ${message})`);
    }
    const throttled = /throttl|toomanyrequests|ratelimit/i.test(name) || status === 429;
    if (throttled || (status !== undefined && status >= 500)) {
        return new _ports_js__WEBPACK_IMPORTED_MODULE_0__/* .TransientError */ .N_(`${name || `HTTP ${status}`} on ${what} after the SDK's retries: ${message}`, { cause: error });
    }
    return error instanceof Error ? error : new Error(message);
}
/** The action AWS names in its refusal ("… is not authorized to perform: lambda:UpdateAlias on resource …"), else the call's. */
function deniedAction(message, call) {
    return /not authorized to perform:? ([a-z0-9-]+:[A-Za-z0-9]+)/.exec(message)?.[1] ?? call?.action;
}
function accessDenied(name, message, what, call) {
    const action = deniedAction(message, call);
    const needs = action ? `the credentials' role needs ${action}` : "the credentials' role lacks a permission";
    const policy = call?.scope?.policy ?? POLICY_SECTION;
    return `AWS denied ${action ?? 'the call'} on ${what} (${name || 'HTTP 403'}: ${message}): ${needs}; see ${policy}`;
}
function classifyWriteFailure(error) {
    if (error instanceof _ports_js__WEBPACK_IMPORTED_MODULE_0__/* .AliasConflictError */ .Xl)
        return 'conflict';
    if (error instanceof _ports_js__WEBPACK_IMPORTED_MODULE_0__/* .NotFoundError */ .m_ || error instanceof AwsSetupError)
        return 'rejected';
    if (error instanceof _ports_js__WEBPACK_IMPORTED_MODULE_0__/* .TransientError */ .N_)
        return 'unknown';
    const status = httpStatus(error);
    // 408 (timeout), 409 (Lambda's ResourceConflictException: an update in progress) and 429 (throttled) mean "later",
    // and say nothing about whether an earlier attempt by the SDK's own retries was applied.
    if (status !== undefined && status >= 400 && status < 500 && ![408, 409, 429].includes(status))
        return 'rejected';
    return 'unknown';
}


/***/ }),

/***/ 7242:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Uw: () => (/* binding */ State),
/* harmony export */   _O: () => (/* binding */ USER_AGENT)
/* harmony export */ });
/* unused harmony exports ACTION_NAME, ACTION_VERSION, Inputs, Outputs, SECRET_INPUTS, MAX_JOB_SECONDS */
// Names of inputs, outputs and saved-state keys in one place (as actions/cache does).
const ACTION_NAME = 'lambda-canary';
const ACTION_VERSION = '1.0.0';
const USER_AGENT = [ACTION_NAME, ACTION_VERSION];
const Inputs = {
    Mode: 'mode',
    RollbackTo: 'rollback-to',
    FunctionName: 'function-name',
    Alias: 'alias',
    Region: 'aws-region',
    Version: 'version',
    Publish: 'publish',
    Strategy: 'strategy',
    CanaryWeight: 'canary-weight',
    BakeTime: 'bake-time',
    StepWeight: 'step-weight',
    Interval: 'interval',
    Steps: 'steps',
    FinalBake: 'final-bake',
    MaxErrorRate: 'max-error-rate',
    MaxErrorRateIncrease: 'max-error-rate-increase',
    MaxLatency: 'max-latency',
    MaxLatencyIncrease: 'max-latency-increase',
    LatencyStatistic: 'latency-statistic',
    MaxThrottles: 'max-throttles',
    MinInvocations: 'min-invocations',
    Confidence: 'confidence',
    OnInsufficientData: 'on-insufficient-data',
    Alarms: 'alarms',
    MetricGates: 'metric-gates',
    SmokePayload: 'smoke-payload',
    SmokeCount: 'smoke-count',
    SmokeExpect: 'smoke-expect',
    PreTrafficHook: 'pre-traffic-hook',
    PostTrafficHook: 'post-traffic-hook',
    RollbackHook: 'rollback-hook',
    HookTimeout: 'hook-timeout',
    MetricPeriod: 'metric-period',
    MetricLag: 'metric-lag',
    PollInterval: 'poll-interval',
    BaselineWindow: 'baseline-window',
    LatencyWarmUp: 'latency-warm-up',
    AllowUnjudgedStages: 'allow-unjudged-stages',
    OnSplitAlias: 'on-split-alias',
    SlackWebhookUrl: 'slack-webhook-url',
    SlackMention: 'slack-mention',
    SlackEvents: 'slack-events',
    GithubToken: 'github-token',
    Environment: 'environment',
    ConfigFile: 'config-file',
    WaitForProvisionedConcurrency: 'wait-for-provisioned-concurrency',
    ProvisionedConcurrencyTimeout: 'provisioned-concurrency-timeout',
    RestoreTimeout: 'restore-timeout'
};
/** Every output action.yml declares (a test keeps the two equal); the report sets them by these names. */
const Outputs = {
    Result: 'result',
    Version: 'version',
    PreviousVersion: 'previous-version',
    Reason: 'reason',
    AliasArn: 'alias-arn',
    DurationSeconds: 'duration-seconds',
    Timeline: 'timeline',
    TimelineFile: 'timeline-file'
};
/** Inputs whose values are secrets: masked with core.setSecret before anything else runs. */
const SECRET_INPUTS = [Inputs.SlackWebhookUrl, Inputs.GithubToken];
/** Keys of the state the main step saves for the post step. */
const State = {
    Deployment: 'deployment'
};
/** GitHub-hosted jobs are cancelled after 6 hours; a plan that bakes longer can never finish. */
const MAX_JOB_SECONDS = (/* unused pure expression or super */ null && (6 * 60 * 60));


/***/ }),

/***/ 6467:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   N_: () => (/* binding */ TransientError),
/* harmony export */   Xl: () => (/* binding */ AliasConflictError),
/* harmony export */   m_: () => (/* binding */ NotFoundError),
/* harmony export */   vV: () => (/* binding */ inLocation)
/* harmony export */ });
/** Someone else changed the alias since we read it (Lambda's PreconditionFailedException). */
class AliasConflictError extends Error {
    constructor(message) {
        super(message);
        this.name = 'AliasConflictError';
    }
}
/** Lambda or CloudWatch said "try again" (throttling, 5xx) and the SDK's own retries ran out. */
class TransientError extends Error {
    constructor(message, options) {
        super(message, options);
        this.name = 'TransientError';
    }
}
/** The thing named does not exist (alias, version, alarm). */
class NotFoundError extends Error {
    constructor(message) {
        super(message);
        this.name = 'NotFoundError';
    }
}
/** " in region us-east-1, account 123456789012" (or "… the account of the credentials"); empty when nothing is known. */
function inLocation(where) {
    if (!where?.region && !where?.account)
        return '';
    const region = where.region ? `region ${where.region}` : "the SDK's region";
    return ` in ${region}, ${where.account ? `account ${where.account}` : 'the account of the credentials'}`;
}


/***/ }),

/***/ 1896:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  cleanup: () => (/* binding */ cleanup)
});

// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 14 modules
var lib_core = __webpack_require__(6421);
;// CONCATENATED MODULE: ./src/adapters/clock.ts
/** What `Clock.sleep` rejects with when its signal aborts: an Error named AbortError, as fetch and the SDK throw. */
function abortError() {
    const error = new Error('aborted');
    error.name = 'AbortError';
    return error;
}
const systemClock = {
    now: () => Date.now(),
    sleep: (ms, signal) => new Promise((resolve, reject) => {
        if (signal?.aborted)
            return reject(abortError());
        const timer = setTimeout(() => {
            signal?.removeEventListener('abort', onAbort);
            resolve();
        }, ms);
        const onAbort = () => {
            clearTimeout(timer);
            reject(abortError());
        };
        signal?.addEventListener('abort', onAbort, { once: true });
    })
};

// EXTERNAL MODULE: ./src/constants.ts
var constants = __webpack_require__(7242);
;// CONCATENATED MODULE: ./src/timeline.ts
function totalsOf(sample) {
    const { periods: _periods, ...totals } = sample;
    return totals;
}
function snapshot(alias) {
    return { version: alias.version, weights: { ...alias.weights }, revisionId: alias.revisionId };
}
function timeline_describeAlias(a) {
    const extra = Object.entries(a.weights);
    if (extra.length === 0)
        return `version ${a.version} (100%)`;
    const share = extra.reduce((s, [, w]) => s + w, 0);
    return `version ${a.version} (${round(100 * (1 - share))}%) + ${extra.map(([v, w]) => `version ${v} (${round(100 * w)}%)`).join(' + ')}`;
}
function round(n) {
    return Math.round(n * 100) / 100;
}
/** Polls (and other events that repeat with time) a timeline keeps at most, each kind evenly spread over the run. */
const REPEATING_KEPT = 240;
const REPEATING = new Set(['poll', 'metrics-error', 'retry', 'wait']);
const thinnings = new WeakMap();
const sequence = new WeakMap();
/**
 * Appends an event to a timeline whose size does not grow with the length of the bake: of the events that
 * repeat with time (polls, metrics errors, retries) it keeps every stride-th and the latest, at most
 * REPEATING_KEPT + 1 of each kind, doubling the stride when full. Every other event is kept.
 */
function timeline_record(timeline, event) {
    if (!REPEATING.has(event.type)) {
        timeline.push(event);
        return;
    }
    const kinds = thinnings.get(timeline) ?? new Map();
    thinnings.set(timeline, kinds);
    const t = kinds.get(event.type) ?? { seen: 0, stride: 1 };
    kinds.set(event.type, t);
    t.seen++;
    sequence.set(event, t.seen);
    const offStride = (e) => e.type === event.type && (sequence.get(e) ?? 0) % t.stride !== 0;
    // The previous latest was kept only for being the latest.
    const last = lastIndexOf(timeline, event.type);
    if (last >= 0 && offStride(timeline[last]))
        timeline.splice(last, 1);
    timeline.push(event);
    if (timeline.filter(e => e.type === event.type).length <= REPEATING_KEPT + 1)
        return;
    t.stride *= 2;
    const latest = event;
    let w = 0;
    for (const e of timeline)
        if (e === latest || !offStride(e))
            timeline[w++] = e;
    timeline.length = w;
}
function lastIndexOf(timeline, type) {
    for (let i = timeline.length - 1; i >= 0; i--)
        if (timeline[i].type === type)
            return i;
    return -1;
}
/** How many events of a repeating kind the run emitted, kept or not (0 for a timeline not built by `record`). */
function seenCount(timeline, type) {
    return thinnings.get(timeline)?.get(type)?.seen ?? timeline.filter(e => e.type === type).length;
}

;// CONCATENATED MODULE: ./src/rollout/outcome.ts

/** Did this function stop the release itself, rather than follow another function or a cancel? */
function outcome_stoppedTheRelease(outcome) {
    if (outcome.result !== 'failed' && outcome.result !== 'rolled-back')
        return false;
    const { kind } = outcome.cause;
    return kind === 'check-failed' || kind === 'alias-conflict' || kind === 'error';
}
/** A deployment that rolled back failed; a manual rollback that rolled back did what it was asked. */
function outcome_isFailure(outcome) {
    return outcome.result === 'failed' || (outcome.result === 'rolled-back' && outcome.mode !== 'rollback');
}
/** The one checkpoint builder: what the post step needs to restore this function's alias. */
function checkpointOf(run, spec, versions, phase) {
    return {
        phase,
        functionId: spec.fn.id,
        alias: run.alias,
        ...(run.region ? { region: run.region } : {}),
        oldVersion: versions.oldVersion,
        newVersion: versions.newVersion,
        restoreTimeoutSeconds: run.restoreTimeoutSeconds
    };
}
/** The timeline of one run: kept for the outcome (bounded: see `record`) and passed on as it happens. */
class Journal {
    ports;
    timeline = [];
    startedAt;
    constructor(ports) {
        this.ports = ports;
        this.startedAt = ports.clock.now();
    }
    now() {
        return this.ports.clock.now();
    }
    emit(event) {
        record(this.timeline, event);
        this.ports.emit?.(event);
    }
    /** The self-describing outcome; a deployment that ended with its alias in a known state marks its checkpoint done. */
    conclude(run, spec, ports, ending) {
        const { oldVersion, newVersion } = ending.versions ?? {};
        const settled = ['promoted', 'rolled-back', 'failed'].includes(ending.result) && ending.restoreCommand === undefined;
        if (run.mode === 'deploy' && oldVersion && newVersion && settled) {
            ports.checkpoint?.(checkpointOf(run, spec, { oldVersion, newVersion }, 'done'));
        }
        return {
            function: spec.fn,
            alias: run.alias,
            mode: run.mode,
            strategy: { kind: run.plan.kind, name: run.plan.name },
            result: ending.result,
            reason: ending.reason,
            cause: ending.cause,
            ...(newVersion ? { version: newVersion } : {}),
            ...(oldVersion ? { previousVersion: oldVersion } : {}),
            ...(ending.aliasArn ? { aliasArn: ending.aliasArn } : {}),
            startedAt: this.startedAt,
            finishedAt: this.now(),
            timeline: this.timeline,
            ...(ending.restoreCommand ? { restoreCommand: ending.restoreCommand } : {})
        };
    }
}
function messageOf(error) {
    if (error instanceof Error)
        return error.message;
    return String(error);
}

;// CONCATENATED MODULE: ./src/parse.ts
// Typed parsers for input values. Each returns a value or throws InputError naming the input,
// quoting the value and saying what is accepted.
class InputError extends Error {
    input;
    value;
    accepted;
    constructor(input, value, accepted) {
        super(`Input "${input}" has an invalid value "${quoted(value)}": ${accepted}`);
        this.input = input;
        this.value = value;
        this.accepted = accepted;
        this.name = 'InputError';
    }
}
/** A value as an error quotes it: whole up to QUOTE_LIMIT characters, else its start and how much was left out. */
const QUOTE_LIMIT = 1000;
function quoted(value) {
    return value.length > QUOTE_LIMIT ? `${value.slice(0, QUOTE_LIMIT)}… (${value.length - QUOTE_LIMIT} more characters)` : value;
}
const DURATION_UNITS = { ms: 0.001, s: 1, m: 60, h: 3600 };
/** "30s", "5m", "1h", "1m30s", "250ms" → seconds. A bare number is refused: units are required. */
function parseDuration(input, raw, opts = {}) {
    const value = raw.trim();
    const accepted = `use a number with a unit, e.g. "30s", "5m", "1h" or "1m30s"${opts.allowZero ? ' ("0s" to turn it off)' : ''}`;
    if (!/^(\d+(\.\d+)?(ms|s|m|h))+$/i.test(value))
        throw new InputError(input, raw, accepted);
    let seconds = 0;
    for (const part of value.toLowerCase().matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h)/g)) {
        seconds += Number(part[1]) * DURATION_UNITS[part[2]];
    }
    if (!Number.isFinite(seconds) || (!opts.allowZero && seconds <= 0))
        throw new InputError(input, raw, `${accepted}; it must be more than zero`);
    if (opts.max !== undefined && seconds > opts.max) {
        throw new InputError(input, raw, `${accepted}; at most ${parse_formatDuration(opts.max)}`);
    }
    return seconds;
}
/** "10%" or "0.1" → 0.1. Accepts (0, 1]; "0" only when allowZero. */
function parseFraction(input, raw, opts = {}) {
    const value = raw.trim();
    const accepted = `use a percentage like "10%" or a fraction like "0.1", ${opts.allowZero ? 'from 0' : 'above 0'} and ${opts.allowOne === false ? 'below' : 'up to'} 100%`;
    let fraction;
    const pct = /^(\d+(\.\d+)?)\s*%$/.exec(value);
    if (pct)
        fraction = Number(pct[1]) / 100;
    else if (/^\d*\.?\d+$/.test(value))
        fraction = Number(value);
    else
        throw new InputError(input, raw, accepted);
    if (!Number.isFinite(fraction))
        throw new InputError(input, raw, accepted);
    if (!pct && fraction > 1)
        throw new InputError(input, raw, `${accepted} (a bare number is a fraction: write "${value}%" for a percentage)`);
    if (fraction < 0 || fraction > 1 || (!opts.allowZero && fraction === 0) || (opts.allowOne === false && fraction === 1)) {
        throw new InputError(input, raw, accepted);
    }
    return round6(fraction);
}
function parseNonNegativeInt(input, raw) {
    const value = raw.trim();
    if (!/^\d+$/.test(value))
        throw new InputError(input, raw, 'use a whole number, 0 or more');
    const n = Number(value);
    if (!Number.isSafeInteger(n))
        throw new InputError(input, raw, 'use a whole number, 0 or more');
    return n;
}
/** "2000ms", "2s", "2000" (milliseconds) → milliseconds. */
function parseMilliseconds(input, raw) {
    const value = raw.trim();
    const m = /^(\d+(\.\d+)?)\s*(ms|s)?$/i.exec(value);
    const accepted = 'use milliseconds like "2000ms" or "2000", or seconds like "2s"; more than zero';
    if (!m)
        throw new InputError(input, raw, accepted);
    const ms = Number(m[1]) * ((m[3] ?? 'ms').toLowerCase() === 's' ? 1000 : 1);
    if (!(ms > 0) || !Number.isFinite(ms))
        throw new InputError(input, raw, accepted);
    return ms;
}
function parseBoolean(input, raw) {
    const value = raw.trim().toLowerCase();
    if (['true', 'yes', 'on', '1'].includes(value))
        return true;
    if (['false', 'no', 'off', '0', ''].includes(value))
        return false;
    throw new InputError(input, raw, 'use "true" or "false"');
}
function parseChoice(input, raw, choices) {
    const value = raw.trim().toLowerCase();
    const found = choices.find(c => c.toLowerCase() === value);
    if (!found)
        throw new InputError(input, raw, `use one of ${choices.map(c => `"${c}"`).join(', ')}`);
    return found;
}
/** Items separated by commas or new lines; a blank item (",", "a,,b", "a,") is an error, not skipped silently. */
function parseList(input, raw, what) {
    // The value as a whole is trimmed, so the trailing newline of a YAML block scalar is not an item.
    if (raw.trim() === '')
        return [];
    const items = raw
        .trim()
        .split(/[,\n]/)
        .map(s => s.trim());
    const blank = items.indexOf('');
    if (blank >= 0) {
        throw new InputError(input, raw, `list ${what}, separated by commas or new lines, with no blank entries (entry ${blank + 1} of ${items.length} is blank)`);
    }
    return items;
}
function parse_formatDuration(seconds) {
    if (seconds > 0 && seconds < 1)
        return `${Math.round(seconds * 1000)}ms`;
    const h = Math.floor(seconds / 3600);
    const m = Math.floor((seconds % 3600) / 60);
    const s = Math.round((seconds % 60) * 1000) / 1000;
    return [h ? `${h}h` : '', m ? `${m}m` : '', s ? `${s}s` : ''].join('') || '0s';
}
function parse_formatPercent(fraction, digits = 2) {
    return `${round6(fraction * 100)
        .toFixed(digits)
        .replace(/\.?0+$/, '')}%`;
}
function round6(n) {
    return Math.round(n * 1e6) / 1e6;
}

// EXTERNAL MODULE: ./src/adapters/aws-errors.ts
var aws_errors = __webpack_require__(133);
// EXTERNAL MODULE: ./src/ports.ts
var ports = __webpack_require__(6467);
;// CONCATENATED MODULE: ./src/retry.ts
// A labelled retry with exponential backoff and jitter, with an injectable sleep and clock: bounded by a number of
// attempts, by a deadline, or both.

async function retryWithBackoff(fn, opts) {
    const retryable = opts.isRetryable ?? ((e) => e instanceof ports/* TransientError */.N_);
    const random = opts.random ?? Math.random;
    const now = opts.now ?? Date.now;
    for (let attempt = 1;; attempt++) {
        try {
            return await fn();
        }
        catch (error) {
            if ((opts.attempts !== undefined && attempt >= opts.attempts) || !retryable(error))
                throw error;
            const delay = backoffMs(attempt, opts.baseMs, opts.maxMs, random);
            if (opts.deadline !== undefined && now() + delay > opts.deadline)
                throw error;
            opts.onRetry?.(attempt, error, delay);
            await opts.sleep(delay);
        }
    }
}
/** Exponential, capped, with "equal jitter": at least half the step, so a deadline-bounded loop always advances. */
function backoffMs(attempt, baseMs, maxMs, random) {
    const step = Math.min(maxMs, baseMs * 2 ** (attempt - 1));
    return Math.round(step / 2 + (random() * step) / 2);
}

;// CONCATENATED MODULE: ./src/rollout/guarded-alias.ts
// Every alias write (shift, promote, restore, manual rollback) goes through here: it carries the RevisionId
// last seen, and any answer that is not a clean success is settled by reading the alias back and comparing it
// with the whole target (routing and description): applied → done; not applied → retried with backoff;
// someone else's change → AliasConflictError, and the conflict policy (yieldTo) decides. Restores keep trying
// for restore-timeout. The restore command and the words for what the alias holds are written here too.





/** Bounded retries around a shift or promote, on top of the SDK's own: a failed one is restored anyway. */
const WRITE_RETRY = { attempts: 5, baseMs: 500, maxMs: 4000 };
/** Restores retry until their deadline, at most this far apart. */
const RESTORE_BACKOFF = { baseMs: 500, maxMs: 8000 };
/** restore-timeout's default, for callers given none. */
const DEFAULT_RESTORE_TIMEOUT_MS = 5 * 60_000;
/** A write that did not take: `unknown` when even reading the alias back could not tell whether it was applied. */
class AliasWriteError extends Error {
    outcome;
    constructor(message, outcome, options) {
        super(message, options);
        this.outcome = outcome;
        this.name = 'AliasWriteError';
    }
}
/** One attempt's failure once settled: retried (the target is still wanted and no one else wrote). */
class Unsettled extends Error {
    original;
    outcome;
    constructor(original, outcome) {
        super(messageOf(original));
        this.original = original;
        this.outcome = outcome;
    }
}
class GuardedAlias {
    port;
    current;
    retry;
    /** A write whose outcome stayed unknown: seeing it later is our own write, not someone else's. */
    unsettled;
    constructor(port, 
    /** The alias as we last wrote or read it; every write carries its RevisionId. */
    current, retry) {
        this.port = port;
        this.current = current;
        this.retry = retry;
    }
    get state() {
        return this.current;
    }
    /** A shift or promote: a few retries, stopped by a cancel. */
    async write(target, what) {
        return this.settledWrite(target, what, { ...WRITE_RETRY, cancellable: true });
    }
    /** A restore (or manual rollback): retried against throttling and 5xx until `timeoutMs` has passed. */
    async restore(target, what, timeoutMs = this.retry.restoreTimeoutMs ?? DEFAULT_RESTORE_TIMEOUT_MS) {
        const now = this.retry.now ?? Date.now;
        return this.settledWrite(target, what, { ...RESTORE_BACKOFF, deadline: now() + timeoutMs, cancellable: false });
    }
    async settledWrite(target, what, budget) {
        const { attempts, deadline, baseMs, maxMs, cancellable } = budget;
        let tries = 0;
        try {
            this.current = await retryWithBackoff(async () => {
                tries++;
                return this.attempt(target);
            }, {
                ...(attempts !== undefined ? { attempts } : {}),
                ...(deadline !== undefined ? { deadline } : {}),
                ...(this.retry.now ? { now: this.retry.now } : {}),
                baseMs,
                maxMs,
                sleep: this.retry.sleep,
                ...(this.retry.random ? { random: this.retry.random } : {}),
                isRetryable: e => e instanceof Unsettled && !(cancellable && this.retry.signal?.aborted),
                onRetry: (n, error) => this.retry.onRetry?.(what, n, messageOf(error))
            });
            return this.current;
        }
        catch (error) {
            if (!(error instanceof Unsettled))
                throw error;
            // A cancel while a shift was not applied: the stop path sees the cancel itself.
            if (cancellable && this.retry.signal?.aborted && error.outcome === 'not-applied' && isAbortError(error.original))
                throw error.original;
            const result = error.outcome === 'unknown' ? 'may or may not have been applied' : 'was not applied';
            throw new AliasWriteError(`${what} ${result} after ${tries} tr${tries === 1 ? 'y' : 'ies'}: ${error.message}`, error.outcome, {
                cause: error.original
            });
        }
    }
    /** One write; any failure but a definite refusal is settled by reading the alias back. */
    async attempt(target) {
        try {
            const written = await this.port.write(target, this.current.revisionId);
            this.unsettled = undefined;
            return written;
        }
        catch (error) {
            const failure = (0,aws_errors/* classifyWriteFailure */.wF)(error);
            // A refusal can answer one of the SDK's own retries after an earlier try of it applied (its answer lost):
            // the alias read back at our target is our write; anything else, the refusal stands.
            if (failure === 'rejected') {
                const now = await this.port.read().catch(() => undefined);
                if (now && now.revisionId !== this.current.revisionId && sameTarget(now, target)) {
                    this.unsettled = undefined;
                    return now;
                }
                throw error;
            }
            let now;
            try {
                now = await this.port.read();
            }
            catch (readError) {
                this.unsettled = target;
                throw new Unsettled(new Error(`${messageOf(error)}; reading the alias back failed too: ${messageOf(readError)}`), 'unknown');
            }
            if (sameTarget(now, target)) {
                this.unsettled = undefined;
                return now;
            }
            if (now.revisionId === this.current.revisionId)
                throw new Unsettled(error, 'not-applied');
            if (this.unsettled && sameTarget(now, this.unsettled)) {
                // An earlier write of ours whose answer was lost did apply: carry on from it.
                this.current = now;
                this.unsettled = undefined;
                throw new Unsettled(error, 'not-applied');
            }
            throw failure === 'conflict'
                ? error
                : new ports/* AliasConflictError */.Xl(`${messageOf(error)}; read back, alias is ${timeline_describeAlias(now)} (RevisionId ${now.revisionId}): another writer`);
        }
    }
    /**
     * The conflict policy: never overwrite another writer. Re-read, and if they left the alias sending traffic
     * to our new version, remove only that part (it is ours).
     */
    async yieldTo(newVersion, 
    /** The description without this run's own mark, when the alias still carries it (else undefined). */
    withoutOwnMark = () => undefined) {
        const ours = this.current;
        let theirs;
        try {
            theirs = await this.port.read();
        }
        catch (readError) {
            return { ours, action: `could not re-read the alias: ${messageOf(readError)}` };
        }
        this.current = theirs;
        const routing = withoutVersion(theirs, newVersion);
        // Our mark goes too: left behind, it would hold the alias against every other run until it expired.
        const description = withoutOwnMark(theirs.description);
        if (!routing && description === undefined)
            return { ours, theirs, action: 'left the alias as the other writer set it' };
        const target = {
            ...(routing ?? { version: theirs.version, weights: { ...theirs.weights } }),
            ...(description !== undefined ? { description } : {})
        };
        const parts = [
            ...(routing
                ? [`removed only version ${newVersion}'s weighted traffic, keeping the other writer's primary version ${routing.version}`]
                : []),
            ...(description !== undefined ? ["removed this run's mark from the description"] : [])
        ];
        try {
            const cleaned = await this.restore(target, routing ? `remove version ${newVersion}'s traffic` : "remove this run's mark");
            return { ours, theirs: cleaned, action: parts.join(' and ') };
        }
        catch (cleanupError) {
            // What they left is still worth reporting even though our part of it could not be removed.
            return {
                ours,
                theirs,
                action: `could not remove version ${newVersion}'s weighted traffic or this run's mark: ${messageOf(cleanupError)}`
            };
        }
    }
}
function isAbortError(error) {
    return error instanceof Error && error.name === 'AbortError';
}
/** The alias without `version`'s weighted traffic, or undefined when it has none. */
function withoutVersion(alias, version) {
    if (alias.weights[version] === undefined)
        return undefined;
    const weights = { ...alias.weights };
    delete weights[version];
    return { version: alias.version, weights };
}
/** The alias holds the whole target: primary, routing, and the description when the target sets one. */
function sameTarget(alias, target) {
    const a = Object.entries(alias.weights).sort();
    const b = Object.entries(target.weights).sort();
    const description = target.description === undefined || (alias.description ?? '') === target.description;
    return alias.version === target.version && JSON.stringify(a) === JSON.stringify(b) && description;
}
/** The exact command that points the alias at `version` alone, for a person to run. */
function guarded_alias_restoreCommand(where, version) {
    return [
        'aws lambda update-alias',
        `--function-name ${where.functionId}`,
        `--name ${where.alias}`,
        `--function-version ${version}`,
        `--routing-config 'AdditionalVersionWeights={}'`,
        ...(where.region ? [`--region ${where.region}`] : [])
    ].join(' ');
}
/** What the alias serves, in the log's words: "version 1 only" or "split 90/10 (version 1 90%, version 2 10%)". */
function aliasHolds(alias) {
    const extra = Object.entries(alias.weights);
    if (extra.length === 0)
        return `version ${alias.version} only`;
    const primary = 1 - extra.reduce((s, [, w]) => s + w, 0);
    const shares = [[alias.version, primary], ...extra];
    const pct = (w) => Math.round(w * 10_000) / 100;
    return `split ${shares.map(([, w]) => pct(w)).join('/')}: ${shares.map(([v, w]) => `version ${v} (${pct(w)}%)`).join(' + ')}`;
}
/**
 * The last word on an alias after a restore: read back, "alias "live" now: version 1 only" when it holds
 * `wanted`; otherwise what it still holds and the command that fixes it.
 */
function finalAliasState(name, read, wanted, command) {
    if (!read)
        return { restored: false, words: `alias "${name}" could not be read back, so what it serves is unknown — run: ${command}` };
    if (sameTarget(read, { version: wanted.version, weights: wanted.weights }))
        return { restored: true, words: `alias "${name}" now: ${aliasHolds(read)}` };
    const split = Object.keys(read.weights).length > 0;
    return {
        restored: false,
        words: `alias "${name}" ${split ? 'is STILL' : 'STILL serves'} ${aliasHolds(read)} — run: ${command}`
    };
}
/** Reads the alias, retried like a restore against throttling, 5xx and unreadable answers until `deadline`. */
async function readPersistently(port, clock, deadline) {
    return retryWithBackoff(() => port.read(), {
        ...RESTORE_BACKOFF,
        deadline,
        now: clock.now,
        sleep: clock.sleep,
        isRetryable: e => (0,aws_errors/* classifyWriteFailure */.wF)(e) === 'unknown'
    });
}
/** Reads the alias for the final word; undefined when it cannot be read. */
async function readBack(port) {
    try {
        return await port.read();
    }
    catch {
        return undefined;
    }
}

;// CONCATENATED MODULE: ./src/report/chart.ts

/** Points a chart shows at most (the timeline keeps ~240 polls; more would not be readable). */
const CHART_POINTS = 60;
/** The points of the run: polls, the end of every stage, the promotion and a restore, in time order. */
function chartPoints(timeline, startedAt) {
    const points = [];
    let totals;
    const label = (at) => formatDuration(Math.max(0, Math.round((at - startedAt) / 1000)));
    for (const e of timeline) {
        if (e.type === 'poll' || e.type === 'stage-end') {
            totals = { newVersion: e.sample.newVersion, oldVersion: e.sample.oldVersion };
            const stageEnd = e.type === 'stage-end' ? { stageEnd: e.stage } : {};
            points.push({ at: e.at, weight: e.weight, totals, label: label(e.at), ...stageEnd });
        }
        else if (e.type === 'promote') {
            points.push({ at: e.at, weight: 1, ...(totals ? { totals } : {}), event: 'promoted', label: `${label(e.at)} promoted` });
        }
        else if (e.type === 'restore' && e.ok && e.alias) {
            // A restore puts the old version back alone: the new version's share is what the restored alias still gives it.
            const weight = e.alias.weights[Object.keys(e.alias.weights)[0] ?? ''] ?? 0;
            points.push({ at: e.at, weight, ...(totals ? { totals } : {}), event: 'restored', label: `${label(e.at)} restored` });
        }
    }
    return points;
}
/**
 * At most CHART_POINTS points with unique x labels: the end of every stage, the promotion and a restore always;
 * the polls between them evenly thinned, and a poll dropped where a kept point has its label (same second).
 */
function selectPoints(all) {
    const fixed = (p) => p.stageEnd !== undefined || p.event !== undefined;
    const polls = all.filter(p => !fixed(p));
    const keptPolls = new Set(evenly(polls, CHART_POINTS - (all.length - polls.length)));
    const chosen = all.filter(p => fixed(p) || keptPolls.has(p));
    // Stage ends at the same second (a stage shorter than a second) get their stage in the label.
    const used = new Set();
    for (const p of chosen.filter(fixed)) {
        if (used.has(p.label))
            p.label = `${p.label} (stage ${p.stageEnd ?? '?'})`;
        const base = p.label;
        for (let n = 2; used.has(p.label); n++)
            p.label = `${base} #${n}`;
        used.add(p.label);
    }
    // Of polls sharing a label, the latest is kept (it holds the most data).
    const kept = [];
    for (const p of [...chosen].reverse()) {
        if (!fixed(p)) {
            if (used.has(p.label))
                continue;
            used.add(p.label);
        }
        kept.unshift(p);
    }
    return kept;
}
/** `room` of the items, spread evenly from the first to the last; all of them when they fit. */
function evenly(items, room) {
    if (items.length <= room)
        return items;
    if (room <= 0)
        return [];
    if (room === 1)
        return items.slice(-1);
    return Array.from({ length: room }, (_, k) => items[Math.round((k * (items.length - 1)) / (room - 1))]);
}
const percent = (n) => Math.round(n * 10000) / 100;
const rate = (c) => (c && c.invocations > 0 ? percent(c.errors / c.invocations) : undefined);
const labels = (points) => `[${points.map(p => `"${p.label}"`).join(', ')}]`;
/** The summary's charts, with a line on what the error chart leaves out; undefined when the run never shifted traffic. */
function chart_mermaidChart(outcome) {
    const points = selectPoints(chartPoints(outcome.timeline, outcome.startedAt));
    if (points.length === 0)
        return undefined;
    const traffic = [
        '```mermaid',
        '%%{init: {"themeVariables": {"xyChart": {"plotColorPalette": "#6baed6"}}}}%%',
        'xychart-beta',
        '  title "Traffic to the new version (%)"',
        `  x-axis ${labels(points)}`,
        '  y-axis "% of the alias\'s traffic" 0 --> 100',
        `  bar "new version" [${points.map(p => percent(p.weight)).join(', ')}]`,
        '```'
    ];
    return [...traffic, '', ...errorChart(points)].join('\n');
}
/** New and old version's error rates over the points where they have data; the others left out, and said. */
function errorChart(points) {
    const withOld = points.some(p => rate(p.totals?.oldVersion) !== undefined);
    const shown = points.filter(p => rate(p.totals?.newVersion) !== undefined && (!withOld || rate(p.totals?.oldVersion) !== undefined));
    const left = points.length - shown.length;
    const leftOut = left > 0
        ? `${left} of ${points.length} points had no data yet (for the new version${withOld ? ' or the old one' : ''}): left out of this chart rather than drawn as 0.`
        : '';
    const oldWords = withOld
        ? 'Red: the new version; grey: the old version, in the same periods (at 100% it serves nothing: its line stays at its rate from the stages before).'
        : 'Red: the new version. The old version served nothing beside it, so it has no line (at 100% the gates compare with its rate before the deployment).';
    if (shown.length === 0)
        return ['No error rate to chart: no invocations of the new version were counted.'];
    const newRates = shown.map(p => rate(p.totals?.newVersion));
    const oldRates = shown.map(p => rate(p.totals?.oldVersion));
    const top = Math.min(100, Math.max(1, Math.ceil(Math.max(...newRates, ...(withOld ? oldRates : [])) * 1.1)));
    return [
        '```mermaid',
        '%%{init: {"themeVariables": {"xyChart": {"plotColorPalette": "#d62728, #7f7f7f"}}}}%%',
        'xychart-beta',
        '  title "Error rate since the first shift (%)"',
        `  x-axis ${labels(shown)}`,
        `  y-axis "% of invocations" 0 --> ${top}`,
        `  line "new version" [${newRates.join(', ')}]`,
        ...(withOld ? [`  line "old version" [${oldRates.join(', ')}]`] : []),
        '```',
        '',
        [oldWords, leftOut].filter(Boolean).join(' ')
    ];
}

;// CONCATENATED MODULE: ./src/report/hygiene.ts
// Output hygiene, in one place: text the action does not control (AWS error messages, alarm reasons, smoke and
// hook answers, descriptions, Slack and GitHub replies) is kept raw in the data and escaped here, at the sink,
// for the sink: the log, annotations, the job summary (Markdown), Slack (mrkdwn) and step outputs.
/** Zero-width space: splits `::` and `##[` so the runner sees no workflow command, while the log still reads the same. */
const ZWSP = '\u200B';
/**
 * C0 controls but tab and newline, DEL and C1 (ANSI escapes could rewrite or hide what the log shows), line and
 * paragraph separators, and the invisible ones: zero-width characters and bidirectional overrides (U+202E can
 * make a line read backwards and hide what it says).
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: these are the characters it removes
const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u200B-\u200F\u2028-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/g;
/** One external field never holds more than this in a log line or the summary: a 1 MB alarm reason once erased it. */
const FIELD_LIMIT = 2000;
/** Cuts raw text to FIELD_LIMIT, saying how much was left out (before escaping: an escape is never cut in half). */
function bounded(text) {
    return text.length > FIELD_LIMIT ? `${text.slice(0, FIELD_LIMIT)}… (${text.length - FIELD_LIMIT} more characters)` : text;
}
const NEWLINE = /\r\n|\r|\n/g;
/**
 * No workflow command can start from it: the runner reads `::name::…` or `::name key=value::…` at the start
 * of a line (after spaces), `::token::` to resume after stop-commands, and the older `##[name]` anywhere.
 * Such a `::` and every `##[` are split by a zero-width space; an ARN's `::` (`arn:aws:iam::123…`,
 * `arn:aws:s3:::bucket`) is left as it is, so it can still be copied.
 */
function noCommands(text) {
    return text
        .replace(/^(\s*)::/, `$1:${ZWSP}:`)
        .replace(/(?<!:)::(?=[A-Za-z_-][\w-]*(?:::| ))/g, `:${ZWSP}:`)
        .replace(/##\[/g, `#${ZWSP}#[`);
}
/** External text for the plain log and annotations: one line (newlines shown as `\n`), no controls, no commands. */
function logText(text) {
    return oneLine(bounded(text));
}
function oneLine(text) {
    return noCommands(text
        .replace(NEWLINE, m => (m === '\n' ? '\\n' : m === '\r' ? '\\r' : '\\r\\n'))
        .replace(/\t/g, ' ')
        .replace(CONTROL, ''));
}
/**
 * Text for an annotation (core.error, warning, notice, setFailed): @actions/core escapes its data (% CR LF as
 * %25 %0D %0A) and its properties (also : and ,), so the command stays one line and newlines show in the
 * annotation. Here: the control characters that could rewrite what the log shows are removed, and `::` and
 * `##[` are split as in the log, so the annotation's line holds no command name either.
 */
function hygiene_annotationText(text) {
    return noCommands(bounded(text).replace(CONTROL, ''));
}
/**
 * The last guard before a block the action composed goes to the log: no line of it can be a workflow command,
 * whatever an escaping upstream missed. Our own newlines are kept.
 */
function hygiene_logBlock(text) {
    return text
        .split(NEWLINE)
        .map(line => noCommands(line.replace(CONTROL, '')))
        .join('\n');
}
/**
 * Markdown punctuation that could make a link or an image (`[`), a heading, emphasis, a code span or a table
 * cell anywhere in a line; a list item only at the text's start.
 */
const MARKDOWN_SPECIAL = /[\\`*_[\]|~#]/g;
/**
 * External text inside the job summary's Markdown (a heading, a table cell, a list item): HTML is shown as text
 * (& < > as entities), Markdown punctuation is backslash-escaped, newlines are `<br>` so a cell or a heading
 * stays one line. The only HTML the summary holds is its own.
 */
function hygiene_markdownText(text) {
    return bounded(text)
        .replace(/\r\n?/g, '\n')
        .replace(CONTROL, '')
        .replace(/\t/g, ' ')
        .replace(/&/g, '&amp;')
        .replace(/</g, '&lt;')
        .replace(/>/g, '&gt;')
        .replace(MARKDOWN_SPECIAL, c => `\\${c}`)
        .replace(/^(\s*\d+)([.)])/, '$1\\$2')
        .replace(/^(\s*)([-+])/, '$1\\$2')
        .replace(NEWLINE, '<br>')
        .replace(AUTOLINK, m => `${m.slice(0, -1)}${ZWSP}${m.slice(-1)}`);
}
/** What GitHub's Markdown and Slack turn into a link or a mention on their own: `scheme://`, `www.`, `@channel`. */
const AUTOLINK = /[a-z][a-z0-9+.-]*:\/\/|\bwww\.|@(?:channel|here|everyone)\b/gi;
/**
 * External text inside a Slack mrkdwn field: Slack's own escaping (& < > as entities), so no `<!channel>`,
 * `<@U…>` or `<http://…|text>` can come from outside; mentions and links are added around it, never through it.
 */
function hygiene_slackText(text, max = 3000) {
    return slackEscaped(text, max);
}
/** External text as a Slack code span: escaped as slackText, its backticks unable to end the span. */
function hygiene_slackCode(text, max = 3000) {
    return `\`${slackEscaped(text, max)}\``;
}
/** Looks like a backtick; Slack gives it no meaning. */
const MODIFIER_GRAVE = '\u02cb';
function slackEscaped(text, max) {
    const escaped = text
        .replace(/\r\n?/g, '\n')
        .replace(CONTROL, '')
        .replace(/&/g, '&amp;')
        .replace(/</g, '&lt;')
        .replace(/>/g, '&gt;')
        .replace(AUTOLINK, m => `${m.slice(0, -1)}${ZWSP}${m.slice(-1)}`)
        // A backtick from outside could open or close a code span or block around the action's own text.
        .replace(/`/g, MODIFIER_GRAVE);
    // Cut after escaping (Slack counts the escaped text) and never inside an entity.
    return escaped.length > max ? `${escaped.slice(0, max - 1).replace(/&[a-z]{0,3}$/, '')}…` : escaped;
}
/** Characters a step output may take: a later step reads it through an environment variable or an expression. */
const OUTPUT_TEXT_LIMIT = 4000;
/**
 * A step output that holds text: one line (newlines shown as `\n`), no controls, no workflow command should a
 * later step echo it, and at most `max` characters (cut with an ellipsis).
 */
function hygiene_outputText(text, max = OUTPUT_TEXT_LIMIT) {
    const line = oneLine(text.length > max * 2 ? text.slice(0, max * 2) : text);
    return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}
/** Cuts raw text to `max` characters (before escaping, so an entity or escape is never cut in half). */
function hygiene_clip(text, max) {
    return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

;// CONCATENATED MODULE: ./src/report/words.ts
// The pieces every rendering shares: stage records cut from the timeline, and how numbers and verdicts read.



const words_MARKDOWN = { text: hygiene_markdownText, strong: words => `**${words}**` };
const words_ICON = {
    promoted: '✅',
    'rolled-back': '⏪',
    unchanged: '⏸️',
    planned: '📝',
    failed: '❌'
};
function words_stageRecords(timeline) {
    return timeline.flatMap(e => e.type === 'stage-end'
        ? [
            {
                stage: e.stage,
                weight: e.weight,
                startedAt: e.startedAt,
                endedAt: e.at,
                decision: e.decision,
                newVersion: {
                    ...e.counts.newVersion,
                    errorRate: errorRate(e.counts.newVersion) ?? null,
                    latencyMs: e.sample.newVersion.latencyMs
                },
                oldVersion: {
                    ...e.counts.oldVersion,
                    errorRate: errorRate(e.counts.oldVersion) ?? null,
                    latencyMs: e.sample.oldVersion.latencyMs
                },
                sinceFirstShift: {
                    newVersion: { ...e.sample.newVersion, errorRate: errorRate(e.sample.newVersion) ?? null },
                    oldVersion: { ...e.sample.oldVersion, errorRate: errorRate(e.sample.oldVersion) ?? null }
                },
                throttles: e.counts.throttles,
                reasons: e.verdict.reasons,
                checks: e.verdict.checks
            }
        ]
        : []);
}
/** "yes" when every gate had the evidence it needs; otherwise which gates did not (pending or undecided). */
function words_enoughWords(checks, style = words_MARKDOWN) {
    const short = shortOfData(checks).map(c => style.text(c.gate));
    const unreachable = checks.filter(c => c.unreachable).map(c => style.text(c.gate));
    const words = [
        ...(short.length > 0 ? [`${style.strong('no')}: ${short.join(', ')}`] : []),
        ...(unreachable.length > 0 ? [`not judged at this traffic: ${unreachable.join(', ')}`] : [])
    ];
    return words.length === 0 ? 'yes' : words.join('; ');
}
/** Gates that had not their minimum evidence, though this stage's traffic could bring it. */
function shortOfData(checks) {
    return checks.filter(c => !c.enoughData && !c.unreachable);
}
function stageVerdictKind(s) {
    switch (s.decision) {
        case 'fail':
            return 'failed';
        case 'not-judged':
            return 'not-judged';
        case 'proceeded-without-enough-data':
            return 'proceeded';
        default:
            return shortOfData(s.checks).length > 0 || s.checks.some(c => c.overLimit) ? 'passing' : 'passed';
    }
}
/** The footnote mark "passing so far" carries in the summary; PASSING_NOTE explains it. */
const words_PASSING_MARK = '²';
/** What "passing so far, not significant yet" means, for the footnote under the stages. */
function words_passingNote(confidence) {
    return (`${words_PASSING_MARK} **Passing so far, not significant yet**: nothing showed the new version beyond a limit with ${formatPercent(confidence)} confidence, ` +
        'but the evidence was not enough to call it within the limits either (a value above its limit on few invocations, or a gate short of ' +
        'its minimum data when the stage moved on). A gate fails only on evidence at that confidence (the `confidence` input, shared over every ' +
        'look at the data), so that looking at every poll does not roll back healthy releases; before the promotion and before success every gate ' +
        'must have its minimum data.');
}
/**
 * A stage's verdict in the summary's words. The failure's reason is the summary's first line: here only the
 * gates that failed, so it is said once.
 */
function words_stageVerdictWords(s, style = words_MARKDOWN) {
    const gates = (list) => list.map(c => style.text(c.gate)).join(', ');
    switch (stageVerdictKind(s)) {
        case 'failed': {
            const failing = s.checks.filter(c => c.status === 'fail');
            return `${style.strong('failed')}${failing.length > 0 ? `: ${gates(failing)}` : ' (the reason is at the top)'}`;
        }
        case 'not-judged':
            return `${style.strong('not judged')}: no gate could fail this stage (allow-unjudged-stages)`;
        case 'proceeded':
            return `proceeded ${style.strong('without enough data')} (${style.text(s.reasons.join('; '))})`;
        case 'passing': {
            const over = s.checks.filter(c => c.overLimit);
            return `passing so far, not significant yet${words_PASSING_MARK}${over.length > 0 ? ` (${gates(over)} above the limit)` : ''}`;
        }
        default:
            return 'passed';
    }
}
/** One gate's verdict in the summary's words, with its icon. */
function words_gateWords(c, style = words_MARKDOWN) {
    const needs = style.text(c.needs ?? 'more data');
    if (c.status === 'fail')
        return { icon: '❌', words: 'failed' };
    if (c.unreachable)
        return {
            icon: '➖',
            words: `not judged at this traffic: needs ${needs}, more than the stage's traffic can bring (it fails only gross regressions)`
        };
    if (c.overLimit)
        return { icon: '⚠️', words: `passing so far, not significant yet${words_PASSING_MARK}` };
    if (!c.enoughData)
        return { icon: '❔', words: `not enough data yet: needs ${needs}` };
    return { icon: '✅', words: 'passed' };
}
/**
 * The log's verdict of a stage: the summary's kinds, with the reasons a log line needs (the log has no first
 * line that says them) and the gates a "passing so far" rests on.
 */
function words_stageEndWords(s, style) {
    const { checks, reasons } = s.verdict;
    if (stageVerdictKind({ decision: s.decision, checks }) !== 'passing')
        return verdictWords(s.decision, reasons, style);
    const over = checks.filter(c => c.overLimit).map(c => `${style.text(c.gate)} above the limit`);
    const short = shortOfData(checks).map(c => `${style.text(c.gate)} short of data`);
    return `passing so far, not significant yet (${[...over, ...short].join('; ')})`;
}
/** A stage's decision in words, with its reasons. */
function verdictWords(decision, reasons, style = words_MARKDOWN) {
    switch (decision) {
        case 'pass':
            return 'passed';
        case 'not-judged':
            return `${style.strong('not judged')}: no gate could fail this stage (allow-unjudged-stages)`;
        case 'proceeded-without-enough-data':
            return `proceeded ${style.strong('without enough data')} (${style.text(reasons.join('; '))})`;
        default:
            return `${style.strong('failed')}: ${style.text(reasons.join('; '))}`;
    }
}
function words_errors(v) {
    const rate = errorRate(v);
    return rate === undefined ? `${v.errors} err` : `${v.errors} err (${formatPercent(rate)})`;
}
function words_ms(v) {
    return v === undefined ? '–' : `${Math.round(v)} ms`;
}
function words_durationSeconds(o) {
    return Math.round((o.finishedAt - o.startedAt) / 1000);
}
/**
 * Icon, result, the functions, the versions and the reason, in one line. `escape` is the sink's: raw for the
 * data (each sink escapes it), markdownText for the summary's heading.
 */
function words_headlineOf(whole, subject, esc = text => text) {
    const versions = whole.previousVersion && whole.version ? ` (version ${esc(whole.previousVersion)} → ${esc(whole.version)})` : '';
    return `${words_ICON[whole.result]} lambda-canary ${whole.result} on ${esc(subject)}${versions}: ${esc(whole.reason)}`;
}

;// CONCATENATED MODULE: ./src/report/log.ts
// One log line per event worth a line, and the one mapping from an event to how loudly it is logged.




/** The log's style: external text on one line with no workflow command in it, no Markdown emphasis. */
const LOG = { text: logText, strong: words => words };
/** How loudly an event is logged: what needs a look is a warning; a failed rollback hook is an error. */
function log_logLevel(e) {
    if (e.type === 'hook' && !e.ok && e.hook === 'rollback')
        return { level: 'error', title: 'lambda-canary: rollback hook failed (the alias is restored)' };
    if (e.type === 'split-restored' || e.type === 'metrics-error' || e.type === 'conflict' || (e.type === 'hook' && !e.ok))
        return { level: 'warning' };
    if (e.type === 'stage-end' && (e.decision === 'proceeded-without-enough-data' || e.decision === 'not-judged'))
        return { level: 'warning' };
    return { level: 'info' };
}
/** One log line per event worth a line; polls are the progress lines of a bake. */
function logLine(e, run) {
    return log_eventLine(e, run, LOG);
}
/**
 * An event in words, its external text (AWS errors, smoke and hook answers, reasons) escaped by `style`:
 * the log's or the summary's. The timeline keeps the raw text.
 */
function log_eventLine(e, run, style) {
    const x = style.text;
    switch (e.type) {
        case 'preflight':
            return e.findings.map(f => `${f.level === 'ok' ? 'ok' : f.level}: ${x(f.message)}`).join('\n');
        case 'split-restored':
            return `restored the split alias from ${describeAlias(e.from)} to ${describeAlias(e.to)}`;
        case 'published':
            return `published version ${e.version} (CodeSha256 ${x(e.codeSha256)})`;
        case 'shift':
            return `stage ${e.stage}: alias "${run.alias}" now sends ${formatPercent(e.weight)} to the new version (${describeAlias(e.alias)}, RevisionId ${e.alias.revisionId})`;
        case 'poll':
            return `${pollPrefix(e)} ${clockTime(e.at)} ${pollBody(e, run, style)}`;
        case 'wait':
            return `stage ${e.stage} (${formatPercent(e.weight)}): ${waitWords(e, e.at)}`;
        case 'metrics-error':
            return `metrics read failed (${e.consecutive} in a row): ${x(e.message)}`;
        case 'stage-end':
            return `stage ${e.stage} (${formatPercent(e.weight)}) ended: ${stageEndWords(e, style)}`;
        case 'promote':
            return `promoted: alias "${run.alias}" now points at ${describeAlias(e.alias)}`;
        case 'restore':
            return e.ok && e.alias
                ? `restored: alias "${run.alias}" points at ${describeAlias(e.alias)} again (${x(e.reason)})`
                : `restore FAILED (${x(e.error ?? 'unknown error')}); reason for the restore: ${x(e.reason)}`;
        case 'conflict':
            return `conflict: expected RevisionId ${e.expectedRevisionId} (${describeAlias(e.ours)}), found ${e.theirs ? `${describeAlias(e.theirs)} (RevisionId ${e.theirs.revisionId})` : 'an unreadable alias'}; ${x(e.action)}`;
        case 'retry':
            return `retrying "${x(e.what)}" (attempt ${e.attempt} failed: ${x(e.error)})`;
        case 'manual-rollback':
            return `manual rollback: alias "${run.alias}" moved from version ${e.from} to ${describeAlias(e.alias)}`;
        case 'smoke':
            return `smoke test ${e.invocation}/${e.of} of the new version: ${e.ok ? 'passed' : 'FAILED'} (${x(e.detail)})`;
        case 'hook':
            return `${e.hook} hook "${x(e.functionName)}": ${e.ok ? 'passed' : 'FAILED'} (${x(e.detail)})`;
    }
}
function pollPrefix(e) {
    return `[stage ${e.stage} · ${formatPercent(e.weight)}]`;
}
/** A poll's counts and verdict: what repeats exactly when nothing new landed. */
function pollBody(e, run, style) {
    const n = e.counts.newVersion;
    const o = e.counts.oldVersion;
    const stat = run.gates.latencyStatistic;
    return (`new: ${n.invocations} inv, ${errors(n)}, ${stat} ${ms(e.sample.newVersion.latencyMs)} | old: ${o.invocations} inv, ${errors(o)}, ${stat} ${ms(e.sample.oldVersion.latencyMs)}` +
        `${e.counts.throttles ? ` | throttles ${e.counts.throttles}` : ''} → ${e.verdict.status}${e.verdict.reasons.length ? ` (${style.text(e.verdict.reasons.join('; '))})` : ''}`);
}
/** "12:04:10" (UTC), as the poll lines show time. */
function clockTime(at) {
    return new Date(at).toISOString().slice(11, 19);
}
/** "until 12:07:40 UTC (in 1m40s)", counted from `now`. */
function until(at, now) {
    return `until ${clockTime(at)} UTC (in ${formatDuration(Math.max(0, Math.ceil((at - now) / 1000)))})`;
}
const NEXT = { promotion: 'promotion', success: 'success', 'next-stage': 'the next stage' };
/** Why a stage goes on past its bake, which gates lack evidence, and until when it waits. */
function waitWords(w, now) {
    const short = w.lacking.map(g => `${g.gate}: ${g.has}, needs ${g.needs}`).join('; ');
    const ended = `the bake ended at ${clockTime(w.bakeEndedAt)} UTC`;
    switch (w.cause) {
        case 'late-datapoints':
            return (`${ended}; waiting for late datapoints ${until(w.until, now)} before ${NEXT[w.next]}, so that every period of the bake is complete for metric-lag — ` +
                (short ? `lacking evidence so far: ${short}` : 'every gate has its evidence so far'));
        case 'evidence':
            return `${ended}, but not every gate has its evidence; waiting for late datapoints ${until(w.until, now)}: the stage moves on as soon as they land, else on-insufficient-data decides — lacking evidence: ${short}`;
        case 'insufficient-data':
            return `not enough data once the bake's datapoints settled; on-insufficient-data: wait extends the stage ${until(w.until, now)}, then it fails — lacking evidence: ${short}`;
    }
}
/** A heartbeat at most this often while polls repeat. */
const HEARTBEAT_MS = 60_000;
/**
 * The bake's log without repeats: a poll line that would repeat the previous one (but for its time) is held back,
 * with a heartbeat at most once a minute saying how many polls were unchanged and, past the bake, what the stage
 * waits for. Every other event is logged as it comes. Returns the text to log, or undefined for none.
 */
function log_progressLog(run) {
    let last;
    let wait;
    return e => {
        if (e.type === 'wait')
            wait = e;
        if (e.type === 'shift' || e.type === 'promote' || e.type === 'stage-end')
            [last, wait] = [undefined, undefined];
        if (e.type !== 'poll')
            return logLine(e, run);
        const body = pollBody(e, run, LOG);
        if (last?.body !== body) {
            last = { body, shownAt: e.at, since: e.at, held: 0 };
            return logLine(e, run);
        }
        last.held++;
        if (e.at - last.shownAt < HEARTBEAT_MS)
            return undefined;
        const polls = `${last.held} poll${last.held > 1 ? 's' : ''} unchanged since ${clockTime(last.since)}`;
        const still = wait
            ? `still waiting for ${wait.cause === 'late-datapoints' ? 'late datapoints' : 'evidence'} ${until(wait.until, e.at)}`
            : 'still watching';
        last.shownAt = e.at;
        return `${pollPrefix(e)} ${clockTime(e.at)} ${still}: ${polls} (${body})`;
    };
}

;// CONCATENATED MODULE: ./src/report/summary.ts
// The job summary of one function's run: result and reason first (the only place the reason is said), the
// stages, the gates, the charts, the preflight, the checks before traffic, what happened to the alias and where
// to look. A manual rollback has its own short summary; the post step's restore has one too.









/** GITHUB_STEP_SUMMARY takes at most 1 MiB per step (bytes, not characters); stay well under it. */
const SUMMARY_LIMIT = 900 * 1024;
/** `env`: the runner's variables, for who asked for a manual rollback. */
function summary_summaryMarkdown(outcome, run, env = process.env) {
    if (outcome.mode === 'rollback')
        return manualRollbackSummary(outcome, run, env);
    const lines = [];
    lines.push(`## ${headlineOf(outcome, `${outcome.function.name}:${outcome.alias}`, md)}`, '');
    lines.push('| Function | Alias | Old → new | Strategy | Result | Duration |', '| --- | --- | --- | --- | --- | --- |', `| \`${outcome.function.name}\` | \`${outcome.alias}\` | ${md(outcome.previousVersion ?? '–')} → ${md(outcome.version ?? '–')} | ${md(outcome.strategy.name)} | **${outcome.result}** | ${formatDuration(durationSeconds(outcome))} |`, '');
    lines.push(...stagesSection(outcome, run));
    lines.push(...preflightSection(outcome), ...checksSection(outcome.timeline, run));
    const notable = outcome.timeline.filter(e => e.type === 'restore' || e.type === 'conflict' || e.type === 'split-restored');
    if (notable.length > 0) {
        lines.push('### What happened to the alias', '');
        for (const e of notable)
            lines.push(`- ${aliasEventLine(e, run)}`);
        lines.push('');
    }
    if (outcome.restoreCommand) {
        lines.push('### ⚠️ The alias is NOT restored', '', 'Run this to put it back:', '', '```sh', outcome.restoreCommand, '```', '');
    }
    if (isFailure(outcome))
        lines.push(...whereToLook(outcome, run));
    return summary_capped(lines.join('\n'));
}
/** A restore without its reason (the summary's first line has it); the other alias events as the log says them. */
function aliasEventLine(e, run) {
    if (e.type !== 'restore')
        return eventLine(e, run, MARKDOWN);
    if (e.ok && e.alias)
        return `restored: alias "${run.alias}" points at ${describeAlias(e.alias)} again`;
    return `restore FAILED: ${md(e.error ?? 'unknown error')}${e.alias ? `; the alias reads ${describeAlias(e.alias)}` : ''}`;
}
/** The preflight's findings; the one that stopped the run points to the first line, which says it already. */
function preflightSection(outcome) {
    const preflight = outcome.timeline.find(e => e.type === 'preflight');
    if (preflight?.type !== 'preflight' || preflight.findings.length === 0)
        return [];
    const said = (f) => f.level === 'error' && f.message !== '' && outcome.reason.startsWith(f.message);
    const lines = preflight.findings.flatMap(f => (said(f) ? ['- ❌ the reason at the top'] : summary_findingLines([f])));
    return ['### Preflight', '', ...lines, ''];
}
function checksSection(timeline, run) {
    const checks = timeline.filter(e => e.type === 'smoke' || e.type === 'hook');
    if (checks.length === 0)
        return [];
    return ['### Smoke test and hooks', '', ...checks.map(e => `- ${'ok' in e && e.ok ? '✅' : '❌'} ${eventLine(e, run, MARKDOWN)}`), ''];
}
function summary_findingLines(findings) {
    return findings.map(f => `- ${f.level === 'ok' ? '✅' : f.level === 'warning' ? '⚠️' : '❌'} ${md(f.message)}`);
}
const TRUNCATED_NOTE = "**… summary truncated to stay under GitHub's 1 MiB limit.** The whole timeline is in the file named by the `timeline-file` output.";
/** The summary within SUMMARY_LIMIT bytes: cut at a line, an open code block closed, and a note that says so. */
function summary_capped(text) {
    if (Buffer.byteLength(text) <= SUMMARY_LIMIT)
        return text;
    const room = SUMMARY_LIMIT - Buffer.byteLength(TRUNCATED_NOTE) - 16;
    const head = Buffer.from(text).subarray(0, room).toString('utf8');
    const lines = head.slice(0, Math.max(0, head.lastIndexOf('\n'))).split('\n');
    const fences = lines.filter(l => l.startsWith('```')).length;
    return `${lines.join('\n')}\n${fences % 2 === 1 ? '```\n' : ''}\n${TRUNCATED_NOTE}\n`;
}
function stagesSection(outcome, run) {
    const stages = stageRecords(outcome.timeline);
    if (stages.length === 0)
        return [];
    const stat = run.gates.latencyStatistic;
    const lines = [
        '### Stages',
        '',
        `| Stage | Weight | Time | New: invocations | New: errors | New: ${stat}¹ | Old: invocations | Old: errors | Old: ${stat}¹ | Throttles | Enough data | Verdict |`,
        '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |'
    ];
    for (const s of stages) {
        lines.push(`| ${s.stage} | ${formatPercent(s.weight)} | ${formatDuration(Math.round((s.endedAt - s.startedAt) / 1000))} | ${s.newVersion.invocations} | ${errors(s.newVersion)} | ${ms(s.newVersion.latencyMs)} | ${s.oldVersion.invocations} | ${errors(s.oldVersion)} | ${ms(s.oldVersion.latencyMs)} | ${s.throttles} | ${enoughWords(s.checks)} | ${stageVerdictWords(s)} |`);
    }
    lines.push('', `¹ over everything since the first shift, as the gates judge it; invocations and errors are the stage's own.`, '');
    const deciding = stages.at(-1);
    const gates = deciding ? gateLines(deciding) : [];
    // Wherever the mark shows (a stage's verdict, or one gate of a stage that failed on another), its note does too.
    if ([...lines, ...gates].some(l => l.includes(PASSING_MARK)))
        lines.push(passingNote(run.gates.confidence), '');
    lines.push(...gates);
    const chart = mermaidChart(outcome);
    if (chart)
        lines.push('### Traffic and error rates over time', '', chart, '');
    return lines;
}
/** The gates of the stage that decided, with what each observed and its verdict in words. */
function gateLines(deciding) {
    const lines = [`**Gates in stage ${deciding.stage}** (on everything since the first shift):`, ''];
    for (const c of deciding.checks) {
        const { icon, words } = gateWords(c);
        lines.push(`- ${icon} ${md(c.gate)}: ${md(c.observed)} (limit ${md(c.limit)}) — ${words}`);
    }
    lines.push('');
    return lines;
}
function whereToLook(outcome, run) {
    const name = outcome.function.name;
    const region = run.region ?? 'us-east-1';
    const console = `https://${region}.console.aws.amazon.com`;
    return [
        '### Where to look',
        '',
        `- Alias in the Lambda console: ${console}/lambda/home?region=${region}#/functions/${name}/aliases/${outcome.alias}`,
        `- ${outcome.version ? `Version ${outcome.version} logs` : 'Logs'}: ${console}/cloudwatch/home?region=${region}#logsV2:log-groups/log-group/$252Faws$252Flambda$252F${name}`,
        `- Metrics: AWS/Lambda Errors, Invocations, Duration with dimensions FunctionName=${name}, Resource=${name}:${outcome.alias}, ExecutedVersion=${outcome.version ?? 'N'}`,
        `- From a shell: \`aws lambda get-alias --function-name ${name} --name ${outcome.alias}${run.region ? ` --region ${run.region}` : ''}\``,
        ''
    ];
}
/**
 * mode: rollback — no strategy, stages or gates: which versions, who asked, how to undo it. The reason is said
 * once, in the first line.
 */
function manualRollbackSummary(outcome, run, env) {
    const from = outcome.previousVersion;
    const to = outcome.version;
    const lines = [
        `## ${headlineOf(outcome, `${outcome.function.name}:${outcome.alias}`, md)}`,
        '',
        '| Function | Alias | From → to | Asked by | Result | Duration |',
        '| --- | --- | --- | --- | --- | --- |',
        `| \`${outcome.function.name}\` | \`${outcome.alias}\` | ${md(from ?? '–')} → ${md(to ?? '–')} | ${askedBy(env)} | **${outcome.result}** | ${formatDuration(durationSeconds(outcome))} |`,
        ''
    ];
    if (outcome.result === 'rolled-back' && from) {
        const undo = restoreCommand({ functionId: outcome.function.id, alias: outcome.alias, region: run.region }, from);
        lines.push('### To undo it', '', `Run this workflow again with \`rollback-to: ${md(from)}\` (it records the move in the alias's description), or from a shell:`, '', '```sh', undo, '```', '');
    }
    if (outcome.restoreCommand) {
        lines.push('### ⚠️ The rollback is NOT done', '', 'Run this to roll back by hand:', '', '```sh', outcome.restoreCommand, '```', '');
    }
    lines.push(...checksSection(outcome.timeline, run), ...preflightSection(outcome));
    return summary_capped(lines.join('\n'));
}
/** Who started the run and from which workflow, from the runner's variables (text from outside: escaped). */
function askedBy(env) {
    const actor = env.GITHUB_TRIGGERING_ACTOR || env.GITHUB_ACTOR;
    const workflow = env.GITHUB_WORKFLOW;
    const event = env.GITHUB_EVENT_NAME;
    const parts = [
        actor ? md(actor) : undefined,
        workflow ? `workflow "${md(workflow)}"${event ? ` (${md(event)})` : ''}` : event ? md(event) : undefined
    ].filter(Boolean);
    return parts.length > 0 ? parts.join(', ') : 'this run (no GitHub context)';
}
/**
 * The post step's summary when it restored an alias, left one alone or could not restore it: what it found, what
 * it did, and the command when it failed. Undefined when it had nothing to do.
 */
function recoverySummary(reports) {
    const shown = reports.filter(r => r.recovery.action !== 'nothing');
    if (shown.length === 0)
        return undefined;
    const failed = shown.some(r => r.recovery.action === 'failed');
    const restored = shown.every(r => r.recovery.action === 'restored');
    const subjects = shown.map(r => `${hygiene_markdownText(r.checkpoint.functionId)}:${hygiene_markdownText(r.checkpoint.alias)}`).join(', ');
    const lines = [
        `## ${failed ? '❌' : restored ? '⏪' : '⚠️'} lambda-canary post step on ${subjects}: ${failed ? 'an alias is NOT restored' : restored ? 'alias restored' : 'alias left as it is'}`,
        '',
        'The main step did not finish its deployment (the workflow was cancelled, the job timed out or the step was killed); this post step checked what it left.',
        ''
    ];
    for (const { checkpoint: cp, recovery } of shown) {
        lines.push(...(shown.length > 1 ? [`### ${hygiene_markdownText(cp.functionId)}`, ''] : []), `- **Found**: the release of version ${hygiene_markdownText(cp.newVersion)} over version ${hygiene_markdownText(cp.oldVersion)} on alias "${hygiene_markdownText(cp.alias)}" unfinished (from the main step's saved state).`, `- **Did**: ${hygiene_markdownText(recovery.message)}.`, '');
        if (recovery.action === 'failed' && recovery.command)
            lines.push('Run this to put the alias back:', '', '```sh', recovery.command, '```', '');
    }
    return summary_capped(lines.join('\n'));
}

;// CONCATENATED MODULE: ./src/report/lockstep.ts
// Several functions released in lockstep: one result for the release, one set of outputs, one summary
// with a row per function per stage. Who stopped the release is read from the outcomes' causes.





function lockstep_combineOutcomes(outcomes, run) {
    const has = (r) => outcomes.some(o => o.result === r);
    const result = has('failed')
        ? 'failed'
        : has('rolled-back')
            ? 'rolled-back'
            : outcomes.every(o => o.result === 'unchanged')
                ? 'unchanged'
                : has('planned')
                    ? 'planned'
                    : 'promoted';
    const list = (pick) => outcomes.map(o => `${o.function.name}=${pick(o) ?? ''}`).join(',');
    const restoreCommands = outcomes.flatMap(o => (o.restoreCommand ? [o.restoreCommand] : []));
    return {
        result,
        reason: combinedReason(outcomes, result),
        mode: run.mode,
        version: list(o => o.version),
        previousVersion: list(o => o.previousVersion),
        aliasArn: outcomes.map(o => o.aliasArn ?? '').join(','),
        startedAt: Math.min(...outcomes.map(o => o.startedAt)),
        finishedAt: Math.max(...outcomes.map(o => o.finishedAt)),
        ...(restoreCommands.length > 0 ? { restoreCommand: restoreCommands.join('\n') } : {})
    };
}
/** The function that stopped the release explains it; the others only say how they ended. */
function combinedReason(outcomes, result) {
    if (result === 'promoted') {
        return `${outcomes.length} functions promoted together: ${outcomes.map(o => `${o.function.name} ${o.previousVersion ?? '?'} → ${o.version ?? '?'}`).join(', ')}`;
    }
    const stopper = outcomes.find(stoppedTheRelease);
    if (!stopper)
        return outcomes.map(o => `${o.function.name}: ${o.reason}`).join('; ');
    const others = outcomes
        .filter(o => o !== stopper)
        .map(o => `${o.function.name}: ${o.result}`)
        .join(', ');
    return `${stopper.function.name}: ${stopper.reason}; ${result === 'failed' ? 'the other functions stopped' : 'every function was restored'} (${others})`;
}
/**
 * A function's reason in the table, unless the first line says it already: the function that stopped the release,
 * and those that stopped because of it, point there.
 */
function reasonCell(o, combined) {
    if (combined.reason.startsWith(`${o.function.name}: ${o.reason}`))
        return 'stopped the release (the reason is at the top)';
    if (o.cause.kind === 'member-failed')
        return `stopped with the others because ${md(o.cause.member)} failed (the reason is at the top)`;
    return md(o.reason);
}
/** The summary of a lockstep release: one table with a row per function per stage. */
function lockstep_lockstepSummary(outcomes, run, combined) {
    const names = outcomes.map(o => o.function.name);
    const lines = [
        `## ${ICON[combined.result]} lambda-canary ${combined.result} on ${names.join(', ')} (alias ${run.alias}, in lockstep): ${md(combined.reason)}`,
        '',
        '| Function | Old → new | Result | Reason |',
        '| --- | --- | --- | --- |',
        ...outcomes.map(o => `| \`${o.function.name}\` | ${md(o.previousVersion ?? '–')} → ${md(o.version ?? '–')} | **${o.result}** | ${reasonCell(o, combined)} |`),
        ''
    ];
    const stat = run.gates.latencyStatistic;
    const rows = outcomes.flatMap(o => stageRecords(o.timeline).map(r => ({ r, name: o.function.name })));
    if (rows.length > 0) {
        lines.push('### Stages', '', `| Stage | Function | Weight | New: invocations | New: errors | New: ${stat}¹ | Old: invocations | Old: errors | Old: ${stat}¹ | Enough data | Verdict |`, '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |');
        rows.sort((a, b) => a.r.stage - b.r.stage || names.indexOf(a.name) - names.indexOf(b.name));
        for (const { r, name } of rows) {
            lines.push(`| ${r.stage} | \`${name}\` | ${formatPercent(r.weight)} | ${r.newVersion.invocations} | ${errors(r.newVersion)} | ${ms(r.newVersion.latencyMs)} | ${r.oldVersion.invocations} | ${errors(r.oldVersion)} | ${ms(r.oldVersion.latencyMs)} | ${enoughWords(r.checks)} | ${stageVerdictWords(r)} |`);
        }
        lines.push('', '¹ over everything since the first shift, as the gates judge it.', '');
        if (lines.some(l => l.includes(PASSING_MARK)))
            lines.push(passingNote(run.gates.confidence), '');
    }
    if (combined.restoreCommand)
        lines.push('### ⚠️ Not every alias is restored', '', 'Run this to put them back:', '', '```sh', combined.restoreCommand, '```', '');
    for (const o of outcomes) {
        const preflight = o.timeline.find(e => e.type === 'preflight');
        if (preflight?.type !== 'preflight')
            continue;
        lines.push(`### Preflight of \`${o.function.name}\``, '', ...findingLines(preflight.findings), '');
    }
    return capped(lines.join('\n'));
}

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(8161);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
;// CONCATENATED MODULE: ./src/report/outputs.ts
// The step's outputs, named by the Outputs constant: the same for one function or several. The `timeline`
// output is bounded (TIMELINE_OUTPUT_LIMIT); the whole timeline goes to a file, its path in `timeline-file`.






/**
 * Bytes the `timeline` output may take: a later step reads it through an environment variable or an
 * expression, and Linux refuses a single environment string over 128 KiB (the step would not even start).
 */
const TIMELINE_OUTPUT_LIMIT = (/* unused pure expression or super */ null && (64 * 1024));
/** The runner's temporary directory (one fresh directory per step), or the system's outside a runner. */
function outputs_runnerTempWriter(env = process.env) {
    return json => {
        try {
            const dir = mkdtempSync(join(env.RUNNER_TEMP || tmpdir(), 'lambda-canary-'));
            const path = join(dir, 'timeline.json');
            writeFileSync(path, json);
            return path;
        }
        catch {
            return undefined;
        }
    };
}
const iso = (t) => new Date(t).toISOString();
/** The `timeline` of one function: every stage and its verdict, and the events that changed the alias. */
function timelineOf(outcome) {
    const events = outcome.timeline.filter(e => e.type !== 'poll' && e.type !== 'stage-end').map(e => ({ ...e, at: iso(e.at) }));
    return {
        ...header(outcome),
        stages: stageRecords(outcome.timeline).map(s => ({ ...s, startedAt: iso(s.startedAt), endedAt: iso(s.endedAt) })),
        events
    };
}
function header(outcome) {
    return {
        result: outcome.result,
        reason: outcome.reason,
        function: outcome.function.name,
        alias: outcome.alias,
        version: outcome.version ?? null,
        previousVersion: outcome.previousVersion ?? null,
        strategy: outcome.strategy.name,
        startedAt: iso(outcome.startedAt),
        finishedAt: iso(outcome.finishedAt)
    };
}
/** The events that say what happened to the alias beyond the stages (each shift is a stage already). */
const ALIAS_EVENTS = new Set(['split-restored', 'promote', 'restore', 'conflict', 'manual-rollback']);
/** A stage in a few numbers: when it ended and how long it took, its counts, no gate checks, no totals since the first shift. */
function compactStage(s) {
    const version = (v) => ({ invocations: v.invocations, errors: v.errors, latencyMs: v.latencyMs ?? null });
    return {
        stage: s.stage,
        weight: s.weight,
        endedAt: iso(s.endedAt),
        seconds: Math.round((s.endedAt - s.startedAt) / 1000),
        decision: s.decision,
        newVersion: version(s.newVersion),
        oldVersion: version(s.oldVersion),
        ...(s.throttles > 0 ? { throttles: s.throttles } : {}),
        ...(s.reasons.length > 0 ? { reasons: s.reasons.map(r => cut(r, 500)) } : {})
    };
}
/**
 * Shorter and shorter forms of one function's timeline: `level` 1 keeps every stage in a few numbers and the
 * alias's events; 2 keeps only the stages that did not pass and the last one, saying how many it left out.
 */
function shortTimelineOf(outcome, level) {
    const stages = stageRecords(outcome.timeline);
    const kept = level === 1 ? stages : stages.filter((s, i) => s.decision !== 'pass' || i === stages.length - 1);
    const events = outcome.timeline.filter(e => ALIAS_EVENTS.has(e.type)).map(e => ({ ...e, at: iso(e.at) }));
    return {
        ...header(outcome),
        reason: cut(outcome.reason, 2000),
        stages: kept.map(compactStage),
        ...(kept.length < stages.length ? { omittedStages: stages.length - kept.length } : {}),
        events: level === 1 ? events : events.slice(-10)
    };
}
function cut(text, max) {
    return text.length > max ? `${text.slice(0, max)}…` : text;
}
const SHORTENED = 'the whole timeline is larger than the 64 KB this output may take; it is in the file named by the timeline-file output';
/**
 * The `timeline` output: the whole timeline when it fits TIMELINE_OUTPUT_LIMIT, else the longest shorter form
 * that fits (marked `truncated`), else the result and reason alone.
 */
function boundedTimeline(full, shorter, head) {
    if (Buffer.byteLength(full) <= TIMELINE_OUTPUT_LIMIT)
        return full;
    for (const level of [1, 2]) {
        const text = shorter ? JSON.stringify({ ...shorter(level), truncated: true, note: SHORTENED }) : undefined;
        if (text !== undefined && Buffer.byteLength(text) <= TIMELINE_OUTPUT_LIMIT)
            return text;
    }
    return JSON.stringify({ result: head.result, reason: cut(head.reason, 4000), truncated: true, note: SHORTENED });
}
/**
 * The same JSON, with nothing a runner could read as a workflow command should a later step echo it: `::` and
 * `##[` (which can only occur inside strings) and the line separators written as \u escapes. JSON.parse gives
 * back the same values.
 */
function commandFreeJson(json) {
    return json
        .replace(/:(?=:)/g, '\\u003a')
        .replace(/##\[/g, '\\u0023#[')
        .replace(/\u2028/g, '\\u2028')
        .replace(/\u2029/g, '\\u2029')
        .replace(/\u0085/g, '\\u0085');
}
/** Text outputs are one bounded line (outputText); `timeline` is JSON, whose strings keep the raw text escaped as JSON. */
function outputsOf(release, timeline, file) {
    return {
        [Outputs.Result]: release.result,
        [Outputs.Version]: outputText(release.version ?? ''),
        [Outputs.PreviousVersion]: outputText(release.previousVersion ?? ''),
        [Outputs.Reason]: outputText(release.reason),
        [Outputs.AliasArn]: outputText(release.aliasArn ?? ''),
        [Outputs.DurationSeconds]: String(durationSeconds(release)),
        [Outputs.Timeline]: commandFreeJson(timeline),
        [Outputs.TimelineFile]: file ?? ''
    };
}
function outputs_outputs(outcome, write = outputs_runnerTempWriter()) {
    const full = JSON.stringify(timelineOf(outcome));
    return outputsOf(outcome, boundedTimeline(full, level => shortTimelineOf(outcome, level), outcome), write(full));
}
/** Several functions: the combined result, and a timeline per function. */
function outputs_lockstepOutputs(outcomes, combined, write = outputs_runnerTempWriter()) {
    const head = { result: combined.result, reason: combined.reason };
    const full = JSON.stringify({ ...head, functions: outcomes.map(timelineOf) });
    const shorter = (level) => ({ ...head, reason: cut(head.reason, 4000), functions: outcomes.map(o => shortTimelineOf(o, level)) });
    return outputsOf(combined, boundedTimeline(full, shorter, head), write(full));
}

;// CONCATENATED MODULE: ./src/report/slack.ts



/** The workflow run's page, from the runner's environment. */
function runUrl(env = process.env) {
    const { GITHUB_SERVER_URL: server, GITHUB_REPOSITORY: repo, GITHUB_RUN_ID: id } = env;
    return server && repo && id ? `${server}/${repo}/actions/runs/${id}` : undefined;
}
/** The commit as "abc1234", linked to its page when the runner's environment names a plain server and repository. */
function commitText(env = process.env) {
    const sha = env.GITHUB_SHA?.trim();
    if (!sha)
        return undefined;
    if (!/^[0-9a-f]{7,64}$/i.test(sha))
        return slackCode(clip(sha, 40));
    const short = sha.slice(0, 7);
    const { GITHUB_SERVER_URL: server, GITHUB_REPOSITORY: repo } = env;
    // Only characters that cannot end or split a Slack link (no | > < & or space) reach the <url|label> form.
    const plain = server && repo && /^https?:\/\/[A-Za-z0-9.-]+(:\d{1,5})?$/.test(server) && /^[\w.-]+\/[\w.-]+$/.test(repo);
    return plain ? `<${server}/${repo}/commit/${sha}|${short}>` : `\`${short}\``;
}
/** Who started the run, and who re-ran it when that was someone else. */
function actorText(env = process.env) {
    const actor = env.GITHUB_ACTOR?.trim();
    const triggering = env.GITHUB_TRIGGERING_ACTOR?.trim();
    if (!actor)
        return triggering ? slackText(clip(triggering, 100)) : undefined;
    const rerun = triggering && triggering !== actor ? ` (run by ${clip(triggering, 100)})` : '';
    return slackText(`${clip(actor, 100)}${rerun}`);
}
/** "demo-api:live", or "a, b (alias live, in lockstep)" as the report names a lockstep release. */
function subjectOf(names, alias) {
    return names.length === 1 ? `${names[0]}:${alias}` : `${names.join(', ')} (alias ${alias}, in lockstep)`;
}
function versionsOf(ready) {
    const [only] = ready;
    if (only && ready.length === 1)
        return `${only.oldVersion} → ${only.newVersion}`;
    return ready.map(r => `${r.name} ${r.oldVersion} → ${r.newVersion}`).join(', ');
}
const codes = (names) => ({ codes: names.map(n => slackCode(n, 300)).join(', ') });
/** Fields every message has: raw values (escaped here) or code spans, then the environment, commit and actor. */
function facts(raw, run, env) {
    const escaped = raw.map(([k, v]) => [k, typeof v === 'string' ? slackText(v, 1900) : v.codes]);
    const commit = commitText(env);
    const actor = actorText(env);
    const more = [
        ...(run.notify.environment ? [['Environment', slackCode(run.notify.environment, 1900)]] : []),
        ...(commit ? [['Commit', commit]] : []),
        ...(actor ? [['Actor', actor]] : [])
    ];
    return { type: 'section', fields: [...escaped, ...more].map(([k, v]) => ({ type: 'mrkdwn', verbatim: true, text: `*${k}*\n${v}` })) };
}
function runButton(env) {
    const url = runUrl(env);
    return url ? [{ type: 'actions', elements: [{ type: 'button', text: { type: 'plain_text', text: 'Open the workflow run' }, url }] }] : [];
}
/** A header is plain_text: Slack shows it as it is, no mention or link can form in it. */
function slack_header(title) {
    return { type: 'header', text: { type: 'plain_text', text: clip(title, 150), emoji: true } };
}
function section(text) {
    return { type: 'section', text: { type: 'mrkdwn', verbatim: true, text } };
}
/** "10% → 25% → 100%, watched 10m at 100%": the stages, shortened past eight. */
function planWords(plan) {
    const weights = plan.stages.map(s => formatPercent(s.weight));
    const shown = weights.length > 8 ? [...weights.slice(0, 3), '…', ...weights.slice(-2)] : weights;
    const watched = plan.finalBakeSeconds > 0 ? `, watched ${formatDuration(plan.finalBakeSeconds)} at 100%` : '';
    return `${[...shown, '100%'].join(' → ')}${watched}`;
}
/** Traffic is about to move: what, from which version to which, and how. */
function slackStartMessage(ready, run, env = process.env) {
    const subject = subjectOf(ready.map(r => r.name), run.alias);
    const versions = versionsOf(ready);
    const manual = ready.some(r => r.manualRollback);
    const how = manual ? 'manual rollback: the alias moves to the chosen version at once' : `${run.plan.name}: ${planWords(run.plan)}`;
    const blocks = [
        slack_header(`${manual ? '⏪' : '🚀'} ${subject} ${manual ? 'manual rollback starting' : 'release starting'}`),
        section(slackText(`Traffic is about to move (version ${versions}). ${how}`)),
        facts([
            [ready.length > 1 ? 'Functions' : 'Function', codes(ready.map(r => r.name))],
            ['Alias', codes([run.alias])],
            ['Version', versions],
            ['Strategy', manual ? 'manual rollback' : run.plan.name]
        ], run, env),
        ...runButton(env)
    ];
    return { text: slackText(`${manual ? '⏪' : '🚀'} lambda-canary starting on ${subject} (version ${versions}): ${how}`), blocks };
}
const STAGE_ICON = { pass: '🟢', fail: '🔴', 'proceeded-without-enough-data': '🟡', 'not-judged': '⚪' };
const STAGE_WORDS = {
    pass: 'passed',
    fail: 'failed',
    'proceeded-without-enough-data': 'proceeded without enough data',
    'not-judged': 'not judged'
};
const SEVERITY = (/* unused pure expression or super */ null && (['fail', 'proceeded-without-enough-data', 'not-judged', 'pass']));
/** A stage's numbers: this stage's invocations and errors, latency since the first shift, new then old. */
function stageNumbers(r, stat) {
    const side = (v) => `${v.invocations} invocations, ${errors(v)}, ${stat} ${ms(v.latencyMs)}`;
    return `new ${side(r.newVersion)} · old ${side(r.oldVersion)}`;
}
/** "stage 1 of 2 at 10%", or "the final bake at 100%". */
function stageLabel(stage, weight, plan) {
    return weight >= 1 ? 'the final bake at 100%' : `stage ${stage} of ${plan.stages.length} at ${formatPercent(weight)}`;
}
/** What follows a stage that did not fail. */
function nextWords(stage, weight, plan) {
    if (weight >= 1)
        return 'The release ends once its last checks are done';
    const next = plan.stages[stage];
    return next ? `Next: ${formatPercent(next.weight)}` : 'Next: 100% (promotion)';
}
/**
 * One stage's verdict, for one function or every function of a lockstep (the worst verdict heads it).
 * `mention`: the stage failed and no finish message will carry the mention.
 */
function slackStageMessage(ends, ready, run, mention, env = process.env) {
    const [first] = ends;
    const stage = first?.event.stage ?? 0;
    const weight = first?.event.weight ?? 0;
    const decision = SEVERITY.find(d => ends.some(e => e.event.decision === d)) ?? 'pass';
    const subject = subjectOf(ready.map(r => r.name), run.alias);
    const label = stageLabel(stage, weight, run.plan);
    const reasons = ends.flatMap(e => e.event.decision === 'pass' ? [] : e.event.verdict.reasons.map(r => (ends.length > 1 ? `${e.name}: ${r}` : r)));
    const after = decision === 'fail' ? 'The release stops and the alias is restored' : nextWords(stage, weight, run.plan);
    const tag = mention && decision === 'fail' && run.notify.slackMention ? `${run.notify.slackMention} ` : '';
    const words = `${label[0]?.toUpperCase()}${label.slice(1)} ${STAGE_WORDS[decision]}${reasons.length > 0 ? `: ${reasons.join('; ')}` : ''}. ${after}.`;
    const stat = run.gates.latencyStatistic;
    const numbers = ends.flatMap(e => stageRecords([e.event]).map(r => `${ends.length > 1 ? `${e.name}: ` : ''}${stageNumbers(r, stat)}`));
    const versions = versionsOf(ready);
    const blocks = [
        slack_header(`${STAGE_ICON[decision]} ${subject} ${label} ${STAGE_WORDS[decision]}`),
        section(`${tag}${slackText(words, 3000 - tag.length)}`),
        facts([
            [ready.length > 1 ? 'Functions' : 'Function', codes(ready.map(r => r.name))],
            ['Alias', codes([run.alias])],
            ['Version', versions]
        ], run, env)
    ];
    if (numbers.length > 0)
        blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', verbatim: true, text: slackText(numbers.join('\n')) }] });
    blocks.push(...runButton(env));
    const text = `${tag}${slackText(`${STAGE_ICON[decision]} lambda-canary ${subject} (version ${versions}): ${label} ${STAGE_WORDS[decision]}`, 3000 - tag.length)}`;
    return { text, blocks };
}
/** The end of the run: its result and reason; the mention when it failed or rolled back. */
function slackMessage(release, run, env = process.env) {
    const { whole, outcomes } = release;
    const mention = release.failed && run.notify.slackMention ? `${run.notify.slackMention} ` : '';
    const what = run.mode === 'rollback' ? (whole.result === 'rolled-back' ? 'manual rollback done' : `manual rollback ${whole.result}`) : whole.result;
    const stages = outcomes.length === 1 && outcomes[0] ? stageRecords(outcomes[0].timeline) : [];
    const deciding = stages[stages.length - 1];
    const stat = run.gates.latencyStatistic;
    const numbers = deciding ? `Stage ${deciding.stage} at ${formatPercent(deciding.weight)}: ${stageNumbers(deciding, stat)}` : undefined;
    const blocks = [
        slack_header(`${ICON[whole.result]} ${release.subject} ${what}`),
        section(`${mention}${slackText(whole.reason, 3000 - mention.length)}`),
        facts([
            [outcomes.length > 1 ? 'Functions' : 'Function', codes(outcomes.map(o => o.function.name))],
            ['Alias', codes([run.alias])],
            ['Version', `${whole.previousVersion ?? '–'} → ${whole.version ?? '–'}`],
            ['Strategy', run.mode === 'rollback' ? 'manual rollback' : run.plan.name],
            ['Result', `*${whole.result}*`],
            ['Duration', formatDuration(durationSeconds(whole))]
        ], run, env)
    ];
    if (numbers)
        blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', verbatim: true, text: slackText(numbers) }] });
    blocks.push(...runButton(env));
    // The notification's text is mrkdwn too: the headline carries the reason, escaped like the blocks.
    return { text: `${mention}${slackText(release.headline, 3000 - mention.length)}`, blocks };
}

;// CONCATENATED MODULE: ./src/report/index.ts
// The one report path, for one function or several in lockstep: from the self-describing outcomes and the
// run's settings to the outputs, the job summary, the closing annotation and the Slack message.









/** `write`: where the whole timeline goes (a file under RUNNER_TEMP; its path is the `timeline-file` output). */
function releaseReport(outcomes, run, write = runnerTempWriter()) {
    const single = outcomes.length === 1 ? outcomes[0] : undefined;
    if (single) {
        const subject = `${single.function.name}:${single.alias}`;
        const headline = headlineOf(single, subject);
        return {
            ...common(outcomes, single, subject),
            outputs: outputs(single, write),
            summary: summaryMarkdown(single, run),
            closing: headline,
            ...(single.restoreCommand ? { unrestored: `${unrestoredWords(run)} Run: ${single.restoreCommand}` } : {})
        };
    }
    const combined = combineOutcomes(outcomes, run);
    return {
        ...common(outcomes, combined, `${outcomes.map(o => o.function.name).join(', ')} (alias ${run.alias}, in lockstep)`),
        outputs: lockstepOutputs(outcomes, combined, write),
        summary: lockstepSummary(outcomes, run, combined),
        closing: `${combined.result === 'promoted' ? '✅' : '❌'} lambda-canary ${combined.result} (lockstep): ${combined.reason}`,
        ...(combined.restoreCommand ? { unrestored: `Not every alias is restored. Run: ${combined.restoreCommand}` } : {})
    };
}
/** A failed write leaves the alias where it should not be: for the rollback button, not where it was asked to go. */
function unrestoredWords(run) {
    return run.mode === 'rollback' ? 'The alias was NOT moved back.' : 'The alias is NOT restored.';
}
function common(outcomes, whole, subject) {
    return { outcomes, whole, subject, headline: headlineOf(whole, subject), failed: isFailure(whole) };
}

;// CONCATENATED MODULE: ./src/adapters/github.ts
// GitHub adapter: inputs, outputs, saved state, job summary, log groups (always closed) and annotations.




const readInput = (name) => core.getInput(name);
/** The checkpoints of the functions this run was releasing (one, or several in lockstep). */
function loadCheckpoints() {
    const raw = lib_core/* getState */.Gu(constants/* State */.Uw.Deployment);
    if (!raw)
        return [];
    const parsed = JSON.parse(raw);
    return Array.isArray(parsed) ? parsed : [parsed];
}
/** Every function's latest checkpoint is saved together, so the post step sees them all. */
function checkpointSaver() {
    const latest = new Map();
    return member => checkpoint => {
        latest.set(member, checkpoint);
        const ordered = [...latest.entries()].sort(([a], [b]) => a - b).map(([, c]) => c);
        core.saveState(State.Deployment, JSON.stringify(ordered));
    };
}
/**
 * The log has one group open at most (everything between ::group:: and ::endgroup:: folds into it): opening one
 * closes the one before, and `closeLogGroup` ends whatever is open.
 */
let groupOpen = false;
function openLogGroup(title) {
    closeLogGroup();
    core.startGroup(title);
    groupOpen = true;
}
function closeLogGroup() {
    if (!groupOpen)
        return;
    core.endGroup();
    groupOpen = false;
}
/** Events of a stage's bake: logged inside its group. Any other event (a restore, the promotion) ends the group. */
const IN_STAGE = new Set(['shift', 'poll', 'wait', 'metrics-error', 'retry', 'stage-end']);
/**
 * Logs each event as it happens. One function: a line per poll that brings something new (repeats are held back,
 * with a heartbeat a minute), grouped per stage, and why a stage waits past its bake. Several released in
 * lockstep log side by side: lines prefixed with the function's name, no groups.
 */
function eventLogger(run, prefix) {
    const progress = progressLog(run);
    return event => {
        // A stage cut short (a cancel, an error) emits no stage-end: its group ends before what follows it.
        if (prefix === undefined && !IN_STAGE.has(event.type))
            closeLogGroup();
        if (prefix === undefined && event.type === 'shift')
            openLogGroup(`Stage ${event.stage}: ${Math.round(event.weight * 10000) / 100}% to the new version`);
        if (prefix === undefined && event.type === 'poll' && !groupOpen)
            openLogGroup(`Stage ${event.stage}: 100%, watched`);
        const line = progress(event);
        if (line === undefined)
            return;
        const text = prefix === undefined
            ? line
            : line
                .split('\n')
                .map(l => `[${prefix}] ${l}`)
                .join('\n');
        const level = logLevel(event);
        // logLine escaped the external text; logBlock is the last guard for core.info, which escapes nothing.
        if (level.level === 'error')
            core.error(text, { title: level.title });
        else if (level.level === 'warning')
            core.warning(text);
        else
            core.info(logBlock(text));
        if (event.type === 'stage-end')
            closeLogGroup();
    };
}
/** Outputs, job summary and the closing annotation: the same path for one function or several. */
async function publishRelease(release) {
    for (const [name, value] of Object.entries(release.outputs))
        core.setOutput(name, value);
    await writeSummary(release.summary);
    if (release.failed) {
        if (release.unrestored)
            core.error(annotationText(release.unrestored), { title: 'lambda-canary: restore failed' });
        core.setFailed(annotationText(release.closing));
    }
    else {
        core.notice(annotationText(release.closing), { title: `lambda-canary: ${release.whole.result}` });
    }
}
/** Bad input: the step fails before anything talks to AWS, and the summary says why. */
async function publishInputError(message) {
    core.setOutput(Outputs.Result, 'failed');
    core.setOutput(Outputs.Reason, outputText(message));
    await writeSummary(`## ❌ lambda-canary failed before changing anything: ${markdownText(message)}\n`);
    core.setFailed(annotationText(message));
}
async function writeSummary(markdown) {
    if (!process.env.GITHUB_STEP_SUMMARY)
        return;
    try {
        await lib_core/* summary */.z.addRaw(markdown, true).write();
    }
    catch (error) {
        lib_core/* warning */.$e(`could not write the job summary: ${logText(error instanceof Error ? error.message : String(error))}`);
    }
}

;// CONCATENATED MODULE: ./src/history.ts
// What lambda-canary keeps in the alias's own description: one marker after the user's text, visible in the
// console and readable with lambda:GetAlias (no extra permission or storage), and written by the same guarded
// UpdateAlias that moves the traffic — so a run's mark on the alias can never disagree with its routing.
// The marker holds the last release (previous, current, at, rolled-back) and, while a run holds the alias,
// its mark (run, job, repo, until, phase). The user's text is kept byte for byte and never shortened: a
// description that leaves no room for the marker is refused before any write (see roomProblem).
/** Lambda's limit for an alias description. */
const MAX_DESCRIPTION = 256;
const MARKER = /(?:^| )\[lambda-canary((?: [a-z-]+=[^\s\]]+)*)\]$/;
function parseDescription(description) {
    const whole = description ?? '';
    const m = MARKER.exec(whole);
    if (!m)
        return { text: whole };
    const fields = new Map();
    for (const pair of (m[1] ?? '').trim().split(' ').filter(Boolean)) {
        const eq = pair.indexOf('=');
        fields.set(pair.slice(0, eq), pair.slice(eq + 1));
    }
    const get = (k) => fields.get(k);
    const record = { text: whole.slice(0, m.index) };
    const [previous, current, at, rolledBack] = [get('previous'), get('current'), get('at'), get('rolled-back')];
    if (previous && current && at)
        record.history = { previous, current, at, ...(rolledBack ? { rolledBack } : {}) };
    const [run, job, repo, until, phase] = [get('run'), get('job'), get('repo'), get('until'), get('phase')];
    if (run && job && repo && until && (phase === 'shifting' || phase === 'final-bake'))
        record.mark = { owner: { run, job, repo }, until, phase };
    return record;
}
function formatDescription(record) {
    const fields = [];
    const { history: h, mark } = record;
    if (h)
        fields.push(`previous=${h.previous}`, `current=${h.current}`, `at=${h.at}`, ...(h.rolledBack ? [`rolled-back=${h.rolledBack}`] : []));
    if (mark)
        fields.push(`run=${mark.owner.run}`, `job=${mark.owner.job}`, `repo=${mark.owner.repo}`, `until=${mark.until}`, `phase=${mark.phase}`);
    if (fields.length === 0)
        return record.text;
    const marker = `[lambda-canary ${fields.join(' ')}]`;
    return record.text === '' ? marker : `${record.text} ${marker}`;
}
function readHistory(description) {
    return parseDescription(description).history;
}
/** The description with the history replaced (and any mark dropped); the user's text untouched. */
function withHistory(description, history) {
    return formatDescription({ text: parseDescription(description).text, history });
}
/** The description without a run's mark: the user's text and the history as they were. */
function withoutMark(description) {
    const { mark: _, ...rest } = parseDescription(description);
    return formatDescription(rest);
}
/** A timestamp as the marker writes it: ISO 8601 to the second. */
function stamp(ms) {
    return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
function isLive(mark, now) {
    const until = Date.parse(mark.until);
    return Number.isFinite(until) && until > now;
}
function sameOwner(a, b) {
    return b !== undefined && a.run === b.run && a.job === b.job && a.repo === b.repo;
}
/** The run in words, for a message: `run 123 attempt 1 (job "deploy", repository "app")`. */
function describeOwner(owner) {
    const [id, attempt] = owner.run.split('.');
    return `run ${id}${attempt ? ` attempt ${attempt}` : ''} (job "${owner.job}", repository "${owner.repo}")`;
}
/** Marker-safe identity: [A-Za-z0-9._-] only, at most 24 characters (the run id keeps it unique). */
const token = (value, fallback) => (value || fallback).replace(/[^A-Za-z0-9._-]/g, '_').slice(0, 24);
/** This run's identity from the runner's variables; `nonce` tells apart matrix legs of one job. */
function ownerFromEnv(env, nonce) {
    return {
        run: `${token(env.GITHUB_RUN_ID, 'local')}.${token(env.GITHUB_RUN_ATTEMPT, '1')}.${token(nonce, 'x')}`,
        job: token(env.GITHUB_JOB, 'local'),
        repo: token(env.GITHUB_REPOSITORY?.split('/').pop(), 'local')
    };
}
/**
 * Undefined when the user's text leaves room for the longest marker this run can write (`longest`), else why
 * not — said before any write, since lambda-canary never cuts the user's words.
 */
function roomProblem(alias, description, longest) {
    const text = parseDescription(description).text;
    const needed = formatDescription({ ...longest, text: 'x' }).length - 1;
    if (text.length + needed <= MAX_DESCRIPTION)
        return undefined;
    return (`alias "${alias}"'s description is ${text.length} characters and lambda-canary's record needs up to ${needed} more, past Lambda's ` +
        `${MAX_DESCRIPTION}-character limit; lambda-canary never cuts your text, so shorten the description to at most ${MAX_DESCRIPTION - needed} characters`);
}
/** The longest marker a release between these versions writes: the new history and a final-bake mark. */
function longestRelease(owner, oldVersion, newVersion, now) {
    const at = stamp(now);
    return {
        text: '',
        history: { previous: oldVersion, current: newVersion, at, rolledBack: at },
        mark: { owner, until: at, phase: 'final-bake' }
    };
}

;// CONCATENATED MODULE: ./src/recover.ts
// The post step's second chance: if the main step did not finish (cancelled, timed out, killed),
// put the alias back from the saved checkpoint — never over someone else's change.





async function recoverAlias(alias, cp, sleep, now = Date.now) {
    if (cp.phase === 'done')
        return { action: 'nothing', message: 'the deployment finished; nothing to clean up' };
    const command = guarded_alias_restoreCommand(cp, cp.oldVersion);
    // The post step's own window: restore-timeout again, as the main step saved it.
    const deadline = now() + (cp.restoreTimeoutSeconds !== undefined ? cp.restoreTimeoutSeconds * 1000 : DEFAULT_RESTORE_TIMEOUT_MS);
    let target;
    try {
        // Against a 5xx storm the post step keeps reading and writing until its own window closes.
        const current = await readPersistently(alias, { sleep, now }, deadline);
        const { mark } = parseDescription(current.description);
        const ownMark = mark !== undefined && sameOwner(mark.owner, cp.owner);
        // Another run's live mark: that run is releasing now, whatever the routing looks like.
        if (mark && !ownMark && isLive(mark, now())) {
            return {
                action: 'left-alone',
                message: `alias "${cp.alias}" is held by ${describeOwner(mark.owner)} until ${mark.until} (${timeline_describeAlias(current)}); left to that run`
            };
        }
        const extra = Object.keys(current.weights);
        // The new version alone is ours only under our own mark (promoted before a final bake): without it, another
        // run (or a person) released that version since, and putting the old one back would undo their release.
        const ours = (current.version === cp.oldVersion && extra.length === 1 && extra[0] === cp.newVersion) ||
            (current.version === cp.newVersion && extra.length === 0 && ownMark);
        // The description the alias had before the run (older checkpoints: the current one without the mark).
        const description = ownMark ? (cp.description ?? withoutMark(current.description)) : undefined;
        if (current.version === cp.oldVersion && extra.length === 0 && !ownMark) {
            return { action: 'nothing', message: `alias "${cp.alias}" already points at version ${cp.oldVersion} only` };
        }
        // Someone else moved the primary: take back only the traffic our unfinished deployment gave the new version.
        const routing = ours || (current.version === cp.oldVersion && extra.length === 0)
            ? { version: cp.oldVersion, weights: {} }
            : withoutVersion(current, cp.newVersion);
        target = routing && description !== undefined ? { ...routing, description } : routing;
        if (!target) {
            return {
                action: 'left-alone',
                message: `alias "${cp.alias}" is at ${timeline_describeAlias(current)}, which this deployment did not set; left as it is`
            };
        }
        const guarded = new GuardedAlias(alias, current, { sleep, now });
        const restored = await guarded.restore(target, `restore version ${cp.oldVersion}`, Math.max(0, deadline - now()));
        const final = finalAliasState(cp.alias, (await readBack(alias)) ?? restored, target, command);
        return {
            action: 'restored',
            message: `the deployment of version ${cp.newVersion} did not finish${ownMark && mark.phase === 'final-bake' ? ' (its final bake was interrupted)' : ''}; alias "${cp.alias}" moved from ${timeline_describeAlias(current)} back to ${timeline_describeAlias(restored)}; ${final.words}`
        };
    }
    catch (error) {
        if (error instanceof ports/* AliasConflictError */.Xl) {
            return { action: 'left-alone', message: `alias "${cp.alias}" changed while restoring it (${error.message}); not overwritten` };
        }
        // Say exactly what the alias serves now, read back once more.
        const final = finalAliasState(cp.alias, await readBack(alias), target ?? { version: cp.oldVersion, weights: {} }, command);
        return { action: 'failed', message: `could not restore alias "${cp.alias}": ${messageOf(error)}; ${final.words}`, command };
    }
}

;// CONCATENATED MODULE: ./src/post.ts
// The post step: restore the alias from saved state if the main step did not finish. It never deploys: it
// imports nothing that can shift traffic, only the alias port and the recovery (see entry/post.ts).






/**
 * How long the post step keeps trying after a cancel: the runner sends SIGTERM 7.5 s after SIGINT and kills 2.5 s
 * later; every call started after the cancel ends within 9 s of it (adapters/deadlines.ts).
 */
const AFTER_CANCEL_MS = 8000;
async function cleanup(cancel) {
    let cancelledAt;
    cancel.signal.addEventListener('abort', () => (cancelledAt ??= Date.now()), { once: true });
    // Between retries: after a cancel the call under way was aborted, so try again at once (its successor gets a fresh
    // short deadline) until AFTER_CANCEL_MS, then give up — the step ends with the command before the runner kills it.
    const sleepUntilCut = async (ms) => {
        if (cancelledAt === undefined)
            return systemClock.sleep(ms, cancel.signal).catch(() => undefined);
        const left = cancelledAt + AFTER_CANCEL_MS - Date.now();
        if (left <= 0)
            throw abortError();
        return systemClock.sleep(Math.min(ms, left));
    };
    const checkpoints = loadCheckpoints();
    if (checkpoints.length === 0)
        return lib_core/* info */.pq('lambda-canary: no deployment was started; nothing to clean up');
    cancel.signal.addEventListener('abort', () => lib_core/* warning */.$e(`lambda-canary: received ${cancel.received()[0] ?? 'a signal'} in the post step: giving up on the calls under way`), { once: true });
    const reports = [];
    try {
        for (const checkpoint of checkpoints)
            reports.push(...(await recover(checkpoint, cancel, sleepUntilCut)));
    }
    finally {
        // Whatever it restored, left alone or could not restore is in the job summary, even if a later function threw.
        const summary = recoverySummary(reports);
        if (summary)
            await writeSummary(summary);
    }
}
/** One function's checkpoint: nothing to do when its deployment finished, else the recovery, logged as it ends. */
async function recover(checkpoint, cancel, sleepUntilCut) {
    if (checkpoint.phase === 'done') {
        lib_core/* info */.pq(`lambda-canary: the deployment of ${checkpoint.functionId} finished; nothing to clean up`);
        return [];
    }
    const { aliasPort } = await Promise.all(/* import() */[__webpack_require__.e(696), __webpack_require__.e(362)]).then(__webpack_require__.bind(__webpack_require__, 5362));
    const alias = aliasPort(checkpoint.functionId, checkpoint.alias, checkpoint.region, cancel);
    const recovery = await recoverAlias(alias, checkpoint, sleepUntilCut);
    switch (recovery.action) {
        case 'restored':
            lib_core/* warning */.$e(`lambda-canary: ${logText(recovery.message)}`);
            break;
        case 'failed':
            lib_core/* error */.z3(`lambda-canary: ${logText(recovery.message)}. Run: ${recovery.command}`, { title: 'lambda-canary: alias NOT restored' });
            lib_core.setFailed(hygiene_annotationText(recovery.message));
            break;
        default:
            lib_core/* info */.pq(`lambda-canary: ${logText(recovery.message)}`);
    }
    return [{ checkpoint, recovery }];
}


/***/ })

};
