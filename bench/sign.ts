/**
 * `pnpm bench:sign`: signed requests per second for @amazon-pay-ts/signer and for the official Node
 * SDK's getSignedHeaders, on the same key in the same run, against raw crypto.subtle.sign as the
 * limit, with the p99 event-loop delay of each run. BENCH_SECONDS sets the length of each run.
 */
import { createPrivateKey, generateKeyPairSync, sign as nodeSign } from 'node:crypto';
import { createRequire } from 'node:module';
import { cpus } from 'node:os';
import { createSigner, verifyRequest } from '@amazon-pay-ts/signer';
import { measure, type RunResult, table } from './lib/measure.js';

const require = createRequire(import.meta.url);
const { WebStoreClient } = require('@amazonpay/amazon-pay-api-sdk-nodejs') as {
  WebStoreClient: new (
    config: Record<string, unknown>,
  ) => {
    getSignedHeaders(options: Record<string, unknown>): Record<string, string>;
  };
};

const seconds = Number(process.env.BENCH_SECONDS ?? 3);
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

const signer = createSigner({ publicKeyId, privateKey: privateKeyPem, region: 'eu', algorithm });
const ours = () =>
  signer.sign(
    new Request(url, {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/json', 'x-amz-pay-idempotency-key': 'bench-key-0001' },
    }),
  );

const official = new WebStoreClient({ publicKeyId, privateKey: privateKeyPem, region: 'eu', algorithm });
const officialOptions = () => ({
  method: 'POST',
  urlFragment: 'checkoutSessions',
  payload: body,
  headers: { 'x-amz-pay-idempotency-key': 'bench-key-0001' },
});
// The SDK signs synchronously; wrapping it in an async function lets "in flight" mean the same thing.
const officialSign = async () => official.getSignedHeaders(officialOptions());

const rawKey = await crypto.subtle.importKey(
  'pkcs8',
  createPrivateKey(privateKeyPem).export({ type: 'pkcs8', format: 'der' }),
  { name: 'RSA-PSS', hash: 'SHA-256' },
  false,
  ['sign'],
);
const rawData = new TextEncoder().encode(`${algorithm}\n${'0'.repeat(64)}`);
const raw = () => crypto.subtle.sign({ name: 'RSA-PSS', saltLength: 32 }, rawKey, rawData);

// node:crypto.sign with a callback runs on the libuv threadpool; measured to decide whether a Node
// fast path would be worth having (the package itself stays on WebCrypto).
const nodeKey = createPrivateKey(privateKeyPem);
const nodeCallback = () =>
  new Promise<Buffer>((resolve, reject) =>
    nodeSign(
      'sha256',
      rawData,
      { key: nodeKey, padding: 6 /* RSA_PKCS1_PSS_PADDING */, saltLength: 32 },
      (error, signature) => (error ? reject(error) : resolve(signature)),
    ),
  );

// Sanity: both signers produce requests our verifier accepts, before anything is timed.
const sample = await ours();
const sampleCheck = await verifyRequest(sample, publicKeyPem);
const officialHeaders = official.getSignedHeaders(officialOptions());
const officialCheck = await verifyRequest(
  { method: 'POST', url: 'https://pay-api.amazon.eu/v2/checkoutSessions', headers: officialHeaders, body },
  publicKeyPem,
);
if (!sampleCheck.ok || !officialCheck.ok) {
  console.error('verification failed before benchmarking', sampleCheck, officialCheck);
  process.exit(1);
}

console.log(
  `sign bench: RSA-2048 ${algorithm}, ${cpus().length} CPU(s), Node ${process.versions.node}, UV_THREADPOOL_SIZE=${process.env.UV_THREADPOOL_SIZE ?? 4}, ${seconds}s per run`,
);
const runs: RunResult[] = [];
for (const [label, inFlight, op] of [
  ['raw crypto.subtle.sign', 16, raw],
  ['@amazon-pay-ts/signer sign()', 1, ours],
  ['@amazon-pay-ts/signer sign()', 16, ours],
  ['official SDK getSignedHeaders', 1, officialSign],
  ['official SDK getSignedHeaders', 16, officialSign],
  ['node:crypto.sign (callback), info', 16, nodeCallback],
] as const) {
  runs.push(await measure(label, inFlight, op, seconds));
}
const [rawRun, ours1, ours16, official1, official16, nodeRun] = runs as [
  RunResult,
  RunResult,
  RunResult,
  RunResult,
  RunResult,
  RunResult,
];

console.log();
console.log(
  table(
    ['run', 'in flight', 'signed req/s', 'p99 loop delay (ms)', 'vs official (same in flight)', 'vs raw @16'],
    runs.map((run) => {
      const officialSame = run.inFlight === 1 ? official1 : official16;
      return [
        run.label,
        String(run.inFlight),
        run.opsPerSecond.toFixed(0),
        run.p99DelayMs.toFixed(2),
        `${(run.opsPerSecond / officialSame.opsPerSecond).toFixed(2)}×`,
        `${(run.opsPerSecond / rawRun.opsPerSecond).toFixed(2)}×`,
      ];
    }),
  ),
);

const verdict = (pass: boolean) => (pass ? 'PASS' : 'MISS');
const vsOfficial = ours16.opsPerSecond / official16.opsPerSecond;
const vsRaw = ours16.opsPerSecond / rawRun.opsPerSecond;
const delayRatio = ours16.p99DelayMs / rawRun.p99DelayMs;
console.log();
console.log(`${verdict(vsOfficial >= 5)}  ours @16 vs official @16: ${vsOfficial.toFixed(2)}× (target ≥ 5×)`);
console.log(
  `${verdict(vsRaw >= 0.85)}  ours @16 vs raw crypto.subtle.sign @16: ${vsRaw.toFixed(2)}× (target ≥ 0.85×)`,
);
console.log(
  `${verdict(delayRatio <= 1.5)}  p99 loop delay ours @16 vs raw @16: ${ours16.p99DelayMs.toFixed(2)} ms vs ${rawRun.p99DelayMs.toFixed(2)} ms = ${delayRatio.toFixed(2)}× (target ≤ 1.5×)`,
);
console.log(
  `info  node:crypto.sign callback @16 vs raw crypto.subtle.sign @16: ${(nodeRun.opsPerSecond / rawRun.opsPerSecond).toFixed(2)}×, p99 ${nodeRun.p99DelayMs.toFixed(2)} ms`,
);
