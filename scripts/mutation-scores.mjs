// Prints the mutation score per file, per folder and in total from one or more Stryker JSON reports (later reports
// win for a file), and with `--merge OUT` writes them as one report, e.g. as the incremental file of the next run.
// Usage: node scripts/mutation-scores.mjs [--merge reports/stryker-incremental.json] report.json...
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

const args = process.argv.slice(2);
const mergeAt = args.indexOf('--merge');
const mergeTo = mergeAt >= 0 ? args.splice(mergeAt, 2)[1] : undefined;
if (args.length === 0) {
  console.error('usage: node scripts/mutation-scores.mjs [--merge OUT] report.json...');
  process.exit(2);
}

const merged = { files: {}, testFiles: {} };
for (const path of args) {
  const report = JSON.parse(readFileSync(path, 'utf8'));
  Object.assign(merged, { ...report, files: { ...merged.files, ...report.files } });
  merged.testFiles = { ...merged.testFiles, ...report.testFiles };
}

// Stryker's score: detected (killed, timed out) over valid mutants (detected, survived, not covered).
const DETECTED = new Set(['Killed', 'Timeout']);
const UNDETECTED = new Set(['Survived', 'NoCoverage']);
const tally = () => ({ detected: 0, survived: 0, noCoverage: 0 });
const add = (into, status) => {
  if (DETECTED.has(status)) into.detected++;
  else if (status === 'Survived') into.survived++;
  else if (status === 'NoCoverage') into.noCoverage++;
};
const score = (t) => {
  const valid = t.detected + t.survived + t.noCoverage;
  return valid === 0 ? 'n/a' : `${((100 * t.detected) / valid).toFixed(2)}%`;
};

const rows = [];
const folders = new Map();
const total = tally();
for (const [file, { mutants }] of Object.entries(merged.files).sort(([a], [b]) => a.localeCompare(b))) {
  const t = tally();
  for (const mutant of mutants) if (DETECTED.has(mutant.status) || UNDETECTED.has(mutant.status)) add(t, mutant.status);
  rows.push([file, t]);
  const folder = dirname(file);
  const f = folders.get(folder) ?? tally();
  for (const key of Object.keys(t)) {
    f[key] += t[key];
    total[key] += t[key];
  }
  folders.set(folder, f);
}

const line = (name, t) =>
  console.log(
    `${name.padEnd(40)} ${score(t).padStart(8)} ${String(t.detected).padStart(9)} ${String(t.survived).padStart(9)} ${String(t.noCoverage).padStart(12)}`,
  );
console.log(
  `${'file'.padEnd(40)} ${'score'.padStart(8)} ${'detected'.padStart(9)} ${'survived'.padStart(9)} ${'no coverage'.padStart(12)}`,
);
for (const [file, t] of rows) line(file, t);
console.log('');
for (const [folder, t] of [...folders].sort(([a], [b]) => a.localeCompare(b))) line(folder, t);
line('total', total);

if (mergeTo) writeFileSync(mergeTo, JSON.stringify(merged, null, 2));
