// `chargeId`: a charge of 14.00 EUR, authorized and captured.
import { completedCheckout as readmeCompletedCheckout } from '../src/completed-checkout.js';

const { chargeId } = await readmeCompletedCheckout('AuthorizeWithCapture');
