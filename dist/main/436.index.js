export const id = 436;
export const ids = [436];
export const modules = {

/***/ 1436:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   GitHubDeployments: () => (/* binding */ GitHubDeployments)
/* harmony export */ });
/* unused harmony exports RedirectRefused, guardedOctokit, githubProblem */
/* harmony import */ var _signals_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3113);
/* harmony import */ var _actions_github__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(157);
// GitHub Deployments adapter: a Deployment record per release with its statuses, through @actions/github's
// Octokit. Every failure here is a warning: the record must never change a deployment's result. GitHub's replies
// are never printed (an error body may echo anything): a failure is its status code and fixed words. Redirects
// are not followed, so the token is never sent to another host.


/** One record for the whole release: one function as it is, several as name=version lists. */
function releaseInfo(releases, alias, deploymentId) {
    const [only] = releases;
    const manualRollback = releases.some(r => r.manualRollback);
    if (only && releases.length === 1)
        return { functionName: only.name, alias, fromVersion: only.oldVersion, toVersion: only.newVersion, deploymentId, manualRollback };
    return {
        functionName: releases.map(r => r.name).join(', '),
        alias,
        fromVersion: releases.map(r => `${r.name}=${r.oldVersion}`).join(','),
        toVersion: releases.map(r => `${r.name}=${r.newVersion}`).join(','),
        deploymentId,
        manualRollback
    };
}
/** GitHub answered a create with something other than a Deployment (a merge conflict, a queued message). */
class NotCreated extends Error {
    constructor() {
        super('GitHub did not return a Deployment');
    }
}
const TIMEOUT_MS = 10_000;
/** After a cancel the runner kills the step within 10 s of the first signal: the closing status gets little. */
const AFTER_CANCEL_MS = 2_000;
/** Octokit's own logger prints headers GitHub sent (deprecation notices); nothing of it reaches the log. */
const SILENT = { debug: () => { }, info: () => { }, warn: () => { }, error: () => { } };
/** A 3xx from the API: refused rather than followed (fetch would re-send the token to the new address). */
class RedirectRefused extends Error {
    status;
    constructor(status) {
        super(`GitHub answered HTTP ${status}`);
        this.status = status;
        this.name = 'RedirectRefused';
    }
}
/** Octokit with redirects refused and its logger silent, on every request it makes. */
function guardedOctokit(token) {
    const octokit = (0,_actions_github__WEBPACK_IMPORTED_MODULE_1__/* .getOctokit */ .Q)(token, { log: SILENT });
    // before/after, not wrap: the hooks share one options object, and a wrap's own copy would not reach the auth hook.
    octokit.hook.before('request', options => {
        options.request = { ...options.request, redirect: 'manual', log: SILENT };
    });
    octokit.hook.after('request', response => {
        if (response.status >= 300 && response.status < 400)
            throw new RedirectRefused(response.status);
    });
    return octokit;
}
/** Fixed words for a failed call: the status and what it usually means, never GitHub's reply or a URL. */
function githubProblem(error) {
    const cause = error.cause;
    const name = error?.name;
    if (name === 'TimeoutError' || name === 'AbortError' || cause?.name === 'TimeoutError' || cause?.name === 'AbortError')
        return 'GitHub did not answer in time';
    if (error instanceof RedirectRefused)
        return `HTTP ${error.status}: a redirect, not followed`;
    if (name === 'HttpError' && error.response !== undefined) {
        const status = error.status;
        if (typeof status === 'number')
            return `HTTP ${status}${STATUS_WORDS[status] ?? (status >= 500 ? ': GitHub failed' : '')}`;
    }
    const code = cause?.code ?? cause?.cause?.code;
    return `could not reach GitHub (${typeof code === 'string' && /^[A-Z0-9_]{1,40}$/.test(code) ? code : 'network error'})`;
}
const STATUS_WORDS = {
    401: ': the token was refused',
    403: ': the token may lack "deployments: write", or a rate limit was hit',
    404: ': the repository or deployment was not found, or the token cannot see it',
    422: ': GitHub rejected the request'
};
class GitHubDeployments {
    octokit;
    owner;
    repo;
    ref;
    environment;
    logUrl;
    warn;
    cancel;
    id;
    info;
    constructor(octokit, owner, repo, ref, environment, logUrl, warn, cancel) {
        this.octokit = octokit;
        this.owner = owner;
        this.repo = repo;
        this.ref = ref;
        this.environment = environment;
        this.logUrl = logUrl;
        this.warn = warn;
        this.cancel = cancel;
    }
    /** undefined (with a warning) when the runner's environment does not say which repository this is. */
    static from(token, environment, env, logUrl, warn, cancel) {
        const [owner, repo] = (env.GITHUB_REPOSITORY ?? '').split('/');
        const ref = env.GITHUB_SHA || env.GITHUB_REF;
        if (!owner || !repo || !ref) {
            warn('GitHub Deployment not recorded: GITHUB_REPOSITORY and GITHUB_SHA are not set');
            return undefined;
        }
        return new GitHubDeployments(guardedOctokit(token), owner, repo, ref, environment, logUrl, warn, cancel);
    }
    /** The one Deployment of a release of one or several functions (see releaseInfo). */
    async startRelease(releases, alias, deploymentId) {
        await this.start(releaseInfo(releases, alias, deploymentId));
    }
    /** Creates the Deployment and marks it in_progress, before any traffic moves. */
    async start(info) {
        this.info = info;
        await this.quietly('create the GitHub Deployment', async (signal) => {
            const created = await this.octokit.rest.repos.createDeployment({
                owner: this.owner,
                repo: this.repo,
                ref: this.ref,
                environment: this.environment,
                auto_merge: false,
                required_contexts: [],
                description: `${info.manualRollback ? 'Manual rollback' : 'Release'} of ${info.functionName}:${info.alias}: version ${info.fromVersion} → ${info.toVersion}`.slice(0, 140),
                payload: {
                    function: info.functionName,
                    alias: info.alias,
                    fromVersion: info.fromVersion,
                    toVersion: info.toVersion,
                    deploymentId: info.deploymentId
                },
                request: { signal }
            });
            if (!('id' in created.data) || typeof created.data.id !== 'number')
                throw new NotCreated();
            this.id = created.data.id;
        });
        if (this.id !== undefined)
            await this.status(this.id, 'in_progress', 'shifting traffic');
    }
    /** success or failure for this Deployment; on success, the Deployment it replaced becomes inactive. */
    async finish(succeeded, reason) {
        if (this.id === undefined || !this.info)
            return;
        await this.status(this.id, succeeded ? 'success' : 'failure', reason);
        if (succeeded)
            await this.deactivateReplaced(this.id, this.info);
    }
    async deactivateReplaced(ours, info) {
        await this.quietly('mark the replaced GitHub Deployment inactive', async (signal) => {
            const { data } = await this.octokit.rest.repos.listDeployments({
                owner: this.owner,
                repo: this.repo,
                environment: this.environment,
                per_page: 30,
                request: { signal }
            });
            const replaced = data.find(d => {
                const p = d.payload;
                return (d.id !== ours &&
                    typeof p === 'object' &&
                    p.function === info.functionName &&
                    p.alias === info.alias &&
                    p.toVersion === info.fromVersion);
            });
            if (replaced)
                await this.status(replaced.id, 'inactive', `replaced by version ${info.toVersion}`);
        });
    }
    async status(id, state, description) {
        await this.quietly(`set the GitHub Deployment to ${state}`, signal => this.octokit.rest.repos.createDeploymentStatus({
            owner: this.owner,
            repo: this.repo,
            deployment_id: id,
            state,
            description: description.slice(0, 140),
            environment: this.environment,
            ...(this.logUrl ? { log_url: this.logUrl } : {}),
            auto_inactive: false,
            request: { signal }
        }));
    }
    /**
     * Each call is bounded, and a cancel ends the calls in flight: the step's outputs are still to be written
     * and the runner kills the step 10 s after its first signal. Calls made after the cancel get a short try.
     */
    deadline() {
        if (!this.cancel)
            return AbortSignal.timeout(TIMEOUT_MS);
        if (this.cancel.aborted)
            return AbortSignal.timeout(AFTER_CANCEL_MS);
        return (0,_signals_js__WEBPACK_IMPORTED_MODULE_0__/* .anySignal */ .J)([AbortSignal.timeout(TIMEOUT_MS), this.cancel]);
    }
    async quietly(what, call) {
        try {
            await call(this.deadline());
        }
        catch (error) {
            this.warn(`could not ${what} (${error instanceof NotCreated ? error.message : githubProblem(error)})`);
        }
    }
}


/***/ })

};
