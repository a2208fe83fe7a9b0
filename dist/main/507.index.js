export const id = 507;
export const ids = [507];
export const modules = {

/***/ 507:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  aliasPort: () => (/* binding */ aliasPort),
  openAws: () => (/* binding */ openAws)
});

// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-cloudwatch/dist-cjs/index.js
var dist_cjs = __webpack_require__(4085);
// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-lambda/dist-cjs/index.js
var client_lambda_dist_cjs = __webpack_require__(1696);
// EXTERNAL MODULE: ./node_modules/@smithy/node-http-handler/dist-cjs/index.js
var node_http_handler_dist_cjs = __webpack_require__(1279);
// EXTERNAL MODULE: ./src/constants.ts
var constants = __webpack_require__(7242);
;// CONCATENATED MODULE: ./src/adapters/aws-clients.ts
// The SDK clients, built the same way for every service: the action's user agent, adaptive retries, bounded
// connections and requests, and the region when one is given. The SDK itself reads AWS_ENDPOINT_URL (the
// simulator, LocalStack) and credentials.




/**
 * Every attempt is bounded: a TCP/TLS connection that is not up within connectionTimeout, or a request not
 * answered within requestTimeout, fails as a TimeoutError that the SDK retries. (Without throwOnRequestTimeout
 * the SDK only logs a warning and waits forever.) A whole call, retries included, is bounded by CallDeadlines.
 */
const HTTP_TIMEOUTS = { connectionTimeout: 5_000, requestTimeout: 15_000, throwOnRequestTimeout: true };
function clientConfig(region) {
    return {
        ...(region ? { region } : {}),
        customUserAgent: [constants/* USER_AGENT */._O],
        requestHandler: new node_http_handler_dist_cjs.NodeHttpHandler({ ...HTTP_TIMEOUTS }),
        // Throttling and 5xx: the SDK's adaptive retry first; the rollout adds bounded retries on decisive writes.
        retryMode: 'adaptive',
        maxAttempts: 5
    };
}
function createLambdaClient(region) {
    return new client_lambda_dist_cjs/* LambdaClient */.Nox(clientConfig(region));
}
function createCloudWatchClient(region) {
    return new dist_cjs/* CloudWatchClient */.WBn(clientConfig(region));
}

// EXTERNAL MODULE: ./src/ports.ts
var ports = __webpack_require__(6467);
;// CONCATENATED MODULE: ./src/adapters/deadlines.ts
// Every AWS call is bounded and cancellable. A call is sent with a signal that ends it at its deadline or
// at the runner's cancel; which of the two ended it decides what the caller sees:
// - a cancel ends a read at once (an AbortError: the rollout stops and restores the alias);
// - a write in flight when the cancel comes may still answer for a short grace: its answer says where
//   the alias is, and an UpdateAlias cut off after it was applied would leave the alias's state unknown;
// - a call started after the cancel (the restore, and what it reads) gets a fresh short deadline of its own,
//   never the aborted signal, and every call ends inside the runner's window before it kills the step;
// - a deadline becomes CallTimeoutError, a TransientError: the guarded write retries it and, if the write
//   had been applied, recognises it behind the RevisionId conflict.

