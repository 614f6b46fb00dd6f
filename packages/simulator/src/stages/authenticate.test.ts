import { createSigner, generateKeyPairPem } from '@amazon-pay-ts/signer';
import { beforeAll, describe, expect, it } from 'vitest';
import { KeyRing } from '../signature.js';
import { createStore } from '../store.js';
import { authenticate } from './authenticate.js';

let keys: KeyRing;
let sign: (headers?: Record<string, string>) => Promise<Record<string, string>>;

beforeAll(async () => {
  const { privateKeyPem, publicKeyPem } = await generateKeyPairPem();
  keys = new KeyRing();
  keys.add({ publicKeyId: 'SANDBOX-ONE', publicKey: publicKeyPem });
  keys.add({ publicKeyId: 'SANDBOX-TWO', publicKey: publicKeyPem, merchantId: 'AMERCHANT00001' });
  sign = async (headers = {}, id = 'SANDBOX-ONE') => {
    const signer = createSigner({ publicKeyId: id, privateKey: privateKeyPem, region: 'na' });
    const signed = await signer.sign(new Request('http://127.0.0.1:1/v2/charges/x', { headers }));
    return Object.fromEntries([...signed.headers].map(([k, v]) => [k, v]));
  };
});

const request = (headers: Record<string, string>) => ({
  method: 'GET',
  target: '/v2/charges/x',
  headers: { host: '127.0.0.1:1', ...headers },
  body: new Uint8Array(),
});

describe('authenticate', () => {
  it('returns the key and the merchant it belongs to (derived when not given)', async () => {
    const store = createStore();
    const options = { keys, store, maxSkewMs: 60_000, checkHost: true };
    const caller = await authenticate(options, request(await sign()));
    expect(caller.publicKeyId).toBe('SANDBOX-ONE');
    expect(caller.merchantId).toMatch(/^A[A-Z0-9]{13}$/);
    expect((await authenticate(options, request(await sign()))).merchantId).toBe(caller.merchantId);
  });

  it('refuses a signed host that is not the one reached', async () => {
    const store = createStore();
    const headers = { ...(await sign()), host: 'elsewhere:1' };
    await expect(
      authenticate({ keys, store, maxSkewMs: 60_000, checkHost: true }, { ...request({}), headers }),
    ).rejects.toMatchObject({ status: 400, reasonCode: 'InvalidHeaderValue' });
  });

  it('refuses a delegated token it did not issue', async () => {
    const store = createStore();
    const headers = await sign({ 'x-amz-pay-authtoken': 'Atza|nope' });
    await expect(
      authenticate({ keys, store, maxSkewMs: 60_000, checkHost: true }, request(headers)),
    ).rejects.toMatchObject({ status: 401, reasonCode: 'UnauthorizedAccess' });
  });
});
