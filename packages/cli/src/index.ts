// @amazon-pay-ts/cli: the `amazon-pay` command, also callable in-process.
export { type CliIo, UsageError } from './io.js';
export { runCli, usage } from './run.js';
