/**
 * PEM armour: finding, decoding and encoding PEM blocks.
 *
 * @module @amazon-pay-ts/signer/pem
 */
import { SignerError } from './errors.js';

/** One decoded PEM block: its label, its RFC 1421 headers and its DER bytes. */
export interface PemBlock {
  /** The label between `BEGIN ` and the dashes, e.g. `PRIVATE KEY`. */
  label: string;
  /** RFC 1421 headers such as `Proc-Type: 4,ENCRYPTED` (legacy OpenSSL encryption). */
  headers: Record<string, string>;
  /** The decoded body. */
  der: Uint8Array;
}

const BEGIN = '-----BEGIN ';
const DASHES = '-----';
const LABEL = /^[A-Z0-9 ]+$/;

/** True if the text contains PEM armour (after undoing `\n` escapes, as keys in env vars often have). */
export function looksLikePem(text: string): boolean {
  return text.includes('-----BEGIN ');
}

/** Decodes the first PEM block of the text. Throws `NOT_PEM` (without echoing the text) if there is none. */
export function decodePem(text: string): PemBlock {
  const unescaped = text.includes('\\n') ? text.replace(/\\r\\n|\\n/g, '\n') : text;
  const block = firstBlock(unescaped);
  if (!block) {
    throw new SignerError(
      'NOT_PEM',
      'the key is not PEM text: expected a "-----BEGIN ... -----" block with a matching END line',
    );
  }
  const { label } = block;
  const headers: Record<string, string> = {};
  const bodyLines: string[] = [];
  for (const rawLine of block.body.split('\n')) {
    const line = rawLine.trim();
    if (line === '') continue;
    const header = /^([A-Za-z-]+):\s*(.*)$/.exec(line);
    if (header && bodyLines.length === 0) headers[header[1]!] = header[2]!;
    else bodyLines.push(line);
  }
  const base64 = bodyLines.join('');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(base64) || base64.length % 4 !== 0 || base64.length === 0) {
    throw new SignerError('NOT_PEM', `the "${label}" PEM block does not contain valid base64`);
  }
  return { label, headers, der: base64ToBytes(base64) };
}

/**
 * The first `-----BEGIN <label>-----` and the text up to its `-----END <label>-----`. Found with
 * `indexOf` (linear time): a lazy regular expression rescanned the rest of the text for every BEGIN.
 */
function firstBlock(text: string): { label: string; body: string } | undefined {
  const begin = text.indexOf(BEGIN);
  if (begin === -1) return undefined;
  const labelStart = begin + BEGIN.length;
  const labelEnd = text.indexOf(DASHES, labelStart);
  if (labelEnd === -1) return undefined;
  const label = text.slice(labelStart, labelEnd);
  if (!LABEL.test(label)) return undefined;
  const bodyStart = labelEnd + DASHES.length;
  const end = text.indexOf(`${DASHES}END ${label}${DASHES}`, bodyStart);
  if (end === -1) return undefined;
  return { label, body: text.slice(bodyStart, end) };
}

/** PEM text for DER bytes, 64 base64 characters a line. */
export function encodePem(label: string, der: Uint8Array): string {
  const base64 = bytesToBase64(der);
  const lines = base64.match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}

/** Decodes base64 text to bytes. */
export function base64ToBytes(base64: string): Uint8Array {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Standard base64 with padding; a table loop, cheaper than spreading bytes into `btoa` per signature. */
export function bytesToBase64(bytes: Uint8Array): string {
  let out = '';
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8) | bytes[i + 2]!;
    out += BASE64[n >> 18]! + BASE64[(n >> 12) & 63]! + BASE64[(n >> 6) & 63]! + BASE64[n & 63]!;
  }
  const rest = bytes.length - i;
  if (rest === 1) {
    const n = bytes[i]! << 16;
    out += BASE64[n >> 18]! + BASE64[(n >> 12) & 63]! + '==';
  } else if (rest === 2) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8);
    out += BASE64[n >> 18]! + BASE64[(n >> 12) & 63]! + BASE64[(n >> 6) & 63]! + '=';
  }
  return out;
}
