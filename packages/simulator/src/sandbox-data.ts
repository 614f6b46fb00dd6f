import type { Ids } from './ids.js';
import type { AddressRecord, BuyerProfile } from './store.js';

/** The simulated sandbox buyer and addresses, per region (invented data, not real people). */
const ADDRESSES: Record<'na' | 'eu' | 'jp', AddressRecord> = {
  na: {
    name: 'Sam Sandbox',
    addressLine1: '410 Terry Ave N',
    addressLine2: 'Floor 3',
    addressLine3: null,
    city: 'Seattle',
    county: null,
    district: null,
    stateOrRegion: 'WA',
    postalCode: '98109',
    countryCode: 'US',
    phoneNumber: '206-555-0100',
  },
  eu: {
    name: 'Sam Sandbox',
    addressLine1: 'Marcel-Breuer-Str. 12',
    addressLine2: null,
    addressLine3: null,
    city: 'München',
    county: null,
    district: null,
    stateOrRegion: null,
    postalCode: '80807',
    countryCode: 'DE',
    phoneNumber: '+49 89 5550100',
  },
  jp: {
    name: 'サンドボックス 太郎',
    addressLine1: '下目黒1-8-1',
    addressLine2: null,
    addressLine3: null,
    city: '目黒区',
    county: null,
    district: null,
    stateOrRegion: '東京都',
    postalCode: '153-0064',
    countryCode: 'JP',
    phoneNumber: '03-5550-0100',
  },
};

export function sandboxBuyer(ids: Ids, overrides: Partial<BuyerProfile> = {}): BuyerProfile {
  return {
    buyerId: ids.buyerId(),
    name: 'Sam Sandbox',
    email: 'sam.sandbox+simulator@example.com',
    phoneNumber: '206-555-0100',
    primeMembershipTypes: null,
    ...overrides,
  };
}

/** A second address in each sandbox buyer's address book, for "change address". */
const SECOND_ADDRESSES: Record<'na' | 'eu' | 'jp', Partial<AddressRecord>> = {
  na: {
    name: 'Sam Sandbox',
    addressLine1: '1 Rainier Way',
    addressLine2: null,
    city: 'Tacoma',
    postalCode: '98402',
  },
  eu: { name: 'Sam Sandbox', addressLine1: 'Domstr. 3', city: 'Köln', postalCode: '50668' },
  jp: { addressLine1: '梅田3-1-1', city: '大阪市北区', stateOrRegion: '大阪府', postalCode: '530-0001' },
};

/** The sandbox buyer's address book: the default address first. */
export function sandboxAddressBook(region: 'na' | 'eu' | 'jp'): AddressRecord[] {
  return [ADDRESSES[region], { ...ADDRESSES[region], ...SECOND_ADDRESSES[region] }];
}

export function sandboxAddress(
  region: 'na' | 'eu' | 'jp',
  overrides: Partial<AddressRecord> = {},
): AddressRecord {
  return { ...ADDRESSES[region], ...overrides };
}

/** Completes a partial address with nulls, the way Amazon answers. */
export function toAddressRecord(input: Record<string, unknown>): AddressRecord {
  const field = (k: string) => (typeof input[k] === 'string' ? (input[k] as string) : null);
  return {
    name: field('name'),
    addressLine1: field('addressLine1'),
    addressLine2: field('addressLine2'),
    addressLine3: field('addressLine3'),
    city: field('city'),
    county: field('county') ?? field('districtOrCounty'),
    district: field('district'),
    stateOrRegion: field('stateOrRegion'),
    postalCode: field('postalCode'),
    countryCode: field('countryCode'),
    phoneNumber: field('phoneNumber'),
  };
}
