// What Amazon's docs, its official SDKs and their sandbox tests show, held against the generated
// schemas (issue 10). Each block names its source; fixtures with the full payloads sit in fixtures/.
import { describe, expect, it } from 'vitest';
import { openapiDocument } from '../src/index.js';
import {
  ChargePermissionReasonCodeSchema,
  ChargeSchema,
  CheckoutSessionSchema,
  CreateCheckoutSessionRequestSchema,
  DisputeSchema,
  ErrorReasonCodeSchema,
  InStoreTransactionStateSchema,
  operationSchemas,
  PhoneNumberInputSchema,
} from '../src/zod.js';

const accepts = (schema: { safeParse(value: unknown): { success: boolean } }, value: unknown) =>
  schema.safeParse(value).success;

describe('Charge.convertedAmount (docs sample: string; .NET SDK: Price; JP sandbox: null)', () => {
  const charge = { chargeId: 'S01-0000000-0000000-C000000' };

  it('accepts all three shapes', () => {
    expect(accepts(ChargeSchema, { ...charge, convertedAmount: '14.00' })).toBe(true);
    expect(
      accepts(ChargeSchema, { ...charge, convertedAmount: { amount: '14.00', currencyCode: 'EUR' } }),
    ).toBe(true);
    expect(accepts(ChargeSchema, { ...charge, convertedAmount: null })).toBe(true);
  });

  it('still rejects a wrong type', () => {
    expect(accepts(ChargeSchema, { ...charge, convertedAmount: 14 })).toBe(false);
  });
});

describe('success statuses the official Node.js SDK asserts against the live sandbox', () => {
  it.each([
    ['updateAmazonPayAccount', 204],
    ['deleteAmazonPayAccount', 202],
    ['createDispute', 200],
    ['getDispute', 200],
    ['updateDispute', 200],
    ['contestDispute', 200],
    ['uploadFile', 200],
  ] as const)('%s answers %i', (operationId, status) => {
    expect(operationSchemas[operationId].successStatus).toBe(status);
  });

  it('an answer without a body validates as undefined, and only as undefined', () => {
    for (const operationId of ['updateAmazonPayAccount', 'deleteAmazonPayAccount'] as const) {
      expect(accepts(operationSchemas[operationId].response, undefined), operationId).toBe(true);
      expect(accepts(operationSchemas[operationId].response, { merchantAccountId: 'A' }), operationId).toBe(
        false,
      );
    }
  });
});

describe('CheckoutSession keys asserted by the Node.js SDK sandbox tests', () => {
  const declared = Object.keys(CheckoutSessionSchema.shape);

  it('are all declared (Get/Update and Finalize key lists)', () => {
    for (const key of ['orderType', 'merchantDetails', 'tokens', 'cartDetails'])
      expect(declared).toContain(key);
  });

  it('take null, and open objects where the shape is undocumented', () => {
    const session = { checkoutSessionId: 'cs-1' };
    for (const key of ['orderType', 'merchantDetails', 'tokens', 'cartDetails']) {
      expect(accepts(CheckoutSessionSchema, { ...session, [key]: null }), key).toBe(true);
    }
    expect(accepts(CheckoutSessionSchema, { ...session, merchantDetails: { anything: 1 } })).toBe(true);
    expect(accepts(CheckoutSessionSchema, { ...session, cartDetails: { lineItems: [] } })).toBe(true);
    expect(accepts(CheckoutSessionSchema, { ...session, merchantDetails: 'text' })).toBe(false);
  });

  it('CreateCheckoutSessionRequest takes multiAddressesCheckoutMetadata (.NET SDK) and no webCheckoutDetails (JP Buy Now)', () => {
    const storeId = 'amzn1.application-oa2-client.x';
    expect(
      accepts(CreateCheckoutSessionRequestSchema, {
        storeId,
        webCheckoutDetails: { checkoutReviewReturnUrl: 'https://merchant.example/review' },
        multiAddressesCheckoutMetadata: [{ addressId: 'a1', price: { amount: '10', currencyCode: 'JPY' } }],
      }),
    ).toBe(true);
    expect(accepts(CreateCheckoutSessionRequestSchema, { storeId })).toBe(true);
    expect(accepts(CreateCheckoutSessionRequestSchema, {})).toBe(false);
  });
});

