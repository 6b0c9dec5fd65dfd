// `npm run demo`: the local GitHub stand-in with the demo seed, and code-server with the extension installed
// and a sample project open. With GITHUB_PACKAGES_TOKEN set, the real github.com account is shown instead.
import { randomBytes } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { start, type LocalGitHub } from '../test/github-local';

const args = new Set(process.argv.slice(2));
const portArg = process.argv.find((a) => a.startsWith('--port='));

async function main(): Promise<void> {
  const { ensureCodeServer, installPackagedExtension, prepareUserData, root, startCodeServer } = await import('./code-server.mjs');
  const realToken = process.env.GITHUB_PACKAGES_TOKEN?.trim();
  ensureCodeServer();

  const demoDir = join(root, '.vscode-test', 'demo');
  rmSync(demoDir, { recursive: true, force: true });
  const extensionsDir = join(demoDir, 'extensions');
  const userDataDir = join(demoDir, 'user-data');
  const workspace = join(demoDir, 'workspace');
  mkdirSync(demoDir, { recursive: true });
  cpSync(join(root, 'test/fixtures/workspace'), workspace, { recursive: true });
  console.log('demo: building, packaging and installing the extension…');
  installPackagedExtension({ extensionsDir, userDataDir });

  let github: LocalGitHub | undefined;
  let token = realToken;
  const settings: Record<string, unknown> = {
    'workbench.colorTheme': args.has('--light') ? 'Default Light Modern' : 'Default Dark Modern',
  };
  if (!realToken) {
    github = await start({ seed: 'demo', latency: { min: 20, max: 80 } });
    token = github.tokens.mona ?? Object.values(github.tokens)[0];
    settings['githubPackages.apiUrl'] = github.url;
  }
  prepareUserData(userDataDir, settings);
  const password = randomBytes(12).toString('base64url');
  const server = await startCodeServer({
    password,
    port: portArg ? Number(portArg.split('=')[1]) : undefined,
    userDataDir,
    extensionsDir,
    env: { GITHUB_PACKAGES_TOKEN: token ?? '' },
  });
  const url = `${server.url}/?folder=${encodeURIComponent(workspace)}`;

  console.log('');
  console.log(
    realToken
      ? 'demo: showing your real GitHub account (GITHUB_PACKAGES_TOKEN is set).'
      : `demo: local GitHub stand-in at ${github?.url} (demo seed; not GitHub).`,
  );
  console.log(`demo: open ${url}`);
  console.log(`demo: password ${password} (code-server asks for it; it changes at every start)`);
  console.log('demo: then click the GitHub Packages icon in the activity bar. Ctrl-C stops everything.');

  const stop = async (): Promise<void> => {
    await server.stop();
    await github?.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());

  if (args.has('--screenshot')) {
    await screenshot(url, root, password);
    await stop();
  }
}

/** `npm run demo -- --screenshot`: opens the view in headless Chromium and saves what a person would see. */
async function screenshot(url: string, root: string, password: string): Promise<void> {
  const { launchChromium } = await import('./code-server.mjs');
  const browser = await launchChromium();
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  await page.goto(url);
  await page.locator('input[type="password"]').fill(password);
  await page.keyboard.press('Enter');
  await page.locator('.activitybar [aria-label*="GitHub Packages"]').first().click({ timeout: 60_000 });
  await page.locator('.monaco-list-row[aria-level="1"]').first().waitFor({ timeout: 60_000 });
  await page.mouse.move(700, 450);
  await page.locator('.monaco-list-row[aria-level="2"]', { hasText: 'Containers' }).first().click();
  await page.locator('.monaco-list-row[aria-level="3"]', { hasText: 'hello-world' }).first().click();
  await page.waitForTimeout(3000);
  const dir = join(root, '.artifacts', 'screenshots');
  if (!existsSync(dir)) mkdirSync(dir, { recursive: true });
  const path = join(dir, 'demo.png');
  await page.screenshot({ path });
  console.log(`demo: screenshot saved to ${path}`);
  await browser.close();
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
