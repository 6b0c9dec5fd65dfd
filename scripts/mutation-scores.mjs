// Prints the mutation score per file, per folder and in total from Stryker JSON reports (default: every partial run
// kept in reports/mutation/parts/, oldest first, so a file's latest run wins), and with `--merge OUT` writes them as
// one report: as reports/stryker-incremental.json, the next full run re-tests only what changed since.
// Usage: node scripts/mutation-scores.mjs [--merge reports/stryker-incremental.json] [report.json...]
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

const PARTS = 'reports/mutation/parts';
const args = process.argv.slice(2);
const mergeAt = args.indexOf('--merge');
const mergeTo = mergeAt >= 0 ? args.splice(mergeAt, 2)[1] : undefined;
const reports = args.length
  ? args
  : existsSync(PARTS)
    ? readdirSync(PARTS)
        .filter((name) => name.endsWith('.json'))
        .map((name) => join(PARTS, name))
        .sort((a, b) => statSync(a).mtimeMs - statSync(b).mtimeMs)
    : [];
if (reports.length === 0) {
  console.error(`No reports: run \`npm run test:mutation -- --mutate <files>\` first, or name JSON reports.`);
  process.exit(2);
}

// Test ids are numbered per run, so each report's ids are mapped to one numbering by test file and name.
const merged = { files: {}, testFiles: {} };
const idOf = new Map();
const mergedId = (file, name) => {
  const key = `${file}\n${name}`;
  if (!idOf.has(key)) {
    idOf.set(key, String(idOf.size));
    (merged.testFiles[file] ??= { tests: [] }).tests.push({ id: idOf.get(key), name });
  }
  return idOf.get(key);
};
for (const path of reports) {
  const report = JSON.parse(readFileSync(path, 'utf8'));
  const local = new Map();
  for (const [file, { tests, source }] of Object.entries(report.testFiles ?? {})) {
    for (const test of tests) local.set(test.id, mergedId(file, test.name));
    if (source !== undefined) (merged.testFiles[file] ??= { tests: [] }).source = source;
  }
  const remap = (ids) => ids?.map((id) => local.get(id) ?? id);
  for (const [file, result] of Object.entries(report.files)) {
    const mutants = result.mutants.map((m) => ({ ...m, killedBy: remap(m.killedBy), coveredBy: remap(m.coveredBy) }));
    merged.files[file] = { ...result, mutants };
  }
  const { schemaVersion, thresholds, projectRoot, config, framework } = report;
  Object.assign(merged, { schemaVersion, thresholds, projectRoot, config, framework });
}

// Stryker's score: detected (killed, timed out) over valid mutants (detected, survived, not covered).
const tally = () => ({ detected: 0, survived: 0, noCoverage: 0 });
const COUNTS = { Killed: 'detected', Timeout: 'detected', Survived: 'survived', NoCoverage: 'noCoverage' };
const score = (t) => {
  const valid = t.detected + t.survived + t.noCoverage;
  return valid === 0 ? 'n/a' : `${((100 * t.detected) / valid).toFixed(2)}%`;
};
const rows = [];
const folders = new Map();
const total = tally();
for (const [file, { mutants }] of Object.entries(merged.files).sort(([a], [b]) => a.localeCompare(b))) {
  const t = tally();
  for (const mutant of mutants) if (COUNTS[mutant.status]) t[COUNTS[mutant.status]]++;
  rows.push([file, t]);
  const folder = folders.get(dirname(file)) ?? tally();
  for (const key of Object.keys(t)) {
    folder[key] += t[key];
    total[key] += t[key];
  }
  folders.set(dirname(file), folder);
}
const line = (name, t) =>
  console.log(
    [name.padEnd(40), score(t).padStart(8), ...[t.detected, t.survived, t.noCoverage].map((n) => String(n).padStart(11))].join(' '),
  );
console.log(
  [''.padEnd(40), 'score', 'detected', 'survived', 'no coverage'].map((h, i) => (i ? h.padStart(i === 1 ? 8 : 11) : h)).join(' '),
);
for (const [file, t] of rows) line(file, t);
console.log('');
for (const [folder, t] of [...folders].sort(([a], [b]) => a.localeCompare(b))) line(folder, t);
line('total', total);

if (mergeTo) writeFileSync(mergeTo, JSON.stringify(merged, null, 2));
