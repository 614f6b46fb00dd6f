import type { SnsMessage } from '@amazon-pay-ts/types';
import { beforeAll, describe, expect, it } from 'vitest';
import { createSnsVerifier, verifySnsMessage } from '../src/index.js';
import { reasonOf } from './helpers/requests.js';
import { CERT_URL, createTestSns, ipnMessage, signWith, type TestSns, TOPIC_ARN } from './helpers/sns.js';

let sns: TestSns;
beforeAll(() => {
  sns = createTestSns();
});

describe('verifySnsMessage', () => {
  it('verifies SignatureVersion 1 (SHA1withRSA) and 2 (SHA256withRSA), as text, bytes or parsed JSON', async () => {
    const verifier = createSnsVerifier({ fetchCertificate: sns.fetchCertificate });
    for (const version of ['1', '2'] as const) {
      const message = await sns.sign({}, version);
      const text = JSON.stringify(message);
      expect((await verifier.verify(text)).MessageId).toBe(message.MessageId);
      expect((await verifier.verify(new TextEncoder().encode(text))).MessageId).toBe(message.MessageId);
      expect((await verifier.verify(JSON.parse(text))).MessageId).toBe(message.MessageId);
    }
  });

  it('verifies confirmations over their own field list', async () => {
    const verifier = createSnsVerifier({ fetchCertificate: sns.fetchCertificate });
    for (const Type of ['SubscriptionConfirmation', 'UnsubscribeConfirmation'] as const) {
      const message = await sns.sign({
        Type,
        Message: 'You have chosen to subscribe to the topic.',
        SubscribeURL: 'https://sns.us-east-1.amazonaws.com/?Action=ConfirmSubscription&Token=abc',
        Token: 'abc',
        UnsubscribeURL: undefined,
      });
      expect((await verifier.verify(JSON.stringify(message))).Type).toBe(Type);
      const withoutToken = { ...message, Token: undefined };
      expect(await reasonOf(verifier.verify(JSON.stringify(withoutToken)))).toBe('MALFORMED');
    }
  });

  it('fetches each certificate once (warm cache), concurrent messages share the fetch', async () => {
    const fetchCertificate = Object.assign(async (url: string) => sns.fetchCertificate(url), {});
    let calls = 0;
    const counting = async (url: string) => {
      calls += 1;
      return fetchCertificate(url);
    };
    const verifier = createSnsVerifier({ fetchCertificate: counting });
    const messages = await Promise.all([1, 2, 3, 4].map((i) => sns.sign({}, i % 2 ? '1' : '2')));
    await Promise.all(messages.map((m) => verifier.verify(JSON.stringify(m))));
    await verifier.verify(JSON.stringify(messages[0]));
    expect(calls).toBe(1);
    expect(verifier.cachedCertificates).toBe(1);
  });

  it('keeps at most certificateCacheSize certificates', async () => {
    let calls = 0;
    const verifier = createSnsVerifier({
      certificateCacheSize: 2,
      fetchCertificate: async () => {
        calls += 1;
        return sns.certificatePem;
      },
    });
    const urls = ['a', 'b', 'c', 'a'].map((n) => CERT_URL.replace('.pem', `-${n}.pem`));
    for (const url of urls) await verifier.verify(JSON.stringify(await sns.sign({ SigningCertURL: url })));
    expect(verifier.cachedCertificates).toBe(2);
    expect(calls).toBe(4); // 'a' was evicted by 'c'
  });

  it('retries a failed fetch once certificateRetryMs has passed', async () => {
    let fail = true;
    let now = Date.now();
    const verifier = createSnsVerifier({
      now: () => now,
      certificateRetryMs: 2_000,
      fetchCertificate: async () => {
        if (fail) throw new Error('connection reset');
        return sns.certificatePem;
      },
    });
    const message = JSON.stringify(await sns.sign({}));
    expect(await reasonOf(verifier.verify(message))).toBe('CERTIFICATE_UNAVAILABLE');
    fail = false;
    expect(await reasonOf(verifier.verify(message))).toBe('CERTIFICATE_UNAVAILABLE');
    now += 2_001;
    expect(await reasonOf(verifier.verify(message))).toBe('accepted');
  });

  describe('refuses hostile input with its reason', () => {
    const options = () => ({ fetchCertificate: sns.fetchCertificate });

    it('a modified Message, MessageId, Timestamp, TopicArn or Subject: BAD_SIGNATURE', async () => {
      const message = await sns.sign({ Subject: 'hello' });
      for (const change of [
        { Message: ipnMessage({ ObjectType: 'REFUND' }) },
        { MessageId: 'another' },
        { Timestamp: new Date(Date.parse(message.Timestamp) + 1).toISOString() },
        { Subject: 'hello!' },
        { Subject: null },
      ]) {
        expect(await reasonOf(verifySnsMessage(JSON.stringify({ ...message, ...change }), options()))).toBe(
          'BAD_SIGNATURE',
        );
      }
      const otherTopic = { ...message, TopicArn: `${TOPIC_ARN}2` };
      expect(await reasonOf(verifySnsMessage(JSON.stringify(otherTopic), options()))).toBe('BAD_SIGNATURE');
    });

    it('a swapped SignatureVersion (SHA-256 signature claimed as v1 and back): BAD_SIGNATURE', async () => {
      const v2 = await sns.sign({}, '2');
      const v1 = await sns.sign({}, '1');
      expect(
        await reasonOf(verifySnsMessage(JSON.stringify({ ...v2, SignatureVersion: '1' }), options())),
      ).toBe('BAD_SIGNATURE');
      expect(
        await reasonOf(verifySnsMessage(JSON.stringify({ ...v1, SignatureVersion: '2' }), options())),
      ).toBe('BAD_SIGNATURE');
      for (const SignatureVersion of ['3', 2, '', null]) {
        expect(await reasonOf(verifySnsMessage(JSON.stringify({ ...v2, SignatureVersion }), options()))).toBe(
          'UNSUPPORTED_SIGNATURE_VERSION',
        );
      }
    });

    it('a signature by another key, or garbage in Signature: BAD_SIGNATURE', async () => {
      const other = createTestSns();
      const forged = await other.sign({});
      expect(await reasonOf(verifySnsMessage(JSON.stringify(forged), options()))).toBe('BAD_SIGNATURE');
      const message = await sns.sign({});
      for (const Signature of ['not base64!', 'AAAA', 'A'.repeat(4096)]) {
        expect(await reasonOf(verifySnsMessage(JSON.stringify({ ...message, Signature }), options()))).toBe(
          'BAD_SIGNATURE',
        );
      }
    });

    it('certificate URLs off SNS: refused before any fetch', async () => {
      const calls: string[] = [];
      const fetchCertificate = async (url: string) => {
        calls.push(url);
        return sns.certificatePem;
      };
      for (const SigningCertURL of [
        'http://sns.us-east-1.amazonaws.com/cert.pem',
        'https://sns.us-east-1.amazonaws.com.evil.example/cert.pem',
        'https://sns.us-east-1.amazonaws.com@evil.example/cert.pem',
        'https://evil.example/cert.pem',
        'https://sns.us-east-1.amazonaws.com/../../evil/cert.txt',
      ]) {
        const message = await sns.sign({ SigningCertURL });
        expect(
          await reasonOf(verifySnsMessage(JSON.stringify(message), { fetchCertificate })),
          SigningCertURL,
        ).toBe('UNTRUSTED_CERTIFICATE_URL');
      }
      expect(calls).toEqual([]);
    });

    it('a stale or future Timestamp (replay of an old message): STALE', async () => {
      const now = Date.now();
      const old = await sns.sign({ Timestamp: new Date(now - 2 * 60 * 60 * 1000).toISOString() });
      expect(await reasonOf(verifySnsMessage(JSON.stringify(old), options()))).toBe('STALE');
      expect(
        await reasonOf(verifySnsMessage(JSON.stringify(old), { ...options(), maxAgeMs: 3 * 3600_000 })),
      ).toBe('accepted');
      const future = await sns.sign({ Timestamp: new Date(now + 10 * 60 * 1000).toISOString() });
      expect(await reasonOf(verifySnsMessage(JSON.stringify(future), options()))).toBe('STALE');
      const unreadable = await sns.sign({ Timestamp: 'yesterday' });
      expect(await reasonOf(verifySnsMessage(JSON.stringify(unreadable), options()))).toBe('STALE');
      const recent = await sns.sign({});
      expect(
        await reasonOf(
          verifySnsMessage(JSON.stringify(recent), { ...options(), now: () => now + 2 * 3600_000 }),
        ),
      ).toBe('STALE');
    });

    it('a topic that is not allowed: TOPIC_NOT_ALLOWED', async () => {
      const message = await sns.sign({});
      const allowed = { ...options(), allowedTopicArns: ['arn:aws:sns:us-east-1:123456789012:Other'] };
      expect(await reasonOf(verifySnsMessage(JSON.stringify(message), allowed))).toBe('TOPIC_NOT_ALLOWED');
      expect(
        await reasonOf(
          verifySnsMessage(JSON.stringify(message), { ...options(), allowedTopicArns: [TOPIC_ARN] }),
        ),
      ).toBe('accepted');
    });

    it('unknown types, non-JSON, non-objects and missing fields: UNKNOWN_TYPE / MALFORMED', async () => {
      const message = await sns.sign({});
      expect(
        await reasonOf(verifySnsMessage(JSON.stringify({ ...message, Type: 'Surprise' }), options())),
      ).toBe('UNKNOWN_TYPE');
      for (const body of [
        '',
        'not json',
        '[]',
        'null',
        '"Notification"',
        '{"Type":"Notification","SignatureVersion":"1"}',
      ]) {
        expect(await reasonOf(verifySnsMessage(body, options())), body).toBe('MALFORMED');
      }
      const { Signature: _, ...unsigned } = message as SnsMessage & Record<string, unknown>;
      expect(await reasonOf(verifySnsMessage(JSON.stringify(unsigned), options()))).toBe('MALFORMED');
      expect(await reasonOf(verifySnsMessage(JSON.stringify({ ...message, MessageId: 7 }), options()))).toBe(
        'MALFORMED',
      );
    });

    it('an oversized body: BODY_TOO_LARGE, counted in UTF-8 bytes', async () => {
      const message = await sns.sign({ Message: 'x'.repeat(300 * 1024) });
      expect(await reasonOf(verifySnsMessage(JSON.stringify(message), options()))).toBe('BODY_TOO_LARGE');
      const small = JSON.stringify(await sns.sign({ Message: 'é'.repeat(600) }));
      expect(
        await reasonOf(verifySnsMessage(small, { ...options(), maxBodyBytes: small.length + 100 })),
      ).toBe('BODY_TOO_LARGE');
      expect(
        await reasonOf(verifySnsMessage(small, { ...options(), maxBodyBytes: small.length + 700 })),
      ).toBe('accepted');
    });

    it('a certificate document that is not a certificate: INVALID_CERTIFICATE', async () => {
      const message = JSON.stringify(await sns.sign({}));
      for (const pem of [
        '<html>hello</html>',
        sns.privateKeyPem,
        '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n',
      ]) {
        expect(await reasonOf(verifySnsMessage(message, { fetchCertificate: async () => pem }))).toBe(
          'INVALID_CERTIFICATE',
        );
      }
    });
  });

  it('the default fetch refuses redirects and non-2xx, as CERTIFICATE_UNAVAILABLE', async () => {
    const message = JSON.stringify(await sns.sign({}));
    const seen: RequestInit[] = [];
    const fetchDouble = (async (_url: string, init: RequestInit) => {
      seen.push(init);
      return new Response('nope', { status: 404 });
    }) as unknown as typeof fetch;
    expect(await reasonOf(verifySnsMessage(message, { fetch: fetchDouble }))).toBe('CERTIFICATE_UNAVAILABLE');
    expect(seen[0]?.redirect).toBe('error');
    const serving = (async () => new Response(sns.certificatePem)) as unknown as typeof fetch;
    expect(await reasonOf(verifySnsMessage(message, { fetch: serving }))).toBe('accepted');
  });

  it('signs with the documented field order: a signature made over the fields in another order fails', async () => {
    const message = await sns.sign({});
    const reordered = `Type\n${message.Type}\nMessage\n${message.Message}\n`;
    const key = await crypto.subtle.importKey(
      'pkcs8',
      Uint8Array.from(Buffer.from(sns.privateKeyPem.replace(/-----[^-]+-----|\s+/g, ''), 'base64')),
      { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' },
      false,
      ['sign'],
    );
    const wrong = Buffer.from(
      await crypto.subtle.sign('RSASSA-PKCS1-v1_5', key, new TextEncoder().encode(reordered)),
    ).toString('base64');
    expect(
      await reasonOf(verifySnsMessage(JSON.stringify({ ...message, Signature: wrong }), options2())),
    ).toBe('BAD_SIGNATURE');
    expect(await signWith(sns.privateKeyPem, message, '2')).toBe(message.Signature);
  });
});

const options2 = () => ({ fetchCertificate: sns.fetchCertificate });
