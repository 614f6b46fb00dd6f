import { base64ToBytes } from '@amazon-pay-ts/signer/pem';
import type { SnsMessage } from '@amazon-pay-ts/types';
import { SnsMessageSchema } from '@amazon-pay-ts/types/zod';
import { AMAZON_PAY_IPN_ACCOUNTS, isAmazonPayTopicArn, topicAccount } from './amazonPayTopics.js';
import {
  type CertificateCache,
  createCertificateCache,
  defaultFetchCertificate,
  type FetchCertificate,
} from './certificates.js';
import { NotificationError } from './errors.js';
import { checkSigningCertUrl, type SigningCertUrlPolicy } from './signingCertUrl.js';
import { snsStringToSign } from './stringToSign.js';

/** Oldest SNS message accepted by default: one hour after its Timestamp. */
export const DEFAULT_MAX_AGE_MS = 60 * 60 * 1000;
/** Largest body accepted by default: 256 KiB. */
export const DEFAULT_MAX_BODY_BYTES = 256 * 1024;
/** Clocks drift: a Timestamp this far ahead of ours is still accepted. */
const MAX_FUTURE_SKEW_MS = 5 * 60 * 1000;

/** Options of SNS verification: trusted topics, certificate fetching, trusted origins, clock, age and size limits. */
export interface VerifyOptions extends SigningCertUrlPolicy {
  /**
   * The topics whose messages are accepted, exactly. Default: any topic of the AWS account Amazon Pay
   * publishes IPNs from (see the README's "Trust"); a list given here replaces that default.
   */
  allowedTopicArns?: readonly string[];
  /** Returns the PEM at a checked SigningCertURL. Default: `fetch` without redirects, 5 s timeout, 16 KiB. */
  fetchCertificate?: FetchCertificate;
  /** The fetch the default `fetchCertificate` uses. */
  fetch?: typeof fetch;
  /** Milliseconds since the epoch (for `maxAgeMs` and the certificate retry interval); default `Date.now`. */
  now?: () => number;
  /** Oldest `Timestamp` accepted (SNS keeps the publish time on retries). Default one hour. */
  maxAgeMs?: number;
  /** Largest body accepted, in bytes (UTF-8). Default 256 KiB, SNS's message limit. */
  maxBodyBytes?: number;
  /** Certificates kept (by URL). Default 32. */
  certificateCacheSize?: number;
  /** How long a failed certificate fetch is not retried (per URL). Default 10 s. */
  certificateRetryMs?: number;
}

declare const verifiedBrand: unique symbol;
/** An SNS message whose signature, certificate URL, age and topic were checked. */
export type VerifiedSnsMessage = SnsMessage & {
  /** Type-level mark of a verified message (no runtime property). */
  readonly [verifiedBrand]: true;
};

/** What an SNS body may arrive as: raw text or bytes, or JSON a framework already parsed. */
export type SnsBody = string | Uint8Array | ArrayBuffer | Record<string, unknown>;

/** Verifies SNS messages with a shared certificate cache; made by {@link createSnsVerifier}. */
export interface SnsVerifier {
  /** Checks the message's signing certificate URL, signature and age; resolves to the message or throws `NotificationError`. */
  verify(body: SnsBody): Promise<VerifiedSnsMessage>;
  /** Certificates currently cached. */
  readonly cachedCertificates: number;
}

/** A verifier with its own certificate cache: create one per process and reuse it. */
export function createSnsVerifier(options: VerifyOptions = {}): SnsVerifier {
  checkOptions(options);
  const cache = cacheFor(options);
  return {
    verify: (body) => verifyWith(cache, body, options),
    get cachedCertificates() {
      return cache.size;
    },
  };
}

const sharedCaches = new WeakMap<object, CertificateCache>();
const defaultFetchKey = {};

/**
 * Verifies one SNS message: size, JSON object, type, signature version, SNS fields,
 * `SigningCertURL`, topic (both before any network call), age, then the RSA signature (SignatureVersion 1: SHA1withRSA,
 * 2: SHA256withRSA) with the certificate's key. Resolves to the message, or rejects with a
 * {@link NotificationError} naming the reason. Certificates are cached per `fetchCertificate`
 * (or `fetch`) function; {@link createSnsVerifier} gives a cache of your own.
 */
export function verifySnsMessage(body: SnsBody, options: VerifyOptions = {}): Promise<VerifiedSnsMessage> {
  const key = options.fetchCertificate ?? options.fetch ?? defaultFetchKey;
  let cache = sharedCaches.get(key);
  if (!cache) {
    cache = cacheFor(options);
    sharedCaches.set(key, cache);
  }
  try {
    checkOptions(options);
  } catch (error) {
    return Promise.reject(error);
  }
  return verifyWith(cache, body, options);
}

function cacheFor(options: VerifyOptions): CertificateCache {
  return createCertificateCache(options.fetchCertificate ?? defaultFetchCertificate(options.fetch), {
    ...(options.certificateCacheSize === undefined ? {} : { maxEntries: options.certificateCacheSize }),
    ...(options.certificateRetryMs === undefined ? {} : { retryAfterMs: options.certificateRetryMs }),
    ...(options.now === undefined ? {} : { now: options.now }),
  });
}

