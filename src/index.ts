// Entry point for both `main` and `post` (action.yml runs this file twice; saved state tells which).
import * as core from '@actions/core'
import { isPost, markMainStarted } from './adapters/github.js'
import { run } from './main.js'
import { cleanup } from './post.js'

try {
  if (isPost()) await cleanup()
  else {
    markMainStarted()
    await run()
  }
} catch (error) {
  core.setFailed(`lambda-canary: ${error instanceof Error ? error.message : String(error)}`)
}
