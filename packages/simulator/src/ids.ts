import { createHash, randomBytes } from 'node:crypto';

/** The environment an object lives in, as its `releaseEnvironment` says. */
export type Environment = 'Sandbox' | 'Live';
/** An Amazon Pay region. */
export type RegionCode = 'na' | 'eu' | 'jp';

const REGION_DIGIT: Record<RegionCode, string> = { na: '1', eu: '2', jp: '3' };
const UPPER_ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

/** Where an id's randomness comes from: `bytes(n)` fresh bytes. */
type ByteSource = (count: number) => Uint8Array;

/**
 * A deterministic byte stream: SHA-256 of `seed`, `stream` and a block counter. Each kind of id
 * has its own stream, so a run that sends one more request (a request id) or subscribes one more
 * endpoint still gets the same checkout session and charge ids.
 */
function seededStream(seed: string, stream: string): ByteSource {
  let block = 0;
  let pool = new Uint8Array(0);
  return (count) => {
    const out = new Uint8Array(count);
    for (let i = 0; i < count; i++) {
      if (pool.length === 0) pool = createHash('sha256').update(`${seed}\0${stream}\0${block++}`).digest();
      out[i] = pool[0]!;
      pool = pool.subarray(1);
    }
    return out;
  };
}

/** An integer in [0, max) from `next`, without modulo bias (rejection sampling over one byte). */
function below(next: ByteSource, max: number): number {
  const limit = 256 - (256 % max);
  for (;;) {
    const byte = next(1)[0]!;
    if (byte < limit) return byte % max;
  }
}

function uuid(next: ByteSource): string {
  const b = next(16);
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const hex = Buffer.from(b).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * The ids one simulator hands out, in Amazon's formats. Random by default; with a seed every id is
 * a function of the seed and how many of its kind came before, so a run can be compared with a
 * snapshot. `reset()` starts every stream again.
 */
export class Ids {
  private streams = new Map<string, ByteSource>();

  constructor(private readonly seed?: string) {}

  /** Starts every stream from the beginning (a seeded simulator's reset repeats its ids). */
  reset(): void {
    this.streams.clear();
  }

  private source(kind: string): ByteSource {
    if (this.seed === undefined) return (count) => new Uint8Array(randomBytes(count));
    let stream = this.streams.get(kind);
    if (!stream) {
      stream = seededStream(this.seed, kind);
      this.streams.set(kind, stream);
    }
    return stream;
  }

  private digits(kind: string, count: number): string {
    const next = this.source(kind);
    let out = '';
    for (let i = 0; i < count; i++) out += String(below(next, 10));
    return out;
  }

  private upperAlnum(kind: string, count: number): string {
    const next = this.source(kind);
    let out = '';
    for (let i = 0; i < count; i++) out += UPPER_ALNUM[below(next, UPPER_ALNUM.length)];
    return out;
  }

  /** Charge permission ids look like `S01-1234567-1234567`: S(andbox)/P(roduction), then 01 NA, 02 EU, 03 JP. */
  chargePermissionId(env: Environment, region: RegionCode): string {
    const digits = this.digits('chargePermission', 14);
    return `${env === 'Sandbox' ? 'S' : 'P'}0${REGION_DIGIT[region]}-${digits.slice(0, 7)}-${digits.slice(7)}`;
  }

  checkoutSessionId(): string {
    return uuid(this.source('checkoutSession'));
  }

  requestId(): string {
    return uuid(this.source('request'));
  }

  buyerId(): string {
    return `amzn1.account.${this.upperAlnum('buyer', 28)}`;
  }

  buyerToken(): string {
    return `amzn1.buyertoken.${Buffer.from(this.source('buyerToken')(24)).toString('base64url')}`;
  }

  merchantId(): string {
    return `A${this.upperAlnum('merchant', 13)}`;
  }

  storeId(): string {
    return `amzn1.application-oa2-client.${Buffer.from(this.source('store')(16)).toString('hex')}`;
  }

  /** `length` digits, the first not 0, drawn from the stream of `kind` (report, ledger, dispute…). */
  numericId(length: number, kind = 'numeric'): string {
    const first = String(1 + below(this.source(kind), 9));
    return first + this.digits(kind, length - 1);
  }

  amazonPayToken(): string {
    return `${this.digits('amazonPayToken', 12)}AMZN`;
  }

  authorizationToken(): string {
    return `Atza|${Buffer.from(this.source('authorizationToken')(48)).toString('base64url')}`;
  }

  /** `prefix` and a UUID, from the stream named by the prefix. */
  opaqueId(prefix: string): string {
    return `${prefix}${uuid(this.source(prefix))}`;
  }

  /** A UUID from the stream of `kind` (SNS message and notification ids, subscription ARNs…). */
  uuid(kind: string): string {
    return uuid(this.source(kind));
  }

  /** `bytes` random bytes as hex, from the stream of `kind`. */
  hex(kind: string, bytes: number): string {
    return Buffer.from(this.source(kind)(bytes)).toString('hex');
  }
}

/** Charges are `<charge permission id>-C<6 digits>`. */
export function chargeId(permissionId: string, sequence: number): string {
  return `${permissionId}-C${String(sequence).padStart(6, '0')}`;
}

/** Refunds are `<charge permission id>-R<6 digits>`. */
export function refundId(permissionId: string, sequence: number): string {
  return `${permissionId}-R${String(sequence).padStart(6, '0')}`;
}

/** A stable merchant id for a key registered without one: `A` and 13 characters from its hash. */
export function merchantIdFor(publicKeyId: string): string {
  const hash = createHash('sha256').update(publicKeyId).digest();
  let out = 'A';
  for (let i = 0; i < 13; i++) out += UPPER_ALNUM[hash[i]! % UPPER_ALNUM.length];
  return out;
}
