// Jest runs in ESM mode (the @nestjs 12 packages are ESM); @swc/jest compiles TypeScript with the
// legacy decorators and decorator metadata that NestJS dependency injection relies on.
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
      keepClassNames: true,
    },
    module: { type: 'es6' },
  },
];

// @fastify/static (CommonJS) requires ESM-only packages; Jest cannot require() ESM on Node 20, so those
// few packages are compiled to CommonJS for the test run.
const esmOnlyRequired = ['content-disposition', 'cookie', 'file-type'];
const toCommonJs = ['@swc/jest', { jsc: { target: 'es2022' }, module: { type: 'commonjs' } }];

const shared = {
  transform: {
    '^.+\\.ts$': swc,
    [`/node_modules/(${esmOnlyRequired.join('|')})/.+\\.js$`]: toCommonJs,
  },
  transformIgnorePatterns: [`/node_modules/(?!(${esmOnlyRequired.join('|')})/)`],
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  testEnvironment: 'node',
};

export default {
  // e2e tests start servers and CLI processes; a slow machine must not turn that into a failure.
  testTimeout: 60_000,
  projects: [
    { ...shared, displayName: 'unit', testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/test/unit/**/*.spec.ts'] },
    {
      ...shared,
      displayName: 'e2e',
      testMatch: ['<rootDir>/test/e2e/**/*.e2e-spec.ts'],
      globalSetup: '<rootDir>/test/support/global-setup.mjs',
      globalTeardown: '<rootDir>/test/support/global-teardown.mjs',
    },
  ],
};
