import type { AliasesOf, AliasName, AliasOperation, METHOD_ALIASES } from './aliases.js';
import type { OperationArguments } from './generated/operation-methods.js';
import type { ClientOperationId, OPERATION_ROUTES } from './operations.js';
import type { ResponseBody, WithMetadata } from './types.js';

/** Every method's arguments by operationId, generated from the spec; a test keeps it equal to the methods. */
export type { OperationArguments };

/** Alias methods (official SDKs' names, see {@link METHOD_ALIASES}) and the operation each one runs. */
export type OperationAliases = {
  -readonly [Alias in keyof typeof METHOD_ALIASES]: (typeof METHOD_ALIASES)[Alias]['operationId'];
};

/** A method name on some client: an operationId or an alias. */
export type MethodName = ClientOperationId | AliasName;

/** The operationId a method name runs: itself, or the operation of an alias. */
export type OperationOf<Name extends MethodName> = Name extends AliasName ? AliasOperation<Name> : Name;

/** Operations the operation table assigns to one or more channels. */
export type ChannelOperation<Channel extends (typeof OPERATION_ROUTES)[ClientOperationId]['channel']> = {
  [K in ClientOperationId]: (typeof OPERATION_ROUTES)[K]['channel'] extends Channel ? K : never;
}[ClientOperationId];

/**
 * Every method name with its doc comment: the operations' arguments (generated from the spec) and the
 * aliases' operations. The `withResponse` types pick their members from it to keep those comments.
 */
export type MethodDocs = OperationArguments & OperationAliases;

/** The `withResponse` variant of the named methods: same arguments, `{ data, metadata }` result. */
export type WithResponseMethods<Name extends MethodName> = {
  // Mapped over the keys of a Pick of the documented tables, so that each member keeps the doc comment
  // of its operation or alias in editors and the API reference.
  readonly [N in keyof Pick<MethodDocs, Name>]: (
    ...args: OperationArguments[OperationOf<N>]
  ) => Promise<WithMetadata<ResponseBody<OperationOf<N>>>>;
};

/** `withResponse` of every client: the operations all of them share, and their aliases. */
export interface CommonWithResponse
  extends WithResponseMethods<ChannelOperation<'common'> | AliasesOf<'common'>> {}

/** `WebStoreClient#withResponse`. */
export interface WebStoreWithResponse
  extends WithResponseMethods<ChannelOperation<'common' | 'webStore'> | AliasesOf<'common' | 'webStore'>> {}

/** `InStoreClient#withResponse`. */
export interface InStoreWithResponse
  extends WithResponseMethods<ChannelOperation<'common' | 'inStore'> | AliasesOf<'common' | 'inStore'>> {}

/** `AmazonPayClient#withResponse`: every operation, and the aliases of `WebStoreClient`. */
export interface AmazonPayWithResponse
  extends WithResponseMethods<ClientOperationId | AliasesOf<'common' | 'webStore'>> {}
