/**
 * `pnpm --filter @amazon-pay-ts/bench notifications`: verified IPNs per second with a warm
 * certificate cache, and the p99 event-loop delay meanwhile, for verifySnsMessage (SignatureVersion
 * 2 and 1) and for the whole handler (Request → Response: body read, verify, parse, dedup lookup),
 * against raw crypto.subtle.verify of the same signature as the limit. Median of BENCH_ROUNDS rounds
 * (default 5) of BENCH_SECONDS each (default 2), runs interleaved.
 */
import { execFileSync } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { createNotificationHandler, createSnsVerifier, snsStringToSign } from '@amazon-pay-ts/notifications';
import type { SnsMessage } from '@amazon-pay-ts/types';
import { createTestSns, ipnMessage } from '../packages/notifications/test/helpers/sns.js';
import { measure, median, type RunResult, table } from './lib/measure.js';

const seconds = Number(process.env.BENCH_SECONDS ?? 2);
const rounds = Number(process.env.BENCH_ROUNDS ?? 5);

// A throwaway CA-issued certificate and SNS signer: the notifications package's test helper.
const sns = createTestSns();
const { certificatePem, fetchCertificate } = sns;

/** `count` distinct signed notifications (a fresh charge id each), as SNS would deliver them. */
async function signedMessages(count: number, version: '1' | '2'): Promise<string[]> {
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const objectId = `S01-0000000-0000000-C${String(i).padStart(6, '0')}`;
    const message = await sns.sign({ Message: ipnMessage({ ObjectId: objectId }) }, version);
    out.push(JSON.stringify(message));
  }
  return out;
}

const pool = 512;
const v2 = await signedMessages(pool, '2');
const v1 = await signedMessages(pool, '1');
let cursor = 0;
const next = (messages: string[]) => messages[cursor++ % messages.length]!;

const verifier = createSnsVerifier({ fetchCertificate });
await verifier.verify(v2[0]!); // warm the certificate cache
await verifier.verify(v1[0]!);

// Every notification is new to the handler: the dedup store lets every claim through.
const handler = createNotificationHandler({
  verifier,
  seen: { claim: () => true, complete: () => {}, release: () => {} },
  onNotification: () => {},
});
const post = (body: string) => new Request('https://shop.example/ipn', { method: 'POST', body });
const sanity = await handler(post(v2[1]!));
if (sanity.status !== 200) throw new Error(`handler answered ${sanity.status} before the bench`);

// The limit: WebCrypto verifying one SHA256withRSA signature with an imported key, nothing else.
const publicKey = await crypto.subtle.importKey(
  'spki',
  Buffer.from(
    execFileSync('openssl', ['x509', '-pubkey', '-noout'], { input: certificatePem })
      .toString()
      .replace(/-----[^-]+-----|\s+/g, ''),
    'base64',
  ),
  { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' },
  false,
  ['verify'],
);
const sample = JSON.parse(v2[0]!) as SnsMessage;
const sampleData = new TextEncoder().encode(snsStringToSign(sample));
const sampleSignature = Buffer.from(sample.Signature, 'base64');
const raw = () => crypto.subtle.verify('RSASSA-PKCS1-v1_5', publicKey, sampleSignature, sampleData);

const configs = [
  { label: 'raw crypto.subtle.verify (limit)', inFlight: 16, op: raw },
  { label: 'verifySnsMessage v2 (SHA-256)', inFlight: 1, op: () => verifier.verify(next(v2)) },
  { label: 'verifySnsMessage v2 (SHA-256)', inFlight: 16, op: () => verifier.verify(next(v2)) },
  { label: 'verifySnsMessage v1 (SHA-1)', inFlight: 16, op: () => verifier.verify(next(v1)) },
  { label: 'handler Request → Response', inFlight: 16, op: () => handler(post(next(v2))) },
];

console.log(
  `notifications bench: RSA-2048 certificate, warm cache, ${availableParallelism()} CPUs, Node ${process.versions.node}, ` +
    `median of ${rounds} rounds × ${seconds}s per run`,
);
const samples = configs.map(() => [] as RunResult[]);
for (let round = 0; round < rounds; round++) {
  for (const [index, config] of configs.entries())
    samples[index]!.push(await measure(config.inFlight, config.op, seconds));
}
const results = samples.map((runs) => ({
  opsPerSecond: median(runs.map((r) => r.opsPerSecond)),
  p99DelayMs: median(runs.map((r) => r.p99DelayMs)),
}));
const limit = results[0]!;
console.log();
console.log(
  table(
    ['run', 'in flight', 'verified/s', 'p99 loop delay (ms)', 'vs raw verify @16'],
    configs.map((config, index) => [
      config.label,
      String(config.inFlight),
      results[index]!.opsPerSecond.toFixed(0),
      results[index]!.p99DelayMs.toFixed(1),
      `${(results[index]!.opsPerSecond / limit.opsPerSecond).toFixed(2)}×`,
    ]),
  ),
);
