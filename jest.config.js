// Unit tests sit beside the code (src/**/*.spec.ts); e2e tests in test/ (*.e2e-spec.ts) boot the
// real app against a Postgres database cloned from a migrated template (test/setup/global-setup.ts).
const swc = JSON.parse(require('node:fs').readFileSync(`${__dirname}/.swcrc`, 'utf8'));

// The desk's browser tests (test/desk/*.browser.e2e-spec.ts) need Chromium or Chrome. Without one they
// are left out with one line saying how to enable them; in CI (CI=true) they always run, so a
// missing browser fails the run instead of hiding it.
const { findBrowser, HOW_TO_ENABLE } = require('./test/desk/find-browser');
const browserMissing = !findBrowser() && process.env.CI !== 'true';
if (browserMissing) console.warn(HOW_TO_ENABLE);

module.exports = {
  rootDir: __dirname,
  testEnvironment: 'node',
  testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/test/**/*.e2e-spec.ts'],
  testPathIgnorePatterns: ['/node_modules/', ...(browserMissing ? ['\\.browser\\.e2e-spec\\.ts$'] : [])],
  transform: { '^.+\\.(t|j)s$': ['@swc/jest', { ...swc, swcrc: false }] },
  // ES-module-only packages, compiled to CommonJS like our own code: the WASM schema engine's glue,
  // and content-disposition (required by @fastify/static, which serves the /docs UI).
  transformIgnorePatterns: ['/node_modules/(?!(@prisma/schema-engine-wasm|content-disposition)/)'],
  globalSetup: '<rootDir>/test/setup/global-setup.ts',
  globalTeardown: '<rootDir>/test/setup/global-teardown.ts',
  maxWorkers: 2,
  testTimeout: 30000,
};
