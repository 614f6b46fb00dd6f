import { request } from 'node:http';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createControlPlaneClient } from '../src/control-plane/index.js';
import { type Simulator, startSimulator } from '../src/index.js';

// The control plane is open on loopback, so a web page in the developer's browser must not be able to
// drive it with a request that needs no CORS preflight: a form post, fetch with text/plain or with no
// content type, sendBeacon. Each case here is one a browser would send; each must change nothing.
let sim: Simulator;
let control: ReturnType<typeof createControlPlaneClient>;

beforeAll(async () => {
  sim = await startSimulator();
  control = createControlPlaneClient({ baseUrl: sim.url });
});
afterAll(() => sim.close());
beforeEach(() => control.reset());

async function pending(): Promise<number> {
  return (await control.listFaults()).pending.length;
}

async function refusal(response: Response): Promise<{ status: number; reasonCode: string }> {
  expect(response.headers.get('content-type')).toMatch(/^application\/json/);
  expect(response.headers.get('access-control-allow-origin')).toBeNull();
  const body = (await response.json()) as { reasonCode: string; message: string };
  expect(body.message).toEqual(expect.any(String));
  return { status: response.status, reasonCode: body.reasonCode };
}

const fault = JSON.stringify({ status: 503 });

/** A request to the simulator's socket with a Host header of our choosing (fetch keeps its own). */
function send(method: string, path: string, headers: Record<string, string>, body?: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const { port } = new URL(sim.url);
    const req = request({ host: '127.0.0.1', port, method, path, headers }, (res) => {
      res.resume();
      resolve(res.statusCode!);
    });
    req.on('error', reject);
    req.end(body);
  });
}

const post = (path: string, headers: Record<string, string>, body?: string) =>
  send('POST', path, headers, body);

describe('control plane against cross-site browser requests', () => {
  it('refuses a JSON body sent as text/plain, or with no content type, with 415 and queues nothing', async () => {
    const textPlain = await fetch(`${sim.url}/__simulator/faults`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: fault,
    });
    expect(await refusal(textPlain)).toEqual({ status: 415, reasonCode: 'UnsupportedMediaType' });
    const form = await fetch(`${sim.url}/__simulator/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: fault,
    });
    expect((await refusal(form)).status).toBe(415);
    const untyped = await fetch(`${sim.url}/__simulator/faults`, {
      method: 'POST',
      body: new Blob([fault]), // a Blob without a type: fetch sends no content-type at all
    });
    expect(untyped.headers.get('content-type')).toMatch(/json/);
    expect((await refusal(untyped)).status).toBe(415);
    expect(await pending()).toBe(0);
  });

  it('refuses a state change from another origin with 403, whatever its body', async () => {
    await control.queueFault({ status: 503 });
    for (const origin of ['https://evil.example', 'null', 'http://localhost:1']) {
      const reset = await fetch(`${sim.url}/__simulator/reset`, { method: 'POST', headers: { origin } });
      expect(await refusal(reset)).toEqual({ status: 403, reasonCode: 'CrossOriginRequestRefused' });
    }
    const json = await fetch(`${sim.url}/__simulator/faults`, {
      method: 'POST',
      headers: { origin: 'https://evil.example', 'content-type': 'application/json' },
      body: fault,
    });
    expect((await refusal(json)).status).toBe(403);
    const cleared = await fetch(`${sim.url}/__simulator/faults`, {
      method: 'DELETE',
      headers: { 'sec-fetch-site': 'cross-site' },
    });
    expect((await refusal(cleared)).status).toBe(403);
    const preflight = await fetch(`${sim.url}/__simulator/faults`, {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
    });
    expect((await refusal(preflight)).status).toBe(403);
    expect(await pending()).toBe(1);
  });

  it('refuses a page whose name was rebound to loopback, though its Origin matches its Host', async () => {
    const { port } = new URL(sim.url);
    const host = `rebound.example:${port}`;
    expect(await post('/__simulator/reset', { host, origin: `http://${host}` })).toBe(403);
  });

  it('still acts for its own origin, under either loopback name, and for clients outside a browser', async () => {
    const { port } = new URL(sim.url);
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`]) {
      const headers = {
        host,
        origin: `http://${host}`,
        'sec-fetch-site': 'same-origin',
        'content-type': 'application/json; charset=utf-8',
      };
      expect(await post('/__simulator/faults', headers, fault)).toBe(200);
    }
    expect(await pending()).toBe(2);
    // curl without a body and without a content type, as the README shows
    expect((await fetch(`${sim.url}/__simulator/reset`, { method: 'POST' })).status).toBe(204);
    expect(await pending()).toBe(0);
  });

  it('takes the public URL it was given as its own origin', async () => {
    // A fixed port, so the test knows where the socket is behind the public URL: on a random
    // loopback address, as no other test uses it.
    const address = `127.0.0.${2 + Math.floor(Math.random() * 248)}`;
    const behindProxy = await startSimulator({
      host: address,
      port: 4010,
      publicUrl: 'https://simulator.test:4010',
    });
    try {
      const queue = (origin: string) =>
        fetch(`http://${address}:4010/__simulator/faults`, {
          method: 'POST',
          headers: { origin, 'content-type': 'application/json' },
          body: fault,
        });
      expect((await queue('https://simulator.test:4010')).status).toBe(200);
      expect((await queue('https://other.test:4010')).status).toBe(403);
    } finally {
      await behindProxy.close();
    }
  });

  it('answers reads only to a loopback name or its base URL, so a rebound page cannot read the state', async () => {
    const { port } = new URL(sim.url);
    for (const path of ['/__simulator/state', '/__simulator/faults']) {
      expect(await send('GET', path, { host: `rebound.example:${port}` })).toBe(403);
      expect(await send('GET', path, { host: `127.0.0.1:${port}` })).toBe(200);
      expect(await send('GET', path, { host: `localhost:${port}` })).toBe(200);
    }
  });

  it('lets any origin read (no CORS header: the browser keeps the answer from the page)', async () => {
    const read = await fetch(`${sim.url}/__simulator/faults`, {
      headers: { origin: 'https://evil.example' },
    });
    expect(read.status).toBe(200);
    expect(read.headers.get('access-control-allow-origin')).toBeNull();
  });
});
