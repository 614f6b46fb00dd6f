import { ApiError, shown } from './errors.js';
import type { Environment } from './ids.js';

/**
 * The `x-amz-pay-simulation-code` values the simulator understands, per operation, following
 * Amazon's sandbox simulation list. Any other value is rejected with InvalidSandboxSimulationSpecified.
 */
export const SIMULATION_CODES: Readonly<Record<string, readonly string[]>> = {
  completeCheckoutSession: ['BuyerCanceled', 'Declined', 'AmazonCanceled', 'AuthorizationInitiated'],
  finalizeCheckoutSession: ['BuyerCanceled', 'Declined', 'AmazonCanceled', 'AuthorizationInitiated'],
  createCharge: [
    'HardDeclined',
    'SoftDeclined',
    'AmazonRejected',
    'ProcessingFailure',
    'TransactionTimedOut',
    'AuthorizationInitiated',
    'CaptureInitiated',
  ],
  captureCharge: ['HardDeclined', 'SoftDeclined', 'AmazonRejected', 'ProcessingFailure'],
  getCharge: ['ExpiredUnused', 'AmazonCanceled'],
  closeChargePermission: ['AmazonClosed'],
  getChargePermission: [
    'BuyerClosed',
    'BuyerCanceled',
    'AmazonClosed',
    'PaymentMethodInvalid',
    'PaymentMethodExpired',
    'PaymentMethodDeleted',
    'BillingAddressDeleted',
  ],
  createRefund: ['RefundDeclined'],
};

export function checkSimulationCode(
  operationId: string,
  code: string | null,
  env: Environment,
): string | null {
  if (code === null || code === '') return null;
  if (env === 'Live') {
    throw new ApiError(
      400,
      'InvalidSandboxSimulationSpecified',
      `x-amz-pay-simulation-code ${shown(code)} is only accepted in the Sandbox environment.`,
    );
  }
  const allowed = SIMULATION_CODES[operationId] ?? [];
  if (!allowed.includes(code)) {
    throw new ApiError(
      400,
      'InvalidSandboxSimulationSpecified',
      allowed.length > 0
        ? `${shown(code)} is not a simulation for ${operationId}; use one of ${allowed.join(', ')}.`
        : `${operationId} has no sandbox simulations; remove x-amz-pay-simulation-code ${shown(code)}.`,
    );
  }
  return code;
}
