import type { paths } from '@amazon-pay-ts/types';
import type { Client } from 'openapi-fetch';
import type { IDEMPOTENCY_HEADER } from './idempotency.js';

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

/** `client.api`: the raw openapi-fetch client over {@link ApiPaths}. */
export type ApiClient = Client<ApiPaths>;
