// After a completed one-time checkout of 14.00 EUR with paymentIntent Authorize:
// `checkoutSessionId`, `chargePermissionId`, `chargeId` (Authorized, not captured) and `orderId`
// (your order number, unique per run: it doubles as an idempotency key).
import { completedCheckout as readmeCompletedCheckout } from '../src/completed-checkout.js';

const { checkoutSessionId, chargePermissionId, chargeId } = await readmeCompletedCheckout('Authorize');
const orderId = `order-${crypto.randomUUID().slice(0, 8)}`;
