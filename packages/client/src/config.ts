import {
  type Environment,
  keyEnvironment,
  normalizeEnvironment,
  normalizeRegion,
  type Region,
  type RegionInput,
  resolveBaseUrl,
} from './endpoint.js';
import { AmazonPayConfigError } from './errors.js';
import type { FetchLike } from './fetch-like.js';
import type { ClientHooks } from './hooks.js';
import { RETRY_DEFAULTS } from './retry-decision.js';
import { checkRetryOptions, type RetryOptions } from './retry-options.js';

/** The request signing scheme: `AMZN-PAY-RSASSA-PSS-V2` (default, salt 32) or the older `AMZN-PAY-RSASSA-PSS` (salt 20). */
export type SignatureAlgorithm = 'AMZN-PAY-RSASSA-PSS' | 'AMZN-PAY-RSASSA-PSS-V2';
/** What a 2xx body that does not match the spec does: throw (`strict`), warn and return it (`warn`), or nothing (`off`). */
export type ValidationMode = 'strict' | 'warn' | 'off';

/**
 * Where the client reports what it does not throw for. What a logger throws is dropped: it never
 * changes a call's outcome.
 */
export interface Logger {
  /**
   * Called for what deserves attention: a response that does not match the spec (with
   * `operationId`, `requestId`, `issues`), each retry (with `operationId`, `method`, `url`,
   * `idempotencyKey`, `retry`, `attempt`, `delayMs`, `status`, `requestId`, `error`), and a hook
   * that threw (`hook`, `callId`, `operationId`, `error`). Never a credential or key material.
   */
  warn(message: string, details?: Record<string, unknown>): void;
  /** Accepted for loggers that have it; the client reports nothing at debug level. */
  debug?(message: string, details?: Record<string, unknown>): void;
}

/** What a client is constructed with: region, environment, key id and private key, plus optional tuning. */
export interface ClientConfig {
  /** `'na'`, `'eu'` or `'jp'`; aliases `'us'` → na, `'de'`/`'uk'` → eu (any case). */
  region: RegionInput | (string & {});
  /**
   * `'live'` or `'sandbox'`. Required for key ids without a `LIVE-`/`SANDBOX-` prefix (it selects the
   * `/live` or `/sandbox` endpoint); optional for prefixed key ids, whose prefix it must then match.
   */
  environment?: Environment | 'LIVE' | 'SANDBOX' | (string & {});
  /** Public key id from Seller Central, e.g. `SANDBOX-AHEGSJCM3KLMEHK7XHSY2EXQ`. */
  publicKeyId: string;
  /** PEM content (PKCS#8 or PKCS#1) or a path to a PEM file, or a WebCrypto RSA-PSS private key. */
  privateKey: string | CryptoKey;
  /** Defaults to `'AMZN-PAY-RSASSA-PSS-V2'`. */
  algorithm?: SignatureAlgorithm;
  /** Replaces `https://pay-api.amazon.<tld>`, e.g. a local simulator's URL. `/v2/…` is appended (after `/<environment>` when one applies). */
  baseUrl?: string;
  /**
   * Allows a plain `http:` baseUrl to a host that is not loopback, e.g. a simulator in another
   * container (`http://simulator:4010`). Requests then cross a network unencrypted: for test networks
   * only. Default false: plain http is accepted only to 127.0.0.1, ::1 and localhost.
   */
  allowInsecureHttp?: boolean;
  /**
   * The fetch to send with: any fetch-compatible function, e.g. undici's `fetch` with a `ProxyAgent`
   * (see README), or a test double. Defaults to `globalThis.fetch`.
   */
  fetch?: FetchLike;
  /** Retries after the first attempt on 408/425/429/5xx and lost replies. Default 3; 0 disables. */
  maxRetries?: number;
  /**
   * Backoff tuning: first and largest ceiling of the jittered wait, longest `Retry-After` honoured;
   * `sleep`/`random` let tests run instantly; `onRetry` hears of each retry (as `hooks.onRetry`).
   */
  retry?: Pick<
    RetryOptions,
    'baseDelayMs' | 'maxDelayMs' | 'maxRetryAfterMs' | 'random' | 'sleep' | 'onRetry'
  >;
  /** Deadline for a whole call: every attempt, body read and wait between attempts. Default 60 000 ms. */
  timeoutMs?: number;
  /** Deadline of one attempt, from sending until the last body byte. Default 20 000 ms. */
  attemptTimeoutMs?: number;
  /** Appended to the user-agent, e.g. `my-shop/1.2`. */
  userAgentSuffix?: string;
  /** What a 2xx body that does not match the spec does. Default `'warn'` (see README). */
  validateResponses?: ValidationMode;
  /** Receives validation warnings and retry notices. Default: none (the client prints nothing). */
  logger?: Logger;
  /**
   * Observers of every call on every door: `onRequest`, `onResponse` (per attempt), `onRetry`,
   * `onSuccess`, `onError` (per call) — one set, or a list (yours beside `openTelemetryHooks()` of
   * `@amazon-pay-ts/client/opentelemetry`). See {@link ClientHooks}.
   */
  hooks?: ClientHooks | readonly ClientHooks[];
}

