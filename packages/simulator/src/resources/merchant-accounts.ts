import type { Store } from '@amazon-pay-ts/types';
import { ApiError } from '../errors.js';
import type { HandlerTable } from '../handler.js';
import { ownRecord, ownRecords } from '../ownership.js';
import type { MerchantAccountRecord, Store as SimulatorStore, StoreRecord } from '../store.js';

/**
 * Merchant onboarding for solution providers: accounts registered by unique reference id (a
 * repeated id answers the same account), updated, claimed and deleted; stores under an account.
 * An account belongs to the solution provider that registered it: another caller's
 * merchantAccountId is 404, and its reference ids do not collide with the caller's.
 */
function account(
  ctx: { engine: { store: SimulatorStore }; merchantId: string },
  id: string,
): MerchantAccountRecord {
  return ownRecord(ctx.engine.store.merchantAccounts, ctx.merchantId, 'Merchant account', id);
}

export function storeView(s: StoreRecord) {
  return {
    storeId: s.storeId,
    storeName: s.storeName ?? null,
    description: s.description ?? null,
    allowedOriginDomains: s.allowedOriginDomains ?? null,
    allowedRedirectURLs: s.allowedRedirectURLs ?? null,
    domainUrls: null,
    privacyPolicyUrl: s.privacyPolicyUrl ?? null,
    merchantLogoUrl: s.merchantLogoUrl ?? null,
    storeStatus: { statusProvider: 'Amazon', state: 'ACTIVE', reasonCode: null },
  } satisfies Store;
}

export const merchantAccountHandlers = {
  registerAmazonPayAccount(ctx) {
    const { uniqueReferenceId, ...details } = ctx.body;
    const existing = ownRecords(ctx.engine.store.merchantAccounts, ctx.merchantId).find(
      (a) => a.uniqueReferenceId === uniqueReferenceId,
    );
    if (existing) return { uniqueReferenceId, merchantAccountId: existing.merchantAccountId };
    const id = ctx.engine.ids.merchantId();
    ctx.engine.store.merchantAccounts.set(id, {
      merchantId: ctx.merchantId,
      record: { merchantAccountId: id, uniqueReferenceId, details, claimed: false },
    });
    return { uniqueReferenceId, merchantAccountId: id };
  },

  updateAmazonPayAccount(ctx) {
    const found = account(ctx, ctx.params.merchantAccountId);
    found.details = { ...found.details, ...ctx.body };
    // Amazon answers 204 without a body (the spec's success status; Node.js SDK sandbox test).
    return undefined;
  },

  deleteAmazonPayAccount(ctx) {
    const id = ctx.params.merchantAccountId;
    account(ctx, id);
    ctx.engine.store.merchantAccounts.delete(id);
    // Amazon answers 202 without a documented body.
    return undefined;
  },

  claimMerchantAccount(ctx) {
    const found = account(ctx, ctx.params.merchantAccountId);
    if (found.uniqueReferenceId !== ctx.body.uniqueReferenceId) {
      throw ApiError.invalidParameter(
        'uniqueReferenceId',
        ctx.body.uniqueReferenceId,
        `it does not match merchant account ${found.merchantAccountId}`,
      );
    }
    found.claimed = true;
    return {};
  },

  createStore(ctx) {
    const merchantAccountId = ctx.params.merchantAccountId;
    account(ctx, merchantAccountId);
    const store: StoreRecord = { ...ctx.body, storeId: ctx.engine.ids.storeId(), merchantAccountId };
    ctx.engine.store.stores.set(store.storeId, store);
    return storeView(store);
  },

  updateStore(ctx) {
    const { merchantAccountId, storeId: id } = ctx.params;
    account(ctx, merchantAccountId);
    const store = ctx.engine.store.stores.get(id);
    if (!store || store.merchantAccountId !== merchantAccountId) throw ApiError.notFound('Store', id);
    Object.assign(store, ctx.body);
    return storeView(store);
  },
} satisfies Partial<HandlerTable>;
