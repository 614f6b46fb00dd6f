import type * as z from 'zod/mini';

interface ZodInternals {
  _zod: {
    def: {
      type: string;
      shape?: Record<string, ZodInternals>;
      innerType?: ZodInternals;
      options?: ZodInternals[];
      element?: ZodInternals;
      in?: ZodInternals;
      getter?: () => ZodInternals;
    };
  };
}

/** Unwraps optional/nullable/default/pipe/lazy wrappers down to the schema that decides the shape. */
function unwrap(schema: ZodInternals): ZodInternals {
  let current = schema;
  for (let i = 0; i < 20; i++) {
    const def = current._zod.def;
    if (def.innerType) current = def.innerType;
    else if (def.type === 'pipe' && def.in) current = def.in;
    else if (def.type === 'lazy' && def.getter) current = def.getter();
    else return current;
  }
  return current;
}

/**
 * The first request field the schema does not describe, as a dotted path, or undefined. Request
 * schemas let unknown fields through (Amazon adds fields over time); Amazon itself answers
 * UnrecognizedField for them, which catches typos such as `paymentDetail`.
 */
export function findUnknownField(schema: z.ZodMiniType, value: unknown, path = ''): string | undefined {
  const s = unwrap(schema as unknown as ZodInternals);
  const def = s._zod.def;
  if (def.type === 'union' && def.options) {
    // Only the members that could describe this kind of value get a say.
    const kind = Array.isArray(value) ? 'array' : value && typeof value === 'object' ? 'object' : 'scalar';
    const candidates = def.options.filter((option) => {
      const type = unwrap(option)._zod.def.type;
      return type === 'union' || type === kind;
    });
    if (candidates.length === 0) return undefined;
    const verdicts = candidates.map((option) =>
      findUnknownField(option as unknown as z.ZodMiniType, value, path),
    );
    return verdicts.includes(undefined) ? undefined : verdicts[0];
  }
  if (def.type === 'array' && def.element && Array.isArray(value)) {
    for (const [i, item] of value.entries()) {
      const found = findUnknownField(def.element as unknown as z.ZodMiniType, item, `${path}[${i}]`);
      if (found) return found;
    }
    return undefined;
  }
  if (def.type === 'object' && def.shape && value && typeof value === 'object' && !Array.isArray(value)) {
    for (const [key, inner] of Object.entries(value)) {
      const fieldPath = path ? `${path}.${key}` : key;
      const field = def.shape[key];
      if (!field) return fieldPath;
      const found = findUnknownField(field as unknown as z.ZodMiniType, inner, fieldPath);
      if (found) return found;
    }
  }
  return undefined;
}
