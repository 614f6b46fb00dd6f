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
      'captureCharge',
      'createRefund',
      'getRefund',
      'createCheckoutSession',
      'completeCheckoutSession',
      'createCharge',
      'createCharge',
      'createReport',
      'getReportById',
      'getReportDocument',
      'closeChargePermission',
    ]);
    expect(lines.find((l) => l.step === '14')?.state).toBe('422 HardDeclined');
    expect(lines.find((l) => l.step === '18')?.state).toBe('Closed · MerchantClosed');
    for (const line of lines.slice(1)) expect(line.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(printed.some((p) => p.includes('redirected to https://merchant.example/checkout/result'))).toBe(
      true,
    );
  });
});
