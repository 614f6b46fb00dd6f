import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { conformanceTitle, phpSdkVersion } from './php-sdk.js';

// The PHP conformance suite's title printed PHP's version where the SDK's belonged
// ("Amazon's PHP SDK 8.2.36"): the SDK's version now comes from the SDK, PHP's from php.
describe("the PHP SDK conformance suite's title", () => {
  it("names the SDK's version, read from the SDK, and PHP's version as PHP's", () => {
    const sdkDir = mkdtempSync(join(tmpdir(), 'php-sdk-title-'));
    try {
      mkdirSync(join(sdkDir, 'Amazon/Pay/API'), { recursive: true });
      writeFileSync(
        join(sdkDir, 'Amazon/Pay/API/Client.php'),
        "<?php\nclass Client {\n        const SDK_VERSION = '2.7.2';\n}\n",
      );
      expect(conformanceTitle(phpSdkVersion(sdkDir), '8.2.36')).toBe(
        "Amazon's PHP SDK 2.7.2 on PHP 8.2.36 against the simulator",
      );
    } finally {
      rmSync(sdkDir, { recursive: true, force: true });
    }
  });
});
