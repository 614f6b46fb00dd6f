#!/usr/bin/env node
// The simulator's container image, checked: `node packages/simulator/docker/smoke.mjs` (run by .ci/run).
//  1. packs @amazon-pay-ts/types, -signer and -simulator (building them first if dist/ is missing)
//     into a build context beside the Dockerfile;
//  2. where a Docker engine answers (`docker info`), builds the image, runs it and checks it;
//  3. elsewhere says so, and runs the image's own steps without Docker: the Dockerfile's `RUN npm
//     install …` in a scratch root, then its ENTRYPOINT with its CMD (absolute paths moved under the
//     scratch root, the port made free), and the same checks: GET / over TLS trusting the CA it wrote,
//     the control plane refusing a call without its token and answering with it, and a whole checkout
//     by test/curl-checkout.sh (curl and openssl only) as the compose example's merchant service runs it.
// `--context [DIR]` only writes the build context (for `docker build DIR`; default docker/image).
import { execFileSync, spawn } from 'node:child_process';
import {
  copyFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const packageDir = resolve(here, '..');
const repoRoot = resolve(packageDir, '../..');
const dockerfile = join(packageDir, 'Dockerfile');
const packages = ['types', 'signer', 'simulator'];

const run = (command, args, options = {}) =>
  execFileSync(command, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], ...options });

/** The build context: the three tarballs and the Dockerfile. */
function writeContext(dir) {
  mkdirSync(dir, { recursive: true });
  if (packages.some((name) => !existsSync(join(repoRoot, 'packages', name, 'dist')))) {
    console.log('building the packages (dist/ missing)');
    execFileSync(
      'pnpm',
      ['exec', 'turbo', 'run', 'build', '--filter=@amazon-pay-ts/simulator...', '--output-logs=errors-only'],
      {
        cwd: repoRoot,
        stdio: 'inherit',
      },
    );
  }
  for (const name of packages)
    run('pnpm', ['pack', '--pack-destination', dir], { cwd: join(repoRoot, 'packages', name) });
  copyFileSync(dockerfile, join(dir, 'Dockerfile'));
  return dir;
}

/** The Dockerfile's instructions this script replays: WORKDIR, the npm install RUN, ENTRYPOINT, CMD. */
export function imageSteps(text) {
  const lines = text.split('\n');
  const value = (keyword) =>
    lines
      .find((line) => line.startsWith(`${keyword} `))
      ?.slice(keyword.length + 1)
      .trim();
  const install = lines.find((line) => line.startsWith('RUN npm install '));
  if (!install) throw new Error('the Dockerfile has no `RUN npm install` step');
  return {
    workdir: value('WORKDIR'),
    install: install.slice('RUN '.length),
    entrypoint: JSON.parse(value('ENTRYPOINT')),
    cmd: JSON.parse(value('CMD')),
  };
}

/** What a container would hold under `root`: absolute paths of the image moved there. */
const under = (root, path) => (path.startsWith('/') ? join(root, path) : path);

async function waitForInfo(child) {
  let output = '';
  return new Promise((resolvePromise, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`the simulator printed no SIMULATOR_INFO:\n${output}`)),
      60_000,
    );
    child.stdout.on('data', (chunk) => {
      output += chunk;
      const line = /^SIMULATOR_INFO (.+)$/m.exec(output);
      if (line) {
        clearTimeout(timer);
        resolvePromise(JSON.parse(line[1]));
      }
    });
    child.stderr.on('data', (chunk) => {
      output += chunk;
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the simulator exited with ${code}:\n${output}`));
    });
  });
}

/** The checks both paths run against a started service. */
function checkService({ url, caFile, token, privateKeyFile, publicKeyId }) {
  const status = (args) =>
    run('curl', ['-sS', '-o', '/dev/null', '-w', '%{http_code}', '--cacert', caFile, ...args]);
  const health = status([`${url}/`]);
  if (health !== '200') throw new Error(`GET / answered ${health}`);
  const anonymous = status([`${url}/__simulator`]);
  if (anonymous !== '401') throw new Error(`the control plane answered ${anonymous} without its token`);
  const info = JSON.parse(
    run('curl', [
      '-sS',
      '--fail',
      '--cacert',
      caFile,
      '-H',
      `authorization: Bearer ${token}`,
      `${url}/__simulator`,
    ]),
  );
  if (info.merchants?.[0]?.publicKeyIds?.[0] !== publicKeyId)
    throw new Error(`unexpected merchants ${JSON.stringify(info.merchants)}`);
  const checkout = run('bash', [join(packageDir, 'test', 'curl-checkout.sh')], {
    env: {
      ...process.env,
      SIM_URL: url,
      CA_FILE: caFile,
      KEY_ID: publicKeyId,
      KEY_FILE: privateKeyFile,
      CONTROL_TOKEN: token,
    },
  });
  if (!/^refundState=Refunded$/m.test(checkout))
    throw new Error(`the curl checkout did not end Refunded:\n${checkout}`);
  console.log(
    `ok: GET / 200 over TLS, control plane 401 without its token and 200 with it, a curl checkout ending Refunded`,
  );
}

function dockerAnswers() {
  try {
    run('docker', ['info', '--format', '{{.ServerVersion}}']);
    return true;
  } catch {
    return false;
  }
}

function withDocker(context) {
  const tag = `amazon-pay-simulator:smoke-${process.pid}`;
  const name = `amazon-pay-simulator-smoke-${process.pid}`;
  execFileSync('docker', ['build', '-t', tag, context], { stdio: 'inherit' });
  const bytes = Number(run('docker', ['image', 'inspect', '-f', '{{.Size}}', tag]).trim());
  console.log(`image ${tag}: ${(bytes / 1e6).toFixed(1)} MB`);
  const scratch = mkdtempSync(join(tmpdir(), 'amazon-pay-simulator-docker-'));
  try {
    run('docker', ['run', '-d', '--name', name, '-p', '127.0.0.1::4010', tag]);
    const port = run('docker', ['port', name, '4010/tcp']).trim().split(':').at(-1);
    for (let i = 0; i < 60; i++) {
      try {
        run('docker', [
          'cp',
          `${name}:/var/lib/amazon-pay-simulator/control-token`,
          join(scratch, 'control-token'),
        ]);
        break;
      } catch {
        execFileSync('sleep', ['1']);
      }
    }
    for (const file of ['ca.pem', 'private.pem'])
      run('docker', ['cp', `${name}:/var/lib/amazon-pay-simulator/${file}`, join(scratch, file)]);
    checkService({
      url: `https://127.0.0.1:${port}`,
      caFile: join(scratch, 'ca.pem'),
      token: readFileSync(join(scratch, 'control-token'), 'utf8').trim(),
      privateKeyFile: join(scratch, 'private.pem'),
      publicKeyId: 'SANDBOX-ASIMULATORKEY',
    });
  } finally {
    try {
      run('docker', ['rm', '-f', name]);
      run('docker', ['rmi', tag]);
    } catch {}
    rmSync(scratch, { recursive: true, force: true });
  }
}