/** The runner's window: SIGINT → 7.5 s → SIGTERM → 2.5 s → SIGKILL; calls end at 9 s, leaving time to report. */
const STEP_LIMITS = { callMs: 60_000, afterCancelMs: 4_000, windowMs: 9_000, writeGraceMs: 2_000 };
/** No cancel: the tests and tools that build adapters without a runner. */
const NEVER_CANCELLED = { signal: new AbortController().signal, cancelledAt: () => undefined };
/** A call that did not answer within its deadline; for a write, whether it was applied is unknown. */
class CallTimeoutError extends ports/* TransientError */.N_ {
    constructor(what, kind, ms) {
        const within = ms < 1000 ? `${ms}ms` : `${Math.round(ms / 100) / 10}s`;
        super(`${what} did not answer within ${within}${kind === 'write' ? ' (whether it was applied is unknown)' : ''}`);
        this.name = 'CallTimeoutError';
    }
}
class CallDeadlines {
    cancel;
    limits;
    now;
    constructor(cancel = NEVER_CANCELLED, limits = STEP_LIMITS, now = Date.now) {
        this.cancel = cancel;
        this.limits = limits;
        this.now = now;
    }
    /**
     * Runs `send` with the signal a call of this kind gets. `ms` replaces the call's own deadline (an invoke
     * bounded by hook-timeout); a deadline that ends the call becomes CallTimeoutError, a cancel stays an AbortError.
     */
    async call(what, kind, send, ms = this.limits.callMs) {
        const deadline = this.deadline(kind, ms);
        try {
            return await send(deadline.signal);
        }
        catch (error) {
            const expired = deadline.expiredAfter();
            if (expired !== undefined)
                throw new CallTimeoutError(what, kind, expired);
            throw error;
        }
        finally {
            deadline.dispose();
        }
    }
    /** The signal for a call starting now (exposed for the tests). */
    deadline(kind, ms) {
        const controller = new AbortController();
        const started = this.now();
        let expired;
        let timer;
        const expireIn = (after) => {
            if (timer)
                clearTimeout(timer);
            const wait = Math.max(0, after);
            timer = setTimeout(() => {
                expired = this.now() - started;
                controller.abort();
            }, wait);
        };
        const cancelledAt = this.cancel.cancelledAt();
        const windowLeft = (at) => at + this.limits.windowMs - this.now();
        if (cancelledAt !== undefined) {
            // After the cancel: a fresh short deadline, inside the window.
            expireIn(Math.min(ms, this.limits.afterCancelMs, windowLeft(cancelledAt)));
            return { signal: controller.signal, expiredAfter: () => expired, dispose: () => clearTimeout(timer) };
        }
        expireIn(ms);
        const onCancel = () => {
            const at = this.cancel.cancelledAt() ?? this.now();
            if (kind === 'read')
                controller.abort(this.cancel.signal.reason);
            else
                expireIn(Math.min(ms - (this.now() - started), this.limits.writeGraceMs, windowLeft(at)));
        };
        this.cancel.signal.addEventListener('abort', onCancel, { once: true });
        return {
            signal: controller.signal,
            expiredAfter: () => expired,
            dispose: () => {
                clearTimeout(timer);
                this.cancel.signal.removeEventListener('abort', onCancel);
            }
        };
    }
}

;// CONCATENATED MODULE: ./src/adapters/aws-cloudwatch-api.ts
// CloudWatchApi over the SDK's CloudWatchClient: one command per operation, each sent with its deadline and
// the runner's cancel (see deadlines.ts).


function sdkCloudWatchApi(client, deadlines = new CallDeadlines()) {
    return {
        getMetricData: input => deadlines.call('GetMetricData', 'read', abortSignal => client.send(new dist_cjs/* GetMetricDataCommand */.Soe(input), { abortSignal })),
        describeAlarms: input => deadlines.call('DescribeAlarms', 'read', abortSignal => client.send(new dist_cjs/* DescribeAlarmsCommand */.zWD(input), { abortSignal }))
    };
}

// EXTERNAL MODULE: ./src/adapters/aws-errors.ts
var aws_errors = __webpack_require__(133);
// EXTERNAL MODULE: ./src/adapters/signals.ts
var signals = __webpack_require__(3113);
;// CONCATENATED MODULE: ./src/adapters/aws-lambda-api.ts
// LambdaApi over the SDK's LambdaClient: one command per operation and the SDK's own waiters, each sent with
// its deadline and the runner's cancel (see deadlines.ts). Alias and version writes are writes; the rest reads.



function sdkLambdaApi(client, deadlines = new CallDeadlines()) {
    const call = deadlines.call.bind(deadlines);
    return {
        getAlias: input => call('GetAlias', 'read', abortSignal => client.send(new client_lambda_dist_cjs/* GetAliasCommand */.MES(input), { abortSignal })),
        updateAlias: input => call('UpdateAlias', 'write', abortSignal => client.send(new client_lambda_dist_cjs/* UpdateAliasCommand */.lqC(input), { abortSignal })),
        getFunctionConfiguration: input => call('GetFunctionConfiguration', 'read', abortSignal => client.send(new client_lambda_dist_cjs/* GetFunctionConfigurationCommand */.qA6(input), { abortSignal })),
        getProvisionedConcurrencyConfig: input => call('GetProvisionedConcurrencyConfig', 'read', abortSignal => client.send(new client_lambda_dist_cjs/* GetProvisionedConcurrencyConfigCommand */.D96(input), { abortSignal })),
        publishVersion: input => call('PublishVersion', 'write', abortSignal => client.send(new client_lambda_dist_cjs/* PublishVersionCommand */.D3m(input), { abortSignal })),
        // The probe's own signal bounds an invoke (hook-timeout can be minutes): no per-attempt requestTimeout,
        // no call deadline of ours; the runner's cancel still ends it.
        invoke: (input, probeSignal) => call('Invoke', 'read', abortSignal => client.send(new client_lambda_dist_cjs/* InvokeCommand */.mdN(input), { abortSignal: (0,signals/* anySignal */.J)([abortSignal, probeSignal]), requestTimeout: 0 }), UNBOUNDED_MS),
        waitForFunctionUpdated: (input, maxWaitSeconds) => call('GetFunction (waiting for $LATEST to be updated)', 'read', abortSignal => untilRefused(client, abortSignal, maxWaitSeconds, (c, signal) => (0,client_lambda_dist_cjs/* waitUntilFunctionUpdatedV2 */.rWV)({ client: c, maxWaitTime: maxWaitSeconds, abortSignal: signal }, input)), waiterMs(maxWaitSeconds)),
        waitForPublishedVersionActive: (input, maxWaitSeconds) => call('GetFunctionConfiguration (waiting for the version to be active)', 'read', abortSignal => untilRefused(client, abortSignal, maxWaitSeconds, (c, signal) => (0,client_lambda_dist_cjs/* waitUntilPublishedVersionActive */.S6K)({ client: c, maxWaitTime: maxWaitSeconds, abortSignal: signal }, input)), waiterMs(maxWaitSeconds))
    };
}
/**
 * The SDK's waiters retry every error until their maxWaitTime: a role without lambda:GetFunction, or expired
 * credentials, would wait minutes for an answer that cannot change. A definite refusal (a 4xx other than 404,
 * 408, 409 and 429 — a version just published may not be found for a moment) ends the wait with that error.
 * The waiter's own requests carry the cancel (it passes none to them), and its timeout is said in words.
 */
