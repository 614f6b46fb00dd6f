import { describe, expect, it } from 'vitest';
import { normalizeRegion } from './region.js';

describe('normalizeRegion', () => {
  it('maps every name Amazon SDKs use to its region, in any case', () => {
    expect(['na', 'US', 'us', 'EU', 'de', 'Uk', 'jp'].map(normalizeRegion)).toEqual([
      'na',
      'na',
      'na',
      'eu',
      'eu',
      'eu',
      'jp',
    ]);
  });

  it('returns undefined for anything else', () => {
    expect([undefined, 42, '', 'fe', 'europe'].map(normalizeRegion)).toEqual(Array(5).fill(undefined));
  });
});
