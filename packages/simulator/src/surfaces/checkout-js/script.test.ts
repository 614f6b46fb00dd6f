import { describe, expect, it } from 'vitest';
import { checkoutScript } from './script.js';

/**
 * The served script against just enough DOM: elements with listeners and shadow roots, forms that
 * record what they submit. The real-browser replays of shops' calls are test/checkout-js/*.test.ts.
 */
type Listener = (event: { key?: string; preventDefault(): void }) => void;

class FakeElement {
  children: FakeElement[] = [];
  listeners: Record<string, Listener[]> = {};
  attributes: Record<string, string> = {};
  style: Record<string, string> = { cssText: '' };
  className = '';
  shadowRoot: FakeElement | null = null;
  [field: string]: unknown;
  constructor(
    readonly tagName: string,
    private readonly submitted: Record<string, string>[],
  ) {}
  set textContent(text: string) {
    this.children = [];
    this.text = text;
  }
  get textContent(): string {
    return String(this.text ?? '') + this.children.map((c) => c.textContent).join('');
  }
  appendChild(child: FakeElement) {
    this.children.push(child);
    return child;
  }
  setAttribute(name: string, value: string) {
    this.attributes[name] = value;
  }
  attachShadow() {
    this.shadowRoot = new FakeElement('#shadow-root', this.submitted);
    return this.shadowRoot;
  }
  addEventListener(type: string, listener: Listener) {
    this.listeners[type] = [...(this.listeners[type] ?? []), listener];
  }
  dispatch(type: string, key?: string) {
    for (const listener of this.listeners[type] ?? []) listener({ key, preventDefault() {} });
  }
  click() {
    this.dispatch('click');
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
  const logged: string[] = [];
  const container = new FakeElement('div', submitted);
  const link = new FakeElement('a', submitted);
  const document = {
    body: new FakeElement('body', submitted),
    createElement: (tag: string) => new FakeElement(tag, submitted),
    querySelector: (selector: string) => (selector === '#pay' ? container : null),
    querySelectorAll: (selector: string) => (selector === '.change' ? [link] : []),
  };
  const window: {
    amazon?: { Pay: Record<string, (...args: unknown[]) => unknown> };
    location: object;
    addEventListener(): void;
  } = { location: { assign: (url: string) => navigations.push(url) }, addEventListener() {} };
  const console = { log: (line: string) => logged.push(line) };
  new Function('window', 'document', 'console', checkoutScript('http://sim.test'))(window, document, console);
  return { Pay: window.amazon!.Pay, container, link, submitted, navigations, logged };
}

interface Button {
  onClick?(fn: () => void): void;
  initCheckout?(more: object): void;
  updateButtonInfo(amount: unknown): void;
}

const options = {
  merchantId: 'A1EXAMPLEMERCHANT',
  publicKeyId: 'SANDBOX-AKEY',
  ledgerCurrency: 'USD',
  placement: 'Cart',
  createCheckoutSessionConfig: { payloadJSON: '{"storeId":"s"}', signature: 'c2ln' },
};

function thrown(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    return String(error);
  }
  return 'nothing thrown';
}