async function untilRefused(client, abortSignal, maxWaitSeconds, wait) {
    const stop = new AbortController();
    const signal = (0,signals/* anySignal */.J)([abortSignal, stop.signal]);
    let refused;
    let last;
    const watched = new Proxy(client, {
        get(target, key, receiver) {
            if (key !== 'send')
                return Reflect.get(target, key, receiver);
            return async (command, options) => {
                try {
                    return await target.send(command, { ...options, abortSignal: signal });
                }
                catch (error) {
                    last = error;
                    if (isRefusal(error)) {
                        refused ??= error;
                        stop.abort();
                    }
                    throw error;
                }
            };
        }
    });
    try {
        await wait(watched, signal);
    }
    catch (error) {
        if (refused !== undefined)
            throw refused;
        if (error?.name !== 'TimeoutError' || abortSignal.aborted)
            throw error;
        const answer = last instanceof Error ? `; the last answer was an error: ${last.name}: ${last.message}` : '';
        throw new Error(`the wait gave up after ${maxWaitSeconds}s without the state it waits for${answer}`);
    }
    if (refused !== undefined)
        throw refused;
}
function isRefusal(error) {
    const status = error?.$metadata?.httpStatusCode;
    return typeof status === 'number' && status >= 400 && status < 500 && ![404, 408, 409, 429].includes(status);
}
/** Node's longest timer (about 24.8 days): "no deadline of ours". */
const UNBOUNDED_MS = 2 ** 31 - 1;
/** A waiter gives up by itself at maxWaitTime; its last poll may still be under way then. */
function waiterMs(maxWaitSeconds) {
    return (maxWaitSeconds + 30) * 1000;
}

;// CONCATENATED MODULE: ./src/adapters/cloudwatch.ts

const STATISTIC = {
    p50: 'p50',
    p90: 'p90',
    p95: 'p95',
    p99: 'p99',
    'p99.9': 'p99.9',
    avg: 'Average',
    max: 'Maximum'
};
/** The metric queries of one poll over the whole window. Ids are stable so results can be read back by name. */
function buildQueries(functionName, alias, q) {
    const [counts, rest] = [periodQueries(functionName, alias, q), windowQueries(functionName, alias, q)];
    // The order of a single read: the four counts, the window's latency, per-period latency, throttles, metric gates.
    return [...counts.slice(0, 4), ...rest.slice(0, 2), ...counts.slice(4), ...rest.slice(2)];
}
function perVersionQuery(functionName, alias) {
    const resource = { Name: 'Resource', Value: `${functionName}:${alias}` };
    const fn = { Name: 'FunctionName', Value: functionName };
    return (id, version, metric, stat, period) => ({
        Id: id,
        MetricStat: {
            // Lambda publishes per-version metrics for invocations through a weighted alias under exactly these dimensions.
            Metric: { Namespace: 'AWS/Lambda', MetricName: metric, Dimensions: [fn, resource, { Name: 'ExecutedVersion', Value: version }] },
            Period: period,
            Stat: stat
        },
        ReturnData: true
    });
}
/** The queries with one datapoint per metric period: counts, per-period latency, throttles (what an incremental read re-reads). */
function periodQueries(functionName, alias, q) {
    const perVersion = perVersionQuery(functionName, alias);
    return [
        perVersion('newInvocations', q.newVersion, 'Invocations', 'Sum', q.periodSeconds),
        perVersion('newErrors', q.newVersion, 'Errors', 'Sum', q.periodSeconds),
        perVersion('oldInvocations', q.oldVersion, 'Invocations', 'Sum', q.periodSeconds),
        perVersion('oldErrors', q.oldVersion, 'Errors', 'Sum', q.periodSeconds),
        ...latencyQueries(q, perVersion),
        {
            Id: 'throttles',
            MetricStat: {
                Metric: {
                    Namespace: 'AWS/Lambda',
                    MetricName: 'Throttles',
                    Dimensions: [
                        { Name: 'FunctionName', Value: functionName },
                        { Name: 'Resource', Value: `${functionName}:${alias}` }
                    ]
                },
                Period: q.periodSeconds,
                Stat: 'Sum'
            },
            ReturnData: true
        }
    ];
}
/**
 * The queries with one period spanning the whole window (one datapoint each, whatever its length): each
 * version's latency statistic (CloudWatch computes the percentile over all of it, instead of us averaging
 * per-minute percentiles, which is meaningless) and the metric gates. These cannot be merged from per-period
 * data, so every poll reads them over the whole window.
 */
