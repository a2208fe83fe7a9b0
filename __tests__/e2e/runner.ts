// The runner the e2e tests drive the action with lives beside the simulator, so the demo can use it too.
export * from '../../sim/runner.js'
