import { afterAll, beforeAll, expect, it } from 'vitest';
import { createControlPlaneClient } from '../src/control-plane/index.js';
import { type Simulator, startSimulator } from '../src/index.js';

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator();
});
afterAll(() => sim.close());

// Moving the clock past year 9999 made every later date unwritable: the control plane answered 500
// to each clock read from then on. Now the move itself is refused and the clock stays usable.
it('refuses with 400 a clock move past four-digit years and keeps answering', async () => {
  const control = createControlPlaneClient({ baseUrl: sim.url });
  await control.setClock({ now: '9998-12-01T00:00:00Z' });
  const advance = await fetch(`${sim.url}/__simulator/clock/advance`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ ms: 31_622_400_000 }),
  });
  expect(advance.status).toBe(400);
  expect(((await advance.json()) as { reasonCode: string }).reasonCode).toBe('InvalidParameterValue');
  const set = await fetch(`${sim.url}/__simulator/clock`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ now: '9999-12-31T23:59:59Z' }),
  });
  expect(set.status).toBe(400);
  expect((await control.getClock()).now).toMatch(/^9998-12-01T/);
});
