import { defineProject } from 'vitest/config';
import shared from '../../vitest.shared.js';

// The shared config without the `module` condition, which Vitest also hands to Node (--conditions):
// it names @opentelemetry/api's bundler build (extensionless ESM imports) that Node cannot load.
// Without it Node picks that package's CommonJS build, as in a merchant's service.
const conditions = (shared.ssr?.resolve?.conditions ?? []).filter((condition) => condition !== 'module');
export default defineProject({
  ...shared,
  resolve: { ...shared.resolve, conditions },
  ssr: { resolve: { conditions, externalConditions: conditions } },
  test: { ...shared.test, name: 'client' },
});
