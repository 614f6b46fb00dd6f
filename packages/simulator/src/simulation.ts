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

/** What a code does beyond its name, for the README table. */
const NOTES: Readonly<Record<string, string>> = {
  'createCharge AuthorizationInitiated': 'Authorized after 30 s',
  'createCharge CaptureInitiated': 'Captured after 30 s',
  'completeCheckoutSession AuthorizationInitiated': 'the charge stays pending',
  'finalizeCheckoutSession AuthorizationInitiated': 'the charge stays pending',
};

/**
 * The README's table of simulation codes, generated from SIMULATION_CODES (a test checks the README
 * holds exactly this, so the two cannot drift).
 */
export function simulationCodeTable(): string {
  const rows = Object.entries(SIMULATION_CODES).map(([operationId, codes]) => {
    const cells = codes.map((code) => {
      const note = NOTES[`${operationId} ${code}`];
      return note ? `\`${code}\` (${note})` : `\`${code}\``;
    });
    return `| ${operationId} | ${cells.join(', ')} |`;
  });
  return ['| operation | codes |', '| --- | --- |', ...rows].join('\n');
}

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
