export const id = 280;
export const ids = [280];
export const modules = {

/***/ 133:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   C5: () => (/* binding */ noRegion),
/* harmony export */   EH: () => (/* binding */ policyPointer),
/* harmony export */   Is: () => (/* binding */ errorName),
/* harmony export */   XE: () => (/* binding */ credentialsNotLoaded),
/* harmony export */   bk: () => (/* binding */ isMissingRegion),
/* harmony export */   eJ: () => (/* binding */ AwsScope),
/* harmony export */   l1: () => (/* binding */ accountIn),
/* harmony export */   q4: () => (/* binding */ translateAwsError),
/* harmony export */   wF: () => (/* binding */ classifyWriteFailure)
/* harmony export */ });
/* unused harmony exports AwsSetupError, POLICY_SECTION, POLICY_ANCHORS, credentialsProblem, credentialEnvHint */
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

/***/ 3113:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   J: () => (/* binding */ anySignal)
/* harmony export */ });
// One signal that aborts when any of several does, keeping its sources alive while it is. On Node 20,
// AbortSignal.any holds its sources weakly: an AbortSignal.timeout referenced by nothing else can be collected
// before it fires, and the combined signal then never aborts (a hung GitHub call was never cut off).
const SOURCES = new WeakMap();
function anySignal(signals) {
    const combined = AbortSignal.any([...signals]);
    SOURCES.set(combined, signals);
    return combined;
}


/***/ }),

/***/ 7242:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   G0: () => (/* binding */ Inputs),
/* harmony export */   Uw: () => (/* binding */ State),
/* harmony export */   _O: () => (/* binding */ USER_AGENT),
/* harmony export */   hh: () => (/* binding */ MAX_JOB_SECONDS),
/* harmony export */   pH: () => (/* binding */ SECRET_INPUTS),
/* harmony export */   tY: () => (/* binding */ Outputs)
/* harmony export */ });
/* unused harmony exports ACTION_NAME, ACTION_VERSION */
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
const MAX_JOB_SECONDS = 6 * 60 * 60;


/***/ }),

/***/ 7280:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  run: () => (/* binding */ run)
});

// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 14 modules
var lib_core = __webpack_require__(6421);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
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
function describeAlias(a) {
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
function record(timeline, event) {
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
function stoppedTheRelease(outcome) {
    if (outcome.result !== 'failed' && outcome.result !== 'rolled-back')
        return false;
    const { kind } = outcome.cause;
    return kind === 'check-failed' || kind === 'alias-conflict' || kind === 'error';
}
/** A deployment that rolled back failed; a manual rollback that rolled back did what it was asked. */
function isFailure(outcome) {
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
        throw new InputError(input, raw, `${accepted}; at most ${formatDuration(opts.max)}`);
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
function formatDuration(seconds) {
    if (seconds > 0 && seconds < 1)
        return `${Math.round(seconds * 1000)}ms`;
    const h = Math.floor(seconds / 3600);
    const m = Math.floor((seconds % 3600) / 60);
    const s = Math.round((seconds % 60) * 1000) / 1000;
    return [h ? `${h}h` : '', m ? `${m}m` : '', s ? `${s}s` : ''].join('') || '0s';
}
function formatPercent(fraction, digits = 2) {
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

async function retry_retryWithBackoff(fn, opts) {
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
            this.current = await retry_retryWithBackoff(async () => {
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
                : new ports/* AliasConflictError */.Xl(`${messageOf(error)}; read back, alias is ${describeAlias(now)} (RevisionId ${now.revisionId}): another writer`);
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
function restoreCommand(where, version) {
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
        isRetryable: e => classifyWriteFailure(e) === 'unknown'
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
function mermaidChart(outcome) {
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
function annotationText(text) {
    return noCommands(bounded(text).replace(CONTROL, ''));
}
/**
 * The last guard before a block the action composed goes to the log: no line of it can be a workflow command,
 * whatever an escaping upstream missed. Our own newlines are kept.
 */
function logBlock(text) {
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
function markdownText(text) {
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
function slackText(text, max = 3000) {
    return slackEscaped(text, max);
}
/** External text as a Slack code span: escaped as slackText, its backticks unable to end the span. */
function slackCode(text, max = 3000) {
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
function outputText(text, max = OUTPUT_TEXT_LIMIT) {
    const line = oneLine(text.length > max * 2 ? text.slice(0, max * 2) : text);
    return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}
/** Cuts raw text to `max` characters (before escaping, so an entity or escape is never cut in half). */
function clip(text, max) {
    return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

;// CONCATENATED MODULE: ./src/evidence.ts
/**
 * Seconds the baseline's traffic ran over: from its first period with invocations to the window's end. A function
 * (or alias) younger than baseline-window served only that part of it: its rate is counted over that part.
 */
function baselineSeconds(b) {
    const first = b.periods.find(p => p.invocations > 0)?.time ?? b.windowStart;
    return Math.max(1, (b.windowEnd - Math.max(b.windowStart, first)) / 1000);
}
function errorRate(v) {
    return v.invocations > 0 ? v.errors / v.invocations : undefined;
}
/** Whether a period holds no weight change strictly inside it (its versions' invocations would come from different weights and times). */
function isSteady(time, evidence) {
    const periodMs = evidence.periodMs ?? 60_000;
    return !(evidence.shifts ?? []).some(at => at > time && at < time + periodMs);
}
/** Whether a period is clear of every warm-up (a new version's containers are cold after each weight increase). */
/**
 * The warm-up left out after a weight increase: latency-warm-up, but never more than half the stage's bake,
 * so every stage keeps warm calls to judge latency on (a much slower release must not pass a short bake
 * that is all warm-up).
 */
function warmUpSeconds(latencyWarmUpSeconds, bakeSeconds) {
    return Math.min(latencyWarmUpSeconds, bakeSeconds / 2);
}
function isWarm(time, evidence) {
    const periodMs = evidence.periodMs ?? 60_000;
    return !(evidence.warmUps ?? []).some(w => time < w.end && time + periodMs > w.start);
}

;// CONCATENATED MODULE: ./src/report/words.ts
// The pieces every rendering shares: stage records cut from the timeline, and how numbers and verdicts read.



const MARKDOWN = { text: markdownText, strong: words => `**${words}**` };
const ICON = {
    promoted: '✅',
    'rolled-back': '⏪',
    unchanged: '⏸️',
    planned: '📝',
    failed: '❌'
};
function stageRecords(timeline) {
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
function enoughWords(checks, style = MARKDOWN) {
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
const PASSING_MARK = '²';
/** What "passing so far, not significant yet" means, for the footnote under the stages. */
function passingNote(confidence) {
    return (`${PASSING_MARK} **Passing so far, not significant yet**: nothing showed the new version beyond a limit with ${formatPercent(confidence)} confidence, ` +
        'but the evidence was not enough to call it within the limits either (a value above its limit on few invocations, or a gate short of ' +
        'its minimum data when the stage moved on). A gate fails only on evidence at that confidence (the `confidence` input, shared over every ' +
        'look at the data), so that looking at every poll does not roll back healthy releases; before the promotion and before success every gate ' +
        'must have its minimum data.');
}
/**
 * A stage's verdict in the summary's words. The failure's reason is the summary's first line: here only the
 * gates that failed, so it is said once.
 */
function stageVerdictWords(s, style = MARKDOWN) {
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
            return `passing so far, not significant yet${PASSING_MARK}${over.length > 0 ? ` (${gates(over)} above the limit)` : ''}`;
        }
        default:
            return 'passed';
    }
}
/** One gate's verdict in the summary's words, with its icon. */
function gateWords(c, style = MARKDOWN) {
    const needs = style.text(c.needs ?? 'more data');
    if (c.status === 'fail')
        return { icon: '❌', words: 'failed' };
    if (c.unreachable)
        return {
            icon: '➖',
            words: `not judged at this traffic: needs ${needs}, more than the stage's traffic can bring (it fails only gross regressions)`
        };
    if (c.overLimit)
        return { icon: '⚠️', words: `passing so far, not significant yet${PASSING_MARK}` };
    if (!c.enoughData)
        return { icon: '❔', words: `not enough data yet: needs ${needs}` };
    return { icon: '✅', words: 'passed' };
}
/**
 * The log's verdict of a stage: the summary's kinds, with the reasons a log line needs (the log has no first
 * line that says them) and the gates a "passing so far" rests on.
 */
function stageEndWords(s, style) {
    const { checks, reasons } = s.verdict;
    if (stageVerdictKind({ decision: s.decision, checks }) !== 'passing')
        return verdictWords(s.decision, reasons, style);
    const over = checks.filter(c => c.overLimit).map(c => `${style.text(c.gate)} above the limit`);
    const short = shortOfData(checks).map(c => `${style.text(c.gate)} short of data`);
    return `passing so far, not significant yet (${[...over, ...short].join('; ')})`;
}
/** A stage's decision in words, with its reasons. */
function verdictWords(decision, reasons, style = MARKDOWN) {
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
function errors(v) {
    const rate = errorRate(v);
    return rate === undefined ? `${v.errors} err` : `${v.errors} err (${formatPercent(rate)})`;
}
function ms(v) {
    return v === undefined ? '–' : `${Math.round(v)} ms`;
}
function durationSeconds(o) {
    return Math.round((o.finishedAt - o.startedAt) / 1000);
}
/**
 * Icon, result, the functions, the versions and the reason, in one line. `escape` is the sink's: raw for the
 * data (each sink escapes it), markdownText for the summary's heading.
 */
function headlineOf(whole, subject, esc = text => text) {
    const versions = whole.previousVersion && whole.version ? ` (version ${esc(whole.previousVersion)} → ${esc(whole.version)})` : '';
    return `${ICON[whole.result]} lambda-canary ${whole.result} on ${esc(subject)}${versions}: ${esc(whole.reason)}`;
}

;// CONCATENATED MODULE: ./src/report/log.ts
// One log line per event worth a line, and the one mapping from an event to how loudly it is logged.




/** The log's style: external text on one line with no workflow command in it, no Markdown emphasis. */
const LOG = { text: logText, strong: words => words };
/** How loudly an event is logged: what needs a look is a warning; a failed rollback hook is an error. */
function logLevel(e) {
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
    return eventLine(e, run, LOG);
}
/**
 * An event in words, its external text (AWS errors, smoke and hook answers, reasons) escaped by `style`:
 * the log's or the summary's. The timeline keeps the raw text.
 */
function eventLine(e, run, style) {
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
function progressLog(run) {
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
function summaryMarkdown(outcome, run, env = process.env) {
    if (outcome.mode === 'rollback')
        return manualRollbackSummary(outcome, run, env);
    const lines = [];
    lines.push(`## ${headlineOf(outcome, `${outcome.function.name}:${outcome.alias}`, markdownText)}`, '');
    lines.push('| Function | Alias | Old → new | Strategy | Result | Duration |', '| --- | --- | --- | --- | --- | --- |', `| \`${outcome.function.name}\` | \`${outcome.alias}\` | ${markdownText(outcome.previousVersion ?? '–')} → ${markdownText(outcome.version ?? '–')} | ${markdownText(outcome.strategy.name)} | **${outcome.result}** | ${formatDuration(durationSeconds(outcome))} |`, '');
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
    return capped(lines.join('\n'));
}
/** A restore without its reason (the summary's first line has it); the other alias events as the log says them. */
function aliasEventLine(e, run) {
    if (e.type !== 'restore')
        return eventLine(e, run, MARKDOWN);
    if (e.ok && e.alias)
        return `restored: alias "${run.alias}" points at ${describeAlias(e.alias)} again`;
    return `restore FAILED: ${markdownText(e.error ?? 'unknown error')}${e.alias ? `; the alias reads ${describeAlias(e.alias)}` : ''}`;
}
/** The preflight's findings; the one that stopped the run points to the first line, which says it already. */
function preflightSection(outcome) {
    const preflight = outcome.timeline.find(e => e.type === 'preflight');
    if (preflight?.type !== 'preflight' || preflight.findings.length === 0)
        return [];
    const said = (f) => f.level === 'error' && f.message !== '' && outcome.reason.startsWith(f.message);
    const lines = preflight.findings.flatMap(f => (said(f) ? ['- ❌ the reason at the top'] : findingLines([f])));
    return ['### Preflight', '', ...lines, ''];
}
function checksSection(timeline, run) {
    const checks = timeline.filter(e => e.type === 'smoke' || e.type === 'hook');
    if (checks.length === 0)
        return [];
    return ['### Smoke test and hooks', '', ...checks.map(e => `- ${'ok' in e && e.ok ? '✅' : '❌'} ${eventLine(e, run, MARKDOWN)}`), ''];
}
function findingLines(findings) {
    return findings.map(f => `- ${f.level === 'ok' ? '✅' : f.level === 'warning' ? '⚠️' : '❌'} ${markdownText(f.message)}`);
}
const TRUNCATED_NOTE = "**… summary truncated to stay under GitHub's 1 MiB limit.** The whole timeline is in the file named by the `timeline-file` output.";
/** The summary within SUMMARY_LIMIT bytes: cut at a line, an open code block closed, and a note that says so. */
function capped(text) {
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
        lines.push(`- ${icon} ${markdownText(c.gate)}: ${markdownText(c.observed)} (limit ${markdownText(c.limit)}) — ${words}`);
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
        `## ${headlineOf(outcome, `${outcome.function.name}:${outcome.alias}`, markdownText)}`,
        '',
        '| Function | Alias | From → to | Asked by | Result | Duration |',
        '| --- | --- | --- | --- | --- | --- |',
        `| \`${outcome.function.name}\` | \`${outcome.alias}\` | ${markdownText(from ?? '–')} → ${markdownText(to ?? '–')} | ${askedBy(env)} | **${outcome.result}** | ${formatDuration(durationSeconds(outcome))} |`,
        ''
    ];
    if (outcome.result === 'rolled-back' && from) {
        const undo = restoreCommand({ functionId: outcome.function.id, alias: outcome.alias, region: run.region }, from);
        lines.push('### To undo it', '', `Run this workflow again with \`rollback-to: ${markdownText(from)}\` (it records the move in the alias's description), or from a shell:`, '', '```sh', undo, '```', '');
    }
    if (outcome.restoreCommand) {
        lines.push('### ⚠️ The rollback is NOT done', '', 'Run this to roll back by hand:', '', '```sh', outcome.restoreCommand, '```', '');
    }
    lines.push(...checksSection(outcome.timeline, run), ...preflightSection(outcome));
    return capped(lines.join('\n'));
}
/** Who started the run and from which workflow, from the runner's variables (text from outside: escaped). */
function askedBy(env) {
    const actor = env.GITHUB_TRIGGERING_ACTOR || env.GITHUB_ACTOR;
    const workflow = env.GITHUB_WORKFLOW;
    const event = env.GITHUB_EVENT_NAME;
    const parts = [
        actor ? markdownText(actor) : undefined,
        workflow ? `workflow "${markdownText(workflow)}"${event ? ` (${markdownText(event)})` : ''}` : event ? markdownText(event) : undefined
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
    const subjects = shown.map(r => `${md(r.checkpoint.functionId)}:${md(r.checkpoint.alias)}`).join(', ');
    const lines = [
        `## ${failed ? '❌' : restored ? '⏪' : '⚠️'} lambda-canary post step on ${subjects}: ${failed ? 'an alias is NOT restored' : restored ? 'alias restored' : 'alias left as it is'}`,
        '',
        'The main step did not finish its deployment (the workflow was cancelled, the job timed out or the step was killed); this post step checked what it left.',
        ''
    ];
    for (const { checkpoint: cp, recovery } of shown) {
        lines.push(...(shown.length > 1 ? [`### ${md(cp.functionId)}`, ''] : []), `- **Found**: the release of version ${md(cp.newVersion)} over version ${md(cp.oldVersion)} on alias "${md(cp.alias)}" unfinished (from the main step's saved state).`, `- **Did**: ${md(recovery.message)}.`, '');
        if (recovery.action === 'failed' && recovery.command)
            lines.push('Run this to put the alias back:', '', '```sh', recovery.command, '```', '');
    }
    return capped(lines.join('\n'));
}

;// CONCATENATED MODULE: ./src/report/lockstep.ts
// Several functions released in lockstep: one result for the release, one set of outputs, one summary
// with a row per function per stage. Who stopped the release is read from the outcomes' causes.





function combineOutcomes(outcomes, run) {
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
        return `stopped with the others because ${markdownText(o.cause.member)} failed (the reason is at the top)`;
    return markdownText(o.reason);
}
/** The summary of a lockstep release: one table with a row per function per stage. */
function lockstepSummary(outcomes, run, combined) {
    const names = outcomes.map(o => o.function.name);
    const lines = [
        `## ${ICON[combined.result]} lambda-canary ${combined.result} on ${names.join(', ')} (alias ${run.alias}, in lockstep): ${markdownText(combined.reason)}`,
        '',
        '| Function | Old → new | Result | Reason |',
        '| --- | --- | --- | --- |',
        ...outcomes.map(o => `| \`${o.function.name}\` | ${markdownText(o.previousVersion ?? '–')} → ${markdownText(o.version ?? '–')} | **${o.result}** | ${reasonCell(o, combined)} |`),
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
const TIMELINE_OUTPUT_LIMIT = 64 * 1024;
/** The runner's temporary directory (one fresh directory per step), or the system's outside a runner. */
function runnerTempWriter(env = process.env) {
    return json => {
        try {
            const dir = (0,external_node_fs_.mkdtempSync)((0,external_node_path_.join)(env.RUNNER_TEMP || (0,external_node_os_.tmpdir)(), 'lambda-canary-'));
            const path = (0,external_node_path_.join)(dir, 'timeline.json');
            (0,external_node_fs_.writeFileSync)(path, json);
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
        [constants/* Outputs */.tY.Result]: release.result,
        [constants/* Outputs */.tY.Version]: outputText(release.version ?? ''),
        [constants/* Outputs */.tY.PreviousVersion]: outputText(release.previousVersion ?? ''),
        [constants/* Outputs */.tY.Reason]: outputText(release.reason),
        [constants/* Outputs */.tY.AliasArn]: outputText(release.aliasArn ?? ''),
        [constants/* Outputs */.tY.DurationSeconds]: String(durationSeconds(release)),
        [constants/* Outputs */.tY.Timeline]: commandFreeJson(timeline),
        [constants/* Outputs */.tY.TimelineFile]: file ?? ''
    };
}
function outputs(outcome, write = runnerTempWriter()) {
    const full = JSON.stringify(timelineOf(outcome));
    return outputsOf(outcome, boundedTimeline(full, level => shortTimelineOf(outcome, level), outcome), write(full));
}
/** Several functions: the combined result, and a timeline per function. */
function lockstepOutputs(outcomes, combined, write = runnerTempWriter()) {
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
const SEVERITY = ['fail', 'proceeded-without-enough-data', 'not-judged', 'pass'];
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




const readInput = (name) => lib_core/* getInput */.V4(name);
/** The checkpoints of the functions this run was releasing (one, or several in lockstep). */
function loadCheckpoints() {
    const raw = core.getState(State.Deployment);
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
        lib_core/* saveState */.LZ(constants/* State */.Uw.Deployment, JSON.stringify(ordered));
    };
}
/**
 * The log has one group open at most (everything between ::group:: and ::endgroup:: folds into it): opening one
 * closes the one before, and `closeLogGroup` ends whatever is open.
 */
let groupOpen = false;
function openLogGroup(title) {
    closeLogGroup();
    lib_core/* startGroup */.Oh(title);
    groupOpen = true;
}
function closeLogGroup() {
    if (!groupOpen)
        return;
    lib_core/* endGroup */.N4();
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
            lib_core/* error */.z3(text, { title: level.title });
        else if (level.level === 'warning')
            lib_core/* warning */.$e(text);
        else
            lib_core/* info */.pq(logBlock(text));
        if (event.type === 'stage-end')
            closeLogGroup();
    };
}
/** Outputs, job summary and the closing annotation: the same path for one function or several. */
async function publishRelease(release) {
    for (const [name, value] of Object.entries(release.outputs))
        lib_core/* setOutput */.uH(name, value);
    await writeSummary(release.summary);
    if (release.failed) {
        if (release.unrestored)
            lib_core/* error */.z3(annotationText(release.unrestored), { title: 'lambda-canary: restore failed' });
        lib_core.setFailed(annotationText(release.closing));
    }
    else {
        lib_core/* notice */.lm(annotationText(release.closing), { title: `lambda-canary: ${release.whole.result}` });
    }
}
/** Bad input: the step fails before anything talks to AWS, and the summary says why. */
async function publishInputError(message) {
    lib_core/* setOutput */.uH(constants/* Outputs */.tY.Result, 'failed');
    lib_core/* setOutput */.uH(constants/* Outputs */.tY.Reason, outputText(message));
    await writeSummary(`## ❌ lambda-canary failed before changing anything: ${markdownText(message)}\n`);
    lib_core.setFailed(annotationText(message));
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

;// CONCATENATED MODULE: ./src/report/settings.ts

/** One line per input that is not at its default, each value escaped for the log. */
function settingsLines(sources) {
    const given = sources.filter(s => s.origin.kind !== 'default');
    const lines = given.map(s => `${s.input}: ${s.secret ? 'set' : logText(s.value)} (${originWords(s.origin)})`);
    return [...lines, given.length < sources.length ? 'every other input is at its default (see the README inputs table)' : ''].filter(line => line !== '');
}
function originWords(origin) {
    switch (origin.kind) {
        case 'workflow':
            return 'from workflow';
        case 'config-file':
            return `from ${logText(origin.path)} at ${logText(origin.key)}`;
        case 'default':
            return 'default';
    }
}

;// CONCATENATED MODULE: ./src/adapters/settings-log.ts
// The main step's first log group, "Settings": the inputs that are not at their defaults and where each came
// from; then one warning per given input the run does not use. The group closes whatever the reading does.



function readSettingsInGroup(read) {
    lib_core/* startGroup */.Oh('Settings');
    let settings;
    try {
        settings = read();
        for (const line of settingsLines(settings.sources))
            lib_core/* info */.pq(logBlock(line));
    }
    catch (error) {
        lib_core/* info */.pq('the inputs were not accepted; the error follows');
        throw error;
    }
    finally {
        lib_core/* endGroup */.N4();
    }
    for (const warning of settings.warnings)
        lib_core/* warning */.$e(annotationText(warning));
    return settings;
}

// EXTERNAL MODULE: ./src/adapters/signals.ts
var signals = __webpack_require__(3113);
;// CONCATENATED MODULE: ./src/adapters/slack.ts


/** A fixed description per status class: the words come from here, never from the reply. */
function slackStatusProblem(status) {
    const what = status >= 300 && status < 400
        ? 'a redirect, not followed: the message was not re-sent to another address'
        : status === 400
            ? 'the message was rejected'
            : status === 403 || status === 404 || status === 410
                ? 'the webhook is invalid, revoked or its channel is gone'
                : status === 429
                    ? 'rate limited'
                    : status >= 500
                        ? 'Slack failed'
                        : 'not a success';
    return `Slack answered HTTP ${status} (${what})`;
}
/**
 * Never throws and never takes longer than `timeoutMs` (or past `signal`, unless it had aborted already): a Slack problem must not change a
 * deployment. Redirects are not followed: a 3xx is a failure, so the message never goes to another host.
 */
async function postToSlack(url, message, timeoutMs = 10_000, signal) {
    const timeout = AbortSignal.timeout(timeoutMs);
    try {
        const response = await fetch(url, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify(message),
            redirect: 'manual',
            signal: signal && !signal.aborted ? (0,signals/* anySignal */.J)([timeout, signal]) : timeout
        });
        // The body is discarded unread, which also frees the connection.
        await response.body?.cancel().catch(() => undefined);
        if (response.status < 200 || response.status >= 300)
            return { ok: false, problem: slackStatusProblem(response.status) };
        return { ok: true };
    }
    catch (error) {
        // By name, not instanceof: fetch's DOMExceptions may come from another realm.
        const name = error?.name;
        if (name === 'TimeoutError' || name === 'AbortError') {
            if (!timeout.aborted)
                return { ok: false, problem: 'the step was cancelled before Slack answered' };
            return { ok: false, problem: `Slack did not answer within ${Math.round(timeoutMs / 100) / 10}s` };
        }
        // fetch's own messages do not include the URL, but its cause may: report only a code made of safe characters.
        const code = error.cause?.code;
        const safe = typeof code === 'string' && /^[A-Z0-9_]{1,40}$/.test(code) ? code : 'network error';
        return { ok: false, problem: `could not reach Slack (${safe})` };
    }
}
const SLACK_TIMING = {
    /** Each message's bound, and the bound on what the run's end waits for Slack. */
    timeoutMs: 10_000,
    /** The runner kills the step 10 s after its first signal: after a cancel the last message gets a short try. */
    afterCancelMs: 2_000,
    /** At the end, how long the last message waits for the one before it (so they arrive in order). */
    orderGraceMs: 2_000
};
/**
 * Messages go out one at a time, in the order sent, while the rollout goes on: `send` never waits. The last
 * message (`close`) waits for the one in flight at most `orderGraceMs`, and with it the run's end waits at most
 * `timeoutMs` in all. After a cancel nothing new starts: the message in flight is cut off by the cancel, those
 * waiting are dropped, and the last message gets `afterCancelMs`.
 */
class SlackChannel {
    url;
    log;
    cancel;
    post;
    timing;
    waiting = [];
    inFlight;
    closed = false;
    constructor(url, log, cancel, post = postToSlack, timing = SLACK_TIMING) {
        this.url = url;
        this.log = log;
        this.cancel = cancel;
        this.post = post;
        this.timing = timing;
    }
    send(label, message) {
        if (this.closed || this.cancel.aborted)
            return;
        this.waiting.push({ label, message });
        this.pump();
    }
    async close(last) {
        this.closed = true;
        const dropped = this.waiting.splice(0);
        if (dropped.length > 0) {
            const why = this.cancel.aborted ? 'the step was cancelled' : 'Slack had not taken the ones before them when the run ended';
            this.log.warn(`Slack ${dropped.map(q => q.label).join(', ')} message${dropped.length > 1 ? 's' : ''} not sent: ${why}`);
        }
        const before = this.inFlight;
        if (!last)
            return await before;
        if (this.cancel.aborted) {
            await Promise.all([this.deliver(last, this.timing.afterCancelMs), before]);
            return;
        }
        const started = Date.now();
        if (before)
            await settledWithin(before, this.timing.orderGraceMs);
        const waited = Math.min(Math.max(Date.now() - started, 0), this.timing.orderGraceMs);
        await Promise.all([this.deliver(last, this.timing.timeoutMs - waited), before]);
    }
    pump() {
        if (this.inFlight || this.closed || this.cancel.aborted)
            return;
        const next = this.waiting.shift();
        if (!next)
            return;
        this.inFlight = this.deliver(next, this.timing.timeoutMs).finally(() => {
            this.inFlight = undefined;
            this.pump();
        });
    }
    async deliver(queued, timeoutMs) {
        const sent = await this.post(this.url, queued.message, timeoutMs, this.cancel);
        if (sent.ok)
            this.log.info(`Slack ${queued.label} message sent`);
        else
            this.log.warn(`Slack ${queued.label} message not sent: ${sent.problem ?? 'unknown problem'}`);
    }
}
/** Waits for `promise` at most `ms`, leaving no timer behind. */
async function settledWithin(promise, ms) {
    let timer;
    await Promise.race([promise, new Promise(resolve => (timer = setTimeout(resolve, ms)))]);
    clearTimeout(timer);
}
/**
 * The run's events to Slack, as slack-events asks. A stage's message waits for every function's verdict
 * (one message per stage for a lockstep), or goes at once when one fails. The mention goes on the message
 * that reports a failure: the finish message, or without one the failing stage's.
 */
function slackNotifier(run, secrets, cancel, log, env = process.env, post = postToSlack) {
    if (!secrets.slackWebhookUrl)
        return undefined;
    const channel = new SlackChannel(secrets.slackWebhookUrl, log, cancel, post);
    const events = new Set(run.notify.slackEvents);
    let releasing = [];
    const verdicts = new Map();
    const posted = new Set();
    // A message that cannot be built is a warning: nothing of Slack may reach the rollout as an error.
    const guarded = (what, build) => {
        try {
            build();
        }
        catch (error) {
            log.warn(`Slack ${what} message not sent: it could not be built (${error instanceof Error ? error.message : String(error)})`);
        }
    };
    return {
        ready(releases) {
            releasing = releases;
            if (events.has('start'))
                guarded('start', () => channel.send('start', slackStartMessage(releases, run, env)));
        },
        event(name, event) {
            // A stage ends only after the shift that followed every function's ready: `releasing` is known by then.
            if (event.type !== 'stage-end' || !events.has('stage') || posted.has(event.stage) || releasing.length === 0)
                return;
            const ends = [...(verdicts.get(event.stage) ?? []), { name, event }];
            verdicts.set(event.stage, ends);
            if (ends.length < releasing.length && event.decision !== 'fail')
                return;
            posted.add(event.stage);
            verdicts.delete(event.stage);
            const label = `stage ${event.stage}`;
            guarded(label, () => channel.send(label, slackStageMessage(ends, releasing, run, !events.has('finish'), env)));
        },
        async finish(release) {
            let last;
            if (events.has('finish'))
                guarded('finish', () => (last = { label: 'finish', message: slackMessage(release, run, env) }));
            await channel.close(last);
        }
    };
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

;// CONCATENATED MODULE: ./src/rollout/before-traffic.ts
// The checks that run before any alias traffic reaches the new version (its own provisioned concurrency,
// the smoke test of the version itself, the pre-traffic hook), and the hooks after it.


/** Why the new version may not get traffic, or undefined when every check before traffic passed. */
async function beforeTraffic(ctx, versions) {
    return ((await waitForProvisionedConcurrency(ctx, versions.newVersion)) ??
        (await smokeTest(ctx, versions.newVersion)) ??
        (await hook(ctx, 'pre-traffic', versions)));
}
/** wait-for-provisioned-concurrency: bounded wait until the new version's own configuration is READY. */
async function waitForProvisionedConcurrency(ctx, version) {
    const { journal, ports } = ctx;
    const limit = ctx.run.provisionedConcurrencyWaitSeconds;
    if (limit === undefined)
        return undefined;
    const deadline = journal.now() + limit * 1000;
    for (;;) {
        const pc = await ports.fn.provisionedConcurrency(version);
        if (!pc)
            return `version ${version} has no provisioned concurrency of its own to wait for (wait-for-provisioned-concurrency is true)`;
        if (pc.status === 'READY') {
            journal.emit({
                type: 'preflight',
                at: journal.now(),
                findings: [{ level: 'ok', message: `provisioned concurrency of version ${version} is READY (${pc.allocated} allocated)` }]
            });
            return undefined;
        }
        if (pc.status === 'FAILED')
            return `provisioned concurrency of version ${version} FAILED${pc.statusReason ? `: ${pc.statusReason}` : ''}`;
        if (journal.now() >= deadline) {
            return `provisioned concurrency of version ${version} was still ${pc.status} (${pc.allocated} of ${pc.requested} allocated) after ${formatDuration(limit)}`;
        }
        await ports.clock.sleep(Math.min(10_000, Math.max(1, deadline - journal.now())), ports.signal);
    }
}
/** Invokes `version` by its number `smoke.count` times; returns why it failed, if it did. */
async function smokeTest(ctx, version) {
    const { run, journal } = ctx;
    const smoke = run.smoke;
    if (!smoke)
        return undefined;
    const probe = requireProbe(ctx);
    for (let i = 1; i <= smoke.count; i++) {
        let detail;
        let ok;
        try {
            const result = await probe.invoke(ctx.spec.fn.id, version, smoke.payload, run.hooks.timeoutSeconds * 1000);
            ({ ok, detail } = checkSmoke(result, smoke.expect));
        }
        catch (error) {
            ok = false;
            detail = messageOf(error);
        }
        journal.emit({ type: 'smoke', at: journal.now(), invocation: i, of: smoke.count, ok, detail });
        if (!ok)
            return `smoke test of version ${version} failed on invocation ${i} of ${smoke.count}: ${detail}`;
    }
    return undefined;
}
const HOOK_FUNCTION = { 'pre-traffic': 'preTraffic', 'post-traffic': 'postTraffic', rollback: 'rollback' };
const HOOK_STAGE = {
    'pre-traffic': 'before any traffic',
    'post-traffic': 'after 100% of traffic',
    rollback: 'after the alias was restored'
};
/**
 * CodeDeploy-style hook: invoked with the deployment's event; passes by returning without a function
 * error and without {"status": "Failed"}; fails otherwise, or when it does not answer in hook-timeout.
 */
async function hook(ctx, kind, versions, reason) {
    const { run, journal } = ctx;
    const functionName = run.hooks[HOOK_FUNCTION[kind]];
    if (!functionName)
        return undefined;
    const event = {
        source: 'lambda-canary',
        hook: kind,
        deploymentId: ctx.deploymentId,
        functionName: ctx.spec.fn.name,
        alias: run.alias,
        currentVersion: versions.oldVersion,
        targetVersion: versions.newVersion,
        stage: HOOK_STAGE[kind],
        ...(reason !== undefined ? { reason } : {})
    };
    let ok;
    let detail;
    try {
        const result = await requireProbe(ctx).invoke(functionName, undefined, JSON.stringify(event), run.hooks.timeoutSeconds * 1000);
        const status = hookStatus(result.payload);
        ok = !result.functionError && status !== 'failed';
        detail = result.functionError
            ? `function error (${result.functionError}): ${truncate(result.payload)}`
            : status === 'failed'
                ? `returned ${truncate(result.payload)}`
                : 'succeeded';
    }
    catch (error) {
        ok = false;
        detail = messageOf(error);
    }
    journal.emit({ type: 'hook', at: journal.now(), hook: kind, functionName, ok, detail });
    return ok ? undefined : `${kind} hook "${functionName}" failed: ${detail}`;
}
function requireProbe(ctx) {
    if (!ctx.ports.probe)
        throw new Error('no probe port: smoke tests and hooks cannot invoke functions here');
    return ctx.ports.probe;
}
/** Does a smoke invocation meet the expectation? */
function checkSmoke(result, expect) {
    if (result.functionError)
        return { ok: false, detail: `function error (${result.functionError}): ${truncate(result.payload)}` };
    if (result.statusCode < 200 || result.statusCode >= 300)
        return { ok: false, detail: `status ${result.statusCode}` };
    switch (expect.kind) {
        case 'no-error':
            return { ok: true, detail: `status ${result.statusCode}, no function error` };
        case 'regex':
            return expect.pattern.test(result.payload)
                ? { ok: true, detail: `response matches ${expect.pattern}` }
                : { ok: false, detail: `response ${truncate(result.payload)} does not match ${expect.pattern}` };
        case 'subset': {
            let body;
            try {
                body = JSON.parse(result.payload);
            }
            catch {
                return { ok: false, detail: `response ${truncate(result.payload)} is not JSON` };
            }
            return containsSubset(body, expect.value)
                ? { ok: true, detail: 'response contains the expected JSON' }
                : { ok: false, detail: `response ${truncate(result.payload)} does not contain ${truncate(JSON.stringify(expect.value))}` };
        }
    }
}
/** `expected` is contained in `actual`: equal scalars, objects with at least its keys, arrays element by element. */
function containsSubset(actual, expected) {
    if (expected === null || typeof expected !== 'object')
        return actual === expected;
    if (Array.isArray(expected)) {
        return Array.isArray(actual) && expected.length <= actual.length && expected.every((e, i) => containsSubset(actual[i], e));
    }
    if (actual === null || typeof actual !== 'object' || Array.isArray(actual))
        return false;
    return Object.entries(expected).every(([k, v]) => containsSubset(actual[k], v));
}
function hookStatus(payload) {
    try {
        const body = JSON.parse(payload);
        if (body === false)
            return 'failed';
        if (body && typeof body === 'object' && /^fail/i.test(String(body.status ?? '')))
            return 'failed';
    }
    catch {
        // A non-JSON answer without a function error is a success.
    }
    return 'ok';
}
function truncate(text, max = 200) {
    return text.length > max ? `${text.slice(0, max)}…` : text;
}

;// CONCATENATED MODULE: ./src/rollout/context.ts
// What every step of one function's run is given: the run's settings, the function's spec, the ports,
// the journal it writes to and its place in the lockstep. Steps pass anything else as explicit values.



function contextOf(run, spec, ports) {
    const journal = new Journal(ports);
    return {
        run,
        spec,
        ports,
        journal,
        // Without a coordinator (tests, the benchmark) a lockstep of one, cancelled by the same signal as on a runner.
        lockstep: ports.lockstep ?? new Lockstep([spec.fn.name], ports.signal).member(0),
        deploymentId: ports.deploymentId ?? `lc-${journal.startedAt.toString(36)}`
    };
}
function conclude(ctx, ending) {
    return ctx.journal.conclude(ctx.run, ctx.spec, ctx.ports, ending);
}
/** Thrown at a step boundary when the runner has cancelled the job. */
class Cancelled extends Error {
    constructor() {
        super('cancelled');
        this.name = 'Cancelled';
    }
}
function throwIfCancelled(ctx) {
    if (ctx.ports.signal?.aborted)
        throw new Cancelled();
}
function isAbort(error) {
    return error instanceof Cancelled || (error instanceof Error && error.name === 'AbortError');
}
/** The alias as just read, guarded for every write that follows; retries show in the timeline. */
function guardAlias(ctx, state) {
    const { ports, journal } = ctx;
    return new GuardedAlias(ports.alias, state, {
        sleep: ms => ports.clock.sleep(ms),
        now: () => ports.clock.now(),
        restoreTimeoutMs: ctx.run.restoreTimeoutSeconds * 1000,
        ...(ports.signal ? { signal: ports.signal } : {}),
        ...(ports.random ? { random: ports.random } : {}),
        onRetry: (what, attempt, error) => journal.emit({ type: 'retry', at: journal.now(), what, attempt, error })
    });
}

;// CONCATENATED MODULE: ./src/rollout/ownership.ts
// A run's mark on the alias it moves: every shift and the promotion carry it (the same guarded UpdateAlias, so
// mark and routing never disagree), it expires MARK_TTL after its last write, and it is renewed while the run
// bakes. Another run, a restore of a split alias or a post step leaves a live mark of another run alone.



/** A mark lives this long after its last write: longer than any stretch between writes outside a bake. */
const MARK_TTL_MS = 20 * 60_000;
/** During a bake the mark is renewed once less than this is left. */
const RENEW_BEFORE_MS = 10 * 60_000;
/** This run's identity: the composition root gives it; tests and the benchmark get one from the deployment id. */
function ownerOf(ctx) {
    return ctx.ports.owner ?? { run: `local.1.${ctx.deploymentId.replace(/[^A-Za-z0-9._-]/g, '_').slice(-12)}`, job: 'local', repo: 'local' };
}
/** Another run's live mark on this alias, in words; undefined when the alias is free for `owner`. */
function heldByAnother(alias, owner, now) {
    const { mark } = parseDescription(alias.description);
    if (!mark || sameOwner(mark.owner, owner) || !isLive(mark, now))
        return undefined;
    return `${describeOwner(mark.owner)}, which is ${mark.phase === 'shifting' ? 'shifting its traffic' : 'in its final bake'} (its mark lasts until ${mark.until})`;
}
class AliasMark {
    ctx;
    alias;
    owner;
    restoreTo;
    until = 0;
    history;
    phase = 'shifting';
    /**
     * @param restoreTo the description a restore puts back: the one the alias had before the run.
     */
    constructor(ctx, alias, owner, restoreTo) {
        this.ctx = ctx;
        this.alias = alias;
        this.owner = owner;
        this.restoreTo = restoreTo;
        this.history = parseDescription(restoreTo).history;
    }
    get text() {
        return parseDescription(this.restoreTo).text;
    }
    /** The description to write; with the mark, it lasts MARK_TTL_MS from now (`until` is set once the write took). */
    describe(mark) {
        const until = this.ctx.journal.now() + MARK_TTL_MS;
        const record = { text: this.text, ...(this.history ? { history: this.history } : {}) };
        if (mark)
            record.mark = { owner: this.owner, until: stamp(until), phase: this.phase };
        return { description: formatDescription(record), until: mark ? until : 0 };
    }
    /** Writes `target` (a shift, the promotion, the end) through the guarded alias, and keeps the mark's expiry. */
    async write(target, what) {
        const { until, ...rest } = target;
        const written = await this.alias.write(rest, what);
        this.until = until;
        return written;
    }
    /** A shift's target, carrying the mark. */
    shifting(target) {
        this.phase = 'shifting';
        return { ...target, ...this.describe(true) };
    }
    /** The promotion's target: the new history, and the mark kept while anything is left to do (`done` false). */
    promoted(target, history, done) {
        this.history = history;
        this.phase = 'final-bake';
        return { ...target, ...this.describe(!done) };
    }
    /** The alias as the finished release leaves it: the history, no mark. */
    finished() {
        return { version: this.alias.state.version, weights: this.alias.state.weights, ...this.describe(false) };
    }
    /** A restore's target: the version, no routing, the description as it was before the run. */
    restore(version) {
        return { version, weights: {}, description: this.restoreTo };
    }
    /** What the post step needs to restore the description and to know the mark as its own. */
    checkpointFields() {
        return { description: this.restoreTo, owner: this.owner };
    }
    /** A clock whose sleeps renew the mark before it runs low, so a long bake never lets it expire. */
    renewing(clock) {
        return {
            now: () => clock.now(),
            sleep: async (ms, signal) => {
                let left = ms;
                while (left > 0) {
                    await this.renewIfDue();
                    // After a renewal that did not take, the next try is a minute later.
                    const due = this.until - RENEW_BEFORE_MS - clock.now();
                    const step = Math.max(1, Math.min(left, due > 0 ? due : 60_000));
                    await clock.sleep(step, signal);
                    left -= step;
                }
            }
        };
    }
    async renewIfDue() {
        const { journal } = this.ctx;
        if (this.until === 0 || this.until - journal.now() > RENEW_BEFORE_MS)
            return;
        const { version, weights } = this.alias.state;
        try {
            await this.write({ version, weights, ...this.describe(true) }, 'renew the lambda-canary mark');
        }
        catch (error) {
            // Someone else wrote the alias: the release stops there. Anything else is tried again at the next sleep.
            if (error instanceof ports/* AliasConflictError */.Xl)
                throw error;
            journal.emit({ type: 'retry', at: journal.now(), what: 'renew the lambda-canary mark', attempt: 1, error: messageOf(error) });
        }
    }
}

;// CONCATENATED MODULE: ./src/rollout/preflight.ts
// One preflight for deploy, plan and manual rollback: the function is Active, the alias exists, the target
// version exists, is not Failed and shares the old version's role and dead-letter config. Deploy and plan
// add the split-alias policy, the publish, provisioned concurrency and the alarms.


const failed = (message) => ({ ok: false, message });
const DEPLOY_HINTS = (ctx) => ({
    requireSuccessfulUpdate: ctx.spec.release.kind === 'version',
    missingAlias: '; create it pointing at the current version first',
    missingVersion: '; publish it first (or use publish: true)'
});
const ROLLBACK_HINTS = { requireSuccessfulUpdate: false, missingAlias: '', missingVersion: '' };
/** The function exists and is Active (and its last update succeeded, when that matters). */
async function checkFunction(ctx, findings, hints) {
    const { fn } = ctx.spec;
    const latest = await ctx.ports.fn.configuration('$LATEST');
    if (!latest) {
        return failed(`function "${fn.id}" was not found${searched(ctx)}: check function-name and aws-region (or AWS_REGION), and that the credentials are for the account that holds the function`);
    }
    if (latest.state !== 'Active') {
        return failed(`function "${fn.name}" is ${latest.state ?? 'in an unknown state'}${latest.stateReason ? ` (${latest.stateReason})` : ''}, not Active`);
    }
    if (latest.lastUpdateStatus !== 'Successful' && hints.requireSuccessfulUpdate) {
        return failed(`the last update of "${fn.name}" is ${latest.lastUpdateStatus ?? 'unknown'}${latest.lastUpdateStatusReason ? ` (${latest.lastUpdateStatusReason})` : ''}, not Successful`);
    }
    if (ctx.spec.release.kind !== 'rollback') {
        findings.push({
            level: 'ok',
            message: `function "${fn.name}" is Active and its last update ${latest.lastUpdateStatus ?? 'Successful'}`
        });
    }
    return { ok: true, latest };
}
async function readAlias(ctx, findings, hints) {
    let alias;
    try {
        alias = await ctx.ports.alias.read();
    }
    catch (error) {
        if (error instanceof ports/* NotFoundError */.m_)
            return failed(`alias "${ctx.run.alias}" of "${ctx.spec.fn.name}" was not found${searched(ctx)}${hints.missingAlias}`);
        throw error;
    }
    findings.push({ level: 'ok', message: `alias "${ctx.run.alias}" points at ${describeAlias(alias)}` });
    return { ok: true, alias };
}
/** The version to move to exists, is not Failed, and Lambda can split the alias between it and the old one. */
async function checkTarget(ctx, findings, hints, version, oldVersion) {
    const target = await ctx.ports.fn.configuration(version);
    if (!target)
        return failed(`version ${version} of "${ctx.spec.fn.name}" does not exist${searched(ctx)}${hints.missingVersion}`);
    if (target.state === 'Failed')
        return failed(`version ${version} is in state Failed${target.stateReason ? ` (${target.stateReason})` : ''}`);
    const incompatible = await compatible(ctx, target, oldVersion);
    if (incompatible)
        return failed(incompatible);
    findings.push({
        level: 'ok',
        message: `version ${version} exists and shares version ${oldVersion}'s execution role and dead-letter config`
    });
    return { ok: true };
}
/** Lambda refuses weighted routing between versions with different roles or DLQ configs. */
async function compatible(ctx, target, oldVersion) {
    const old = await ctx.ports.fn.configuration(oldVersion);
    if (!old)
        return `the alias's current version ${oldVersion} does not exist${searched(ctx)}`;
    const name = target.version === '$LATEST' ? '$LATEST' : `version ${target.version}`;
    if ((old.role ?? '') !== (target.role ?? '')) {
        return `${name} has execution role "${target.role ?? 'none'}" but version ${oldVersion} has "${old.role ?? 'none'}"; Lambda cannot split an alias between them`;
    }
    if ((old.deadLetterTargetArn ?? '') !== (target.deadLetterTargetArn ?? '')) {
        return `${name} has dead-letter target "${target.deadLetterTargetArn ?? 'none'}" but version ${oldVersion} has "${old.deadLetterTargetArn ?? 'none'}"; Lambda cannot split an alias between them`;
    }
    return undefined;
}
/** Where the adapters looked (region, account), for a "not found": the user may be searching the wrong place. */
function searched(ctx) {
    return (0,ports/* inLocation */.vV)(ctx.ports.fn.location?.());
}

;// CONCATENATED MODULE: ./src/rollout/manual-rollback.ts
// mode: rollback — the workflow_dispatch button. The shared preflight, an optional smoke test of the target,
// one guarded write (recording what it replaced), then a read-back to prove it took.









/** `findings` and `known` are filled as they are learnt, so a call that throws midway still reports them. */
async function manualRollback(ctx, to, findings, known) {
    const { run, journal } = ctx;
    const preflight = await rollbackPreflight(ctx, findings, to, known);
    journal.emit({ type: 'preflight', at: journal.now(), findings });
    if (!preflight.ok)
        return conclude(ctx, { result: 'failed', reason: preflight.message, cause: { kind: 'check-failed' }, ...preflight.known });
    const { versions, aliasArn } = preflight;
    if (preflight.unchanged) {
        const reason = preflight.alreadyRolledBack
            ? `already rolled back: alias "${run.alias}" points at version ${versions.newVersion}, to which version ${preflight.alreadyRolledBack.current} was rolled back at ${preflight.alreadyRolledBack.rolledBack}; nothing to do`
            : `alias "${run.alias}" already points at version ${versions.newVersion}; nothing to roll back`;
        return conclude(ctx, { result: 'unchanged', reason, cause: { kind: 'completed' }, versions, aliasArn });
    }
    await ctx.ports.onReady?.({ ...versions, manualRollback: true });
    const smokeFailed = await smokeTest(ctx, versions.newVersion);
    if (smokeFailed) {
        const reason = `${smokeFailed}; alias "${run.alias}" was not changed`;
        return conclude(ctx, { result: 'failed', reason, cause: { kind: 'check-failed' }, versions, aliasArn });
    }
    return rollBackTo(ctx, preflight.alias, versions, preflight.record);
}
async function rollbackPreflight(ctx, findings, to, known) {
    const { run } = ctx;
    const stop = (message) => {
        findings.push({ level: 'error', message });
        return { ...failed(message), known };
    };
    const fn = await checkFunction(ctx, findings, ROLLBACK_HINTS);
    if (!fn.ok)
        return stop(fn.message);
    const read = await readAlias(ctx, findings, ROLLBACK_HINTS);
    if (!read.ok)
        return stop(read.message);
    const { alias } = read;
    known.versions = { oldVersion: alias.version };
    known.aliasArn = alias.arn;
    // A run releasing this alias right now is not overwritten: it restores the alias itself if cancelled.
    const held = heldByAnother(alias, ownerOf(ctx), ctx.journal.now());
    if (held)
        return stop(`alias "${run.alias}" is held by ${held}; cancel that run (it restores the alias) or wait for it, then roll back`);
    const at = stamp(ctx.journal.now());
    const room = roomProblem(run.alias, alias.description, {
        text: '',
        history: { previous: to, current: alias.version, at, rolledBack: at }
    });
    if (room)
        return stop(room);
    const split = Object.keys(alias.weights).length > 0;
    if (split)
        findings.push({ level: 'warning', message: `alias "${run.alias}" is split (${describeAlias(alias)}); the rollback clears the routing` });
    let target = to;
    const record = readHistory(alias.description);
    if (to === 'previous') {
        if (!record) {
            return stop(`alias "${run.alias}" has no lambda-canary record of a previous version in its description; give rollback-to a version number`);
        }
        target = record.previous;
        // Pressed again: the alias is where the last rollback put it; "previous" never toggles back.
        if (record.rolledBack && alias.version === record.previous && !split) {
            findings.push({
                level: 'ok',
                message: `version ${record.current} was already rolled back to ${record.previous} at ${record.rolledBack}`
            });
            const versions = { oldVersion: alias.version, newVersion: target };
            known.versions = versions;
            return { ok: true, alias, versions, aliasArn: alias.arn, unchanged: true, alreadyRolledBack: record, record };
        }
        findings.push({
            level: 'ok',
            message: `the last lambda-canary deployment (${record.at}) replaced version ${record.previous} with ${record.current}`
        });
    }
    const versions = { oldVersion: alias.version, newVersion: target };
    known.versions = versions;
    if (target === alias.version && !split)
        return { ok: true, alias, versions, aliasArn: alias.arn, unchanged: true, record };
    const checked = await checkTarget(ctx, findings, ROLLBACK_HINTS, target, alias.version);
    if (!checked.ok)
        return stop(checked.message);
    return { ok: true, alias, versions, aliasArn: alias.arn, unchanged: false, record };
}
/** The one write of a manual rollback, read back: it is only done when GetAlias shows it. */
async function rollBackTo(ctx, state, versions, record) {
    const { run, journal } = ctx;
    const { oldVersion: from, newVersion: target } = versions;
    const alias = guardAlias(ctx, state);
    const end = (result, reason, restore) => conclude(ctx, {
        result,
        reason,
        cause: result === 'failed' ? { kind: 'check-failed' } : { kind: 'completed' },
        versions,
        aliasArn: alias.state.arn,
        ...(restore ? { restoreCommand: restore } : {})
    });
    try {
        // The history says which version was rolled back to which, so "previous" pressed again changes nothing.
        const now = stamp(journal.now());
        const released = record && record.current === from && record.previous === target ? record.at : now;
        const description = withHistory(state.description, { previous: target, current: from, at: released, rolledBack: now });
        // A rollback is a restore: it keeps trying against throttling and 5xx for restore-timeout.
        await alias.restore({ version: target, weights: {}, description }, `roll back to version ${target}`);
    }
    catch (error) {
        if (error instanceof ports/* AliasConflictError */.Xl) {
            const theirs = await ctx.ports.alias.read().catch(() => undefined);
            return conclude(ctx, {
                result: 'failed',
                reason: `alias "${run.alias}" changed while rolling back (expected RevisionId ${state.revisionId}, found ${theirs ? describeAlias(theirs) : 'an unreadable alias'}); nothing was overwritten`,
                cause: { kind: 'alias-conflict' },
                versions,
                aliasArn: state.arn
            });
        }
        const command = restoreCommand({ functionId: ctx.spec.fn.id, alias: run.alias, region: run.region }, target);
        const final = finalAliasState(run.alias, await readBack(ctx.ports.alias), { version: target, weights: {} }, command);
        return end('failed', `the rollback to version ${target} could not be written (${messageOf(error)}); ${final.words}`, command);
    }
    const check = await ctx.ports.alias.read();
    if (check.version !== target || Object.keys(check.weights).length > 0) {
        return end('failed', `after the rollback write, alias "${run.alias}" reads ${describeAlias(check)} instead of version ${target}`);
    }
    journal.emit({ type: 'manual-rollback', at: journal.now(), from, to: target, alias: snapshot(check) });
    return end('rolled-back', `alias "${run.alias}" moved from version ${from} back to version ${target} (manual rollback, verified by reading it back)`);
}

;// CONCATENATED MODULE: ./src/judge/stats.ts
// Small, hand-checkable statistics for the judge. No dependencies: each function is a textbook formula
// (Numerical Recipes' log-gamma and incomplete beta; the exact binomial tail and Clopper–Pearson bound).
/** Inverse of the standard normal CDF (Acklam's rational approximation; relative error < 1.2e-9). */
function normalQuantile(p) {
    if (!(p > 0 && p < 1))
        throw new RangeError(`normalQuantile needs 0 < p < 1, got ${p}`);
    const a = [-39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716, 2.506628277459239];
    const b = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572];
    const c = [-0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
    const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
    const low = 0.02425;
    const poly = (k, x) => k.reduce((acc, v) => acc * x + v, 0);
    if (p < low) {
        const q = Math.sqrt(-2 * Math.log(p));
        return poly(c, q) / (poly(d, q) * q + 1);
    }
    if (p > 1 - low)
        return -normalQuantile(1 - p);
    const q = p - 0.5;
    const r = q * q;
    return (poly(a, r) * q) / (poly(b, r) * r + 1);
}
/** ln Γ(x) for x > 0 (Lanczos approximation, g = 7). */
function logGamma(x) {
    const g = [
        0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905,
        -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7
    ];
    if (x < 0.5)
        return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
    const z = x - 1;
    let sum = g[0];
    for (let i = 1; i < 9; i++)
        sum += g[i] / (z + i);
    const t = z + 7.5;
    return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(sum);
}
/** Continued fraction for the incomplete beta function (modified Lentz). */
function betaContinuedFraction(a, b, x) {
    const tiny = 1e-300;
    let c = 1;
    let d = 1 - ((a + b) * x) / (a + 1);
    if (Math.abs(d) < tiny)
        d = tiny;
    d = 1 / d;
    let h = d;
    for (let m = 1; m <= 10000; m++) {
        const m2 = 2 * m;
        let aa = (m * (b - m) * x) / ((a + m2 - 1) * (a + m2));
        d = 1 + aa * d;
        if (Math.abs(d) < tiny)
            d = tiny;
        c = 1 + aa / c;
        if (Math.abs(c) < tiny)
            c = tiny;
        d = 1 / d;
        h *= d * c;
        aa = (-(a + m) * (a + b + m) * x) / ((a + m2) * (a + m2 + 1));
        d = 1 + aa * d;
        if (Math.abs(d) < tiny)
            d = tiny;
        c = 1 + aa / c;
        if (Math.abs(c) < tiny)
            c = tiny;
        d = 1 / d;
        const delta = d * c;
        h *= delta;
        if (Math.abs(delta - 1) < 1e-14)
            break;
    }
    return h;
}
/** The regularized incomplete beta function I_x(a, b). */
function regularizedBeta(x, a, b) {
    if (x <= 0)
        return 0;
    if (x >= 1)
        return 1;
    const front = Math.exp(logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log(1 - x));
    return x < (a + 1) / (a + b + 2) ? (front * betaContinuedFraction(a, b, x)) / a : 1 - (front * betaContinuedFraction(b, a, 1 - x)) / b;
}
/** P(X ≥ k) for X ~ Binomial(n, p): exact, via I_p(k, n − k + 1). */
function binomialUpperTail(k, n, p) {
    if (k <= 0)
        return 1;
    if (k > n)
        return 0;
    return regularizedBeta(p, k, n - k + 1);
}
/**
 * Clopper–Pearson one-sided lower bound: the smallest error rate p for which seeing `errors` or more
 * out of `trials` still has probability ≥ alpha. The true rate is above it with confidence 1 − alpha.
 */
function clopperPearsonLower(errors, trials, alpha) {
    if (errors <= 0 || trials <= 0)
        return 0;
    let lo = 0;
    let hi = errors / trials;
    for (let i = 0; i < 60; i++) {
        const mid = (lo + hi) / 2;
        if (binomialUpperTail(errors, trials, mid) < alpha)
            lo = mid;
        else
            hi = mid;
    }
    return lo;
}
/** Clopper–Pearson one-sided upper bound: the true rate is below it with confidence 1 − alpha. */
function clopperPearsonUpper(errors, trials, alpha) {
    if (trials <= 0)
        return 1;
    if (errors >= trials)
        return 1;
    return 1 - clopperPearsonLower(trials - errors, trials, alpha);
}

;// CONCATENATED MODULE: ./src/judge/dispersion.ts
/**
 * A factor above this says more about an incident than about noise; beyond it no test could ever fail. Errors in
 * bursts of ρ = 0.1 at 1,200 invocations a minute are φ ≈ 120: a lower cap would read such a healthy release's
 * bursts as a regression.
 */
const DISPERSION_CAP = 200;
/** Prior degrees of freedom at φ = 1: an estimate from few periods is pulled toward the binomial. */
const DISPERSION_PRIOR_DF = 2;
/** Binomial: what a test assumes without an estimate. */
const NO_DISPERSION = { phi: 1, rho: 0, chi2: 0, df: 0, spread: 0 };
/**
 * φ from one version's per-period counts: Pearson χ² around the pooled rate p̂ = Σe / Σn, divided by its
 * degrees of freedom k − 1 after adding DISPERSION_PRIOR_DF prior degrees of freedom at φ = 1, floored at
 * 1 and capped. Periods without invocations are left out; fewer than 3 periods, or no errors (or nothing
 * but errors), give φ = 1 — there is nothing to estimate the extra variance from.
 */
function dispersion(periods, cap = DISPERSION_CAP) {
    const used = periods.filter(p => p.invocations > 0);
    const n = used.reduce((s, p) => s + p.invocations, 0);
    const e = used.reduce((s, p) => s + p.errors, 0);
    if (used.length < 3 || e <= 0 || e >= n)
        return NO_DISPERSION;
    const p = e / n;
    const chi2 = used.reduce((s, c) => s + (c.errors - c.invocations * p) ** 2 / (c.invocations * p * (1 - p)), 0);
    const spread = used.reduce((s, c) => s + (c.invocations - 1) * (1 - c.invocations / n), 0);
    return fromChi2(chi2, used.length - 1, spread, cap);
}
/**
 * Pools two estimates (e.g. the old version's baseline window and the old version beside the new one),
 * weighting each by its degrees of freedom: χ² and df add up (each keeps its own pooled rate).
 */
function combineDispersion(a, b, cap = DISPERSION_CAP) {
    if (a.df + b.df === 0)
        return NO_DISPERSION;
    return fromChi2(a.chi2 + b.chi2, a.df + b.df, a.spread + b.spread, cap);
}
/**
 * φ at another period size: bursts add variance in proportion to n², so a φ measured on periods of 1,000
 * invocations overstates it for a version serving 100 a period. Beta-binomial: φ(n) = 1 + (n − 1)·ρ.
 */
function dispersionAt(estimate, invocationsPerPeriod, cap = DISPERSION_CAP) {
    return clampPhi(1 + Math.max(0, invocationsPerPeriod - 1) * estimate.rho, cap);
}
function fromChi2(chi2, df, spread, cap) {
    const phi = clampPhi((chi2 + DISPERSION_PRIOR_DF) / (df + DISPERSION_PRIOR_DF), cap);
    // E[χ²] ≈ df + ρ·spread; ρ is read from the shrunk, capped φ so φ = 1 ⇔ ρ = 0 (for equal n: ρ = (φ − 1)/(n − 1)).
    const rho = spread > 0 ? ((phi - 1) * df) / spread : 0;
    return { phi, rho, chi2, df, spread };
}
function clampPhi(phi, cap) {
    return Math.min(Math.max(1, cap), Math.max(1, phi));
}

;// CONCATENATED MODULE: ./src/judge/increase.ts


/** P(Z > z) for a standard normal Z: 0.5·erfc(z/√2), Numerical Recipes' erfcc (fractional error < 1.2e-7). */
function normalUpperTail(z) {
    if (Number.isNaN(z))
        return Number.NaN;
    const x = Math.abs(z) / Math.SQRT2;
    const t = 1 / (1 + 0.5 * x);
    const k = [-1.26551223, 1.00002368, 0.37409196, 0.09678418, -0.18628806, 0.27886807, -1.13520398, 1.48851587, -0.82215223, 0.17087277];
    let poly = 0;
    for (let i = k.length - 1; i >= 0; i--)
        poly = k[i] + t * poly;
    const erfc = t * Math.exp(-x * x + poly);
    return z >= 0 ? 0.5 * erfc : 1 - 0.5 * erfc;
}
/** The z with P(Z > z) = p, defined for every p in [0, 1] (±Infinity at the ends). */
function upperTailScore(p) {
    if (p <= 0)
        return Number.POSITIVE_INFINITY;
    if (p >= 1)
        return Number.NEGATIVE_INFINITY;
    // 1 − p would lose a p below 1e-16; the symmetric form keeps it.
    return p < 0.5 ? -normalQuantile(p) : normalQuantile(1 - p);
}
/** Periods where both versions served: the others say nothing about the difference. */
function usable(strata) {
    return strata.filter(s => s.newInvocations > 0 && s.oldInvocations > 0);
}
/** φ for one period: the new version's and the old version's φ mixed as their shares of the period's RD variance. */
function stratumPhi(d, n1, n0) {
    if (typeof d === 'number')
        return Math.max(1, d);
    // Var contribution ∝ φ1/n1 + φ0/n0 = (n0·φ1 + n1·φ0)/(n1·n0); with φ_v = 1 + (n_v − 1)ρ: 1 + ρ(2·n1·n0/N − 1).
    const phi = 1 + d.rho * ((2 * n1 * n0) / (n1 + n0) - 1);
    return Math.min(DISPERSION_CAP, Math.max(1, phi));
}
/** RD_MH = Σ (e1·n0 − e0·n1)/N ÷ Σ n1·n0/N over the usable periods; 0 when none. */
function mantelHaenszel(strata) {
    let w = 0;
    let num = 0;
    let p = 0;
    let q = 0;
    let orNum = 0;
    let orDen = 0;
    for (const s of usable(strata)) {
        const { newInvocations: n1, newErrors: e1, oldInvocations: n0, oldErrors: e0 } = s;
        const n = n1 + n0;
        w += (n1 * n0) / n;
        num += (e1 * n0 - e0 * n1) / n;
        p += (n1 * n1 * e0 - n0 * n0 * e1 + (n1 * n0 * (n0 - n1)) / 2) / (n * n);
        q += (e1 * (n0 - e0) + e0 * (n1 - e1)) / (2 * n);
        orNum += (e1 * (n0 - e0)) / n;
        orDen += (e0 * (n1 - e1)) / n;
    }
    const oddsRatio = orDen > 0 ? orNum / orDen : orNum > 0 ? Number.POSITIVE_INFINITY : 1;
    return { rd: w > 0 ? num / w : 0, w, p, q, oddsRatio };
}
/** Sato's variance of RD_MH: (RD·ΣP + ΣQ) / (Σw)², valid for sparse and large strata alike. */
function satoVariance(mh) {
    return mh.w > 0 ? Math.max(0, mh.rd * mh.p + mh.q) / (mh.w * mh.w) : 0;
}
/** Fraction points as the report writes them: 0.0042 → "0.42 pp". */
function points(fraction) {
    return `${(fraction * 100).toFixed(2)} pp`;
}
/** A number to three decimals, for one-line summaries. */
function increase_round3(n) {
    return Math.round(n * 1000) / 1000;
}

;// CONCATENATED MODULE: ./src/judge/conditional.ts
// The exact conditional test for small counts, where normal approximations fail: given each period's total
// errors m_t, the new version's errors e1_t follow Fisher's noncentral hypergeometric distribution with the
// odds ratio ψ; their sum over periods is the convolution of those distributions.

/** Terms below this share of the mode's are left out of a period's distribution. */
const TINY = 1e-17;
/** Each tail of a convolution is cut where its mass falls below this. */
const TRIM = 1e-15;
/** Multiply-adds the exact convolution may spend; beyond it the conditional normal approximation is used (≈ 30 ms). */
const MAX_EXACT_WORK = 2e7;
/**
 * Fisher's noncentral hypergeometric distribution of e1 given m errors among n1 new and n0 old invocations:
 * P(x) ∝ C(n1, x)·C(n0, m − x)·ψ^x. Built outward from the mode by the ratio of neighbours, so no factorial
 * or exponent is ever formed (stable for n up to 10⁶ and beyond).
 */
function noncentralHypergeometric(n1, n0, m, psi) {
    const lo = Math.max(0, m - n0);
    const hi = Math.min(n1, m);
    // f(x + 1)/f(x), decreasing in x.
    const up = (x) => ((n1 - x) * (m - x) * psi) / ((x + 1) * (n0 - m + x + 1));
    let a = lo;
    let b = hi;
    while (a < b) {
        const mid = Math.floor((a + b) / 2);
        if (up(mid) < 1)
            b = mid;
        else
            a = mid + 1;
    }
    const mode = a;
    const right = [];
    for (let x = mode, w = 1; x < hi; x++) {
        w *= up(x);
        if (w < TINY)
            break;
        right.push(w);
    }
    const left = [];
    for (let x = mode, w = 1; x > lo; x--) {
        w /= up(x - 1);
        if (w < TINY)
            break;
        left.push(w);
    }
    const p = Float64Array.from([...left.reverse(), 1, ...right]);
    const total = p.reduce((s, v) => s + v, 0);
    for (let i = 0; i < p.length; i++)
        p[i] = p[i] / total;
    return { lo: mode - left.length, p };
}
/** Cuts each tail where its mass is below TRIM: the support of a sum of hundreds of periods stays narrow. */
function trim(d) {
    let start = 0;
    let end = d.p.length;
    for (let mass = 0; start < end - 1 && mass + d.p[start] < TRIM; start++)
        mass += d.p[start];
    for (let mass = 0; end - 1 > start && mass + d.p[end - 1] < TRIM; end--)
        mass += d.p[end - 1];
    return { lo: d.lo + start, p: d.p.subarray(start, end) };
}
/** The distribution of X + Y for independent X and Y. */
function convolve(x, y) {
    const out = new Float64Array(x.p.length + y.p.length - 1);
    for (let i = 0; i < x.p.length; i++) {
        const xi = x.p[i];
        if (xi === 0)
            continue;
        for (let j = 0; j < y.p.length; j++)
            out[i + j] = out[i + j] + xi * y.p[j];
    }
    return trim({ lo: x.lo + y.lo, p: out });
}
/** P(X ≥ s). */
function pmfUpperTail(d, s) {
    let tail = 0;
    for (let i = Math.max(0, s - d.lo); i < d.p.length; i++)
        tail += d.p[i];
    return Math.min(1, tail);
}
function moments(d) {
    let mean = 0;
    let square = 0;
    d.p.forEach((p, i) => {
        mean += p * (d.lo + i);
        square += p * (d.lo + i) ** 2;
    });
    return { mean, variance: Math.max(0, square - mean * mean) };
}
/**
 * The odds-ratio margin that matches a risk-difference margin δ at the reference rate p_ref:
 * ψ = odds(p_ref + δ) / odds(p_ref). Exact only at p_ref: the margin is a risk difference, the test an odds ratio.
 */
function psiFromMargin(pRef, delta) {
    if (!(delta > 0))
        return 1;
    const p0 = Math.min(Math.max(pRef, 1e-9), 1 - 1e-9);
    const p1 = Math.min(p0 + delta, 1 - 1e-12);
    return (p1 * (1 - p0)) / (p0 * (1 - p1));
}
/** Each period with errors: its conditional distribution under ψ, its moments and its φ. */
function periodsUnder(strata, psi, d) {
    return strata.flatMap(s => {
        const m = s.newErrors + s.oldErrors;
        if (m === 0)
            return [];
        const pmf = noncentralHypergeometric(s.newInvocations, s.oldInvocations, m, psi);
        return [{ pmf, ...moments(pmf), phi: stratumPhi(d, s.newInvocations, s.oldInvocations) }];
    });
}
/** Multiply-adds the convolution would take, with each partial sum's support trimmed to about ±8.5 sd. */
function convolutionWork(periods) {
    let work = 0;
    let length = 1;
    let variance = 0;
    for (const p of periods) {
        work += length * p.pmf.p.length;
        variance += p.variance;
        length = Math.min(length + p.pmf.p.length - 1, Math.ceil(17 * Math.sqrt(variance)) + p.pmf.p.length);
    }
    return work;
}
/**
 * Exact conditional test of H0: ψ ≤ ψ0 (ψ0 from δ at p_ref) against more errors on the new version: the
 * p-value is P(Σ e1_t ≥ observed) under the convolution of the periods' noncentral hypergeometric laws.
 * When φ > 1 the exact p-value's normal score is divided by √φ (an approximation: the exact law is
 * binomial-based). Beyond MAX_EXACT_WORK the sum is taken as normal with its exact mean and variance.
 */
function exactStratifiedIncrease(strata, delta, alpha, options) {
    const used = usable(strata);
    const psi = psiFromMargin(options.pRef, delta);
    const periods = periodsUnder(used, psi, options.dispersion ?? 1);
    const observed = used.reduce((s, p) => s + (p.newErrors + p.oldErrors > 0 ? p.newErrors : 0), 0);
    const variance = periods.reduce((s, p) => s + p.variance, 0);
    const phi = variance > 0 ? periods.reduce((s, p) => s + p.variance * p.phi, 0) / variance : 1;
    const exact = convolutionWork(periods) <= MAX_EXACT_WORK;
    let pValue;
    let z;
    if (exact) {
        const sum = periods.reduce((acc, p) => convolve(acc, p.pmf), { lo: 0, p: Float64Array.of(1) });
        const tail = pmfUpperTail(sum, observed);
        pValue = phi > 1 ? normalUpperTail(upperTailScore(tail) / Math.sqrt(phi)) : tail;
        z = upperTailScore(pValue);
    }
    else {
        const mean = periods.reduce((s, p) => s + p.mean, 0);
        // Continuity correction: P(S ≥ s) for a discrete S is read at s − ½.
        z = variance > 0 ? (observed - 0.5 - mean) / Math.sqrt(phi * variance) : Number.NEGATIVE_INFINITY;
        pValue = normalUpperTail(z);
    }
    const mh = mantelHaenszel(used);
    const method = exact ? 'exact-conditional' : 'conditional-normal';
    const summary = `${method}: ${observed} of ${observed + used.reduce((s, p) => s + p.oldErrors, 0)} errors on the new version, MH risk difference ${points(mh.rd)}, odds ratio ${increase_round3(mh.oddsRatio)} vs margin ${increase_round3(psi)}, p = ${pValue.toPrecision(3)}, φ = ${increase_round3(phi)}, ${used.length} periods`;
    return { evidence: alpha > 0 && pValue < alpha, pValue, method, estimate: mh.rd, z, phi, strata: used.length, summary };
}

;// CONCATENATED MODULE: ./src/judge/stratified.ts
// Compare like with like: the new version against the old one within each period, never pooled over periods
// of different weights (a downstream outage at a stage boundary would otherwise look like the new version's
// fault). Tests of H0: p_new ≤ p_old + δ against H1: p_new > p_old + δ, stratified by period.


/** At most this many errors (both versions, all periods) the exact conditional test is used; above, Mantel–Haenszel. */
const EXACT_MAX_ERRORS = 200;
/**
 * Mantel–Haenszel risk difference RD_MH with Sato's (1989) variance, inflated by φ:
 * z = (RD_MH − δ) / √(φ·Var_Sato), p = P(Z > z). Periods where a version had no invocations contribute
 * nothing. φ is the periods' φ averaged with the weights of their share of the variance (n1·n0/N · p̄(1 − p̄)).
 */
function mantelHaenszelIncrease(strata, delta, alpha, dispersion = 1) {
    const used = usable(strata);
    const mh = mantelHaenszel(used);
    const phi = weightedPhi(used, dispersion);
    const se = Math.sqrt(phi * satoVariance(mh));
    // No variation at all (no errors, or nothing but errors) leaves RD_MH = 0: no evidence either way. Within-version
    // variation none but a difference (every period all-or-nothing on each side, e.g. every call of a 40× slower
    // version above the latency threshold and none of the old one's) is complete separation: evidence of any δ < RD.
    const separated = !(se > 0) && mh.rd > delta;
    const z = se > 0 ? (mh.rd - delta) / se : separated ? Number.POSITIVE_INFINITY : 0;
    const pValue = se > 0 ? normalUpperTail(z) : separated ? 0 : 1;
    const summary = `Mantel–Haenszel risk difference ${points(mh.rd)} vs margin ${points(delta)}, z = ${increase_round3(z)}, p = ${pValue.toPrecision(3)}, φ = ${increase_round3(phi)}, ${used.length} periods`;
    return { evidence: alpha > 0 && pValue < alpha, pValue, method: 'mantel-haenszel', estimate: mh.rd, z, phi, strata: used.length, summary };
}
function weightedPhi(used, dispersion) {
    let weight = 0;
    let sum = 0;
    for (const s of used) {
        const n = s.newInvocations + s.oldInvocations;
        const rate = (s.newErrors + s.oldErrors) / n;
        const w = ((s.newInvocations * s.oldInvocations) / n) * rate * (1 - rate);
        weight += w;
        sum += w * stratumPhi(dispersion, s.newInvocations, s.oldInvocations);
    }
    if (weight > 0)
        return sum / weight;
    return typeof dispersion === 'number' ? Math.max(1, dispersion) : dispersion.phi;
}
/**
 * The stratified test a gate calls: exact conditional while the errors are few (≤ EXACT_MAX_ERRORS in all),
 * where normal approximations fail and the null-based conditional variance gives it more power; Mantel–Haenszel
 * with Sato's variance above, where the exact convolution grows costly and the normal approximation is good.
 */
function stratifiedIncrease(strata, delta, alpha, options = {}) {
    const used = usable(strata);
    const errors = used.reduce((s, p) => s + p.newErrors + p.oldErrors, 0);
    const dispersion = options.dispersion ?? 1;
    if (errors > EXACT_MAX_ERRORS)
        return mantelHaenszelIncrease(used, delta, alpha, dispersion);
    const oldErrors = used.reduce((s, p) => s + p.oldErrors, 0);
    const oldInvocations = used.reduce((s, p) => s + p.oldInvocations, 0);
    const pRef = options.pRef ?? (oldErrors + 0.5) / (oldInvocations + 1);
    return exactStratifiedIncrease(used, delta, alpha, { pRef, dispersion });
}

;// CONCATENATED MODULE: ./src/judge/latency-gates.ts
// The latency gates, warm with warm: the new version's periods within latency-warm-up of a weight increase are
// left out (new containers start cold). Latency is read as counts, exact and additive across periods: "slow"
// invocations per period = invocations × (1 − PR(:T)/100) from CloudWatch's percentile rank. Then
//  - latency-increase (T = the baseline's statistic × (1 + max-latency-increase)): below 100% a stratified test
//    of new vs old slow fractions over the warm periods (a shared slowdown cancels), margin 1 − q (1% for p99);
//    at 100% a one-sample test of the new version's warm slow fraction against the statistic's tail 1 − q;
//  - latency (T = max-latency): the same one-sample test at any weight.
// For avg and max (no percentile rank), and without a baseline, the per-period statistics are compared once
// they rest on the minimum evidence (avg: weighted by invocations, so sums add up).




/** Invocations a latency statistic needs before it means anything: ten beyond the percentile. */
function latencyMinimum(statistic, minInvocations) {
    const q = quantileOf(statistic);
    return Math.max(minInvocations, 1, q !== undefined ? Math.ceil(10 / (1 - q) - 1e-9) : 0);
}
/** The statistic's quantile (0.99 for p99); undefined for avg and max. */
function quantileOf(statistic) {
    return statistic === 'avg' || statistic === 'max' ? undefined : Number(statistic.slice(1)) / 100;
}
/** The latency-increase threshold: the baseline's statistic × (1 + increase); undefined without a baseline latency. */
function increaseThresholdMs(evidence, maxIncrease) {
    const ref = evidence.baseline?.latencyMs;
    return maxIncrease === undefined || ref === undefined || !(ref > 0) ? undefined : ref * (1 + maxIncrease);
}
/** The warm periods of the evidence: clear of every warm-up after a weight increase. */
function warmPeriods(evidence) {
    return evidence.total.periods.filter(p => isWarm(p.time, evidence));
}
/** What the warm-up left out, for the report: "3 of 9 periods in warm-ups left out". */
function warmUpWords(evidence) {
    const all = evidence.total.periods.filter(p => p.newInvocations > 0).length;
    const warm = warmPeriods(evidence).filter(p => p.newInvocations > 0).length;
    return all > warm ? `; ${all - warm} of ${all} periods of the new version left out as warm-up` : '';
}
/** One-sample: is the new version's warm fraction above T more than the statistic's tail 1 − q? */
function tailTest(periods, key, q, alpha, needed, thresholdMs) {
    const used = periods.filter(p => p.newInvocations > 0 && p[key] !== undefined);
    const n = used.reduce((s, p) => s + p.newInvocations, 0);
    const slow = used.reduce((s, p) => s + (p[key] ?? 0), 0);
    const observed = n > 0 ? `${formatPercent(slow / n)} of ${n} warm invocations above ${Math.round(thresholdMs)} ms` : 'no warm data';
    const tail = 1 - q;
    if (n > 0 && alpha > 0 && binomialUpperTail(slow, n, tail) < alpha)
        return { status: 'fail', observed, detail: `more than ${formatPercent(tail)} of them (exact binomial test)` };
    return { status: n >= needed ? 'pass' : 'pending', observed, overLimit: n > 0 && slow / n > tail };
}
/** Below 100%: the new version's warm slow fraction against the old version's in the same periods. */
function stratifiedSlowTest(periods, q, alpha, needed, thresholdMs) {
    const strata = periods
        .filter(p => p.newSlow !== undefined && p.oldSlow !== undefined)
        .map(p => ({
        newInvocations: p.newInvocations,
        newErrors: p.newSlow ?? 0,
        oldInvocations: p.oldInvocations,
        oldErrors: p.oldSlow ?? 0
    }))
        .filter(s => s.newInvocations > 0 && s.oldInvocations > 0);
    const sum = (f) => strata.reduce((a, s) => a + f(s), 0);
    const [n, ns, o, os] = [sum(s => s.newInvocations), sum(s => s.newErrors), sum(s => s.oldInvocations), sum(s => s.oldErrors)];
    const above = Math.round(thresholdMs);
    const observed = n > 0
        ? `${formatPercent(ns / n)} of ${n} warm invocations above ${above} ms vs ${formatPercent(o > 0 ? os / o : 0)} of ${o} on the old version`
        : 'no warm data';
    if (n > 0 && alpha > 0) {
        const test = stratifiedIncrease(strata, 1 - q, alpha);
        if (test.evidence)
            return { status: 'fail', observed, detail: test.summary };
    }
    return { status: n >= needed && o >= needed ? 'pass' : 'pending', observed, overLimit: n > 0 && o > 0 && ns / n > os / o + (1 - q) };
}
/** avg/max, or no baseline: the warm per-period statistics (avg weighted by invocations, max the largest). */
function warmStatistic(periods, version, statistic) {
    const n = periods.reduce((s, p) => s + (version === 'new' ? p.newInvocations : p.oldInvocations), 0);
    let weighted = 0;
    let weight = 0;
    let max;
    for (const p of periods) {
        const ms = version === 'new' ? p.newLatencyMs : p.oldLatencyMs;
        const inv = version === 'new' ? p.newInvocations : p.oldInvocations;
        if (ms === undefined || inv === 0)
            continue;
        weighted += ms * inv;
        weight += inv;
        max = Math.max(max ?? 0, ms);
    }
    if (weight === 0)
        return { n };
    // A percentile without a baseline: the invocation-weighted mean of the warm periods' percentiles (an approximation, said in the report).
    return statistic === 'max' ? { ms: max, n } : { ms: weighted / weight, n };
}

;// CONCATENATED MODULE: ./src/judge/power.ts
// Minimum evidence: how many invocations of the new version a stage needs before a test could see a given
// increase — what `mode: plan` holds against a stage's expected traffic within its bake.

/**
 * Roughly how many new-version invocations it takes to detect a true error rate of pRef + delta with a
 * one-sided test at alpha of H0: p ≤ pRef + margin (margin 0: any increase; the gate's δ for an increase gate),
 * with the given power (0.5: the increase is detected as often as not). Normal approximation of the binomial
 * against a known reference, variance inflated by φ:
 *   n = φ · (z_{1−α}·√(p0·q0) + z_{power}·√(p1·q1))² / (p1 − p0)²,   p0 = pRef + margin, p1 = pRef + delta.
 * Never fewer than it takes to see one error with that probability, ln(1 − power) / ln(1 − p1): no test
 * fails a version on zero errors. Infinity when delta ≤ margin (nothing to detect). The reference is taken
 * as known: an old version with far more invocations, or a long baseline (add its n if it is not).
 */
function invocationsToDetect(pRef, delta, alpha, power = 0.5, phi = 1, margin = 0) {
    const p0 = Math.max(0, pRef + Math.max(0, margin));
    const p1 = Math.min(1, pRef + delta);
    if (!(p1 > p0) || !(alpha > 0 && alpha < 1) || !(power > 0 && power < 1))
        return Number.POSITIVE_INFINITY;
    const zAlpha = normalQuantile(1 - alpha);
    const zPower = normalQuantile(power);
    const spread = zAlpha * Math.sqrt(p0 * (1 - p0)) + zPower * Math.sqrt(p1 * (1 - p1));
    const normal = (Math.max(1, phi) * Math.max(0, spread) ** 2) / (p1 - p0) ** 2;
    const oneError = p1 < 1 ? Math.log(1 - power) / Math.log(1 - p1) : 1;
    return Math.ceil(Math.max(normal, oneError) - 1e-9);
}

;// CONCATENATED MODULE: ./src/judge/coverage.ts
// Which gates judge each stage, and whether the stage's expected traffic (from the baseline) reaches each
// gate's minimum evidence: what `mode: plan` prints, what the preflight refuses (a stage no gate can fail),
// and which gates a stage's pending verdicts may not be held against ("not judged at this traffic"). Pure.




/** Every watched stage (the weighted stages, and the final bake at 100%) with the gates that judge it. */
function coverage(input, baseline) {
    const { plan } = input;
    const stages = plan.stages.map((s, i) => ({ stage: i + 1, ...s }));
    if (plan.finalBakeSeconds > 0)
        stages.push({ stage: plan.stages.length + 1, weight: 1, bakeSeconds: plan.finalBakeSeconds });
    const perSecond = baseline && baseline.invocations > 0 ? baseline.invocations / baselineSeconds(baseline) : undefined;
    return stages.map(s => {
        const expected = perSecond === undefined ? undefined : perSecond * s.weight * s.bakeSeconds;
        const warmUp = warmUpSeconds(input.latencyWarmUpSeconds, s.bakeSeconds);
        // The period that holds the end of the warm-up is left out too (when there is a warm-up at all).
        const warm = Math.max(0, s.bakeSeconds - warmUp - (warmUp > 0 ? input.metricPeriodSeconds : 0));
        const warmShare = s.bakeSeconds > 0 ? warm / s.bakeSeconds : 0;
        const gates = stageGates(input, baseline, s.weight, expected, warmShare);
        return { ...s, ...(expected !== undefined ? { expected: Math.floor(expected) } : {}), gates, judged: gates.length > 0 };
    });
}
function stageGates(input, baseline, weight, expected, warmShare) {
    const { gates } = input;
    const hasBase = (baseline?.invocations ?? 0) > 0;
    const reach = (minimum, share = 1) => expected === undefined ? { minimum } : { minimum, reachable: expected * share >= minimum };
    const latencyMin = latencyMinimum(gates.latencyStatistic, gates.minInvocations);
    const out = [];
    if (gates.maxErrorRate !== undefined)
        out.push({ gate: 'error-rate', ...reach(gates.minInvocations), note: `≤ ${formatPercent(gates.maxErrorRate)}` });
    if (gates.maxErrorRateIncrease !== undefined && (weight < 1 || hasBase))
        out.push({
            gate: 'error-rate-increase',
            ...reach(gates.minInvocations),
            note: weight < 1 ? 'against the old version in the same periods' : 'against the baseline'
        });
    if (gates.maxLatencyMs !== undefined)
        out.push({ gate: 'latency', ...reach(latencyMin, warmShare), note: `warm ${gates.latencyStatistic} ≤ ${gates.maxLatencyMs} ms` });
    if (gates.maxLatencyIncrease !== undefined && (weight < 1 || baseline?.latencyMs !== undefined))
        out.push({
            gate: 'latency-increase',
            ...reach(latencyMin, warmShare),
            note: `warm ${gates.latencyStatistic} against ${baseline?.latencyMs !== undefined ? 'the baseline' : 'the old version'}`
        });
    if (gates.maxThrottles !== undefined)
        out.push({ gate: 'throttles', note: `≤ ${gates.maxThrottles}` });
    for (const g of gates.metricGates ?? [])
        out.push({ gate: `metric:${g.name}`, note: `${g.namespace} ${g.metric}` });
    if (input.alarms.length > 0)
        out.push({ gate: 'alarm', note: input.alarms.join(', ') });
    return out;
}
/** Gates of a stage whose minimum its expected traffic cannot reach. */
function unreachableGates(stage) {
    return (stage?.gates ?? []).filter(g => g.reachable === false).map(g => g.gate);
}
/** One line per stage for the plan: which gates judge it, and what the traffic lets each see. */
function coverageLines(stages, input, baseline) {
    return stages.map(s => {
        const where = `stage ${s.stage} (${formatPercent(s.weight)} for ${formatDuration(s.bakeSeconds)}${s.expected !== undefined ? `, ≈ ${s.expected} invocations of the new version expected` : ''})`;
        if (!s.judged)
            return { level: 'error', message: `${where}: no gate can fail it — ${unjudgedAdvice(s.weight)}` };
        const words = s.gates.map(g => `${g.gate} (${g.note}${gateReach(g, input, baseline, s)})`);
        return {
            level: s.gates.some(g => g.reachable === false) ? 'warning' : 'ok',
            message: `${where}: judged by ${words.join('; ')}`
        };
    });
}
function gateReach(g, input, baseline, s) {
    if (g.minimum === undefined)
        return '';
    if (g.reachable === undefined)
        return `; needs ${g.minimum} invocations, traffic unknown`;
    if (g.reachable &&
        g.gate === 'error-rate-increase' &&
        baseline &&
        baseline.invocations > 0 &&
        input.gates.maxErrorRateIncrease !== undefined) {
        const delta = input.gates.maxErrorRateIncrease;
        const needed = invocationsToDetect(baseline.errors / baseline.invocations, 2 * delta, 1 - input.gates.confidence, 0.5, baseline.dispersion.phi, delta);
        return `; sees +${formatPercent(2 * delta)} after ≈ ${needed} invocations${needed > (s.expected ?? 0) ? ', more than the stage expects' : ''}`;
    }
    if (g.reachable)
        return `; needs ${g.minimum}`;
    const suggestion = g.gate.startsWith('latency') && input.gates.latencyStatistic === 'p99'
        ? 'use latency-statistic p95 (needs 200) or a longer bake'
        : `a bake of about ${formatDuration(Math.ceil((s.bakeSeconds * g.minimum) / Math.max(1, s.expected ?? 1) / 60) * 60)}`;
    return `; needs ${g.minimum} warm invocations, which the stage cannot gather at this traffic: not judged at this traffic — it fails only gross regressions; ${suggestion}`;
}
function unjudgedAdvice(weight) {
    return weight >= 1
        ? 'at 100% there is no old version beside the new one and no baseline (no old-version traffic in baseline-window); add max-error-rate (e.g. "2%") or max-latency, alarms or metric-gates, a longer baseline-window, or set allow-unjudged-stages: "true"'
        : 'add a gate (max-error-rate-increase, max-error-rate, max-latency, alarms) or set allow-unjudged-stages: "true"';
}

;// CONCATENATED MODULE: ./src/judge/alpha.ts
// How much of the false-alarm budget (1 − confidence) each look may spend: the rollout asks, the judge spends it.
/**
 * The share of a total false-alarm budget `alpha` spent at look k (1, 2, …): alpha · 6 / (π² k²).
 * The shares add up to alpha over infinitely many looks, so a verdict stays valid however often the
 * data is looked at (a Bonferroni bound over looks).
 */
function alphaAtLook(alpha, look) {
    return (alpha * 6) / (Math.PI * Math.PI * look * look);
}
/**
 * Of the budget: this share by time, this by traffic-weighted time, this for the decisions before promotion and
 * before success (one look each, with the whole bake settled), this for the old version's baseline bound (taken
 * once, see BASELINE_BOUND_SHARE); the rest for looks beyond the plan.
 */
const TIME_SHARE = 0.25;
const INFORMATION_SHARE = 0.4;
const FINAL_SHARE = 0.25;
/** The share of 1 − confidence the old version's baseline upper bound is taken at, once for the whole release. */
const BASELINE_BOUND_SHARE = 0.05;
const EXTRA_SHARE = 1 - TIME_SHARE - INFORMATION_SHARE - FINAL_SHARE - BASELINE_BOUND_SHARE;
/**
 * Spends a false-alarm budget `alpha` over a deployment's looks. 25% goes by the time each look with new data
 * adds, front-loaded as √(elapsed fraction of the plan) (so the first minutes, where a gross regression shows,
 * get a large share) and 40% in proportion to the traffic-weighted time it adds (the new
 * version's invocations grow with weight × time, so the later, larger stages get more — where a subtle regression
 * shows; a gross regression is evidence at far smaller alpha). 25% is kept for the decisions that matter most:
 * the look once the last stage's bake has settled (before promotion) and the one once the final bake has (before
 * success), shared equally — each is a single look on all the evidence, as a group-sequential design spends most
 * at its final analysis. 5% is the baseline bound's (BASELINE_BOUND_SHARE). Looks beyond the plan (a stage
 * extended by on-insufficient-data: wait, late settles) draw on the last 5% as alpha · 6 / (π² k²). The shares
 * never add up to more than alpha, so a verdict stays valid however often the data is looked at (a Bonferroni
 * bound over looks).
 */
class AlphaBudget {
    alpha;
    plannedInformation;
    plannedSeconds;
    plannedFinals;
    usedInformation = 0;
    usedTime = 0;
    extraLooks = 0;
    finals = 0;
    constructor(alpha, plannedInformation, plannedSeconds, 
    /** Settled decisions the plan has: before promotion, before success. */
    plannedFinals = 1) {
        this.alpha = alpha;
        this.plannedInformation = plannedInformation;
        this.plannedSeconds = plannedSeconds;
        this.plannedFinals = plannedFinals;
    }
    /** The alpha this look may spend, given the information (weight × seconds) and the seconds it adds. */
    next(information, seconds) {
        const share = Math.min(Math.max(0, information) / Math.max(1e-9, this.plannedInformation), 1 - this.usedInformation);
        this.usedInformation += share;
        const time = Math.min(Math.max(0, seconds) / Math.max(1e-9, this.plannedSeconds), 1 - this.usedTime);
        // The time share is spent as √(elapsed fraction) (a power-family spending function, ρ = ½): front-loaded,
        // so the first minutes, where a gross regression shows and every second costs bad invocations, get more.
        const timeSpent = Math.sqrt(Math.min(1, this.usedTime + time)) - Math.sqrt(this.usedTime);
        this.usedTime += time;
        const planned = INFORMATION_SHARE * this.alpha * share + TIME_SHARE * this.alpha * timeSpent;
        return time > 0 ? planned : planned + alphaAtLook(EXTRA_SHARE * this.alpha, ++this.extraLooks);
    }
    /** The alpha of one settled decision (before promotion, before success); nothing once the plan's are spent. */
    final() {
        if (this.finals >= Math.max(1, this.plannedFinals))
            return 0;
        this.finals++;
        return (FINAL_SHARE * this.alpha) / Math.max(1, this.plannedFinals);
    }
}

;// CONCATENATED MODULE: ./src/judge/error-increase.ts





/**
 * Two tests, each with half the look's alpha. The conditional test within periods cancels shared outages but,
 * conditioning on each period's total errors, cannot see an error-free old version's rate (its odds margin
 * grows without bound); the exact test of the new version's errors against the old version's upper bound +
 * delta sees exactly that, over the periods where the old version behaved as in its baseline (so a shared
 * outage, which lifts the old version too, never enters it). The reference rate is the old version's in the
 * same periods, not the baseline's: the margin is about now.
 */
function errorIncreaseTests(evidence, steady, delta, alpha, dispersion, confidence) {
    const sum = (ps) => ({
        n: { invocations: ps.reduce((s, p) => s + p.newInvocations, 0), errors: ps.reduce((s, p) => s + p.newErrors, 0) },
        o: { invocations: ps.reduce((s, p) => s + p.oldInvocations, 0), errors: ps.reduce((s, p) => s + p.oldErrors, 0) }
    });
    const all = sum(steady);
    const pRef = all.o.invocations > 0 ? (all.o.errors + 0.5) / (all.o.invocations + 1) : undefined;
    const within = stratifiedIncrease(steady, delta, alpha / 2, { dispersion, ...(pRef !== undefined ? { pRef } : {}) });
    if (within.evidence)
        return within;
    const calm = sum(steady.filter(p => p.oldInvocations > 0 && oldAsBefore(p, evidence)));
    const phi = dispersion.phi;
    // Bursts discount the evidence: counts deflated by φ (whole counts, errors rounded down), as quasi-binomial.
    const deflate = (c) => ({ invocations: Math.round(c.invocations / phi), errors: Math.floor(c.errors / phi) });
    const base = evidence.baseline;
    const plain = base && base.invocations > 0 && calm.o.invocations > 0 && !aboveBaseline(calm.o, base, phi)
        ? againstBaselineBound(deflate(calm.n), base, delta, alpha / 2, confidence)
        : errorRateIncreaseEvidence(deflate(calm.n), deflate(calm.o), delta, alpha / 2);
    return plain.evidence ? { evidence: true, summary: `${plain.test}, over the periods where the old version behaved as before` } : within;
}
/** Whether the old version's errors in these periods are above its baseline rate (one-sided, 5%, bursts discounted). */
function aboveBaseline(old, base, phi) {
    const rate = Math.min(1, (base.errors + 0.5) / (base.invocations + 1));
    return binomialUpperTail(old.errors / phi, old.invocations / phi, rate) < 0.05;
}
/**
 * The old version's rate bounded from its pre-deployment window (SPEC: bound it from the first poll): the
 * Clopper–Pearson upper bound of the baseline (counts deflated by its φ) at BASELINE_BOUND_SHARE of the
 * release's whole false-alarm budget — one bound for every look, so a look's alpha goes to the test alone —
 * then an exact binomial test of the new version's errors against bound + delta. Used only over periods where
 * the old version behaved as in its baseline, and while the old version there is not above it.
 */
function againstBaselineBound(fresh, base, delta, alpha, confidence) {
    if (fresh.invocations === 0 || !(alpha > 0))
        return { evidence: false, test: '' };
    const phiBase = Math.max(1, base.dispersion.phi);
    const bound = clopperPearsonUpper(base.errors / phiBase, base.invocations / phiBase, BASELINE_BOUND_SHARE * (1 - confidence));
    const p0 = Math.min(1, bound + delta);
    const tail = p0 < 1 ? binomialUpperTail(fresh.errors, fresh.invocations, p0) : 1;
    if (tail >= alpha)
        return { evidence: false, test: '' };
    return {
        evidence: true,
        test: `exact test against the baseline's upper bound ${points(bound)} + ${points(delta)} (p = ${tail.toPrecision(3)})`
    };
}
/**
 * A period with a weight change inside is still comparable when nothing shared changed with it: the old
 * version's errors there are what its baseline predicts (not above it at the 5% level, bursts discounted). An
 * outage starting at the shift shows in the old version's share after the shift too, and leaves the period out.
 */
function oldAsBefore(p, evidence) {
    const base = evidence.baseline;
    if (!base || base.invocations <= 0 || p.oldInvocations <= 0)
        return false;
    const rate = Math.min(1, (base.errors + 0.5) / (base.invocations + 1));
    const phi = dispersionAt(base.dispersion, p.oldInvocations);
    return binomialUpperTail(p.oldErrors / phi, p.oldInvocations / phi, rate) >= 0.05;
}
/**
 * Is the new version's error rate more than `delta` above the old one's? Two tests, each with half of
 * alpha (Bonferroni): an exact binomial test of the new version's errors against the old version's
 * upper confidence bound + delta (strong when the new version has few invocations; the old version has
 * many, so its bound needs little of the budget: alpha/8 for the bound, 3·alpha/8 for the test), and the
 * Agresti–Caffo adjusted difference of proportions (strong when both have many).
 */
function errorRateIncreaseEvidence(n, o, delta, alpha) {
    // A look that brought no new data has no alpha to spend.
    if (n.invocations === 0 || !(alpha > 0))
        return { evidence: false, test: '' };
    if (o.invocations > 0) {
        const oldUpper = clopperPearsonUpper(o.errors, o.invocations, alpha / 8);
        const p0 = Math.min(1, oldUpper + delta);
        if (p0 < 1 && binomialUpperTail(n.errors, n.invocations, p0) < (3 * alpha) / 8)
            return { evidence: true, test: 'exact test against the old rate’s upper bound' };
    }
    const pn = (n.errors + 1) / (n.invocations + 2);
    const po = (o.errors + 1) / (o.invocations + 2);
    const se = Math.sqrt((pn * (1 - pn)) / (n.invocations + 2) + (po * (1 - po)) / (o.invocations + 2));
    const z = (pn - po - delta) / se;
    if (z > normalQuantile(1 - alpha / 2))
        return { evidence: true, test: `Agresti–Caffo z = ${increase_round3(z)}` };
    return { evidence: false, test: '' };
}

;// CONCATENATED MODULE: ./src/judge/reference.ts


/** Effective errors (e/φ) of both sides at or above this: the normal test; below: the exact one. */
const NORMAL_MIN_ERRORS = 30;
/**
 * H0: p_new ≤ p_base + δ against more errors on the new version, with φ deflating counts to effective ones
 * (n/φ, e/φ; real-valued through the incomplete beta function). Few errors: exact binomial test of the new
 * version against the baseline's Clopper–Pearson upper bound + δ, the bound at boundShare·alpha and the test
 * at the rest (Bonferroni). Many: z = (p̂_new − p̂_base − δ) / √(φ_new·p̂q̂/n + φ_base·p̂q̂/n_base).
 */
function baselineIncrease(fresh, baseline, delta, alpha, options = {}) {
    const phiBase = Math.max(1, options.phi ?? 1);
    const phiNew = Math.max(1, options.phiNew ?? phiBase);
    const n = fresh.invocations / phiNew;
    const e = fresh.errors / phiNew;
    const nb = baseline.invocations / phiBase;
    const eb = baseline.errors / phiBase;
    const estimate = (fresh.invocations > 0 ? fresh.errors / fresh.invocations : 0) - (baseline.invocations > 0 ? baseline.errors / baseline.invocations : 0);
    const phi = phiNew;
    if (!(n > 0) || !(nb > 0)) {
        const summary = `no ${n > 0 ? 'baseline' : 'invocations of the new version'} to compare`;
        return { evidence: false, pValue: 1, method: 'exact-binomial', estimate, z: Number.NEGATIVE_INFINITY, phi, strata: 0, summary };
    }
    if (Math.min(e, n - e, eb, nb - eb) >= NORMAL_MIN_ERRORS) {
        const pn = e / n;
        const pb = eb / nb;
        const z = (pn - pb - delta) / Math.sqrt((pn * (1 - pn)) / n + (pb * (1 - pb)) / nb);
        const pValue = normalUpperTail(z);
        const summary = `normal test against the baseline: ${points(estimate)} over it vs margin ${points(delta)}, z = ${increase_round3(z)}, p = ${pValue.toPrecision(3)}, φ = ${increase_round3(phiNew)} (new), ${increase_round3(phiBase)} (baseline)`;
        return { evidence: alpha > 0 && pValue < alpha, pValue, method: 'normal', estimate, z, phi, strata: 1, summary };
    }
    const share = Math.min(Math.max(options.boundShare ?? 0.25, 0.01), 0.5);
    const bound = alpha > 0 ? clopperPearsonUpper(eb, nb, share * alpha) : 1;
    const p0 = Math.min(1, bound + delta);
    const tail = p0 < 1 ? binomialUpperTail(e, n, p0) : 1;
    // Reported on the alpha scale: evidence ⇔ tail < (1 − share)·alpha ⇔ pValue < alpha.
    const pValue = Math.min(1, tail / (1 - share));
    const summary = `exact test against the baseline's upper bound ${points(bound)} + ${points(delta)}: ${increase_round3(e)} effective errors of ${increase_round3(n)}, p = ${pValue.toPrecision(3)}, φ = ${increase_round3(phiNew)} (new), ${increase_round3(phiBase)} (baseline)`;
    return {
        evidence: alpha > 0 && pValue < alpha,
        pValue,
        method: 'exact-binomial',
        estimate,
        z: upperTailScore(pValue),
        phi,
        strata: 1,
        summary
    };
}
/**
 * The new version's warm latency statistic against a reference (the old version's warm statistic in the
 * same window, or the baseline's): fails above reference × (1 + maxIncrease), pending until both rest on
 * minInvocations (use latencyMinimum() for a percentile).
 */
function latencyAgainstReference(fresh, reference, maxIncrease, minInvocations) {
    const needed = Math.max(1, minInvocations);
    if (fresh.latencyMs === undefined || reference.latencyMs === undefined || !(reference.latencyMs > 0))
        return { status: 'pending', summary: 'no latency data yet' };
    const limitMs = reference.latencyMs * (1 + maxIncrease);
    const ratio = fresh.latencyMs / reference.latencyMs;
    const numbers = `${Math.round(fresh.latencyMs)} ms vs ${Math.round(reference.latencyMs)} ms (× ${round3(ratio)}, limit × ${round3(1 + maxIncrease)})`;
    if (fresh.invocations < needed || reference.invocations < needed)
        return { status: 'pending', ratio, limitMs, summary: `${numbers}: needs ${needed} invocations of each` };
    return { status: fresh.latencyMs > limitMs ? 'fail' : 'pass', ratio, limitMs, summary: numbers };
}

;// CONCATENATED MODULE: ./src/judge/gates.ts
// The gates: one row each, a small pure function from the evidence at one look and the alpha it may spend
// to a verdict. A new gate is one row in GATES and one function.
//
// Error-rate gates are statistical tests: a failing verdict needs evidence at the false-alarm level the
// rollout grants this look (its share of 1 − confidence), so looking at the data every poll does not roll
// back healthy releases. Latency and extra metric gates compare CloudWatch statistics, and decide only
// once their statistic rests on enough invocations.









/** Keeps each gate's limits with the verdict function that expects them, so gates of any limit share one table. */
function row(gate) {
    const { name } = gate;
    return look => gate.applies(look).map(limit => {
        const named = typeof name === 'string' ? name : name(limit);
        return { gate: named, verdict: gate.verdict({ ...look, alpha: look.alpha * (look.shareOf?.(named) ?? 1) }, limit) };
    });
}
/** The gates in the order the report lists them. */
const GATES = [
    row({ name: 'min-invocations', applies: ({ gates }) => [gates.minInvocations], verdict: minInvocations }),
    row({ name: 'error-rate', applies: ({ gates }) => given(gates.maxErrorRate), verdict: errorRateLimit }),
    row({
        name: 'error-rate-increase',
        applies: look => withErrorReference(look, look.gates.maxErrorRateIncrease),
        verdict: errorRateIncrease
    }),
    row({ name: 'latency', applies: ({ gates }) => given(gates.maxLatencyMs), verdict: latencyLimit }),
    row({ name: 'latency-increase', applies: look => withLatencyReference(look, look.gates.maxLatencyIncrease), verdict: latencyIncrease }),
    row({ name: 'throttles', applies: ({ gates }) => given(gates.maxThrottles), verdict: throttles }),
    row({ name: (g) => `metric:${g.name}`, applies: ({ gates }) => gates.metricGates ?? [], verdict: metricGate }),
    row({ name: 'alarm', applies: ({ alarms }) => alarms, verdict: alarm })
];
function given(limit) {
    return limit === undefined ? [] : [limit];
}
/** A limit relative to the old version: beside it below 100%, against its pre-deployment baseline at 100%. */
function withErrorReference({ evidence }, limit) {
    return evidence.weight < 1 || (evidence.baseline?.invocations ?? 0) > 0 ? given(limit) : [];
}
function withLatencyReference({ evidence, gates }, limit) {
    return evidence.weight < 1 || increaseThresholdMs(evidence, gates.maxLatencyIncrease) !== undefined ? given(limit) : [];
}
/** Passes once it rests on the evidence it needs; pending before. */
function passIfEnough(enough, reading) {
    return enough ? { status: 'pass', ...reading } : { status: 'pending', ...reading };
}
function enoughInvocations(v, gates) {
    return v.invocations >= Math.max(1, gates.minInvocations);
}
function minInvocations({ evidence }, min) {
    const count = evidence.stage.newVersion.invocations;
    const reading = { observed: `${count} in this stage`, limit: `≥ ${min}`, needs: `${min} invocations of the new version in each stage` };
    if (count >= Math.max(1, min))
        return { status: 'pass', ...reading };
    const holdsStage = count === 0
        ? `no invocations of the new version in this stage yet (min-invocations is ${min})`
        : `only ${count} invocations of the new version in this stage, fewer than min-invocations ${min}`;
    return { status: 'pending', ...reading, holdsStage };
}
/** Exact binomial test: is the new version's error rate above the limit? */
function errorRateLimit({ evidence, gates, alpha }, maxRate) {
    const n = evidence.total.newVersion;
    const observed = describeRate(n);
    const reading = {
        observed,
        limit: `≤ ${formatPercent(maxRate)}`,
        needs: `${gates.minInvocations} invocations of the new version`,
        ...over((errorRate(n) ?? 0) > maxRate)
    };
    if (n.invocations > 0 && binomialUpperTail(n.errors, n.invocations, maxRate) < alpha) {
        const lower = clopperPearsonLower(n.errors, n.invocations, alpha);
        const reason = `error rate of the new version ${observed} is above ${formatPercent(maxRate)} (at least ${formatPercent(lower)} with ${formatPercent(gates.confidence)} confidence)`;
        return { status: 'fail', ...reading, reason };
    }
    return passIfEnough(enoughInvocations(n, gates), reading);
}
/**
 * Below 100%: the new version against the old one within each period since the first shift (stratified), φ from
 * the baseline (the concurrent old version's only without one), the baseline's rate as the reference. At 100%:
 * the new version's periods at 100% against the old version's pre-deployment baseline.
 */
function errorRateIncrease(look, delta) {
    const { evidence, gates, alpha } = look;
    if (evidence.weight >= 1 && evidence.baseline)
        return errorRateAgainstBaseline(look, delta);
    const { newVersion: n, oldVersion: o } = evidence.total;
    const dispersion = evidence.dispersion ?? NO_DISPERSION;
    const discounted = dispersion.phi > 1.001 ? `; bursty errors, evidence discounted (φ = ${gates_round3(dispersion.phi)})` : '';
    const reading = {
        observed: `${describeRate(n)} vs ${describeRate(o)} on the old version in the same periods${discounted}`,
        limit: `≤ old + ${gates_points(delta)}`,
        needs: `${gates.minInvocations} invocations of each version`,
        ...over(rateAbove(n, o, delta))
    };
    if (alpha > 0 && n.errors > 0) {
        // Within periods, and only periods without a weight change inside (an outage starting at a shift would
        // hit the new version's share of such a period harder) whose old-version Errors have landed.
        const steady = evidence.total.periods.filter(p => !p.oldErrorsPending && !p.newErrorsPending && (isSteady(p.time, evidence) || oldAsBefore(p, evidence)));
        const test = errorIncreaseTests(evidence, steady, delta, alpha, dispersion, gates.confidence);
        if (test.evidence) {
            const reason = `error rate of the new version ${describeRate(n)} is more than ${gates_points(delta)} above the old version's ${describeRate(o)} in the same periods (${formatPercent(gates.confidence)} confidence; ${test.summary})`;
            return { status: 'fail', ...reading, reason };
        }
    }
    return passIfEnough(enoughInvocations(n, gates) && enoughInvocations(o, gates), reading);
}
/**
 * φ for the new version's counts at 100%: the baseline's burstiness at the new version's period size, or the new
 * version's own once it has periods enough to measure it (Pearson χ² / df over at least MIN_OWN_PERIODS), whichever
 * is smaller. An old version whose errors came in bursts then does not hide a new version failing steadily (its
 * own φ is about 1), and a new version that fails in bursts of its own is still held to the baseline's φ.
 */
function newVersionPhi(periods, fromBaseline) {
    const own = dispersion(periods.map(p => ({ invocations: p.newInvocations, errors: p.newErrors })), DISPERSION_CAP);
    if (own.df + 1 < MIN_OWN_PERIODS || own.df === 0)
        return fromBaseline;
    return Math.min(fromBaseline, Math.max(1, own.chi2 / own.df));
}
/** Periods the new version's own φ needs before it counts: fewer say too little about its variance. */
const MIN_OWN_PERIODS = 6;
/** At 100%: the new version's counts in periods without the old version, against the baseline (one-sample, φ rescaled). */
function errorRateAgainstBaseline({ evidence, gates, alpha }, delta) {
    const base = evidence.baseline;
    // A period whose Errors datapoint has not landed is not a period without errors: left out until it lands.
    const full = evidence.total.periods.filter(p => p.oldInvocations === 0 && p.newInvocations > 0 && !p.newErrorsPending);
    const fresh = { invocations: full.reduce((s, p) => s + p.newInvocations, 0), errors: full.reduce((s, p) => s + p.newErrors, 0) };
    const phi = base.dispersion.phi;
    const perPeriod = fresh.invocations / Math.max(1, full.length);
    const phiNew = newVersionPhi(full, dispersionAt(base.dispersion, perPeriod));
    const discounted = phiNew > 1.001 ? `; bursty errors, evidence discounted (φ = ${gates_round3(phiNew)})` : '';
    const reading = {
        observed: `${describeRate(fresh)} at 100% vs ${describeRate(base)} before the deployment${discounted}`,
        limit: `≤ baseline + ${gates_points(delta)}`,
        needs: `${gates.minInvocations} invocations of the new version at 100%`,
        ...over(rateAbove(fresh, base, delta))
    };
    if (alpha > 0 && fresh.errors > 0) {
        const test = baselineIncrease(fresh, base, delta, alpha, { phi, phiNew });
        if (test.evidence) {
            const reason = `error rate of the new version at 100% ${describeRate(fresh)} is more than ${gates_points(delta)} above the old version's ${describeRate(base)} before the deployment (${formatPercent(gates.confidence)} confidence; ${test.summary})`;
            return { status: 'fail', ...reading, reason };
        }
    }
    return passIfEnough(enoughInvocations(fresh, gates), reading);
}
/** max-latency: the new version's warm fraction above max-latency against the statistic's tail, at any weight. */
function latencyLimit({ evidence, gates, alpha }, maxMs) {
    const stat = gates.latencyStatistic;
    const needed = latencyMinimum(stat, gates.minInvocations);
    const q = quantileOf(stat);
    const periods = warmPeriods(evidence);
    const limit = `${stat} ≤ ${maxMs} ms`;
    const needs = `${needed} warm invocations of the new version for a ${stat}`;
    if (q === undefined) {
        const v = warmStatistic(periods, 'new', stat);
        const observed = `${v.ms === undefined ? 'no data' : `${Math.round(v.ms)} ms`}${warmUpWords(evidence)}`;
        if (v.ms === undefined || v.n < needed)
            return { status: 'pending', observed, limit, needs, ...over(v.ms !== undefined && v.ms > maxMs) };
        if (v.ms > maxMs)
            return { status: 'fail', observed, limit, needs, reason: `warm ${stat} latency of the new version ${observed} is above ${maxMs} ms` };
        return { status: 'pass', observed, limit, needs };
    }
    const t = tailTest(periods, 'newOverMax', q, alpha, needed, maxMs);
    const observed = `${t.observed}${warmUpWords(evidence)}`;
    if (t.status === 'fail')
        return {
            status: 'fail',
            observed,
            limit,
            needs,
            reason: `warm ${stat} latency of the new version is above ${maxMs} ms: ${t.observed}, ${t.detail}`
        };
    return { status: t.status, observed, limit, needs, ...over(t.overLimit === true) };
}
/**
 * max-latency-increase: warm with warm against T = the baseline's statistic × (1 + increase). Without a baseline
 * latency (below 100% only): the new version's warm statistic against the old version's in the same periods.
 */
function latencyIncrease({ evidence, gates, alpha }, maxIncrease) {
    const stat = gates.latencyStatistic;
    const needed = latencyMinimum(stat, gates.minInvocations);
    const q = quantileOf(stat);
    const periods = warmPeriods(evidence);
    const threshold = increaseThresholdMs(evidence, maxIncrease);
    const reference = evidence.baseline?.latencyMs;
    const limit = threshold === undefined
        ? `${stat} ≤ old × ${gates_round3(1 + maxIncrease)}`
        : `${stat} ≤ ${Math.round(threshold)} ms (baseline ${Math.round(reference ?? 0)} ms × ${gates_round3(1 + maxIncrease)})`;
    const needs = `${needed} warm invocations of ${evidence.weight < 1 ? 'each version' : 'the new version'} for a ${stat}`;
    if (q === undefined || threshold === undefined) {
        const n = warmStatistic(periods, 'new', stat);
        const o = warmStatistic(periods, 'old', stat);
        const ref = threshold === undefined ? o.ms : reference;
        const observed = `${n.ms === undefined || ref === undefined ? 'no data' : `${Math.round(n.ms)} ms vs ${Math.round(ref)} ms`}${warmUpWords(evidence)}`;
        if (n.ms === undefined || ref === undefined || n.n < needed || (threshold === undefined && o.n < needed))
            return {
                status: 'pending',
                observed,
                limit,
                needs,
                ...over(n.ms !== undefined && ref !== undefined && n.ms > ref * (1 + maxIncrease))
            };
        if (n.ms > ref * (1 + maxIncrease)) {
            const reason = `warm ${stat} latency of the new version ${Math.round(n.ms)} ms is more than ${formatPercent(maxIncrease)} above ${threshold === undefined ? "the old version's" : 'the baseline'} ${Math.round(ref)} ms`;
            return { status: 'fail', observed, limit, needs, reason };
        }
        return { status: 'pass', observed, limit, needs };
    }
    const t = evidence.weight < 1
        ? stratifiedSlowTest(periods, q, alpha, needed, threshold)
        : tailTest(periods.filter(p => p.oldInvocations === 0), 'newSlow', q, alpha, needed, threshold);
    const observed = `${t.observed}${warmUpWords(evidence)}`;
    if (t.status === 'fail') {
        const reason = `warm ${stat} latency of the new version is more than ${formatPercent(maxIncrease)} above the baseline's ${Math.round(reference ?? 0)} ms: ${t.observed} (${t.detail})`;
        return { status: 'fail', observed, limit, needs, reason };
    }
    return { status: t.status, observed, limit, needs, ...over(t.overLimit === true) };
}
function throttles({ evidence }, max) {
    const count = evidence.stage.throttles;
    const reading = { observed: `${count}`, limit: `≤ ${max}` };
    if (count > max)
        return { status: 'fail', ...reading, reason: `${count} throttled requests on the alias in this stage, more than ${max}` };
    return { status: 'pass', ...reading };
}
function metricGate({ evidence }, g) {
    const value = evidence.total.metricGates?.[g.name];
    const limit = `not ${g.statistic} ${g.comparison} ${g.threshold}`;
    if (value === undefined)
        return { status: 'pending', observed: 'no data', limit, needs: `a datapoint of ${g.namespace} ${g.metric}` };
    const reading = { observed: `${gates_round3(value)}`, limit };
    if (compare(value, g.comparison, g.threshold)) {
        const reason = `metric gate "${g.name}": ${g.namespace} ${g.metric} ${g.statistic} is ${gates_round3(value)}, ${g.comparison} ${g.threshold}`;
        return { status: 'fail', ...reading, reason };
    }
    return { status: 'pass', ...reading };
}
function alarm(_look, state) {
    const reading = { observed: `${state.name}: ${state.state}`, limit: 'not ALARM' };
    if (state.state === 'ALARM')
        return { status: 'fail', ...reading, reason: `alarm "${state.name}" is in ALARM${state.reason ? `: ${state.reason}` : ''}` };
    return { status: 'pass', ...reading };
}
function compare(value, comparison, threshold) {
    switch (comparison) {
        case '>':
            return value > threshold;
        case '>=':
            return value >= threshold;
        case '<':
            return value < threshold;
        case '<=':
            return value <= threshold;
    }
}
/** `overLimit` only when it holds, so a reading within its limit stays as it was. */
function over(beyond) {
    return beyond ? { overLimit: true } : {};
}
/** Whether the new version's observed rate is more than `delta` above the reference's (both with invocations). */
function rateAbove(n, reference, delta) {
    const [a, b] = [errorRate(n), errorRate(reference)];
    return a !== undefined && b !== undefined && a - b > delta;
}
function describeRate(v) {
    const rate = errorRate(v);
    return rate === undefined ? 'no invocations' : `${formatPercent(rate)} (${v.errors}/${v.invocations})`;
}
function gates_points(fraction) {
    return `${gates_round3(fraction * 100)} pp`;
}
function gates_round3(n) {
    return Math.round(n * 1000) / 1000;
}

;// CONCATENATED MODULE: ./src/judge/index.ts

/**
 * Gates whose failing verdict is a test at the look's alpha, with their weights in the split (weighted
 * Bonferroni): the error gates twice the latency gates', as error evidence arrives per invocation and a latency
 * regression shows in the slow count of many.
 */
const STATISTICAL = { 'error-rate': 2, 'error-rate-increase': 2, latency: 1, 'latency-increase': 1 };
/** Gates that can only hold a stage, never fail it. */
const CANNOT_FAIL = new Set(['min-invocations']);
/**
 * Judges the new version. `alpha` is the false-alarm level this look may spend (the rollout spreads
 * 1 − confidence over all looks). `final` marks the decision before promotion or success: then every
 * gate must have its minimum evidence; earlier, a gate still short of it is pending, not a failure.
 */
function judge(evidence, gates, alarms = [], alpha = 1 - gates.confidence, final = true) {
    // The statistical gates share the look's alpha (Bonferroni), so the release's false-alarm budget holds for
    // all of them together, not for each: first which of them apply, then each judges with its share.
    const applying = GATES.flatMap(row => row({ evidence, alarms, gates, alpha: 0 })).reduce((sum, v) => sum + (STATISTICAL[v.gate] ?? 0), 0);
    const shareOf = (gate) => (applying > 0 ? (STATISTICAL[gate] ?? 0) / applying : 1);
    const verdicts = GATES.flatMap(row => row({ evidence, alarms, gates, alpha, shareOf }));
    const unreachable = new Set(evidence.unreachable ?? []);
    const checks = verdicts.map(({ gate, verdict }) => checkOf(gate, verdict, unreachable.has(gate)));
    const judged = checks.some(c => !CANNOT_FAIL.has(c.gate));
    const reasons = verdicts.flatMap(({ verdict: v }) => (v.status === 'fail' ? [v.reason] : []));
    if (reasons.length > 0)
        return { status: 'fail', reasons, checks, judged };
    const held = verdicts.flatMap(({ verdict: v }) => (v.status === 'pending' && v.holdsStage !== undefined ? [v.holdsStage] : []));
    if (held.length > 0)
        return { status: 'inconclusive', reasons: held, checks, judged };
    // A gate whose minimum this stage's traffic cannot reach does not hold it (on-insufficient-data is for the others).
    const pending = checks.filter(c => !c.enoughData && !c.unreachable);
    if (final && pending.length > 0) {
        return {
            status: 'inconclusive',
            reasons: pending.map(c => `${c.gate} has not enough data: it needs ${c.needs ?? 'more data'} (has ${c.observed})`),
            checks,
            judged
        };
    }
    return { status: 'pass', reasons: [], checks, judged };
}
function checkOf(gate, verdict, unreachable) {
    const { observed, limit, needs, overLimit } = verdict;
    const decided = verdict.status !== 'pending';
    const status = decided ? verdict.status : 'inconclusive';
    return {
        gate,
        status,
        observed,
        limit,
        enoughData: decided,
        ...(needs === undefined ? {} : { needs }),
        ...(!decided && unreachable ? { unreachable: true } : {}),
        ...(overLimit && verdict.status !== 'fail' ? { overLimit: true } : {})
    };
}

;// CONCATENATED MODULE: ./src/rollout/stage-wait.ts
/** Why the stage is still going at `at`, or undefined while it bakes and when this look ends it. */
function stageWait(times, s, verdict, at, onInsufficientData) {
    if (at < times.bakeEnd || verdict.status === 'fail')
        return undefined;
    const next = s.settle ? (s.weight >= 1 ? 'success' : 'promotion') : 'next-stage';
    const base = { next, bakeEndedAt: times.bakeEnd, lacking: lacking(verdict, s.settle) };
    if (at < times.passAt)
        return { ...base, cause: 'late-datapoints', until: times.settledAt };
    if (verdict.status === 'pass')
        return undefined;
    if (at < times.settledAt)
        return { ...base, cause: 'evidence', until: times.settledAt };
    if (onInsufficientData === 'wait' && at < times.waitUntil)
        return { ...base, cause: 'insufficient-data', until: times.waitUntil };
    return undefined;
}
/**
 * The gates that hold the stage for want of evidence. At a final look every gate must have its minimum (but one its
 * traffic cannot reach); earlier only min-invocations holds a stage (the judge's `holdsStage`).
 */
function lacking(verdict, final) {
    return verdict.checks
        .filter(c => !c.enoughData && !c.unreachable && (final || c.gate === 'min-invocations'))
        .map(c => ({ gate: c.gate, has: c.observed, needs: c.needs ?? 'more data' }));
}
/** Emits the stage's wait when it starts and whenever its reason changes (the cause, the deadline or the gates short). */
function waitReporter(ctx, s, times) {
    let last = '';
    return (at, verdict) => {
        const wait = stageWait(times, s, verdict, at, ctx.run.onInsufficientData);
        const key = wait ? `${wait.cause} ${wait.until} ${wait.lacking.map(g => g.gate).join(',')}` : '';
        if (!wait || key === last)
            return;
        last = key;
        ctx.journal.emit({ type: 'wait', at, stage: s.stage, weight: s.weight, ...wait });
    };
}

;// CONCATENATED MODULE: ./src/rollout/watch.ts
// One stage's watch: poll every poll-interval (fail fast), and at the end of the bake decide. The judge weighs
// every complete period since the first shift, and this stage's counts are cut from them (per-stage
// min-invocations, throttles, the summary). The release keeps one point per period; each poll reads only the
// periods that may still change and merges them in (see ReleaseWatch.merge).











/** A metrics read that keeps failing is a failed stage, never a pass. */
const MAX_CONSECUTIVE_METRIC_ERRORS = 3;
/**
 * The looks of one release: evidence accumulates from the first shift on (the new version's rate does not
 * depend on its weight), and the false-alarm budget is spread over the looks that bring new data.
 */
class ReleaseWatch {
    run;
    deploymentStart;
    judging;
    budget;
    /** Periods whose evidence a look has already spent budget on (epoch ms of their start). */
    credited = new Set();
    /** The new version's weight from each change on (epoch ms): what share of a period it served. */
    weights = [];
    /** The warm-up after every weight increase: latency gates leave these spans out. */
    warmUps = [];
    /** Every weight change: a period holding one mixes weights (and whatever else changed at that moment). */
    shifts = [];
    /** One point per period since the first shift, ascending, each as last read: what every poll's Sample is built from. */
    points = [];
    /** Periods before this (epoch ms) were read after they had settled: no later read can change them. */
    settledBefore;
    constructor(run, 
    /** The first shift, aligned down to a metric period: every read starts here. */
    deploymentStart, 
    /** The baseline and which gates judge each stage, from the preflight. */
    judging = { stages: [] }) {
        this.run = run;
        this.deploymentStart = deploymentStart;
        this.judging = judging;
        this.budget = new AlphaBudget(1 - run.gates.confidence, plannedInformation(run), plannedSeconds(run), plannedFinals(run));
        this.settledBefore = deploymentStart;
    }
    /** Where the next read starts: the earliest period not yet read once settled. */
    get readFrom() {
        return this.settledBefore;
    }
    /** The periods held: one per period with a datapoint, as last read. */
    get periodCount() {
        return this.points.length;
    }
    /**
     * Merges a read of the periods [from, end) made at `at` into the store (each read period replaces what an
     * earlier read held for it) and returns the Sample of the whole window [first shift, end) the judge weighs:
     * the periods held, the totals summed from them, the window's latency statistics and metric gates as read.
     * A period settles once it ended settleHorizonMs before a read of it: later reads start after it.
     */
    merge(read, from, end, at) {
        let keep = this.points.length;
        while (keep > 0 && this.points[keep - 1].time >= from)
            keep--;
        this.points.length = keep;
        const fresh = read.periods.filter(p => p.time >= from && p.time < end).sort((a, b) => a.time - b.time);
        for (const p of fresh)
            this.points.push(p);
        const periodMs = this.run.metricPeriodSeconds * 1000;
        this.settledBefore = Math.max(this.settledBefore, Math.min(end, alignDown(at - settleHorizonMs(this.run), periodMs)));
        return sampleOf(this.points, read, this.deploymentStart, end);
    }
    /** The new version's weight just rose to `weight` at `at`: its containers are cold for the warm-up (see warmUpSeconds). */
    weightIncreased(at, bakeSeconds, weight) {
        this.shifts.push(at);
        this.weights.push({ at, weight });
        const seconds = warmUpSeconds(this.run.latencyWarmUpSeconds, bakeSeconds);
        if (seconds > 0)
            this.warmUps.push({ start: at, end: at + seconds * 1000 });
    }
    /**
     * A look spends false-alarm budget on the periods whose evidence became complete since the last look: both
     * versions' Invocations and Errors landed (the new version's alone at 100%), or the period has settled
     * (metric-lag after its end; then whatever landed is all there is). Each period is spent on once, in
     * proportion to its time and to the new version's traffic-weighted time in it, so the budget goes where
     * information arrives — the look that completes a minute gets that minute's share, however many polls before
     * it saw part of it (an Errors-only datapoint completes a minute too). A look that completes nothing spends none.
     */
    alphaFor(sample, windowEnd, at) {
        const periodMs = this.run.metricPeriodSeconds * 1000;
        const lagMs = this.run.metricLagSeconds * 1000;
        const points = new Map(sample.periods.map(p => [p.time, p]));
        let seconds = 0;
        let information = 0;
        for (let t = this.deploymentStart; t + periodMs <= windowEnd; t += periodMs) {
            if (this.credited.has(t))
                continue;
            const weight = this.weightOver(t, t + periodMs);
            const p = points.get(t);
            const complete = p !== undefined && p.newInvocations > 0 && !p.newErrorsPending && (weight >= 1 || (p.oldInvocations > 0 && !p.oldErrorsPending));
            if (!complete && at < t + periodMs + lagMs)
                continue;
            this.credited.add(t);
            seconds += periodMs / 1000;
            information += (weight * periodMs) / 1000;
        }
        return seconds > 0 ? this.budget.next(information, seconds) : 0;
    }
    /** The new version's mean weight over [from, to): the weights in force, by the time each held. */
    weightOver(from, to) {
        let sum = 0;
        this.weights.forEach((w, i) => {
            const end = Math.min(to, this.weights[i + 1]?.at ?? Number.POSITIVE_INFINITY);
            const start = Math.max(from, w.at);
            if (end > start)
                sum += w.weight * (end - start);
        });
        return sum / (to - from);
    }
    /** The alpha kept for one settled decision (before promotion, before success): spent once, new data or not. */
    finalAlpha() {
        return this.budget.final();
    }
    /** What the judge weighs at one look: this stage's counts, everything since the first shift, the baseline. */
    evidence(total, stage, stageStart, weight) {
        const { baseline, stages } = this.judging;
        const old = total.periods.map(p => ({ invocations: p.oldInvocations, errors: p.oldErrors }));
        const spread = baseline ? baseline.dispersion : old.length > 0 ? dispersion(old) : NO_DISPERSION;
        return {
            ...evidenceOf(total, stageStart, weight),
            ...(baseline ? { baseline } : {}),
            dispersion: spread,
            warmUps: this.warmUps,
            shifts: this.shifts,
            periodMs: this.run.metricPeriodSeconds * 1000,
            unreachable: unreachableGates(stages.find(s => s.stage === stage))
        };
    }
}
/**
 * Every period up to the bake's end is "settled" once it has been complete for metric-lag. `settle` waits for
 * that, so the decision that moves the alias to 100% never rests on an empty or half-filled last period, and
 * every gate must then have its evidence. Between stages a pass moves on at the bake's end, but "not enough
 * data" is only concluded once the stage's data has settled.
 */
async function watchStage(ctx, watch, versions, s) {
    const { run, ports, journal } = ctx;
    const period = run.metricPeriodSeconds * 1000;
    const lag = run.metricLagSeconds * 1000;
    const poll = run.pollIntervalSeconds * 1000;
    const startedAt = journal.now();
    const bakeEnd = startedAt + s.bakeSeconds * 1000;
    const settledAt = Math.max(bakeEnd, alignUp(bakeEnd, period) + lag);
    const passAt = s.settle ? settledAt : bakeEnd;
    // on-insufficient-data: wait extends the stage by at most one more bake.
    const waitUntil = settledAt + s.bakeSeconds * 1000;
    const explainWait = waitReporter(ctx, s, { bakeEnd, passAt, settledAt, waitUntil });
    watch.weightIncreased(startedAt, s.bakeSeconds, s.weight);
    let sample = emptySample(watch.deploymentStart, watch.deploymentStart);
    let evidence = watch.evidence(sample, s.stage, s.stageStart, s.weight);
    let verdict = judge(evidence, run.gates, [], 0, false);
    let metricErrors = 0;
    let decided = false;
    const end = (decision, v = verdict) => journal.emit({
        type: 'stage-end',
        at: journal.now(),
        stage: s.stage,
        weight: s.weight,
        startedAt,
        sample: totalsOf(sample),
        counts: evidence.stage,
        verdict: v,
        decision
    });
    for (;;) {
        const now = journal.now();
        // A look at the bake's end, whatever the poll interval: a stage that waits past it says so then, not minutes later.
        const target = now < bakeEnd ? bakeEnd : now < passAt ? passAt : now < settledAt ? settledAt : now + poll;
        await ports.clock.sleep(Math.max(1, Math.min(poll, target - now)), ports.signal);
        throwIfCancelled(ctx);
        const at = journal.now();
        try {
            const windowEnd = Math.max(watch.deploymentStart, alignDown(at, period));
            sample = await readSample(ctx, watch, windowEnd, versions);
            const alarms = run.alarms.length > 0 ? await ports.metrics.alarms(run.alarms) : [];
            evidence = watch.evidence(sample, s.stage, s.stageStart, s.weight);
            // The first look once the bake has settled is the stage's decision: it also spends the budget kept for it.
            const settledLook = s.settle && at >= settledAt && !decided;
            decided ||= settledLook;
            const alpha = watch.alphaFor(sample, windowEnd, at) + (settledLook ? watch.finalAlpha() : 0);
            verdict = judge(evidence, run.gates, alarms, alpha, s.settle);
            metricErrors = 0;
        }
        catch (error) {
            if (isAbort(error))
                throw error;
            metricErrors++;
            journal.emit({ type: 'metrics-error', at, stage: s.stage, message: messageOf(error), consecutive: metricErrors });
            if (metricErrors < MAX_CONSECUTIVE_METRIC_ERRORS)
                continue;
            const reason = `metrics could not be read ${metricErrors} times in a row (${messageOf(error)}); a stage that cannot be judged does not pass`;
            end('fail', { status: 'fail', reasons: [reason], checks: verdict.checks, judged: verdict.judged });
            return { decision: 'fail', reason };
        }
        // The event carries the totals, never the per-period points: what the run keeps stays the latest sample alone.
        journal.emit({ type: 'poll', at, stage: s.stage, weight: s.weight, sample: totalsOf(sample), counts: evidence.stage, verdict });
        if (verdict.status === 'fail') {
            end('fail');
            return { decision: 'fail', reason: `stage ${s.stage} (${formatPercent(s.weight)}): ${verdict.reasons.join('; ')}` };
        }
        explainWait(at, verdict);
        if (at < passAt)
            continue;
        const nextStageStart = Math.max(s.stageStart, alignDown(at - lag, period));
        if (verdict.status === 'pass') {
            end(verdict.judged ? 'pass' : 'not-judged');
            return { decision: 'pass', nextStageStart };
        }
        if (at < settledAt)
            continue;
        // Inconclusive at the end of the bake: on-insufficient-data decides, and the summary says so.
        if (run.onInsufficientData === 'proceed') {
            end('proceeded-without-enough-data');
            return { decision: 'pass', nextStageStart };
        }
        if (run.onInsufficientData === 'wait' && at < waitUntil)
            continue;
        end('fail');
        const waited = run.onInsufficientData === 'wait' ? ` after waiting ${formatDuration(Math.round((at - startedAt) / 1000))}` : '';
        return {
            decision: 'fail',
            reason: `stage ${s.stage} (${formatPercent(s.weight)}) ended without enough data${waited}: ${verdict.reasons.join('; ')} (on-insufficient-data: ${run.onInsufficientData})`
        };
    }
}
/**
 * Every complete period since the first shift, read from the earliest not yet settled and merged into the
 * release's store; nothing to read (and no call) before the first is complete.
 */
async function readSample(ctx, watch, end, versions) {
    const { run } = ctx;
    const start = watch.deploymentStart;
    if (end <= start)
        return emptySample(start, end);
    const from = Math.min(watch.readFrom, end - run.metricPeriodSeconds * 1000);
    const percentile = quantileOf(run.gates.latencyStatistic) !== undefined;
    const increaseMs = percentile ? increaseThresholdMs(watch.judging, run.gates.maxLatencyIncrease) : undefined;
    const maxMs = percentile ? run.gates.maxLatencyMs : undefined;
    const thresholds = { ...(increaseMs !== undefined ? { increaseMs } : {}), ...(maxMs !== undefined ? { maxMs } : {}) };
    const read = await ctx.ports.metrics.read({
        ...(Object.keys(thresholds).length > 0 ? { latencyThresholds: thresholds } : {}),
        newVersion: versions.newVersion,
        oldVersion: versions.oldVersion,
        start,
        end,
        ...(from > start ? { from } : {}),
        periodSeconds: run.metricPeriodSeconds,
        latencyStatistic: run.gates.latencyStatistic,
        metricGates: run.gates.metricGates ?? []
    });
    return watch.merge(read, from, end, ctx.journal.now());
}
/**
 * How long after its end a period is re-read: twice metric-lag (the judge already takes a period as final at
 * metric-lag; the margin keeps datapoints that land a little later), and at least one period. A datapoint that
 * lands later still is not seen (a read of the whole window would have seen it).
 */
function settleHorizonMs(run) {
    return Math.max(2 * run.metricLagSeconds, run.metricPeriodSeconds) * 1000;
}
/** The Sample of [start, end) from the periods held: totals summed from them; latency statistics and metric gates as read over the window. */
function sampleOf(points, read, start, end) {
    const sum = (key) => points.reduce((a, p) => a + (p[key] ?? 0), 0);
    const newInvocations = sum('newInvocations');
    const oldInvocations = sum('oldInvocations');
    return {
        windowStart: start,
        windowEnd: end,
        newVersion: {
            invocations: newInvocations,
            errors: sum('newErrors'),
            latencyMs: newInvocations > 0 ? read.newVersion.latencyMs : undefined
        },
        oldVersion: {
            invocations: oldInvocations,
            errors: sum('oldErrors'),
            latencyMs: oldInvocations > 0 ? read.oldVersion.latencyMs : undefined
        },
        throttles: sum('throttles'),
        periods: points.slice(),
        ...(read.metricGates ? { metricGates: read.metricGates } : {})
    };
}
/** Seconds the plan will watch, the last settle included: the time half's denominator. */
function plannedSeconds(run) {
    const { plan, metricLagSeconds, metricPeriodSeconds } = run;
    return plan.totalBakeSeconds + metricLagSeconds + metricPeriodSeconds;
}
/** Settled decisions: once the last stage's bake has settled (before promotion), once the final bake's has. */
function plannedFinals(run) {
    return (run.plan.stages.length > 0 ? 1 : 0) + (run.plan.finalBakeSeconds > 0 ? 1 : 0);
}
/** Traffic-weighted seconds (weight × time) the plan will watch, settles included: the budget's denominator. */
function plannedInformation(run) {
    const { plan, metricLagSeconds, metricPeriodSeconds } = run;
    const settle = metricLagSeconds + metricPeriodSeconds;
    const last = plan.stages[plan.stages.length - 1];
    const weighted = plan.stages.reduce((sum, s) => sum + s.weight * s.bakeSeconds, 0) + (last ? last.weight * settle : 0);
    return weighted + (plan.finalBakeSeconds > 0 ? plan.finalBakeSeconds + settle : 0);
}
function emptySample(start, end) {
    const none = { invocations: 0, errors: 0, latencyMs: undefined };
    return { windowStart: start, windowEnd: end, newVersion: { ...none }, oldVersion: { ...none }, throttles: 0, periods: [] };
}
/** This stage's counts are the periods since it started; the rest of the evidence is everything since the first shift. */
function evidenceOf(total, stageStart, weight) {
    const stage = { newVersion: { invocations: 0, errors: 0 }, oldVersion: { invocations: 0, errors: 0 }, throttles: 0 };
    for (const p of total.periods) {
        if (p.time < stageStart)
            continue;
        stage.newVersion.invocations += p.newInvocations;
        stage.newVersion.errors += p.newErrors;
        stage.oldVersion.invocations += p.oldInvocations;
        stage.oldVersion.errors += p.oldErrors;
        stage.throttles += p.throttles ?? 0;
    }
    return { stage, total, weight };
}
function alignDown(ms, period) {
    return Math.floor(ms / period) * period;
}
function alignUp(ms, period) {
    return Math.ceil(ms / period) * period;
}

;// CONCATENATED MODULE: ./src/rollout/baseline.ts
// Before the first shift (deploy and plan): the old version's own metrics over baseline-window before now, the
// reference for every stage at 100% and the traffic plan mode holds each gate's minimum against; then which gates
// judge each stage, and the refusal of a stage no gate could fail (before any write).





/** One GetMetricData call over the window; undefined (and a finding saying so) when there is no baseline. */
async function readBaseline(ctx, oldVersion, findings) {
    const { run, journal } = ctx;
    if (run.baselineWindowSeconds <= 0) {
        findings.push({
            level: 'warning',
            message: 'no baseline (baseline-window: 0): at 100% traffic only max-error-rate and max-latency can judge'
        });
        return undefined;
    }
    const period = run.metricPeriodSeconds * 1000;
    const end = alignDown(journal.now(), period);
    const start = alignDown(end - run.baselineWindowSeconds * 1000, period);
    const reading = await ctx.ports.metrics.baseline({
        version: oldVersion,
        start,
        end,
        periodSeconds: run.metricPeriodSeconds,
        latencyStatistic: run.gates.latencyStatistic
    });
    const window = formatDuration(Math.round((end - start) / 1000));
    if (reading.invocations <= 0) {
        findings.push({
            level: 'warning',
            message: `no baseline: version ${oldVersion} served no invocations through alias "${run.alias}" in the last ${window}; at 100% traffic only max-error-rate and max-latency can judge`
        });
        return undefined;
    }
    const baseline = { ...reading, dispersion: dispersion(reading.periods) };
    findings.push({ level: 'ok', message: baselineWords(baseline, window) });
    return baseline;
}
function baselineWords(b, window) {
    const perMinute = Math.round((b.invocations / (baselineSeconds(b) / 60)) * 10) / 10;
    const latency = b.latencyMs === undefined ? 'no latency data' : `${b.latencyStatistic} ${Math.round(b.latencyMs)} ms`;
    const phi = Math.round(b.dispersion.phi * 100) / 100;
    const bursts = phi > 1 ? ` (errors burstier than independent: tests discount the evidence by φ = ${phi})` : '';
    return `baseline: version ${b.version} over the last ${window}: ${b.invocations} invocations (${perMinute}/min), ${b.errors} errors (${formatPercent(b.errors / b.invocations)}), ${latency}, φ = ${phi}${bursts}`;
}
/** Which gates judge each stage (plan: one finding per stage); a stage no gate could fail is refused unless allowed. */
function judging(ctx, baseline, findings) {
    const { run } = ctx;
    const input = {
        plan: run.plan,
        gates: run.gates,
        alarms: run.alarms,
        latencyWarmUpSeconds: run.latencyWarmUpSeconds,
        metricPeriodSeconds: run.metricPeriodSeconds
    };
    const stages = coverage(input, baseline);
    const result = { ok: true, judging: { ...(baseline ? { baseline } : {}), stages } };
    if (run.mode === 'plan')
        findings.push(...coverageLines(stages, input, baseline).map(f => f.level === 'error' && run.allowUnjudgedStages ? { ...f, level: 'warning' } : f));
    const unjudged = stages.find(s => !s.judged);
    if (!unjudged)
        return result;
    const what = `stage ${unjudged.stage} (${formatPercent(unjudged.weight)} for ${formatDuration(unjudged.bakeSeconds)}) has no gate that could fail it`;
    if (run.allowUnjudgedStages) {
        findings.push({ level: 'warning', message: `${what}; allow-unjudged-stages is "true", so it will be reported "not judged"` });
        return result;
    }
    return { ok: false, message: `${what}: ${unjudgedAdvice(unjudged.weight)}` };
}

;// CONCATENATED MODULE: ./src/rollout/release-preflight.ts
// The preflight of a deployment (and of a plan, which stops at its end): the shared checks, then the
// split-alias policy, the publish, provisioned concurrency and the alarms.







async function releasePreflight(ctx, findings, known) {
    const { run, spec, journal } = ctx;
    const hints = DEPLOY_HINTS(ctx);
    const planning = run.mode === 'plan';
    const stop = (message) => {
        findings.push({ level: 'error', message });
        return { go: false, ending: { result: 'failed', reason: message, cause: { kind: 'check-failed' }, ...known } };
    };
    const fn = await checkFunction(ctx, findings, hints);
    if (!fn.ok)
        return stop(fn.message);
    const read = await readAlias(ctx, findings, hints);
    if (!read.ok)
        return stop(read.message);
    const alias = guardAlias(ctx, read.alias);
    known.aliasArn = read.alias.arn;
    // A stop from here on still names the versions: the alias's, and the one asked for (a publish has none yet).
    known.versions = { oldVersion: read.alias.version, ...(spec.release.kind === 'version' ? { newVersion: spec.release.version } : {}) };
    const marks = checkMarks(ctx, read.alias, findings);
    if (!marks.ok)
        return stop(marks.message);
    // Before any write: the old version's baseline, and no stage that no gate could fail.
    const baseline = await readBaseline(ctx, marks.rejudge?.oldVersion ?? read.alias.version, findings);
    const judged = judging(ctx, baseline, findings);
    if (!judged.ok)
        return stop(judged.message);
    if (marks.rejudge) {
        known.versions = { ...marks.rejudge };
        if (planning)
            return planned(ctx, `a new final bake of version ${marks.rejudge.newVersion}`, known);
        return { go: true, alias, versions: marks.rejudge, judging: judged.judging, rejudge: true };
    }
    const unsplit = await restoreSplit(ctx, alias, findings);
    known.aliasArn = alias.state.arn;
    if (!unsplit.ok)
        return stop(unsplit.message);
    const oldVersion = alias.state.version;
    known.versions.oldVersion = oldVersion;
    let newVersion;
    if (spec.release.kind === 'publish') {
        const { latest } = fn;
        if (!latest.codeSha256)
            return stop('$LATEST has no CodeSha256 to guard the publish with');
        if (planning) {
            findings.push({ level: 'ok', message: `would publish $LATEST (CodeSha256 ${latest.codeSha256}) as a new version` });
            const roleCheck = await compatible(ctx, latest, oldVersion);
            if (roleCheck)
                return stop(roleCheck);
            // The alarms exist and can be read, as a deploy would check them (the version itself does not exist yet).
            const alarms = await checkAlarms(ctx, findings);
            if (!alarms.ok)
                return stop(alarms.message);
            return planned(ctx, 'the version to be published', known);
        }
        newVersion = await ctx.ports.fn.publish(latest.codeSha256, `lambda-canary release to ${run.alias}`);
        known.versions.newVersion = newVersion;
        journal.emit({ type: 'published', at: journal.now(), version: newVersion, codeSha256: latest.codeSha256 });
        findings.push({ level: 'ok', message: `published $LATEST as version ${newVersion} (CodeSha256 ${latest.codeSha256})` });
    }
    else if (spec.release.kind === 'version') {
        newVersion = spec.release.version;
        known.versions.newVersion = newVersion;
    }
    else {
        return stop('internal: a rollback does not go through the deployment preflight');
    }
    const versions = { oldVersion, newVersion };
    if (newVersion === oldVersion) {
        findings.push({ level: 'ok', message: `alias "${run.alias}" already points at version ${newVersion}` });
        const reason = `alias "${run.alias}" already points at version ${newVersion}; nothing to release`;
        return { go: false, ending: { result: 'unchanged', reason, cause: { kind: 'completed' }, ...known } };
    }
    const target = await checkTarget(ctx, findings, hints, newVersion, oldVersion);
    if (!target.ok)
        return stop(target.message);
    findings.push(...(await provisionedConcurrencyFindings(ctx, newVersion)));
    const alarms = await checkAlarms(ctx, findings);
    if (!alarms.ok)
        return stop(alarms.message);
    if (planning)
        return planned(ctx, `version ${newVersion}`, known);
    return { go: true, alias, versions, judging: judged.judging };
}
/** on-split-alias: a split alias (a killed run) is restored to its primary first, refused, or in a plan only reported. */
async function restoreSplit(ctx, alias, findings) {
    const { run, journal } = ctx;
    const before = alias.state;
    if (Object.keys(before.weights).length === 0)
        return { ok: true };
    const split = `alias "${run.alias}" is already split: ${describeAlias(before)} — probably a deployment that was killed mid-shift`;
    if (run.mode === 'plan') {
        findings.push({
            level: 'warning',
            message: `${split}; a deployment would first restore it to version ${before.version} (on-split-alias: ${run.onSplitAlias})`
        });
        return { ok: true };
    }
    if (run.onSplitAlias === 'fail')
        return { ok: false, message: `${split}; on-split-alias is "fail", so nothing was changed` };
    findings.push({ level: 'warning', message: `${split}; restoring it to version ${before.version} before anything else` });
    // An expired mark goes with the routing: the description is the one that run found.
    const description = parseDescription(before.description).mark ? { description: withoutMark(before.description) } : {};
    const restored = await alias.write({ version: before.version, weights: {}, ...description }, 'restore the split alias');
    journal.emit({ type: 'split-restored', at: journal.now(), from: snapshot(before), to: snapshot(restored) });
    return { ok: true };
}
/**
 * How long the plan takes: its bakes, and before promotion and before success the settle window (up to
 * metric-lag + metric-period) in which late datapoints of the last minutes are awaited; at most, a settle window
 * after every stage (a stage that lacks evidence at the end of its bake waits for its late datapoints).
 */
function planTime(run) {
    const { plan } = run;
    const settle = run.metricLagSeconds + run.metricPeriodSeconds;
    const settles = (plan.stages.length > 0 ? 1 : 0) + (plan.finalBakeSeconds > 0 ? 1 : 0);
    const worst = plan.stages.length + (plan.finalBakeSeconds > 0 ? 1 : 0);
    const about = plan.totalBakeSeconds + settles * settle;
    const most = plan.totalBakeSeconds + worst * settle;
    const late = `up to ${formatDuration(settle)} (metric-lag + metric-period) for late datapoints before promotion${plan.finalBakeSeconds > 0 ? ' and before success' : ''}`;
    return `about ${formatDuration(about)} (${formatDuration(plan.totalBakeSeconds)} of bakes and ${late}), at most ${formatDuration(most)} if every stage waits for its late datapoints`;
}
function planned(ctx, what, known) {
    const { plan } = ctx.run;
    const steps = plan.stages.map(s => `${formatPercent(s.weight)} for ${formatDuration(s.bakeSeconds)}`);
    steps.push(plan.finalBakeSeconds > 0 ? `100%, watched for ${formatDuration(plan.finalBakeSeconds)}` : '100%');
    const reason = `plan ${plan.name}: ${what} replaces version ${known.versions.oldVersion} in ${steps.length} step${steps.length > 1 ? 's' : ''} (${steps.join(' → ')}); ${planTime(ctx.run)}; nothing was changed`;
    return { go: false, ending: { result: 'planned', reason, cause: { kind: 'completed' }, ...known } };
}
/** Every named alarm exists; one already in ALARM is a warning (the first poll rolls back unless it clears). */
async function checkAlarms(ctx, findings) {
    const names = ctx.run.alarms;
    if (names.length === 0)
        return { ok: true };
    const states = await ctx.ports.metrics.alarms(names);
    const missing = names.filter(name => !states.some(s => s.name === name));
    if (missing.length > 0)
        return { ok: false, message: `alarm${missing.length > 1 ? 's' : ''} ${missing.map(m => `"${m}"`).join(', ')} not found in CloudWatch` };
    const firing = states.filter(s => s.state === 'ALARM');
    findings.push({
        level: firing.length > 0 ? 'warning' : 'ok',
        message: firing.length > 0
            ? `alarm${firing.length > 1 ? 's' : ''} ${firing.map(s => `"${s.name}"`).join(', ')} already in ALARM: the first poll will roll back unless it clears`
            : `${states.length} alarm${states.length > 1 ? 's' : ''} found, none in ALARM`
    });
    return { ok: true };
}
/** What provisioned concurrency means for this release: the new version's share runs on demand unless it has its own. */
async function provisionedConcurrencyFindings(ctx, newVersion) {
    const { fn } = ctx.ports;
    const [onAlias, onNew] = [await fn.provisionedConcurrency(ctx.run.alias), await fn.provisionedConcurrency(newVersion)];
    const describe = (pc) => `${pc.requested} requested, ${pc.allocated} allocated, ${pc.status}`;
    if (onAlias) {
        return [
            {
                level: onNew ? 'ok' : 'warning',
                message: `alias "${ctx.run.alias}" has provisioned concurrency (${describe(onAlias)}); it serves the primary version only, so while traffic is split ` +
                    (onNew
                        ? `the new version's share runs on its own provisioned concurrency (${describe(onNew)})`
                        : `the new version's share runs on demand (cold starts) — version ${newVersion} has none of its own`)
            }
        ];
    }
    if (onNew)
        return [{ level: 'ok', message: `version ${newVersion} has provisioned concurrency of its own (${describe(onNew)})` }];
    return [];
}
/**
 * Before any write: another run's live mark stops this one (naming that run); the user's description must leave
 * room for lambda-canary's record; an expired mark of a release whose final bake never finished is reported —
 * judged again when this run deploys that same version (on-split-alias: restore), otherwise a failure.
 */
function checkMarks(ctx, alias, findings) {
    const { run, spec, journal } = ctx;
    const planning = run.mode === 'plan';
    const held = heldByAnother(alias, ownerOf(ctx), journal.now());
    if (held) {
        const finalBake = parseDescription(alias.description).mark?.phase === 'final-bake';
        // A run killed in its final bake leaves the same live mark as one still baking: say what each would mean.
        const killed = finalBake
            ? ` If that run was killed, its final bake never finished: once its mark expires the next run says so and judges that version again (on-split-alias: restore) or stops.`
            : '';
        const message = `alias "${run.alias}" is held by ${held}; lambda-canary never touches an alias another run is releasing: let that run finish (or cancel it, and it restores the alias), then run this again.${killed}`;
        if (!planning)
            return { ok: false, message };
        findings.push({ level: 'warning', message });
    }
    const target = spec.release.kind === 'version' ? spec.release.version : '9999999999';
    const room = roomProblem(run.alias, alias.description, longestRelease(ownerOf(ctx), alias.version, target, journal.now()));
    if (room)
        return { ok: false, message: room };
    const { mark, history } = parseDescription(alias.description);
    const split = Object.keys(alias.weights).length > 0;
    if (mark?.phase !== 'final-bake' || held || !history || history.current !== alias.version || split)
        return { ok: true };
    const unfinished = `the last release of alias "${run.alias}" (version ${history.current} replacing ${history.previous}, by ${describeOwner(mark.owner)}) ` +
        `never finished its final bake: its mark expired at ${mark.until} with version ${history.current} not judged to the end`;
    const again = spec.release.kind === 'version' && spec.release.version === history.current && run.onSplitAlias === 'restore';
    if (again) {
        findings.push({ level: 'warning', message: `${unfinished}; judging it again at 100% (on-split-alias: restore)` });
        return { ok: true, rejudge: { oldVersion: history.previous, newVersion: history.current } };
    }
    const message = run.onSplitAlias === 'fail'
        ? `${unfinished}; on-split-alias is "fail", so nothing was changed`
        : `${unfinished}; deploy version ${history.current} again to judge it again, or roll it back (mode: rollback, rollback-to: previous), before releasing another version`;
    if (!planning)
        return { ok: false, message };
    findings.push({ level: 'warning', message });
    return { ok: true };
}

;// CONCATENATED MODULE: ./src/rollout/stop.ts
// Where a release that cannot go on ends: the one place a stop (a failed check, a cancel, another writer,
// another lockstep function's failure, an unexpected error) becomes a typed cause, and the one place
// that rolls back.











const CANCELLED = 'the workflow was cancelled (or the job timed out)';
/** What stopped the run, from what was thrown and from what the lockstep knows. */
function causeOfStop(ctx, error) {
    if (error instanceof ports/* AliasConflictError */.Xl)
        return { kind: 'alias-conflict' };
    if (error instanceof LockstepBroken || isAbort(error)) {
        const stop = ctx.lockstep.stoppedBy();
        return stop?.kind === 'member-failed' ? { kind: 'member-failed', member: stop.member, reason: stop.reason } : { kind: 'cancelled' };
    }
    return { kind: 'error', message: messageOf(error) };
}
/** A stop before preflight has finished (a lockstep function failed, a cancel, an error): nothing was shifted. */
function stoppedInPreflight(ctx, error, versions, aliasArn) {
    const cause = causeOfStop(ctx, error);
    const ending = { result: 'failed', cause, versions, ...(aliasArn ? { aliasArn } : {}) };
    if (cause.kind === 'member-failed')
        return conclude(ctx, { ...ending, reason: `nothing was shifted: ${cause.member}: ${cause.reason}` });
    if (cause.kind === 'cancelled')
        return conclude(ctx, { ...ending, reason: `nothing was shifted: ${CANCELLED}` });
    ctx.lockstep.fail(messageOf(error));
    return conclude(ctx, { ...ending, reason: messageOf(error) });
}
/** A stop during the release; `shifted` says whether any traffic has moved (before that, nothing needs restoring). */
async function stoppedInRelease(ctx, alias, versions, shifted, error) {
    const cause = causeOfStop(ctx, error);
    const unchanged = `alias "${ctx.run.alias}" still points at version ${versions.oldVersion}`;
    const aliasArn = alias.state.arn;
    switch (cause.kind) {
        case 'alias-conflict':
            return conflicted(ctx, alias, versions, messageOf(error));
        case 'cancelled':
            if (!shifted)
                return conclude(ctx, { result: 'failed', reason: `nothing was shifted: ${CANCELLED}; ${unchanged}`, cause, versions, aliasArn });
            return rollBack(ctx, alias, versions, `${CANCELLED} during the deployment`, cause);
        case 'member-failed': {
            const because = `${cause.member}: ${cause.reason}`;
            if (!shifted)
                return conclude(ctx, { result: 'failed', reason: `nothing was shifted: ${because}; ${unchanged}`, cause, versions, aliasArn });
            return rollBack(ctx, alias, versions, `restored with the other functions released in lockstep, because ${because}`, cause);
        }
        default:
            // The first shift refused (AccessDenied, a bad parameter), and the alias read back as it was: nothing moved,
            // nothing to restore. (A refusal can follow an attempt of the SDK's own retries that did apply: then restore.)
            if (!shifted && notApplied(error) && (await untouched(ctx, alias))) {
                ctx.lockstep.fail(messageOf(error));
                return conclude(ctx, {
                    result: 'failed',
                    reason: `nothing was shifted: ${messageOf(error)}; ${unchanged}`,
                    cause,
                    versions,
                    aliasArn
                });
            }
            return rollBack(ctx, alias, versions, `unexpected error: ${messageOf(error)}`, cause);
    }
}
/** A write AWS refused outright (4xx), or one read back as not applied. */
function notApplied(error) {
    return error instanceof AliasWriteError ? error.outcome === 'not-applied' : (0,aws_errors/* classifyWriteFailure */.wF)(error) === 'rejected';
}
/** The alias, read again, has the revision this run last knew: no write of ours (nor anyone's) landed since. */
async function untouched(ctx, alias) {
    const now = await readBack(ctx.ports.alias);
    return now !== undefined && now.revisionId === alias.state.revisionId;
}
/** After a cancel the runner kills the step about 10 s later: restore within this, and the post step carries on. */
const CANCELLED_RESTORE_MS = 6000;
/** How long this restore may keep trying: restore-timeout, or what is left of the runner's cancel window. */
function restoreWindowMs(ctx, cause) {
    const full = ctx.run.restoreTimeoutSeconds * 1000;
    return cause.kind === 'cancelled' ? Math.min(full, CANCELLED_RESTORE_MS) : full;
}
/**
 * Puts the alias back exactly as it was before the deployment: old version, no routing. Retried against
 * throttling and 5xx for restore-timeout; either way the alias is read back and the reason says what it serves.
 */
async function rollBack(ctx, alias, versions, reason, cause) {
    const { run, journal } = ctx;
    const { oldVersion } = versions;
    // This function's own failure stops the others released in lockstep with it.
    if (cause.kind !== 'member-failed')
        ctx.lockstep.fail(reason);
    // The description goes back too: the user's text and the history as they were before this run.
    const target = ctx.mark?.restore(oldVersion) ?? { version: oldVersion, weights: {} };
    const command = restoreCommand({ functionId: ctx.spec.fn.id, alias: run.alias, region: run.region }, oldVersion);
    const windowMs = restoreWindowMs(ctx, cause);
    const ending = (result, words, unrestored) => conclude(ctx, {
        result,
        reason: `${reason}; ${words}`,
        cause,
        versions,
        aliasArn: alias.state.arn,
        ...(unrestored ? { restoreCommand: command } : {})
    });
    let restored;
    try {
        restored = await alias.restore(target, `restore version ${oldVersion}`, windowMs);
    }
    catch (error) {
        if (error instanceof ports/* AliasConflictError */.Xl)
            return conflicted(ctx, alias, versions, error.message, reason);
        const read = await readBack(ctx.ports.alias);
        const final = finalAliasState(run.alias, read, target, command);
        journal.emit({
            type: 'restore',
            at: journal.now(),
            reason,
            ok: final.restored,
            error: messageOf(error),
            ...(read ? { alias: snapshot(read) } : {})
        });
        if (final.restored)
            return ending('rolled-back', `restored — ${final.words}`, false);
        const after = cause.kind === 'cancelled' ? ', and the post step keeps trying' : '';
        const tried = `the alias could NOT be restored to version ${oldVersion} within ${formatDuration(windowMs / 1000)}${after} (${messageOf(error)})`;
        return ending('failed', `${tried}; ${final.words}`, true);
    }
    journal.emit({ type: 'restore', at: journal.now(), reason, ok: true, alias: snapshot(restored) });
    // The rollback hook (revert a migration, page someone) runs after the restore; its failure is
    // reported but never blocks or undoes the restore.
    const hookFailed = await hook(ctx, 'rollback', versions, reason);
    const final = finalAliasState(run.alias, (await readBack(ctx.ports.alias)) ?? restored, target, command);
    const restoredTo = `restored — ${final.words}${hookFailed ? ` (and the ${hookFailed})` : ''}`;
    return final.restored ? ending('rolled-back', restoredTo, false) : ending('failed', `restored, then changed — ${final.words}`, true);
}
/** Someone else wrote the alias: never overwrite them; report both states (see GuardedAlias.yieldTo). */
async function conflicted(ctx, alias, versions, message, pendingReason) {
    const { run, journal } = ctx;
    ctx.lockstep.fail(`alias "${run.alias}" was changed by someone else`);
    const aliasArn = alias.state.arn;
    // Another run's live mark: its canary is not ours to trim, whatever its routing looks like.
    const holder = await anotherRunHolds(ctx);
    const { ours, theirs, action } = holder
        ? { ours: alias.state, theirs: holder.alias, action: `left it to ${holder.who}` }
        : await alias.yieldTo(versions.newVersion, description => {
            const { mark } = parseDescription(description);
            return mark && sameOwner(mark.owner, ownerOf(ctx)) ? withoutMark(description) : undefined;
        });
    journal.emit({
        type: 'conflict',
        at: journal.now(),
        expectedRevisionId: ours.revisionId,
        ours: snapshot(ours),
        ...(theirs ? { theirs: snapshot(theirs) } : {}),
        action
    });
    const found = theirs ? describeAlias(theirs) : 'an unknown state';
    const reason = `${pendingReason ? `${pendingReason}; then ` : ''}alias "${run.alias}" was changed by someone else during the deployment ` +
        `(expected RevisionId ${ours.revisionId}, ${describeAlias(ours)}; found ${found}); lambda-canary did not overwrite it and ${action}. ${message}`;
    return conclude(ctx, { result: 'failed', reason, cause: { kind: 'alias-conflict' }, versions, aliasArn });
}
async function anotherRunHolds(ctx) {
    const now = await ctx.ports.alias.read().catch(() => undefined);
    const who = now && heldByAnother(now, ownerOf(ctx), ctx.journal.now());
    return now && who ? { alias: now, who } : undefined;
}

;// CONCATENATED MODULE: ./src/rollout/index.ts
// One function's release, top to bottom:
//   preflight → before-traffic checks → for each stage: barrier, shift, watch → promote → final bake → done,
// and from any failing point the one way out (stop.ts): restore the alias exactly as it was, then fail.
// Every run is a lockstep release (a single function is a lockstep of one); it talks only to ports and
// never formats output. Each step's mechanics live in the module it imports.











/** Runs one function's deployment, plan or manual rollback to its end; never throws for a failed release. */
async function runDeployment(run, spec, ports) {
    const ctx = contextOf(run, spec, ports);
    const findings = [];
    const known = { versions: {} };
    try {
        if (spec.release.kind === 'rollback')
            return await manualRollback(ctx, spec.release.to, findings, known);
        const ready = await releasePreflight(ctx, findings, known);
        ctx.journal.emit({ type: 'preflight', at: ctx.journal.now(), findings });
        if (!ready.go) {
            if (ready.ending.result === 'failed')
                ctx.lockstep.fail(ready.ending.reason);
            else
                ctx.lockstep.leave();
            return conclude(ctx, ready.ending);
        }
        // Nothing moves until every function of the release has passed its preflight.
        await ctx.lockstep.arrive('preflight');
        if (ready.rejudge)
            return await rejudge(ctx, ready.alias, ready.versions, ready.judging);
        return await release(ctx, ready.alias, ready.versions, ready.judging);
    }
    catch (error) {
        if (!ctx.journal.timeline.some(e => e.type === 'preflight'))
            ctx.journal.emit({ type: 'preflight', at: ctx.journal.now(), findings });
        return stoppedInPreflight(ctx, error, known.versions, known.aliasArn);
    }
}
async function release(ctx, alias, versions, judging) {
    const { run, spec, ports, lockstep } = ctx;
    const mark = new AliasMark(ctx, alias, ownerOf(ctx), withoutMark(alias.state.description));
    ctx.mark = mark;
    ports.checkpoint?.({ ...checkpointOf(run, spec, versions, 'shifting'), ...mark.checkpointFields() });
    await ports.onReady?.({ ...versions, manualRollback: false });
    const blocked = await beforeTraffic(ctx, versions);
    if (blocked) {
        lockstep.fail(blocked);
        const reason = `${blocked}; no traffic was shifted, alias "${run.alias}" still points at version ${versions.oldVersion}`;
        return conclude(ctx, { result: 'failed', reason, cause: { kind: 'check-failed' }, versions, aliasArn: alias.state.arn });
    }
    // Bakes sleep on a clock that renews the mark before it runs low.
    const baking = { ...ctx, ports: { ...ports, clock: mark.renewing(ports.clock) } };
    let shifted = false;
    try {
        const stages = run.plan.stages;
        // Evidence accumulates from the first shift on: the new version's rate does not depend on its weight.
        let watch;
        let stageStart;
        for (const [i, stage] of stages.entries()) {
            await barrier(ctx, `stage ${i + 1}`);
            await shift(ctx, mark, versions, i + 1, stage.weight);
            shifted = true;
            watch ??= firstWatch(ctx, judging);
            const last = i === stages.length - 1;
            const watched = await watchStage(baking, watch, versions, {
                stage: i + 1,
                ...stage,
                stageStart: stageStart ?? watch.deploymentStart,
                settle: last
            });
            if (watched.decision === 'fail')
                return await rollBack(ctx, alias, versions, watched.reason, { kind: 'check-failed' });
            stageStart = watched.nextStageStart;
        }
        await barrier(ctx, 'promote');
        const held = await promote(ctx, mark, versions);
        shifted = true;
        watch ??= firstWatch(ctx, judging);
        const final = { stage: stages.length + 1, bakeSeconds: run.plan.finalBakeSeconds, stageStart: stageStart ?? watch.deploymentStart };
        const failed = await finalBake(baking, alias, watch, versions, final);
        if (failed)
            return failed;
        // A release is done only when every function's is: one failing later still restores all.
        await lockstep.arrive('done');
        lockstep.leave();
        const steps = stages.length + 1;
        const reason = `version ${versions.newVersion} took 100% of alias "${run.alias}" after ${steps} step${steps > 1 ? 's' : ''}, replacing version ${versions.oldVersion}`;
        return promoted(ctx, alias, versions, reason + (held ? await clearMark(mark) : ''));
    }
    catch (error) {
        return stoppedInRelease(ctx, alias, versions, shifted, error);
    }
}
/** The watch at 100% after the promotion, then the post-traffic hook: a failure restores the alias. */
async function finalBake(ctx, alias, watch, versions, final) {
    if (final.bakeSeconds > 0) {
        const watched = await watchStage(ctx, watch, versions, { ...final, weight: 1, settle: true });
        if (watched.decision === 'fail')
            return await rollBack(ctx, alias, versions, watched.reason, { kind: 'check-failed' });
    }
    const after = await hook(ctx, 'post-traffic', versions);
    if (after)
        return await rollBack(ctx, alias, versions, after, { kind: 'check-failed' });
    return undefined;
}
/** The release is done: the alias keeps its history and loses the mark; a failure to write that only warns. */
async function clearMark(mark) {
    try {
        await mark.write(mark.finished(), 'clear the lambda-canary mark');
        return '';
    }
    catch (error) {
        return ` (its lambda-canary mark could not be cleared: ${messageOf(error)}; the next run will report an unfinished final bake)`;
    }
}
/**
 * An earlier run promoted version N and died in its final bake: watch N again at 100% (this run's final bake,
 * or its last stage's bake when it has none), marked as this run's. A failure restores the version N replaced,
 * its history saying it was rolled back; a pass leaves N with its history and no mark.
 */
async function rejudge(ctx, alias, versions, judging) {
    const { run, spec, ports, lockstep, journal } = ctx;
    const before = parseDescription(alias.state.description);
    const history = { previous: versions.oldVersion, current: versions.newVersion, at: before.history?.at ?? stamp(journal.now()) };
    const restoreTo = formatDescription({ text: before.text, history: { ...history, rolledBack: stamp(journal.now()) } });
    const mark = new AliasMark(ctx, alias, ownerOf(ctx), restoreTo);
    ctx.mark = mark;
    ports.checkpoint?.({ ...checkpointOf(run, spec, versions, 'shifting'), ...mark.checkpointFields() });
    await ports.onReady?.({ ...versions, manualRollback: false });
    const baking = { ...ctx, ports: { ...ports, clock: mark.renewing(ports.clock) } };
    let marked = false;
    try {
        await barrier(ctx, 'promote');
        await mark.write(mark.promoted({ version: versions.newVersion, weights: {} }, history, false), `mark version ${versions.newVersion}'s new final bake`);
        marked = true;
        const watch = firstWatch(ctx, judging);
        const bakeSeconds = run.plan.finalBakeSeconds || (run.plan.stages.at(-1)?.bakeSeconds ?? 0);
        const failed = await finalBake(baking, alias, watch, versions, { stage: 1, bakeSeconds, stageStart: watch.deploymentStart });
        if (failed)
            return failed;
        await lockstep.arrive('done');
        lockstep.leave();
        const who = before.mark ? describeOwner(before.mark.owner) : 'an earlier run';
        const reason = `version ${versions.newVersion} passed the final bake that ${who} never finished; alias "${run.alias}" stays on it, replacing version ${versions.oldVersion}`;
        return promoted(ctx, alias, versions, reason + (await clearMark(mark)));
    }
    catch (error) {
        return stoppedInRelease(ctx, alias, versions, marked, error);
    }
}
/** The release is done: the new version holds the alias. */
function promoted(ctx, alias, versions, reason) {
    return conclude(ctx, { result: 'promoted', reason, cause: { kind: 'completed' }, versions, aliasArn: alias.state.arn });
}
/** In lockstep, nothing moves until every function still releasing is here; a cancel stops here too. */
async function barrier(ctx, point) {
    await ctx.lockstep.arrive(point);
    throwIfCancelled(ctx);
}
async function shift(ctx, mark, versions, stage, weight) {
    const { journal } = ctx;
    const written = await mark.write(mark.shifting({ version: versions.oldVersion, weights: { [versions.newVersion]: weight } }), `shift ${formatPercent(weight)} to version ${versions.newVersion}`);
    journal.emit({ type: 'shift', at: journal.now(), stage, weight, alias: snapshot(written) });
}
/** The watch of the release starts at the first shift (or the promotion, with no stages), aligned to a metric period. */
function firstWatch(ctx, judging) {
    return new ReleaseWatch(ctx.run, alignDown(ctx.journal.now(), ctx.run.metricPeriodSeconds * 1000), judging);
}
/**
 * 100% to the new version, routing cleared, and the alias's description records what it replaced. The mark
 * stays while anything is left (final bake, post-traffic hook, other functions); true when it does.
 */
async function promote(ctx, mark, versions) {
    const { journal, run } = ctx;
    const history = { previous: versions.oldVersion, current: versions.newVersion, at: stamp(journal.now()) };
    const held = run.plan.finalBakeSeconds > 0 || run.hooks.postTraffic !== undefined;
    const target = mark.promoted({ version: versions.newVersion, weights: {} }, history, !held);
    const promoted = await mark.write(target, `promote version ${versions.newVersion}`);
    journal.emit({ type: 'promote', at: journal.now(), alias: snapshot(promoted) });
    return held;
}

;// CONCATENATED MODULE: ./src/lockstep.ts

class LockstepBroken extends Error {
    stop;
    constructor(stop) {
        super(stop.kind === 'cancelled' ? 'the workflow was cancelled (or the job timed out)' : `${stop.member}: ${stop.reason}`);
        this.stop = stop;
        this.name = 'LockstepBroken';
    }
}
class Lockstep {
    members;
    broken;
    active;
    waiting = new Map();
    controllers;
    constructor(members, 
    /** Aborts every member, e.g. on SIGINT. */
    outer) {
        this.members = members;
        this.active = new Set(members.map((_, i) => i));
        this.controllers = members.map(() => new AbortController());
        outer?.addEventListener('abort', () => this.break({ kind: 'cancelled' }), { once: true });
    }
    /** How many members are still releasing (not left). */
    get activeCount() {
        return this.active.size;
    }
    /** Aborts when the release stops (a cancel, or another member's failure). */
    signal(index) {
        const controller = this.controllers[index];
        if (!controller)
            throw new Error(`no lockstep member ${index}`);
        return controller.signal;
    }
    /** The port the member at `index` talks to the others through. */
    member(index) {
        return {
            arrive: point => this.arrive(index, point),
            fail: reason => this.break({ kind: 'member-failed', member: this.members[index] ?? String(index), reason }),
            leave: () => this.leave(index),
            stoppedBy: () => this.broken
        };
    }
    /** Waits until every active member reaches `point`; throws LockstepBroken if one failed meanwhile. */
    async arrive(member, point) {
        if (this.broken)
            throw new LockstepBroken(this.broken);
        let entry = this.waiting.get(point);
        if (!entry) {
            let release = () => { };
            const promise = new Promise(resolve => (release = resolve));
            entry = { arrived: new Set(), release, promise };
            this.waiting.set(point, entry);
        }
        entry.arrived.add(member);
        this.check();
        await entry.promise;
        if (this.broken)
            throw new LockstepBroken(this.broken);
    }
    /** A member that has nothing more to shift (unchanged, or finished) no longer holds the others. */
    leave(member) {
        this.active.delete(member);
        this.check();
    }
    /** The first stop wins: every member is aborted (they restore their own aliases). */
    break(stop) {
        if (this.broken)
            return;
        this.broken = stop;
        for (const c of this.controllers)
            c.abort();
        for (const entry of this.waiting.values())
            entry.release();
    }
    check() {
        for (const entry of this.waiting.values()) {
            if ([...this.active].every(m => entry.arrived.has(m)))
                entry.release();
        }
    }
}
/**
 * Releases every function of the run together and returns their outcomes in the order given. `onAllReady`
 * runs once, when every function still releasing has passed its preflight (before any traffic moves).
 */
async function releaseAll(run, deployments, options) {
    const lockstep = new Lockstep(deployments.map(d => d.fn.name), options.signal);
    const ready = new Map();
    let started;
    const onReady = (member, name) => async (release) => {
        ready.set(member, { name, ...release });
        if (!options.onAllReady || started || ready.size < lockstep.activeCount)
            return;
        started = options.onAllReady([...ready.entries()].sort(([a], [b]) => a - b).map(([, r]) => r));
        await started;
    };
    const outcomes = await Promise.all(deployments.map((spec, i) => runDeployment(run, spec, {
        ...options.portsOf(spec, i),
        signal: lockstep.signal(i),
        lockstep: lockstep.member(i),
        onReady: onReady(i, spec.fn.name)
    })));
    await started;
    return outcomes;
}

;// CONCATENATED MODULE: ./src/settings.ts
const MODES = ['deploy', 'plan', 'rollback'];
const ON_INSUFFICIENT_DATA = ['fail', 'proceed', 'wait'];
const ON_SPLIT_ALIAS = ['restore', 'fail'];
/** When Slack hears about the run: traffic about to move, each stage's verdict, the end. */
const SLACK_EVENTS = ['start', 'stage', 'finish'];

;// CONCATENATED MODULE: ./src/inputs/paths.ts
// Files named by inputs (config-file, smoke-payload: @path) are read from inside the repository only: a path
// that leaves GITHUB_WORKSPACE by "..", by being absolute elsewhere, or through a symlink at any level is refused
// before anything is read, so an input cannot make the action read (and echo) a file of the runner's.



/** The workspace the paths are relative to: GITHUB_WORKSPACE, or the working directory in local runs. */
function workspaceRoot(env) {
    const root = env.GITHUB_WORKSPACE?.trim();
    return (0,external_node_path_.resolve)(root ? root : process.cwd());
}
/** Whether `path` is `root` itself or below it (both absolute and normalised). */
function isInside(root, path) {
    const rel = (0,external_node_path_.relative)(root, path);
    return rel === '' || (!rel.startsWith(`..${external_node_path_.sep}`) && rel !== '..' && !(0,external_node_path_.isAbsolute)(rel));
}
/** The real path (every symlink resolved), or why it cannot be had (e.g. ENOENT). */
function realPath(path) {
    try {
        return { real: (0,external_node_fs_.realpathSync)(path) };
    }
    catch (e) {
        return { problem: e.code ?? e.message };
    }
}
/** Where a path named by an input points: inside the workspace, or why not (for the input's error). */
function checkWorkspacePath(env, named) {
    const root = workspaceRoot(env);
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is refused here
    if (/[\u0000-\u001f\u007f]/.test(named))
        return { path: named, outside: 'the path has a control character' };
    const path = (0,external_node_path_.resolve)(root, named);
    if (!isInside(root, path))
        return { path, outside: `the path is outside the repository (${root})` };
    const rootReal = realPath(root);
    const realRoot = 'real' in rootReal ? rootReal.real : root;
    const found = realPath(path);
    if ('problem' in found)
        return { path, problem: found.problem };
    // Every level is resolved at once: a symlinked directory or file pointing out of the repository is refused.
    if (!isInside(realRoot, found.real)) {
        return { path, outside: `the path leads through a symbolic link to ${found.real}, outside the repository (${realRoot})` };
    }
    return { path: found.real };
}
/**
 * A file named by `input` (its value `raw`; `named`: the path in it), read if it is inside the workspace.
 * Leaving the workspace is an InputError saying `accepted`; a file that cannot be read is returned as a problem.
 */
function readWorkspaceFile(env, input, raw, named, accepted) {
    const checked = checkWorkspacePath(env, named);
    if ('outside' in checked)
        throw new InputError(input, raw, `${checked.outside}; ${accepted}`);
    if ('problem' in checked)
        return checked;
    let fd;
    try {
        // Checked, then opened: a file swapped for a symlink in between must not be read. The last component is
        // opened without following a link, and the open file itself is checked again (on Linux by where its
        // descriptor leads; elsewhere by being the very file that was checked).
        fd = (0,external_node_fs_.openSync)(checked.path, external_node_fs_.constants.O_RDONLY | (external_node_fs_.constants.O_NOFOLLOW ?? 0));
        const opened = openedPath(fd);
        const root = realPath(workspaceRoot(env));
        const same = opened === undefined ? sameFile(fd, checked.path) : 'real' in root && isInside(root.real, opened);
        if (!same)
            throw new InputError(input, raw, `the file changed into a link out of the repository while it was read; ${accepted}`);
        return { path: checked.path, text: (0,external_node_fs_.readFileSync)(fd, 'utf8') };
    }
    catch (e) {
        if (e instanceof InputError)
            throw e;
        return { path: checked.path, problem: e.code ?? e.message };
    }
    finally {
        if (fd !== undefined)
            (0,external_node_fs_.closeSync)(fd);
    }
}
/** Where an open descriptor leads, on Linux; undefined elsewhere. */
function openedPath(fd) {
    try {
        return (0,external_node_fs_.realpathSync)(`/proc/self/fd/${fd}`);
    }
    catch {
        return undefined;
    }
}
function sameFile(fd, path) {
    const a = (0,external_node_fs_.fstatSync)(fd);
    const b = (0,external_node_fs_.statSync)(path);
    return a.dev === b.dev && a.ino === b.ino;
}

;// CONCATENATED MODULE: ./src/inputs/config-file.ts
// config-file: YAML with `defaults` and `environments.<name>` maps of inputs; the environment input picks
// the overrides. Unknown keys and bad shapes are refused with the file's path and the key; the values are
// checked by reading them, for every environment (sources.ts resolves them, index.ts reads each).



/** Inputs a config file may not hold: they choose the file, or are secrets that belong in secrets. */
const NOT_IN_CONFIG = [constants/* Inputs */.G0.ConfigFile, constants/* Inputs */.G0.Environment, constants/* Inputs */.G0.GithubToken, constants/* Inputs */.G0.SlackWebhookUrl];
const KNOWN = Object.values(constants/* Inputs */.G0);
const isMap = (v) => typeof v === 'object' && v !== null && !Array.isArray(v);
/** The file config-file names, or undefined when none is given. */
function readConfigFile(readInput, env, parseYaml) {
    const raw = readInput(constants/* Inputs */.G0.ConfigFile).trim();
    if (raw === '')
        return undefined;
    const doc = loadConfig(raw, env, parseYaml);
    const environments = doc.environments ?? {};
    if (!isMap(environments))
        throw new InputError(constants/* Inputs */.G0.ConfigFile, raw, `${raw}: "environments" must be a map of environment names`);
    return {
        path: raw,
        defaults: takeSection(raw, doc.defaults, 'defaults'),
        environments: Object.fromEntries(Object.entries(environments).map(([name, map]) => [name, takeSection(raw, map, `environments.${name}`)]))
    };
}
/** The environment whose section applies: the environment input, which the file must have when it is given. */
function chosenEnvironment(readInput, config) {
    const environment = readInput(constants/* Inputs */.G0.Environment).trim();
    if (environment === '' || !config)
        return undefined;
    const names = Object.keys(config.environments);
    if (!names.includes(environment)) {
        throw new InputError(constants/* Inputs */.G0.Environment, environment, `${config.path} has no environments.${environment}; it has ${names.length > 0 ? names.map(n => `"${n}"`).join(', ') : 'none'}`);
    }
    return environment;
}
/** The file read and parsed, as a map with no keys but "defaults" and "environments". */
function loadConfig(raw, env, parseYaml) {
    const accepted = 'give the path of a YAML file in the repository, e.g. ".github/lambda-canary.yml"';
    const file = readWorkspaceFile(env, constants/* Inputs */.G0.ConfigFile, raw, raw, accepted);
    if ('problem' in file) {
        throw new InputError(constants/* Inputs */.G0.ConfigFile, raw, `the file ${file.path} cannot be read (${file.problem}); ${accepted}`);
    }
    let doc;
    try {
        doc = parseYaml(file.text);
    }
    catch (e) {
        throw new InputError(constants/* Inputs */.G0.ConfigFile, raw, `${raw} is not valid YAML (${e.message.split('\n')[0]})`);
    }
    if (doc === null || doc === undefined)
        doc = {};
    if (!isMap(doc))
        throw new InputError(constants/* Inputs */.G0.ConfigFile, raw, `${raw} must be a map with "defaults" and "environments"`);
    // Keys starting with "x-" hold YAML anchors for sections to share (`x-common: &common`, then `<<: *common`).
    const top = Object.keys(doc).filter(k => k !== 'defaults' && k !== 'environments' && !k.startsWith('x-'));
    if (top.length > 0)
        throw new InputError(constants/* Inputs */.G0.ConfigFile, raw, `${raw} has unknown key "${top[0]}"; use "defaults" and "environments" (and keys starting with "x-" for YAML anchors to share)`);
    return doc;
}
/** Checks one section (`where`) of input names to values and returns its values. */
function takeSection(raw, map, where) {
    const values = {};
    if (map === undefined || map === null)
        return values;
    if (!isMap(map))
        throw new InputError(constants/* Inputs */.G0.ConfigFile, raw, `${raw}: "${where}" must be a map of input names to values`);
    for (const [key, value] of Object.entries(map)) {
        if (!KNOWN.includes(key))
            throw new InputError(constants/* Inputs */.G0.ConfigFile, raw, `${raw}: unknown key "${where}.${key}"; use the action's input names, such as "strategy" or "max-error-rate-increase"`);
        if (NOT_IN_CONFIG.includes(key))
            throw new InputError(constants/* Inputs */.G0.ConfigFile, raw, `${raw}: "${where}.${key}" cannot be set in the file; give it in the workflow${key === constants/* Inputs */.G0.GithubToken || key === constants/* Inputs */.G0.SlackWebhookUrl ? ' from a secret' : ''}`);
        // An empty value (`bake-time:` or `bake-time: ""`) counts as not given, as in the workflow.
        if (value === null || (typeof value === 'string' && value.trim() === ''))
            continue;
        const text = asInputText(key, value);
        if (text === undefined)
            throw new InputError(constants/* Inputs */.G0.ConfigFile, raw, `${raw}: "${where}.${key}" must be text, a number, true/false or a list`);
        values[key] = { value: text.trim(), key: `${where}.${key}` };
    }
    return values;
}
/** A YAML value as the input's text: scalars as written, a list one item per line, metric-gates as JSON. */
function asInputText(key, value) {
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
        return String(value);
    if (Array.isArray(value) && value.every(v => typeof v === 'string' || typeof v === 'number'))
        return value.join('\n');
    if (key === constants/* Inputs */.G0.MetricGates && Array.isArray(value))
        return JSON.stringify(value);
    return undefined;
}

;// CONCATENATED MODULE: ./src/inputs/functions.ts
// What is released: the functions (one, or several in lockstep), the alias, the region, and for each
// function the version to release (given, published now, or rolled back to).



const FUNCTION_NAME = /^[a-zA-Z0-9_-]{1,64}$/;
const PARTIAL_ARN = /^(\d{12}):function:([a-zA-Z0-9_-]{1,64})$/;
const FULL_ARN = /^arn:aws[a-zA-Z-]*:lambda:([a-z]{2,4}(?:-[a-z]+)+-\d+):(\d{12}):function:([a-zA-Z0-9_-]{1,64})$/;
const ALIAS_NAME = /^(?!\d+$)[a-zA-Z0-9_-]{1,128}$/;
// Two to four letters first: us-east-1, us-gov-west-1, eu-isoe-west-1, eusc-de-east-1 (the European Sovereign Cloud).
const REGION = /^[a-z]{2,4}(?:-[a-z]+)+-\d+$/;
const VERSION_NUMBER = /^[1-9]\d{0,9}$/;
function readFunctions(input, env, mode) {
    const fns = readFunctionRefs(input);
    const alias = input(constants/* Inputs */.G0.Alias);
    if (!ALIAS_NAME.test(alias) || alias.toUpperCase() === '$LATEST') {
        throw new InputError(constants/* Inputs */.G0.Alias, alias, 'use an alias name of letters, digits, "-" and "_" (up to 128, not only digits)');
    }
    const region = readRegion(input, env, fns[0]);
    const releases = readReleases(input, mode, fns.length);
    return { alias, ...(region ? { region } : {}), deployments: fns.map((fn, i) => ({ fn, release: releases[i] })) };
}
/** on-split-alias: what to do when the alias is already split at the start. */
function readOnSplitAlias(input) {
    return parseChoice(constants/* Inputs */.G0.OnSplitAlias, input(constants/* Inputs */.G0.OnSplitAlias), ON_SPLIT_ALIAS);
}
/** function-name: several functions, one per line, are released in lockstep; all in one region. */
function readFunctionRefs(input) {
    const raw = input(constants/* Inputs */.G0.FunctionName);
    if (raw === '')
        throw new InputError(constants/* Inputs */.G0.FunctionName, raw, 'it is required: the name or ARN of the Lambda function to release');
    const fns = lines(raw).map(parseFunctionRef);
    const names = fns.map(f => f.name);
    const duplicate = names.find((n, i) => names.indexOf(n) !== i);
    if (duplicate)
        throw new InputError(constants/* Inputs */.G0.FunctionName, raw, `function "${duplicate}" is listed twice; list each function once, one per line`);
    const regions = [...new Set(fns.map(f => f.region).filter(Boolean))];
    if (regions.length > 1)
        throw new InputError(constants/* Inputs */.G0.FunctionName, raw, `the ARNs are in different regions (${regions.join(', ')}); release functions of one region per step`);
    if (fns.some(f => f.region) && fns.some(f => !f.region)) {
        const arnRegion = regions[0];
        for (const f of fns)
            f.region ??= arnRegion;
    }
    return fns;
}
function parseFunctionRef(raw) {
    const value = raw.trim();
    const accepted = 'use a function name (letters, digits, "-" and "_", up to 64), a partial ARN "123456789012:function:name" or a full ARN "arn:aws:lambda:REGION:ACCOUNT:function:name" without a version or alias';
    if (FUNCTION_NAME.test(value))
        return { name: value, id: value };
    const partial = PARTIAL_ARN.exec(value);
    if (partial)
        return { name: partial[2], id: value };
    const full = FULL_ARN.exec(value);
    if (full)
        return { name: full[3], id: value, region: full[1] };
    throw new InputError(constants/* Inputs */.G0.FunctionName, raw, accepted);
}
/** aws-region: must agree with an ARN's region; empty takes the ARN's, else the runner's environment. */
function readRegion(input, env, first) {
    const raw = input(constants/* Inputs */.G0.Region);
    if (raw === '')
        return first.region ?? regionFromEnv(env);
    if (!REGION.test(raw))
        throw new InputError(constants/* Inputs */.G0.Region, raw, 'use an AWS region code like "us-west-2"');
    if (first.region && first.region !== raw) {
        throw new InputError(constants/* Inputs */.G0.Region, raw, `it must match the region "${first.region}" in function-name's ARN, or be left empty`);
    }
    return raw;
}
/** One release per function: a given version each, publish for all, or (mode rollback) rollback-to for all. */
function readReleases(input, mode, functions) {
    const versionRaw = input(constants/* Inputs */.G0.Version);
    const publish = parseBoolean(constants/* Inputs */.G0.Publish, input(constants/* Inputs */.G0.Publish));
    if (versionRaw !== '' && publish) {
        throw new InputError(constants/* Inputs */.G0.Version, versionRaw, 'give either "version" or "publish: true", not both');
    }
    if (mode === 'rollback') {
        if (versionRaw !== '')
            throw new InputError(constants/* Inputs */.G0.Version, versionRaw, 'mode "rollback" moves the alias back to rollback-to; leave version empty');
        if (publish)
            throw new InputError(constants/* Inputs */.G0.Publish, input(constants/* Inputs */.G0.Publish), 'mode "rollback" never publishes; leave publish false');
        const to = readRollbackTarget(input, functions);
        return Array.from({ length: functions }, () => ({ kind: 'rollback', to }));
    }
    if (publish)
        return Array.from({ length: functions }, () => ({ kind: 'publish' }));
    if (versionRaw === '')
        throw new InputError(constants/* Inputs */.G0.Version, versionRaw, 'give the published version to release, or set "publish: true" to publish $LATEST');
    // One version per function, in the same order (version numbers are per function).
    const versions = lines(versionRaw);
    if (versions.length !== functions) {
        throw new InputError(constants/* Inputs */.G0.Version, versionRaw, `give one published version per function, one per line in the order of function-name (${functions} function${functions > 1 ? 's' : ''}, ${versions.length} version${versions.length > 1 ? 's' : ''}), or use publish: true`);
    }
    return versions.map(v => ({ kind: 'version', version: parseVersion(v) }));
}
function parseVersion(raw) {
    const value = raw.trim();
    if (value.toUpperCase() === '$LATEST') {
        throw new InputError(constants/* Inputs */.G0.Version, raw, 'use a published version number like "42": $LATEST is mutable and cannot be released or receive weighted traffic');
    }
    if (!VERSION_NUMBER.test(value))
        throw new InputError(constants/* Inputs */.G0.Version, raw, 'use a published version number like "42"');
    return value;
}
/** rollback-to: "previous", or a version number (which names a version of one function only). */
function readRollbackTarget(input, functions) {
    const raw = input(constants/* Inputs */.G0.RollbackTo);
    if (readRollbackToValue(input) === 'previous')
        return 'previous';
    if (functions > 1) {
        throw new InputError(constants/* Inputs */.G0.RollbackTo, raw, 'with several functions use "previous" (each goes back to the version its last deployment replaced); a number names a version of one function');
    }
    return raw.trim();
}
/** rollback-to's value alone: mode rollback reads it, and in modes deploy and plan (which do not use it) a bad one is refused too. */
function readRollbackToValue(input) {
    const raw = input(constants/* Inputs */.G0.RollbackTo);
    if (raw.toLowerCase() === 'previous')
        return 'previous';
    const accepted = 'use "previous" (the version the last lambda-canary deployment replaced) or a published version number like "41"';
    if (raw.trim().toUpperCase() === '$LATEST')
        throw new InputError(constants/* Inputs */.G0.RollbackTo, raw, accepted);
    if (!VERSION_NUMBER.test(raw.trim()))
        throw new InputError(constants/* Inputs */.G0.RollbackTo, raw, accepted);
    return raw.trim();
}
/** One item per non-blank line, trimmed. */
function lines(raw) {
    return raw
        .split('\n')
        .map(l => l.trim())
        .filter(l => l !== '');
}
/**
 * AWS_REGION (else AWS_DEFAULT_REGION), as configure-aws-credentials sets it: checked like aws-region, so a stray
 * space or a typo is named here rather than by the SDK's "not a valid hostname component".
 */
function regionFromEnv(env) {
    const name = env.AWS_REGION ? 'AWS_REGION' : env.AWS_DEFAULT_REGION ? 'AWS_DEFAULT_REGION' : undefined;
    if (!name)
        return undefined;
    const value = env[name];
    if (!REGION.test(value))
        throw new InputError(constants/* Inputs */.G0.Region, value, `aws-region is empty, so the region comes from the environment variable ${name}, which is not an AWS region code like "us-west-2"; fix ${name} (aws-actions/configure-aws-credentials sets it from its aws-region) or give aws-region`);
    return value;
}

;// CONCATENATED MODULE: ./src/inputs/cloudwatch-limits.ts

/** "A single GetMetricData call can include up to 500 MetricDataQuery structures." */
const MAX_QUERIES_PER_GET_METRIC_DATA = 500;
/** "You can assign up to 30 dimensions to a metric." */
const MAX_DIMENSIONS = 30;
/** Namespace, metric name, dimension name and alarm name: 1 to 255 characters. */
const MAX_NAME_LENGTH = 255;
/** Dimension value: 1 to 1024 characters. */
const MAX_DIMENSION_VALUE_LENGTH = 1024;
/** The statistics GetMetricData accepts, as the statistics definitions spell them. */
const STATISTIC_FORMS = 'SampleCount, Average, Sum, Minimum, Maximum, IQM, a percentile p0 to p100 (e.g. p99 or p99.9), tm90/wm90/tc90/ts90, TM/WM/TC/TS(lower:upper) with percentages like TM(10%:90%) or values like TM(150:1000), or PR(lower:upper) like PR(:300)';
const NAMED = ['SampleCount', 'Average', 'Sum', 'Minimum', 'Maximum', 'IQM'];
/** A percentage 0-100 with at most 10 decimal places. */
const PERCENT = String.raw `\d{1,3}(?:\.\d{1,10})?`;
const VALUE = String.raw `-?\d+(?:\.\d+)?`;
const SHORT = new RegExp(`^(?:p|tm|wm|tc|ts)(${PERCENT})$`);
const BOUNDED = new RegExp(`^(?:TM|WM|TC|TS)\\((?:(${PERCENT})%)?:(?:(${PERCENT})%)?\\)$`);
const BOUNDED_VALUES = new RegExp(`^(?:TM|WM|TC|TS|PR)\\((${VALUE})?:(${VALUE})?\\)$`);
/** Whether CloudWatch's GetMetricData accepts `stat` as a MetricStat's Stat. */
function isStatistic(stat) {
    if (NAMED.includes(stat))
        return true;
    const short = SHORT.exec(stat);
    if (short)
        return Number(short[1]) <= 100;
    const percentages = BOUNDED.exec(stat);
    const bounded = percentages ?? BOUNDED_VALUES.exec(stat);
    if (!bounded)
        return false;
    const [lower, upper] = [bounded[1], bounded[2]];
    if (lower === undefined && upper === undefined)
        return false;
    if (percentages && [lower, upper].some(b => b !== undefined && Number(b) > 100))
        return false;
    return lower === undefined || upper === undefined || Number(lower) < Number(upper);
}
/**
 * Why `text` cannot be a CloudWatch name (`what`: "namespace"), or undefined: printable ASCII, at least one
 * character that is not a space, at most `max` characters, and for a namespace or dimension name no leading ":".
 */
function nameProblem(what, text, max, opts = {}) {
    if (text.trim() === '')
        return `has an empty ${what}`;
    if (text.length > max)
        return `has a ${what} of ${text.length} characters; CloudWatch takes at most ${max}`;
    if (!/^[\x20-\x7e]+$/.test(text))
        return `has ${what} "${text}"; CloudWatch takes printable ASCII characters only`;
    if (opts.noLeadingColon && text.startsWith(':'))
        return `has ${what} "${text}"; CloudWatch does not take one starting with ":"`;
    return undefined;
}
/**
 * The metric queries the action itself puts into each poll's GetMetricData (src/adapters/cloudwatch.ts
 * buildQueries), the most it ever sends: both versions' Invocations and Errors, both versions' latency
 * statistic over the window and per period, the alias's Throttles, and for a percentile statistic the
 * percentile ranks at the latency-increase threshold (both versions) and at max-latency (the new version).
 */
function ownMetricQueries(gates) {
    const percentile = quantileOf(gates.latencyStatistic) !== undefined;
    const increase = percentile && gates.maxLatencyIncrease !== undefined ? 2 : 0;
    const max = percentile && gates.maxLatencyMs !== undefined ? 1 : 0;
    return 4 + 2 + 2 + 1 + increase + max;
}

;// CONCATENATED MODULE: ./src/inputs/reader.ts
// What every reader under src/inputs/ is given: one input by its name and a YAML parser (files: paths.ts).
/** JSON is YAML too; without the yaml library only the JSON form can be read. */
function parseJsonOnly(text) {
    return JSON.parse(text);
}

;// CONCATENATED MODULE: ./src/inputs/gates.ts
// How the new version is judged: the error, latency, throttle and relative gates, the confidence, the
// evidence each stage needs, custom metric gates and CloudWatch alarms.





const LATENCY_STATISTICS = ['p50', 'p90', 'p95', 'p99', 'p99.9', 'avg', 'max'];
function readGates(input, parseYaml) {
    const maxErrorRateRaw = input(constants/* Inputs */.G0.MaxErrorRate);
    const maxErrorRateIncreaseRaw = input(constants/* Inputs */.G0.MaxErrorRateIncrease);
    const maxLatencyRaw = input(constants/* Inputs */.G0.MaxLatency);
    const maxLatencyIncreaseRaw = input(constants/* Inputs */.G0.MaxLatencyIncrease);
    const maxThrottlesRaw = input(constants/* Inputs */.G0.MaxThrottles);
    const statistic = parseChoice(constants/* Inputs */.G0.LatencyStatistic, input(constants/* Inputs */.G0.LatencyStatistic), LATENCY_STATISTICS);
    const confidenceRaw = input(constants/* Inputs */.G0.Confidence);
    const confidence = parseFraction(constants/* Inputs */.G0.Confidence, confidenceRaw, { allowOne: false });
    if (confidence < 0.5 || confidence > 0.9999) {
        throw new InputError(constants/* Inputs */.G0.Confidence, confidenceRaw, 'use a confidence from "50%" to "99.99%", e.g. "99%" or "0.99"');
    }
    const gates = {
        latencyStatistic: statistic,
        minInvocations: parseNonNegativeInt(constants/* Inputs */.G0.MinInvocations, input(constants/* Inputs */.G0.MinInvocations)),
        confidence
    };
    const off = (raw) => raw === '' || raw.toLowerCase() === 'off';
    if (!off(maxErrorRateRaw))
        gates.maxErrorRate = parseFraction(constants/* Inputs */.G0.MaxErrorRate, maxErrorRateRaw, { allowZero: true });
    if (!off(maxErrorRateIncreaseRaw))
        gates.maxErrorRateIncrease = parsePoints(constants/* Inputs */.G0.MaxErrorRateIncrease, maxErrorRateIncreaseRaw);
    if (!off(maxLatencyRaw))
        gates.maxLatencyMs = parseMilliseconds(constants/* Inputs */.G0.MaxLatency, maxLatencyRaw);
    if (!off(maxLatencyIncreaseRaw))
        gates.maxLatencyIncrease = parseIncrease(constants/* Inputs */.G0.MaxLatencyIncrease, maxLatencyIncreaseRaw);
    if (!off(maxThrottlesRaw))
        gates.maxThrottles = parseNonNegativeInt(constants/* Inputs */.G0.MaxThrottles, maxThrottlesRaw);
    const metricGates = parseMetricGates(input(constants/* Inputs */.G0.MetricGates), parseYaml);
    checkQueryBudget(input(constants/* Inputs */.G0.MetricGates), metricGates.length, gates);
    if (metricGates.length > 0)
        gates.metricGates = metricGates;
    return gates;
}
/** Each poll reads the metric gates in the same GetMetricData call as the action's own metrics: all must fit in one. */
function checkQueryBudget(raw, gateCount, gates) {
    const own = ownMetricQueries(gates);
    if (own + gateCount <= MAX_QUERIES_PER_GET_METRIC_DATA)
        return;
    throw new InputError(constants/* Inputs */.G0.MetricGates, raw, `${gateCount} gates and the action's own ${own} metric queries (both versions' invocations, errors and latency, throttles) make ${own + gateCount}, more than the ${MAX_QUERIES_PER_GET_METRIC_DATA} one GetMetricData call takes; give at most ${MAX_QUERIES_PER_GET_METRIC_DATA - own} gates`);
}
/** alarms: CloudWatch alarm names; any of them in ALARM fails the stage. */
function readAlarms(input) {
    const raw = input(constants/* Inputs */.G0.Alarms);
    const alarms = parseList(constants/* Inputs */.G0.Alarms, raw, 'CloudWatch alarm names');
    for (const name of alarms) {
        if (name.length > MAX_NAME_LENGTH)
            throw new InputError(constants/* Inputs */.G0.Alarms, raw, `alarm name "${name.slice(0, 40)}…" is longer than ${MAX_NAME_LENGTH} characters; CloudWatch alarm names are 1 to ${MAX_NAME_LENGTH} characters`);
        // biome-ignore lint/suspicious/noControlCharactersInRegex: CloudWatch alarm names cannot hold control characters
        if (/[\u0000-\u001f\u007f]/.test(name))
            throw new InputError(constants/* Inputs */.G0.Alarms, raw, 'list CloudWatch alarm names; a name cannot hold control characters such as a tab');
    }
    return alarms;
}
/** on-insufficient-data: what a stage that ends without min-invocations does. */
function readOnInsufficientData(input) {
    return parseChoice(constants/* Inputs */.G0.OnInsufficientData, input(constants/* Inputs */.G0.OnInsufficientData), ON_INSUFFICIENT_DATA);
}
/** Percentage points: "0.5pp", "0.5%" (read as points) or a fraction "0.005". */
function parsePoints(name, raw) {
    const m = /^(\d+(?:\.\d+)?)\s*(pp|%)?$/i.exec(raw.trim());
    const accepted = 'use percentage points like "0.5pp" (or "0.5%"), or a fraction like "0.005"; "off" turns the gate off';
    if (!m)
        throw new InputError(name, raw, accepted);
    const value = m[2] ? Number(m[1]) / 100 : Number(m[1]);
    if (!(value > 0 && value < 1))
        throw new InputError(name, raw, `${accepted}; above 0 and below 100 points`);
    return Math.round(value * 1e9) / 1e9;
}
/** An increase over the old version: "50%", a fraction "0.5", or a ratio "1.5x". */
function parseIncrease(name, raw) {
    const value = raw.trim();
    const accepted = 'use a percentage like "50%", a fraction like "0.5" or a ratio like "1.5x" (all mean 50% slower than the old version at most); "off" turns the gate off';
    const ratio = /^(\d+(?:\.\d+)?)\s*x$/i.exec(value);
    const pct = /^(\d+(?:\.\d+)?)\s*%$/.exec(value);
    const fraction = /^(\d*\.?\d+)$/.exec(value);
    const increase = ratio ? Number(ratio[1]) - 1 : pct ? Number(pct[1]) / 100 : fraction ? Number(fraction[1]) : NaN;
    if (!(increase > 0) || !Number.isFinite(increase) || increase > 100)
        throw new InputError(name, raw, accepted);
    return Math.round(increase * 1e9) / 1e9;
}
const COMPARISONS = {
    '>': '>',
    '>=': '>=',
    '<': '<',
    '<=': '<=',
    greaterthanthreshold: '>',
    greaterthanorequaltothreshold: '>=',
    lessthanthreshold: '<',
    lessthanorequaltothreshold: '<='
};
const METRIC_GATE_KEYS = ['name', 'namespace', 'metric', 'dimensions', 'statistic', 'comparison', 'threshold'];
const METRIC_GATES_SHAPE = 'give a YAML or JSON list of gates, each with namespace, metric, dimensions (a map), statistic (a CloudWatch statistic such as Sum, Average, Maximum, p99 or TM(10%:90%)), comparison (">", ">=", "<", "<=" or GreaterThanThreshold …) and a numeric threshold; name is optional';
/**
 * metric-gates: a YAML or JSON list of { name?, namespace, metric, dimensions, statistic, comparison,
 * threshold }. The stage fails when the metric's statistic over the deployment `comparison` threshold.
 */
function parseMetricGates(raw, parseYaml = parseJsonOnly) {
    if (raw.trim() === '')
        return [];
    let parsed;
    try {
        parsed = parseYaml(raw);
    }
    catch (e) {
        throw new InputError(constants/* Inputs */.G0.MetricGates, raw, `it is not valid YAML or JSON (${e.message.split('\n')[0]}); ${METRIC_GATES_SHAPE}`);
    }
    if (!Array.isArray(parsed) || parsed.length === 0)
        throw new InputError(constants/* Inputs */.G0.MetricGates, raw, METRIC_GATES_SHAPE);
    const names = new Set();
    return parsed.map((item, i) => parseMetricGate(raw, item, `gate ${i + 1}`, names));
}
/** One item of metric-gates (`where`: "gate 2"), named apart from the `names` before it; errors quote the whole input. */
function parseMetricGate(raw, item, where, names) {
    const refuse = (problem) => new InputError(constants/* Inputs */.G0.MetricGates, raw, `${where} ${problem}; ${METRIC_GATES_SHAPE}`);
    if (typeof item !== 'object' || item === null || Array.isArray(item))
        throw refuse('is not a map');
    const g = item;
    const unknown = Object.keys(g).filter(k => !METRIC_GATE_KEYS.includes(k));
    if (unknown.length > 0)
        throw refuse(`has unknown key${unknown.length > 1 ? 's' : ''} ${unknown.map(k => `"${k}"`).join(', ')}`);
    const text = (key) => {
        const v = g[key];
        if (typeof v !== 'string' || v.trim() === '')
            throw refuse(`needs "${key}" as text`);
        return v.trim();
    };
    const namespace = text('namespace');
    const metric = text('metric');
    const problem = nameProblem('namespace', namespace, MAX_NAME_LENGTH, { noLeadingColon: true }) ?? nameProblem('metric name', metric, MAX_NAME_LENGTH);
    if (problem)
        throw refuse(problem);
    const dimensions = parseDimensions(g.dimensions, refuse);
    const statistic = text('statistic');
    if (!isStatistic(statistic))
        throw refuse(`has statistic "${statistic}", which CloudWatch does not take; use ${STATISTIC_FORMS}`);
    const comparison = COMPARISONS[text('comparison').toLowerCase()];
    if (!comparison)
        throw refuse(`has comparison "${String(g.comparison)}"`);
    const threshold = typeof g.threshold === 'number' ? g.threshold : typeof g.threshold === 'string' && g.threshold.trim() !== '' ? Number(g.threshold) : NaN;
    if (!Number.isFinite(threshold))
        throw refuse(`has threshold "${String(g.threshold)}", not a number`);
    const name = typeof g.name === 'string' && g.name.trim() !== '' ? g.name.trim() : `${namespace} ${metric}`;
    if (names.has(name))
        throw new InputError(constants/* Inputs */.G0.MetricGates, raw, `two gates are named "${name}"; give each a distinct name`);
    names.add(name);
    return { name, namespace, metric, dimensions, statistic, comparison, threshold };
}
/** A gate's dimensions: a map of at most 30 names (1-255 characters) to values (1-1024), printable ASCII. */
function parseDimensions(value, refuse) {
    const dimensions = value ?? {};
    if (typeof dimensions !== 'object' ||
        dimensions === null ||
        Array.isArray(dimensions) ||
        Object.values(dimensions).some(v => typeof v !== 'string' && typeof v !== 'number')) {
        throw refuse('has "dimensions" that is not a map of names to values');
    }
    const entries = Object.entries(dimensions).map(([k, v]) => [k, String(v)]);
    if (entries.length > MAX_DIMENSIONS)
        throw refuse(`has ${entries.length} dimensions; CloudWatch takes at most ${MAX_DIMENSIONS} per metric`);
    for (const [name, v] of entries) {
        const problem = nameProblem('dimension name', name, MAX_NAME_LENGTH, { noLeadingColon: true }) ??
            nameProblem(`value for dimension "${name}"`, v, MAX_DIMENSION_VALUE_LENGTH);
        if (problem)
            throw refuse(problem);
    }
    return Object.fromEntries(entries);
}

;// CONCATENATED MODULE: ./src/inputs/notify.ts
// Who hears about the run: Slack (webhook, events and mentions) and the GitHub environment and token for a
// Deployment record. The webhook URL and the token go to Secrets only, never into the run's settings.



const SLACK_MENTIONS = /^(<[!@#][^>\s]+>|@[\w.-]+)(\s+(<[!@#][^>\s]+>|@[\w.-]+))*$/;
const LOOPBACK = ['127.0.0.1', 'localhost', '[::1]'];
function readNotify(input) {
    const environment = input(constants/* Inputs */.G0.Environment);
    if (environment.length > 255 || /[\n\r]/.test(environment)) {
        throw new InputError(constants/* Inputs */.G0.Environment, environment, 'use a GitHub environment name such as "production" (one line, up to 255 characters)');
    }
    const token = input(constants/* Inputs */.G0.GithubToken);
    const slack = readSlack(input);
    if (token && !environment) {
        // environment alone is a normal use (it picks the config file's section); a token alone is a mistake.
        const deploymentProblem = 'github-token is not used: a GitHub Deployment is recorded only with environment (the GitHub environment to record it in); set environment, or remove github-token';
        return { notify: { ...slack.notify, deploymentProblem }, secrets: slack.secrets };
    }
    return {
        notify: { ...slack.notify, ...(environment ? { environment } : {}) },
        secrets: { ...slack.secrets, ...(token ? { githubToken: token } : {}) }
    };
}
/**
 * A bad Slack URL never changes the deployment's result: it is reported as a warning (without quoting
 * the secret) and the message is skipped. Plain http is allowed only to loopback, for local runs.
 */
function readSlack(input) {
    const raw = input(constants/* Inputs */.G0.SlackWebhookUrl);
    const mention = input(constants/* Inputs */.G0.SlackMention);
    if (mention !== '' && !SLACK_MENTIONS.test(mention)) {
        throw new InputError(constants/* Inputs */.G0.SlackMention, mention, 'use Slack mentions like "<!here>", "<!channel>", "<@U012AB3CD>", "<!subteam^S012AB3CD>" or "@oncall", separated by spaces');
    }
    const events = input(constants/* Inputs */.G0.SlackEvents);
    const notify = { slackEvents: parseSlackEvents(events), ...(mention ? { slackMention: mention } : {}) };
    // Given without a webhook, slack-events and slack-mention do nothing: inputs/unused.ts warns about them.
    if (raw === '')
        return { notify, secrets: {} };
    if (!isSlackUrl(raw)) {
        const slackProblem = 'slack-webhook-url is not an https:// URL (its value is a secret and is not shown); no Slack message will be sent';
        return { notify: { ...notify, slackProblem }, secrets: {} };
    }
    return { notify, secrets: { slackWebhookUrl: raw } };
}
function isSlackUrl(raw) {
    let url;
    try {
        url = new URL(raw);
    }
    catch {
        return false;
    }
    return url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK.includes(url.hostname));
}
const ALL = 'all';
/** "start", "stage", "finish" (any of them, by commas or new lines) or "all"; in the order they happen. */
function parseSlackEvents(raw) {
    if (raw.trim() === '')
        return ['finish'];
    const accepted = `use "start", "stage", "finish" or "${ALL}", or several of the first three separated by commas or new lines (e.g. "start, finish")`;
    const items = parseList(constants/* Inputs */.G0.SlackEvents, raw, 'events').map(item => item.toLowerCase());
    const unknown = items.find(item => item !== ALL && !SLACK_EVENTS.includes(item));
    if (unknown !== undefined)
        throw new InputError(constants/* Inputs */.G0.SlackEvents, raw, `${accepted}; "${unknown}" is not one of them`);
    if (items.includes(ALL))
        return [...SLACK_EVENTS];
    return SLACK_EVENTS.filter(event => items.includes(event));
}

;// CONCATENATED MODULE: ./src/inputs/probes.ts
// What runs before the new version gets traffic and around it: the smoke test, the hooks, and the wait
// for the new version's provisioned concurrency.



const probes_HOOK_FUNCTION = /^((arn:aws[a-zA-Z-]*:lambda:[a-z]{2,4}(-[a-z]+)+-\d+:)?\d{12}:function:)?[a-zA-Z0-9_-]{1,64}(:[a-zA-Z0-9$_-]{1,128})?$/;
/** smoke-payload, smoke-count, smoke-expect; a blue-green plan moves all traffic at once, so it needs one. */
function readSmoke(input, env, plan) {
    const raw = input(constants/* Inputs */.G0.SmokePayload);
    const countRaw = input(constants/* Inputs */.G0.SmokeCount);
    const count = parseNonNegativeInt(constants/* Inputs */.G0.SmokeCount, countRaw);
    if (count < 1 || count > 100)
        throw new InputError(constants/* Inputs */.G0.SmokeCount, countRaw, 'use a whole number from 1 to 100');
    const expect = parseSmokeExpect(input(constants/* Inputs */.G0.SmokeExpect));
    // Without a payload there is no smoke test: smoke-count and smoke-expect are checked, and unused.ts warns.
    if (raw !== '')
        return { payload: readSmokePayload(raw, env), count, expect };
    if (plan.kind === 'blue-green') {
        throw new InputError(constants/* Inputs */.G0.SmokePayload, '', 'strategy "blue-green" moves all traffic at once, so it needs a smoke test first: give smoke-payload (JSON, or @path to a JSON file)');
    }
    return undefined;
}
/** JSON, or @path to a JSON file in the repository. */
function readSmokePayload(raw, env) {
    let payload = raw;
    if (raw.startsWith('@')) {
        const accepted = 'use JSON, or @path to a JSON file in the repository';
        const file = readWorkspaceFile(env, constants/* Inputs */.G0.SmokePayload, raw, raw.slice(1), accepted);
        if ('problem' in file) {
            throw new InputError(constants/* Inputs */.G0.SmokePayload, raw, `the file ${file.path} cannot be read (${file.problem}); ${accepted}`);
        }
        payload = file.text;
    }
    try {
        JSON.parse(payload);
    }
    catch (e) {
        throw new InputError(constants/* Inputs */.G0.SmokePayload, raw, `it is not valid JSON (${e.message}); use a JSON document such as {"path": "/health"}, or @path to a JSON file`);
    }
    return payload;
}
/** "" → no FunctionError; "/regex/flags" → the response must match; JSON → the response must contain it. */
function parseSmokeExpect(raw) {
    const value = raw.trim();
    if (value === '')
        return { kind: 'no-error' };
    const regex = /^\/(.*)\/([a-z]*)$/s.exec(value);
    if (regex) {
        try {
            return { kind: 'regex', pattern: new RegExp(regex[1], regex[2]) };
        }
        catch (e) {
            throw new InputError(constants/* Inputs */.G0.SmokeExpect, raw, `the regular expression is invalid (${e.message}); use /pattern/flags or a JSON value the response must contain`);
        }
    }
    try {
        return { kind: 'subset', value: JSON.parse(value) };
    }
    catch {
        throw new InputError(constants/* Inputs */.G0.SmokeExpect, raw, 'use a JSON value the response must contain, like {"statusCode": 200}, or a regular expression like /"ok":s*true/');
    }
}
function readHooks(input) {
    const hooks = { timeoutSeconds: parseDuration(constants/* Inputs */.G0.HookTimeout, input(constants/* Inputs */.G0.HookTimeout), { max: 900 }) };
    for (const [name, key] of [
        [constants/* Inputs */.G0.PreTrafficHook, 'preTraffic'],
        [constants/* Inputs */.G0.PostTrafficHook, 'postTraffic'],
        [constants/* Inputs */.G0.RollbackHook, 'rollback']
    ]) {
        const raw = input(name);
        if (raw === '')
            continue;
        if (!probes_HOOK_FUNCTION.test(raw)) {
            throw new InputError(name, raw, 'use a function name, "name:alias", or a function ARN (optionally with a version or alias)');
        }
        hooks[key] = raw;
    }
    return hooks;
}
/** How long to wait for the new version's provisioned concurrency to be READY; undefined: do not wait. */
function readProvisionedConcurrencyWait(input) {
    const wait = parseBoolean(constants/* Inputs */.G0.WaitForProvisionedConcurrency, input(constants/* Inputs */.G0.WaitForProvisionedConcurrency));
    const timeout = parseDuration(constants/* Inputs */.G0.ProvisionedConcurrencyTimeout, input(constants/* Inputs */.G0.ProvisionedConcurrencyTimeout), { max: 3600 });
    return wait ? timeout : undefined;
}

;// CONCATENATED MODULE: ./src/inputs/defaults.ts
// The documented defaults, in one place: the action applies them itself. action.yml gives every input the
// config file can set an empty default, so the runner passes '' for an input the workflow does not set and a
// value written in the workflow always wins, even one equal to its default (sources.ts). The README's inputs
// table shows these (scripts/docs.mjs; __tests__/docs.test.ts keeps action.yml, README and this in agreement).

const DEFAULTS = {
    [constants/* Inputs */.G0.Mode]: 'deploy',
    [constants/* Inputs */.G0.RollbackTo]: 'previous',
    [constants/* Inputs */.G0.Alias]: 'live',
    [constants/* Inputs */.G0.Publish]: 'false',
    [constants/* Inputs */.G0.Strategy]: 'canary',
    [constants/* Inputs */.G0.CanaryWeight]: '10%',
    [constants/* Inputs */.G0.BakeTime]: '5m',
    [constants/* Inputs */.G0.StepWeight]: '10%',
    [constants/* Inputs */.G0.Interval]: '1m',
    [constants/* Inputs */.G0.FinalBake]: '0s',
    [constants/* Inputs */.G0.MaxErrorRateIncrease]: '0.5pp',
    [constants/* Inputs */.G0.MaxLatencyIncrease]: '50%',
    [constants/* Inputs */.G0.LatencyStatistic]: 'p99',
    [constants/* Inputs */.G0.MinInvocations]: '20',
    [constants/* Inputs */.G0.Confidence]: '99%',
    [constants/* Inputs */.G0.OnInsufficientData]: 'fail',
    [constants/* Inputs */.G0.SmokeCount]: '1',
    [constants/* Inputs */.G0.HookTimeout]: '1m',
    [constants/* Inputs */.G0.MetricPeriod]: '1m',
    [constants/* Inputs */.G0.MetricLag]: '2m',
    [constants/* Inputs */.G0.PollInterval]: '10s',
    [constants/* Inputs */.G0.BaselineWindow]: '1h',
    [constants/* Inputs */.G0.LatencyWarmUp]: '2m',
    [constants/* Inputs */.G0.AllowUnjudgedStages]: 'false',
    [constants/* Inputs */.G0.OnSplitAlias]: 'restore',
    [constants/* Inputs */.G0.SlackEvents]: 'finish',
    [constants/* Inputs */.G0.WaitForProvisionedConcurrency]: 'false',
    [constants/* Inputs */.G0.ProvisionedConcurrencyTimeout]: '10m',
    [constants/* Inputs */.G0.RestoreTimeout]: '5m'
};

;// CONCATENATED MODULE: ./src/inputs/sources.ts
// Where each input's value comes from. A value written in the workflow always wins (even one equal to the
// default: action.yml's defaults are empty, so the runner passes '' for an input the workflow does not set);
// then the config file's section for the environment, then its defaults section, then the documented default.



/** `environment`: the config file's section that applies (none: the defaults section alone). */
function resolve(readInput, config, environment) {
    const section = environment !== undefined ? config?.environments[environment] : undefined;
    const cache = new Map();
    const lookup = (name) => {
        let found = cache.get(name);
        if (found)
            return found;
        const written = readInput(name).trim();
        const fromFile = section?.[name] ?? config?.defaults[name];
        if (written !== '')
            found = { value: written, origin: { kind: 'workflow' } };
        else if (fromFile && config)
            found = { value: fromFile.value, origin: { kind: 'config-file', path: config.path, key: fromFile.key } };
        else
            found = { value: DEFAULTS[name] ?? '', origin: { kind: 'default' } };
        cache.set(name, found);
        return found;
    };
    return {
        input: name => lookup(name).value,
        origin: name => lookup(name).origin,
        given: name => lookup(name).origin.kind !== 'default'
    };
}
/** Every input with its value and origin, in the order of Inputs (constants.ts); a secret's value is left out. */
function sourcesOf(resolution) {
    const secrets = constants/* SECRET_INPUTS */.pH;
    return Object.values(constants/* Inputs */.G0).map(input => {
        const origin = resolution.origin(input);
        if (secrets.includes(input))
            return { input, value: '', origin, secret: true };
        return { input, value: resolution.input(input), origin };
    });
}
/**
 * Runs `read` and, when it refuses an input, says where the value is: the key of the config file that set it,
 * or, while checking an environment the run did not pick (`checking`), that environment's section.
 */
function located(read, resolution, config, checking) {
    try {
        return read();
    }
    catch (error) {
        if (!(error instanceof InputError))
            throw error;
        const where = locationOf(error, resolution, config, checking);
        throw where ? new InputError(error.input, error.value, `${error.accepted} (${where})`) : error;
    }
}
/** Where the refused value is set, in words; undefined when it is the workflow's (or nothing more can be said). */
function locationOf(error, resolution, config, checking) {
    const origin = resolution.origin(error.input);
    if (origin.kind === 'config-file')
        return `set in ${origin.path} at ${origin.key}`;
    if (checking !== undefined && config)
        return `with the settings of environments.${checking} in ${config.path}`;
    return undefined;
}

;// CONCATENATED MODULE: ./src/plan.ts
// Strategy → ordered stages. Pure: no AWS, no GitHub.


/** Weighted stages a plan may have: each is an alias write and at least one look; 100 allows a 1% linear step. */
const MAX_STAGES = 100;
/**
 * Weights go to Lambda as fractions rounded to 6 decimals (0.0001%); Lambda documents only the range 0.0–1.0.
 * A weight that rounds to 0 sends the new version nothing; one that rounds to 1 moves all traffic unjudged.
 */
const WEIGHT_RANGE = 'use a weight from 0.0001% to 99.9999% (weights are sent to Lambda as fractions rounded to 6 decimals)';
/** A traffic weight: refused when it rounds to 0%, or to 100% without being exactly 100% (only when `allowOne`). */
function parseWeight(input, raw, opts = {}) {
    const weight = parseFraction(input, raw, { allowOne: opts.allowOne ?? false });
    const value = raw.trim();
    const exact = value.endsWith('%') ? Number(value.slice(0, -1).trim()) / 100 : Number(value);
    if (weight === 0)
        throw new InputError(input, raw, `it rounds to 0%, so no traffic would reach the new version; ${WEIGHT_RANGE}`);
    if (weight === 1 && (exact !== 1 || !opts.allowOne)) {
        throw new InputError(input, raw, `it rounds to 100%, so all traffic would move to the new version unjudged; ${WEIGHT_RANGE}`);
    }
    return weight;
}
/** How many stages a linear step makes (k × step for k = 1, 2, … while below 100%), without building them. */
function linearStageCount(stepWeight) {
    const micro = Math.round(stepWeight * 1e6);
    return micro <= 0 ? Number.POSITIVE_INFINITY : Math.ceil(1e6 / micro) - 1;
}
/** CodeDeploy's predefined Lambda deployment configurations, keyed by their short SAM names. */
const PRESETS = {
    Canary10Percent5Minutes: { kind: 'canary', weight: 0.1, bakeSeconds: 300 },
    Canary10Percent10Minutes: { kind: 'canary', weight: 0.1, bakeSeconds: 600 },
    Canary10Percent15Minutes: { kind: 'canary', weight: 0.1, bakeSeconds: 900 },
    Canary10Percent30Minutes: { kind: 'canary', weight: 0.1, bakeSeconds: 1800 },
    Linear10PercentEvery1Minute: { kind: 'linear', stepWeight: 0.1, intervalSeconds: 60 },
    Linear10PercentEvery2Minutes: { kind: 'linear', stepWeight: 0.1, intervalSeconds: 120 },
    Linear10PercentEvery3Minutes: { kind: 'linear', stepWeight: 0.1, intervalSeconds: 180 },
    Linear10PercentEvery10Minutes: { kind: 'linear', stepWeight: 0.1, intervalSeconds: 600 },
    AllAtOnce: { kind: 'all-at-once' }
};
/**
 * Finds a preset by any of the names CodeDeploy and SAM use: "Canary10Percent5Minutes",
 * "LambdaCanary10Percent5Minutes", "CodeDeployDefault.LambdaCanary10Percent5Minutes" (any case).
 */
function findPreset(name) {
    const short = name
        .trim()
        .replace(/^CodeDeployDefault\./i, '')
        .replace(/^Lambda(?=(Canary|Linear|AllAtOnce))/i, '');
    const key = Object.keys(PRESETS).find(k => k.toLowerCase() === short.toLowerCase());
    return key ? { name: `CodeDeployDefault.Lambda${key}`, spec: PRESETS[key] } : undefined;
}
/** "10%:5m, 25%:10m, 50%:15m, 75%:10m" — a last step of 100% sets the watched time after promotion. */
function parseSteps(raw) {
    const accepted = 'list steps as "weight:bake" separated by commas or new lines, e.g. "10%:5m, 25%:10m, 50%:15m"; weights rise, stay above 0 and at most 100% (only the last step may be 100%)';
    const parts = raw
        .split(/[,\n]/)
        .map(s => s.trim())
        .filter(s => s !== '');
    if (parts.length === 0)
        throw new InputError(constants/* Inputs */.G0.Steps, raw, accepted);
    const stages = [];
    let finalBakeSeconds = 0;
    parts.forEach((part, i) => {
        const m = /^([^:]+):([^:]+)$/.exec(part);
        if (!m)
            throw new InputError(constants/* Inputs */.G0.Steps, raw, `step "${part}" is not "weight:bake"; ${accepted}`);
        let weight;
        let bake;
        try {
            weight = parseWeight(constants/* Inputs */.G0.Steps, m[1].trim(), { allowOne: true });
            bake = parseDuration(constants/* Inputs */.G0.Steps, m[2].trim(), { allowZero: weight === 1, max: constants/* MAX_JOB_SECONDS */.hh });
        }
        catch (e) {
            throw new InputError(constants/* Inputs */.G0.Steps, raw, `step "${part}" is invalid (${e.accepted}); ${accepted}`);
        }
        const previous = stages[stages.length - 1];
        if (previous && weight <= previous.weight) {
            throw new InputError(constants/* Inputs */.G0.Steps, raw, `step "${part}" does not rise above ${formatPercent(previous.weight)}; ${accepted}`);
        }
        if (weight === 1) {
            if (i !== parts.length - 1)
                throw new InputError(constants/* Inputs */.G0.Steps, raw, `step "${part}" is 100% but is not the last; ${accepted}`);
            finalBakeSeconds = bake;
        }
        else {
            stages.push({ weight, bakeSeconds: bake });
        }
    });
    if (stages.length > MAX_STAGES) {
        throw new InputError(constants/* Inputs */.G0.Steps, raw, `it lists ${stages.length} weighted steps, more than the ${MAX_STAGES} a plan may have; ${accepted}`);
    }
    return { stages, finalBakeSeconds };
}
function buildPlan(spec, finalBakeSeconds, name) {
    let stages = [];
    let finalBake = finalBakeSeconds;
    let label = name;
    switch (spec.kind) {
        case 'canary':
            stages = [{ weight: spec.weight, bakeSeconds: spec.bakeSeconds }];
            label ??= `canary ${formatPercent(spec.weight)} for ${formatDuration(spec.bakeSeconds)}`;
            break;
        case 'linear': {
            // Inputs are refused before this (readPlan); a preset never gets here with too many stages.
            if (linearStageCount(spec.stepWeight) > MAX_STAGES)
                throw new RangeError(`a linear step of ${spec.stepWeight} makes too many stages`);
            // k × step for k = 1, 2, … while below 100%; each held for one interval (CodeDeploy's linear shape).
            for (let k = 1; Math.round(k * spec.stepWeight * 1e6) < 1e6; k++) {
                stages.push({ weight: Math.round(k * spec.stepWeight * 1e6) / 1e6, bakeSeconds: spec.intervalSeconds });
            }
            label ??= `linear ${formatPercent(spec.stepWeight)} every ${formatDuration(spec.intervalSeconds)}`;
            break;
        }
        case 'all-at-once':
            label ??= 'all-at-once';
            break;
        case 'blue-green':
            // All traffic moves at once; the old version stays as the instant way back while the new one is watched.
            finalBake = finalBakeSeconds > 0 ? finalBakeSeconds : spec.bakeSeconds;
            label ??= `blue-green, watched for ${formatDuration(finalBake)}`;
            break;
        case 'custom':
            stages = spec.stages;
            if (spec.finalBakeSeconds > 0)
                finalBake = spec.finalBakeSeconds;
            label ??= `custom ${stages.map(s => `${formatPercent(s.weight)}:${formatDuration(s.bakeSeconds)}`).join(', ')}`;
            break;
    }
    const totalBakeSeconds = stages.reduce((sum, s) => sum + s.bakeSeconds, 0) + finalBake;
    return { kind: spec.kind, name: label, stages, finalBakeSeconds: finalBake, totalBakeSeconds };
}

;// CONCATENATED MODULE: ./src/inputs/strategy.ts
// How traffic moves: the strategy (or a CodeDeploy preset) with its weights, steps and bakes → the Plan.



const STRATEGIES = ['canary', 'linear', 'all-at-once', 'blue-green', 'custom'];
function readPlan(input) {
    const strategyRaw = input(constants/* Inputs */.G0.Strategy);
    const finalBake = parseDuration(constants/* Inputs */.G0.FinalBake, input(constants/* Inputs */.G0.FinalBake), { allowZero: true, max: constants/* MAX_JOB_SECONDS */.hh });
    const preset = findPreset(strategyRaw);
    if (preset)
        return buildPlan(preset.spec, finalBake, preset.name);
    return buildPlan(readStrategySpec(input, strategyRaw), finalBake);
}
/**
 * The strategy inputs the workflow or the config file gave, each checked as its own strategy reads it, whether
 * or not the chosen strategy uses it (unused.ts says which do not apply).
 */
function readUnusedStrategyInputs(input, given) {
    const readers = {
        [constants/* Inputs */.G0.CanaryWeight]: () => parseWeight(constants/* Inputs */.G0.CanaryWeight, input(constants/* Inputs */.G0.CanaryWeight)),
        [constants/* Inputs */.G0.BakeTime]: () => parseDuration(constants/* Inputs */.G0.BakeTime, input(constants/* Inputs */.G0.BakeTime), { max: constants/* MAX_JOB_SECONDS */.hh }),
        [constants/* Inputs */.G0.StepWeight]: () => readStepWeight(input),
        [constants/* Inputs */.G0.Interval]: () => parseDuration(constants/* Inputs */.G0.Interval, input(constants/* Inputs */.G0.Interval), { max: constants/* MAX_JOB_SECONDS */.hh }),
        [constants/* Inputs */.G0.Steps]: () => parseSteps(input(constants/* Inputs */.G0.Steps))
    };
    for (const [name, read] of Object.entries(readers))
        if (given(name))
            read();
}
function readStrategySpec(input, strategyRaw) {
    switch (parseStrategy(strategyRaw)) {
        case 'canary': {
            const weight = parseWeight(constants/* Inputs */.G0.CanaryWeight, input(constants/* Inputs */.G0.CanaryWeight));
            return { kind: 'canary', weight, bakeSeconds: parseDuration(constants/* Inputs */.G0.BakeTime, input(constants/* Inputs */.G0.BakeTime), { max: constants/* MAX_JOB_SECONDS */.hh }) };
        }
        case 'linear':
            return {
                kind: 'linear',
                stepWeight: readStepWeight(input),
                intervalSeconds: parseDuration(constants/* Inputs */.G0.Interval, input(constants/* Inputs */.G0.Interval), { max: constants/* MAX_JOB_SECONDS */.hh })
            };
        case 'all-at-once':
            return { kind: 'all-at-once' };
        case 'blue-green':
            return { kind: 'blue-green', bakeSeconds: parseDuration(constants/* Inputs */.G0.BakeTime, input(constants/* Inputs */.G0.BakeTime), { max: constants/* MAX_JOB_SECONDS */.hh }) };
        case 'custom': {
            const steps = input(constants/* Inputs */.G0.Steps);
            if (steps === '')
                throw new InputError(constants/* Inputs */.G0.Steps, steps, 'strategy "custom" needs steps, e.g. "10%:5m, 25%:10m, 50%:15m, 75%:10m"');
            return { kind: 'custom', ...parseSteps(steps) };
        }
    }
}
/** A linear step: a weight that does not round to 0 or 100%, making at most MAX_STAGES stages. */
function readStepWeight(input) {
    const raw = input(constants/* Inputs */.G0.StepWeight);
    const step = parseWeight(constants/* Inputs */.G0.StepWeight, raw);
    const stages = linearStageCount(step);
    if (stages > MAX_STAGES) {
        throw new InputError(constants/* Inputs */.G0.StepWeight, raw, `a linear step of ${formatPercent(step, 4)} makes ${stages} stages, more than the ${MAX_STAGES} a plan may have; use a step of at least 1%`);
    }
    return step;
}
function parseStrategy(raw) {
    try {
        return parseChoice(constants/* Inputs */.G0.Strategy, raw, STRATEGIES);
    }
    catch {
        throw new InputError(constants/* Inputs */.G0.Strategy, raw, `use one of ${STRATEGIES.map(s => `"${s}"`).join(', ')}, or a CodeDeploy Lambda preset such as "LambdaCanary10Percent5Minutes", "LambdaLinear10PercentEvery1Minute" or "LambdaAllAtOnce"`);
    }
}
/**
 * The runner cancels a job after 6 hours; a plan that cannot finish would leave the alias split. The worst case
 * is every bake plus, after each stage and after the final bake, the settle window (`settleSeconds`: metric-lag
 * + metric-period) the decision waits for when the data is short.
 */
function checkPlanFitsJob(input, plan, settleSeconds) {
    const stages = plan.stages.reduce((sum, s) => sum + s.bakeSeconds + settleSeconds, 0);
    const final = plan.finalBakeSeconds > 0 ? plan.finalBakeSeconds + settleSeconds : 0;
    const worstCase = stages + final;
    if (worstCase <= constants/* MAX_JOB_SECONDS */.hh)
        return;
    const named = planInput(input, plan);
    const parts = [
        ...(plan.stages.length > 0
            ? [
                `${plan.stages.length} stage${plan.stages.length === 1 ? '' : 's'} baking ${formatDuration(plan.totalBakeSeconds - plan.finalBakeSeconds)} in all, each followed by a settle window of ${formatDuration(settleSeconds)}`
            ]
            : []),
        ...(plan.finalBakeSeconds > 0 ? [`a final bake of ${formatDuration(plan.finalBakeSeconds)} and its settle window`] : [])
    ];
    throw new InputError(named, input(named), `the plan "${plan.name}" can take ${formatDuration(worstCase)} (${parts.join(', and ')}; the settle window is metric-lag ${input(constants/* Inputs */.G0.MetricLag)} + metric-period ${input(constants/* Inputs */.G0.MetricPeriod)}), more than GitHub's 6-hour job limit; shorten the stages or final-bake, or lower metric-lag or metric-period`);
}
/** The input that set the plan's length: the steps, the interval, the bake time, the final bake or the preset's name. */
function planInput(input, plan) {
    const finalBakeGiven = parseDuration(constants/* Inputs */.G0.FinalBake, input(constants/* Inputs */.G0.FinalBake), { allowZero: true }) > 0;
    if (plan.stages.length === 0 && finalBakeGiven)
        return constants/* Inputs */.G0.FinalBake;
    if (findPreset(input(constants/* Inputs */.G0.Strategy)))
        return constants/* Inputs */.G0.Strategy;
    switch (plan.kind) {
        case 'custom':
            return constants/* Inputs */.G0.Steps;
        case 'linear':
            return constants/* Inputs */.G0.Interval;
        case 'all-at-once':
            return constants/* Inputs */.G0.FinalBake;
        default:
            return constants/* Inputs */.G0.BakeTime;
    }
}

;// CONCATENATED MODULE: ./src/inputs/unused.ts
// Inputs given (in the workflow or the config file) that this run does not use. Each was checked like any
// other (a bad value is an InputError); a good one gives one warning saying why it does not apply and to what
// it does. The warnings are data: the main step prints them.



/** What the strategies read: a CodeDeploy preset reads none of these. */
const STRATEGY_USES = {
    canary: [constants/* Inputs */.G0.CanaryWeight, constants/* Inputs */.G0.BakeTime],
    linear: [constants/* Inputs */.G0.StepWeight, constants/* Inputs */.G0.Interval],
    'blue-green': [constants/* Inputs */.G0.BakeTime],
    custom: [constants/* Inputs */.G0.Steps],
    'all-at-once': []
};
const APPLIES_TO = {
    [constants/* Inputs */.G0.CanaryWeight]: 'strategy "canary"',
    [constants/* Inputs */.G0.BakeTime]: 'strategies "canary" and "blue-green"',
    [constants/* Inputs */.G0.StepWeight]: 'strategy "linear"',
    [constants/* Inputs */.G0.Interval]: 'strategy "linear"',
    [constants/* Inputs */.G0.Steps]: 'strategy "custom"'
};
/** What only watching a stage uses: nothing, when the plan has no stage and no final bake. */
const WATCH_INPUTS = [
    constants/* Inputs */.G0.MaxErrorRate,
    constants/* Inputs */.G0.MaxErrorRateIncrease,
    constants/* Inputs */.G0.MaxLatency,
    constants/* Inputs */.G0.MaxLatencyIncrease,
    constants/* Inputs */.G0.LatencyStatistic,
    constants/* Inputs */.G0.MaxThrottles,
    constants/* Inputs */.G0.MinInvocations,
    constants/* Inputs */.G0.Confidence,
    constants/* Inputs */.G0.OnInsufficientData,
    constants/* Inputs */.G0.MetricGates,
    constants/* Inputs */.G0.Alarms,
    constants/* Inputs */.G0.MetricPeriod,
    constants/* Inputs */.G0.MetricLag,
    constants/* Inputs */.G0.PollInterval,
    constants/* Inputs */.G0.BaselineWindow,
    constants/* Inputs */.G0.LatencyWarmUp,
    constants/* Inputs */.G0.AllowUnjudgedStages
];
/** What mode rollback reads (manual-rollback.ts: the preflight, a smoke test of the target, one guarded write). */
const ROLLBACK_USES = [
    constants/* Inputs */.G0.Mode,
    constants/* Inputs */.G0.RollbackTo,
    constants/* Inputs */.G0.FunctionName,
    constants/* Inputs */.G0.Alias,
    constants/* Inputs */.G0.Region,
    constants/* Inputs */.G0.Version,
    constants/* Inputs */.G0.SmokePayload,
    constants/* Inputs */.G0.SmokeCount,
    constants/* Inputs */.G0.SmokeExpect,
    constants/* Inputs */.G0.HookTimeout,
    constants/* Inputs */.G0.RestoreTimeout,
    constants/* Inputs */.G0.SlackWebhookUrl,
    constants/* Inputs */.G0.SlackMention,
    constants/* Inputs */.G0.SlackEvents,
    constants/* Inputs */.G0.GithubToken,
    constants/* Inputs */.G0.Environment,
    constants/* Inputs */.G0.ConfigFile
];
/** One warning per reason, naming every given input it holds for (with its place in the config file). */
function unusedWarnings(run, r) {
    const found = [...(run.mode === 'rollback' ? notInRollback(r) : notInRelease(run, r)), ...notInEither(run, r)];
    const seen = new Set();
    const byWhy = new Map();
    for (const { input, why } of found) {
        if (seen.has(input) || !r.given(input))
            continue;
        seen.add(input);
        byWhy.set(why, [...(byWhy.get(why) ?? []), named(input, r)]);
    }
    return [...byWhy.entries()].map(([why, names]) => sentence(names, why));
}
/** Only what the workflow gave: a config file is shared with the deploys, whose settings a rollback need not use. */
function notInRollback(r) {
    const why = 'mode "rollback" does not use {it}; {applies} to modes "deploy" and "plan"';
    return Object.values(constants/* Inputs */.G0)
        .filter(input => !ROLLBACK_USES.includes(input) && r.origin(input).kind === 'workflow')
        .map(input => ({ input, why }));
}
function notInRelease(run, r) {
    const { plan, gates } = run;
    const strategy = r.input(constants/* Inputs */.G0.Strategy);
    const preset = findPreset(strategy) !== undefined;
    const found = [{ input: constants/* Inputs */.G0.RollbackTo, why: `mode "${run.mode}" does not use {it}; {applies} to mode "rollback"` }];
    const uses = preset ? [] : STRATEGY_USES[plan.kind];
    const finalBakeGiven = r.given(constants/* Inputs */.G0.FinalBake) && parseDuration(constants/* Inputs */.G0.FinalBake, r.input(constants/* Inputs */.G0.FinalBake), { allowZero: true }) > 0;
    if (plan.kind === 'blue-green' && !preset && finalBakeGiven)
        found.push({ input: constants/* Inputs */.G0.BakeTime, why: 'final-bake replaces {it} for strategy "blue-green"' });
    for (const input of Object.keys(APPLIES_TO)) {
        if (!uses.includes(input))
            found.push({ input, why: `strategy "${strategy}" does not use {it}; {applies} to ${APPLIES_TO[input]}` });
    }
    if (plan.kind === 'custom' && !preset && parseSteps(r.input(constants/* Inputs */.G0.Steps)).finalBakeSeconds > 0)
        found.push({ input: constants/* Inputs */.G0.FinalBake, why: 'the last step of steps, at 100%, sets the final bake instead' });
    if (plan.stages.length === 0 && plan.finalBakeSeconds === 0) {
        const why = `strategy "${strategy}" watches nothing without final-bake, so nothing uses {it}; {applies} once final-bake is set`;
        found.push(...WATCH_INPUTS.map(input => ({ input, why })));
    }
    const latencyGates = gates.maxLatencyMs !== undefined || gates.maxLatencyIncrease !== undefined;
    const errorGates = gates.maxErrorRate !== undefined || gates.maxErrorRateIncrease !== undefined;
    if (!latencyGates) {
        const why = 'no latency gate uses {it}: max-latency and max-latency-increase are off';
        found.push({ input: constants/* Inputs */.G0.LatencyStatistic, why }, { input: constants/* Inputs */.G0.LatencyWarmUp, why });
    }
    if (!latencyGates && !errorGates)
        found.push({
            input: constants/* Inputs */.G0.Confidence,
            why: 'no statistical gate uses {it}: max-error-rate, max-error-rate-increase, max-latency and max-latency-increase are off'
        });
    if (run.provisionedConcurrencyWaitSeconds === undefined)
        found.push({
            input: constants/* Inputs */.G0.ProvisionedConcurrencyTimeout,
            why: 'nothing waits for provisioned concurrency, so nothing uses {it}; {applies} with wait-for-provisioned-concurrency "true"'
        });
    return found;
}
/** Smoke test, hooks and Slack, in every mode. */
function notInEither(run, r) {
    const found = [];
    if (!run.smoke) {
        const why = 'no smoke test runs without smoke-payload, so nothing uses {it}';
        found.push({ input: constants/* Inputs */.G0.SmokeCount, why }, { input: constants/* Inputs */.G0.SmokeExpect, why });
    }
    const { preTraffic, postTraffic, rollback } = run.hooks;
    const hooks = run.mode !== 'rollback' && (preTraffic ?? postTraffic ?? rollback) !== undefined;
    if (!run.smoke && !hooks)
        found.push({ input: constants/* Inputs */.G0.HookTimeout, why: 'no smoke test or hook runs, so nothing uses {it}' });
    if (r.input(constants/* Inputs */.G0.SlackWebhookUrl) === '') {
        const why = 'no Slack message is sent without slack-webhook-url, so nothing uses {it}';
        found.push({ input: constants/* Inputs */.G0.SlackMention, why }, { input: constants/* Inputs */.G0.SlackEvents, why });
    }
    return found;
}
/** The input's name, and where in the config file it is set when it is. */
function named(input, r) {
    const origin = r.origin(input);
    return origin.kind === 'config-file' ? `${input} (set in ${origin.path} at ${origin.key})` : input;
}
/** "steps is set but strategy "canary" does not use it; it applies to strategy "custom"". */
function sentence(names, why) {
    const one = names.length === 1;
    const list = one ? names[0] : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
    const reason = why.replace('{it}', one ? 'it' : 'them').replace('{applies}', one ? 'it applies' : 'they apply');
    return `${list} ${one ? 'is' : 'are'} set but ${reason}`;
}

;// CONCATENATED MODULE: ./src/inputs/watch.ts
// How each stage is watched: the CloudWatch period, the lag before a period's metrics are complete, the poll interval,
// the old version's baseline window, the latency warm-up after each weight increase, the opt-out for unjudged stages,
// and how long a restore keeps trying.


const HIGH_RESOLUTION_PERIODS = [1, 5, 10, 20, 30];
function readWatch(input) {
    const periodRaw = input(constants/* Inputs */.G0.MetricPeriod);
    const metricPeriodSeconds = parseDuration(constants/* Inputs */.G0.MetricPeriod, periodRaw, { max: 3600 });
    if (!(HIGH_RESOLUTION_PERIODS.includes(metricPeriodSeconds) || metricPeriodSeconds % 60 === 0)) {
        throw new InputError(constants/* Inputs */.G0.MetricPeriod, periodRaw, 'use 1s, 5s, 10s, 20s, 30s or a whole number of minutes (CloudWatch periods); Lambda publishes 1-minute metrics, so "1m" fits it');
    }
    const metricLagSeconds = parseDuration(constants/* Inputs */.G0.MetricLag, input(constants/* Inputs */.G0.MetricLag), { allowZero: true, max: 900 });
    const pollIntervalSeconds = parseDuration(constants/* Inputs */.G0.PollInterval, input(constants/* Inputs */.G0.PollInterval), { max: 600 });
    if (pollIntervalSeconds < 1) {
        throw new InputError(constants/* Inputs */.G0.PollInterval, input(constants/* Inputs */.G0.PollInterval), 'use at least "1s"; each poll is one GetMetricData request');
    }
    const baselineRaw = input(constants/* Inputs */.G0.BaselineWindow);
    const baselineWindowSeconds = baselineRaw.trim() === '0' ? 0 : parseDuration(constants/* Inputs */.G0.BaselineWindow, baselineRaw, { allowZero: true, max: 24 * 3600 });
    if (baselineWindowSeconds > 0 && baselineWindowSeconds < metricPeriodSeconds) {
        throw new InputError(constants/* Inputs */.G0.BaselineWindow, baselineRaw, `use at least one metric period (${periodRaw}), e.g. "1h", or "0" to read no baseline`);
    }
    const warmUpRaw = input(constants/* Inputs */.G0.LatencyWarmUp);
    const latencyWarmUpSeconds = warmUpRaw.trim() === '0' ? 0 : parseDuration(constants/* Inputs */.G0.LatencyWarmUp, warmUpRaw, { allowZero: true, max: 3600 });
    const allowUnjudgedStages = parseBoolean(constants/* Inputs */.G0.AllowUnjudgedStages, input(constants/* Inputs */.G0.AllowUnjudgedStages));
    const restoreTimeoutSeconds = readRestoreTimeout(input);
    return {
        metricPeriodSeconds,
        metricLagSeconds,
        pollIntervalSeconds,
        baselineWindowSeconds,
        latencyWarmUpSeconds,
        allowUnjudgedStages,
        restoreTimeoutSeconds
    };
}
/** How long a restore keeps trying; the post step reads it too. Minutes, so a 5xx storm does not leave a bad version in service. */
function readRestoreTimeout(input) {
    const raw = input(constants/* Inputs */.G0.RestoreTimeout);
    const seconds = parseDuration(constants/* Inputs */.G0.RestoreTimeout, raw, { max: 3600 });
    if (seconds < 10) {
        throw new InputError(constants/* Inputs */.G0.RestoreTimeout, raw, 'use at least "10s", e.g. "5m"; a restore retried for less gives up during an ordinary 5xx burst');
    }
    return seconds;
}

;// CONCATENATED MODULE: ./src/inputs/index.ts
// The one place inputs are read: every input → one typed Settings (the run, one deployment spec per
// function, the secrets apart, where each value came from, and warnings for given inputs this run does not
// use), or an InputError naming the input, quoting the value and saying what is accepted (and where in the
// config file it is set). Nothing here talks to AWS or logs. Each concern's inputs are read in its own module.
















/**
 * The settings of this run. Every environment of the config file is read the same way (with the workflow's
 * inputs), so a bad value in one the run did not pick is refused too, with its place in the file.
 */
function readSettings(readInput, env = process.env, parseYaml = parseJsonOnly) {
    const config = readConfigFile(readInput, env, parseYaml);
    const environment = chosenEnvironment(readInput, config);
    const chosen = resolve(readInput, config, environment);
    const settings = located(() => readResolved(chosen, env, parseYaml), chosen, config);
    if (config)
        checkEveryEnvironment(readInput, config, environment, r => readResolved(r, env, parseYaml));
    return { ...settings, sources: sourcesOf(chosen) };
}
/**
 * Reads the inputs as each other environment of the file would give them. The defaults section alone (what a
 * run without environment takes) is read too, but there only a value the section sets can be at fault: a run
 * that always names its environment may leave function-name to the environments.
 */
function checkEveryEnvironment(readInput, config, chosen, read) {
    for (const name of Object.keys(config.environments)) {
        if (name === chosen)
            continue;
        const resolution = resolve(readInput, config, name);
        located(() => read(resolution), resolution, config, name);
    }
    if (chosen === undefined)
        return;
    const defaultsAlone = resolve(readInput, config);
    try {
        located(() => read(defaultsAlone), defaultsAlone, config);
    }
    catch (error) {
        if (!(error instanceof InputError) || defaultsAlone.origin(error.input).kind === 'config-file')
            throw error;
    }
}
/**
 * A config file is shared by every mode: its publish or version, meant for deploys, do not stop the rollback
 * button (given in the workflow they still do: mode rollback neither publishes nor takes a version).
 */
function releaseFromWorkflowOnly(r) {
    return name => (name === constants/* Inputs */.G0.Publish || name === constants/* Inputs */.G0.Version) && r.origin(name).kind === 'config-file' ? (DEFAULTS[name] ?? '') : r.input(name);
}
/** `r.input` already has the config file and the defaults applied. */
function readResolved(r, env, parseYaml) {
    const { input } = r;
    const mode = parseChoice(constants/* Inputs */.G0.Mode, input(constants/* Inputs */.G0.Mode), MODES);
    const { alias, region, deployments } = readFunctions(mode === 'rollback' ? releaseFromWorkflowOnly(r) : input, env, mode);
    const plan = readPlan(input);
    const gates = readGates(input, parseYaml);
    const alarms = readAlarms(input);
    const smoke = readSmoke(input, env, plan);
    const hooks = readHooks(input);
    const watch = readWatch(input);
    const onInsufficientData = readOnInsufficientData(input);
    const onSplitAlias = readOnSplitAlias(input);
    const provisionedConcurrencyWaitSeconds = readProvisionedConcurrencyWait(input);
    checkPlanFitsJob(input, plan, watch.metricLagSeconds + watch.metricPeriodSeconds);
    // Given but not used by this strategy or mode: still refused when bad.
    readUnusedStrategyInputs(input, r.given);
    if (mode !== 'rollback' && r.given(constants/* Inputs */.G0.RollbackTo))
        readRollbackToValue(input);
    const { notify, secrets } = readNotify(input);
    const run = {
        mode,
        alias,
        ...(region ? { region } : {}),
        plan,
        gates,
        alarms,
        ...(smoke ? { smoke } : {}),
        hooks,
        ...watch,
        onInsufficientData,
        onSplitAlias,
        ...(provisionedConcurrencyWaitSeconds !== undefined ? { provisionedConcurrencyWaitSeconds } : {}),
        notify
    };
    return { run, deployments, secrets, warnings: unusedWarnings(run, r) };
}

;// CONCATENATED MODULE: ./src/secrets.ts
// Secrets: every form in which the Slack webhook URL or the GitHub token could reach a log. The runner masks
// only the exact strings it is given, so each encoded form is registered too; forms are pure values here and
// masked by main.ts before anything else runs.

/** A derived form (a path segment, an encoding) shorter than this is not masked: it would blank out common text. */
const MIN_DERIVED_LENGTH = 8;
/** Percent-encodings in both cases: a server may echo either (`%2F` or `%2f`). */
function urlEncoded(value) {
    const upper = encodeURIComponent(value);
    return [upper, upper.replace(/%[0-9A-F]{2}/g, hex => hex.toLowerCase())];
}
/** JSON string escapes: JSON.stringify's own, and the `\/` many JSON encoders write for every slash. */
function jsonEscaped(value) {
    const escaped = JSON.stringify(value).slice(1, -1);
    return [escaped, escaped.replaceAll('/', '\\/')];
}
/** A value as it may be echoed back: raw, URL-encoded, JSON-escaped, and JSON-escaped inside URL-encoded. */
function encodedForms(value) {
    return [value, ...urlEncoded(value), ...jsonEscaped(value), ...jsonEscaped(value).flatMap(urlEncoded)];
}
/**
 * The secret parts of a webhook URL: the path and query (for Slack, `/services/T…/B…/secret`), the token after
 * the first path segment (`T…/B…/secret`), and each of its segments on its own. A value that is not a URL is
 * split into words, each masked whole and, when it holds a path, by its token parts.
 */
function webhookTokenParts(raw) {
    try {
        const url = new URL(raw);
        const query = url.search.slice(1);
        return [`${url.pathname}${url.search}`, ...tokenParts(url.pathname), ...(query ? [query] : []), ...(url.password ? [url.password] : [])];
    }
    catch {
        return raw.split(/\s+/).flatMap(word => (word.includes('/') ? [word, ...tokenParts(word)] : [word]));
    }
}
/** Slack's webhook paths are `/services/…`, `/triggers/…` or `/workflows/…`: the token is what follows. */
const TOKEN_AFTER = new Set(['services', 'triggers', 'workflows']);
function tokenParts(path) {
    const segments = path.split('/').filter(s => s !== '');
    const marker = segments.findIndex(s => TOKEN_AFTER.has(s));
    const token = segments.slice(marker >= 0 ? marker + 1 : 1);
    return token.length === 0 ? [] : [token.join('/'), ...token];
}
/** Every string to mask for the webhook URL: the URL and its token parts, each in all its encoded forms. */
function webhookMasks(raw) {
    const value = raw.trim();
    if (value === '')
        return [];
    const derived = [value, ...webhookTokenParts(value)].flatMap(encodedForms);
    return unique([value, ...derived.filter(form => form.length >= MIN_DERIVED_LENGTH)]);
}
/**
 * Every string to mask for the GitHub token: the token in its encoded forms, and the Base64 of the token and
 * of the `x-access-token:` basic credentials git and some clients send (an echoed Authorization header).
 */
function tokenMasks(raw) {
    const value = raw.trim();
    if (value === '')
        return [];
    const base64 = [value, `x-access-token:${value}`].map(v => Buffer.from(v, 'utf8').toString('base64'));
    const derived = [...encodedForms(value), ...base64];
    return unique([value, ...derived.filter(form => form.length >= MIN_DERIVED_LENGTH)]);
}
/** Longest first, so a log line is masked by the widest form that matches. */
function unique(forms) {
    return [...new Set(forms)].sort((a, b) => b.length - a.length);
}
const FORMS = {
    [constants/* Inputs */.G0.SlackWebhookUrl]: webhookMasks,
    [constants/* Inputs */.G0.GithubToken]: tokenMasks
};
/** Every string to mask, over every secret input, read with `read` (core.getInput in the step). */
function secretMasks(read) {
    return constants/* SECRET_INPUTS */.pH.flatMap(name => FORMS[name](read(name)));
}

;// CONCATENATED MODULE: ./src/main.ts
// The main step, as a composition root: read the settings, wire the adapters, release every function
// through the lockstep (one function is a lockstep of one), then report and publish once.













async function run(cancel) {
    // Secrets are masked first, in every form they could be echoed in, before anything can print them.
    for (const form of secretMasks(readInput))
        lib_core/* setSecret */.Pq(form);
    announceCancel(cancel);
    if (cancelledBeforeStart(cancel))
        return;
    const settings = await settingsOrPublishedError();
    if (!settings || cancelledBeforeStart(cancel))
        return;
    const { run, deployments, secrets } = settings;
    const aws = await (await Promise.all(/* import() */[__webpack_require__.e(564), __webpack_require__.e(507)]).then(__webpack_require__.bind(__webpack_require__, 507))).openAws(run, cancel);
    // No region or no credentials: the step fails before any AWS call, saying what sets them up.
    if (!aws.ok)
        return publishInputError(aws.problem);
    const deploymentId = `${process.env.GITHUB_RUN_ID ?? 'local'}-${process.env.GITHUB_RUN_ATTEMPT ?? '1'}-${(0,external_node_crypto_.randomUUID)().slice(0, 8)}`;
    const record = await githubDeployment(run, secrets, cancel);
    const slack = notifySlack(run, secrets, cancel);
    const owner = ownerFromEnv(process.env, deploymentId.slice(-8));
    const checkpoint = checkpointSaver();
    if (cancelledBeforeStart(cancel))
        return;
    // A stage cut short (a cancel, an error) leaves its log group open: it is closed however the release ends.
    const outcomes = await releaseAll(run, deployments, {
        signal: cancel.signal,
        portsOf: (spec, i) => ({
            ...aws.session.ports(spec.fn, run.alias),
            clock: systemClock,
            deploymentId,
            owner,
            emit: withSlack(eventLogger(run, deployments.length > 1 ? spec.fn.name : undefined), spec.fn.name, slack),
            checkpoint: checkpoint(i)
        }),
        onAllReady: async (ready) => {
            slack?.ready(ready);
            await record?.startRelease(ready, run.alias, deploymentId);
        }
    }).finally(closeLogGroup);
    const release = releaseReport(outcomes, run);
    // After a cancel the runner kills the step within seconds: the outputs and summary are written first.
    const publishFirst = cancel.signal.aborted;
    if (publishFirst)
        await publishRelease(release);
    await Promise.all([slack?.finish(release), record?.finish(!release.failed, release.whole.reason)]);
    if (!publishFirst)
        await publishRelease(release);
}
/** Bad input is published and ends the step (the secrets were masked before this). */
async function settingsOrPublishedError() {
    try {
        // The yaml library is loaded only when an input holds YAML (it would slow every start-up otherwise).
        const needsYaml = readInput(constants/* Inputs */.G0.MetricGates).trim() !== '' || readInput(constants/* Inputs */.G0.ConfigFile).trim() !== '';
        const yaml = needsYaml ? await __webpack_require__.e(/* import() */ 815).then(__webpack_require__.t.bind(__webpack_require__, 8815, 19)) : undefined;
        // Merge keys (`<<: *common`) let a config file's environments share a section.
        const parseYaml = yaml ? (text) => yaml.parse(text, { merge: true }) : undefined;
        return readSettingsInGroup(() => readSettings(readInput, process.env, parseYaml));
    }
    catch (error) {
        if (!(error instanceof InputError))
            throw error;
        await publishInputError(error.message);
        return undefined;
    }
}
/**
 * The runner sends SIGINT on cancel or timeout, SIGTERM 7.5 s later, then kills 2.5 s after that. The entry
 * point caught the signal from its first line; the bake stops at once and the window goes to restoring the alias.
 */
function announceCancel(cancel) {
    const announce = () => lib_core/* warning */.$e(`received ${cancel.received()[0] ?? 'a signal'}: stopping the deployment and restoring the alias`);
    if (cancel.signal.aborted)
        return;
    cancel.signal.addEventListener('abort', announce, { once: true });
}
/** A cancel before the deployment started: nothing was written and nothing will be; the step fails saying so. */
function cancelledBeforeStart(cancel) {
    if (!cancel.signal.aborted)
        return false;
    const reason = `the workflow was cancelled (received ${cancel.received()[0] ?? 'a signal'}) before the deployment started; nothing was changed`;
    lib_core/* setOutput */.uH(constants/* Outputs */.tY.Result, 'failed');
    lib_core/* setOutput */.uH(constants/* Outputs */.tY.Reason, reason);
    lib_core.setFailed(reason);
    return true;
}
/** Slack hears of the events slack-events names, in the background; a Slack problem warns and changes nothing. */
function notifySlack(run, secrets, cancel) {
    if (run.notify.slackProblem)
        lib_core/* warning */.$e(run.notify.slackProblem);
    return slackNotifier(run, secrets, cancel.signal, { info: m => lib_core/* info */.pq(logText(m)), warn: m => lib_core/* warning */.$e(logText(m)) });
}
/** Each event is logged, then handed to Slack (which only queues it: the rollout never waits for Slack). */
function withSlack(log, name, slack) {
    if (!slack)
        return log;
    return (event) => {
        log(event);
        slack.event(name, event);
    };
}
/**
 * A GitHub Deployment record when github-token and environment are given (a plan changes nothing, so it records
 * nothing); Octokit is loaded only then. environment alone only picks the config file's section: nothing to say.
 */
async function githubDeployment(run, secrets, cancel) {
    const { githubToken } = secrets;
    const { environment, deploymentProblem } = run.notify;
    if (deploymentProblem)
        lib_core/* warning */.$e(deploymentProblem);
    if (!githubToken || !environment || run.mode === 'plan')
        return undefined;
    const { GitHubDeployments } = await Promise.all(/* import() */[__webpack_require__.e(157), __webpack_require__.e(436)]).then(__webpack_require__.bind(__webpack_require__, 1436));
    return GitHubDeployments.from(githubToken, environment, process.env, runUrl(), message => lib_core/* warning */.$e(logText(message)), cancel.signal);
}


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


/***/ })

};
