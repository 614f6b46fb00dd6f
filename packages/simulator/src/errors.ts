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
    const shown = typeof value === 'string' ? value : JSON.stringify(value);
    return new ApiError(
      400,
      'InvalidParameterValue',
      `The value '${shown}' provided for '${field}' is invalid${why ? `: ${why}` : ''}.`,
    );
  }

  static notFound(kind: string, id: string): ApiError {
    return new ApiError(404, 'ResourceNotFound', `${kind} '${id}' does not exist.`);
  }

  static invalidState(reasonCode: string, message: string): ApiError {
    return new ApiError(422, reasonCode, message);
  }
}
