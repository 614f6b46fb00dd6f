import type { IncomingMessage, ServerResponse } from 'node:http';
import { describe, expect, it } from 'vitest';
import { applyFault } from './faults.js';

function fakeResponse() {
  const sent: { status?: number; headers?: Record<string, unknown>; body?: string } = {};
  const res = {
    writeHead(status: number, headers: Record<string, unknown>) {
      sent.status = status;
      sent.headers = headers;
    },
    end(bytes: Buffer) {
      sent.body = bytes.toString();
    },
  } as unknown as ServerResponse;
  return { res, sent };
}

describe('fault stage', () => {
  const req = {} as IncomingMessage;

  it('lets requests without a fault, or with a truncating one, proceed', async () => {
    const { res } = fakeResponse();
    expect(await applyFault(undefined, req, res)).toEqual({ kind: 'proceed', truncate: false });
    expect(await applyFault({ body: 'truncated' }, req, res)).toEqual({ kind: 'proceed', truncate: true });
  });

  it('answers a status fault with the default reason code and Retry-After', async () => {
    const { res, sent } = fakeResponse();
    expect(await applyFault({ status: 429, retryAfter: 2 }, req, res)).toEqual({
      kind: 'handled',
      status: 429,
      reasonCode: 'TooManyRequests',
    });
    expect(sent.status).toBe(429);
    expect(sent.headers?.['retry-after']).toBe('2');
    expect(JSON.parse(sent.body!)).toMatchObject({ reasonCode: 'TooManyRequests' });
  });
});
