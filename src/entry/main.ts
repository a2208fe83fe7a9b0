// The main step's entry point (dist/main/index.js). The cancel handlers come first: this file's only static
// import has no imports of its own, and the step itself is loaded afterwards, so a SIGINT at any millisecond
// is caught. A cancel before anything was written ends the step without writing anything.
import { catchCancel } from './cancel.js'

const cancel = catchCancel()
try {
  const { run } = await import('../main.js')
  await run(cancel)
} catch (error) {
  const { setFailed } = await import('@actions/core')
  setFailed(`lambda-canary: ${error instanceof Error ? error.message : String(error)}`)
}
