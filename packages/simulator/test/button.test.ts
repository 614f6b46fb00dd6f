import { createSigner } from '@amazon-pay-ts/signer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBody, startWorld, type TestWorld } from './helpers.js';

let world: TestWorld;
beforeAll(async () => {
  world = await startWorld();
});
afterAll(() => world.sim.close());

async function post(body: unknown) {
  const response = await fetch(`${world.sim.url}/checkout/button`, {
    method: 'POST',
    body: typeof body === 'string' ? body : JSON.stringify(body),
    redirect: 'manual',
  });
  const text = await response.text();
  return { status: response.status, text, location: response.headers.get('location') };
}

function signer(algorithm: 'AMZN-PAY-RSASSA-PSS' | 'AMZN-PAY-RSASSA-PSS-V2') {
  return createSigner({
    publicKeyId: world.publicKeyId,
    privateKey: world.privateKeyPem,
    region: 'na',
    algorithm,
  });
}

describe('button signatures (checkout.js)', () => {
  it('verifies with the original AMZN-PAY-RSASSA-PSS when algorithm is absent, as Amazon does', async () => {
    const { payload, signature } = await signer('AMZN-PAY-RSASSA-PSS').signButtonPayload(createBody);
    const result = await post({ payloadJSON: payload, signature, publicKeyId: world.publicKeyId });
    expect(result.status, result.text).toBe(200);
    expect(JSON.parse(result.text)).toMatchObject({ valid: true, algorithm: 'AMZN-PAY-RSASSA-PSS' });
  });

  it('refuses a V2 signature without algorithm and says what to add', async () => {
    const { payload, signature } = await signer('AMZN-PAY-RSASSA-PSS-V2').signButtonPayload(createBody);
    const result = await post({ payloadJSON: payload, signature, publicKeyId: world.publicKeyId });
    expect(result.status).toBe(400);
    const json = JSON.parse(result.text);
    expect(json.reasonCode).toBe('InvalidSignatureError');
    expect(json.message).toContain("Add algorithm: 'AMZN-PAY-RSASSA-PSS-V2' to createCheckoutSessionConfig");
    const named = await post({
      payloadJSON: payload,
      signature,
      publicKeyId: world.publicKeyId,
      algorithm: 'AMZN-PAY-RSASSA-PSS-V2',
    });
    expect(named.status).toBe(200);
  });

  it('answers 400, never 500, for a signed payload that is not a JSON object or a bad signInReturnUrl', async () => {
    const sign = signer('AMZN-PAY-RSASSA-PSS-V2');
    const algorithm = 'AMZN-PAY-RSASSA-PSS-V2';
    for (const payloadJSON of ['not json at all', '[1,2]', '"text"', 'null']) {
      const { signature } = await sign.signButtonPayload(payloadJSON);
      const result = await post({ payloadJSON, signature, publicKeyId: world.publicKeyId, algorithm });
      expect(result.status, `${payloadJSON}: ${result.text}`).toBe(400);
      expect(JSON.parse(result.text).reasonCode).toBe('InvalidParameterValue');
    }
    for (const signInReturnUrl of ['not a url', 'javascript:alert(1)', 42]) {
      const { payload, signature } = await sign.signButtonPayload({ ...createBody, signInReturnUrl });
      const result = await post({
        payloadJSON: payload,
        signature,
        publicKeyId: world.publicKeyId,
        algorithm,
      });
      expect(result.status, `${signInReturnUrl}: ${result.text}`).toBe(400);
      expect(JSON.parse(result.text)).toMatchObject({ reasonCode: 'InvalidParameterValue' });
    }
    for (const body of ['[]', 'null', '{"payloadJSON": {"a": 1}, "publicKeyId": {"x": 1}}']) {
      const result = await post(body);
      expect(result.status, body).toBe(400);
    }
  });
});
