import { describe, expect, it } from 'vitest';
import {
  type AttemptOutcome,
  backoffDelay,
  decideRetry,
  parseRetryAfter,
  type RetryDecision,
  type RetryPolicy,
} from '../src/retry-decision.js';

const policy: RetryPolicy = {
  maxRetries: 3,
  baseDelayMs: 500,
  maxDelayMs: 8000,
  maxRetryAfterMs: 20_000,
  random: () => 0.5,
};
const now = Date.parse('2026-01-01T00:00:00Z');

const answered = (status: number, retryAfter: string | null = null): AttemptOutcome => ({
  kind: 'answered',
  status,
  retryAfter,
});
const lost: AttemptOutcome = { kind: 'failed', neverSent: false };
const refused: AttemptOutcome = { kind: 'failed', neverSent: true };
const wait = (ms: number, mayHaveActed: boolean): RetryDecision => ({ action: 'wait', ms, mayHaveActed });
const RETURN: RetryDecision = { action: 'return' };
const THROW: RetryDecision = { action: 'throw' };

// outcome, retries so far, replay-safe (has a key or is not a POST), ms left before the deadline → decision
const table: [string, AttemptOutcome, number, boolean, number, RetryDecision][] = [
  ['200 is returned', answered(200), 0, true, 60_000, RETURN],
  ['201 is returned', answered(201), 0, false, 60_000, RETURN],
  ['302 is returned (never followed)', answered(302), 0, true, 60_000, RETURN],
  ['400 is returned', answered(400), 0, true, 60_000, RETURN],
  ['404 is returned', answered(404), 0, true, 60_000, RETURN],
  ['422 is returned', answered(422), 0, true, 60_000, RETURN],
  ['408 waits the backoff; nothing acted', answered(408), 0, true, 60_000, wait(250, false)],
  ['425 waits the backoff', answered(425), 0, true, 60_000, wait(250, false)],
  ['429 without Retry-After waits the backoff', answered(429), 0, true, 60_000, wait(250, false)],
  ['429 waits Retry-After seconds', answered(429, '2'), 0, true, 60_000, wait(2000, false)],
  [
    '429 waits an HTTP-date Retry-After',
    answered(429, 'Thu, 01 Jan 2026 00:00:05 GMT'),
    0,
    true,
    60_000,
    wait(5000, false),
  ],
  [
    '503 with unreadable Retry-After waits the backoff',
    answered(503, 'soon'),
    0,
    true,
    60_000,
    wait(250, true),
  ],
  [
    '503 with Retry-After beyond maxRetryAfterMs is returned',
    answered(503, '86400'),
    0,
    true,
    60_000,
    RETURN,
  ],
  ['500 waits; the server may have acted', answered(500), 0, true, 60_000, wait(250, true)],
  ['502 on the second retry: backoff doubles twice', answered(502), 2, true, 60_000, wait(1000, true)],
  ['504 after maxRetries is returned', answered(504), 3, true, 60_000, RETURN],
  [
    'a keyless POST answered 500 still waits (a status proves it arrived)',
    answered(500),
    0,
    false,
    60_000,
    wait(250, true),
  ],
  ['a wait ending at the deadline is not started', answered(503, '2'), 0, true, 2000, RETURN],
  ['a wait ending before the deadline is', answered(503, '2'), 0, true, 2001, wait(2000, true)],
  ['a lost reply of a replay-safe request waits; it may have acted', lost, 0, true, 60_000, wait(250, true)],
  ['a lost reply of a keyless POST is raised: a repeat could act twice', lost, 0, false, 60_000, THROW],
  [
    'a refused connection of a keyless POST waits: it never left',
    refused,
    0,
    false,
    60_000,
    wait(250, false),
  ],
  ['a lost reply after maxRetries is raised', lost, 3, true, 60_000, THROW],
  ['a lost reply with no time left is raised', lost, 0, true, 100, THROW],
];

describe('decideRetry', () => {
  it.each(table)('%s', (_label, outcome, retries, replaySafe, msLeft, expected) => {
    expect(decideRetry({ outcome, retries, replaySafe, msLeft, nowMs: now }, policy)).toEqual(expected);
  });

  it('caps the backoff ceiling at maxDelayMs', () => {
    const many = { ...policy, maxRetries: 10 };
    expect(
      decideRetry({ outcome: lost, retries: 9, replaySafe: true, msLeft: 60_000, nowMs: now }, many),
    ).toEqual(wait(4000, true));
  });
});

describe('backoff', () => {
  it('is full jitter under an exponential, capped ceiling', () => {
    const with_ = (random: number) => ({ baseDelayMs: 500, maxDelayMs: 8000, random: () => random });
    expect(backoffDelay(0, with_(0.999))).toBe(499);
    expect(backoffDelay(3, with_(0.5))).toBe(2000);
    expect(backoffDelay(10, with_(0.5))).toBe(4000);
    expect(backoffDelay(2, with_(0))).toBe(0);
  });

  it('reads Retry-After as seconds or an HTTP date', () => {
    expect(parseRetryAfter('2', now)).toBe(2000);
    expect(parseRetryAfter(' 3 ', now)).toBe(3000);
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:05 GMT', now)).toBe(5000);
    expect(parseRetryAfter('Wed, 31 Dec 2025 00:00:05 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
  });
});
