/**
 * Every README example of a button signature carries the algorithm to the page. Amazon reads a
 * `createCheckoutSessionConfig` (or `signInConfig`) without `algorithm` as the original
 * AMZN-PAY-RSASSA-PSS, while our signers use V2 by default: an example that leaves it out teaches the
 * classic "Invalid signature". Checked on every fenced block, whatever its language (the page's HTML
 * is not a ```ts block, so the block tests do not see it).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fencedBlocks } from '../src/blocks.js';
import { findReadmes, repoPath } from '../src/workspace.js';

const SIGNS = /\b(generateButtonSignature|signButtonPayload)\(/;
const BUTTON_CONFIG = /\b(createCheckoutSessionConfig|signInConfig)\b/;

const examples = findReadmes().flatMap((readme) =>
  fencedBlocks(readFileSync(readme, 'utf8'))
    .filter(({ code }) => SIGNS.test(code) || BUTTON_CONFIG.test(code))
    .map(({ line, code }) => ({ readme: repoPath(readme), line, code })),
);

describe('README button examples', () => {
  it('exist (the check below has something to check)', () => {
    expect(examples.length).toBeGreaterThanOrEqual(3);
  });

  it.each(examples)('$readme:$line passes the algorithm into the button config', ({ code }) => {
    // A block that signs uses the returned algorithm; a block that configures the button names it.
    if (SIGNS.test(code)) expect(code).toMatch(/\.algorithm\b|\{[^}]*\balgorithm\b[^}]*\}\s*=\s*await/);
    if (SIGNS.test(code)) expect(code).toMatch(BUTTON_CONFIG);
    if (BUTTON_CONFIG.test(code)) expect(code).toMatch(/\balgorithm\b/);
  });
});
