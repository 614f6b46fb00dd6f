import {
  AdditionalPaymentButtonPayloadSchema,
  type ButtonPayload,
  CheckoutButtonPayloadSchema,
  PaymentMethodOnFileButtonPayloadSchema,
  RecurringButtonPayloadSchema,
  SignInButtonPayloadSchema,
} from '@amazon-pay-ts/types';
import type * as z from 'zod/mini';
import type { FieldIssue } from './errors.js';
import { issuesFromZod } from './validation.js';

export type { ButtonPayload };

/** The kinds of Amazon Pay button, each with its payload schema in the spec (button-payload.yaml). */
export type ButtonKind = 'checkout' | 'recurring' | 'paymentMethodOnFile' | 'additionalPayment' | 'signIn';

const SCHEMAS: Record<ButtonKind, { schema: z.ZodMiniType; name: string }> = {
  checkout: { schema: CheckoutButtonPayloadSchema, name: 'checkout button payload' },
  recurring: { schema: RecurringButtonPayloadSchema, name: 'recurring checkout button payload' },
  paymentMethodOnFile: {
    schema: PaymentMethodOnFileButtonPayloadSchema,
    name: 'payment-method-on-file button payload',
  },
  additionalPayment: {
    schema: AdditionalPaymentButtonPayloadSchema,
    name: 'Additional Payment Button payload',
  },
  signIn: { schema: SignInButtonPayloadSchema, name: 'sign-in button payload' },
};

/** Which button a payload is for, from the fields that tell them apart (see the spec's ButtonPayload). */
export function buttonKind(payload: Readonly<Record<string, unknown>>): ButtonKind {
  if ('signInReturnUrl' in payload || 'signInScopes' in payload) return 'signIn';
  const details = payload.webCheckoutDetails as { checkoutMode?: unknown } | null | undefined;
  if (details && typeof details === 'object' && details.checkoutMode === 'ProcessOrder')
    return 'additionalPayment';
  if (payload.chargePermissionType === 'Recurring') return 'recurring';
  if (payload.chargePermissionType === 'PaymentMethodOnFile') return 'paymentMethodOnFile';
  return 'checkout';
}

/**
 * Everything wrong with a button payload (an object, or its JSON text) for its kind: the spec's
 * schema, plus every field the schema does not know. Amazon answers an unknown field in a button
 * payload with an error page for the buyer, so a typo such as `checkoutReviewReturnURL` is refused
 * here, with the field it probably meant.
 */
export function checkButtonPayload(payload: unknown): FieldIssue[] {
  let value = payload;
  if (typeof payload === 'string') {
    try {
      value = JSON.parse(payload);
    } catch {
      return [{ path: '(payload)', message: 'is not JSON' }];
    }
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return [{ path: '(payload)', message: 'expected a JSON object (or its JSON string)' }];
  }
  const { schema, name } = SCHEMAS[buttonKind(value as Record<string, unknown>)];
  const issues = unknownFields(schema, value, '', name);
  const result = schema.safeParse(value);
  if (!result.success)
    issues.push(...issuesFromZod(result.error, value).map((issue) => withKind(issue, name)));
  return issues;
}

function withKind(issue: FieldIssue, name: string): FieldIssue {
  return { path: issue.path, message: `${issue.message} (${name})` };
}

interface ZodNode {
  _zod: {
    def: {
      type: string;
      shape?: Record<string, ZodNode>;
      catchall?: ZodNode;
      innerType?: ZodNode;
      left?: ZodNode;
      right?: ZodNode;
      options?: ZodNode[];
      element?: ZodNode;
      in?: ZodNode;
      getter?: () => ZodNode;
    };
  };
}

function unwrap(node: ZodNode): ZodNode {
  let current = node;
  for (let depth = 0; depth < 20; depth++) {
    const def = current._zod.def;
    if (def.innerType) current = def.innerType;
    else if (def.type === 'pipe' && def.in) current = def.in;
    else if (def.type === 'lazy' && def.getter) current = def.getter();
    else break;
  }
  return current;
}

/** The fields an object schema (or an intersection of them) describes, each with its schemas; undefined for open maps. */
function fieldsOf(node: ZodNode): Map<string, ZodNode[]> | undefined {
  const def = unwrap(node)._zod.def;
  if (def.type === 'object' && def.shape) {
    if (def.catchall && unwrap(def.catchall)._zod.def.type !== 'unknown') return undefined;
    return new Map(Object.entries(def.shape).map(([key, schema]) => [key, [schema]]));
  }
  if (def.type === 'intersection' && def.left && def.right) {
    const left = fieldsOf(def.left);
    const right = fieldsOf(def.right);
    if (!left || !right) return undefined;
    for (const [key, schemas] of right) left.set(key, [...(left.get(key) ?? []), ...schemas]);
    return left;
  }
  return undefined;
}

function unknownFields(
  node: ZodNode | z.ZodMiniType,
  value: unknown,
  path: string,
  name: string,
): FieldIssue[] {
  return unknownFieldsOf([node as ZodNode], value, path, name);
}

/** Unknown fields of a value several schemas describe at once (the sides of an intersection). */
function unknownFieldsOf(
  nodes: readonly ZodNode[],
  value: unknown,
  path: string,
  name: string,
): FieldIssue[] {
  const only = nodes.length === 1 ? unwrap(nodes[0]!)._zod.def : undefined;
  if (only?.type === 'union' && only.options) {
    // A field is unknown only if no member of the union knows it.
    const verdicts = only.options.map((option) => unknownFieldsOf([option], value, path, name));
    return verdicts.find((issues) => issues.length === 0) ?? verdicts[0] ?? [];
  }
  if (only?.type === 'array' && only.element && Array.isArray(value)) {
    return value.flatMap((item, index) => unknownFieldsOf([only.element!], item, `${path}[${index}]`, name));
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return [];
  const fields = new Map<string, ZodNode[]>();
  for (const node of nodes) {
    const own = fieldsOf(node);
    if (!own) return [];
    for (const [key, schemas] of own) fields.set(key, [...(fields.get(key) ?? []), ...schemas]);
  }
  const issues: FieldIssue[] = [];
  for (const [key, item] of Object.entries(value)) {
    const fieldPath = path ? `${path}.${key}` : key;
    const schemas = fields.get(key);
    if (schemas) {
      issues.push(...unknownFieldsOf(schemas, item, fieldPath, name));
      continue;
    }
    const meant = [...fields.keys()].find((known) => known.toLowerCase() === key.toLowerCase());
    issues.push({
      path: fieldPath,
      message: `is not a field of a ${name}${meant ? `; did you mean ${meant}?` : ''}`,
    });
  }
  return issues;
}
