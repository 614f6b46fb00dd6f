// The client installed alone (no zod): load it and the types' root entry, sign a button payload.
import { WebStoreClient } from '@amazon-pay-ts/client';
import { generateKeyPairPem } from '@amazon-pay-ts/signer';
import { operationIds } from '@amazon-pay-ts/types';
import scenario from './scenario.cjs';

console.log(JSON.stringify(await scenario.run({ WebStoreClient, generateKeyPairPem, operationIds })));
