import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The `amazon-pay-simulator` executable of this package (it runs the sources through tsx here). */
export const simulatorBin = fileURLToPath(new URL('../bin/amazon-pay-simulator.mjs', import.meta.url));

/** What the command line prints on its `SIMULATOR_INFO` line. */
export interface PrintedInfo {
  baseUrl: string;
  merchantId: string;
  publicKeyId: string;
  privateKeyPath: string | null;
  caCertificatePath: string | null;
  controlUrl: string;
  controlToken: string | null;
}

/** A started command line and everything it printed so far. */
export interface RunningCli {
  child: ChildProcess;
  output: () => string;
  /** Resolves with the parsed `SIMULATOR_CONFIG` and `SIMULATOR_INFO` lines once both are printed. */
  started: Promise<{ config: Record<string, unknown>; info: PrintedInfo }>;
  /** Resolves with the exit code. */
  exited: Promise<number | null>;
  /** SIGTERM, then the exit code. */
  stop(): Promise<number | null>;
}

export function runSimulatorCli(args: string[], env: NodeJS.ProcessEnv = {}, bin = simulatorBin): RunningCli {
  const child = spawn(process.execPath, [bin, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...env },
  });
  let output = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const started = new Promise<{ config: Record<string, unknown>; info: PrintedInfo }>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`nothing printed in time:\n${output}`)), 30_000);
    const check = () => {
      const config = /^SIMULATOR_CONFIG (.+)$/m.exec(output);
      const info = /^SIMULATOR_INFO (.+)$/m.exec(output);
      if (config && info) {
        clearTimeout(timer);
        resolve({ config: JSON.parse(config[1]!), info: JSON.parse(info[1]!) });
      }
    };
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      check();
    });
    child.stderr!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`the simulator exited with ${code}:\n${output}`));
    });
  });
  started.catch(() => undefined);
  return {
    child,
    output: () => output,
    started,
    exited,
    stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
}
