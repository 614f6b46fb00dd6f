import { sendJson } from '../stages/transport.js';
import type { PageHandler } from './pages.js';

/** `GET /` says what this is, where the API and checkout.js are and which key ids it accepts. */
export const home: PageHandler = {
  name: 'home',
  match: ({ method, url }) => method === 'GET' && url.pathname === '/',
  handle({ engine, keys, res }) {
    sendJson(
      res,
      200,
      JSON.stringify({
        simulator: '@amazon-pay-ts/simulator',
        apiBase: `${engine.baseUrl}/v2`,
        checkoutJs: `${engine.baseUrl}/checkout.js`,
        publicKeyIds: keys.ids(),
      }),
    );
  },
};
