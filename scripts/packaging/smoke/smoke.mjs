// ES module consumer: import of every installed @amazon-pay-ts package.
import { readFileSync } from 'node:fs';
import scenario from './scenario.cjs';

const { dependencies } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));
const modules = {};
for (const name of Object.keys(dependencies)) {
  const { default: _default, ...named } = await import(name);
  modules[name] = named;
}
// The client's entry point for its optional peer, @opentelemetry/api (installed here).
if (dependencies['@amazon-pay-ts/client']) {
  const { default: _default, ...named } = await import('@amazon-pay-ts/client/opentelemetry');
  modules['@amazon-pay-ts/client/opentelemetry'] = named;
}
console.log(JSON.stringify(await scenario.run(modules)));
