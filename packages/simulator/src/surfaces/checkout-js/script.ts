import { BUTTON_OPTION_DEFAULTS, BUTTON_OPTION_VALUES, REQUIRED_BUTTON_OPTIONS } from './options.js';

/**
 * The browser script served at `/checkout.js`: the same global (`amazon.Pay`) as Amazon's, small
 * enough to read. What it does where shops depend on it, with the evidence, is in the simulator
 * README's checkout.js section. A checkout submits a plain form to the simulator (top-level
 * navigation, as Amazon's redirect flow does), so the buyer's pages need no script at all.
 */
export function checkoutScript(baseUrl: string): string {
  return `/* Amazon Pay simulator: a stand-in for https://static-na.payments-amazon.com/checkout.js */
(function () {
  'use strict';
  var BASE = ${JSON.stringify(baseUrl)};
  var VALUES = ${JSON.stringify(BUTTON_OPTION_VALUES)};
  var DEFAULTS = ${JSON.stringify(BUTTON_OPTION_DEFAULTS)};
  var REQUIRED = ${JSON.stringify(REQUIRED_BUTTON_OPTIONS)};
  var COLORS = { Gold: ['#ffd814', '#0f1111'], LightGray: ['#e3e6e6', '#0f1111'], DarkGray: ['#232f3e', '#ffffff'] };
  var buttons = typeof WeakMap === 'function' ? new WeakMap() : null;
  var leaving = false;

  /* Amazon's script throws errors that print as "AmazonPay:" and one line per problem. */
  function amazonPayError(lines) {
    var error = new Error(lines.join('\\n'));
    error.name = 'AmazonPay';
    error.toString = function () { return 'AmazonPay:\\n' + this.message; };
    return error;
  }
  function fail(lines) { throw amazonPayError(typeof lines === 'string' ? [lines] : lines); }
  function absent(value) { return value === undefined || value === null || value === ''; }
  function own(object, key) { return Object.prototype.hasOwnProperty.call(object, key); }

  function merge(a, b) {
    var out = {}, k;
    for (k in a) if (own(a, k)) out[k] = a[k];
    for (k in b || {}) if (own(b, k)) out[k] = b[k];
    return out;
  }

  function isSandboxFlag(value) { return value === true || value === 'true' || value === 1 || value === '1'; }

  function publicKeyIdOf(options, config) { return (config && config.publicKeyId) || options.publicKeyId; }

  function isSandbox(options) {
    var config = options.signInConfig || options.createCheckoutSessionConfig;
    return isSandboxFlag(options.sandbox) || /^sandbox-/i.test(String(publicKeyIdOf(options, config) || ''));
  }

  /* { amount, currencyCode } as an object or a JSON string (WooCommerce passes the string); '' or null is none. */
  function estimateOf(value) {
    if (absent(value)) return null;
    var estimate = value;
    if (typeof value === 'string') {
      try { estimate = JSON.parse(value); } catch (e) { estimate = null; }
    }
    if (!estimate || typeof estimate !== 'object' ||
        !/^\\d+(\\.\\d+)?$/.test(String(estimate.amount)) || !/^[A-Z]{3}$/.test(String(estimate.currencyCode))) {
      fail("Invalid value for parameter 'estimatedOrderAmount' in the options object; use { amount: '12.34', currencyCode: 'USD' }.");
    }
    return { amount: estimate.amount, currencyCode: estimate.currencyCode };
  }

  function logEstimate(options, estimate) {
    if (estimate && isSandbox(options)) console.log('Estimated order amount for sandbox is ' + JSON.stringify(estimate));
  }

  /* The top-level options, checked as Amazon's script checks them when it renders: every problem listed. */
  function checkOptions(options) {
    var problems = [];
    for (var i = 0; i < REQUIRED.length; i++) {
      if (absent(options[REQUIRED[i]])) problems.push("Missing parameter '" + REQUIRED[i] + "' in the options object.");
    }
    for (var field in VALUES) {
      if (field === 'changeAction' || absent(options[field])) continue;
      if (VALUES[field].indexOf(options[field]) < 0) {
        problems.push("Invalid value '" + options[field] + "' for parameter '" + field + "' in the options object; supported values: " + VALUES[field].join(', ') + '.');
      }
    }
    if (problems.length) fail(problems);
    return estimateOf(options.estimatedOrderAmount);
  }

  function productTypeOf(options) { return absent(options.productType) ? DEFAULTS.productType : options.productType; }
  function configNameOf(options) { return productTypeOf(options) === 'SignIn' ? 'signInConfig' : 'createCheckoutSessionConfig'; }
  function isCoupled(options) { return !!(options[configNameOf(options)] || options.createCheckoutSession); }

  function submit(path, fields) {
    var form = document.createElement('form');
    form.method = 'post';
    form.action = BASE + path;
    form.style.display = 'none';
    for (var name in fields) {
      if (absent(fields[name])) continue;
      var input = document.createElement('input');
      input.type = 'hidden';
      input.name = name;
      input.value = String(fields[name]);
      form.appendChild(input);
    }
    document.body.appendChild(form);
    form.submit();
  }

  /* Older integrations name an endpoint of the shop that creates the session and answers its id. */
  function startFromShopEndpoint(spec) {
    if (!spec || typeof spec !== 'object' || absent(spec.url)) fail("Missing parameter 'createCheckoutSession.url' in the options object.");
    var field = spec.extractAmazonCheckoutSessionId || 'checkoutSessionId';
    var method = String(spec.method || 'POST').toUpperCase();
    if (leaving) return;
    leaving = true;
    return fetch(spec.url, { method: method, credentials: 'same-origin', headers: { accept: 'application/json' } })
      .then(function (response) {
        if (!response.ok) throw amazonPayError([spec.url + ' answered ' + response.status + '.']);
        return response.json();
      })
      .then(function (body) {
        var id = body && body[field];
        if (typeof id !== 'string' || id === '') throw amazonPayError(['The answer of ' + spec.url + " has no '" + field + "'."]);
        window.location.assign(BASE + '/checkout/signin?amazonCheckoutSessionId=' + encodeURIComponent(id));
      })
      .catch(function (error) { leaving = false; throw error; });
  }

  function start(options) {
    if (!options || typeof options !== 'object') options = {};
    var estimate = checkOptions(options);
    var productType = productTypeOf(options);
    var name = configNameOf(options);
    var config = options[name];
    if (!config && productType !== 'SignIn' && options.createCheckoutSession) return startFromShopEndpoint(options.createCheckoutSession);
    if (!config || typeof config !== 'object') fail("Missing parameter '" + name + "' in the options object.");
    if (config.publicKeyId && options.publicKeyId && config.publicKeyId !== options.publicKeyId) {
      fail("The publicKeyId '" + options.publicKeyId + "' and " + name + ".publicKeyId '" + config.publicKeyId + "' differ.");
    }
    var payload = typeof config.payloadJSON === 'string' || absent(config.payloadJSON) ? config.payloadJSON : JSON.stringify(config.payloadJSON);
    // One checkout per click: a second click (or initCheckout) while the page leaves starts nothing.
    if (leaving) return;
    leaving = true;
    submit('/checkout/start', {
      merchantId: options.merchantId,
      publicKeyId: publicKeyIdOf(options, config),
      ledgerCurrency: options.ledgerCurrency,
      placement: options.placement,
      productType: productType,
      checkoutLanguage: options.checkoutLanguage,
      buttonColor: options.buttonColor,
      sandbox: isSandboxFlag(options.sandbox) ? 'true' : 'false',
      estimatedOrderAmount: estimate ? JSON.stringify(estimate) : undefined,
      payloadJSON: payload,
      signature: config.signature,
      algorithm: config.algorithm
    });
  }

  function element(selector, functionName) {
    var el = typeof selector === 'string' ? document.querySelector(selector) : selector;
    if (!el || typeof el !== 'object') fail('Can not find element ' + selector + ' for amazon.Pay.' + functionName + '.');
    return el;
  }

  /* Amazon's script makes the container itself the button (role, label, size) and draws inside an open shadow root. */
  function draw(host, state) {
    var options = state.options;
    var signIn = productTypeOf(options) === 'SignIn';
    var label = signIn ? 'Sign in with Amazon'
      : 'Amazon Pay - ' + (isSandbox(options) ? 'Use your Amazon Pay Sandbox test account' : 'Use your Amazon Pay details to pay');
    host.setAttribute('role', 'button');
    host.setAttribute('tabindex', '0');
    host.setAttribute('aria-label', label);
    host.setAttribute('title', signIn ? 'Use your Amazon account to sign in' : 'Use the details already saved in your Amazon account to pay');
    var marker = 'amazonpay-button-parent-container-checkout-' + options.merchantId;
    if ((' ' + host.className + ' ').indexOf(' ' + marker + ' ') < 0) host.className = (host.className ? host.className + ' ' : '') + marker;
    host.style.position = 'relative';
    if (!host.style.width) host.style.width = '200px';
    if (!host.style.height) host.style.height = '45px';
    host.style.cursor = 'pointer';
    var root = host.shadowRoot;
    if (!root && typeof host.attachShadow === 'function') {
      try { root = host.attachShadow({ mode: 'open' }); } catch (e) { root = null; }
    }
    root = root || host;
    root.textContent = '';
    var color = COLORS[options.buttonColor] || COLORS[DEFAULTS.buttonColor];
    var face = document.createElement('div');
    face.className = 'amazonpay-button-enabled';
    face.textContent = signIn ? 'Sign in with Amazon' : 'Amazon Pay';
    face.style.cssText = 'box-sizing:border-box;width:100%;height:100%;display:flex;align-items:center;justify-content:center;' +
      'border-radius:8px;border:1px solid #a88734;font:bold 16px system-ui,sans-serif;background:' + color[0] + ';color:' + color[1];
    root.appendChild(face);
  }

  function activate(host) {
    var state = buttons ? buttons.get(host) : host.__amazonPayButton;
    if (!state) return;
    if (state.onClick) state.onClick();
    else start(state.options);
  }

  function renderButton(selector, options) {
    var host = element(selector, 'renderButton');
    if (!options || typeof options !== 'object') options = {};
    var estimate = checkOptions(options);
    var known = buttons ? buttons.get(host) : host.__amazonPayButton;
    var state = { options: options, onClick: null };
    if (buttons) buttons.set(host, state); else host.__amazonPayButton = state;
    draw(host, state);
    if (!known) {
      host.addEventListener('click', function () { activate(host); });
      host.addEventListener('keydown', function (event) {
        if (event.key === 'Enter' || event.key === ' ') { event.preventDefault(); activate(host); }
      });
    }
    logEstimate(options, estimate);
    var button = {
      updateButtonInfo: function (estimatedOrderAmount) {
        var next = estimateOf(estimatedOrderAmount);
        state.options = merge(state.options, { estimatedOrderAmount: next });
        logEstimate(state.options, next);
      }
    };
    // Only a button rendered without its checkout (or sign-in) config hands the click to the shop.
    if (!isCoupled(options)) {
      button.onClick = function (callback) { state.onClick = typeof callback === 'function' ? callback : null; };
      button.initCheckout = function (more) {
        var merged = merge(state.options, more);
        if (more && !absent(more.estimatedOrderAmount)) logEstimate(merged, estimateOf(more.estimatedOrderAmount));
        start(merged);
      };
    }
    return button;
  }

  function bindChangeAction(selector, options) {
    if (!options || typeof options !== 'object') options = {};
    var problems = [];
    if (absent(options.amazonCheckoutSessionId)) problems.push("Missing parameter 'amazonCheckoutSessionId' in the options object.");
    if (absent(options.changeAction)) problems.push("Missing parameter 'changeAction' in the options object.");
    else if (VALUES.changeAction.indexOf(options.changeAction) < 0) {
      problems.push("Invalid value '" + options.changeAction + "' for parameter 'changeAction' in the options object; supported values: " + VALUES.changeAction.join(', ') + '.');
    }
    if (problems.length) fail(problems);
    var nodes = typeof selector === 'string' ? document.querySelectorAll(selector) : [selector];
    if (!nodes.length || !nodes[0]) fail('Can not find element ' + selector + ' for amazon.Pay.bindChangeAction.');
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
    // Ends the simulated Amazon session (a cookie on the simulator's host); keepalive lets a page
    // navigate away right after calling it, as shops do.
    return fetch(BASE + '/checkout/signout', { method: 'POST', mode: 'no-cors', credentials: 'include', keepalive: true })
      .then(function () { return undefined; }, function () { return undefined; });
  }

  if (typeof window.addEventListener === 'function') {
    // Back from Amazon through the browser's history: the buttons work again.
    window.addEventListener('pageshow', function () { leaving = false; });
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
