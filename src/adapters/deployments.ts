// GitHub Deployments adapter: a Deployment record per release with its statuses, through @actions/github's
// Octokit. Every failure here is a warning: the record must never change a deployment's result.
import { getOctokit } from '@actions/github'
import type { ReadyRelease } from '../lockstep.js'

export interface ReleaseInfo {
  functionName: string
  alias: string
  fromVersion: string
  toVersion: string
  deploymentId: string
  manualRollback: boolean
}

/** One record for the whole release: one function as it is, several as name=version lists. */
function releaseInfo(releases: ReadyRelease[], alias: string, deploymentId: string): ReleaseInfo {
  const [only] = releases
  const manualRollback = releases.some(r => r.manualRollback)
  if (only && releases.length === 1)
    return { functionName: only.name, alias, fromVersion: only.oldVersion, toVersion: only.newVersion, deploymentId, manualRollback }
  return {
    functionName: releases.map(r => r.name).join(', '),
    alias,
    fromVersion: releases.map(r => `${r.name}=${r.oldVersion}`).join(','),
    toVersion: releases.map(r => `${r.name}=${r.newVersion}`).join(','),
    deploymentId,
    manualRollback
  }
}

type Warn = (message: string) => void
type State = 'in_progress' | 'success' | 'failure' | 'inactive'

const TIMEOUT_MS = 10_000

export class GitHubDeployments {
  private id?: number
  private info?: ReleaseInfo

  constructor(
    private readonly octokit: ReturnType<typeof getOctokit>,
    private readonly owner: string,
    private readonly repo: string,
    private readonly ref: string,
    private readonly environment: string,
    private readonly logUrl: string | undefined,
    private readonly warn: Warn
  ) {}

  /** undefined (with a warning) when the runner's environment does not say which repository this is. */
  static from(
    token: string,
    environment: string,
    env: NodeJS.ProcessEnv,
    logUrl: string | undefined,
    warn: Warn
  ): GitHubDeployments | undefined {
    const [owner, repo] = (env.GITHUB_REPOSITORY ?? '').split('/')
    const ref = env.GITHUB_SHA || env.GITHUB_REF
    if (!owner || !repo || !ref) {
      warn('GitHub Deployment not recorded: GITHUB_REPOSITORY and GITHUB_SHA are not set')
      return undefined
    }
    return new GitHubDeployments(getOctokit(token), owner, repo, ref, environment, logUrl, warn)
  }

  /** The one Deployment of a release of one or several functions (see releaseInfo). */
  async startRelease(releases: ReadyRelease[], alias: string, deploymentId: string): Promise<void> {
    await this.start(releaseInfo(releases, alias, deploymentId))
  }

  /** Creates the Deployment and marks it in_progress, before any traffic moves. */
  private async start(info: ReleaseInfo): Promise<void> {
    this.info = info
    await this.quietly('create the GitHub Deployment', async signal => {
      const created = await this.octokit.rest.repos.createDeployment({
        owner: this.owner,
        repo: this.repo,
        ref: this.ref,
        environment: this.environment,
        auto_merge: false,
        required_contexts: [],
        description:
          `${info.manualRollback ? 'Manual rollback' : 'Release'} of ${info.functionName}:${info.alias}: version ${info.fromVersion} → ${info.toVersion}`.slice(
            0,
            140
          ),
        payload: {
          function: info.functionName,
          alias: info.alias,
          fromVersion: info.fromVersion,
          toVersion: info.toVersion,
          deploymentId: info.deploymentId
        },
        request: { signal }
      })
      if (!('id' in created.data)) throw new Error(`GitHub did not create it: ${JSON.stringify(created.data).slice(0, 200)}`)
      this.id = created.data.id
    })
    if (this.id !== undefined) await this.status(this.id, 'in_progress', 'shifting traffic')
  }

  /** success or failure for this Deployment; on success, the Deployment it replaced becomes inactive. */
  async finish(succeeded: boolean, reason: string): Promise<void> {
    if (this.id === undefined || !this.info) return
    await this.status(this.id, succeeded ? 'success' : 'failure', reason)
    if (succeeded) await this.deactivateReplaced(this.id, this.info)
  }

  private async deactivateReplaced(ours: number, info: ReleaseInfo): Promise<void> {
    await this.quietly('mark the replaced GitHub Deployment inactive', async signal => {
      const { data } = await this.octokit.rest.repos.listDeployments({
        owner: this.owner,
        repo: this.repo,
        environment: this.environment,
        per_page: 30,
        request: { signal }
      })
      const replaced = data.find(d => {
        const p = d.payload as Record<string, unknown> | string
        return (
          d.id !== ours &&
          typeof p === 'object' &&
          p.function === info.functionName &&
          p.alias === info.alias &&
          p.toVersion === info.fromVersion
        )
      })
      if (replaced) await this.status(replaced.id, 'inactive', `replaced by version ${info.toVersion}`)
    })
  }

  private async status(id: number, state: State, description: string): Promise<void> {
    await this.quietly(`set the GitHub Deployment to ${state}`, signal =>
      this.octokit.rest.repos.createDeploymentStatus({
        owner: this.owner,
        repo: this.repo,
        deployment_id: id,
        state,
        description: description.slice(0, 140),
        environment: this.environment,
        ...(this.logUrl ? { log_url: this.logUrl } : {}),
        auto_inactive: false,
        request: { signal }
      })
    )
  }

  private async quietly(what: string, call: (signal: AbortSignal) => Promise<unknown>): Promise<void> {
    try {
      await call(AbortSignal.timeout(TIMEOUT_MS))
    } catch (error) {
      const status = (error as { status?: number }).status
      this.warn(
        `could not ${what}${status ? ` (HTTP ${status})` : ''}: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`
      )
    }
  }
}
