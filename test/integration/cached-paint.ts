/**
 * `npm run test:cached-paint`: in code-server, the Packages view shows the last session's listing, and an expanded
 * package's versions, after a window reload while GitHub (the local stand-in, with its latency raised) has not
 * answered anything yet. The stand-in runs in this process so it outlives the reload and its request log is read here.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { start, type LocalGitHub } from '../github-local';
import { clickRow, rows, whenRow, type Row } from './workbench';

/** Longer than the reload and the first paint take, even on a loaded machine: no answer can arrive before it. */
const RAISED_LATENCY_MS = 45_000;

/** Whether `shown` has the row at `level` labelled `label`, its description matching. */
const hasRow = (shown: Row[], level: number, label: string, description = /.*/) =>
  shown.some((row) => row.level === level && row.label === label && description.test(row.description));

/** Fails when the stand-in has sent any answer since entry `since` of its request log. */
function assertNothingAnswered(gh: LocalGitHub, since: number, before: string): void {
  const answered = gh.requestLog.slice(since).filter((entry) => entry.end > 0);
  assert.deepEqual(answered, [], `no answer was sent before ${before}`);
}

const checks: [string, (page: Page, gh: LocalGitHub) => Promise<void>][] = [];
let cachedRows: Row[] = [];

checks.push([
  'after a reload the last listing is on screen, marked cached, before GitHub has answered anything',
  async (page, gh) => {
    await page.locator('.activitybar [aria-label^="GitHub Packages"]').first().click();
    await whenRow(page, { level: 1, label: 'mona', description: /\d+ packages$/ }, 60_000);
    await clickRow(page, 'npm', 2);
    await whenRow(page, { level: 3, label: 'hello-world' });
    await clickRow(page, 'hello-world', 3);
    await whenRow(page, { level: 4 }, 30_000);
    // The cache is written when the listing lands; give VS Code's storage a moment to flush it.
    await page.waitForTimeout(3000);

    gh.setLatency(RAISED_LATENCY_MS);
    const logged = gh.requestLog.length;
    const reloaded = Date.now();
    await page.reload();
    await whenRow(page, { level: 1, label: 'mona', description: /cached$/ }, RAISED_LATENCY_MS - 5000);
    // VS Code draws an expanded owner's children after the owner row; wait for them, still before any answer.
    await whenRow(page, { level: 2, label: 'npm' }, RAISED_LATENCY_MS - 5000).catch(() => undefined);
    console.log(`    (rows on screen ${Date.now() - reloaded} ms after the reload began)`);
    cachedRows = await rows(page);
    assert.ok(hasRow(cachedRows, 2, 'npm'), 'package groups are shown');
    assertNothingAnswered(gh, logged, 'the rows were shown');
  },
]);

checks.push([
  'an expanded package’s versions come from the last session too, with nothing answered yet',
  async (page, gh) => {
    const logged = gh.requestLog.length;
    if (!hasRow(cachedRows, 3, 'hello-world')) await clickRow(page, 'npm', 2);
    await whenRow(page, { level: 3, label: 'hello-world' });
    await clickRow(page, 'hello-world', 3);
    await whenRow(page, { level: 4 }, 10_000);
    assert.ok(hasRow(await rows(page), 3, 'hello-world', /cached$/), 'the package says its versions are cached');
    assertNothingAnswered(gh, logged, 'the versions were shown');
  },
]);

checks.push([
  'when GitHub answers the same listing, the marks go and no row moves',
  async (page, gh) => {
    const before = (await rows(page)).map((row) => `${row.level}:${row.label}`);
    gh.setLatency(0);
    await whenRow(page, { level: 1, label: 'mona', description: /\d+ packages$/ }, RAISED_LATENCY_MS * 2);
    await whenRow(page, { level: 3, label: 'hello-world', description: /^(?!.*cached$)/ }, RAISED_LATENCY_MS * 2);
    const after = (await rows(page)).map((row) => `${row.level}:${row.label}`);
    assert.deepEqual(after, before);
  },
]);

async function main(): Promise<void> {
  const { ensureCodeServer, launchChromium, prepareUserData, root, startCodeServer } = await import('../../scripts/code-server.mjs');
  ensureCodeServer();
  execFileSync(process.execPath, [join(root, 'esbuild.js')], { cwd: root, stdio: 'inherit' });
  const gh = await start({ seed: 'demo' });
  const scratch = mkdtempSync(join(tmpdir(), 'gp-cached-'));
  const workspace = join(scratch, 'workspace');
  mkdirSync(workspace);
  const userDataDir = join(scratch, 'user-data');
  prepareUserData(userDataDir, { 'githubPackages.apiUrl': gh.url });
  const server = await startCodeServer({
    userDataDir,
    extensionsDir: join(scratch, 'extensions'),
    env: { GITHUB_PACKAGES_TOKEN: gh.tokens.mona },
  });
  const browser = await launchChromium();
  let passed = 0;
  let failed = 0;
  try {
    const page = await (await browser.newContext({ viewport: { width: 1400, height: 1000 } })).newPage();
    const payload = [['extensionDevelopmentPath', `vscode-remote://127.0.0.1:${server.port}${root}`]];
    await page.goto(`${server.url}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`);
    for (const [name, check] of checks) {
      try {
        await check(page, gh);
        passed++;
        console.log(`  ✔ ${name}`);
      } catch (error) {
        failed++;
        console.log(
          `  ✘ ${name}\n    ${String(error instanceof Error ? error.message : error)
            .split('\n')
            .join('\n    ')}`,
        );
        await page.screenshot({ path: join(root, '.artifacts', 'screenshots', 'cached-paint-failure.png') }).catch(() => undefined);
        break;
      }
    }
  } finally {
    await browser.close().catch(() => undefined);
    await server.stop();
    await gh.stop();
    rmSync(scratch, { recursive: true, force: true });
  }
  console.log(`cached paint: ${passed} passed, ${failed} failed`);
  process.exit(failed > 0 || passed < checks.length ? 1 : 0);
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
