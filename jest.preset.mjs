// Shared Jest setup: native ESM (run under node --experimental-vm-modules), swc with decorator metadata,
// the same swc options the build uses.
import { swcOptions } from './tools/build/swc-options.mjs';

const { module: _module, ...transformOptions } = swcOptions();

export function jestConfig(projectRoot, displayName, overrides = {}) {
  return {
    displayName,
    rootDir: projectRoot,
    testEnvironment: 'node',
    extensionsToTreatAsEsm: ['.ts'],
    transform: { '^.+\\.ts$': ['@swc/jest', { ...transformOptions, module: { type: 'es6', resolveFully: true } }] },
    moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
    testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/test/**/*.spec.ts'],
    testTimeout: 60_000,
    ...overrides,
  };
}
