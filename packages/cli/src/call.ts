import { parseArgs } from 'node:util';
import {
  AmazonPayApiError,
  AmazonPayError,
  AmazonPayRequestValidationError,
  type CallOptions,
} from '@amazon-pay-ts/client';
import { OPERATION_ROUTES } from '@amazon-pay-ts/client/fetch';
import {
  clientConfig,
  endpointHelp,
  endpointOptions,
  keyHelp,
  keyOptions,
  newClient,
  refuseKeyInArguments,
} from './client-config.js';
import { type CliIo, emit, UsageError } from './io.js';
import { readJsonFile } from './read-json.js';

export const callHelp = `amazon-pay call <operationId> [ids…] [--body file.json] [--query name=value…] [options] [--json]

Sends one signed Amazon Pay API v2 call (to sandbox or live, or with --base-url to the simulator) and
prints the HTTP status, the x-amz-pay-request-id and the response body. ids are the operation's path
ids in order (then its required query values, as for getAuthorizationToken). Exit code 1 when the
call fails (Amazon answers with an error, or the network does), 2 for a mistake found before anything
is sent.

  --body FILE           JSON request body, for operations that take one
  --query NAME=VALUE    optional query parameter (repeatable), for operations that take a query
  --idempotency-key K   key to send (default: a fresh one per call, reused on retries)
  --simulation-code C   x-amz-pay-simulation-code, a sandbox simulation of the operation (HardDeclined…)
  --header 'NAME: V'    another header to send, signed (repeatable), e.g. 'x-amz-pay-authtoken: …'
${keyHelp}
${endpointHelp}

operationIds: ${Object.keys(OPERATION_ROUTES).join(', ')}`;

type Method = (
  ...args: unknown[]
) => Promise<{ data: unknown; metadata: { status: number; requestId?: string } }>;

/** `amazon-pay call <operationId> [ids…]`. */
export async function callCommand(args: string[], io: CliIo, env: NodeJS.ProcessEnv): Promise<number> {
  refuseKeyInArguments(args);
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      ...keyOptions,
      ...endpointOptions,
      body: { type: 'string' },
      query: { type: 'string', multiple: true },
      'idempotency-key': { type: 'string' },
      'simulation-code': { type: 'string' },
      header: { type: 'string', multiple: true },
      json: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    io.out(callHelp);
    return 0;
  }
  const [operationId, ...ids] = positionals;
  if (!operationId) throw new UsageError('expected an operationId');
  const route = (OPERATION_ROUTES as Record<string, { pathParams: readonly string[]; input: string }>)[
    operationId
  ];
  if (!route) throw new UsageError(`unknown operationId ${operationId} (see --help for the list)`);
  if (ids.length < route.pathParams.length) {
    throw new UsageError(`${operationId} needs ${route.pathParams.join(', ')}`);
  }
  if (values.body !== undefined && route.input !== 'body')
    throw new UsageError(`${operationId} takes no body`);
  if (values.query !== undefined && route.input !== 'query')
    throw new UsageError(`${operationId} takes no query`);
  if (route.input === 'body' && values.body === undefined)
    throw new UsageError(`${operationId} needs --body file.json`);

  const input =
    route.input === 'body'
      ? [await readJsonFile(values.body!)]
      : route.input === 'query'
        ? [queryObject(values.query ?? [])]
        : [];
  const options: CallOptions = {
    ...(values['idempotency-key'] ? { idempotencyKey: values['idempotency-key'] } : {}),
    // Any text here: the client refuses a code the spec does not declare for the operation (exit 2).
    ...(values['simulation-code']
      ? { simulationCode: values['simulation-code'] as CallOptions['simulationCode'] }
      : {}),
    ...(values.header ? { headers: headerObject(values.header) } : {}),
  };
  const client = newClient({
    ...(await clientConfig(values, env, io)),
    logger: { warn: (message) => io.err(`warning: ${message}`) },
  });
  const method = (client.withResponse as unknown as Record<string, Method>)[operationId]!;
  try {
    const { data, metadata } = await method.call(client.withResponse, ...ids, ...input, options);
    emit(
      io,
      values.json === true,
      { status: metadata.status, requestId: metadata.requestId ?? null, body: data },
      [
        `status:     ${metadata.status}`,
        `request id: ${metadata.requestId ?? '(none)'}`,
        JSON.stringify(data, null, 2),
      ],
    );
    return 0;
  } catch (error) {
    if (error instanceof AmazonPayApiError) {
      let body: unknown = error.rawBody;
      try {
        body = JSON.parse(error.rawBody);
      } catch {}
      const answer = {
        status: error.status,
        requestId: error.requestId ?? null,
        reasonCode: error.reasonCode ?? null,
        body,
      };
      emit(io, values.json === true, answer, [
        `status:     ${error.status}${error.reasonCode ? ` ${error.reasonCode}` : ''}`,
        `request id: ${error.requestId ?? '(none)'}`,
        typeof body === 'string' ? body : JSON.stringify(body, null, 2),
      ]);
      return 1;
    }
    if (error instanceof AmazonPayRequestValidationError) {
      throw new UsageError(error.message, { showUsage: false });
    }
    if (error instanceof AmazonPayError) {
      io.err(`${error.name}: ${error.message}`);
      return 1;
    }
    throw error;
  }
}

function queryObject(pairs: string[]): Record<string, string | string[]> {
  const query: Record<string, string | string[]> = {};
  for (const pair of pairs) {
    const at = pair.indexOf('=');
    if (at <= 0) throw new UsageError(`--query takes name=value, got ${pair}`);
    const name = pair.slice(0, at);
    const value = pair.slice(at + 1);
    const previous = query[name];
    query[name] =
      previous === undefined ? value : [...(Array.isArray(previous) ? previous : [previous]), value];
  }
  return query;
}

const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/** `--header 'Name: value'` flags as a headers object; a value is never echoed (it may be a token). */
function headerObject(flags: string[]): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const flag of flags) {
    const colon = flag.indexOf(':');
    const name = flag.slice(0, Math.max(colon, 0)).trim();
    if (colon < 0 || !HEADER_NAME.test(name)) {
      throw new UsageError(`--header takes 'Name: value' with a header name before the colon`);
    }
    const key = name.toLowerCase();
    if (key in headers) throw new UsageError(`--header ${name} is given twice`);
    headers[key] = flag.slice(colon + 1).trim();
  }
  return headers;
}
