import { describe, expect, it } from 'vitest';
import { checkoutScript } from './script.js';

/** Just enough DOM for the script: elements with listeners, forms that record what they submit. */
class FakeElement {
  children: FakeElement[] = [];
  listeners: Record<string, ((event: { preventDefault(): void }) => void)[]> = {};
  attributes: Record<string, string> = {};
  style = { cssText: '', display: '' };
  textContent = '';
  [field: string]: unknown;
  constructor(
    readonly tagName: string,
    private readonly submitted: Record<string, string>[],
  ) {}
  appendChild(child: FakeElement) {
    this.children.push(child);
  }
  setAttribute(name: string, value: string) {
    this.attributes[name] = value;
  }
  addEventListener(type: string, listener: (event: { preventDefault(): void }) => void) {
    this.listeners[type] = [...(this.listeners[type] ?? []), listener];
  }
  click() {
    for (const listener of this.listeners.click ?? []) listener({ preventDefault() {} });
  }
  submit() {
    const fields: Record<string, string> = { '(action)': String(this.action) };
    for (const input of this.children) fields[String(input.name)] = String(input.value);
    this.submitted.push(fields);
  }
}

function load() {
  const submitted: Record<string, string>[] = [];
  const navigations: string[] = [];
  const container = new FakeElement('div', submitted);
  const link = new FakeElement('a', submitted);
  const document = {
    body: new FakeElement('body', submitted),
    createElement: (tag: string) => new FakeElement(tag, submitted),
    querySelector: (selector: string) => (selector === '#pay' ? container : null),
    querySelectorAll: (selector: string) => (selector === '.change' ? [link] : []),
  };
  const window: { amazon?: { Pay: Record<string, (...args: unknown[]) => unknown> }; location: object } = {
    location: { assign: (url: string) => navigations.push(url) },
  };
  new Function('window', 'document', checkoutScript('http://sim.test'))(window, document);
  return { Pay: window.amazon!.Pay, container, link, submitted, navigations };
}

const options = {
  merchantId: 'A1EXAMPLEMERCHANT',
  publicKeyId: 'SANDBOX-AKEY',
  ledgerCurrency: 'USD',
  placement: 'Cart',
  createCheckoutSessionConfig: { payloadJSON: '{"storeId":"s"}', signature: 'c2ln' },
};

describe('checkout.js stand-in', () => {
  it('renders a labelled button whose click posts the options to /checkout/start', () => {
    const { Pay, container, submitted } = load();
    const button = Pay.renderButton!('#pay', options) as { onClick: unknown; initCheckout: unknown };
    expect(typeof button.onClick).toBe('function');
    expect(typeof button.initCheckout).toBe('function');
    const rendered = container.children[0]!;
    expect(rendered.tagName).toBe('button');
    expect(rendered.type).toBe('button');
    expect(rendered.attributes['aria-label']).toMatch(/Amazon Pay/);
    rendered.click();
    expect(submitted).toEqual([
      {
        '(action)': 'http://sim.test/checkout/start',
        merchantId: 'A1EXAMPLEMERCHANT',
        publicKeyId: 'SANDBOX-AKEY',
        ledgerCurrency: 'USD',
        placement: 'Cart',
        productType: 'PayAndShip',
        sandbox: 'false',
        payloadJSON: '{"storeId":"s"}',
        signature: 'c2ln',
      },
    ]);
  });

  it.each([
    [{ placement: 'Footer' }, /'Footer' is not a valid placement/],
    [{ ledgerCurrency: undefined }, /'ledgerCurrency' is required/],
    [{ buttonColor: 'Pink' }, /buttonColor/],
    [{ checkoutLanguage: 'xx_XX' }, /checkoutLanguage/],
    [{ productType: 'PayLater' }, /productType/],
    [{ sandbox: 'yes' }, /'sandbox' must be true or false/],
    [{ estimatedOrderAmount: { amount: 'ten', currencyCode: 'USD' } }, /estimatedOrderAmount/],
    [{ merchantId: '' }, /'merchantId' is required/],
    [{ createCheckoutSessionConfig: { payloadJSON: '{}' } }, /signature is required/],
    [
      {
        publicKeyId: 'SANDBOX-OTHER',
        createCheckoutSessionConfig: { ...options.createCheckoutSessionConfig, publicKeyId: 'SANDBOX-AKEY' },
      },
      /differ/,
    ],
  ])('renderButton refuses %j', (change, message) => {
    const { Pay } = load();
    expect(() => Pay.renderButton!('#pay', { ...options, ...change })).toThrow(message);
  });

  it('a missing container is named', () => {
    expect(() => load().Pay.renderButton!('#nowhere', options)).toThrow("no element matches '#nowhere'");
  });

  it('onClick replaces the default click; initCheckout then sends the config given late', () => {
    const { Pay, container, submitted } = load();
    const { createCheckoutSessionConfig, ...decoupled } = options;
    const button = Pay.renderButton!('#pay', decoupled) as {
      onClick(fn: () => void): void;
      initCheckout(more: object): void;
    };
    let clicks = 0;
    button.onClick(() => {
      clicks++;
      button.initCheckout({
        createCheckoutSessionConfig: { ...createCheckoutSessionConfig, algorithm: 'AMZN-PAY-RSASSA-PSS-V2' },
      });
    });
    container.children[0]!.click();
    expect(clicks).toBe(1);
    expect(submitted[0]?.algorithm).toBe('AMZN-PAY-RSASSA-PSS-V2');
    expect(() => Pay.initCheckout!(decoupled)).toThrow(/'createCheckoutSessionConfig' is required/);
  });

  it('bindChangeAction sends the buyer to the hosted page for that change only', () => {
    const { Pay, link, navigations } = load();
    Pay.bindChangeAction!('.change', { amazonCheckoutSessionId: 'cs 1', changeAction: 'changeAddress' });
    link.click();
    expect(navigations).toEqual([
      'http://sim.test/checkout/signin?amazonCheckoutSessionId=cs%201&changeAction=changeAddress',
    ]);
    expect(() =>
      Pay.bindChangeAction!('.change', { amazonCheckoutSessionId: 'x', changeAction: 'changeMind' }),
    ).toThrow(/changeAction/);
  });
});
