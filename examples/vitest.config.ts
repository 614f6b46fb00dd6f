import { defineProject, mergeConfig } from 'vitest/config';
import shared from '../vitest.shared.js';

// Vitest hands ssr.resolve.conditions to its workers as Node's --conditions. The shared list's
// `import` and `module` would then make pg's `require('pg-pool')` load pg-pool's ESM build (not a
// class), so this project keeps only what Node needs besides its own: the workspace's source condition.
const conditions = ['@amazon-pay-ts/source', 'node'];
const { ssr: _sharedSsr, ...rest } = shared;
export default mergeConfig(
  rest,
  defineProject({
    ssr: { resolve: { conditions, externalConditions: conditions } },
    test: { name: 'examples', include: ['**/*.test.ts'] },
  }),
);
