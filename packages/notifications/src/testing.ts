/**
 * Checks for what merchants plug into the notification handler. `runSeenStoreContract` proves a
 * {@link SeenStore} (Redis, SQL, …) behaves as the handler relies on; it runs in any test framework.
 *
 * @module @amazon-pay-ts/notifications/testing
 */
import type { SeenStore } from './seenStore.js';

export type { SeenStore } from './seenStore.js';

/** A TTL no rule waits out. */
const HELD_MS = 60_000;
/** The short TTLs of the expiry rules, and how long past a TTL the rule checks (ms). */
const SHORT_MS = 300;
const RETAINED_MS = 1_500;
const MARGIN_MS = 400;
/** Timing rules are retried this many times when the store answered too slowly to tell. */
const TIMING_ATTEMPTS = 3;

/** The rule being checked was inconclusive: the store took so long the TTL passed meanwhile. */
class TooSlow extends Error {}

const sleepUntil = (time: number) =>
  new Promise<void>((resolve) => setTimeout(resolve, Math.max(0, time - Date.now())));

/**
 * Runs the SeenStore contract against a store from `createStore` (called once; the ids used are
 * unique to the run, so a persistent store may be reused) and resolves when it holds, or throws an
 * Error naming the first rule broken: `SeenStore contract: <rule> — <what happened>`.
 *
 * The rules: `claim` answers a boolean, true for an id not held, false while it is held; claims of
 * one id racing each other let exactly one win; ids are compared exactly (case, every character, up
 * to 256 of them); `release` forgets an id (and is harmless for an id not held); `complete` keeps an
 * id for its own TTL, past the claim's, and records an id that was never claimed; a claim expires
 * after its TTL (a receiver that crashed), and so does a completion. The expiry rules use real TTLs
 * of at most 1.5 s, so a run takes about two seconds.
 */
export async function runSeenStoreContract(createStore: () => SeenStore | Promise<SeenStore>): Promise<void> {
  const store = await createStore();
  const run = `contract-${crypto.randomUUID()}`;
  let counter = 0;
  const fresh = (name: string) => `${run}-${name}-${++counter}`;

  const call = async <T>(rule: string, what: string, action: () => T | Promise<T>): Promise<T> => {
    try {
      return await action();
    } catch (error) {
      throw new Error(`SeenStore contract: ${rule} — ${what} threw: ${String(error)}`, {
        cause: error,
      });
    }
  };
  const claim = async (rule: string, id: string, ttlMs: number): Promise<boolean> => {
    const claimed = await call(rule, `claim('${id}', ${ttlMs})`, () => store.claim(id, ttlMs));
    if (typeof claimed !== 'boolean') {
      throw new Error(`SeenStore contract: ${rule} — claim answered ${String(claimed)}, not a boolean`);
    }
    return claimed;
  };
  const expect = (rule: string, condition: boolean, what: string) => {
    if (!condition) throw new Error(`SeenStore contract: ${rule} — ${what}`);
  };

  /** Retries a timing rule whose checks came too late to tell. */
  const timed = async (rule: string, attempt: () => Promise<void>) => {
    for (let tries = 1; ; tries++) {
      try {
        return await attempt();
      } catch (error) {
        if (!(error instanceof TooSlow)) throw error;
        if (tries >= TIMING_ATTEMPTS) {
          throw new Error(`SeenStore contract: ${rule} — inconclusive: ${error.message}`);
        }
      }
    }
  };

  let rule = 'claim: an id not held is claimed (true)';
  const first = fresh('new');
  expect(rule, (await claim(rule, first, HELD_MS)) === true, 'the first claim of a new id answered false');

  rule = 'claim: an id held and unexpired is refused (false)';
  expect(rule, (await claim(rule, first, HELD_MS)) === false, 'a second claim of a held id answered true');
  expect(rule, (await claim(rule, first, HELD_MS)) === false, 'a third claim of a held id answered true');

  rule = 'claim: atomic, so of 20 concurrent claims of one new id exactly one wins';
  const raced = fresh('race');
  const outcomes = await Promise.all(Array.from({ length: 20 }, () => claim(rule, raced, HELD_MS)));
  const winners = outcomes.filter(Boolean).length;
  expect(rule, winners === 1, `${winners} of 20 concurrent claims answered true`);

  rule = 'ids: compared exactly (case, every character, up to 256 characters)';
  const cased = fresh('Case');
  await claim(rule, cased, HELD_MS);
  expect(rule, await claim(rule, cased.toLowerCase(), HELD_MS), 'an id differing only in case was refused');
  const long = fresh('long').padEnd(255, 'x');
  await claim(rule, `${long}1`, HELD_MS);
  expect(
    rule,
    await claim(rule, `${long}2`, HELD_MS),
    'a 256-character id differing in its last character was refused',
  );
  expect(rule, !(await claim(rule, `${long}1`, HELD_MS)), 'a held 256-character id was claimed again');

  rule = 'release: a released id can be claimed again';
  const released = fresh('release');
  await claim(rule, released, HELD_MS);
  await call(rule, `release('${released}')`, () => store.release(released));
  expect(rule, await claim(rule, released, HELD_MS), 'a released id was refused');

  rule = 'release: releasing an id that is not held is harmless';
  await call(rule, 'release of an unknown id', () => store.release(fresh('unknown')));

  rule = 'complete: records an id that was never claimed';
  const unclaimed = fresh('unclaimed');
  await call(rule, `complete('${unclaimed}', ${HELD_MS})`, () => store.complete(unclaimed, HELD_MS));
  expect(rule, !(await claim(rule, unclaimed, HELD_MS)), 'a completed id was claimed');

  await Promise.all([
    timed('claim expiry: an unfinished claim expires after its ttl (a receiver that crashed)', async () => {
      const rule = 'claim expiry: an unfinished claim expires after its ttl (a receiver that crashed)';
      const id = fresh('lease');
      await claim(rule, id, SHORT_MS);
      await sleepUntil(Date.now() + SHORT_MS + MARGIN_MS);
      expect(
        rule,
        await claim(rule, id, SHORT_MS),
        `a claim was still held ${SHORT_MS + MARGIN_MS} ms after its ${SHORT_MS} ms ttl`,
      );
    }),
    timed('complete: keeps an id for its own ttl, past the claim’s', async () => {
      const keepRule = 'complete: keeps an id for its own ttl, past the claim’s';
      const expiryRule = 'complete expiry: a completed id can be claimed again once its ttl passed';
      const id = fresh('done');
      await claim(keepRule, id, SHORT_MS);
      const completing = Date.now();
      await call(keepRule, `complete('${id}', ${RETAINED_MS})`, () => store.complete(id, RETAINED_MS));
      const completed = Date.now();
      await sleepUntil(completing + SHORT_MS + MARGIN_MS);
      const asked = Date.now();
      const claimed = await claim(keepRule, id, SHORT_MS);
      if (asked >= completing + RETAINED_MS - MARGIN_MS)
        throw new TooSlow('the check came after the completion’s ttl');
      expect(
        keepRule,
        !claimed,
        `a completed id (ttl ${RETAINED_MS} ms) was claimed ${asked - completing} ms later`,
      );
      await sleepUntil(completed + RETAINED_MS + MARGIN_MS);
      expect(
        expiryRule,
        await claim(expiryRule, id, SHORT_MS),
        `a completed id was still held after its ${RETAINED_MS} ms ttl`,
      );
    }),
  ]);
}
