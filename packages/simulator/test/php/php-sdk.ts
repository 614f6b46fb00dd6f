import { type ChildProcessWithoutNullStreams, execFileSync, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

/**
 * Amazon's PHP SDK, unmodified, driven from a test: one `php` process per SDK configuration runs
 * driver.php, which calls the SDK's public methods as JSON lines ask. The SDK itself is never copied
 * into this repository: it is found at test time beside the checkout (`../shared/reference/
 * official-sdks/php`, as CI lays it out), phpseclib 3 where Debian's php-phpseclib3 installs it.
 */
const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = resolve(here, '../../../..');
const SDK_RELATIVE = 'shared/reference/official-sdks/php';

/** The SDK's directory: `$AMAZON_PAY_PHP_SDK_DIR`, or `shared/…` beside the repository or one of its parents. */
export function findPhpSdk(): string | undefined {
  const fromEnv = process.env.AMAZON_PAY_PHP_SDK_DIR;
  if (fromEnv) return existsSync(join(fromEnv, 'Amazon/Pay/API/Client.php')) ? fromEnv : undefined;
  // A worktree (…/wt/<branch>) sits one level deeper than the main checkout; look upwards.
  for (let dir = resolve(repoRoot, '..'); ; dir = dirname(dir)) {
    const candidate = join(dir, SDK_RELATIVE);
    if (existsSync(join(candidate, 'Amazon/Pay/API/Client.php'))) return candidate;
    if (dirname(dir) === dir) return undefined;
  }
}

/** phpseclib 3's autoloader, from the php-phpseclib3 package's file list. */
export function findPhpseclib(): string | undefined {
  try {
    const files = execFileSync('dpkg', ['-L', 'php-phpseclib3'], { encoding: 'utf8' }).split('\n');
    const autoload = files.find((f) => /\/phpseclib3\/autoload\.php$/.test(f));
    if (autoload && existsSync(autoload)) return autoload;
  } catch {
    // not a Debian system, or the package is not installed
  }
  return undefined;
}

/** The SDK's own version (its `Client::SDK_VERSION`, what it sends as x-amz-pay-sdk-version), e.g. 2.7.2. */
export function phpSdkVersion(sdkDir: string): string | undefined {
  const client = readFileSync(join(sdkDir, 'Amazon/Pay/API/Client.php'), 'utf8');
  return /const\s+SDK_VERSION\s*=\s*'([^']+)'/.exec(client)?.[1];
}

/** The conformance suite's title: the SDK's version and the PHP that runs it, each named as what it is. */
export function conformanceTitle(sdkVersion: string | undefined, php: string | undefined): string {
  return `Amazon's PHP SDK ${sdkVersion ?? '(version unknown)'} on PHP ${php ?? '(not found)'} against the simulator`;
}

/** Whether `php` runs and has the curl and mbstring extensions the SDK needs. */
export function phpVersion(): string | undefined {
  try {
    const modules = execFileSync('php', ['-m'], { encoding: 'utf8' });
    if (!/^curl$/m.test(modules) || !/^mbstring$/m.test(modules)) return undefined;
    return execFileSync('php', ['-r', 'echo PHP_VERSION;'], { encoding: 'utf8' });
  } catch {
    return undefined;
  }
}

/** What the SDK's `apiCall` returns (its `$result` array). */
export interface PhpResult {
  status: number;
  method: string;
  url: string;
  headers: string[];
  request: string | null;
  response: string;
  request_id: string | null;
  retries: number;
}

type Answer = { ok: true; result: unknown; ready?: string } | { ok: false; error: string };

export class PhpSdk {
  private readonly waiting: ((answer: Answer) => void)[] = [];
  private stderr = '';

  private constructor(private readonly php: ChildProcessWithoutNullStreams) {
    createInterface({ input: php.stdout }).on('line', (line) => {
      let answer: Answer;
      try {
        answer = JSON.parse(line) as Answer;
      } catch {
        answer = { ok: false, error: `driver wrote a line that is not JSON: ${line.slice(0, 300)}` };
      }
      this.waiting.shift()?.(answer);
    });
    php.stderr.on('data', (chunk: Buffer) => {
      this.stderr += chunk.toString('utf8');
    });
    php.on('exit', (code) => {
      for (const resolve of this.waiting.splice(0)) {
        resolve({ ok: false, error: `php exited (${code}): ${this.stderr.slice(-2000)}` });
      }
    });
  }

  /** Starts php with the SDK configured by `config` (its `$amazonpay_config` array), trusting `caFile`. */
  static async start(options: {
    sdk: string;
    phpseclib: string;
    caFile: string;
    config: Record<string, unknown>;
  }): Promise<PhpSdk> {
    const php = spawn(
      'php',
      [
        '-d',
        `curl.cainfo=${options.caFile}`,
        '-d',
        `openssl.cafile=${options.caFile}`,
        join(here, 'driver.php'),
      ],
      { stdio: 'pipe' },
    );
    const sdk = new PhpSdk(php);
    const ready = await sdk.send({ sdk: options.sdk, phpseclib: options.phpseclib, config: options.config });
    if (!ready.ok) throw new Error(`the PHP SDK did not start: ${ready.error}`);
    return sdk;
  }

  private send(message: unknown): Promise<Answer> {
    return new Promise((resolve) => {
      this.waiting.push(resolve);
      this.php.stdin.write(`${JSON.stringify(message)}\n`);
    });
  }

  /** Calls `$client->method(...args)`; resolves with what it returned, rejects with what it threw. */
  async call<T = PhpResult>(method: string, ...args: unknown[]): Promise<T> {
    const answer = await this.send({ method, args });
    if (!answer.ok) throw new Error(`${method}: ${answer.error}`);
    return answer.result as T;
  }

  close(): void {
    this.php.stdin.end();
    this.php.kill();
  }
}
