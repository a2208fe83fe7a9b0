// Files named by inputs (config-file, smoke-payload: @path) are read from inside the repository only: a path
// that leaves GITHUB_WORKSPACE by "..", by being absolute elsewhere, or through a symlink at any level is refused
// before anything is read, so an input cannot make the action read (and echo) a file of the runner's.
import { closeSync, constants, fstatSync, openSync, readFileSync, realpathSync, statSync } from 'node:fs'
import { isAbsolute, relative, resolve, sep } from 'node:path'
import { InputError } from '../parse.js'

/** The workspace the paths are relative to: GITHUB_WORKSPACE, or the working directory in local runs. */
export function workspaceRoot(env: NodeJS.ProcessEnv): string {
  const root = env.GITHUB_WORKSPACE?.trim()
  return resolve(root ? root : process.cwd())
}

/** Whether `path` is `root` itself or below it (both absolute and normalised). */
export function isInside(root: string, path: string): boolean {
  const rel = relative(root, path)
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel))
}

/** The real path (every symlink resolved), or why it cannot be had (e.g. ENOENT). */
function realPath(path: string): { real: string } | { problem: string } {
  try {
    return { real: realpathSync(path) }
  } catch (e) {
    return { problem: (e as NodeJS.ErrnoException).code ?? (e as Error).message }
  }
}

/** Where a path named by an input points: inside the workspace, or why not (for the input's error). */
export function checkWorkspacePath(
  env: NodeJS.ProcessEnv,
  named: string
): { path: string } | { path: string; outside: string } | { path: string; problem: string } {
  const root = workspaceRoot(env)
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is refused here
  if (/[\u0000-\u001f\u007f]/.test(named)) return { path: named, outside: 'the path has a control character' }
  const path = resolve(root, named)
  if (!isInside(root, path)) return { path, outside: `the path is outside the repository (${root})` }
  const rootReal = realPath(root)
  const realRoot = 'real' in rootReal ? rootReal.real : root
  const found = realPath(path)
  if ('problem' in found) return { path, problem: found.problem }
  // Every level is resolved at once: a symlinked directory or file pointing out of the repository is refused.
  if (!isInside(realRoot, found.real)) {
    return { path, outside: `the path leads through a symbolic link to ${found.real}, outside the repository (${realRoot})` }
  }
  return { path: found.real }
}

/**
 * A file named by `input` (its value `raw`; `named`: the path in it), read if it is inside the workspace.
 * Leaving the workspace is an InputError saying `accepted`; a file that cannot be read is returned as a problem.
 */
export function readWorkspaceFile(
  env: NodeJS.ProcessEnv,
  input: string,
  raw: string,
  named: string,
  accepted: string
): { path: string; text: string } | { path: string; problem: string } {
  const checked = checkWorkspacePath(env, named)
  if ('outside' in checked) throw new InputError(input, raw, `${checked.outside}; ${accepted}`)
  if ('problem' in checked) return checked
  let fd: number | undefined
  try {
    // Checked, then opened: a file swapped for a symlink in between must not be read. The last component is
    // opened without following a link, and the open file itself is checked again (on Linux by where its
    // descriptor leads; elsewhere by being the very file that was checked).
    fd = openSync(checked.path, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0))
    const opened = openedPath(fd)
    const root = realPath(workspaceRoot(env))
    const same = opened === undefined ? sameFile(fd, checked.path) : 'real' in root && isInside(root.real, opened)
    if (!same) throw new InputError(input, raw, `the file changed into a link out of the repository while it was read; ${accepted}`)
    return { path: checked.path, text: readFileSync(fd, 'utf8') }
  } catch (e) {
    if (e instanceof InputError) throw e
    return { path: checked.path, problem: (e as NodeJS.ErrnoException).code ?? (e as Error).message }
  } finally {
    if (fd !== undefined) closeSync(fd)
  }
}

/** Where an open descriptor leads, on Linux; undefined elsewhere. */
function openedPath(fd: number): string | undefined {
  try {
    return realpathSync(`/proc/self/fd/${fd}`)
  } catch {
    return undefined
  }
}

function sameFile(fd: number, path: string): boolean {
  const a = fstatSync(fd)
  const b = statSync(path)
  return a.dev === b.dev && a.ino === b.ino
}