function windowQueries(functionName, alias, q) {
    const perVersion = perVersionQuery(functionName, alias);
    const windowSeconds = Math.round((q.end - q.start) / 1000);
    return [
        perVersion('newLatency', q.newVersion, 'Duration', STATISTIC[q.latencyStatistic], windowSeconds),
        perVersion('oldLatency', q.oldVersion, 'Duration', STATISTIC[q.latencyStatistic], windowSeconds),
        // Extra metric gates, each as one value over the whole window.
        ...q.metricGates.map((g, i) => ({
            Id: `gate${i}`,
            Label: g.name,
            MetricStat: {
                Metric: {
                    Namespace: g.namespace,
                    MetricName: g.metric,
                    Dimensions: Object.entries(g.dimensions).map(([Name, Value]) => ({ Name, Value }))
                },
                Period: windowSeconds,
                Stat: g.statistic
            },
            ReturnData: true
        }))
    ];
}
/**
 * Per-period latency, additive across periods: Duration's percentile rank PR(:T) (the percent of invocations
 * at most T ms) for the latency-increase threshold (both versions) and max-latency (the new version), and the
 * statistic itself per period (avg/max gates, and the comparison without a baseline).
 */
function latencyQueries(q, perVersion) {
    const { increaseMs, maxMs } = q.latencyThresholds ?? {};
    const stat = STATISTIC[q.latencyStatistic];
    return [
        perVersion('newLatencyPeriod', q.newVersion, 'Duration', stat, q.periodSeconds),
        perVersion('oldLatencyPeriod', q.oldVersion, 'Duration', stat, q.periodSeconds),
        ...(increaseMs !== undefined
            ? [
                perVersion('newRankIncrease', q.newVersion, 'Duration', percentileRank(increaseMs), q.periodSeconds),
                perVersion('oldRankIncrease', q.oldVersion, 'Duration', percentileRank(increaseMs), q.periodSeconds)
            ]
            : []),
        ...(maxMs !== undefined ? [perVersion('newRankMax', q.newVersion, 'Duration', percentileRank(maxMs), q.periodSeconds)] : [])
    ];
}
/** CloudWatch's percentile-rank statistic: the percent of datapoints ≤ T. */
function percentileRank(thresholdMs) {
    return `PR(:${Math.round(thresholdMs * 1000) / 1000})`;
}
/** The baseline's queries: the old version's per-period Invocations and Errors and its statistic over the whole window. */
function baselineQueries(functionName, alias, q) {
    const windowSeconds = Math.round((q.end - q.start) / 1000);
    const dims = [
        { Name: 'FunctionName', Value: functionName },
        { Name: 'Resource', Value: `${functionName}:${alias}` },
        { Name: 'ExecutedVersion', Value: q.version }
    ];
    const query = (id, metric, stat, period) => ({
        Id: id,
        MetricStat: { Metric: { Namespace: 'AWS/Lambda', MetricName: metric, Dimensions: dims }, Period: period, Stat: stat },
        ReturnData: true
    });
    return [
        query('invocations', 'Invocations', 'Sum', q.periodSeconds),
        query('errors', 'Errors', 'Sum', q.periodSeconds),
        query('latency', 'Duration', STATISTIC[q.latencyStatistic], windowSeconds)
    ];
}
class CloudWatchMetrics {
    api;
    functionName;
    alias;
    scope;
    constructor(api, functionName, alias, scope = new aws_errors/* AwsScope */.eJ()) {
        this.api = api;
        this.functionName = functionName;
        this.alias = alias;
        this.scope = scope;
    }
    /**
     * One call over the whole window; with `from` after its start, two: the per-period series of the periods
     * from `from` on (the only ones that may still change), and the whole-window statistics (one datapoint each).
     * Either way as many metrics are requested as by one whole-window read.
     */
    async read(q) {
        const from = q.from ?? q.start;
        if (from <= q.start)
            return toSample(await this.getMetricData(buildQueries(this.functionName, this.alias, q), q.start, q.end), q);
        const periods = await this.getMetricData(periodQueries(this.functionName, this.alias, q), from, q.end);
        const window = await this.getMetricData(windowQueries(this.functionName, this.alias, q), q.start, q.end);
        return toSample(new Map([...periods, ...window]), q);
    }
    async baseline(q) {
        const results = await this.getMetricData(baselineQueries(this.functionName, this.alias, q), q.start, q.end);
        const byTime = new Map();
        for (const [id, key] of [
            ['invocations', 'invocations'],
            ['errors', 'errors']
        ]) {
            const r = results.get(id);
            r?.timestamps.forEach((t, i) => {
                const p = byTime.get(t) ?? { time: t, invocations: 0, errors: 0 };
                p[key] += r.values[i];
                byTime.set(t, p);
            });
        }
        const periods = [...byTime.values()].sort((a, b) => a.time - b.time).map(p => ({ ...p, errors: Math.min(p.errors, p.invocations) }));
        const invocations = periods.reduce((s, p) => s + p.invocations, 0);
        return {
            version: q.version,
            windowStart: q.start,
            windowEnd: q.end,
            periodSeconds: q.periodSeconds,
            periods,
            invocations,
            errors: periods.reduce((s, p) => s + p.errors, 0),
            latencyMs: invocations > 0 ? results.get('latency')?.values[0] : undefined,
            latencyStatistic: q.latencyStatistic
        };
    }
    /** One GetMetricData request (and its pages). */
    async getMetricData(queries, start, end) {
        const results = new Map();
        let nextToken;
        try {
            do {
                const out = await this.api.getMetricData({
                    MetricDataQueries: queries,
                    StartTime: new Date(start),
                    EndTime: new Date(end),
                    ScanBy: 'TimestampAscending',
                    ...(nextToken ? { NextToken: nextToken } : {})
                });
                for (const r of out.MetricDataResults ?? [])
                    collect(results, r);
                nextToken = out.NextToken;
            } while (nextToken);
        }
        catch (error) {
            throw (0,aws_errors/* translateAwsError */.q4)(error, `the metrics of "${this.functionName}:${this.alias}"`, {
                action: 'cloudwatch:GetMetricData',
                scope: this.scope
            });
        }
        return results;
    }
    async alarms(names) {
        const states = [];
        try {
            for (let i = 0; i < names.length; i += 100) {
                const out = await this.api.describeAlarms({
                    AlarmNames: names.slice(i, i + 100),
                    AlarmTypes: ['MetricAlarm', 'CompositeAlarm']
                });
                for (const a of [...(out.MetricAlarms ?? []), ...(out.CompositeAlarms ?? [])]) {
                    if (!a.AlarmName)
                        continue;
                    states.push({
                        name: a.AlarmName,
                        state: (a.StateValue ?? 'INSUFFICIENT_DATA'),
                        ...(a.StateReason ? { reason: a.StateReason } : {})
                    });
                }
            }
        }
        catch (error) {
            throw (0,aws_errors/* translateAwsError */.q4)(error, 'the alarms', { action: 'cloudwatch:DescribeAlarms', scope: this.scope });
        }
        return states;
    }
}
function collect(results, r) {
    if (!r.Id)
        return;
    const entry = results.get(r.Id) ?? { timestamps: [], values: [] };
    for (const [i, t] of (r.Timestamps ?? []).entries()) {
        const v = r.Values?.[i];
        if (v === undefined || !Number.isFinite(v))
            continue;
        entry.timestamps.push(t.getTime());
        entry.values.push(v);
    }
    results.set(r.Id, entry);
}
/**
 * Per-period latency onto the period points: slow counts = invocations × (1 − PR/100), rounded (a period's
 * PR datapoint can land before or after its Invocations; a missing one leaves the count undefined).
 */
