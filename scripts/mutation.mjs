// `npm run test:mutation`: Stryker runs mocha in its own process, so the TypeScript loader comes through NODE_OPTIONS,
// by absolute path (a bare `--import tsx` does not resolve in tests that run a package manager in another folder).
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const loader = fileURLToPath(import.meta.resolve('tsx'));
const args = process.argv.slice(2);
const safetyCritical = args.includes('--safety-critical');
const env = {
  ...process.env,
  NODE_OPTIONS: [process.env.NODE_OPTIONS, `--import=${loader}`].filter(Boolean).join(' '),
  ...(safetyCritical ? { GP_MUTATE: 'safety-critical' } : {}),
};
const stryker = join(dirname(fileURLToPath(import.meta.resolve('@stryker-mutator/core/package.json'))), 'bin', 'stryker.js');
const child = spawn(process.execPath, [stryker, 'run', ...args.filter((arg) => arg !== '--safety-critical')], {
  stdio: 'inherit',
  env,
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
