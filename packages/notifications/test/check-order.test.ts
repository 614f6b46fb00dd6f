// Issue 19, finding 7: the README's check-order table is the code's order. The table's reasons are
// read from the README; each row's input breaks that row's check and every check after it, so the
// answer names the row only if the checks run in the table's order.
import { readFileSync } from 'node:fs';
import type { SnsMessage } from '@amazon-pay-ts/types';
import { beforeAll, describe, expect, it } from 'vitest';
import { createNotificationHandler } from '../src/index.js';
import {
  CERT_URL,
  createTestSns,
  ipnMessage,
  MERCHANT_ID,
  STRANGER_TOPIC_ARN,
  type TestSns,
} from './helpers/sns.js';

let sns: TestSns;
beforeAll(() => {
  sns = createTestSns();
});

/** The backticked reasons of the README table whose header has a `reason` column, in row order. */
function readmeReasons(): Array<{ reason: string; status: string }> {
  const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
  const lines = readme.split('\n');
  const header = lines.findIndex((line) => /^\|.*\breason\b.*\|$/.test(line) && /\bstatus\b/.test(line));
  if (header === -1) throw new Error('README: no table with "status" and "reason" columns');
  const cells = (line: string) =>
    line
      .split('|')
      .slice(1, -1)
      .map((cell) => cell.trim());
  const columns = cells(lines[header]!);
  const reasonColumn = columns.indexOf('reason');
  const statusColumn = columns.indexOf('status');
  const rows: Array<{ reason: string; status: string }> = [];
  for (const line of lines.slice(header + 2)) {
    if (!line.startsWith('|')) break;
    const row = cells(line);
    const reason = /`([A-Z_]+)`/.exec(row[reasonColumn] ?? '')?.[1];
    if (reason) rows.push({ reason, status: row[statusColumn] ?? '' });
  }
  return rows;
}

const LIMIT = 8 * 1024;
const STALE = () => new Date(Date.now() - 3 * 3600_000).toISOString();
const UNREACHABLE = async () => {
  throw new Error('connection refused');
};

/** A full-shaped SNS message with the given fields; it carries no valid signature unless signed. */
const shaped = (fields: Partial<SnsMessage>): SnsMessage =>
  ({
    Type: 'Notification',
    MessageId: crypto.randomUUID(),
    TopicArn: STRANGER_TOPIC_ARN,
    Message: '{"hello":1}',
    Timestamp: STALE(),
    SignatureVersion: '2',
    Signature: 'AAAA',
    SigningCertURL: 'https://sns.s3.amazonaws.com/SimpleNotificationService-x.pem',
    ...fields,
  }) as SnsMessage;

/** Each check's input (breaking it and every later check), the certificate it is served, in code order. */
const rows: Array<{
  reason: string;
  status: number;
  body: () => Promise<string>;
  certificate?: () => Promise<string>;
}> = [
  { reason: 'BODY_TOO_LARGE', status: 413, body: async () => 'x'.repeat(LIMIT + 1) },
  { reason: 'MALFORMED', status: 400, body: async () => 'not json' },
  { reason: 'UNKNOWN_TYPE', status: 400, body: async () => '{}' },
  { reason: 'UNSUPPORTED_SIGNATURE_VERSION', status: 400, body: async () => '{"Type":"Notification"}' },
  { reason: 'MALFORMED', status: 400, body: async () => '{"Type":"Notification","SignatureVersion":"2"}' },
  { reason: 'UNTRUSTED_CERTIFICATE_URL', status: 400, body: async () => JSON.stringify(shaped({})) },
  {
    reason: 'TOPIC_NOT_ALLOWED',
    status: 400,
    body: async () => JSON.stringify(shaped({ SigningCertURL: CERT_URL })),
  },
  {
    reason: 'STALE',
    status: 400,
    body: async () =>
      JSON.stringify(shaped({ TopicArn: (await sns.sign({})).TopicArn, SigningCertURL: CERT_URL })),
    certificate: UNREACHABLE,
  },
  {
    // Not base64 (or longer than any RSA signature): refused before the certificate is fetched.
    reason: 'BAD_SIGNATURE',
    status: 400,
    body: async () =>
      JSON.stringify({ ...(await sns.sign({ Message: '{"hello":1}' })), Signature: 'not base64!' }),
    certificate: UNREACHABLE,
  },
  {
    reason: 'CERTIFICATE_UNAVAILABLE',
    status: 503,
    body: async () => JSON.stringify({ ...(await sns.sign({ Message: '{"hello":1}' })), Signature: 'AAAA' }),
    certificate: UNREACHABLE,
  },
  {
    reason: 'INVALID_CERTIFICATE',
    status: 400,
    body: async () => JSON.stringify({ ...(await sns.sign({ Message: '{"hello":1}' })), Signature: 'AAAA' }),
    certificate: async () => '<html>not a certificate</html>',
  },
  {
    reason: 'BAD_SIGNATURE',
    status: 400,
    body: async () => JSON.stringify({ ...(await sns.sign({ Message: '{"hello":1}' })), Signature: 'AAAA' }),
  },
  {
    reason: 'MALFORMED_MESSAGE',
    status: 400,
    body: async () => JSON.stringify(await sns.sign({ Message: '{"hello":1}' })),
  },
  {
    reason: 'MERCHANT_NOT_ALLOWED',
    status: 400,
    body: async () =>
      JSON.stringify(await sns.sign({ Message: ipnMessage({ MerchantID: 'A3SOMEONEELSE' }) })),
  },
];

describe("the README's check order", () => {
  it('lists the reasons in the order the code checks them', () => {
    expect(readmeReasons().map((row) => row.reason)).toEqual(rows.map((row) => row.reason));
  });

  for (const [index, row] of rows.entries()) {
    it(`row ${index + 1}: ${row.reason} (${row.status}) comes before every later check`, async () => {
      let called = false;
      const handler = createNotificationHandler({
        maxBodyBytes: LIMIT,
        merchantId: MERCHANT_ID,
        fetchCertificate: row.certificate ?? sns.fetchCertificate,
        onNotification: () => {
          called = true;
        },
      });
      const response = await handler(
        new Request('https://merchant.example/amazon-pay/ipn', { method: 'POST', body: await row.body() }),
      );
      expect([response.status, await response.text()]).toEqual([row.status, row.reason]);
      expect(readmeReasons()[index]?.status).toBe(String(row.status));
      expect(called).toBe(false);
    });
  }
});
