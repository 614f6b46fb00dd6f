// The smoke scenario, shared by smoke.mjs and smoke.cjs, which hand it the packages as their module
// system loaded them. Prints one JSON line: every package's export names, and (when the client,
// signer and simulator are installed) a checkout session created and read back through the client,
// signed with a private key read from a file path, against the simulator on an ephemeral port.
const { mkdtempSync, rmSync, writeFileSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');

exports.run = async function run(modules) {
  const result = { exports: {} };
  for (const [name, mod] of Object.entries(modules)) result.exports[name] = Object.keys(mod).sort();
  const client = modules['@amazon-pay-ts/client'];
  const openTelemetry = modules['@amazon-pay-ts/client/opentelemetry'];
  const signer = modules['@amazon-pay-ts/signer'];
  const simulator = modules['@amazon-pay-ts/simulator'];
  if (client && signer && simulator) {
    const keys = await signer.generateKeyPairPem();
    const dir = mkdtempSync(join(tmpdir(), 'amazon-pay-ts-smoke-'));
    const keyPath = join(dir, 'private.pem');
    writeFileSync(keyPath, keys.privateKeyPem, { mode: 0o600 });
    const publicKeyId = 'SANDBOX-AEXAMPLETESTKEY0001';
    const sim = await simulator.startSimulator({
      port: 0,
      keys: [{ publicKeyId, publicKey: keys.publicKeyPem }],
    });
    // With the opentelemetry entry point: its spans, read back from the SDK's in-memory exporter.
    const tracing = openTelemetry ? inMemoryTracing() : undefined;
    try {
      const api = new client.WebStoreClient({
        region: 'na',
        publicKeyId,
        privateKey: keyPath,
        baseUrl: sim.url,
        ...(tracing ? { hooks: openTelemetry.openTelemetryHooks({ tracerProvider: tracing.provider }) } : {}),
      });
      const created = await api.createCheckoutSession({
        storeId: 'amzn1.application-oa2-client.0123456789abcdef0123456789abcdef',
        webCheckoutDetails: { checkoutReviewReturnUrl: 'https://merchant.example/review' },
      });
      const read = await api.getCheckoutSession(created.checkoutSessionId);
      let rejected = '';
      try {
        await api.getCheckoutSession('');
      } catch (error) {
        rejected = error instanceof client.AmazonPayError ? error.name : `not an AmazonPayError: ${error}`;
      }
      result.checkout = {
        state: read.statusDetails.state,
        sameId: read.checkoutSessionId === created.checkoutSessionId,
        rejected,
      };
      if (tracing) result.spans = tracing.exporter.getFinishedSpans().map((span) => span.name);
    } finally {
      await sim.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }
  return result;
};

/** An OpenTelemetry SDK tracer provider that keeps its spans in memory. */
function inMemoryTracing() {
  const {
    BasicTracerProvider,
    InMemorySpanExporter,
    SimpleSpanProcessor,
  } = require('@opentelemetry/sdk-trace-base');
  const exporter = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
  return { exporter, provider };
}
