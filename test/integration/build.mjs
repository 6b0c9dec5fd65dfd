// Bundles the integration suite (mocha stays external: the extension host loads it from node_modules).
import * as esbuild from 'esbuild';
import { readdirSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { root } from '../../scripts/code-server.mjs';

export async function buildIntegrationSuite() {
  const suiteDir = join(root, 'test/integration/suite');
  const tests = readdirSync(suiteDir)
    .filter((f) => f.endsWith('.test.ts'))
    .sort();
  const outDir = join(root, 'out/integration');
  mkdirSync(outDir, { recursive: true });
  const entry = join(outDir, 'tests.entry.ts');
  writeFileSync(entry, tests.map((t) => `import ${JSON.stringify(join(suiteDir, t))};`).join('\n') + '\n');
  const common = {
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    sourcemap: 'inline',
    external: ['vscode', 'mocha'],
    logLevel: 'warning',
  };
  await esbuild.build({ ...common, entryPoints: [join(suiteDir, 'index.ts')], outfile: join(outDir, 'index.js') });
  await esbuild.build({ ...common, entryPoints: [entry], outfile: join(outDir, 'tests.js') });
  return { suitePath: join(outDir, 'index.js'), testFiles: tests };
}
