import { defineConfig } from 'vitest/config';

// Workspace packages resolve to their TypeScript sources through this export condition,
// so tests never run against a stale build.
const conditions = ['@amazon-pay-ts/source', 'node', 'import', 'module', 'default'];

export default defineConfig({
  resolve: { conditions },
  ssr: { resolve: { conditions, externalConditions: conditions } },
  test: { testTimeout: 20_000, include: ['src/**/*.test.ts', 'test/**/*.test.ts'] },
});
