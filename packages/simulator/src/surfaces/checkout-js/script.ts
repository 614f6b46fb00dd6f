import { BUTTON_OPTION_DEFAULTS, BUTTON_OPTION_VALUES } from './options.js';

/**
 * The browser script served at `/checkout.js`: the same global (`amazon.Pay`) as Amazon's, small
 * enough to read. A click submits a plain form to the simulator (top-level navigation, as Amazon's
 * redirect flow does), so the buyer's pages need no script at all.
 */
export function checkoutScript(baseUrl: string): string {
  return `/* Amazon Pay simulator: a stand-in for https://static-na.payments-amazon.com/checkout.js */
(function () {
  'use strict';
  var BASE = ${JSON.stringify(baseUrl)};
  var VALUES = ${JSON.stringify(BUTTON_OPTION_VALUES)};
  var DEFAULTS = ${JSON.stringify(BUTTON_OPTION_DEFAULTS)};
  var COLORS = { Gold: ['#ffd814', '#0f1111'], LightGray: ['#e3e6e6', '#0f1111'], DarkGray: ['#232f3e', '#ffffff'] };

  function fail(message) { throw new Error('amazon.Pay: ' + message); }

  function checkValue(field, value, required) {
    if (value === undefined || value === null || value === '') {
      if (required) fail("the option '" + field + "' is required");
      return;
    }
    if (VALUES[field].indexOf(value) < 0) {
      fail("'" + value + "' is not a valid " + field + '; use one of ' + VALUES[field].join(', '));
    }
  }

  function element(selector) {
    var el = typeof selector === 'string' ? document.querySelector(selector) : selector;
    if (!el) fail("no element matches '" + selector + "'");
    return el;
  }

  function merge(a, b) {
    var out = {}, k;
    for (k in a) if (Object.prototype.hasOwnProperty.call(a, k)) out[k] = a[k];
    for (k in b || {}) if (Object.prototype.hasOwnProperty.call(b, k)) out[k] = b[k];
    return out;
  }

  function checkOptions(options, needConfig) {
    if (!options || typeof options !== 'object') fail('options are required');
    if (!options.merchantId) fail("the option 'merchantId' is required");
    checkValue('ledgerCurrency', options.ledgerCurrency, true);
    checkValue('placement', options.placement, true);
    checkValue('productType', options.productType, false);
    checkValue('buttonColor', options.buttonColor, false);
    checkValue('checkoutLanguage', options.checkoutLanguage, false);
    if (options.sandbox !== undefined && typeof options.sandbox !== 'boolean') fail("'sandbox' must be true or false");
    var amount = options.estimatedOrderAmount;
    if (amount !== undefined && amount !== null) {
      if (typeof amount !== 'object' || !/^\\d+(\\.\\d+)?$/.test(String(amount.amount)) || !/^[A-Z]{3}$/.test(String(amount.currencyCode))) {
        fail("'estimatedOrderAmount' must be { amount: '12.34', currencyCode: 'USD' }");
      }
    }
    var signIn = (options.productType || DEFAULTS.productType) === 'SignIn';
    var name = signIn ? 'signInConfig' : 'createCheckoutSessionConfig';
    var config = options[name];
    if (!config) {
      if (needConfig) fail("'" + name + "' is required for productType " + (options.productType || DEFAULTS.productType));
      return;
    }
    if (!config.payloadJSON) fail(name + '.payloadJSON is required');
    if (!config.signature) fail(name + '.signature is required');
    if (!config.publicKeyId && !options.publicKeyId) fail("'publicKeyId' is required (top level or in " + name + ')');
    if (config.publicKeyId && options.publicKeyId && config.publicKeyId !== options.publicKeyId) {
      fail("publicKeyId '" + options.publicKeyId + "' and " + name + ".publicKeyId '" + config.publicKeyId + "' differ");
    }
  }

  function submit(path, fields) {
    var form = document.createElement('form');
    form.method = 'post';
    form.action = BASE + path;
    form.style.display = 'none';
    for (var name in fields) {
      if (fields[name] === undefined || fields[name] === null) continue;
      var input = document.createElement('input');
      input.type = 'hidden';
      input.name = name;
      input.value = String(fields[name]);
      form.appendChild(input);
    }
    document.body.appendChild(form);
    form.submit();
  }

  function start(options) {
    checkOptions(options, true);
    var productType = options.productType || DEFAULTS.productType;
    var config = productType === 'SignIn' ? options.signInConfig : options.createCheckoutSessionConfig;
    var payload = typeof config.payloadJSON === 'string' ? config.payloadJSON : JSON.stringify(config.payloadJSON);
    submit('/checkout/start', {
      merchantId: options.merchantId,
      publicKeyId: config.publicKeyId || options.publicKeyId,
      ledgerCurrency: options.ledgerCurrency,
      placement: options.placement,
      productType: productType,
      checkoutLanguage: options.checkoutLanguage,
      buttonColor: options.buttonColor,
      sandbox: options.sandbox === true ? 'true' : 'false',
      estimatedOrderAmount: options.estimatedOrderAmount ? JSON.stringify(options.estimatedOrderAmount) : undefined,
      payloadJSON: payload,
      signature: config.signature,
      algorithm: config.algorithm
    });
  }

  function renderButton(selector, options) {
    var container = element(selector);
    checkOptions(options, false);
    var productType = options.productType || DEFAULTS.productType;
    var color = COLORS[options.buttonColor || DEFAULTS.buttonColor];
    var button = document.createElement('button');
    button.type = 'button';
    button.className = 'amazonpay-button-simulated';
    button.textContent = productType === 'SignIn' ? 'Sign in with Amazon' : 'Amazon Pay';
    button.setAttribute('aria-label', productType === 'SignIn'
      ? 'Sign in with Amazon'
      : 'Amazon Pay - Use your Amazon Pay details to pay');
    button.style.cssText = 'min-width:150px;height:45px;border-radius:8px;border:1px solid #a88734;font:bold 16px system-ui,sans-serif;cursor:pointer;background:' + color[0] + ';color:' + color[1];
    var handler = null;
    var api = {
      onClick: function (callback) { handler = callback; },
      initCheckout: function (more) { start(merge(options, more)); }
    };
    button.addEventListener('click', function () {
      if (handler) handler(api); else start(options);
    });
    container.textContent = '';
    container.appendChild(button);
    return api;
  }

  function bindChangeAction(selector, options) {
    if (!options || !options.amazonCheckoutSessionId) fail("'amazonCheckoutSessionId' is required");
    checkValue('changeAction', options.changeAction, true);
    var nodes = typeof selector === 'string' ? document.querySelectorAll(selector) : [selector];
    if (!nodes.length) fail("no element matches '" + selector + "'");
    var target = BASE + '/checkout/signin?amazonCheckoutSessionId=' + encodeURIComponent(options.amazonCheckoutSessionId) +
      '&changeAction=' + encodeURIComponent(options.changeAction);
    for (var i = 0; i < nodes.length; i++) {
      nodes[i].addEventListener('click', function (event) {
        event.preventDefault();
        window.location.assign(target);
      });
    }
  }

  function signout() {
    // Ends the simulated Amazon session (a cookie on the simulator's host), like Amazon's sign-out.
    return fetch(BASE + '/checkout/signout', { method: 'POST', mode: 'no-cors', credentials: 'include', keepalive: true })
      .then(function () { return undefined; });
  }

  window.amazon = window.amazon || {};
  window.amazon.Pay = {
    renderButton: renderButton,
    initCheckout: function (options) { start(options); },
    bindChangeAction: bindChangeAction,
    signout: signout
  };
})();
`;
}
