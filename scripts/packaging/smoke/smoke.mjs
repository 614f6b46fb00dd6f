// ES module consumer: import of every installed @amazon-pay-ts package.
import { readFileSync } from 'node:fs';
import scenario from './scenario.cjs';

const { dependencies } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));
const modules = {};
for (const name of Object.keys(dependencies)) {
  const { default: _default, ...named } = await import(name);
  modules[name] = named;
}
console.log(JSON.stringify(await scenario.run(modules)));
