import type { HandlerTable, UndeclaredResponseFields } from '../handler.js';
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

/**
 * Every operation's hand-written state machine, keyed by the spec's operationId: one for each
 * operation (a new one in the spec fails the type check until it has a handler), each typed by the
 * spec's request and response schemas.
 */
export const allHandlers = {
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
} satisfies HandlerTable;

/** A handler answering a field the spec does not declare (say, one removed from it) fails here, naming it. */
const everyFieldDeclared: [UndeclaredResponseFields<typeof allHandlers>] extends [never]
  ? true
  : UndeclaredResponseFields<typeof allHandlers> = true;
void everyFieldDeclared;
