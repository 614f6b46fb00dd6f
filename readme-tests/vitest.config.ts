import { defineProject, mergeConfig } from 'vitest/config';
import shared from '../vitest.shared.js';
import { workspaceSources } from './src/workspace.js';

// Every @amazon-pay-ts package resolves to its sources, including packages added after this file was
// written: a README block may import any of them without this package depending on it.
const alias = Object.entries(workspaceSources()).map(([find, replacement]) => ({
  find: new RegExp(`^${find}$`),
  replacement,
}));

const config = mergeConfig(
  shared,
  defineProject({
    resolve: { alias },
    test: { name: 'readme-tests', include: ['src/**/*.test.ts', 'test/**/*.test.ts'], hookTimeout: 180_000 },
  }),
);
// Vitest hands ssr.resolve.conditions to Node as --conditions; with `import` among them, require() of a
// dual package picks its ESM build (Express → router → is-promise then gets a namespace, not a
// function). The blocks' third-party imports need Node's own conditions; workspace packages are aliased.
config.ssr.resolve.conditions = ['@amazon-pay-ts/source', 'node'];
export default config;
