import { describe, expect, it } from 'vitest';
import { runOfflineDemo } from './demo.js';

describe('pnpm demo', () => {
  it('runs the whole merchant flow against the in-process simulator', async () => {
    const printed: string[] = [];
    const lines = await runOfflineDemo((text) => printed.push(text));
    expect(lines.map((l) => l.operation)).toEqual([
      'generateButtonSignature',
      'createCheckoutSession',
      'getCheckoutSession',
      'updateCheckoutSession',
      'completeCheckoutSession',
      'getChargePermission',
      'getCharge',
      'IPN CHARGE',
      'captureCharge',
      'createRefund',
      'IPN REFUND',
      'createCheckoutSession',
      'completeCheckoutSession',
      'createCharge',
      'createCharge',
      'createReport',
      'getReportById',
      'getReportDocument',
      'closeChargePermission',
    ]);
    // The pending authorization (0701) and the refund end through verified IPNs, not polling.
    expect(lines.filter((l) => l.step === '7').map((l) => l.state)).toEqual([
      'AuthorizationInitiated',
      'Authorized · notified',
    ]);
    expect(lines.find((l) => l.operation === 'IPN REFUND')?.state).toBe('Refunded · notified');
    expect(printed.some((p) => p.includes('IPN CHARGE STATE_CHANGE verified'))).toBe(true);
    expect(lines.find((l) => l.step === '14')?.state).toBe('422 HardDeclined');
    expect(lines.find((l) => l.step === '18')?.state).toBe('Closed · MerchantClosed');
    for (const line of lines.slice(1)) expect(line.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(printed.some((p) => p.includes('redirected to https://merchant.example/checkout/result'))).toBe(
      true,
    );
  });
});
