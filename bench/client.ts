/**
 * `pnpm bench:client`: getCheckoutSession calls per second, 16 in flight, against one local https
 * server (self-signed certificate made at bench time; the official SDK only speaks https) that
 * returns a realistic Checkout Session. Rows: plain fetch with no signing (the transport's ceiling),
 * @amazon-pay-ts/client (signing, retries and deadlines, idempotency key and user agent, strict
 * validation, shippingAddressList decoding), the official Node SDK through `overrideServiceUrl`,
 * signatures alone, and a hand-made signed fetch (signHeaders + fetch) for reference.
 * Rounds are interleaved (BENCH_ROUNDS, default 5, of BENCH_SECONDS, default 2) and medians reported.
 * Also the median time to validate that body as the client does (its generated schema table), and
 * with the zod schema of @amazon-pay-ts/types for reference.
 */
import { generateKeyPairSync } from 'node:crypto';
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { performance } from 'node:perf_hooks';
import { WebStoreClient } from '@amazon-pay-ts/client';
import { checkResponseBody } from '@amazon-pay-ts/client/fetch';
import { createSigner } from '@amazon-pay-ts/signer';
import { selfSignedCertificate } from '@amazon-pay-ts/simulator';
import { operationSchemas } from '@amazon-pay-ts/types';
import { checkoutSessionPayload } from '../packages/client/test/support/payloads.js';
import { startBenchServer } from './lib/client-server.js';
import { measure, median, type RunResult, table } from './lib/measure.js';

const require = createRequire(import.meta.url);
const official = require('@amazonpay/amazon-pay-api-sdk-nodejs') as {
  WebStoreClient: new (
    config: Record<string, unknown>,
  ) => {
    getCheckoutSession(id: string): Promise<{ status: number; data: { checkoutSessionId?: string } }>;
  };
};

const seconds = Number(process.env.BENCH_SECONDS ?? 2);
const rounds = Number(process.env.BENCH_ROUNDS ?? 5);
const inFlight = 16;
const targetRatio = 3;
const targetValidationUs = 50;
/** Share of the bound 1/(1/signatures + 1/fetches) the client must reach, measured in the same run. */
const targetBoundShare = 0.9;

const { privateKey } = generateKeyPairSync('rsa', {
  modulusLength: 2048,
  privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  publicKeyEncoding: { type: 'spki', format: 'pem' },
});
const publicKeyId = 'SANDBOX-AHEXAMPLEKEYID0001';
const checkoutSessionId = checkoutSessionPayload.checkoutSessionId;
const body = JSON.stringify(checkoutSessionPayload);

// Both clients reach the self-signed server only with certificate checks off; the official SDK
// switches them off itself whenever overrideServiceUrl is set. Restored when the bench ends.
const previousTlsSetting = process.env.NODE_TLS_REJECT_UNAUTHORIZED;
process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0';
const server = await startBenchServer(body, selfSignedCertificate());