/** The configuration after checks, without the private key (which lives only in the signer). */
export interface ResolvedConfig {
  readonly region: Region;
  readonly environment: Environment | undefined;
  readonly publicKeyId: string;
  readonly algorithm: SignatureAlgorithm;
  readonly baseUrl: string;
  readonly maxRetries: number;
  readonly timeoutMs: number;
  readonly attemptTimeoutMs: number;
  readonly userAgentSuffix: string | undefined;
  readonly validateResponses: ValidationMode;
}

const ALGORITHMS: readonly SignatureAlgorithm[] = ['AMZN-PAY-RSASSA-PSS', 'AMZN-PAY-RSASSA-PSS-V2'];
const VALIDATION_MODES: readonly ValidationMode[] = ['strict', 'warn', 'off'];
/** Retries after the first attempt when `maxRetries` is not given. */
export const DEFAULT_MAX_RETRIES = RETRY_DEFAULTS.maxRetries;

/** Checks everything but the key itself (the signer checks that) and derives the base URL. */
export function resolveConfig(config: ClientConfig): ResolvedConfig {
  if (!config || typeof config !== 'object') {
    throw new AmazonPayConfigError({ field: 'config', message: 'expected a configuration object' });
  }
  const region = normalizeRegion(config.region);
  if (!region) {
    throw new AmazonPayConfigError({
      field: 'region',
      message: `unknown region ${JSON.stringify(config.region)}: use 'na', 'eu' or 'jp' (aliases 'us', 'de', 'uk')`,
    });
  }
  const { publicKeyId } = config;
  if (typeof publicKeyId !== 'string' || publicKeyId.trim() === '') {
    throw new AmazonPayConfigError({
      field: 'publicKeyId',
      message: 'publicKeyId is required (the Public Key ID from Seller Central)',
    });
  }
  // The signer's own rule, checked here so that what the signer refuses later is only ever the key.
  if (!/^[A-Za-z0-9._-]+$/.test(publicKeyId)) {
    throw new AmazonPayConfigError({
      field: 'publicKeyId',
      message: 'publicKeyId must be letters, digits, ".", "_" or "-" (the Public Key ID from Seller Central)',
    });
  }
  let environment: Environment | undefined;
  if (config.environment !== undefined) {
    environment = normalizeEnvironment(config.environment);
    if (!environment) {
      throw new AmazonPayConfigError({
        field: 'environment',
        message: `unknown environment ${JSON.stringify(config.environment)}: use 'live' or 'sandbox'`,
      });
    }
  }
  const fromKey = keyEnvironment(publicKeyId);
  if (fromKey && environment && fromKey !== environment) {
    throw new AmazonPayConfigError({
      field: 'environment',
      message: `environment '${environment}' contradicts the key id, which is a ${fromKey} key`,
    });
  }
  if (!fromKey && !environment && config.baseUrl === undefined) {
    throw new AmazonPayConfigError({
      field: 'environment',
      message: "environment ('live' or 'sandbox') is required for a key id without a LIVE-/SANDBOX- prefix",
    });
  }
  const algorithm = config.algorithm ?? 'AMZN-PAY-RSASSA-PSS-V2';
  if (!ALGORITHMS.includes(algorithm)) {
    throw new AmazonPayConfigError({
      field: 'algorithm',
      message: `unknown algorithm ${JSON.stringify(algorithm)}: use ${ALGORITHMS.map((a) => `'${a}'`).join(' or ')}`,
    });
  }
  if (config.allowInsecureHttp !== undefined && typeof config.allowInsecureHttp !== 'boolean') {
    throw new AmazonPayConfigError({
      field: 'allowInsecureHttp',
      message: 'allowInsecureHttp must be true or false',
    });
  }
  if (config.baseUrl !== undefined) checkBaseUrl(config.baseUrl, config.allowInsecureHttp === true);
  if (config.fetch !== undefined && typeof config.fetch !== 'function') {
    throw new AmazonPayConfigError({ field: 'fetch', message: 'fetch must be a function' });
  }
  if (config.retry !== undefined && (config.retry === null || typeof config.retry !== 'object')) {
    throw new AmazonPayConfigError({
      field: 'retry',
      message: 'retry must be an object of backoff settings',
    });
  }
  const { timeoutMs, attemptTimeoutMs, maxRetries } = config;
  checkRetryOptions({ ...config.retry, timeoutMs, attemptTimeoutMs, maxRetries });
  const { userAgentSuffix } = config;
  if (
    userAgentSuffix !== undefined &&
    (typeof userAgentSuffix !== 'string' || /[\r\n]/.test(userAgentSuffix))
  ) {
    throw new AmazonPayConfigError({
      field: 'userAgentSuffix',
      message: 'userAgentSuffix must be a single-line string',
    });
  }
  const validateResponses = config.validateResponses ?? 'warn';
  if (!VALIDATION_MODES.includes(validateResponses)) {
    throw new AmazonPayConfigError({
      field: 'validateResponses',
      message: `validateResponses must be 'strict', 'warn' or 'off', not ${JSON.stringify(validateResponses)}`,
    });
  }
  if (config.logger !== undefined && typeof config.logger?.warn !== 'function') {
    throw new AmazonPayConfigError({
      field: 'logger',
      message: 'logger must have a warn(message, details) method',
    });
  }
  return {
    region,
    environment: environment ?? fromKey,
    publicKeyId,
    algorithm,
    baseUrl: resolveBaseUrl({ region, environment, publicKeyId, baseUrl: config.baseUrl }),
    maxRetries: maxRetries ?? DEFAULT_MAX_RETRIES,
    timeoutMs: timeoutMs ?? RETRY_DEFAULTS.timeoutMs,
    attemptTimeoutMs: Math.min(attemptTimeoutMs ?? RETRY_DEFAULTS.attemptTimeoutMs, timeoutMs ?? Infinity),
    userAgentSuffix,
    validateResponses,
  };
}

