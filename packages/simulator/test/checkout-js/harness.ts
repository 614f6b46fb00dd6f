import { existsSync } from 'node:fs';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebStoreClient } from '@amazon-pay-ts/client';
import { createSigner, type SignatureAlgorithm } from '@amazon-pay-ts/signer';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { describe } from 'vitest';
import { type Simulator, startSimulator } from '../../src/index.js';
import { testKeyPair } from '../helpers.js';

/**
 * Replays of real integrations' checkout.js calls in Chromium: a simulator, a tiny "shop" serving
 * the pages each integration renders, and one browser page. The pages' scripts are written from
 * what each integration passes (see the simulator README's checkout.js section), not copied.
 */

/** Debian's and Ubuntu's Chromium; CHROMIUM_PATH wins when set. */
export function findChromium(env: Record<string, string | undefined> = process.env): string | undefined {
  if (env.CHROMIUM_PATH) return existsSync(env.CHROMIUM_PATH) ? env.CHROMIUM_PATH : undefined;
  return ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((path) => existsSync(path));
}

const chromiumPath = findChromium();

/** `describe` when Chromium is installed; otherwise a skipped suite whose title says why. */
export function browserSuite(title: string, body: () => void): void {
  if (chromiumPath) describe(title, body);
  else
    describe.skip(
      `${title} — SKIPPED: no Chromium (apt-get install -y chromium, or set CHROMIUM_PATH)`,
      body,
    );
}

/** Browser steps wait on a busy shared machine: a generous per-test budget. */
export const STEP_TIMEOUT = 90_000;

/** `expect.poll` options with a budget for a busy machine (its default second is too short there). */
export const POLL = { timeout: 20_000, interval: 100 } as const;

export interface ShopResponse {
  status?: number;
  type?: string;
  body: string;
}
export type ShopHandler = (request: {
  req: IncomingMessage;
  url: URL;
  body: string;
}) => ShopResponse | Promise<ShopResponse>;

/** The shop's web server: pages and endpoints by path; any other path is a plain "back at the shop" page. */
export interface Shop {
  url: string;
  route(path: string, handler: ShopHandler): void;
  page(path: string, html: string): void;
  close(): Promise<void>;
}

async function startShop(): Promise<Shop> {
  const routes = new Map<string, ShopHandler>();
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const url = new URL(req.url ?? '/', 'http://shop.invalid');
    const handler = routes.get(url.pathname);
    const answer: ShopResponse = handler
      ? await handler({ req, url, body: Buffer.concat(chunks).toString('utf8') })
      : { body: '<!doctype html><title>Shop</title><h1>Back at the shop</h1>' };
    res.writeHead(answer.status ?? 200, { 'content-type': answer.type ?? 'text/html; charset=utf-8' });
    res.end(answer.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    route: (path, handler) => routes.set(path, handler),
    page: (path, html) => routes.set(path, () => ({ body: html })),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A merchant account in the simulator: its id, its key and an API client signed with it. */
export interface Merchant {
  merchantId: string;
  publicKeyId: string;
  client: WebStoreClient;
  /** A button signature over exactly `payload`, as the official SDKs' generateButtonSignature makes it. */
  sign(payload: string, algorithm?: SignatureAlgorithm): Promise<string>;
}

export interface Replay {
  sim: Simulator;
  shop: Shop;
  page: Page;
  context: BrowserContext;
  /** The integration's merchant, and another merchant on the same simulator. */
  merchant: Merchant;
  other: Merchant;
  /** Every console message the page logged, and every uncaught error, in order. */
  console: string[];
  errors: string[];
  /** A shop page that loads the simulator's checkout.js, then the body and the page's script. */
  html(body: string, script: string): string;
  close(): Promise<void>;
}

export async function startReplay(accounts: {
  merchant: { merchantId: string; publicKeyId: string; region: 'na' | 'eu' | 'jp' };
}): Promise<Replay> {
  const { privateKeyPem, publicKeyPem } = await testKeyPair();
  const { merchantId, publicKeyId, region } = accounts.merchant;
  const otherKeyId = 'SANDBOX-AOTHERMERCHANTKEY01';
  const sim = await startSimulator({
    keys: [
      { publicKeyId, publicKey: publicKeyPem, merchantId },
      { publicKeyId: otherKeyId, publicKey: publicKeyPem, merchantId: 'A9OTHERMERCHANT' },
    ],
  });
  const merchantOf = (id: string, keyId: string): Merchant => ({
    merchantId: id,
    publicKeyId: keyId,
    client: new WebStoreClient({ region, publicKeyId: keyId, privateKey: privateKeyPem, baseUrl: sim.url }),
    async sign(payload, algorithm = 'AMZN-PAY-RSASSA-PSS') {
      const signer = createSigner({ publicKeyId: keyId, privateKey: privateKeyPem, region, algorithm });
      return (await signer.signButtonPayload(payload)).signature;
    },
  });
  const [shop, browser] = await Promise.all([
    startShop(),
    chromium.launch({
      executablePath: chromiumPath!,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    }) as Promise<Browser>,
  ]);
  const context = await browser.newContext({ viewport: { width: 900, height: 600 } });
  context.setDefaultTimeout(20_000);
  const page = await context.newPage();
  const consoleLines: string[] = [];
  const errors: string[] = [];
  page.on('console', (message) => consoleLines.push(message.text()));
  page.on('pageerror', (error) => errors.push(String(error)));
  return {
    sim,
    shop,
    page,
    context,
    merchant: merchantOf(merchantId, publicKeyId),
    other: merchantOf('A9OTHERMERCHANT', otherKeyId),
    console: consoleLines,
    errors,
    html: (body, script) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Shop</title>
<script src="${sim.url}/checkout.js"></script></head>
<body>${body}
<script>${script}</script></body></html>`,
    async close() {
      await browser.close();
      await Promise.all([shop.close(), sim.close()]);
    },
  };
}

/** JSON for an inline script, `<` escaped so a value cannot end the script element. */
export function scriptValue(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c');
}

/**
 * The PHP SDK's generateButtonSignature input: it signs `stripcslashes($payload)`, which turns
 * json_encode's escaped slashes (`\/`) back into `/` — the string a page's JS literal yields.
 */
export function phpSignedString(phpJson: string): string {
  return phpJson.replaceAll('\\/', '/');
}

/** PHP's json_encode without JSON_UNESCAPED_SLASHES: every `/` written as `\/`. */
export function phpJsonEncode(value: unknown): string {
  return JSON.stringify(value).replaceAll('/', '\\/');
}

/** Waits until the page is at a URL that starts with `prefix` (query strings vary). */
export function arrivedAt(page: Page, prefix: string): Promise<void> {
  return page.waitForURL((url) => url.href.startsWith(prefix));
}

/** The `amazonCheckoutSessionId` the simulator appended to the URL the browser is on. */
export function sessionIdIn(url: string): string {
  const id = new URL(url).searchParams.get('amazonCheckoutSessionId');
  if (!id) throw new Error(`no amazonCheckoutSessionId in ${url}`);
  return id;
}
