import { startStorefront } from './server.js';

// `pnpm storefront`: the shop on http://127.0.0.1:3000 (PORT to change), against the embedded
// simulator unless AMAZON_PAY_PUBLIC_KEY_ID and friends point it at Amazon's sandbox.
const shop = await startStorefront(process.env, { logger: console });
console.log(`Sandbox Outfitters is open at ${shop.publicUrl}`);
console.log(
  shop.sim
    ? `Amazon Pay: the embedded simulator at ${shop.sim.url} (its checkout.js and hosted pages)`
    : "Amazon Pay: Amazon's sandbox and checkout.js",
);
console.log(
  `Orders: ${shop.db.driver === 'postgres' ? 'PostgreSQL (DATABASE_URL)' : 'embedded PostgreSQL (PGlite)'}`,
);
if (shop.adminPasswordFile) {
  console.log(`Admin (${shop.publicUrl}/admin): this run's password is in ${shop.adminPasswordFile}`);
}
console.log('Ctrl-C to stop.');
const stop = () => {
  shop.close().then(() => process.exit(0));
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