function checkBaseUrl(baseUrl: unknown, allowInsecureHttp: boolean): void {
  let url: URL | undefined;
  try {
    url = typeof baseUrl === 'string' ? new URL(baseUrl) : undefined;
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:') || url.search || url.hash) {
    throw new AmazonPayConfigError({
      field: 'baseUrl',
      message: `baseUrl must be an http(s) URL without query or fragment, e.g. 'http://127.0.0.1:4010'`,
    });
  }
  // Never echo the URL itself: it may hold the very credentials refused here.
  if (url.username || url.password) {
    throw new AmazonPayConfigError({
      field: 'baseUrl',
      message:
        'baseUrl must not contain user info (user:password@): requests are authenticated by signature only',
    });
  }
  if (url.protocol === 'http:' && !isLoopback(url.hostname) && !allowInsecureHttp) {
    throw new AmazonPayConfigError({
      field: 'baseUrl',
      message: `baseUrl uses plain http: to ${url.hostname}; use https:, or http: to a loopback host (127.0.0.1, ::1, localhost) such as the simulator, or set allowInsecureHttp: true for a test network`,
    });
  }
}

/** Hosts where plain http never crosses a network: 127.0.0.0/8, ::1 and localhost. */
export function isLoopback(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return (
    host === 'localhost' || host.endsWith('.localhost') || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host)
  );
}