function addLatency(results, byTime) {
    const at = (id) => new Map((results.get(id)?.timestamps ?? []).map((t, i) => [t, results.get(id)?.values[i]]));
    const ranks = { newSlow: at('newRankIncrease'), oldSlow: at('oldRankIncrease'), newOverMax: at('newRankMax') };
    const stats = { newLatencyMs: at('newLatencyPeriod'), oldLatencyMs: at('oldLatencyPeriod') };
    for (const p of byTime.values()) {
        for (const [key, series] of Object.entries(ranks)) {
            const rank = series.get(p.time);
            const n = key === 'oldSlow' ? p.oldInvocations : p.newInvocations;
            if (rank !== undefined && n > 0)
                p[key] = Math.min(n, Math.max(0, Math.round(n * (1 - rank / 100))));
        }
        for (const [key, series] of Object.entries(stats)) {
            const v = series.get(p.time);
            if (v !== undefined)
                p[key] = v;
        }
    }
}
/** Missing datapoints are zero: Lambda publishes nothing for a minute without invocations. */
function toSample(results, q) {
    const sum = (id) => (results.get(id)?.values ?? []).reduce((a, b) => a + b, 0);
    const first = (id) => results.get(id)?.values[0];
    const byTime = new Map();
    const point = (t) => {
        let p = byTime.get(t);
        if (!p) {
            p = { time: t, newInvocations: 0, newErrors: 0, oldInvocations: 0, oldErrors: 0 };
            byTime.set(t, p);
        }
        return p;
    };
    for (const key of ['newInvocations', 'newErrors', 'oldInvocations', 'oldErrors']) {
        const r = results.get(key);
        r?.timestamps.forEach((t, i) => {
            point(t)[key] += r.values[i];
        });
    }
    results.get('throttles')?.timestamps.forEach((t, i) => {
        const p = point(t);
        p.throttles = (p.throttles ?? 0) + results.get('throttles')?.values[i];
    });
    // Sums and counts of a metric without datapoints are zero; any other statistic is "no data".
    const metricGates = {};
    q.metricGates.forEach((g, i) => {
        const values = results.get(`gate${i}`)?.values ?? [];
        const additive = g.statistic === 'Sum' || g.statistic === 'SampleCount';
        metricGates[g.name] = values.length > 0 ? (additive ? values.reduce((a, b) => a + b, 0) : values[0]) : additive ? 0 : undefined;
    });
    // Each datapoint lands on its own schedule, so a minute's Errors can arrive before its Invocations:
    // never count more errors than invocations in a period (that would read as a 200% error rate).
    // Lambda publishes Errors (0 included) for every period with invocations: a missing one has not landed yet.
    const oldErrorTimes = new Set(results.get('oldErrors')?.timestamps ?? []);
    const newErrorTimes = new Set(results.get('newErrors')?.timestamps ?? []);
    for (const p of byTime.values()) {
        p.newErrors = Math.min(p.newErrors, p.newInvocations);
        p.oldErrors = Math.min(p.oldErrors, p.oldInvocations);
        if (p.oldInvocations > 0 && !oldErrorTimes.has(p.time))
            p.oldErrorsPending = true;
        if (p.newInvocations > 0 && !newErrorTimes.has(p.time))
            p.newErrorsPending = true;
    }
    addLatency(results, byTime);
    const total = (key) => [...byTime.values()].reduce((a, p) => a + p[key], 0);
    const newInvocations = total('newInvocations');
    const oldInvocations = total('oldInvocations');
    // A read of part of the window cannot tell whether the window had invocations: its statistic is given as read.
    const partial = q.from !== undefined && q.from > q.start;
    return {
        windowStart: q.start,
        windowEnd: q.end,
        newVersion: {
            invocations: newInvocations,
            errors: total('newErrors'),
            latencyMs: newInvocations > 0 || partial ? first('newLatency') : undefined
        },
        oldVersion: {
            invocations: oldInvocations,
            errors: total('oldErrors'),
            latencyMs: oldInvocations > 0 || partial ? first('oldLatency') : undefined
        },
        throttles: sum('throttles'),
        periods: [...byTime.values()].sort((a, b) => a.time - b.time),
        ...(q.metricGates.length > 0 ? { metricGates } : {})
    };
}

