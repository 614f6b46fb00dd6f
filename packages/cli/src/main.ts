// The `amazon-pay` executable: arguments from the process, output to its streams.
import { runCli } from './run.js';

runCli(process.argv.slice(2), {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
  stdin: process.stdin,
}).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`amazon-pay: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
