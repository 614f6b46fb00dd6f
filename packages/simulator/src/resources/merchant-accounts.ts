import { ApiError } from '../errors.js';
import type { HandlerTable } from '../handler.js';
import { ownRecord, ownRecords } from '../ownership.js';
import type { Json, Store } from '../store.js';

/**
 * Merchant onboarding for solution providers: accounts registered by unique reference id (a
 * repeated id answers the same account), updated, claimed and deleted; stores under an account.
 * An account belongs to the solution provider that registered it: another caller's
 * merchantAccountId is 404, and its reference ids do not collide with the caller's.
 */
function account(ctx: { engine: { store: Store }; merchantId: string }, id: string): Json {
  return ownRecord(ctx.engine.store.merchantAccounts, ctx.merchantId, 'Merchant account', id);
}

function storeView(s: Json) {
  return {
    storeId: s.storeId ?? null,
    storeName: s.storeName ?? null,
    description: s.description ?? null,
    allowedOriginDomains: s.allowedOriginDomains ?? null,
    allowedRedirectURLs: s.allowedRedirectURLs ?? null,
    domainUrls: s.domainUrls ?? null,
    privacyPolicyUrl: s.privacyPolicyUrl ?? null,
    merchantLogoUrl: s.merchantLogoUrl ?? null,
    storeStatus: { statusProvider: 'Amazon', state: 'ACTIVE', reasonCode: null },
  };
}

export const merchantAccountHandlers: HandlerTable = {
  registerAmazonPayAccount(ctx) {
    const reference = String(ctx.body.uniqueReferenceId);
    const existing = ownRecords(ctx.engine.store.merchantAccounts, ctx.merchantId).find(
      (a) => a.uniqueReferenceId === reference,
    );
    if (existing)
      return { body: { uniqueReferenceId: reference, merchantAccountId: existing.merchantAccountId } };
    const id = ctx.engine.ids.merchantId();
    ctx.engine.store.merchantAccounts.set(id, {
      merchantId: ctx.merchantId,
      record: { ...ctx.body, merchantAccountId: id, claimed: false },
    });
    return { body: { uniqueReferenceId: reference, merchantAccountId: id } };
  },

  updateAmazonPayAccount(ctx) {
    const found = account(ctx, ctx.params.merchantAccountId!);
    Object.assign(found, ctx.body);
    // Amazon answers 204 without a body (the spec's success status; Node.js SDK sandbox test).
    return { body: undefined };
  },

  deleteAmazonPayAccount(ctx) {
    const id = ctx.params.merchantAccountId!;
    account(ctx, id);
    ctx.engine.store.merchantAccounts.delete(id);
    // Amazon answers 202 without a documented body.
    return { body: undefined };
  },

  claimMerchantAccount(ctx) {
    const found = account(ctx, ctx.params.merchantAccountId!);
    if (found.uniqueReferenceId !== ctx.body.uniqueReferenceId) {
      throw ApiError.invalidParameter(
        'uniqueReferenceId',
        ctx.body.uniqueReferenceId,
        `it does not match merchant account ${String(found.merchantAccountId)}`,
      );
    }
    found.claimed = true;
    return { body: {} };
  },

  createStore(ctx) {
    account(ctx, ctx.params.merchantAccountId!);
    const id = ctx.engine.ids.storeId();
    const store = { ...ctx.body, storeId: id, merchantAccountId: ctx.params.merchantAccountId };
    ctx.engine.store.stores.set(id, store);
    return { body: storeView(store) };
  },

  updateStore(ctx) {
    account(ctx, ctx.params.merchantAccountId!);
    const store = ctx.engine.store.stores.get(ctx.params.storeId!);
    if (!store || store.merchantAccountId !== ctx.params.merchantAccountId) {
      throw ApiError.notFound('Store', ctx.params.storeId!);
    }
    Object.assign(store, ctx.body);
    return { body: storeView(store) };
  },
};
