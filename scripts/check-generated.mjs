// Regenerates everything generated and fails if the committed files differ: CI's drift check.
import { execFileSync } from 'node:child_process';

const generatedPaths = [
  'packages/types/src/generated',
  'packages/client/src/generated',
  'packages/simulator/src/generated',
];

execFileSync('pnpm', ['generate'], { stdio: 'inherit' });
const drift = execFileSync('git', ['status', '--porcelain', '--', ...generatedPaths], { encoding: 'utf8' });
if (drift.trim() !== '') {
  console.error(
    `Generated files differ from the committed ones; run \`pnpm generate\` and commit:\n${drift}`,
  );
  process.exit(1);
}
console.log('generated files are up to date');
