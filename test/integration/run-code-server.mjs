// Runs the integration suite inside a real VS Code (code-server 4.100.3) driven by headless Chromium.
// The workbench runs the suite because the page URL carries an extension-development payload; the suite
// reports back through the small HTTP "driver" below, which also takes screenshots and reads the DOM.
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureCodeServer, launchChromium, prepareUserData, root, startCodeServer } from '../../scripts/code-server.mjs';
import { buildIntegrationSuite } from './build.mjs';

const TIMEOUT_MS = Number(process.env.GP_TEST_TIMEOUT_MS || 15 * 60_000);
const artifacts = join(root, '.artifacts');
const screenshots = join(artifacts, 'screenshots');

async function main() {
  ensureCodeServer();
  const { execFileSync } = await import('node:child_process');
  execFileSync(process.execPath, [join(root, 'esbuild.js')], { cwd: root, stdio: 'inherit' });
  const { suitePath } = await buildIntegrationSuite();

  const scratch = mkdtempSync(join(tmpdir(), 'gp-it-'));
  const workspace = join(scratch, 'workspace');
  cpSync(join(root, 'test/fixtures/workspace'), workspace, { recursive: true });
  const userDataDir = join(scratch, 'user-data');
  // A clean-up rule bound to a key as README shows it; 'Clean up by retention rule' presses it.
  const cleanupKey = {
    key: 'ctrl+alt+k',
    command: 'githubPackages.cleanup',
    args: { owner: 'mona', packageType: 'container', packages: 'hello-*', untaggedOnly: true, olderThanDays: 7, dryRun: true },
  };
  prepareUserData(userDataDir, { 'workbench.colorTheme': 'Default Light Modern' }, [cleanupKey]);
  mkdirSync(screenshots, { recursive: true });

  let page;
  let exitCode;
  let resolveExit;
  const exited = new Promise((resolve) => (resolveExit = resolve));
  const driverServer = createServer(async (req, res) => {
    let body = '';
    for await (const chunk of req) body += chunk;
    try {
      const input = body ? JSON.parse(body) : {};
      const result = await handle(req.url.slice(1), input);
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(result === undefined ? '' : JSON.stringify(result));
    } catch (e) {
      res.writeHead(500);
      res.end(String(e?.stack || e));
    }
  });
  async function handle(action, input) {
    switch (action) {
      case 'log':
        process.stdout.write(input.line + '\n');
        return;
      case 'screenshot': {
        const path = join(screenshots, `${input.name.replace(/[^\w.-]/g, '_')}.png`);
        await page.screenshot({ path });
        return { path };
      }
      case 'query':
        return readElements(page, input.selector, input.attrs);
      case 'treeRows':
        return page.$$eval(`${input.container} .monaco-list-row`, (rows) =>
          rows.map((row) => {
            const icon = row.querySelector('.custom-view-tree-node-item-icon');
            const style = icon ? window.getComputedStyle(icon) : undefined;
            return {
              level: Number(row.getAttribute('aria-level')),
              expanded: row.hasAttribute('aria-expanded') ? row.getAttribute('aria-expanded') === 'true' : undefined,
              selected: row.getAttribute('aria-selected') === 'true',
              label: row.querySelector('.label-name')?.textContent?.trim() ?? '',
              description: row.querySelector('.label-description')?.textContent?.trim() ?? '',
              icon: icon
                ? style.backgroundImage && style.backgroundImage !== 'none'
                  ? 'image'
                  : ([...icon.classList].find((c) => c.startsWith('codicon-')) ?? 'none')
                : 'none',
              actions: [...row.querySelectorAll('.actions .action-label')].map((a) => a.getAttribute('aria-label') ?? ''),
            };
          }),
        );
      case 'frameQuery': {
        // Webviews render in nested iframes; look in every frame of the page.
        const found = [];
        for (const frame of page.frames()) {
          found.push(...(await readElements(frame, input.selector, input.attrs).catch(() => [])));
        }
        return found;
      }
      case 'axe': {
        // axe-core runs inside the webview frame that holds `selector`; evaluated over CDP, so the page's CSP stays on.
        const frame = await frameWith(input.selector);
        await frame.evaluate(readFileSync(axeCorePath(), 'utf8'));
        return frame.evaluate(async () => {
          const results = await window.axe.run(document, { resultTypes: ['violations'] });
          return results.violations.map((v) => ({
            id: v.id,
            impact: v.impact,
            help: v.help,
            targets: v.nodes.map((n) => n.target.join(' ')),
          }));
        });
      }
      case 'frameStyle': {
        const frame = await frameWith(input.selector);
        return frame.$eval(
          input.selector,
          (el, props) => Object.fromEntries(props.map((p) => [p, window.getComputedStyle(el).getPropertyValue(p)])),
          input.props,
        );
      }
      case 'frameClick': {
        for (const frame of page.frames()) {
          const locator = input.text ? frame.locator(input.selector, { hasText: input.text }) : frame.locator(input.selector);
          if ((await locator.count().catch(() => 0)) > 0) {
            await locator.first().click({ timeout: 10_000 });
            return;
          }
        }
        throw new Error(`no frame has ${input.selector}${input.text ? ` with text ${input.text}` : ''}`);
      }
      case 'click': {
        // `label`: only rows whose `.label-name` is exactly this text (matched when clicked, not beforehand).
        const exact = input.label === undefined ? undefined : new RegExp(`^${input.label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
        const scoped = exact
          ? page.locator(input.selector, { has: page.locator('.label-name', { hasText: exact }) })
          : page.locator(input.selector);
        const locator = scoped.nth(input.nth ?? 0);
        await locator.click({ button: input.button ?? 'left', modifiers: input.modifiers, timeout: 10_000 });
        // A pointer left resting on a row opens its tooltip, which would cover the rows later tests click.
        await page.mouse.move(1200, 400);
        return;
      }
      case 'press':
        await page.keyboard.press(input.key);
        return;
      case 'type':
        await page.keyboard.type(input.text);
        return;
      case 'waitFor': {
        const timeout = input.timeout ?? 15_000;
        const locator = input.text ? page.locator(input.selector, { hasText: input.text }) : page.locator(input.selector);
        await locator.first().waitFor({ state: input.gone ? 'detached' : 'visible', timeout });
        return handle('query', { selector: input.selector, attrs: [] });
      }
      default:
        throw new Error(`unknown driver action ${action}`);
    }
  }
  async function frameWith(selector) {
    for (const frame of page.frames())
      if (
        (await frame
          .locator(selector)
          .count()
          .catch(() => 0)) > 0
      )
        return frame;
    throw new Error(`no frame has ${selector}`);
  }
  await new Promise((r) => driverServer.listen(0, '127.0.0.1', r));
  const driverUrl = `http://127.0.0.1:${driverServer.address().port}`;

  const server = await startCodeServer({
    userDataDir,
    extensionsDir: join(scratch, 'extensions'),
    env: { GP_TEST_DRIVER: driverUrl, GITHUB_PACKAGES_TOKEN: '', GP_TEST_GREP: process.env.GP_TEST_GREP ?? '' },
  });
  const authority = `127.0.0.1:${server.port}`;
  const payload = [
    ['extensionDevelopmentPath', `vscode-remote://${authority}${root}`],
    ['extensionTestsPath', `vscode-remote://${authority}${suitePath.replace(/\.js$/, '')}`],
  ];
  const url = `${server.url}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;

  const browser = await launchChromium(['--disable-quic', '--no-first-run', '--disable-sync']);
  const timer = setTimeout(() => {
    console.error(`integration: no result after ${TIMEOUT_MS / 1000}s; giving up`);
    resolveExit(2);
  }, TIMEOUT_MS);
  try {
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    page = await context.newPage();
    await page.exposeFunction('codeAutomationLog', (type, args) => {
      if (process.env.GP_TEST_VERBOSE) console.log(`[workbench ${type}]`, ...(Array.isArray(args) ? args : [args]));
    });
    await page.exposeFunction('codeAutomationExit', (code) => resolveExit(code));
    page.on('pageerror', (e) => process.env.GP_TEST_VERBOSE && console.error('[page error]', e.message));
    console.log(`integration: VS Code ${authority} (code-server), Chromium ${browser.version()}`);
    await page.goto(url);
    exitCode = await exited;
  } finally {
    clearTimeout(timer);
    await browser.close().catch(() => undefined);
    await server.stop();
    driverServer.close();
    if (exitCode !== 0) console.error(server.output().split('\n').slice(-40).join('\n'));
    rmSync(scratch, { recursive: true, force: true });
  }
  console.log(`integration: ${exitCode === 0 ? 'passed' : 'FAILED'} (exit ${exitCode}); screenshots in ${screenshots}`);
  process.exit(exitCode === 0 ? 0 : 1);
}

/** The text and the named attributes of every element matching `selector` in a page or frame. */
function readElements(pageOrFrame, selector, attrs) {
  return pageOrFrame.$$eval(
    selector,
    (els, names) =>
      els.map((el) => ({
        text: el.innerText ?? el.textContent ?? '',
        attrs: Object.fromEntries(names.map((a) => [a, el.getAttribute(a)])),
      })),
    attrs ?? [],
  );
}

/** axe-core, a dev dependency; resolved like any package (NODE_PATH included). */
function axeCorePath() {
  try {
    return createRequire(import.meta.url).resolve('axe-core/axe.min.js');
  } catch {
    throw new Error('axe-core is not installed: run `npm install` (it is a devDependency) to run the accessibility checks');
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
