import type { ButtonPayload } from '@amazon-pay-ts/types';
import type { FieldIssue } from './errors.js';
import { BUTTON_PAYLOAD_NODES, SCHEMA_NODES } from './generated/operation-validators.js';
import type { SchemaNode } from './schema-table.js';
import { schemaIssues } from './validation.js';

export type { ButtonPayload };

/** The kinds of Amazon Pay button, each with its payload schema in the spec (button-payload.yaml). */
export type ButtonKind = 'checkout' | 'recurring' | 'paymentMethodOnFile' | 'additionalPayment' | 'signIn';

const NAMES: Record<ButtonKind, string> = {
  checkout: 'checkout button payload',
  recurring: 'recurring checkout button payload',
  paymentMethodOnFile: 'payment-method-on-file button payload',
  additionalPayment: 'Additional Payment Button payload',
  signIn: 'sign-in button payload',
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
  const kind = buttonKind(value as Record<string, unknown>);
  const name = NAMES[kind];
  const node = BUTTON_PAYLOAD_NODES[kind];
  const issues = unknownFields([node], value, '', name);
  issues.push(...schemaIssues(node, value).map((issue) => withKind(issue, name)));
  return issues;
}

function withKind(issue: FieldIssue, name: string): FieldIssue {
  return { path: issue.path, message: `${issue.message} (${name})` };
}

/** A node with its references followed (nullable wrappers too: a null has no fields to check). */
function resolve(node: SchemaNode): Exclude<SchemaNode, number> {
  let current = node;
  for (;;) {
    while (typeof current === 'number') current = SCHEMA_NODES[current]!;
    if (current[0] !== '?') return current;
    current = current[1] as SchemaNode;
  }
}

/** The fields an object node (or an intersection of them) describes, each with its nodes; undefined for open maps. */
function fieldsOf(node: SchemaNode): Map<string, SchemaNode[]> | undefined {
  const [kind, a, b, , extra] = resolve(node);
  if (kind === 'o') {
    if (extra !== undefined && extra !== false) return undefined;
    return new Map(Object.entries(a as Record<string, SchemaNode>).map(([key, field]) => [key, [field]]));
  }
  if (kind === '&') {
    const left = fieldsOf(a as SchemaNode);
    const right = fieldsOf(b as SchemaNode);
    if (!left || !right) return undefined;
    for (const [key, nodes] of right) left.set(key, [...(left.get(key) ?? []), ...nodes]);
    return left;
  }
  return undefined;
}

/** Unknown fields of a value several nodes describe at once (the sides of an intersection). */
function unknownFields(
  nodes: readonly SchemaNode[],
  value: unknown,
  path: string,
  name: string,
): FieldIssue[] {
  const only = nodes.length === 1 ? resolve(nodes[0]!) : undefined;
  if (only?.[0] === '|') {
    // A field is unknown only if no member of the union knows it.
    const verdicts = (only.slice(1) as SchemaNode[]).map((member) =>
      unknownFields([member], value, path, name),
    );
    return verdicts.find((issues) => issues.length === 0) ?? verdicts[0] ?? [];
  }
  if (only?.[0] === 'a' && Array.isArray(value)) {
    const item = only[1] as SchemaNode;
    return value.flatMap((entry, index) => unknownFields([item], entry, `${path}[${index}]`, name));
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return [];
  const fields = new Map<string, SchemaNode[]>();
  for (const node of nodes) {
    const own = fieldsOf(node);
    if (!own) return [];
    for (const [key, known] of own) fields.set(key, [...(fields.get(key) ?? []), ...known]);
  }
  const issues: FieldIssue[] = [];
  for (const [key, item] of Object.entries(value)) {
    const fieldPath = path ? `${path}.${key}` : key;
    const known = fields.get(key);
    if (known) {
      issues.push(...unknownFields(known, item, fieldPath, name));
      continue;
    }
    const meant = [...fields.keys()].find((field) => field.toLowerCase() === key.toLowerCase());
    issues.push({
      path: fieldPath,
      message: `is not a field of a ${name}${meant ? `; did you mean ${meant}?` : ''}`,
    });
  }
  return issues;
}