;// CONCATENATED MODULE: ./src/adapters/lambda.ts


/** Waiters give up after this long; a version that is not Active by then is a failed preflight. */
const WAIT_SECONDS = 300;
class LambdaAlias {
    api;
    functionId;
    alias;
    scope;
    constructor(api, functionId, alias, scope = new aws_errors/* AwsScope */.eJ()) {
        this.api = api;
        this.functionId = functionId;
        this.alias = alias;
        this.scope = scope;
    }
    async read() {
        try {
            const out = await this.api.getAlias({ FunctionName: this.functionId, Name: this.alias });
            this.scope.learn(out.AliasArn);
            return toAliasState(out);
        }
        catch (error) {
            throw (0,aws_errors/* translateAwsError */.q4)(error, `alias "${this.alias}" of "${this.functionId}"`, { action: 'lambda:GetAlias', scope: this.scope });
        }
    }
    async write(target, revisionId) {
        try {
            const out = await this.api.updateAlias({
                FunctionName: this.functionId,
                Name: this.alias,
                FunctionVersion: target.version,
                // An empty map clears routing; Lambda keeps the old routing when RoutingConfig is omitted.
                RoutingConfig: { AdditionalVersionWeights: target.weights },
                ...(target.description !== undefined ? { Description: target.description } : {}),
                RevisionId: revisionId
            });
            return toAliasState(out);
        }
        catch (error) {
            throw (0,aws_errors/* translateAwsError */.q4)(error, `alias "${this.alias}" of "${this.functionId}"`, { action: 'lambda:UpdateAlias', scope: this.scope });
        }
    }
}
class LambdaFunction {
    api;
    functionId;
    scope;
    constructor(api, functionId, scope = new aws_errors/* AwsScope */.eJ()) {
        this.api = api;
        this.functionId = functionId;
        this.scope = scope;
    }
    location() {
        return this.scope.location();
    }
    async configuration(qualifier) {
        try {
            const out = await this.api.getFunctionConfiguration({ FunctionName: this.functionId, Qualifier: qualifier });
            this.scope.learn(out.FunctionArn);
            return toFunctionConfig(out);
        }
        catch (error) {
            const translated = (0,aws_errors/* translateAwsError */.q4)(error, `version ${qualifier} of "${this.functionId}"`, this.call('lambda:GetFunctionConfiguration'));
            if (translated instanceof ports/* NotFoundError */.m_)
                return undefined;
            throw translated;
        }
    }
    call(action) {
        return { action, scope: this.scope };
    }
    async provisionedConcurrency(qualifier) {
        try {
            const out = await this.api.getProvisionedConcurrencyConfig({ FunctionName: this.functionId, Qualifier: qualifier });
            return {
                requested: out.RequestedProvisionedConcurrentExecutions ?? 0,
                allocated: out.AllocatedProvisionedConcurrentExecutions ?? 0,
                status: out.Status ?? 'UNKNOWN',
                ...(out.StatusReason ? { statusReason: out.StatusReason } : {})
            };
        }
        catch (error) {
            // ProvisionedConcurrencyConfigNotFoundException (404): nothing is provisioned on this qualifier.
            if ((0,aws_errors/* errorName */.Is)(error) === 'ProvisionedConcurrencyConfigNotFoundException')
                return undefined;
            throw (0,aws_errors/* translateAwsError */.q4)(error, `provisioned concurrency of ${this.functionId}:${qualifier}`, this.call('lambda:GetProvisionedConcurrencyConfig'));
        }
    }
    async publish(codeSha256, description) {
        // The IAM action of the step under way, for the words of a refusal.
        let action = 'lambda:GetFunction';
        try {
            await this.api.waitForFunctionUpdated({ FunctionName: this.functionId }, WAIT_SECONDS);
            action = 'lambda:PublishVersion';
            // CodeSha256 guards the publish: if $LATEST changed since preflight, Lambda refuses it.
            const published = await this.api.publishVersion({ FunctionName: this.functionId, CodeSha256: codeSha256, Description: description });
            const version = published.Version;
            if (!version)
                throw new Error('PublishVersion returned no version number');
            action = 'lambda:GetFunctionConfiguration';
            await this.api.waitForPublishedVersionActive({ FunctionName: this.functionId, Qualifier: version }, WAIT_SECONDS);
            return version;
        }
        catch (error) {
            // Lambda answers a CodeSha256 mismatch with InvalidParameterValueException ("CodeSHA256 … is different from current").
            if ((0,aws_errors/* errorName */.Is)(error) === 'InvalidParameterValueException' && /CodeSHA256/i.test(error.message)) {
                throw new Error(`$LATEST of "${this.functionId}" changed while publishing (its CodeSha256 is no longer ${codeSha256}); nothing was released`);
            }
            throw (0,aws_errors/* translateAwsError */.q4)(error, `"${this.functionId}"`, this.call(action));
        }
    }
}
class LambdaProbe {
    api;
    scope;
    constructor(api, scope = new aws_errors/* AwsScope */.eJ()) {
        this.api = api;
        this.scope = scope;
    }
    async invoke(functionId, qualifier, payload, timeoutMs) {
        const timeout = AbortSignal.timeout(timeoutMs);
        try {
            const out = await this.api.invoke({
                FunctionName: functionId,
                ...(qualifier ? { Qualifier: qualifier } : {}),
                InvocationType: 'RequestResponse',
                Payload: new TextEncoder().encode(payload)
            }, timeout);
            return {
                statusCode: out.StatusCode ?? 0,
                ...(out.FunctionError ? { functionError: out.FunctionError } : {}),
                payload: out.Payload ? new TextDecoder().decode(out.Payload) : '',
                ...(out.ExecutedVersion ? { executedVersion: out.ExecutedVersion } : {})
            };
        }
        catch (error) {
            // The runner's cancel also aborts an invoke: that stays an AbortError (the rollout stops), not a failed probe.
            if (error instanceof Error && error.name === 'AbortError' && !timeout.aborted)
                throw error;
            if (error instanceof Error && (error.name === 'AbortError' || error.name === 'TimeoutError')) {
                throw new Error(`${functionId}${qualifier ? `:${qualifier}` : ''} did not answer within ${Math.round(timeoutMs / 1000)}s`);
            }
            throw (0,aws_errors/* translateAwsError */.q4)(error, `invoke of ${functionId}${qualifier ? `:${qualifier}` : ''}`, {
                action: 'lambda:InvokeFunction',
                scope: this.scope
            });
        }
    }
}
function toAliasState(out) {
    if (!out.AliasArn || !out.FunctionVersion || !out.RevisionId)
        throw new Error('Lambda returned an alias without AliasArn, FunctionVersion or RevisionId');
    return {
        arn: out.AliasArn,
        version: out.FunctionVersion,
        weights: { ...(out.RoutingConfig?.AdditionalVersionWeights ?? {}) },
        revisionId: out.RevisionId,
        ...(out.Description ? { description: out.Description } : {})
    };
}
function toFunctionConfig(out) {
    const config = { version: out.Version ?? '' };
    if (out.State)
        config.state = out.State;
    if (out.StateReason)
        config.stateReason = out.StateReason;
    if (out.LastUpdateStatus)
        config.lastUpdateStatus = out.LastUpdateStatus;
    if (out.LastUpdateStatusReason)
        config.lastUpdateStatusReason = out.LastUpdateStatusReason;
    if (out.Role)
        config.role = out.Role;
    if (out.DeadLetterConfig?.TargetArn)
        config.deadLetterTargetArn = out.DeadLetterConfig.TargetArn;
    if (out.CodeSha256)
        config.codeSha256 = out.CodeSha256;
    return config;
}

