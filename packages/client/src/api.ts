import type { paths } from '@amazon-pay-ts/types';
import type { Client, Middleware } from 'openapi-fetch';
import type { IDEMPOTENCY_HEADER } from './idempotency.js';
import type { Pipeline } from './pipeline.js';
import type { CallInit } from './prepare-call.js';

/** `x-amz-pay-idempotency-key`. @inline */
type IdempotencyHeader = typeof IDEMPOTENCY_HEADER;
/** `T` with its intersections merged into one object type, as editors and the reference show it. */
export type Flatten<T> = { [K in keyof T]: T[K] };

/** A header parameter object with `x-amz-pay-idempotency-key` made optional. */
export type RelaxedHeader<Header> = Flatten<
  Omit<Header, IdempotencyHeader> & { [K in IdempotencyHeader & keyof Header]?: Header[K] }
>;

/** `parameters` with the relaxed header, itself optional once no header is required. */
export type RelaxedParameters<Parameters> = Parameters extends { header: infer Header }
  ? Flatten<
      Omit<Parameters, 'header'> &
        (Partial<RelaxedHeader<Header>> extends RelaxedHeader<Header>
          ? { header?: RelaxedHeader<Header> }
          : { header: RelaxedHeader<Header> })
    >
  : Parameters;

/** A POST operation as `client.api` takes it: the idempotency middleware supplies the key when absent. */
export type RelaxedPost<Operation> = Operation extends { parameters: infer Parameters }
  ? Flatten<Omit<Operation, 'parameters'> & { parameters: RelaxedParameters<Parameters> }>
  : Operation;

/**
 * The spec's `paths` with one change, derived rather than copied: on POST operations the required
 * `x-amz-pay-idempotency-key` header parameter is optional, because the client's middleware adds a
 * fresh key to every POST that has none (and keeps it across retries). Other methods, and paths
 * without such a POST, are the spec types themselves (fewer instantiations for tsc).
 */
export type ApiPaths = {
  [Path in keyof paths]: paths[Path] extends {
    post: { parameters: { header: { [K in IdempotencyHeader]: unknown } } };
  }
    ? {
        [Method in keyof paths[Path]]: Method extends 'post'
          ? RelaxedPost<paths[Path][Method]>
          : paths[Path][Method];
      }
    : paths[Path];
};

/**
 * `client.api`: an openapi-fetch client over {@link ApiPaths}, through the client's one pipeline (the
 * same checks, signing, retries and result rules as the typed methods). It resolves only with a 2xx
 * result, `{ data, response }` (`data` decoded as the methods return it); every failure is thrown as
 * the typed error the methods throw, so `error` is never set. `use()` adds middleware that runs
 * before the signer, so what it changes is signed.
 */
export type ApiClient = Client<ApiPaths>;

const VERBS = ['GET', 'PUT', 'POST', 'DELETE', 'OPTIONS', 'HEAD', 'PATCH', 'TRACE'] as const;

/** `client.api` over a pipeline: every verb one call into {@link Pipeline.send}. */
export function createApiClient(pipeline: Pipeline): ApiClient {
  const call = (method: string, path: string, init?: CallInit) =>
    pipeline.send(method, path, init).then(({ data, response }) => ({ data, response }));
  const api: Record<string, unknown> = {
    request: (method: string, path: string, init?: CallInit) =>
      call(String(method).toUpperCase(), path, init),
    use: (...middleware: Middleware[]) => pipeline.use(...middleware),
    eject: (...middleware: Middleware[]) => pipeline.eject(...middleware),
  };
  for (const verb of VERBS) api[verb] = (path: string, init?: CallInit) => call(verb, path, init);
  return api as unknown as ApiClient;
}