describe('dispute timestamps (docs: date-time string; Node.js SDK: epoch ms; Java/PHP: epoch s)', () => {
  const dispute = { disputeId: 'P01-0000000-0000000-B000000' };

  it.each([['filingTimestamp'], ['merchantResponseDeadline'], ['closureTimestamp'], ['creationTimestamp']])(
    '%s accepts a string, milliseconds, seconds or null and rejects other types',
    (field) => {
      for (const value of ['20250217T081500Z', 1739780100000, 1739780100, null]) {
        expect(accepts(DisputeSchema, { ...dispute, [field]: value }), String(value)).toBe(true);
      }
      for (const value of [true, 1.5, { seconds: 1 }]) {
        expect(accepts(DisputeSchema, { ...dispute, [field]: value }), JSON.stringify(value)).toBe(false);
      }
    },
  );
});

describe('getReportScheduleById (docs sample wraps it, the Node.js SDK test sees it bare)', () => {
  const schedule = { reportScheduleId: '68973459224', reportType: 'X', scheduleFrequency: 'P1D' };
  const response = operationSchemas.getReportScheduleById.response;

  it('accepts both shapes', () => {
    expect(accepts(response, schedule)).toBe(true);
    expect(accepts(response, { reportSchedules: [schedule] })).toBe(true);
    expect(accepts(response, { reportSchedules: 'x' })).toBe(false);
  });
});

describe('currency decimals in the published spec', () => {
  const currency = openapiDocument.components!.schemas!.CurrencyCode as unknown as {
    enum: string[];
    'x-currency-decimals': Record<string, number>;
  };

  it('names the decimals of every supported currency, none for JPY', () => {
    expect(Object.keys(currency['x-currency-decimals']).sort()).toEqual([...currency.enum].sort());
    expect(currency['x-currency-decimals'].JPY).toBe(0);
    for (const code of currency.enum.filter((code) => code !== 'JPY')) {
      expect(currency['x-currency-decimals'][code], code).toBe(2);
    }
  });

  it('says so in the amount descriptions', () => {
    const { Amount, AmountInput } = openapiDocument.components!.schemas! as unknown as Record<
      string,
      { description: string }
    >;
    for (const schema of [Amount!, AmountInput!]) expect(schema.description).toMatch(/none for\s+JPY/);
  });
});

describe('requests Amazon accepts', () => {
  it('a phone number without countryCode (PHP SDK createMerchantAccount)', () => {
    expect(accepts(PhoneNumberInputSchema, { number: '465123456' })).toBe(true);
    expect(accepts(PhoneNumberInputSchema, { countryCode: '81' })).toBe(false);
  });
});

describe('enum values seen in real responses and per-operation errors', () => {
  it('charge permission reason TransactionAmountExceeded (.NET SDK issue #5)', () => {
    expect(ChargePermissionReasonCodeSchema.options).toContain('TransactionAmountExceeded');
  });

  it('in-store transaction state Pending (.NET SDK State)', () => {
    expect(InStoreTransactionStateSchema.options).toContain('Pending');
  });

  it('per-operation and generic error reason codes', () => {
    for (const code of [
      'PeriodicAmountExceeded',
      'MFANotCompleted',
      'AmountMismatch',
      'ChargePermissionNotModifiable',
      'InvalidInputFormat',
      'InvalidAuthentication',
      'InvalidAuthorizationToken',
      'RequestTimeout',
      'TLSVersionNotSupported',
      'ServiceUnavailable',
    ]) {
      expect(ErrorReasonCodeSchema.options, code).toContain(code);
    }
  });
});