try {
  const ours = new WebStoreClient({
    region: 'eu',
    publicKeyId,
    privateKey,
    baseUrl: server.url,
    validateResponses: 'strict',
  });
  const theirs = new official.WebStoreClient({
    publicKeyId,
    privateKey,
    region: 'eu',
    algorithm: 'AMZN-PAY-RSASSA-PSS-V2',
    overrideServiceUrl: server.host,
  });
  const plainUrl = `${server.url}/v2/checkoutSessions/${checkoutSessionId}`;
  // Not a client: the RSA-2048 signatures per second this machine can make at all, which bounds
  // every signed client (each call needs one). signHeaders is the signer's cheapest complete
  // signature (canonical request, hash, RSA-PSS), the one the client makes per attempt.
  const signer = createSigner({ publicKeyId, privateKey, region: 'eu' });
  const signOnly = () => signer.signHeaders({ method: 'GET', url: plainUrl });

  const runs: Record<string, () => Promise<unknown>> = {
    'plain fetch, no signing': async () => {
      const response = await fetch(plainUrl, { headers: { 'x-bench-unsigned': '1' } });
      return response.json();
    },
    '@amazon-pay-ts/client': () => ours.getCheckoutSession(checkoutSessionId),
    'official SDK (amazon-pay-api-sdk-nodejs 2.3.4)': () => theirs.getCheckoutSession(checkoutSessionId),
    'signatures alone, no HTTP (ceiling of any signed client)': signOnly,
    // Not a target: the least a signed call can be (one signHeaders, one fetch, no signal, retries or
    // validation), to show how much of the gap to the bound is the client's own work.
    'signHeaders + fetch by hand (no retries, no validation)': async () => {
      const headers = await signOnly();
      const response = await fetch(plainUrl, { headers });
      return response.json();
    },
  };

  // Each must really succeed before it is timed.
  const session = await ours.getCheckoutSession(checkoutSessionId);
  const officialResponse = await theirs.getCheckoutSession(checkoutSessionId);
  if (
    session.checkoutSessionId !== checkoutSessionId ||
    officialResponse.data.checkoutSessionId !== checkoutSessionId
  ) {
    throw new Error('a client did not get the checkout session back');
  }
  await runs['plain fetch, no signing']?.();

  const results = new Map<string, RunResult[]>(Object.keys(runs).map((name) => [name, []]));
  for (let round = 0; round < rounds; round++) {
    for (const [name, op] of Object.entries(runs)) {
      results.get(name)?.push(await measure(inFlight, op, seconds));
      process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0';
    }
  }
  const medianOf = (name: string) => ({
    opsPerSecond: median((results.get(name) ?? []).map((r) => r.opsPerSecond)),
    p99DelayMs: median((results.get(name) ?? []).map((r) => r.p99DelayMs)),
  });
  const officialRate = medianOf('official SDK (amazon-pay-api-sdk-nodejs 2.3.4)').opsPerSecond;
  const oursRate = medianOf('@amazon-pay-ts/client').opsPerSecond;
  const rows = Object.keys(runs).map((name) => {
    const { opsPerSecond, p99DelayMs } = medianOf(name);
    return [
      name,
      opsPerSecond.toFixed(0),
      p99DelayMs.toFixed(1),
      `${(opsPerSecond / officialRate).toFixed(2)}×`,
    ];
  });

  // Validation of the same body as the client does it (its schema table), and with the zod schema
  // of @amazon-pay-ts/types (what a merchant validating on its own pays), for reference.
  const parsed: unknown = JSON.parse(body);
  const medianMicros = (validate: () => unknown) => {
    for (let i = 0; i < 5000; i++) validate();
    const batch = 200;
    const samples: number[] = [];
    for (let s = 0; s < 200; s++) {
      const started = performance.now();
      for (let i = 0; i < batch; i++) validate();
      samples.push(((performance.now() - started) * 1000) / batch);
    }
    return median(samples);
  };
  const schema = operationSchemas.getCheckoutSession.response;
  const zodUs = medianMicros(() => schema.safeParse(parsed));
  const validationUs = medianMicros(() => checkResponseBody('getCheckoutSession', parsed));
  const ratio = oursRate / officialRate;
  // Signing and HTTP compete for the same CPUs: together they allow at most this many calls/s.
  const plain = medianOf('plain fetch, no signing');
  const signs = medianOf('signatures alone, no HTTP (ceiling of any signed client)').opsPerSecond;
  const bound = 1 / (1 / signs + 1 / plain.opsPerSecond);
  const boundShare = oursRate / bound;
  const oursP99 = medianOf('@amazon-pay-ts/client').p99DelayMs;

  console.log(
    `getCheckoutSession over https to 127.0.0.1, ${inFlight} in flight, median of ${rounds} interleaved rounds of ${seconds}s, ` +
      `${availableParallelism()} CPUs, Node ${process.versions.node}, ${body.length}-byte body\n`,
  );
  console.log(table(['client', 'calls/s', 'p99 loop delay ms', 'vs official'], rows));
  console.log('');
  console.log(
    table(
      ['target', 'measured', 'goal', 'result'],
      [
        [
          'ours / official SDK',
          `${ratio.toFixed(2)}×`,
          `≥ ${targetRatio}×`,
          ratio >= targetRatio ? 'PASS' : 'MISS',
        ],
        [
          `ours / bound 1/(1/signs + 1/fetches) = ${bound.toFixed(0)}/s`,
          `${boundShare.toFixed(2)}×`,
          `≥ ${targetBoundShare}×`,
          boundShare >= targetBoundShare ? 'PASS' : 'MISS',
        ],
        [
          'p99 loop delay, ours vs plain fetch',
          `${oursP99.toFixed(1)} vs ${plain.p99DelayMs.toFixed(1)} ms`,
          '≤ plain',
          oursP99 <= plain.p99DelayMs ? 'PASS' : 'MISS',
        ],
        [
          "the client's validation of the body (median)",
          `${validationUs.toFixed(1)} µs`,
          `≤ ${targetValidationUs} µs`,
          validationUs <= targetValidationUs ? 'PASS' : 'MISS',
        ],
        ['zod validation of the body (median, reference)', `${zodUs.toFixed(1)} µs`, '—', '—'],
      ],
    ),
  );
  console.log('');
  const byHand = medianOf('signHeaders + fetch by hand (no retries, no validation)').opsPerSecond;
  console.log(
    `info  signHeaders + fetch by hand vs bound: ${(byHand / bound).toFixed(2)}×; @amazon-pay-ts/client vs by hand: ${(oursRate / byHand).toFixed(2)}×`,
  );
  console.log(
    `${boundShare >= targetBoundShare ? 'PASS' : 'MISS'}  @amazon-pay-ts/client vs bound: ${oursRate.toFixed(0)} / ${bound.toFixed(0)} calls/s = ${boundShare.toFixed(2)}× (target ≥ ${targetBoundShare}×)`,
  );
  console.log(
    `${oursP99 <= plain.p99DelayMs ? 'PASS' : 'MISS'}  p99 event-loop delay, client vs plain fetch: ${oursP99.toFixed(1)} ms vs ${plain.p99DelayMs.toFixed(1)} ms (target ≤ plain fetch)`,
  );
} finally {
  await server.close();
  if (previousTlsSetting === undefined) delete process.env.NODE_TLS_REJECT_UNAUTHORIZED;
  else process.env.NODE_TLS_REJECT_UNAUTHORIZED = previousTlsSetting;
}
