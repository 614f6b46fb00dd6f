// Shared by program.mjs and program.cjs: what the client does without zod installed. Prints the
// same line from both (no signature: RSA-PSS signatures differ on every run).
exports.run = async function run({ WebStoreClient, generateKeyPairPem, operationIds }) {
  let zod = 'absent';
  try {
    require.resolve('zod');
    zod = 'present';
  } catch {}
  // The optional peer of the client's opentelemetry entry point: not installed, and not needed.
  let openTelemetry = 'absent';
  try {
    require.resolve('@opentelemetry/api');
    openTelemetry = 'present';
  } catch {}
  const { privateKeyPem } = await generateKeyPairPem();
  const hookEvents = [];
  const client = new WebStoreClient({
    region: 'eu',
    publicKeyId: 'SANDBOX-AEXAMPLETESTKEY0001',
    privateKey: privateKeyPem,
    hooks: { onError: (event) => hookEvents.push(`${event.operationId}: ${event.error.code}`) },
  });
  // Refused before sending (an empty id): the hooks hear of it without any network.
  await client.getCheckoutSession('').catch(() => undefined);
  const button = await client.generateButtonSignature({
    storeId: 'amzn1.application-oa2-client.0123456789abcdef0123456789abcdef',
    webCheckoutDetails: { checkoutReviewReturnUrl: 'https://merchant.example/review' },
  });
  let refused = '';
  try {
    await client.generateButtonSignature({
      storeId: 'x',
      webCheckoutDetails: { checkoutReviewReturnURL: 'x' },
    });
  } catch (error) {
    refused = error.name;
  }
  return {
    zod,
    openTelemetry,
    hookEvents,
    operations: operationIds.length,
    algorithm: button.algorithm,
    refused,
  };
};
