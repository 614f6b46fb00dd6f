/** Longest piece of a caller's input quoted back in an error message. */
export const MAX_SHOWN_CHARS = 100;

/**
 * A caller's value quoted for an error message, cut to MAX_SHOWN_CHARS so a huge or deeply nested
 * input cannot make a huge (or failing) answer.
 */
export function shown(value: unknown): string {
  let text: string;
  if (typeof value === 'string') text = value;
  else {
    try {
      text = JSON.stringify(value) ?? String(value);
    } catch {
      text = Array.isArray(value) ? '[array]' : typeof value === 'object' ? '{object}' : String(value);
    }
  }
  const cut =
    text.length > MAX_SHOWN_CHARS ? `${text.slice(0, MAX_SHOWN_CHARS)}… (${text.length} characters)` : text;
  return `'${cut}'`;
}

/** An error answered as Amazon answers it: a status and a `{reasonCode, message}` body. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly reasonCode: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }

  static missingParameter(field: string): ApiError {
    return new ApiError(400, 'MissingParameterValue', `The mandatory parameter '${field}' is missing.`);
  }

  static invalidParameter(field: string, value: unknown, why?: string): ApiError {
    return new ApiError(
      400,
      'InvalidParameterValue',
      `The value ${shown(value)} provided for '${field}' is invalid${why ? `: ${why}` : ''}.`,
    );
  }

  static notFound(kind: string, id: string): ApiError {
    return new ApiError(404, 'ResourceNotFound', `${kind} ${shown(id)} does not exist.`);
  }

  static invalidState(reasonCode: string, message: string): ApiError {
    return new ApiError(422, reasonCode, message);
  }
}
