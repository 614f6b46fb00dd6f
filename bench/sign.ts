/**
 * `pnpm bench:sign`: signed requests per second for @amazon-pay-ts/signer and for the official Node
 * SDK's getSignedHeaders, on the same key in the same run, against raw crypto.subtle.sign as the
 * limit, with the p99 event-loop delay of each run. Runs are interleaved over BENCH_ROUNDS rounds
 * (default 5) of BENCH_SECONDS each (default 2) and the median of each is reported, so a burst of
 * load from elsewhere on the machine does not decide a comparison.
 */
import { createPrivateKey, generateKeyPairSync, sign as nodeSign } from 'node:crypto';
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { BufferedRequest, createSigner, verifyRequest } from '@amazon-pay-ts/signer';
import { measure, median, type RunResult, table } from './lib/measure.js';

const require = createRequire(import.meta.url);
const { WebStoreClient } = require('@amazonpay/amazon-pay-api-sdk-nodejs') as {
  WebStoreClient: new (
    config: Record<string, unknown>,
  ) => {
    getSignedHeaders(options: Record<string, unknown>): Record<string, string>;
  };
};

const seconds = Number(process.env.BENCH_SECONDS ?? 2);
const rounds = Number(process.env.BENCH_ROUNDS ?? 5);
const { privateKey: privateKeyPem, publicKey: publicKeyPem } = generateKeyPairSync('rsa', {
  modulusLength: 2048,
  privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  publicKeyEncoding: { type: 'spki', format: 'pem' },
});
const publicKeyId = 'SANDBOX-AHEXAMPLEKEYID0001';
const algorithm = 'AMZN-PAY-RSASSA-PSS-V2';
const body = JSON.stringify({
  webCheckoutDetails: { checkoutReviewReturnUrl: 'https://example.com/review' },
  storeId: 'amzn1.application-oa2-client.0123456789abcdef',
  chargePermissionType: 'OneTime',
});
const url = 'https://pay-api.amazon.eu/v2/checkoutSessions';

// Ours: the unsigned BufferedRequest is what openapi-fetch hands signerMiddleware in the client
// (`createClient({ Request: BufferedRequest })`); building it is the client's cost, so the main rows
// sign requests built before the timed run. Other rows include building each request, and sign a
// plain Request (its body read and a new Request built), for comparison.
// BENCH_MAX_CONCURRENT tries another maxConcurrentSignatures than the default.
const maxConcurrentSignatures = process.env.BENCH_MAX_CONCURRENT
  ? Number(process.env.BENCH_MAX_CONCURRENT)
  : undefined;
const signer = createSigner({
  publicKeyId,
  privateKey: privateKeyPem,
  region: 'eu',
  algorithm,
  ...(maxConcurrentSignatures === undefined ? {} : { maxConcurrentSignatures }),
});
const requestInit = (): RequestInit => ({
  method: 'POST',
  body,
  headers: { 'content-type': 'application/json', 'x-amz-pay-idempotency-key': 'bench-key-0001' },
});
const unsignedRequest = () => new BufferedRequest(url, requestInit());
const prebuilt: Request[] = [];
const prebuild = (count: number) => {
  while (prebuilt.length < count) prebuilt.push(unsignedRequest());
};
const ours = () => signer.sign(prebuilt.pop() ?? unsignedRequest());
const oursWithRequest = () => signer.sign(unsignedRequest());
const oursPlainRequest = () => signer.sign(new Request(url, requestInit()));
// What a caller that builds its own Request (the client's signing fetch) pays: headers only.
const oursHeaders = () =>
  signer.signHeaders({
    method: 'POST',
    url,
    body,
    headers: { 'content-type': 'application/json', 'x-amz-pay-idempotency-key': 'bench-key-0001' },
  });

const official = new WebStoreClient({ publicKeyId, privateKey: privateKeyPem, region: 'eu', algorithm });
const officialOptions = () => ({
  method: 'POST',
  urlFragment: 'checkoutSessions',
  payload: body,
  headers: { 'x-amz-pay-idempotency-key': 'bench-key-0001' },
});
const officialSign = () => official.getSignedHeaders(officialOptions());

const rawKey = await crypto.subtle.importKey(
  'pkcs8',
  createPrivateKey(privateKeyPem).export({ type: 'pkcs8', format: 'der' }),
  { name: 'RSA-PSS', hash: 'SHA-256' },
  false,
  ['sign'],
);
const rawData = new TextEncoder().encode(`${algorithm}\n${'0'.repeat(64)}`);
const rawParams = { name: 'RSA-PSS', saltLength: 32 };
const raw = () => crypto.subtle.sign(rawParams, rawKey, rawData);

// node:crypto.sign with a callback runs on the libuv thread pool like WebCrypto: measured to decide
// whether a Node-only fast path would pay (the package stays on WebCrypto unless it clearly does).
const nodeKey = createPrivateKey(privateKeyPem);
const nodeCallback = () =>
  new Promise<Buffer>((resolve, reject) =>
    nodeSign(
      'sha256',
      rawData,
      { key: nodeKey, padding: 6 /* RSA_PKCS1_PSS_PADDING */, saltLength: 32 },
      (error, sig) => (error ? reject(error) : resolve(sig)),
    ),
  );

