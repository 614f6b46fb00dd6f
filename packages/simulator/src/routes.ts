import { type OperationSchema, operationSchemas } from '@amazon-pay-ts/types/zod';
import type { Environment } from './ids.js';

/** One spec operation compiled for matching request paths. */
export interface Route {
  operation: OperationSchema;
  segments: { literal?: string; param?: string }[];
}

export interface RouteMatch {
  operation: OperationSchema;
  params: Record<string, string>;
}

export type RouteLookup =
  | { kind: 'match'; match: RouteMatch; env: Environment | null }
  | { kind: 'method-not-allowed'; allowed: string[] }
  | { kind: 'not-found' };

/** The routes come from the spec's operations, so the simulator serves exactly what the spec describes. */
export function compileRoutes(operations: Record<string, OperationSchema> = operationSchemas): Route[] {
  return Object.values(operations).map((operation) => ({
    operation,
    segments: operation.path
      .split('/')
      .filter(Boolean)
      .map((part) => {
        const param = /^\{(.+)\}$/.exec(part);
        return param ? { param: param[1]! } : { literal: part };
      }),
  }));
}

/** Splits `/sandbox/v2/...`, `/live/v2/...` and `/v2/...` into the environment and the spec path. */
export function splitEnvironment(pathname: string): { env: Environment | null; path: string } {
  const env = /^\/(sandbox|live)(?=\/)/i.exec(pathname);
  if (!env) return { env: null, path: pathname };
  return { env: env[1]!.toLowerCase() === 'live' ? 'Live' : 'Sandbox', path: pathname.slice(env[0].length) };
}

export function lookupRoute(routes: Route[], method: string, pathname: string): RouteLookup {
  const { env, path } = splitEnvironment(pathname);
  const parts = path.split('/').filter(Boolean);
  const allowed: string[] = [];
  for (const route of routes) {
    if (route.segments.length !== parts.length) continue;
    const params: Record<string, string> = {};
    let matched = true;
    for (let i = 0; i < parts.length; i++) {
      const segment = route.segments[i]!;
      const part = parts[i]!;
      if (segment.literal !== undefined) {
        if (segment.literal !== part) {
          matched = false;
          break;
        }
      } else {
        try {
          params[segment.param!] = decodeURIComponent(part);
        } catch {
          params[segment.param!] = part;
        }
      }
    }
    if (!matched) continue;
    if (route.operation.method === method)
      return { kind: 'match', match: { operation: route.operation, params }, env };
    allowed.push(route.operation.method);
  }
  return allowed.length > 0 ? { kind: 'method-not-allowed', allowed } : { kind: 'not-found' };
}
