/** Where the CLI writes: standard output for results, standard error for errors and notes. */
export interface CliIo {
  /** One line of output. */
  out(line: string): void;
  /** One line of error or diagnostic text. */
  err(line: string): void;
  /** Standard input, for `--private-key-stdin` (the executable passes `process.stdin`). */
  stdin?: AsyncIterable<Uint8Array | string> | undefined;
}

/**
 * A mistake found before anything was sent (a malformed command line, an unusable key, a bad file):
 * printed on standard error, exit code 2. `showUsage: false` leaves out the command's usage, for
 * mistakes that are not about the command line's shape (a public key where the private one goes).
 */
export class UsageError extends Error {
  /** `UsageError`. */
  override readonly name = 'UsageError';
  /** Whether the command's usage follows the message. */
  readonly showUsage: boolean;

  /** A mistake with its explanation; the usage follows unless `showUsage` is false. */
  constructor(message: string, options: { showUsage?: boolean } = {}) {
    super(message);
    this.showUsage = options.showUsage ?? true;
  }
}

/** Prints a result as JSON (`--json`) or as the given human-readable lines. */
export function emit(io: CliIo, json: boolean, value: unknown, lines: string[]): void {
  if (json) io.out(JSON.stringify(value, null, 2));
  else for (const line of lines) io.out(line);
}

/**
 * Reads a stream to its end as UTF-8, refusing it past `maxBytes` (stopping there, so an endless
 * input cannot fill memory). `what` names the input in the error.
 */
export async function readBounded(
  stream: AsyncIterable<Uint8Array | string>,
  maxBytes: number,
  what: string,
): Promise<string> {
  const chunks: Buffer[] = [];
  let length = 0;
  for await (const chunk of stream) {
    const bytes = Buffer.from(chunk);
    length += bytes.byteLength;
    if (length > maxBytes) {
      throw new UsageError(`${what} holds more than ${maxBytes} bytes`, { showUsage: false });
    }
    chunks.push(bytes);
  }
  return Buffer.concat(chunks).toString('utf8');
}
