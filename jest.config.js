// One jest run, one project per workspace. The CMS API project boots the real CMS once
// (SQLite by default, PostgreSQL when DATABASE_URL is set) and talks to it over HTTP.
const tsJest = (tsconfig) => ({ '^.+\\.ts$': ['ts-jest', { tsconfig }] });

/** @type {import('jest').Config} */
module.exports = {
  // API tests share one CMS and change its content: one worker keeps them from racing.
  maxWorkers: 1,
  // The API suite's first test waits for nothing, but some write 50 articles.
  testTimeout: 60000,
  projects: [
    {
      // Rules over the repository as a whole: workspaces and what they export.
      displayName: 'repo',
      rootDir: '<rootDir>/scripts',
      testMatch: ['<rootDir>/__tests__/**/*.test.ts'],
      transform: tsJest('<rootDir>/../tsconfig.json'),
      testEnvironment: 'node',
    },
    {
      displayName: 'locales',
      rootDir: '<rootDir>/locales',
      testMatch: ['<rootDir>/src/**/__tests__/**/*.test.ts'],
      transform: tsJest('<rootDir>/../tsconfig.json'),
      testEnvironment: 'node',
    },
    {
      displayName: 'cms-unit',
      rootDir: '<rootDir>/cms',
      testMatch: ['<rootDir>/src/**/__tests__/**/*.test.ts', '<rootDir>/scripts/**/__tests__/**/*.test.ts'],
      transform: tsJest('<rootDir>/tsconfig.json'),
      testEnvironment: 'node',
    },
    {
      displayName: 'cms-api',
      rootDir: '<rootDir>/cms',
      testMatch: ['<rootDir>/tests/api/**/*.test.ts'],
      transform: tsJest('<rootDir>/tsconfig.json'),
      testEnvironment: 'node',
      globalSetup: '<rootDir>/tests/support/global-setup.ts',
      globalTeardown: '<rootDir>/tests/support/global-teardown.ts',
    },
    {
      // Chromium drives the real Strapi admin of its own CMS (SQLite, admin panel served).
      displayName: 'cms-admin',
      rootDir: '<rootDir>/cms',
      testMatch: ['<rootDir>/tests/admin/**/*.test.ts'],
      transform: tsJest('<rootDir>/tsconfig.json'),
      testEnvironment: 'node',
      globalSetup: '<rootDir>/tests/admin/support/global-setup.ts',
      globalTeardown: '<rootDir>/tests/admin/support/global-teardown.ts',
    },
    {
      displayName: 'themes',
      rootDir: '<rootDir>/themes',
      testMatch: ['<rootDir>/*/src/**/__tests__/**/*.test.ts'],
      transform: tsJest('<rootDir>/../tsconfig.json'),
      testEnvironment: 'node',
    },
    {
      // The floor: kit, channels, testkit, the plugin and theme contracts, the registry.
      displayName: 'packages',
      rootDir: '<rootDir>/packages',
      testMatch: ['<rootDir>/*/src/**/__tests__/**/*.test.ts'],
      transform: tsJest('<rootDir>/../tsconfig.json'),
      testEnvironment: 'node',
    },
    {
      // Plugin packages' own tests: pure rules, and ballot storage on SQLite and PostgreSQL.
      displayName: 'plugins',
      rootDir: '<rootDir>/plugins',
      testMatch: ['<rootDir>/*/src/**/__tests__/**/*.test.ts?(x)'],
      transform: { '^.+\\.tsx?$': ['ts-jest', { tsconfig: '<rootDir>/../tsconfig.json' }] },
      testEnvironment: 'node',
    },
    {
      displayName: 'chat-unit',
      rootDir: '<rootDir>/frontends/chat',
      testMatch: ['<rootDir>/src/**/__tests__/**/*.test.ts'],
      transform: tsJest('<rootDir>/../../tsconfig.json'),
      testEnvironment: 'node',
    },
    {
      displayName: 'mobi-unit',
      rootDir: '<rootDir>/frontends/mobi',
      testMatch: ['<rootDir>/src/**/__tests__/**/*.test.ts?(x)'],
      transform: { '^.+\\.tsx?$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.jest.json' }] },
      testEnvironment: 'node',
    },
    {
      // HTTP tests and browser tests share one CMS and one mobi-site.
      displayName: 'mobi-http',
      rootDir: '<rootDir>/frontends/mobi',
      testMatch: ['<rootDir>/tests/**/*.test.ts', '<rootDir>/browser/**/*.test.ts'],
      transform: { '^.+\\.tsx?$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.jest.json' }] },
      testEnvironment: 'node',
      globalSetup: '<rootDir>/tests/support/global-setup.ts',
      globalTeardown: '<rootDir>/tests/support/global-teardown.ts',
    },
    {
      // The gateways over HTTP against their own real CMS, with local provider stand-ins.
      displayName: 'chat-http',
      rootDir: '<rootDir>/frontends/chat',
      testMatch: ['<rootDir>/tests/**/*.test.ts'],
      transform: tsJest('<rootDir>/../../tsconfig.json'),
      testEnvironment: 'node',
      globalSetup: '<rootDir>/tests/support/global-setup.ts',
      globalTeardown: '<rootDir>/tests/support/global-teardown.ts',
    },
    {
      // Issue 11's replica test: two CMS replicas on a PostgreSQL database of its own, two mobi,
      // two chat, Redis and nginx (global setup ensures all three servers), under a bounded load.
      displayName: 'replicas',
      rootDir: '<rootDir>/tests/replicas',
      testMatch: ['<rootDir>/**/*.test.ts'],
      transform: tsJest('<rootDir>/../../tsconfig.json'),
      testEnvironment: 'node',
      globalSetup: '<rootDir>/support/global-setup.ts',
    },
  ],
};
