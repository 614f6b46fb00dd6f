import type {
  CreateStoreRequest,
  DeliveryTrackerResponse,
  Dispute,
  File,
  RegisterAmazonPayAccountRequest,
  Report,
  ReportSchedule,
} from '@amazon-pay-ts/types';
import type { Environment, RegionCode } from './ids.js';
import type { Money } from './money.js';
import type { SimulatedPaymentMethod } from './payment-methods.js';

/** A JSON object, as the API answers it. */
export type Json = Record<string, unknown>;

/** The simulated buyer: what `getBuyer` and a checkout session's `buyer` show. */
export interface BuyerProfile {
  buyerId: string;
  name: string;
  email: string;
  phoneNumber: string | null;
  primeMembershipTypes: string[] | null;
}

/** A postal address, as the API shows a shipping or billing address. */
export interface AddressRecord {
  name: string | null;
  addressLine1: string | null;
  addressLine2: string | null;
  addressLine3: string | null;
  city: string | null;
  county: string | null;
  district: string | null;
  stateOrRegion: string | null;
  postalCode: string | null;
  countryCode: string | null;
  phoneNumber: string | null;
}

export interface StatusRecord {
  state: string;
  reasonCode: string | null;
  reasonDescription: string | null;
  updatedAt: Date;
}

export interface CheckoutSessionRecord {
  id: string;
  /** The merchant whose key created it; other merchants cannot see it. */
  merchantId: string;
  env: Environment;
  region: RegionCode;
  createdAt: Date;
  expiresAt: Date;
  /** The merchant-set fields as last sent (create merged with updates). */
  fields: Json;
  status: StatusRecord;
  buyer: BuyerProfile | null;
  shippingAddress: AddressRecord | null;
  billingAddress: AddressRecord | null;
  paymentMethod: SimulatedPaymentMethod | null;
  /** The buyer went through amazonPayRedirectUrl (or finalize ran), so complete may proceed. */
  processed: boolean;
  chargePermissionId: string | null;
  chargeId: string | null;
}

export interface ChargePermissionRecord {
  id: string;
  merchantId: string;
  env: Environment;
  region: RegionCode;
  type: string;
  checkoutSessionId: string | null;
  buyer: BuyerProfile | null;
  shippingAddress: AddressRecord | null;
  billingAddress: AddressRecord | null;
  paymentMethod: SimulatedPaymentMethod | null;
  merchantMetadata: Json | null;
  chargePermissionReferenceId: string | null;
  platformId: string | null;
  recurringMetadata: Json | null;
  presentmentCurrency: string;
  createdAt: Date;
  expiresAt: Date | null;
  state: string;
  reasons: { reasonCode: string; reasonDescription: string }[] | null;
  updatedAt: Date;
  amountLimit: Money | null;
  amazonPayToken: string;
  chargeSequence: number;
  refundSequence: number;
}

export interface ChargeRecord {
  id: string;
  chargePermissionId: string;
  merchantId: string;
  env: Environment;
  amount: Money;
  captured: Money | null;
  refunded: Money;
  softDescriptor: string | null;
  merchantMetadata: Json | null;
  providerMetadata: Json | null;
  platformId: string | null;
  channel: string | null;
  status: StatusRecord;
  createdAt: Date;
  authorizedAt: Date | null;
  expiresAt: Date;
}

export interface RefundRecord {
  id: string;
  chargeId: string;
  chargePermissionId: string;
  merchantId: string;
  env: Environment;
  amount: Money;
  softDescriptor: string | null;
  status: StatusRecord;
  createdAt: Date;
}

/** A money movement, the rows of generated reports and disbursements. */
export interface LedgerEntry {
  id: string;
  type: 'Capture' | 'Refund';
  merchantId: string;
  chargePermissionId: string;
  chargeId: string;
  amount: Money;
  postedAt: Date;
  merchantReferenceId: string | null;
}

/** A merchant account a solution provider registered: what it sent (merged with updates) and whether it was claimed. */
export interface MerchantAccountRecord {
  merchantAccountId: string;
  uniqueReferenceId: string;
  details: Omit<RegisterAmazonPayAccountRequest, 'uniqueReferenceId'>;
  claimed: boolean;
}

/** A store under a merchant account, as created and updated. */
export interface StoreRecord extends Partial<CreateStoreRequest> {
  storeId: string;
  merchantAccountId: string;
}

/** A record as the API answers it, and the merchant whose key created it (never sent). */
export interface Owned<T = Json> {
  merchantId: string;
  record: T;
}

export interface Store {
  checkoutSessions: Map<string, CheckoutSessionRecord>;
  chargePermissions: Map<string, ChargePermissionRecord>;
  charges: Map<string, ChargeRecord>;
  refunds: Map<string, RefundRecord>;
  ledger: LedgerEntry[];
  buyerTokens: Map<
    string,
    {
      buyer: BuyerProfile;
      shippingAddress: AddressRecord;
      billingAddress: AddressRecord;
      /** Sign-in scopes granted; null for all. */
      scopes: readonly string[] | null;
      /** The merchant whose sign-in button issued it; null (any merchant) for tokens made by hand. */
      merchantId: string | null;
    }
  >;
  reports: Map<string, Owned<Report>>;
  reportDocuments: Map<
    string,
    { reportDocumentId: string; content: string; reportId: string; merchantId: string }
  >;
  reportSchedules: Map<string, Owned<ReportSchedule>>;
  deliveryTrackers: Owned<DeliveryTrackerResponse>[];
  /**
   * Delegated tokens: `merchantId` is the merchant that delegated (the query parameter), `issuedTo`
   * the caller (solution provider) that obtained the token and alone may send it.
   */
  authorizationTokens: Map<string, { merchantId: string; mwsAuthToken: string; issuedTo: string }>;
  /** In-store scans by merchant and scanReferenceId: a repeated scan answers the same charge permission. */
  inStoreScans: Map<string, { chargePermissionId: string; scannedAt: string }>;
  /** Accounts registered by a solution provider, owned by it. */
  merchantAccounts: Map<string, Owned<MerchantAccountRecord>>;
  stores: Map<string, StoreRecord>;
  disputes: Map<string, Dispute>;
  files: Map<string, Owned<File>>;
}

export function createStore(): Store {
  return {
    checkoutSessions: new Map(),
    chargePermissions: new Map(),
    charges: new Map(),
    refunds: new Map(),
    ledger: [],
    buyerTokens: new Map(),
    reports: new Map(),
    reportDocuments: new Map(),
    reportSchedules: new Map(),
    deliveryTrackers: [],
    authorizationTokens: new Map(),
    inStoreScans: new Map(),
    merchantAccounts: new Map(),
    stores: new Map(),
    disputes: new Map(),
    files: new Map(),
  };
}
