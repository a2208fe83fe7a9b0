/** Public API of the Lambda/CloudWatch simulator. */
export { ManualClock, systemClock, type Clock } from './clock.js'
export { AwsError, CloudWatchErrors, LambdaErrors } from './errors.js'
export { MetricStore, nearestRank, parseStat } from './cloudwatch/metric-store.js'
export {
  DEFAULT_ACCOUNT,
  DEFAULT_ORIGIN_EPOCH_MS,
  DEFAULT_REGION,
  SimModel,
  type AliasHistoryEntry,
  type Counter,
  type EventLogEntry,
  type ModelOptions
} from './model.js'
export {
  loadScenarioFile,
  parseScenario,
  resolveScenario,
  ScenarioError,
  SCENARIOS_DIR,
  SCENARIO_SCHEMA_PATH,
  validateScenarioSchema,
  type Scenario
} from './scenario.js'
export {
  sdkConfig,
  simEnv,
  startSimulator,
  type CallRecord,
  type RunningSimulator,
  type StartSimulatorOptions
} from './server.js'
