import type { OperationSchema } from '@amazon-pay-ts/types/zod';
import { ApiError, shown } from '../errors.js';
import type { Environment } from '../ids.js';
import { repeatedParameter } from '../query.js';
import { checkSimulationCode } from '../simulation.js';
import { findUnknownField } from '../unknown-fields.js';
import { validateRequestPart } from '../validation.js';

/**
 * Request validation against the spec: headers, the JSON body, path and query parameters, and
 * the sandbox simulation code — all before any handler runs.
 */
export function checkHeaders(operation: OperationSchema, headers: Record<string, string>): void {
  const headerCheck = operation.headers.safeParse(headers);
  if (headerCheck.success) return;
  // The simulation code has Amazon's own answer (InvalidSandboxSimulationSpecified, validateRequest).
  const issue = headerCheck.error.issues.find((found) => found.path[0] !== 'x-amz-pay-simulation-code');
  if (issue === undefined) return;
  const name = String(issue.path[0] ?? 'header');
  throw headers[name] === undefined
    ? new ApiError(400, 'MissingHeader', `The header '${name}' is required for ${operation.operationId}.`)
    : new ApiError(400, 'InvalidHeaderValue', `The value of header '${name}' is invalid: ${issue.message}.`);
}

/** Deepest JSON nesting accepted; Amazon's request bodies nest fewer than ten levels. */
export const MAX_JSON_DEPTH = 64;

/** Whether `text` nests arrays/objects deeper than `max`, found without parsing it. */
export function nestsDeeperThan(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > max) return true;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return false;
}

/** Parses a JSON body; an empty body is `undefined`. */
export function parseJsonBody(raw: Uint8Array): unknown {
  if (raw.length === 0) return undefined;
  const text = Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength).toString('utf8');
  if (nestsDeeperThan(text, MAX_JSON_DEPTH)) {
    throw new ApiError(
      400,
      'InvalidRequestFormat',
      `The request body nests deeper than ${MAX_JSON_DEPTH} levels, more than any Amazon Pay request.`,
    );
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new ApiError(
      400,
      'InvalidRequestFormat',
      `The request body is not valid JSON: ${(error as Error).message}.`,
    );
  }
}

export interface ValidatedRequest {
  body: Record<string, unknown>;
  simulationCode: string | null;
}

export function validateRequest(
  operation: OperationSchema,
  input: {
    body: unknown;
    params: Record<string, string>;
    query: URLSearchParams;
    headers: Record<string, string>;
    env: Environment;
  },
  options: { rejectUnknownFields: boolean },
): ValidatedRequest {
  const repeated = repeatedParameter(input.query);
  if (repeated !== undefined) {
    throw new ApiError(
      400,
      'InvalidParameterValue',
      `The query parameter ${shown(repeated)} is given more than once; send each parameter once.`,
    );
  }
  // Operations without a request body ignore one that is sent, as Amazon does.
  const body = operation.body ? input.body : undefined;
  if (operation.body) {
    if (body === undefined) {
      if (operation.bodyRequired) {
        throw new ApiError(
          400,
          'InvalidRequestFormat',
          `${operation.operationId} needs a JSON request body.`,
        );
      }
    } else {
      validateRequestPart(operation.body, body);
      const unknown = options.rejectUnknownFields ? findUnknownField(operation.body, body) : undefined;
      if (unknown) {
        throw new ApiError(400, 'UnrecognizedField', `The field ${shown(unknown)} is invalid for this API.`);
      }
    }
  }
  validateRequestPart(operation.pathParams, input.params);
  validateRequestPart(operation.query, Object.fromEntries(input.query));
  const simulationCode = checkSimulationCode(
    operation.operationId,
    input.headers['x-amz-pay-simulation-code'] ?? null,
    input.env,
  );
  return { body: (body ?? {}) as Record<string, unknown>, simulationCode };
}
