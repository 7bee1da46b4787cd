/** Three projects: unit (fakes allowed), integration (real engines), e2e (Chromium). */
const transform = { '^.+\\.tsx?$': ['@swc/jest'] };
module.exports = {
  projects: [
    { displayName: 'unit', testMatch: ['<rootDir>/test/**/*.unit.test.ts'], transform, testEnvironment: 'node' },
    { displayName: 'integration', testMatch: ['<rootDir>/test/**/*.int.test.ts'], transform, testEnvironment: 'node' },
    { displayName: 'e2e', testMatch: ['<rootDir>/test/**/*.e2e.test.ts'], transform, testEnvironment: 'node' },
  ],
  // Real services from testcontainers when scripts/test.sh chose them (a Docker engine is reachable).
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  transform,
  testTimeout: 120000,
};
