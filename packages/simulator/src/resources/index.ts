import type { HandlerTable } from '../handler.js';
import { authorizationTokenHandlers } from './authorization-tokens.js';
import { buyerHandlers } from './buyer.js';
import { chargeHandlers } from './charge.js';
import { chargePermissionHandlers } from './charge-permission.js';
import { checkoutSessionHandlers } from './checkout-session.js';
import { deliveryTrackerHandlers } from './delivery-trackers.js';
import { disbursementHandlers } from './disbursements.js';
import { disputeHandlers } from './disputes.js';
import { fileHandlers } from './files.js';
import { inStoreHandlers } from './in-store.js';
import { merchantAccountHandlers } from './merchant-accounts.js';
import { refundHandlers } from './refund.js';
import { reportHandlers } from './reports.js';

/** Every operation's hand-written state machine, keyed by the spec's operationId. */
export const allHandlers: HandlerTable = {
  ...checkoutSessionHandlers,
  ...chargePermissionHandlers,
  ...chargeHandlers,
  ...refundHandlers,
  ...buyerHandlers,
  ...reportHandlers,
  ...disbursementHandlers,
  ...deliveryTrackerHandlers,
  ...authorizationTokenHandlers,
  ...inStoreHandlers,
  ...merchantAccountHandlers,
  ...disputeHandlers,
  ...fileHandlers,
};
