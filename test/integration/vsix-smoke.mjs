// Packages the extension as a .vsix, installs it into code-server with --install-extension (as a user would),
// opens the workbench in headless Chromium and checks that the Packages view appears and the extension activates.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  ensureCodeServer,
  installPackagedExtension,
  launchChromium,
  prepareUserData,
  root,
  startCodeServer,
} from '../../scripts/code-server.mjs';

async function main() {
  ensureCodeServer();
  const scratch = mkdtempSync(join(tmpdir(), 'gp-vsix-'));
  const extensionsDir = join(scratch, 'extensions');
  const userDataDir = join(scratch, 'user-data');
  installPackagedExtension({ extensionsDir, userDataDir });
  prepareUserData(userDataDir, {});
  const server = await startCodeServer({ userDataDir, extensionsDir, env: { GITHUB_PACKAGES_TOKEN: '' } });
  const browser = await launchChromium();
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
