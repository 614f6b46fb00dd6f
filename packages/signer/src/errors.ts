/** What went wrong, as a stable code callers can switch on. */
export type SignerErrorCode =
  | 'NOT_PEM'
  | 'ENCRYPTED_KEY'
  | 'NOT_RSA'
  | 'NOT_PRIVATE_KEY'
  | 'INVALID_KEY'
  | 'KEY_TOO_SMALL'
  | 'KEY_FILE_NOT_FOUND'
  | 'KEY_FILE_INVALID'
  | 'INVALID_CONFIG'
  | 'INVALID_REQUEST'
  | 'UNSUPPORTED_PLATFORM';

/**
 * The one error type this package throws. Messages describe the problem and never contain key
 * material: callers may log them as they are.
 */
export class SignerError extends Error {
  /** `SignerError`. */
  override readonly name = 'SignerError';
  /** What went wrong, as a stable code. */
  readonly code: SignerErrorCode;

  /** An error with a stable `code` and a message that never contains key material. */
  constructor(code: SignerErrorCode, message: string) {
    super(message);
    this.code = code;
  }
}
