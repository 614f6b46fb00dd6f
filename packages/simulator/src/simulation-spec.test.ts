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
      const refs = (operation!.parameters ?? []).map((parameter) => parameter.$ref);
      expect(refs).toContain('#/components/parameters/SimulationCode');
    },
  );
});
