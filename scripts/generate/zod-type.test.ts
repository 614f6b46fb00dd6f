import { describe, expect, it } from 'vitest';
import { markPure } from './zod-expression.js';
import { zodType } from './zod-type.js';

describe('zodType', () => {
  it('names referenced schemas and spells out the zod/mini types of the rest', () => {
    expect(zodType('z.optional(z.nullable(z.array(BuyerSchema)))')).toBe(
      'z.ZodMiniOptional<z.ZodMiniNullable<z.ZodMiniArray<typeof BuyerSchema>>>',
    );
    expect(zodType('z.union([CurrencyCodeSchema, z.string()])')).toBe(
      'z.ZodMiniUnion<readonly [typeof CurrencyCodeSchema, z.ZodMiniString<string>]>',
    );
    expect(zodType('z.enum(["A", "B"])')).toBe('z.ZodMiniEnum<{ "A": "A"; "B": "B"; }>');
    expect(zodType('z.literal([1, "x"])')).toBe('z.ZodMiniLiteral<1 | "x">');
    expect(zodType('z.lazy(() => NodeSchema)')).toBe('z.ZodMiniLazy<typeof NodeSchema>');
    expect(zodType('z.record(z.string(), z.int())')).toBe(
      'z.ZodMiniRecord<z.ZodMiniString<string>, z.ZodMiniInt>',
    );
  });

  it('ignores refinements, which do not change the type, and reads its own pure-marked output', () => {
    const source =
      'z.looseObject({\n  "a-b": z.string().check(z.regex(new RegExp("^[a-z]+(\\\\d)$")), z.maxLength(3)),\n  c: z.intersection(A1Schema, z.strictObject({})),\n})';
    const expected =
      'z.ZodMiniObject<{\n  "a-b": z.ZodMiniString<string>;\n  c: z.ZodMiniIntersection<typeof A1Schema, z.ZodMiniObject<{}, z.core.$strict>>;\n}, z.core.$loose>';
    expect(zodType(source)).toBe(expected);
    expect(zodType(markPure(source))).toBe(expected);
    expect(zodType('z.catchall(z.object({ n: z.number() }), z.boolean())')).toBe(
      'z.ZodMiniObject<{\n  n: z.ZodMiniNumber<number>;\n}, z.core.$catchall<z.ZodMiniBoolean<boolean>>>',
    );
  });

  it('refuses what it has no type for, rather than guessing', () => {
    expect(() => zodType('z.pipe(z.transform((value: unknown) => value), z.string())')).toThrow(/zodType/);
    expect(() => zodType('z.custom()')).toThrow(/no type for z.custom/);
  });
});
