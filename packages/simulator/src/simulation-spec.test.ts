import { openapiDocument } from '@amazon-pay-ts/types';
import { describe, expect, it } from 'vitest';
import { SIMULATION_CODES } from './simulation.js';

type Operation = { operationId?: string; parameters?: { $ref?: string }[] };

const operations = Object.values(openapiDocument.paths ?? {}).flatMap((item) =>
  Object.values(item as Record<string, Operation>).filter((value) => typeof value?.operationId === 'string'),
);

describe('x-amz-pay-simulation-code in the spec', () => {
  it.each(Object.keys(SIMULATION_CODES))(
    'is declared on %s, which the simulator honours it for',
    (operationId) => {
      const operation = operations.find((candidate) => candidate.operationId === operationId);
      expect(operation, operationId).toBeDefined();
      const parameter = (operation!.parameters ?? [])
        .map((candidate) => resolve(candidate) as { name?: string; schema?: { $ref?: string } })
        .find((candidate) => candidate.name === 'x-amz-pay-simulation-code');
      expect(parameter, `${operationId} declares x-amz-pay-simulation-code`).toBeDefined();
      // The spec's closed enum is what the client types and checks: the simulator honours exactly it.
      const schema = resolve(parameter!.schema ?? {}) as { enum?: string[] };
      expect(schema.enum).toEqual(SIMULATION_CODES[operationId]);
    },
  );

  it('is declared on no operation the simulator has no codes for', () => {
    const declared = operations
      .filter((operation) =>
        (operation.parameters ?? []).some(
          (candidate) => (resolve(candidate) as { name?: string }).name === 'x-amz-pay-simulation-code',
        ),
      )
      .map((operation) => operation.operationId);
    expect(declared.sort()).toEqual(Object.keys(SIMULATION_CODES).sort());
  });
});

/** A node of the bundled spec with its local `$ref` (`#/…`) followed. */
function resolve(node: { $ref?: string }): unknown {
  if (node.$ref === undefined) return node;
  return node.$ref
    .slice(2)
    .split('/')
    .reduce<unknown>((found, key) => (found as Record<string, unknown>)[key], openapiDocument);
}
