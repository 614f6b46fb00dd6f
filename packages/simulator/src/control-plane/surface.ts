import { createHash, timingSafeEqual } from 'node:crypto';
import type { OperationSchema } from '@amazon-pay-ts/types/zod';
import { ApiError } from '../errors.js';
import type { ControlPlaneOperationId } from '../generated/control-plane/client-methods.js';
import { operationSchemas } from '../generated/control-plane/operations.js';
import { compileRoutes, lookupRoute } from '../routes.js';
import { parseJsonBody } from '../stages/request.js';
import { sendError, sendJson } from '../stages/transport.js';
import type { PageHandler } from '../surfaces/pages.js';
import { validateRequestPart } from '../validation.js';
import { checkJsonBody, checkOpenHost, checkSameOrigin } from './cross-site.js';
import { type ControlHandlers, type ControlPlaneDependencies, controlHandlers } from './handlers.js';

/** The reserved path prefix of the control plane; the Amazon Pay API never uses it. */
export const CONTROL_PREFIX = '/__simulator';

const routes = compileRoutes(operationSchemas as unknown as Record<string, OperationSchema>);

function sameToken(given: string, expected: string): boolean {
  // Digests first: equal lengths for timingSafeEqual, and no early exit on the first wrong byte.
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

function checkToken(authorization: string | undefined, token: string | null): void {
  if (token === null) return;
  const given = /^Bearer (.+)$/i.exec(authorization ?? '')?.[1];
  if (given === undefined || !sameToken(given, token)) {
    throw new ApiError(
      401,
      'UnauthorizedAccess',
      'The control plane needs the header Authorization: Bearer <token>, with the token the simulator printed (or was given) at start.',
    );
  }
}

/**
 * The control plane under `/__simulator`, routed, validated and answered from
 * openapi/simulator-control.yaml: path and query by its parameters, JSON bodies by its request
 * schemas, every answer checked against its response schema. `token` null: open (loopback only).
 * A browser page on another origin cannot change anything through it (see cross-site.ts).
 */
export function controlPlane(deps: ControlPlaneDependencies & { token: string | null }): PageHandler {
  const handlers = controlHandlers(deps);
  return {
    name: 'control-plane',
    match: ({ url }) => url.pathname === CONTROL_PREFIX || url.pathname.startsWith(`${CONTROL_PREFIX}/`),
    async handle({ method, url, headers, res, body, engine }) {
      try {
        checkSameOrigin(method, headers, engine.baseUrl);
        if (deps.token === null) checkOpenHost(headers.host, engine.baseUrl);
        checkToken(headers.authorization, deps.token);
        const lookup = lookupRoute(routes, method, url.pathname);
        if (lookup.kind === 'not-found')
          throw new ApiError(404, 'ResourceNotFound', `The control plane has no ${url.pathname}.`);
        if (lookup.kind === 'method-not-allowed')
          throw new ApiError(
            405,
            'UnsupportedOperation',
            `${url.pathname} takes ${lookup.allowed.join(', ')}, not ${method}.`,
          );
        const operation = lookup.match.operation;
        const raw = await body();
        checkJsonBody(method, headers['content-type'], raw.length);
        const json = parseJsonBody(new Uint8Array(raw));
        if (json === undefined && operation.bodyRequired) throw ApiError.missingParameter('body');
        const request = {
          params: validateRequestPart(operation.pathParams, lookup.match.params),
          query: validateRequestPart(operation.query, Object.fromEntries(url.searchParams)),
          body: json === undefined || !operation.body ? undefined : validateRequestPart(operation.body, json),
        };
        const handler = handlers[operation.operationId as ControlPlaneOperationId] as (
          request: unknown,
        ) => unknown;
        const result = await handler(request);
        if (operation.successStatus === 204) {
          res.writeHead(204).end();
          return;
        }
        const checked = operation.response.safeParse(result);
        if (!checked.success) {
          const issue = checked.error.issues[0]!;
          throw new ApiError(
            500,
            'InternalServerError',
            `The control plane's answer to ${operation.operationId} does not match its document at ${issue.path.join('.') || 'the root'}: ${issue.message}.`,
          );
        }
        sendJson(res, operation.successStatus, JSON.stringify(result));
      } catch (error) {
        sendError(res, asControlError(error));
      }
    },
  };
}

/** Errors of the simulator's own objects (a RangeError from the clock, the faults) are the caller's. */
function asControlError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  if (error instanceof RangeError) return new ApiError(400, 'InvalidParameterValue', error.message);
  return new ApiError(500, 'InternalServerError', (error as Error).message ?? String(error));
}

export type { ControlHandlers };
