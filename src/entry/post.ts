// The post step's entry point (dist/post/index.js). It can only restore an alias from the main step's saved
// state: nothing it imports can shift traffic or promote, whatever that state says. The cancel handlers come
// first, so a cancel aborts a hung call and the step gives up cleanly before the runner kills it.
import { catchCancel } from './cancel.js'

const cancel = catchCancel()
try {
  const { cleanup } = await import('../post.js')
  await cleanup(cancel)
} catch (error) {
  const { setFailed } = await import('@actions/core')
  setFailed(`lambda-canary: ${error instanceof Error ? error.message : String(error)}`)
}
