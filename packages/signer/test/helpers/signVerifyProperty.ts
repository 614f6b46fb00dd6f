import fc from 'fast-check';
import { amzDate, parseAmzDate, type Signer, verifyRequest } from '../../src/index.js';

/**
 * The sign → verify property shared by the unit suite (a few hundred runs) and
 * bench/sign-properties.ts (tens of thousands): a random request signed by `signer` verifies, and
 * every single mutation of something signed makes it fail.
 */

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
const HEADER_NAMES = ['x-amz-pay-idempotency-key', 'x-amz-pay-authtoken', 'x-custom-header', 'x-z'];
const MUTATIONS = ['body', 'method', 'path', 'query', 'header', 'date', 'algorithm', 'signature'] as const;
type Mutation = (typeof MUTATIONS)[number];

const segment = fc
  .string({ unit: 'grapheme', maxLength: 12 })
  .map((text) => text.replace(/[?#%\\]/g, (c) => encodeURIComponent(c)));
// Visible ASCII and spaces: what HTTP allows in a header value.
const headerValue = fc.string({
  unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)),
  maxLength: 24,
});

export const requestArbitrary = fc.record({
  method: fc.constantFrom(...METHODS),
  segments: fc.array(segment, { maxLength: 4 }),
  query: fc.array(
    fc.tuple(fc.string({ unit: 'grapheme', maxLength: 8 }), fc.string({ unit: 'grapheme', maxLength: 8 })),
    {
      maxLength: 4,
    },
  ),
  headers: fc.dictionary(fc.constantFrom(...HEADER_NAMES), headerValue, { maxKeys: 3 }),
  body: fc.option(fc.uint8Array({ maxLength: 64 }), { nil: undefined }),
  mutation: fc.constantFrom(...MUTATIONS),
  pick: fc.nat(),
});
export type RequestCase = typeof requestArbitrary extends fc.Arbitrary<infer T> ? T : never;

export async function signVerifyProperty(
  signer: Signer,
  publicKeyPem: string,
  c: RequestCase,
): Promise<boolean> {
  const url = new URL('https://pay-api.amazon.eu/');
  url.pathname = `/v2/${c.segments.join('/')}`;
  for (const [name, value] of c.query) url.searchParams.append(name, value);
  const body = c.method === 'GET' ? undefined : c.body;
  const signed = await signer.sign(
    new Request(url, {
      method: c.method,
      headers: c.headers,
      body: body as Uint8Array<ArrayBuffer> | undefined,
    }),
  );
  const parts = {
    method: signed.method,
    url: signed.url,
    headers: Object.fromEntries(signed.headers) as Record<string, string>,
    body: new Uint8Array(await signed.arrayBuffer()),
  };
  const now = parseAmzDate(parts.headers['x-amz-pay-date']!)!;
  const accepted = await verifyRequest(parts, publicKeyPem, { now });
  if (!accepted.ok) throw new Error(`signed request rejected: ${accepted.reason} ${accepted.message}`);

  const mutated = mutate(parts, c.mutation, c.pick);
  const rejected = await verifyRequest(mutated, publicKeyPem, { now });
  if (rejected.ok) throw new Error(`mutation "${c.mutation}" was accepted`);
  return true;
}

function mutate(
  parts: { method: string; url: string; headers: Record<string, string>; body: Uint8Array },
  mutation: Mutation,
  pick: number,
) {
  const headers = { ...parts.headers };
  switch (mutation) {
    case 'body': {
      if (parts.body.length === 0) return { ...parts, body: Uint8Array.of(0x20) };
      const body = parts.body.slice();
      body[pick % body.length]! ^= 1 << (pick % 8);
      return { ...parts, body };
    }
    case 'method':
      return { ...parts, method: parts.method === 'POST' ? 'PUT' : 'POST' };
    case 'path': {
      const [beforeQuery, query] = parts.url.split('?', 2);
      return { ...parts, url: `${beforeQuery}x${query === undefined ? '' : `?${query}`}` };
    }
    case 'query':
      return { ...parts, url: parts.url.includes('?') ? `${parts.url}&zz=1` : `${parts.url}?zz=1` };
    case 'header': {
      const names = headers.authorization!.split('SignedHeaders=')[1]!.split(',')[0]!.split(';');
      const name = names[pick % names.length]!;
      headers[name] = `${headers[name]}x`;
      return { ...parts, headers };
    }
    case 'date': {
      const date = parseAmzDate(headers['x-amz-pay-date']!)!;
      headers['x-amz-pay-date'] = amzDate(new Date(date.getTime() + 1000));
      return { ...parts, headers };
    }
    case 'algorithm': {
      const auth = headers.authorization!;
      headers.authorization = auth.startsWith('AMZN-PAY-RSASSA-PSS-V2 ')
        ? auth.replace('AMZN-PAY-RSASSA-PSS-V2 ', 'AMZN-PAY-RSASSA-PSS ')
        : auth.replace('AMZN-PAY-RSASSA-PSS ', 'AMZN-PAY-RSASSA-PSS-V2 ');
      return { ...parts, headers };
    }
    case 'signature': {
      const auth = headers.authorization!;
      const at = auth.indexOf('Signature=') + 'Signature='.length + (pick % 300);
      const original = auth[at]!;
      headers.authorization = auth.slice(0, at) + (original === 'A' ? 'B' : 'A') + auth.slice(at + 1);
      return { ...parts, headers };
    }
  }
}
