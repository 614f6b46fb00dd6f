import { constants, createHash, createPrivateKey, sign } from 'node:crypto';
import { ErrorResponseSchema } from '@amazon-pay-ts/types/zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBody, signedFetch, startWorld, type TestWorld } from './helpers.js';

let world: TestWorld;
beforeAll(async () => {
  world = await startWorld();
});
afterAll(() => world.sim.close());

const headers = { 'x-amz-pay-idempotency-key': 'sigtest0001' };

async function withHeader(request: Request, name: string, value: string | null): Promise<Request> {
  const copy = new Headers(request.headers);
  if (value === null) copy.delete(name);
  else copy.set(name, value);
  const body = request.body ? await request.text() : undefined;
  return new Request(request.url, {
    method: request.method,
    headers: copy,
    ...(body === undefined ? {} : { body }),
  });
}

function expectError(
  result: { status: number; json: Record<string, unknown> },
  status: number,
  reasonCode: string,
) {
  expect(ErrorResponseSchema.safeParse(result.json).success).toBe(true);
  expect({ status: result.status, reasonCode: result.json.reasonCode }).toEqual({ status, reasonCode });
  return String(result.json.message);
}

describe('signature verification', () => {
  it('accepts a correctly signed request, with either algorithm', async () => {
    for (const algorithm of ['AMZN-PAY-RSASSA-PSS-V2', 'AMZN-PAY-RSASSA-PSS'] as const) {
      const ok = await signedFetch(world, '/v2/checkoutSessions', {
        body: createBody,
        algorithm,
        headers: { 'x-amz-pay-idempotency-key': `ok${algorithm.length}` },
      });
      expect(ok.status).toBe(201);
      expect(ok.headers.get('x-amz-pay-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    }
  });

  it('serves /sandbox/v2 and /live/v2 too, answering in that environment', async () => {
    const sandbox = await signedFetch(world, '/sandbox/v2/checkoutSessions', { body: createBody, headers });
    expect(sandbox.json.releaseEnvironment).toBe('Sandbox');
    const live = await signedFetch(world, '/live/v2/checkoutSessions', {
      body: createBody,
      headers: { 'x-amz-pay-idempotency-key': 'live1' },
    });
    expect(live.json.releaseEnvironment).toBe('Live');
  });

  it('rejects a body changed after signing, showing the canonical request it computed', async () => {
    const result = await signedFetch(world, '/v2/checkoutSessions', {
      body: createBody,
      headers,
      tamper: async (r) =>
        new Request(r.url, {
          method: r.method,
          headers: r.headers,
          body: (await r.text()).replace('OneTime', 'Recurring'),
        }),
    });
    const message = expectError(result, 401, 'InvalidRequestSignature');
    expect(message).toContain('Unable to verify signature');
    expect(message).toContain('POST\n/v2/checkoutSessions\n');
    expect(message).toContain('x-amz-pay-idempotency-key:sigtest0001');
    expect(message).toMatch(
      /Signing string computed by the simulator \[AMZN-PAY-RSASSA-PSS-V2\n[0-9a-f]{64}\]/,
    );
  });

  it('names the salt length when the signature used the other algorithm', async () => {
    // Signs the V2 string with salt 20, the salt of AMZN-PAY-RSASSA-PSS: right key, wrong salt.
    const result = await signedFetch(world, '/v2/checkoutSessions', {
      body: createBody,
      headers,
      tamper: async (r) => {
        const probe = await signedFetch(world, '/v2/checkoutSessions', {
          body: createBody,
          headers,
          tamper: async (inner) =>
            withHeader(
              inner,
              'authorization',
              `${r.headers.get('authorization')!.replace(/Signature=.*/, 'Signature=AAAA')}`,
            ),
        });
        const stringToSign = /computed by the simulator \[([\s\S]*?)\]/.exec(String(probe.json.message))![1]!;
        const signature = sign('sha256', Buffer.from(stringToSign), {
          key: createPrivateKey(world.privateKeyPem),
          padding: constants.RSA_PKCS1_PSS_PADDING,
          saltLength: 20,
        }).toString('base64');
        return withHeader(
          r,
          'authorization',
          r.headers.get('authorization')!.replace(/Signature=.*/, `Signature=${signature}`),
        );
      },
    });
    const message = expectError(result, 401, 'InvalidRequestSignature');
    expect(message).toContain('salt length 20');
    expect(message).toContain('needs salt length 32');
  });

  it('rejects an unknown public key id', async () => {
    const result = await signedFetch(world, '/v2/checkoutSessions', {
      body: createBody,
      headers,
      publicKeyId: 'SANDBOX-UNKNOWN',
    });
    const message = expectError(result, 401, 'UnauthorizedAccess');
    expect(message).toContain("'SANDBOX-UNKNOWN' is not registered");
    expect(message).toContain(world.publicKeyId);
  });

  it('rejects a request without authorization', async () => {
    const result = await signedFetch(world, '/v2/checkoutSessions', {
      body: createBody,
      headers,
      tamper: (r) => withHeader(r, 'authorization', null),
    });
    expect(expectError(result, 400, 'MissingHeader')).toContain('authorization');
  });

  it('rejects a malformed authorization header', async () => {
    const result = await signedFetch(world, '/v2/checkoutSessions', {
      body: createBody,
      headers,
      tamper: (r) => withHeader(r, 'authorization', 'Bearer abc'),
    });
    expectError(result, 400, 'InvalidHeaderValue');
  });

  it('rejects an unsigned header that changes what the request does', async () => {
    // An idempotency key outside the signature could be added, changed or stripped on the way.
    const result = await signedFetch(world, '/v2/checkoutSessions', {
      body: createBody,
      tamper: (r) => withHeader(r, 'x-amz-pay-idempotency-key', 'unsignedkey0001'),
    });
    expect(expectError(result, 401, 'InvalidRequestSignature')).toContain('x-amz-pay-idempotency-key');
    const unknown = await signedFetch(world, '/v2/checkoutSessions', {
      body: createBody,
      headers,
      tamper: (r) => withHeader(r, 'x-amz-pay-not-a-header', 'x'),
    });
    expect(expectError(unknown, 401, 'InvalidRequestSignature')).toContain('x-amz-pay-not-a-header');
  });

  it("accepts the informational headers Amazon's PHP SDK adds outside the signature", async () => {
    const informational = {
      'x-amz-pay-sdk-type': 'PHP',
      'x-amz-pay-sdk-version': '2.7.2',
      'x-amz-pay-language-version': '8.2.36',
      'x-amz-pay-integrator-id': 'AXXXXXXXXXXXXX',
      'x-amz-pay-integrator-version': '1.2.3',
      'x-amz-pay-platform-version': '0.0.4',
    };
    const result = await signedFetch(world, '/v2/checkoutSessions', {
      body: createBody,
      headers: { 'x-amz-pay-idempotency-key': 'sigtestphp0001' },
      tamper: async (r) => {
        let out = r;
        for (const [name, value] of Object.entries(informational)) out = await withHeader(out, name, value);
        return out;
      },
    });
    expect(result.status, result.text).toBe(201);
  });

  it('judges a delegated token sent outside the signature like a signed one (PHP SDK)', async () => {
    const result = await signedFetch(world, '/v2/checkoutSessions', {
      body: createBody,
      headers,
      tamper: (r) => withHeader(r, 'x-amz-pay-authtoken', 'Atza|unsigned'),
    });
    // Not a signature failure: the token itself is unknown, as it would be if signed.
    expect(expectError(result, 401, 'UnauthorizedAccess')).toContain('x-amz-pay-authtoken');
  });

  it('accepts x-amz-pay-simulation-code outside the signature, as Amazon does', async () => {
    const session = await world.client.createCheckoutSession(createBody);
    const result = await signedFetch(world, `/v2/checkoutSessions/${session.checkoutSessionId}`, {
      tamper: (r) => withHeader(r, 'x-amz-pay-simulation-code', 'HardDeclined'),
    });
    // Accepted by the signature check; then judged as a simulation code (none exist for this read).
    expect(expectError(result, 400, 'InvalidSandboxSimulationSpecified')).toContain('getCheckoutSession');
  });

  it('rejects a signed header that is missing from the request', async () => {
    const result = await signedFetch(world, '/v2/checkoutSessions', {
      body: createBody,
      headers,
      tamper: (r) => withHeader(r, 'x-amz-pay-idempotency-key', null),
    });
    expect(expectError(result, 400, 'MissingHeader')).toContain(
      'x-amz-pay-idempotency-key is listed in SignedHeaders but absent',
    );
  });

  it('rejects a request dated more than 15 minutes away from now', async () => {
    const result = await signedFetch(world, '/v2/checkoutSessions', {
      body: createBody,
      headers,
      clock: () => new Date(Date.now() - 20 * 60_000),
    });
    const message = expectError(result, 400, 'InvalidHeaderValue');
    expect(message).toContain('x-amz-pay-date');
    expect(message).toMatch(/1[12]\d\ds behind/);
  });

  it('rejects a missing x-amz-pay-date', async () => {
    const result = await signedFetch(world, '/v2/checkoutSessions', {
      body: createBody,
      headers,
      tamper: (r) => withHeader(r, 'x-amz-pay-date', null),
    });
    expect(expectError(result, 400, 'MissingHeaderValue')).toContain('x-amz-pay-date');
  });

  it('rejects a signature for another host', async () => {
    const result = await signedFetch(world, '/v2/checkoutSessions', {
      body: createBody,
      headers,
      tamper: async (r) => {
        // Re-sign as if for pay-api.amazon.com, then send to the simulator.
        const signer = (await import('@amazon-pay-ts/signer')).createSigner({
          publicKeyId: world.publicKeyId,
          privateKey: world.privateKeyPem,
          region: 'na',
        });
        const forAmazon = await signer.sign(
          new Request(r.url.replace(/^http:\/\/[^/]+/, 'https://pay-api.amazon.com'), {
            method: r.method,
            headers: { 'x-amz-pay-idempotency-key': 'sigtest0001' },
            body: await r.text(),
          }),
        );
        return new Request(r.url, {
          method: r.method,
          headers: forAmazon.headers,
          body: await forAmazon.text(),
        });
      },
    });
    expect(expectError(result, 400, 'InvalidHeaderValue')).toContain("x-amz-pay-host 'pay-api.amazon.com'");
  });

  it('checks the button signature the way checkout.js does', async () => {
    const { payload, signature } = await world.client.generateButtonSignature(createBody);
    const post = (body: unknown) =>
      fetch(`${world.sim.url}/checkout/button`, { method: 'POST', body: JSON.stringify(body) }).then(
        async (r) => ({
          status: r.status,
          json: (await r.json()) as Record<string, unknown>,
        }),
      );
    const algorithm = 'AMZN-PAY-RSASSA-PSS-V2';
    expect(
      (await post({ payloadJSON: payload, signature, publicKeyId: world.publicKeyId, algorithm })).status,
    ).toBe(200);
    const tampered = await post({
      payloadJSON: payload.replace('OneTime', 'Recurring'),
      signature,
      publicKeyId: world.publicKeyId,
      algorithm,
    });
    expect(tampered).toMatchObject({ status: 400, json: { reasonCode: 'InvalidSignatureError' } });
    const unknownKey = await post({ payloadJSON: payload, signature, publicKeyId: 'SANDBOX-NOBODY' });
    expect(unknownKey).toMatchObject({ status: 400, json: { reasonCode: 'InvalidPublicKeyId' } });
    expect(createHash('sha256').update(payload).digest('hex')).toHaveLength(64);
  });
});
