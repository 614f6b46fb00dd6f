import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type GeneratedTestModules, generateTestModules } from './test-support.js';

let generated: GeneratedTestModules;
beforeAll(async () => {
  generated = await generateTestModules();
}, 60_000);
afterAll(() => generated?.cleanup());

function schema(name: string) {
  const found = generated.zod[`${name}Schema`];
  if (found === undefined) throw new Error(`no ${name}Schema generated`);
  return found;
}
const accepts = (name: string, value: unknown) => schema(name).safeParse(value).success;

const widget = {
  widgetId: 'W-1',
  price: { amount: '14.00', currencyCode: 'USD' },
  statusDetails: { state: 'Open', reasonCode: null, lastUpdatedTimestamp: '20211215T152829Z' },
};

describe('generated zod schemas', () => {
  it('declares one schema per component, each after the components it references', () => {
    const names = Object.keys(generated.document.components?.schemas ?? {});
    expect(Object.keys(generated.zod).sort()).toEqual(names.map((name) => `${name}Schema`).sort());
    const source = generated.files['zod.ts']!;
    expect(source.indexOf('export const AmountInputSchema')).toBeLessThan(
      source.indexOf('export const PriceInputSchema'),
    );
    expect(source.indexOf('export const AddressSchema')).toBeLessThan(
      source.indexOf('export const WidgetSchema'),
    );
  });

  it('keeps unknown properties of loose objects', () => {
    const result = schema('Widget').safeParse({ ...widget, brandNewField: { nested: true } });
    expect(result.success).toBe(true);
    expect(result.data).toMatchObject({ brandNewField: { nested: true } });
  });

  it('rejects unknown properties only where additionalProperties is false', () => {
    expect(accepts('StrictPoint', { x: 1, y: 2 })).toBe(true);
    expect(accepts('StrictPoint', { x: 1, y: 2, z: 3 })).toBe(false);
  });

  it('accepts new values of an open enum but not other types', () => {
    expect(accepts('StatusDetails', { state: 'Closed' })).toBe(true);
    expect(accepts('StatusDetails', { state: 'SomethingAmazonAddedLater' })).toBe(true);
    expect(accepts('StatusDetails', { state: 7 })).toBe(false);
    expect(accepts('StatusDetails', { state: null })).toBe(false);
    expect(accepts('StatusDetails', { state: 'Open', reasonCode: null })).toBe(true);
    expect(accepts('StatusDetails', { state: 'Open', reasonCode: 'NewReason' })).toBe(true);
  });

  it('keeps closed enums closed', () => {
    expect(accepts('WidgetState', 'Open')).toBe(true);
    expect(accepts('WidgetState', 'Opened')).toBe(false);
    const request = { price: { amount: '1.00', currencyCode: 'USD' }, mode: 'Fast' };
    expect(accepts('CreateWidgetRequest', request)).toBe(true);
    expect(accepts('CreateWidgetRequest', { ...request, mode: 'Medium' })).toBe(false);
    expect(
      accepts('CreateWidgetRequest', { ...request, price: { amount: '1.00', currencyCode: 'XXX' } }),
    ).toBe(false);
  });

  it('requires required properties and allows optional ones to be absent', () => {
    expect(accepts('CreateWidgetRequest', { mode: 'Fast' })).toBe(false);
    expect(accepts('Widget', {})).toBe(false);
    expect(accepts('Widget', { widgetId: 'W-1' })).toBe(true);
  });

  it('accepts null only where the schema is nullable', () => {
    expect(
      accepts('Widget', { ...widget, shippingAddress: null, tags: null, shippingAddressList: null }),
    ).toBe(true);
    expect(accepts('Address', { name: null, postalCode: null, countryCode: null })).toBe(true);
    expect(accepts('Widget', { ...widget, price: null })).toBe(false);
    expect(accepts('Widget', { ...widget, statusDetails: null })).toBe(false);
  });

  it('accepts request amounts as a two-decimal string or number', () => {
    for (const amount of ['14.00', '500', '0.5', 14, 14.07, 19.99, 0.01, 1234567.89]) {
      expect(accepts('AmountInput', amount), String(amount)).toBe(true);
    }
    for (const amount of ['14.001', '-1', '1,00', '', 14.001, -1, { value: 1 }, null]) {
      expect(accepts('AmountInput', amount), JSON.stringify(amount)).toBe(false);
    }
  });

  it('enforces response amounts as strings', () => {
    expect(accepts('Price', { amount: '14.00', currencyCode: 'USD' })).toBe(true);
    expect(accepts('Price', { amount: 14, currencyCode: 'USD' })).toBe(false);
    expect(accepts('Price', { amount: { value: '14.00' }, currencyCode: 'USD' })).toBe(false);
  });

  it('applies lengths, patterns, bounds and formats', () => {
    expect(accepts('Address', { name: 'x'.repeat(50) })).toBe(true);
    expect(accepts('Address', { name: 'x'.repeat(51) })).toBe(false);
    expect(accepts('Address', { countryCode: 'USA' })).toBe(false);
    expect(accepts('StatusDetails', { state: 'Open', lastUpdatedTimestamp: '2021-12-15T15:28:29Z' })).toBe(
      false,
    );
    expect(accepts('Widget', { widgetId: 'W', count: 10 })).toBe(true);
    expect(accepts('Widget', { widgetId: 'W', count: 11 })).toBe(false);
    expect(accepts('Widget', { widgetId: 'W', count: 1.5 })).toBe(false);
    expect(accepts('Widget', { widgetId: 'W', ratio: 0.5 })).toBe(true);
    expect(accepts('Widget', { widgetId: 'W', ratio: 1 })).toBe(false);
    expect(accepts('Widget', { widgetId: 'W', ratio: 0 })).toBe(false);
    expect(accepts('Widget', { widgetId: 'W', tags: ['a', 'b', 'c', 'd'] })).toBe(false);
    expect(accepts('Widget', { widgetId: 'W', contactEmail: 'buyer@example.com' })).toBe(true);
    expect(accepts('Widget', { widgetId: 'W', contactEmail: 'not an email' })).toBe(false);
    expect(accepts('Widget', { widgetId: 'W', homepage: 'https://example.com/x' })).toBe(true);
    expect(accepts('Widget', { widgetId: 'W', kind: 'widget' })).toBe(true);
    expect(accepts('Widget', { widgetId: 'W', kind: 'gadget' })).toBe(false);
  });

  it('treats JSON-encoded address lists as arrays of strings', () => {
    const encoded = JSON.stringify({ name: 'Jane', countryCode: 'US' });
    expect(accepts('Widget', { widgetId: 'W', shippingAddressList: [encoded] })).toBe(true);
    expect(accepts('Widget', { widgetId: 'W', shippingAddressList: [{ name: 'Jane' }] })).toBe(false);
  });

  it('translates maps, allOf, oneOf and recursive schemas', () => {
    expect(accepts('Labels', { a: 'x', b: 'y' })).toBe(true);
    expect(accepts('Labels', { a: 1 })).toBe(false);
    expect(accepts('TimestampedWidget', { widgetId: 'W', creationTimestamp: '20211215T152829Z' })).toBe(true);
    expect(accepts('TimestampedWidget', { widgetId: 'W' })).toBe(false);
    expect(accepts('TimestampedWidget', { creationTimestamp: '20211215T152829Z' })).toBe(false);
    expect(accepts('Shape', 'origin')).toBe(true);
    expect(accepts('Shape', { x: 1, y: 2 })).toBe(true);
    expect(accepts('Shape', 'elsewhere')).toBe(false);
    const tree = { name: 'root', children: [{ name: 'leaf', children: [] }] };
    expect(accepts('CategoryNode', tree)).toBe(true);
    expect(accepts('CategoryNode', { name: 'root', children: [{ children: [] }] })).toBe(false);
    const team = { name: 'core', lead: { email: 'a@example.com', teams: [{ name: 'inner', lead: null }] } };
    expect(accepts('Team', team)).toBe(true);
    expect(accepts('Member', { email: 'a@example.com', teams: [{ lead: null }] })).toBe(false);
  });
});
