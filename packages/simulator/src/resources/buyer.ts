import type { Engine } from '../engine.js';
import { ApiError } from '../errors.js';
import type { HandlerTable } from '../handler.js';
import type { RegionCode } from '../ids.js';
import { buyerToken } from '../ids.js';
import { sandboxAddress, sandboxBuyer } from '../sandbox-data.js';
import type { AddressRecord, BuyerProfile } from '../store.js';

/** Buyer: the profile behind a buyer token that Amazon Sign-In hands to signInReturnUrl. */
export interface BuyerTokenOptions {
  buyer?: Partial<BuyerProfile>;
  shippingAddress?: Partial<AddressRecord>;
  billingAddress?: Partial<AddressRecord>;
  region?: RegionCode;
}

export function issueBuyerToken(engine: Engine, opts: BuyerTokenOptions = {}): string {
  const token = buyerToken();
  const region = opts.region ?? 'na';
  engine.store.buyerTokens.set(token, {
    buyer: sandboxBuyer(opts.buyer),
    shippingAddress: sandboxAddress(region, opts.shippingAddress),
    billingAddress: sandboxAddress(region, opts.billingAddress ?? opts.shippingAddress),
  });
  return token;
}

export const buyerHandlers: HandlerTable = {
  getBuyer(ctx) {
    const token = ctx.params.buyerToken!;
    const entry = ctx.engine.store.buyerTokens.get(token);
    if (!entry) throw ApiError.notFound('Buyer token', token);
    return {
      body: {
        buyerId: entry.buyer.buyerId,
        name: entry.buyer.name,
        email: entry.buyer.email,
        postalCode: entry.shippingAddress.postalCode,
        countryCode: entry.shippingAddress.countryCode,
        phoneNumber: entry.buyer.phoneNumber,
        shippingAddress: entry.shippingAddress,
        billingAddress: entry.billingAddress,
        primeMembershipTypes: entry.buyer.primeMembershipTypes,
      },
    };
  },
};
