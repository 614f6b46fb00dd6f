import { describe, expect, it } from 'vitest';
import * as client from '../src/index.js';
import {
  AmazonPayApiError,
  AmazonPayConfigError,
  AmazonPayError,
  type AmazonPayErrorInit,
  AmazonPayMalformedResponseError,
  AmazonPayRequestValidationError,
  AmazonPayServiceError,
} from '../src/index.js';

type ErrorClass = new (init: AmazonPayErrorInit) => AmazonPayError;

const classes = (Object.entries(client) as [string, unknown][]).filter(
  (entry): entry is [string, ErrorClass] =>
    typeof entry[1] === 'function' && (entry[1] as { prototype: unknown }).prototype instanceof Error,
);

describe('one error shape', () => {
  it('every class takes one AmazonPayErrorInit and carries its name and a string code', () => {
    expect(classes.map(([name]) => name).sort()).toHaveLength(18);
    const codes = new Set<string>();
    for (const [name, ErrorClass] of classes) {
      const error = new ErrorClass({
        operationId: 'getCharge',
        method: 'GET',
        url: 'https://x/v2/charges/1',
      });
      expect(error).toBeInstanceOf(AmazonPayError);
      expect(error.name).toBe(name);
      expect(error.code).toMatch(/^[A-Z_]+$/);
      expect(error).toMatchObject({ operationId: 'getCharge', method: 'GET', url: 'https://x/v2/charges/1' });
      expect(error.message.length).toBeGreaterThan(0);
      codes.add(error.code);
    }
    // One code per class, so code tells the kinds apart where instanceof cannot.
    expect(codes.size).toBe(18);
  });

  it('fills in what each class says by default, and takes an explicit value instead', () => {
    expect(new AmazonPayServiceError({ status: 503 }).mayHaveSucceeded).toBe(true);
    expect(new AmazonPayApiError({ status: 404 }).mayHaveSucceeded).toBe(false);
    expect(new AmazonPayApiError({ status: 422, mayHaveSucceeded: true }).mayHaveSucceeded).toBe(true);
    expect(new AmazonPayMalformedResponseError({ rawBody: '' })).toMatchObject({
      code: 'MALFORMED_RESPONSE',
      mayHaveSucceeded: true,
    });
    // Nothing was sent: a request validation error can never say the effect may have happened.
    expect(new AmazonPayRequestValidationError({ mayHaveSucceeded: true, issues: [] }).mayHaveSucceeded).toBe(
      false,
    );
    const config = new AmazonPayConfigError({
      field: 'privateKey',
      code: 'KEY_FILE_NOT_FOUND',
      message: 'x',
    });
    expect(config).toMatchObject({ field: 'privateKey', code: 'KEY_FILE_NOT_FOUND', message: 'x' });
    const cause = new Error('root');
    expect(new AmazonPayError({ cause }).cause).toBe(cause);
  });

  it('fields are readonly: nothing is patched after construction', () => {
    const error = new AmazonPayServiceError({ status: 503 });
    // @ts-expect-error mayHaveSucceeded is readonly
    error.mayHaveSucceeded = false;
    // @ts-expect-error idempotencyKey is readonly
    error.idempotencyKey = 'k';
    expect('withContext' in error).toBe(false);
  });
});
