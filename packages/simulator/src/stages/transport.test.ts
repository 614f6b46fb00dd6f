import type { IncomingMessage } from 'node:http';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { headerRecord, readBody } from './transport.js';

function request(chunks: Buffer[], headers: Record<string, string | string[]> = {}): IncomingMessage {
  const stream = Readable.from(chunks) as unknown as IncomingMessage;
  Object.assign(stream, { headers });
  return stream;
}

describe('transport', () => {
  it('lower-cases header names and joins repeated headers', () => {
    const req = { headers: { 'X-Amz-Pay-Date': 'a', accept: ['x', 'y'] } } as unknown as IncomingMessage;
    expect(headerRecord(req)).toEqual({ 'x-amz-pay-date': 'a', accept: 'x, y' });
  });

  it('reads a body under the limit whole', async () => {
    const body = await readBody(request([Buffer.from('ab'), Buffer.from('cd')]), 4);
    expect(body.toString()).toBe('abcd');
  });

  it('refuses by content-length before reading', async () => {
    let read = false;
    const req = request([Buffer.from('x')], { 'content-length': '100' });
    req.on('data', () => {
      read = true;
    });
    await expect(readBody(req, 10)).rejects.toMatchObject({
      status: 413,
      reasonCode: 'RequestEntityTooLarge',
    });
    expect(read).toBe(false);
  });

  it('refuses a streamed body as soon as it passes the limit', async () => {
    const req = request([Buffer.alloc(6), Buffer.alloc(6), Buffer.alloc(6)]);
    await expect(readBody(req, 10)).rejects.toMatchObject({ status: 413 });
  });
});
