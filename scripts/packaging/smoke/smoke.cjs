// CommonJS consumer: require() of every installed @amazon-pay-ts package.
const { dependencies } = require('./package.json');
const { run } = require('./scenario.cjs');

const modules = {};
for (const name of Object.keys(dependencies)) modules[name] = require(name);
// The client's entry point for its optional peer, @opentelemetry/api (installed here).
if (dependencies['@amazon-pay-ts/client']) {
  modules['@amazon-pay-ts/client/opentelemetry'] = require('@amazon-pay-ts/client/opentelemetry');
}
run(modules).then(
  (result) => console.log(JSON.stringify(result)),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
