import fc from 'fast-check';
import { describe, it } from 'vitest';
import { createSigner } from '../src/index.js';
import { sharedKeys } from './helpers/keys.js';
import { requestArbitrary, signVerifyProperty } from './helpers/signVerifyProperty.js';

const { privateKeyPem, publicKeyPem } = sharedKeys();

describe('sign → verify property (fast-check)', () => {
  it.each(['AMZN-PAY-RSASSA-PSS-V2', 'AMZN-PAY-RSASSA-PSS'] as const)(
    '%s: random requests verify; any single mutation of a signed part fails (300 runs)',
    async (algorithm) => {
      const signer = createSigner({
        publicKeyId: 'SANDBOX-PROP',
        privateKey: privateKeyPem,
        region: 'eu',
        algorithm,
      });
      await fc.assert(
        fc.asyncProperty(requestArbitrary, (c) => signVerifyProperty(signer, publicKeyPem, c)),
        { numRuns: 300 },
      );
    },
    60_000,
  );
});