// Sanity: both signers produce requests our verifier accepts, before anything is timed.
const sampleCheck = await verifyRequest(await oursWithRequest(), publicKeyPem);
const plainCheck = await verifyRequest(await oursPlainRequest(), publicKeyPem);
const headersCheck = await verifyRequest(
  { method: 'POST', url, headers: await oursHeaders(), body },
  publicKeyPem,
);
const officialCheck = await verifyRequest(
  { method: 'POST', url, headers: officialSign(), body },
  publicKeyPem,
);
if (!sampleCheck.ok || !plainCheck.ok || !headersCheck.ok || !officialCheck.ok) {
  console.error(
    'verification failed before benchmarking',
    sampleCheck,
    plainCheck,
    headersCheck,
    officialCheck,
  );
  process.exit(1);
}

interface Config {
  label: string;
  inFlight: number;
  op: () => unknown;
  before?: () => void;
}
const configs: Config[] = [
  { label: 'raw crypto.subtle.sign (limit)', inFlight: 16, op: raw },
  {
    label: '@amazon-pay-ts/signer sign(BufferedRequest)',
    inFlight: 1,
    op: ours,
    before: () => prebuild(seconds * 2000 + 500),
  },
  {
    label: '@amazon-pay-ts/signer sign(BufferedRequest)',
    inFlight: 16,
    op: ours,
    before: () => prebuild(seconds * 3000 + 1000),
  },
  { label: 'new BufferedRequest + sign()', inFlight: 16, op: oursWithRequest },
  { label: 'new Request + sign() (plain Request: read, rebuilt)', inFlight: 16, op: oursPlainRequest },
  { label: 'official SDK getSignedHeaders', inFlight: 1, op: officialSign },
  { label: 'official SDK getSignedHeaders', inFlight: 16, op: officialSign },
  { label: 'node:crypto.sign callback (info)', inFlight: 16, op: nodeCallback },
  { label: '@amazon-pay-ts/signer signHeaders()', inFlight: 16, op: oursHeaders },
];

console.log(
  `sign bench: RSA-2048 ${algorithm}, ${availableParallelism()} CPUs, Node ${process.versions.node}, ` +
    `UV_THREADPOOL_SIZE=${process.env.UV_THREADPOOL_SIZE ?? '4 (default)'}, ` +
    `maxConcurrentSignatures=${maxConcurrentSignatures ?? 'default'}, median of ${rounds} rounds × ${seconds}s per run`,
);
const samples = configs.map(() => [] as RunResult[]);
for (let round = 0; round < rounds; round++) {
  for (const [index, config] of configs.entries()) {
    // Each run starts on a collected heap (with --expose-gc), not with the garbage of the one before.
    (globalThis as { gc?: () => void }).gc?.();
    config.before?.();
    samples[index]!.push(await measure(config.inFlight, config.op, seconds));
    prebuilt.length = 0;
  }
}
const results = samples.map((runs) => ({
  opsPerSecond: median(runs.map((run) => run.opsPerSecond)),
  p99DelayMs: median(runs.map((run) => run.p99DelayMs)),
  cpuUsPerOp: median(runs.map((run) => run.cpuUsPerOp)),
}));
const [rawRun, , ours16, , , official1, official16, nodeRun] = results as RunResult[] & { length: 9 };

console.log();
console.log(
  table(
    [
      'run',
      'in flight',
      'signed req/s',
      'p99 loop delay (ms)',
      'CPU µs/op',
      'vs official, same in flight',
      'vs raw @16',
    ],
    configs.map((config, index) => {
      const result = results[index]!;
      const officialSame = config.inFlight === 1 ? official1! : official16!;
      return [
        config.label,
        String(config.inFlight),
        result.opsPerSecond.toFixed(0),
        result.p99DelayMs.toFixed(1),
        result.cpuUsPerOp.toFixed(0),
        `${(result.opsPerSecond / officialSame.opsPerSecond).toFixed(2)}×`,
        `${(result.opsPerSecond / rawRun!.opsPerSecond).toFixed(2)}×`,
      ];
    }),
  ),
);

const verdict = (pass: boolean) => (pass ? 'PASS' : 'MISS');
const vsOfficial = ours16!.opsPerSecond / official16!.opsPerSecond;
const vsRaw = ours16!.opsPerSecond / rawRun!.opsPerSecond;
const delayRatio = ours16!.p99DelayMs / rawRun!.p99DelayMs;
console.log();
console.log(
  `${verdict(vsOfficial >= 5)}  sign(BufferedRequest) @16 vs official SDK @16: ${vsOfficial.toFixed(2)}× (target ≥ 5×)`,
);
console.log(
  `${verdict(vsRaw >= 0.85)}  sign(BufferedRequest) @16 vs raw crypto.subtle.sign @16: ${vsRaw.toFixed(2)}× (target ≥ 0.85×)`,
);
console.log(
  `${verdict(delayRatio <= 1.5)}  p99 loop delay sign(BufferedRequest) @16 vs raw @16: ${ours16!.p99DelayMs.toFixed(1)} ms vs ` +
    `${rawRun!.p99DelayMs.toFixed(1)} ms = ${delayRatio.toFixed(2)}× (target ≤ 1.5×)`,
);
const perRound = samples[2]!.map((run, round) => run.opsPerSecond / samples[0]![round]!.opsPerSecond);
console.log(
  `info  sign(BufferedRequest) @16 / raw @16, per round: ${Math.min(...perRound).toFixed(2)}–${Math.max(...perRound).toFixed(2)}× ` +
    `(rounds: ${perRound.map((ratio) => ratio.toFixed(2)).join(', ')})`,
);
console.log(
  `info  official SDK @16 p99 loop delay ${official16!.p99DelayMs.toFixed(1)} ms (it signs synchronously on the main thread); ` +
    `node:crypto.sign callback @16 = ${(nodeRun!.opsPerSecond / rawRun!.opsPerSecond).toFixed(2)}× raw`,
);
