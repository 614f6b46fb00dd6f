import { BufferedRequest } from '@amazon-pay-ts/signer';
import type { Logger, ValidationMode } from './config.js';
import { AmazonPayRequestValidationError, type FieldIssue } from './errors.js';
import { warnSafely } from './log.js';
import { operationOf, prepareCall } from './prepare-call.js';
import { resultOf } from './response.js';
import { safeUrl } from './safe-url.js';

/** Options of {@link validationMiddleware}: what to check and where warnings go. */
export interface ValidationMiddlewareOptions {
  /** Check requests before sending (throws `AmazonPayRequestValidationError`). Default true. */
  requests?: boolean;
  /** What a 2xx body that does not match does. Default `'warn'`. */
  responses?: ValidationMode;
  /** Receives `warn` mode mismatches; without one they are dropped (nothing is printed). */
  logger?: Logger;
}

/** What openapi-fetch hands the middleware that it reads. */
export interface ValidationMiddlewareParams {
  readonly request: Request;
  readonly schemaPath: string;
  readonly params?: { readonly path?: Record<string, unknown>; readonly query?: Record<string, unknown> };
}

/**
 * The client's request and response rules as openapi-fetch middleware, for an openapi-fetch client
 * of your own built on `@amazon-pay-ts/types`' `paths`: the same functions the client's pipeline
 * runs (`prepareCall`'s checks of ids, query, body and amounts before sending; `resultOf` on the
 * answer: redirects, typed API errors and malformed 2xx thrown, the body validated, decoded and
 * unwrapped). It reads the bodies from the `Request` and `Response` (the client itself checks the
 * objects before they are serialised, and reads each answer once).
 */
export function validationMiddleware(options: ValidationMiddlewareOptions = {}) {
  const { requests = true, responses = 'warn', logger } = options;
  return {
    /** Checks the request of its operation before it is sent. */
    async onRequest({ request, schemaPath, params }: ValidationMiddlewareParams) {
      if (!requests) return undefined;
      let body: unknown;
      if (request.body !== null) {
        const text = await bodyText(request);
        try {
          body = text === '' ? undefined : JSON.parse(text);
        } catch {
          const issues: FieldIssue[] = [{ path: '(body)', message: 'is not JSON' }];
          throw new AmazonPayRequestValidationError({
            operationId: schemaPath,
            method: request.method,
            issues,
          });
        }
      }
      // The headers too: the idempotency key and the simulation code are rules of every door.
      prepareCall(request.method, schemaPath, {
        params: { path: params?.path, query: params?.query },
        body,
        headers: request.headers,
      });
      return undefined;
    },
    /** Applies the response rules to the answer; returns it decoded when decoding changed it. */
    async onResponse({ request, response, schemaPath }: ValidationMiddlewareParams & { response: Response }) {
      const operationId = operationOf(request.method, schemaPath);
      if (operationId === undefined) return undefined;
      const rawBody = await response.clone().text();
      const { data, issues } = resultOf(
        {
          operationId,
          status: response.status,
          headers: response.headers,
          rawBody,
          retries: 0,
          uncertain: false,
          durationMs: 0,
          context: () => ({ operationId, method: request.method, url: safeUrl(request.url) }),
        },
        responses,
      );
      if (issues.length > 0) {
        const requestId = response.headers.get('x-amz-pay-request-id') ?? undefined;
        warnSafely(logger, `${operationId}: response does not match the spec`, {
          operationId,
          requestId,
          issues,
        });
      }
      const decoded = data === undefined ? '' : JSON.stringify(data);
      if (decoded === rawBody) return undefined;
      return new Response(decoded, {
        status: response.status,
        statusText: response.statusText,
        headers: response.headers,
      });
    },
  };
}

/** A request's body as text: a `BufferedRequest`'s kept body as it is, else read from a clone. */
function bodyText(request: Request): Promise<string> {
  const kept = request instanceof BufferedRequest ? request.bodySource : undefined;
  if (typeof kept === 'string') return Promise.resolve(kept);
  if (kept instanceof Uint8Array) return Promise.resolve(new TextDecoder().decode(kept));
  return request.clone().text();
}
