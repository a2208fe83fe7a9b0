// ESM + ts-jest: the toolchain SPEC §4 names. Type errors are caught by `npm run typecheck`,
// so ts-jest only transpiles (isolatedModules in tsconfig.json).
export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  resolver: 'ts-jest-resolver',
  transform: {
    '^.+\\.ts$': ['ts-jest', { useESM: true }]
  },
  roots: ['<rootDir>/__tests__'],
  testMatch: ['**/*.test.ts'],
  clearMocks: true,
  // End-to-end tests run real processes against the simulator in real time; on a loaded 2-core machine
  // the throttling scenario alone can take half a minute.
  testTimeout: 120000
}
