// Builds the extension host bundle (Node, CommonJS, split at dynamic imports so activation loads only what it needs) and
// the webview bundle (browser, IIFE).
const fs = require('node:fs');
const path = require('node:path');
const esbuild = require('esbuild');

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

/** Prints errors in the shape of VS Code's `$esbuild-watch` problem matcher. */
const problemMatcher = {
  name: 'problem-matcher',
  setup(build) {
    build.onStart(() => {
      if (watch) console.log('[watch] build started');
    });
    build.onEnd((result) => {
      for (const { text, location } of result.errors) {
        console.error(`✘ [ERROR] ${text}`);
        if (location) console.error(`    ${location.file}:${location.line}:${location.column}:`);
      }
      if (watch) console.log('[watch] build finished');
    });
  },
};

/**
 * Writes the split ES module chunks as CommonJS: VS Code 1.100 can load an ES module extension, but through Node's
 * off-thread loader hooks, which made loading several times slower than require() (measured with bench:vscode).
 * A dynamic import() becomes a require() in a resolved promise, so a chunk loads when first needed.
 */
const commonJsChunks = {
  name: 'commonjs-chunks',
  setup(build) {
    build.onEnd(async (result) => {
      for (const file of result.outputFiles ?? []) {
        fs.mkdirSync(path.dirname(file.path), { recursive: true });
        if (!file.path.endsWith('.js')) {
          fs.writeFileSync(file.path, file.contents);
          continue;
        }
        const { code } = await esbuild.transform(file.text, {
          format: 'cjs',
          platform: 'node',
          target: 'node20',
          minify: production,
          supported: { 'dynamic-import': false },
        });
        fs.writeFileSync(file.path, code);
      }
    });
  },
};

/**
 * Octokit parses every answer with json-with-bigint, which on Node 20 (no JSON.parse source access) runs a regular
 * expression over the whole body and a reviver over every value: 10× slower than JSON.parse, ~40 ms for the 14 pages
 * of 1,000 packages. GitHub's numbers (ids, counts) stay far below 2^53, so the bundle gets the native functions.
 */
const nativeJson = {
  name: 'native-json',
  setup(build) {
    build.onResolve({ filter: /^json-with-bigint$/ }, () => ({ path: 'json-with-bigint', namespace: 'native-json' }));
    build.onLoad({ filter: /.*/, namespace: 'native-json' }, () => ({
      contents:
        'export const JSONParse = (text, reviver) => JSON.parse(text, reviver);\n' +
        'export const JSONStringify = (value, replacer, space) => JSON.stringify(value, replacer, space);\n',
      loader: 'js',
    }));
  },
};

const common = {
  bundle: true,
  minify: production,
  sourcemap: !production,
  sourcesContent: false,
  logLevel: 'warning',
  plugins: [problemMatcher],
};

async function main() {
  // A development build leaves source maps behind; the production build (what `vsce package` runs) must not ship them.
  if (production && fs.existsSync('dist')) {
    for (const file of fs.readdirSync('dist', { recursive: true })) if (String(file).endsWith('.map')) fs.rmSync(`dist/${file}`);
  }
  // Chunk names carry a hash: drop the last build's.
  fs.rmSync('dist/chunks', { recursive: true, force: true });
  const contexts = await Promise.all([
    esbuild.context({
      ...common,
      entryPoints: ['src/extension.ts'],
      outdir: 'dist',
      chunkNames: 'chunks/[name]-[hash]',
      // esbuild splits only ES modules; `commonJsChunks` turns each chunk into CommonJS after the build.
      splitting: true,
      format: 'esm',
      write: false,
      platform: 'node',
      target: 'node20',
      external: ['vscode'],
      // @octokit/* is ESM-only; bundling it into CommonJS makes that invisible to the extension host.
      mainFields: ['module', 'main'],
      plugins: [problemMatcher, nativeJson, commonJsChunks],
    }),
    esbuild.context({
      ...common,
      entryPoints: ['src/webview/main.ts', 'src/webview/main.css'],
      outdir: 'dist/webview',
      platform: 'browser',
      format: 'iife',
      target: 'es2022',
    }),
  ]);
  if (watch) {
    await Promise.all(contexts.map((c) => c.watch()));
    return;
  }
  await Promise.all(contexts.map((c) => c.rebuild()));
  await Promise.all(contexts.map((c) => c.dispose()));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
