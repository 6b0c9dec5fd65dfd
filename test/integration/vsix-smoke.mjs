// Packages the extension as a .vsix, installs it into code-server with --install-extension (as a user would),
// opens the workbench in headless Chromium and checks that the Packages view appears and the extension activates.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { codeServerEntry, ensureCodeServer, prepareUserData, root, startCodeServer } from '../../scripts/code-server.mjs';

async function main() {
  ensureCodeServer();
  execFileSync('npm', ['run', '--silent', 'package'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  const scratch = mkdtempSync(join(tmpdir(), 'gp-vsix-'));
  const extensionsDir = join(scratch, 'extensions');
  const userDataDir = join(scratch, 'user-data');
  const out = execFileSync(
    process.execPath,
    [
      codeServerEntry,
      '--extensions-dir',
      extensionsDir,
      '--user-data-dir',
      userDataDir,
      '--install-extension',
      join(root, 'dist/github-packages.vsix'),
    ],
    { encoding: 'utf8' },
  );
  if (!/successfully installed/i.test(out)) throw new Error(`install failed:\n${out}`);
  prepareUserData(userDataDir, {});
  const server = await startCodeServer({ userDataDir, extensionsDir, env: { GITHUB_PACKAGES_TOKEN: '' } });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
  });
  let ok;
  try {
    const page = await browser.newPage();
    await page.goto(`${server.url}/?folder=${encodeURIComponent(join(root, 'test/fixtures/workspace'))}`);
    await page.locator('.activitybar [aria-label*="GitHub Packages"]').first().click({ timeout: 60_000 });
    // The welcome buttons render only once the extension has activated and set its context key.
    await page.locator('.welcome-view-content a.monaco-button', { hasText: 'Sign in with GitHub' }).first().waitFor({ timeout: 60_000 });
    ok = true;
  } catch (e) {
    console.error(e);
    ok = false;
  } finally {
    await browser.close();
    await server.stop();
    rmSync(scratch, { recursive: true, force: true });
  }
  console.log(ok ? 'vsix: installed with --install-extension and activated in code-server' : 'vsix: FAILED');
  console.log(`vsix: ${ok ? 1 : 0} passed, ${ok ? 0 : 1} failed`);
  process.exit(ok ? 0 : 1);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
