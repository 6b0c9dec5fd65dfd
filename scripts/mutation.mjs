// `npm run test:mutation`: Stryker runs mocha in its own process, so the TypeScript loader comes through NODE_OPTIONS,
// by absolute path (a bare `--import tsx` does not resolve in tests that run a package manager in another folder).
// `--safety-critical` mutates only the files CI guards; other runs keep their report as a part (see keepPart).
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, statSync } from 'node:fs';
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
const started = Date.now();
child.on('exit', (code, signal) => {
  keepPart();
  process.exit(code ?? (signal ? 1 : 0));
});

/**
 * Every run but the safety-critical one keeps its report in reports/mutation/parts/ (a full run as `all`), and the
 * parts, latest winning per file, become the incremental file again: a part run writes only its own files there.
 */
function keepPart() {
  const report = 'reports/mutation/mutation.json';
  if (safetyCritical || !existsSync(report) || statSync(report).mtimeMs < started) return;
  const mutate = args.includes('--mutate') ? args[args.indexOf('--mutate') + 1] : undefined;
  const name = (mutate ?? 'all')
    .replace(/^src\//, '')
    .replace(/[^A-Za-z0-9.]+/g, '-')
    .slice(0, 120);
  mkdirSync('reports/mutation/parts', { recursive: true });
  copyFileSync(report, `reports/mutation/parts/${name}.json`);
  spawnSync(
    process.execPath,
    [join(dirname(fileURLToPath(import.meta.url)), 'mutation-scores.mjs'), '--merge', 'reports/stryker-incremental.json'],
    {
      stdio: 'inherit',
    },
  );
}
