// The main step for @github/local-action (README, "Run it locally"), which imports a module and calls its
// run() with no arguments: the same step as dist/main/index.js, with the cancel handlers of a real run (a
// Ctrl-C is the runner's cancel: the alias is restored).
import { catchCancel } from './cancel.js'

export async function run(): Promise<void> {
  const cancel = catchCancel()
  const { run: step } = await import('../main.js')
  await step(cancel)
}
