import { defineProject, mergeConfig } from 'vitest/config';
import shared from '../../vitest.shared.js';

export default mergeConfig(
  shared,
  defineProject({
    test: {
      name: 'types',
      // The generator's own tests run here, next to the zod install they import.
      include: ['src/**/*.test.ts', 'test/**/*.test.ts', '../../scripts/generate/**/*.test.ts'],
    },
  }),
);
