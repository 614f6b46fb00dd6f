import type { Buyer } from '@amazon-pay-ts/types';
import type { Engine } from '../engine.js';
import { ApiError } from '../errors.js';
import type { HandlerTable } from '../handler.js';
import type { RegionCode } from '../ids.js';
import { sandboxAddress, sandboxBuyer } from '../sandbox-data.js';
import type { AddressRecord, BuyerProfile } from '../store.js';

/** Buyer: the profile behind a buyer token that Amazon Sign-In hands to signInReturnUrl. */
export interface BuyerTokenOptions {
  buyer?: Partial<BuyerProfile>;
  shippingAddress?: Partial<AddressRecord>;
  billingAddress?: Partial<AddressRecord>;
  region?: RegionCode;
  /** The sign-in scopes granted (`name`, `email`, `postalCode`, `shippingAddress`, `phoneNumber`, `billingAddress`, `primeStatus`); all when omitted. */
  scopes?: readonly string[];
  /** The merchant whose sign-in button issued the token; only it may read the buyer. Any merchant when omitted. */
  merchantId?: string;
}

/**
 * A buyer token as Amazon Sign-In hands it to `signInReturnUrl`. `owner` is the merchant whose
 * sign-in button (checked signature, registered key) asked for it: only that merchant's getBuyer
 * reads it. Every sign-in path must name it; `null` (readable by any merchant) is only for tokens a
 * test makes by hand with `sim.issueBuyerToken()`.
 */
export function issueBuyerToken(
  engine: Engine,
  owner: string | null,
  opts: Omit<BuyerTokenOptions, 'merchantId'> = {},
): string {
  const token = engine.ids.buyerToken();
  const region = opts.region ?? 'na';
  engine.store.buyerTokens.set(token, {
    buyer: sandboxBuyer(engine.ids, opts.buyer),
    shippingAddress: sandboxAddress(region, opts.shippingAddress),
    billingAddress: sandboxAddress(region, opts.billingAddress ?? opts.shippingAddress),
    scopes: opts.scopes ?? null,
    merchantId: owner,
  });
  return token;
}

export const buyerHandlers = {
  getBuyer(ctx) {
    const token = ctx.params.buyerToken;
    const entry = ctx.engine.store.buyerTokens.get(token);
    if (!entry || (entry.merchantId !== null && entry.merchantId !== ctx.merchantId)) {
      throw ApiError.notFound('Buyer token', token);
    }
    // Amazon answers only what the buyer consented to share; the rest is null.
    const granted = (scope: string) => entry.scopes === null || entry.scopes.includes(scope);
    const shareAddress = granted('shippingAddress') || granted('postalCode');
    const buyer: Buyer = {
      buyerId: entry.buyer.buyerId,
      name: granted('name') ? entry.buyer.name : null,
      email: granted('email') ? entry.buyer.email : null,
      postalCode: shareAddress ? entry.shippingAddress.postalCode : null,
      countryCode: shareAddress ? entry.shippingAddress.countryCode : null,
      phoneNumber: granted('phoneNumber') ? entry.buyer.phoneNumber : null,
      shippingAddress: granted('shippingAddress') ? entry.shippingAddress : null,
      billingAddress: granted('billingAddress') ? entry.billingAddress : null,
      primeMembershipTypes: granted('primeStatus') ? entry.buyer.primeMembershipTypes : null,
    };
    return buyer;
  },
} satisfies Partial<HandlerTable>;
