import { readFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { parseSimulatorArgs } from '../src/index.js';

// The container image and the compose example start the simulator with flags of their own; these are
// checked against the command line's flag table here, on every test run. Building and running the
// image is docker/smoke.mjs's job (.ci/run): with Docker where an engine answers, else the image's
// install and start commands without Docker.
const read = (path: string) => readFileSync(fileURLToPath(new URL(path, import.meta.url)), 'utf8');

describe('the container recipe', () => {
  it("the image's CMD is a valid command line that serves TLS beyond loopback and keeps its state", () => {
    const dockerfile = read('../Dockerfile');
    const cmd = JSON.parse(/^CMD (.+)$/m.exec(dockerfile)![1]!) as string[];
    const { options } = parseSimulatorArgs(cmd);
    expect(options).toMatchObject({ host: '0.0.0.0', tls: true, stateDir: '/var/lib/amazon-pay-simulator' });
    expect(dockerfile).toMatch(/^VOLUME \/var\/lib\/amazon-pay-simulator$/m);
    expect(dockerfile).toMatch(/^RUN npm install .*amazon-pay-ts-simulator-\*\.tgz/m);
    expect(dockerfile).toMatch(/^USER node$/m);
  });

  it('the compose example starts the same command line, reached by service name over TLS', () => {
    const compose = parse(read('../docker/compose.yaml')) as {
      services: { simulator: { command: string[] }; merchant: { environment: Record<string, string> } };
    };
    const { options } = parseSimulatorArgs(compose.services.simulator.command);
    expect(options.tls).toBe(true);
    expect(options.tlsNames).toContain('simulator');
    expect(options.publicUrl).toBe('https://simulator:4010');
    expect(compose.services.merchant.environment.SIM_URL).toBe('https://simulator:4010');
  });

  it('the Dockerfile, the compose example and the README name one build context, the one compose builds', () => {
    const root = fileURLToPath(new URL('../../../', import.meta.url));
    const compose = parse(read('../docker/compose.yaml')) as { services: { simulator: { build: string } } };
    const composeDir = dirname(fileURLToPath(new URL('../docker/compose.yaml', import.meta.url)));
    const context = relative(root, resolve(composeDir, compose.services.simulator.build));
    expect(context).toBe('packages/simulator/docker/image');
    for (const [name, text] of [
      ['Dockerfile', read('../Dockerfile')],
      ['docker/compose.yaml', read('../docker/compose.yaml')],
      ['README.md', read('../README.md')],
    ] as const) {
      const named = [
        ...text.matchAll(/smoke\.mjs --context ([^\s`]+)/g),
        ...text.matchAll(/docker build -t amazon-pay-simulator ([^\s`]+)/g),
      ].map((m) => m[1]);
      expect(named.length, name).toBeGreaterThan(0);
      expect(new Set(named), name).toEqual(new Set([context]));
    }
  });
});
