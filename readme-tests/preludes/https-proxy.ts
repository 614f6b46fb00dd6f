// `HTTPS_PROXY` points at a CONNECT proxy and `PROXY_CA_CERT` holds the CA certificate of a
// TLS-inspecting proxy, as in a corporate network. Here the proxy tunnels every host to an https
// simulator whose certificate names pay-api.amazon.eu, so nothing reaches Amazon.
import { world as readmeWorld } from '../src/world.js';

await (async () => {
  const { proxy, caCert } = await readmeWorld().httpsProxy();
  process.env.HTTPS_PROXY = proxy.url;
  process.env.PROXY_CA_CERT = caCert;
})();