/** Options that no message could pass are a configuration error, said before any message comes. */
function checkOptions(options: VerifyOptions): void {
  if (options.allowedTopicArns?.length === 0) {
    throw new RangeError(
      "allowedTopicArns is empty, so every message would be refused; leave it out to accept Amazon Pay's topics",
    );
  }
}

/** By default only Amazon Pay's IPN account; with `allowedTopicArns`, exactly those topics. */
function checkTopic(topicArn: string, allowedTopicArns: readonly string[] | undefined): void {
  if (allowedTopicArns) {
    if (!allowedTopicArns.includes(topicArn)) {
      throw new NotificationError('TOPIC_NOT_ALLOWED', 'TopicArn is not one of allowedTopicArns');
    }
    return;
  }
  if (isAmazonPayTopicArn(topicArn)) return;
  const account = topicAccount(topicArn);
  throw new NotificationError(
    'TOPIC_NOT_ALLOWED',
    account === undefined
      ? 'TopicArn is not an SNS topic of the aws partition'
      : `TopicArn is in AWS account ${account}, not Amazon Pay's (${AMAZON_PAY_IPN_ACCOUNTS.join(', ')}); list the topic in allowedTopicArns to accept it`,
  );
}

async function verifyWith(cache: CertificateCache, body: SnsBody, options: VerifyOptions) {
  const message = readMessage(body, options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES);
  const certificateUrl = checkSigningCertUrl(message.SigningCertURL, options);
  checkTopic(message.TopicArn, options.allowedTopicArns);
  checkAge(message.Timestamp, options.now?.() ?? Date.now(), options.maxAgeMs ?? DEFAULT_MAX_AGE_MS);

  const signature = decodeSignature(message.Signature);
  const hash = message.SignatureVersion === '1' ? 'SHA-1' : 'SHA-256';
  const key = await cache.key(certificateUrl.href, hash);
  const signed = new TextEncoder().encode(snsStringToSign(message));
  const valid = await crypto.subtle.verify(
    'RSASSA-PKCS1-v1_5',
    key,
    signature as Uint8Array<ArrayBuffer>,
    signed,
  );
  if (!valid) throw new NotificationError('BAD_SIGNATURE', 'the signature does not match the message');
  return message as VerifiedSnsMessage;
}

function readMessage(body: SnsBody, maxBodyBytes: number): SnsMessage {
  let value: unknown = body;
  if (typeof body === 'string' || body instanceof Uint8Array || body instanceof ArrayBuffer) {
    const bytes = typeof body === 'string' ? utf8Length(body, maxBodyBytes) : body.byteLength;
    if (bytes > maxBodyBytes) {
      throw new NotificationError('BODY_TOO_LARGE', `the body is larger than ${maxBodyBytes} bytes`);
    }
    const text = typeof body === 'string' ? body : new TextDecoder().decode(body);
    try {
      value = JSON.parse(text);
    } catch {
      throw new NotificationError('MALFORMED', 'the body is not JSON');
    }
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new NotificationError('MALFORMED', 'the body is not a JSON object');
  }
  const fields = value as Record<string, unknown>;
  if (
    !['Notification', 'SubscriptionConfirmation', 'UnsubscribeConfirmation'].includes(fields.Type as string)
  ) {
    throw new NotificationError(
      'UNKNOWN_TYPE',
      'Type is not Notification, SubscriptionConfirmation or UnsubscribeConfirmation',
    );
  }
  if (fields.SignatureVersion !== '1' && fields.SignatureVersion !== '2') {
    throw new NotificationError('UNSUPPORTED_SIGNATURE_VERSION', 'SignatureVersion is neither "1" nor "2"');
  }
  const parsed = SnsMessageSchema.safeParse(value);
  if (!parsed.success) {
    const field = parsed.error.issues[0]?.path.join('.') || 'body';
    throw new NotificationError('MALFORMED', `not an SNS message: ${field} is missing or invalid`);
  }
  const message = parsed.data;
  if (message.Type !== 'Notification') {
    for (const field of ['SubscribeURL', 'Token'] as const) {
      if (typeof message[field] !== 'string') {
        throw new NotificationError('MALFORMED', `${message.Type} without ${field}`);
      }
    }
  }
  return message;
}

/** UTF-8 byte length, stopping early once past `limit` (a huge string is not walked to its end). */
function utf8Length(text: string, limit: number): number {
  if (text.length > limit) return text.length;
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    bytes += code < 0x80 ? 1 : code < 0x800 ? 2 : code >= 0xd800 && code <= 0xdfff ? 2 : 3;
  }
  return bytes;
}

function checkAge(timestamp: string, now: number, maxAgeMs: number): void {
  const published = Date.parse(timestamp);
  if (Number.isNaN(published)) throw new NotificationError('STALE', 'Timestamp is not a date');
  if (now - published > maxAgeMs) {
    throw new NotificationError('STALE', `Timestamp is more than ${maxAgeMs} ms old`);
  }
  if (published - now > MAX_FUTURE_SKEW_MS)
    throw new NotificationError('STALE', 'Timestamp is in the future');
}

function decodeSignature(signature: string): Uint8Array {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(signature) || signature.length % 4 !== 0 || signature.length > 2048) {
    throw new NotificationError('BAD_SIGNATURE', 'Signature is not base64');
  }
  return base64ToBytes(signature);
}
