// The same as program.mjs, through require().
const { WebStoreClient } = require('@amazon-pay-ts/client');
const { generateKeyPairPem } = require('@amazon-pay-ts/signer');
const { operationIds } = require('@amazon-pay-ts/types');
const { run } = require('./scenario.cjs');

run({ WebStoreClient, generateKeyPairPem, operationIds }).then(
  (result) => console.log(JSON.stringify(result)),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
