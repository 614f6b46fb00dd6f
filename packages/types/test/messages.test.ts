import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { AddressInputSchema } from '../src/zod.js';

describe('issue messages', () => {
  it('are English although zod/mini ships without a locale', () => {
    const result = AddressInputSchema.safeParse({
      name: 'x'.repeat(51),
      addressLine1: 'a',
      countryCode: 'DE',
    });
    expect(result.error?.issues.map((issue) => issue.message)).toEqual([
      'Too big: expected string to have <=50 characters',
    ]);
  });

  it('follow a locale the application configured', () => {
    const previous = z.config().localeError;
    z.config({ localeError: () => 'eigene Meldung' });
    try {
      const result = AddressInputSchema.safeParse({ name: 1, addressLine1: 'a', countryCode: 'DE' });
      expect(result.error?.issues[0]?.message).toBe('eigene Meldung');
    } finally {
      z.config({ localeError: previous });
    }
  });
});