async function withoutDocker(context) {
  const steps = imageSteps(readFileSync(dockerfile, 'utf8'));
  const root = mkdtempSync(join(tmpdir(), 'amazon-pay-simulator-image-'));
  let child;
  try {
    const workdir = under(root, steps.workdir);
    mkdirSync(workdir, { recursive: true });
    for (const file of readdirSync(context))
      if (file.endsWith('.tgz')) cpSync(join(context, file), join(workdir, file));
    console.log(`RUN ${steps.install}`);
    execFileSync('sh', ['-c', steps.install], { cwd: workdir, stdio: 'inherit' });
    const installed = Number(run('du', ['-sb', workdir]).split('\t')[0]);
    console.log(
      `installed: ${(installed / 1e6).toFixed(1)} MB under ${steps.workdir}; the image adds its base, node:20-bookworm-slim (an estimate of the image: about ${(installed / 1e6 + 190).toFixed(0)} MB uncompressed with that base at ~190 MB; not measured without Docker)`,
    );
    const args = steps.cmd.map((arg, i) => (steps.cmd[i - 1] === '--port' ? '0' : under(root, arg)));
    for (const arg of args) if (arg.startsWith(root)) mkdirSync(arg, { recursive: true });
    console.log(`ENTRYPOINT ${steps.entrypoint.join(' ')} ${args.join(' ')}`);
    child = spawn(under(root, steps.entrypoint[0]), [...steps.entrypoint.slice(1), ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const info = await waitForInfo(child);
    const stateDir = args[args.indexOf('--state-dir') + 1];
    checkService({
      url: `https://127.0.0.1:${new URL(info.baseUrl).port}`,
      caFile: info.caCertificatePath,
      token: readFileSync(join(stateDir, 'control-token'), 'utf8').trim(),
      privateKeyFile: info.privateKeyPath,
      publicKeyId: info.publicKeyId,
    });
    const exited = new Promise((resolveExit) => child.once('exit', resolveExit));
    child.kill('SIGTERM');
    const code = await exited;
    if (code !== 0) throw new Error(`the simulator exited with ${code} on SIGTERM`);
    console.log('ok: stopped cleanly on SIGTERM');
  } finally {
    if (child && child.exitCode === null) child.kill('SIGKILL');
    rmSync(root, { recursive: true, force: true });
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const contextFlag = process.argv.indexOf('--context');
  if (contextFlag !== -1) {
    // Default: docker/image beside this script, where compose.yaml's `build: ./image` looks (git-ignored).
    const dir = resolve(process.argv[contextFlag + 1] ?? fileURLToPath(new URL('./image', import.meta.url)));
    writeContext(dir);
    console.log(`build context in ${dir}: docker build -t amazon-pay-simulator ${dir}`);
  } else {
    const context = writeContext(mkdtempSync(join(tmpdir(), 'amazon-pay-simulator-context-')));
    try {
      if (dockerAnswers()) {
        withDocker(context);
      } else {
        console.log(
          'skip: no Docker engine answers here (`docker info` failed), so the image is not built; running its install and start commands without Docker instead',
        );
        await withoutDocker(context);
      }
    } finally {
      rmSync(context, { recursive: true, force: true });
    }
  }
}
