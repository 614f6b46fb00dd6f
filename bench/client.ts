/**
 * `pnpm bench:client`: getCheckoutSession calls per second, 16 in flight, against one local https
 * server (self-signed certificate made at bench time; the official SDK only speaks https) that
 * returns a realistic Checkout Session. Rows, measured in one run: @amazon-pay-ts/client through its
 * one pipeline (a typed method; `client.api` beside it), a hand-made signed fetch (signHeaders +
 * fetch: the least a signed call can be), plain fetch with no signing (the transport's ceiling), the
 * official Node SDK through `overrideServiceUrl`, and signatures alone for reference. Rounds are
 * interleaved (BENCH_ROUNDS, default 5, of BENCH_SECONDS, default 2); medians are reported, and the
 * client/by-hand ratio of every round, so the spread on a shared machine shows. Also the median time
 * to validate that body as the client does (its generated schema table), and with the zod schema of
 * @amazon-pay-ts/types for reference.
 */
import { generateKeyPairSync } from 'node:crypto';
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { performance } from 'node:perf_hooks';
import { WebStoreClient } from '@amazon-pay-ts/client';
import { checkResponseBody } from '@amazon-pay-ts/client/fetch';
import { createSigner } from '@amazon-pay-ts/signer';
import { selfSignedCertificate } from '@amazon-pay-ts/simulator';
import { operationSchemas } from '@amazon-pay-ts/types/zod';
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
/** The client's throughput against a hand-made signed fetch (signHeaders + fetch) in the same run. */
const targetByHand = 0.9;

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

  const CLIENT = '@amazon-pay-ts/client, typed method (the one pipeline)';
  const API = '@amazon-pay-ts/client, client.api (the same pipeline)';
  const BY_HAND = 'signHeaders + fetch by hand (no retries, no validation)';
  const PLAIN = 'plain fetch, no signing';
  const OFFICIAL = 'official SDK (amazon-pay-api-sdk-nodejs 2.3.4)';
  const SIGNATURES = 'signatures alone, no HTTP (ceiling of any signed client)';
  const runs: Record<string, () => Promise<unknown>> = {
    [CLIENT]: () => ours.getCheckoutSession(checkoutSessionId),
    [API]: () =>
      ours.api.GET('/v2/checkoutSessions/{checkoutSessionId}', { params: { path: { checkoutSessionId } } }),
    // The least a signed call can be: one signHeaders, one fetch, no signal, retries or validation.
    [BY_HAND]: async () => {
      const headers = await signOnly();
      const response = await fetch(plainUrl, { headers });
      return response.json();
    },
    [PLAIN]: async () => {
      const response = await fetch(plainUrl, { headers: { 'x-bench-unsigned': '1' } });
      return response.json();
    },
    [OFFICIAL]: () => theirs.getCheckoutSession(checkoutSessionId),
    [SIGNATURES]: signOnly,
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
  await runs[PLAIN]?.();
  const { data: viaApi } = await ours.api.GET('/v2/checkoutSessions/{checkoutSessionId}', {
    params: { path: { checkoutSessionId } },
  });
  if (viaApi?.checkoutSessionId !== checkoutSessionId) throw new Error('client.api did not get it back');

  const results = new Map<string, RunResult[]>(Object.keys(runs).map((name) => [name, []]));
  const names = Object.keys(runs);
  for (let round = 0; round < rounds; round++) {
    // Each round starts at another row and every other round runs backwards, so no row always follows
    // the same one (and pays for what it left behind); the heap is collected before each row (the
    // bench runs with --expose-gc).
    const rotated = [...names.slice(round % names.length), ...names.slice(0, round % names.length)];
    for (const name of round % 2 === 0 ? rotated : rotated.reverse()) {
      (globalThis as { gc?: () => void }).gc?.();
      results.get(name)?.push(await measure(inFlight, runs[name]!, seconds));
      process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0';
    }
  }
  const medianOf = (name: string) => ({
    opsPerSecond: median((results.get(name) ?? []).map((r) => r.opsPerSecond)),
    p99DelayMs: median((results.get(name) ?? []).map((r) => r.p99DelayMs)),
    cpuUsPerOp: median((results.get(name) ?? []).map((r) => r.cpuUsPerOp)),
  });
  const officialRate = medianOf(OFFICIAL).opsPerSecond;
  const oursRate = medianOf(CLIENT).opsPerSecond;
  const rows = Object.keys(runs).map((name) => {
    const { opsPerSecond, p99DelayMs, cpuUsPerOp } = medianOf(name);
    return [
      name,
      opsPerSecond.toFixed(0),
      p99DelayMs.toFixed(1),
      cpuUsPerOp.toFixed(0),
      `${(opsPerSecond / officialRate).toFixed(2)}×`,
    ];
  });
  /** `name`'s throughput over `base`'s, round by round (interleaved, so each pair saw the same load). */
  const perRound = (name: string, base: string) =>
    (results.get(name) ?? []).map(
      (run, round) => run.opsPerSecond / (results.get(base)?.[round]?.opsPerSecond ?? 1),
    );

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
  const plain = medianOf(PLAIN);
  const byHand = medianOf(BY_HAND).opsPerSecond;
  const byHandShare = oursRate / byHand;
  const oursP99 = medianOf(CLIENT).p99DelayMs;
  const spread = (values: number[]) =>
    `${Math.min(...values).toFixed(2)}–${Math.max(...values).toFixed(2)}× (rounds: ${values.map((v) => v.toFixed(2)).join(', ')})`;

  console.log(
    `getCheckoutSession over https to 127.0.0.1, ${inFlight} in flight, median of ${rounds} interleaved rounds of ${seconds}s, ` +
      `${availableParallelism()} CPUs, Node ${process.versions.node}, ${body.length}-byte body\n`,
  );
  console.log(table(['client', 'calls/s', 'p99 loop delay ms', 'CPU µs/call', 'vs official'], rows));
  console.log('');
  console.log(
    table(
      ['target', 'measured', 'goal', 'result'],
      [
        [
          'client / signHeaders + fetch by hand',
          `${byHandShare.toFixed(2)}×`,
          `≥ ${targetByHand}×`,
          byHandShare >= targetByHand ? 'PASS' : 'MISS',
        ],
        [
          'p99 loop delay, client vs plain fetch',
          `${oursP99.toFixed(1)} vs ${plain.p99DelayMs.toFixed(1)} ms`,
          '≤ plain',
          oursP99 <= plain.p99DelayMs ? 'PASS' : 'MISS',
        ],
        [
          'client / official SDK',
          `${ratio.toFixed(2)}×`,
          `≥ ${targetRatio}×`,
          ratio >= targetRatio ? 'PASS' : 'MISS',
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
  console.log(`info  client / by hand, per round: ${spread(perRound(CLIENT, BY_HAND))}`);
  console.log(`info  client.api / by hand, per round: ${spread(perRound(API, BY_HAND))}`);
  console.log(`info  by hand / plain fetch, per round: ${spread(perRound(BY_HAND, PLAIN))}`);
  const cpuShare = medianOf(BY_HAND).cpuUsPerOp / medianOf(CLIENT).cpuUsPerOp;
  console.log(
    `info  CPU per call (all threads), by hand / client: ${cpuShare.toFixed(2)}× ` +
      `(${medianOf(BY_HAND).cpuUsPerOp.toFixed(0)} / ${medianOf(CLIENT).cpuUsPerOp.toFixed(0)} µs; the client's own work is the difference)`,
  );
  console.log(
    `${byHandShare >= targetByHand ? 'PASS' : 'MISS'}  client vs signHeaders + fetch by hand: ${oursRate.toFixed(0)} / ${byHand.toFixed(0)} calls/s = ${byHandShare.toFixed(2)}× (target ≥ ${targetByHand}×)`,
  );
  console.log(
    `${oursP99 <= plain.p99DelayMs ? 'PASS' : 'MISS'}  p99 event-loop delay, client vs plain fetch: ${oursP99.toFixed(1)} ms vs ${plain.p99DelayMs.toFixed(1)} ms (target ≤ plain fetch)`,
  );
} finally {
  await server.close();
  if (previousTlsSetting === undefined) delete process.env.NODE_TLS_REJECT_UNAUTHORIZED;
  else process.env.NODE_TLS_REJECT_UNAUTHORIZED = previousTlsSetting;
}