describe('checkout.js stand-in', () => {
  it('makes the container the button (role, label, shadow root) and a click posts the options to /checkout/start', () => {
    const { Pay, container, submitted } = load();
    const button = Pay.renderButton!('#pay', options) as Button;
    expect(container.attributes.role).toBe('button');
    expect(container.attributes['aria-label']).toBe('Amazon Pay - Use your Amazon Pay Sandbox test account');
    expect(container.shadowRoot?.children[0]?.className).toBe('amazonpay-button-enabled');
    // A coupled button: the click is Amazon's, so there is no onClick or initCheckout to call.
    expect(Object.keys(button)).toEqual(['updateButtonInfo']);
    container.click();
    container.click(); // a second click while the page leaves submits nothing more
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

  it('Enter on the focused container starts checkout too', () => {
    const { Pay, container, submitted } = load();
    Pay.renderButton!('#pay', options);
    expect(container.attributes.tabindex).toBe('0');
    container.dispatch('keydown', 'Enter');
    expect(submitted).toHaveLength(1);
  });

  it.each([
    [{ placement: 'Footer' }, "Invalid value 'Footer' for parameter 'placement' in the options object"],
    [{ buttonColor: 'Pink' }, "parameter 'buttonColor'"],
    [{ checkoutLanguage: 'en-US' }, "parameter 'checkoutLanguage'"],
    [{ productType: 'PayLater' }, "parameter 'productType'"],
    [{ estimatedOrderAmount: { amount: 'ten', currencyCode: 'USD' } }, "parameter 'estimatedOrderAmount'"],
    [{ estimatedOrderAmount: '{broken' }, "parameter 'estimatedOrderAmount'"],
  ])('renderButton refuses %j', (change, message) => {
    const { Pay } = load();
    const text = thrown(() => Pay.renderButton!('#pay', { ...options, ...change }));
    expect(text.startsWith('AmazonPay:\n')).toBe(true);
    expect(text).toContain(message);
  });

  it("lists every missing required option in one error, in Amazon's words", () => {
    const { Pay } = load();
    expect(thrown(() => Pay.renderButton!('#pay', { productType: 'PayAndShip' }))).toBe(
      [
        'AmazonPay:',
        "Missing parameter 'merchantId' in the options object.",
        "Missing parameter 'ledgerCurrency' in the options object.",
        "Missing parameter 'placement' in the options object.",
      ].join('\n'),
    );
    expect(thrown(() => Pay.renderButton!('#nowhere', options))).toBe(
      'AmazonPay:\nCan not find element #nowhere for amazon.Pay.renderButton.',
    );
  });

  it('accepts the shapes shops pass: sandbox "1" or 1, estimatedOrderAmount as a JSON string or empty, productType ""', () => {
    const { Pay, container, submitted, logged } = load();
    Pay.renderButton!('#pay', {
      ...options,
      publicKeyId: 'AKEYWITHOUTPREFIX',
      sandbox: '1',
      productType: '',
      estimatedOrderAmount: '{"amount":"42.00","currencyCode":"USD"}',
    });
    expect(logged).toEqual(['Estimated order amount for sandbox is {"amount":"42.00","currencyCode":"USD"}']);
    container.click();
    expect(submitted[0]).toMatchObject({
      sandbox: 'true',
      productType: 'PayAndShip',
      estimatedOrderAmount: '{"amount":"42.00","currencyCode":"USD"}',
    });
    const again = load();
    again.Pay.renderButton!('#pay', { ...options, sandbox: 1, estimatedOrderAmount: '' });
    again.container.click();
    expect(again.submitted[0]?.sandbox).toBe('true');
    expect(again.submitted[0]?.estimatedOrderAmount).toBeUndefined();
  });

  it('a decoupled button hands the click to onClick; initCheckout merges the config, estimate and productType given late', () => {
    const { Pay, container, submitted, logged } = load();
    const { createCheckoutSessionConfig, ...decoupled } = options;
    const button = Pay.renderButton!('#pay', decoupled) as Required<Button>;
    let clicks = 0;
    button.onClick(() => {
      clicks++;
      if (clicks === 1) return; // the shop declines the first click
      button.updateButtonInfo({ amount: 19.5, currencyCode: 'USD' });
      button.initCheckout({
        createCheckoutSessionConfig: { ...createCheckoutSessionConfig, algorithm: 'AMZN-PAY-RSASSA-PSS-V2' },
        productType: 'PayOnly',
      });
    });
    container.click();
    expect(submitted).toEqual([]);
    container.click();
    expect(clicks).toBe(2);
    expect(submitted[0]).toMatchObject({
      algorithm: 'AMZN-PAY-RSASSA-PSS-V2',
      productType: 'PayOnly',
      estimatedOrderAmount: '{"amount":19.5,"currencyCode":"USD"}',
    });
    expect(logged).toEqual(['Estimated order amount for sandbox is {"amount":19.5,"currencyCode":"USD"}']);
    expect(thrown(() => Pay.initCheckout!(decoupled))).toBe(
      "AmazonPay:\nMissing parameter 'createCheckoutSessionConfig' in the options object.",
    );
  });

  it('bindChangeAction sends the buyer to the hosted page for that change only, and names what is missing', () => {
    const { Pay, link, navigations } = load();
    Pay.bindChangeAction!('.change', { amazonCheckoutSessionId: 'cs 1', changeAction: 'changeAddress' });
    link.click();
    expect(navigations).toEqual([
      'http://sim.test/checkout/signin?amazonCheckoutSessionId=cs%201&changeAction=changeAddress',
    ]);
    expect(thrown(() => Pay.bindChangeAction!('.change', { changeAction: 'changeMind' }))).toBe(
      [
        'AmazonPay:',
        "Missing parameter 'amazonCheckoutSessionId' in the options object.",
        "Invalid value 'changeMind' for parameter 'changeAction' in the options object; supported values: changeAddress, changePayment.",
      ].join('\n'),
    );
    expect(
      thrown(() =>
        Pay.bindChangeAction!('#gone', { amazonCheckoutSessionId: 'x', changeAction: 'changeAddress' }),
      ),
    ).toBe('AmazonPay:\nCan not find element #gone for amazon.Pay.bindChangeAction.');
  });
});
