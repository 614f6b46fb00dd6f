/** Where the CLI writes: standard output for results, standard error for errors and notes. */
export interface CliIo {
  /** One line of output. */
  out(line: string): void;
  /** One line of error or diagnostic text. */
  err(line: string): void;
}

/** A mistake in the command line: printed with the command's usage, exit code 2. */
export class UsageError extends Error {
  /** `UsageError`. */
  override readonly name = 'UsageError';
}

/** Prints a result as JSON (`--json`) or as the given human-readable lines. */
export function emit(io: CliIo, json: boolean, value: unknown, lines: string[]): void {
  if (json) io.out(JSON.stringify(value, null, 2));
  else for (const line of lines) io.out(line);
}
