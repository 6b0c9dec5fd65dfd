// Mutation testing of the code that lists, deletes, paces and redacts (`npm run test:mutation`, see README).
// @ts-check
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'mocha',
  mochaOptions: { spec: ['test/unit/**/*.test.ts'] },
  mutate: ['src/registry/**/*.ts', 'src/github/**/*.ts'],
  // Only what the unit tests read is copied into the sandbox (.vscode-test is a symlink in worktrees).
  ignorePatterns: ['.vscode-test', '.artifacts', 'dist', 'out', 'bench', 'media', '*.vsix'],
  coverageAnalysis: 'perTest',
  // Module-level constants would re-run the whole suite per mutant; the score counts what per-test coverage reaches.
  ignoreStatic: true,
  concurrency: 2,
  timeoutMS: 20000,
  reporters: ['clear-text', 'progress-append-only', 'html', 'json'],
  htmlReporter: { fileName: 'reports/mutation/mutation.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  clearTextReporter: { allowColor: false, logTests: false, reportMutants: false, reportScoreTable: true },
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
  thresholds: { high: 90, low: 80, break: null },
};
