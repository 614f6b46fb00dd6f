import type { Environment, RegionCode } from '../../ids.js';

/**
 * The `amazon.Pay.renderButton` / `initCheckout` options checkout.js accepts, with the values and
 * defaults Amazon's "Amazon Pay script" page lists. The same table is embedded in the served
 * script (so a bad option fails in the browser, as with Amazon's script) and checked again when
 * the button posts to the simulator (so a hand-made form cannot skip it).
 */
export const BUTTON_OPTION_VALUES = {
  ledgerCurrency: ['USD', 'EUR', 'GBP', 'JPY'],
  placement: ['Home', 'Product', 'Cart', 'Checkout', 'Other'],
  productType: ['PayAndShip', 'PayOnly', 'SignIn'],
  buttonColor: ['Gold', 'LightGray', 'DarkGray'],
  checkoutLanguage: ['en_US', 'en_GB', 'de_DE', 'fr_FR', 'it_IT', 'es_ES', 'ja_JP'],
  changeAction: ['changeAddress', 'changePayment'],
} as const;

/** Options whose absence Amazon's script reports at render ("Missing parameter 'merchantId' in the options object."). */
export const REQUIRED_BUTTON_OPTIONS = ['merchantId', 'ledgerCurrency', 'placement'] as const;

export const BUTTON_OPTION_DEFAULTS = {
  productType: 'PayAndShip',
  buttonColor: 'Gold',
  sandbox: false,
} as const;

export type ProductType = (typeof BUTTON_OPTION_VALUES.productType)[number];

/** What the button posts to `/checkout/start`, already flattened by the script. */
export interface ButtonSubmission {
  merchantId: string;
  publicKeyId: string;
  ledgerCurrency: string;
  placement: string;
  productType: ProductType;
  checkoutLanguage: string | null;
  buttonColor: string;
  sandbox: boolean;
  payloadJSON: string;
  signature: string;
  /** Absent means the original AMZN-PAY-RSASSA-PSS, as with Amazon's script. */
  algorithm: string | null;
}

/** A reason Amazon's page would name, and the sentence a developer needs to fix it. */
export class ButtonError extends Error {
  constructor(
    readonly reasonCode: string,
    message: string,
  ) {
    super(message);
    this.name = 'ButtonError';
  }
}

function oneOf(field: keyof typeof BUTTON_OPTION_VALUES, value: string | null, required: boolean) {
  const allowed: readonly string[] = BUTTON_OPTION_VALUES[field];
  if (value === null || value === '') {
    if (required) throw new ButtonError('MissingParameterValue', `The button option '${field}' is required.`);
    return;
  }
  if (!allowed.includes(value)) {
    throw new ButtonError(
      'InvalidParameterValue',
      `The value '${value}' provided for '${field}' is invalid; use one of ${allowed.join(', ')}.`,
    );
  }
}

/** Reads and checks the posted form; throws a ButtonError naming the first problem. */
export function parseButtonSubmission(form: URLSearchParams): ButtonSubmission {
  const text = (name: string) => form.get(name);
  const merchantId = text('merchantId');
  if (!merchantId)
    throw new ButtonError('MissingParameterValue', "The button option 'merchantId' is required.");
  if (!/^[A-Z0-9]{6,32}$/.test(merchantId)) {
    throw new ButtonError(
      'InvalidParameterValue',
      `The value '${merchantId}' provided for 'merchantId' is not an Amazon Pay merchant id (upper-case letters and digits, as Seller Central shows it).`,
    );
  }
  oneOf('ledgerCurrency', text('ledgerCurrency'), true);
  oneOf('placement', text('placement'), true);
  const productType = (text('productType') || BUTTON_OPTION_DEFAULTS.productType) as ProductType;
  oneOf('productType', productType, false);
  oneOf('buttonColor', text('buttonColor'), false);
  oneOf('checkoutLanguage', text('checkoutLanguage'), false);
  const configName = productType === 'SignIn' ? 'signInConfig' : 'createCheckoutSessionConfig';
  const publicKeyId = text('publicKeyId');
  if (!publicKeyId) {
    throw new ButtonError(
      'MissingParameterValue',
      `The button option 'publicKeyId' (top level or in ${configName}) is required.`,
    );
  }
  const payloadJSON = text('payloadJSON');
  if (!payloadJSON) throw new ButtonError('MissingParameterValue', `${configName}.payloadJSON is required.`);
  const signature = text('signature');
  if (!signature) throw new ButtonError('MissingSignature', `${configName}.signature is required.`);
  return {
    merchantId,
    publicKeyId,
    ledgerCurrency: text('ledgerCurrency')!,
    placement: text('placement')!,
    productType,
    checkoutLanguage: text('checkoutLanguage') || null,
    buttonColor: text('buttonColor') || BUTTON_OPTION_DEFAULTS.buttonColor,
    sandbox: text('sandbox') === 'true',
    payloadJSON,
    signature,
    algorithm: text('algorithm') || null,
  };
}

const LEDGER_REGION: Record<string, RegionCode> = { USD: 'na', EUR: 'eu', GBP: 'eu', JPY: 'jp' };

/** The region a ledger currency belongs to, and the environment the key id (or `sandbox`) names. */
export function realmOfButton(submission: ButtonSubmission): { env: Environment; region: RegionCode } {
  const keyEnv = /^live-/i.test(submission.publicKeyId)
    ? 'Live'
    : /^sandbox-/i.test(submission.publicKeyId)
      ? 'Sandbox'
      : null;
  if (keyEnv === 'Live' && submission.sandbox) {
    throw new ButtonError(
      'InvalidParameterValue',
      `publicKeyId '${submission.publicKeyId}' is a Live key but the button says sandbox: true.`,
    );
  }
  return {
    env: keyEnv ?? (submission.sandbox ? 'Sandbox' : 'Live'),
    region: LEDGER_REGION[submission.ledgerCurrency] ?? 'na',
  };
}