;// CONCATENATED MODULE: ./src/adapters/aws.ts







/**
 * The set-up every call needs, checked before the first: a region (the run's; else what the SDK finds in a
 * profile) and credentials (resolved once; the client keeps them, and refreshes them, for every call). A problem
 * comes back in words that say what to do, and nothing has been called.
 */
async function openAws(run, cancel, env = process.env) {
    const lambda = createLambdaClient(run.region);
    let region;
    try {
        region = await lambda.config.region();
    }
    catch (error) {
        if ((0,aws_errors/* isMissingRegion */.bk)(error))
            return { ok: false, problem: (0,aws_errors/* noRegion */.C5)() };
        throw error;
    }
    const refused = await credentialsRefused(lambda);
    if (refused)
        return { ok: false, problem: refused };
    const cloudWatch = createCloudWatchClient(region);
    const policy = (0,aws_errors/* policyPointer */.EH)(run.mode, env);
    const session = {
        region,
        ports: (fn, alias) => {
            const scope = new aws_errors/* AwsScope */.eJ(policy, region, accountOf(fn.id));
            const deadlines = new CallDeadlines(cancel);
            const api = sdkLambdaApi(lambda, deadlines);
            return {
                alias: new LambdaAlias(api, fn.id, alias, scope),
                fn: new LambdaFunction(api, fn.id, scope),
                probe: new LambdaProbe(api, scope),
                metrics: new CloudWatchMetrics(sdkCloudWatchApi(cloudWatch, deadlines), fn.name, alias, scope)
            };
        }
    };
    return { ok: true, session };
}
/** Credentials from the SDK's default chain (configure-aws-credentials' environment, a profile, a container or instance role). */
async function credentialsRefused(client) {
    try {
        await client.config.credentials();
        return undefined;
    }
    catch (error) {
        return (0,aws_errors/* credentialsNotLoaded */.XE)(error);
    }
}
/** The account in function-name, when it is a full ("arn:aws:lambda:…") or partial ("123456789012:function:…") ARN. */
function accountOf(functionId) {
    return (0,aws_errors/* accountIn */.l1)(functionId) ?? /^(\d{12}):function:/.exec(functionId)?.[1];
}
/** The post step's alias port: it only restores, so a refusal points at the deploy policy (the post step's calls are in it). */
function aliasPort(functionId, alias, region, cancel) {
    const scope = new aws_errors/* AwsScope */.eJ((0,aws_errors/* policyPointer */.EH)('deploy', process.env), region, accountOf(functionId));
    return new LambdaAlias(sdkLambdaApi(createLambdaClient(region), new CallDeadlines(cancel)), functionId, alias, scope);
}


/***/ })

};
