import { createHash, randomBytes, randomInt, randomUUID } from 'node:crypto';

/** The environment an object lives in, as its `releaseEnvironment` says. */
export type Environment = 'Sandbox' | 'Live';
/** An Amazon Pay region. */
export type RegionCode = 'na' | 'eu' | 'jp';

const REGION_DIGIT: Record<RegionCode, string> = { na: '1', eu: '2', jp: '3' };

function digits(count: number): string {
  let out = '';
  for (let i = 0; i < count; i++) out += String(randomInt(10));
  return out;
}

function upperAlnum(count: number): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
  let out = '';
  for (let i = 0; i < count; i++) out += alphabet[randomInt(alphabet.length)];
  return out;
}

/** Charge permission ids look like `S01-1234567-1234567`: S(andbox)/P(roduction), then 01 NA, 02 EU, 03 JP. */
export function chargePermissionId(env: Environment, region: RegionCode): string {
  return `${env === 'Sandbox' ? 'S' : 'P'}0${REGION_DIGIT[region]}-${digits(7)}-${digits(7)}`;
}

/** Charges are `<charge permission id>-C<6 digits>`. */
export function chargeId(permissionId: string, sequence: number): string {
  return `${permissionId}-C${String(sequence).padStart(6, '0')}`;
}

/** Refunds are `<charge permission id>-R<6 digits>`. */
export function refundId(permissionId: string, sequence: number): string {
  return `${permissionId}-R${String(sequence).padStart(6, '0')}`;
}

export function checkoutSessionId(): string {
  return randomUUID();
}

export function requestId(): string {
  return randomUUID();
}

export function buyerId(): string {
  return `amzn1.account.${upperAlnum(28)}`;
}

export function buyerToken(): string {
  return `amzn1.buyertoken.${randomBytes(24).toString('base64url')}`;
}

export function merchantId(): string {
  return `A${upperAlnum(13)}`;
}

/** A stable merchant id for a key registered without one: `A` and 13 characters from its hash. */
export function merchantIdFor(publicKeyId: string): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
  const hash = createHash('sha256').update(publicKeyId).digest();
  let out = 'A';
  for (let i = 0; i < 13; i++) out += alphabet[hash[i]! % alphabet.length];
  return out;
}

export function storeId(): string {
  return `amzn1.application-oa2-client.${randomBytes(16).toString('hex')}`;
}

export function numericId(length: number): string {
  return String(1 + randomInt(9)) + digits(length - 1);
}

export function amazonPayToken(): string {
  return `${digits(12)}AMZN`;
}

export function authorizationToken(): string {
  return `Atza|${randomBytes(48).toString('base64url')}`;
}

export function opaqueId(prefix: string): string {
  return `${prefix}${randomUUID()}`;
}
