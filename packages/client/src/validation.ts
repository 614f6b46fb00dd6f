import type { OperationId } from '@amazon-pay-ts/types';
import type { FieldIssue } from './errors.js';
import { OPERATION_VALIDATORS, SCHEMA_NODES } from './generated/operation-validators.js';
import { checkSchema, type SchemaNode } from './schema-table.js';

/**
 * What the client checks for one operation (generated/operation-validators.ts), as entries of the
 * generated schema table. Path and header schemas are the simulator's (`operationSchemas` of
 * @amazon-pay-ts/types): the client builds those parts itself and checks its ids and options on its
 * own, so its bundle does not carry them.
 */
export interface OperationValidators {
  /** JSON request body, absent when the operation takes none. */
  readonly body?: SchemaNode;
  readonly bodyRequired?: true;
  /** Query of an operation without a body, in wire form (strings). */
  readonly query?: SchemaNode;
  /** Body of the success response; a node that passes only `undefined` when the success has no content. */
  readonly response: SchemaNode;
}

/** Field issues of `value` against a node of the client's schema table (empty when it conforms). */
export function schemaIssues(node: SchemaNode, value: unknown): FieldIssue[] {
  return checkSchema(SCHEMA_NODES, node, value).map((issue) =>
    explained(issue.path, issue.message, issue.value),
  );
}

/**
 * An issue, explained where an amount has more than two decimals: the same explanation whether it
 * came as a number (`12.345`) or as a string (`"12.345"`), instead of the schema's pattern or type.
 * Any other string or number refused as a Price's `amount` gets one plain sentence too, rather than
 * the union of the schema's pattern and bounds.
 */
function explained(path: string, message: string, value: unknown): FieldIssue {
  const text = amountText(value);
  if (text !== undefined) {
    const [whole = '', fraction = ''] = text.split('.');
    if (fraction.length > 2) {
      return {
        path,
        message:
          `${text} has more than 2 decimal places; Amazon takes amounts with at most 2 ` +
          `(none for JPY). Round it as your business rules require and pass a string such as "${roundedHalfUp(whole, fraction)}".`,
      };
    }
  }
  if (
    isAmountPath(path) &&
    (typeof value === 'string' || typeof value === 'number') &&
    // The Amount schema's own refusal (its pattern or bounds), not a Price object's "expected an object".
    AMOUNT_REFUSAL.test(message)
  ) {
    // A string is described, never quoted: the message must not carry what a caller passed in.
    const got =
      typeof value === 'number'
        ? `the number ${String(value)}`
        : value === ''
          ? 'an empty string'
          : 'a string that is not one';
    return {
      path,
      message: `expected an amount of 0 or more with at most 2 decimal places (none for JPY), as a string such as "12.34" or a number; got ${got}`,
    };
  }
  return { path, message };
}

const AMOUNT_REFUSAL = /expected a string matching|expected a number/;

/** A Price's `amount` (`chargeAmount.amount`, `amount` of a top-level Price…). */
function isAmountPath(path: string): boolean {
  return path === 'amount' || path.endsWith('.amount');
}

/** A plain decimal (`12.345`, as a number or a string) as written, else undefined. */
function amountText(value: unknown): string | undefined {
  const text =
    typeof value === 'number' && Number.isFinite(value)
      ? JSON.stringify(value)
      : typeof value === 'string'
        ? value
        : undefined;
  return text !== undefined && PLAIN_DECIMAL.test(text) ? text : undefined;
}

const PLAIN_DECIMAL = /^\d+\.\d+$/;

/** `whole.fraction` rounded half up to 2 decimals, in decimal arithmetic (no float artefacts). */
function roundedHalfUp(whole: string, fraction: string): string {
  const cents = BigInt(whole + fraction.slice(0, 2)) + ((fraction[2] ?? '0') >= '5' ? 1n : 0n);
  const digits = cents.toString().padStart(3, '0');
  return `${digits.slice(0, -2)}.${digits.slice(-2)}`;
}

/** Issues with a request body against the operation's generated request schema (empty when it conforms). */
export function checkRequestBody(operationId: OperationId, body: unknown): FieldIssue[] {
  const schema = OPERATION_VALIDATORS[operationId];
  if (body === undefined) {
    return schema.bodyRequired ? [{ path: '(body)', message: 'a request body is required' }] : [];
  }
  if (schema.body === undefined) return [{ path: '(body)', message: `${operationId} takes no request body` }];
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    return [{ path: '(body)', message: 'the request body must be an object' }];
  }
  return schemaIssues(schema.body, body);
}

/** Issues with wire-form query values against the operation's query schema. */
export function checkQuery(operationId: OperationId, query: Record<string, string>): FieldIssue[] {
  const schema = OPERATION_VALIDATORS[operationId].query;
  if (schema === undefined) {
    const names = Object.keys(query);
    return names.map((name) => ({ path: name, message: `${operationId} takes no query parameter ${name}` }));
  }
  return schemaIssues(schema, query);
}

/**
 * Whether the operation's success has no content in the spec (Update Merchant Account's 204, Delete
 * Merchant Account's 202): an empty body is then its whole answer, not a broken one.
 */
export function answersWithoutBody(operationId: OperationId): boolean {
  return checkSchema(SCHEMA_NODES, OPERATION_VALIDATORS[operationId].response, undefined).length === 0;
}

/** Issues with a parsed success body against the operation's response schema. */
export function checkResponseBody(operationId: OperationId, data: unknown): FieldIssue[] {
  return schemaIssues(OPERATION_VALIDATORS[operationId].response, data);
}
