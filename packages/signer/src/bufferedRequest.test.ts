import { describe, expect, it } from 'vitest';
import { BufferedRequest } from './bufferedRequest.js';

const url = 'https://pay-api.amazon.eu/v2/charges';

describe('BufferedRequest', () => {
  it('keeps a string body as given, and is a Request carrying the same bytes', async () => {
    const request = new BufferedRequest(url, { method: 'POST', body: '{"a":1}' });
    expect(request).toBeInstanceOf(Request);
    expect(request.bodySource).toBe('{"a":1}');
    expect(await request.text()).toBe('{"a":1}');
  });

  it('copies bytes, so a later change to the caller’s buffer does not reach it', () => {
    const bytes = new TextEncoder().encode('{"a":1}');
    const request = new BufferedRequest(url, { method: 'POST', body: bytes });
    bytes[2] = 0x62;
    expect(new TextDecoder().decode(request.bodySource as Uint8Array)).toBe('{"a":1}');
    const buffer = new TextEncoder().encode('xy').buffer;
    expect(new BufferedRequest(url, { method: 'POST', body: buffer }).bodySource).toEqual(
      new TextEncoder().encode('xy'),
    );
  });

  it('has null without a body and undefined for a body only reading reveals', () => {
    expect(new BufferedRequest(url).bodySource).toBeNull();
    const stream = new ReadableStream({ start: (c) => c.close() });
    expect(
      new BufferedRequest(url, { method: 'POST', body: stream, duplex: 'half' } as RequestInit).bodySource,
    ).toBeUndefined();
    expect(new BufferedRequest(url, { method: 'POST', body: new Blob(['x']) }).bodySource).toBeUndefined();
  });

  it('inherits the body of the request it copies', () => {
    const source = new BufferedRequest(url, { method: 'POST', body: 'payload' });
    expect(new BufferedRequest(source, { headers: { a: 'b' } }).bodySource).toBe('payload');
    expect(new BufferedRequest(new Request(url)).bodySource).toBeNull();
    expect(new BufferedRequest(new Request(url, { method: 'POST', body: 'x' })).bodySource).toBeUndefined();
  });
});
