// `npm test`: type check, lint, unit tests, integration suite in code-server, .vsix smoke test — in that order,
// stopping at the first failure — then one closing line with the totals that CI reads.
import { spawn } from 'node:child_process';

const steps = [
  ['type check', 'typecheck'],
  ['lint', 'lint'],
  ['unit tests', 'test:unit'],
  ['integration tests (code-server)', 'test:integration'],
  ['cached paint after a reload (code-server)', 'test:cached-paint'],
  ['.vsix install', 'test:vsix'],
];

const totals = { passed: 0, failed: 0, skipped: 0 };

function run(script) {
  return new Promise((resolve) => {
    const child = spawn('npm', ['run', '--silent', script], { stdio: ['ignore', 'pipe', 'inherit'] });
    let tail = '';
    child.stdout.on('data', (chunk) => {
      process.stdout.write(chunk);
      tail = (tail + chunk).slice(-4000);
      // eslint-disable-next-line no-control-regex -- mocha colours its summary under CI; read it without the escapes.
      const plainText = String(chunk).replace(/\x1b\[[0-9;]*m/g, '');
      for (const line of plainText.split('\n')) {
        const passing = /^\s*(\d+) passing\b/.exec(line);
        const failing = /^\s*(\d+) failing\b/.exec(line);
        const pending = /^\s*(\d+) pending\b/.exec(line);
        const plain = /^\S*:? ?.*?(\d+) passed, (\d+) failed$/.exec(line.trim());
        if (passing) totals.passed += Number(passing[1]);
        else if (failing) totals.failed += Number(failing[1]);
        else if (pending) totals.skipped += Number(pending[1]);
        else if (plain) {
          totals.passed += Number(plain[1]);
          totals.failed += Number(plain[2]);
        }
      }
    });
    child.on('exit', (code) => resolve(code ?? 1));
  });
}

let failedStep;
for (const [name, script] of steps) {
  console.log(`\n── ${name} (npm run ${script})`);
  const code = await run(script);
  if (code !== 0) {
    failedStep = name;
    if (totals.failed === 0) totals.failed = 1;
    break;
  }
}
console.log('');
if (failedStep) console.log(`npm test: stopped at ${failedStep}`);
console.log(`tests: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(failedStep ? 1 : 0);
