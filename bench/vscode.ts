/**
 * `npm run bench:vscode`: what a user of the extension feels, measured inside a real VS Code (code-server driven by
 * headless Chromium) against the local GitHub stand-in with added latency. Prints figures; passes or fails nothing.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Page } from 'playwright-core';
import { start, type RequestLogEntry } from '../test/github-local';
import { PACKAGE_TYPES } from '../src/github/types';
import { seedBenchOwner } from './benchOwner';
import { idealRounds, roundTrip } from './rounds';
import { activationSplit, type ActivationSplit } from './startupPerformance';
import { activationTime, clickRow, extensionHostMemory, INSTRUMENT, marks, VIEW, whenRow } from '../test/integration/workbench';

const LATENCY_MS = Number(process.env.GP_BENCH_LATENCY_MS || 150);
const DISPLAY_NAME = 'GitHub Packages';
/** Running Extensions names an extension loaded from a development path by its id. */
const EXTENSION_ID = 'github-packages-vscode.github-packages';

interface Figure {
  what: string;
  ms?: number;
  rtt?: number;
  bound?: string;
  note?: string;
}

async function main(): Promise<void> {
  const { ensureCodeServer, launchChromium, prepareUserData, root, startCodeServer } = await import('../scripts/code-server.mjs');
  ensureCodeServer();
  execFileSync(process.execPath, [join(root, 'esbuild.js'), '--production'], { cwd: root, stdio: 'inherit' });
  const figures: Figure[] = [];
  const loaded = loadedAtActivation(join(root, 'dist/extension.js'));
  const total = statSync(join(root, 'dist/extension.js')).size + folderSize(join(root, 'dist/chunks'), (name) => name.endsWith('.js'));
  figures.push({
    what: 'bundle dist/extension.js + chunks',
    note: `${kib(total)} in all; ${kib(loaded.bytes)} in the ${plural(loaded.files, 'file')} activation loads`,
  });
  figures.push({ what: 'bundle dist/webview/', note: kib(folderSize(join(root, 'dist/webview'), (name) => !name.endsWith('.map'))) });

  const gh = await start({ seed: 'small' });
  const bench = seedBenchOwner(gh);
  const scratch = mkdtempSync(join(tmpdir(), 'gp-bench-'));
  const workspace = join(scratch, 'workspace');
  mkdirSync(workspace);
  const userDataDir = join(scratch, 'user-data');
  prepareUserData(userDataDir, { 'githubPackages.apiUrl': gh.url, 'workbench.colorTheme': 'Default Dark Modern' });
  const server = await startCodeServer({
    userDataDir,
    extensionsDir: join(scratch, 'extensions'),
    env: { GITHUB_PACKAGES_TOKEN: bench.token },
  });
  let page: Page | undefined;
  const browser = await launchChromium();
  try {
    page = await (await browser.newContext({ viewport: { width: 1400, height: 1000 } })).newPage();
    await page.addInitScript({ content: INSTRUMENT });
    let firstRowAt = 0;
    await page.exposeFunction('gpFirstRow', () => (firstRowAt = Date.now()));
    const payload = [['extensionDevelopmentPath', `vscode-remote://127.0.0.1:${server.port}${root}`]];
    await page.goto(`${server.url}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`);
    const activityItem = page.locator(`.activitybar [aria-label^="${DISPLAY_NAME}"]`).first();
    await activityItem.waitFor({ timeout: 120_000 });
    await page.waitForTimeout(3000);
    const hostBefore = server.pid ? extensionHostMemory(server.pid) : undefined;

    gh.setLatency(LATENCY_MS);
    const rtt = await roundTrip({ url: gh.url, token: bench.token });
    const firstPages = PACKAGE_TYPES.map((type) => `/user/packages?package_type=${type}&per_page=100`);
    const bound = await idealRounds({ url: gh.url, token: bench.token }, ['/user', '/user/orgs?per_page=100', ...firstPages]);
    const boundNote = `2 × RTT = ${(2 * rtt).toFixed(0)} ms; ideal client ${bound.toFixed(0)} ms`;

    // Cold: nothing cached; opening the view activates the extension.
    gh.requestLog.length = 0;
    await activityItem.click();
    const coldRow = await whenRow(page, { level: 1, label: bench.owner });
    const coldDone = await whenRow(page, { level: 1, label: bench.owner, description: /1,000 packages$/ });
    const cold = await marks(page);
    figures.push({ what: 'cold: view opened → first row (the owner)', ms: coldRow - cold.view, rtt });
    figures.push({ what: 'cold: view opened → 1,000 packages listed', ms: coldDone - cold.view, rtt, bound: boundNote });

    // A package published meanwhile: the count it adds tells when the refreshed listing is on screen.
    gh.state.addVersions(gh.state.addPackage({ owner: bench.owner, type: 'npm', name: 'zz-published-meanwhile' }), 1);
    const refreshLogged = gh.requestLog.length;
    await page.locator(`.part.sidebar [aria-label="Refresh"]`).first().click();
    const clicked = (await marks(page)).input;
    const refreshed = await whenRow(page, { level: 1, label: bench.owner, description: /1,001 packages$/ });
    figures.push({
      what: 'Refresh → 1,001 packages listed',
      ms: refreshed - clicked,
      rtt,
      bound: `${boundNote}; ratio ${((refreshed - clicked) / bound).toFixed(2)}×`,
    });
    figures.push(...refreshTimeline(gh.requestLog.slice(refreshLogged), (await pageClock(page)) + clicked, refreshed - clicked));

    await clickRow(page, 'npm', 2);
    await whenRow(page, { level: 3, label: bench.bigPackage });
    await clickRow(page, bench.bigPackage, 3);
    const expandClick = (await marks(page)).input;
    const expanded = await whenRow(page, { level: 4, label: /^1\.0\.\d+$/ });
    figures.push({
      what: `expand ${bench.bigPackage} (2,000 versions) → first version`,
      ms: expanded - expandClick,
      rtt,
      bound: `2 × RTT = ${(2 * rtt).toFixed(0)} ms`,
    });
    const scrolled = await scrollToEnd(page);
    figures.push({ what: '… scroll to the end of its rows', ms: scrolled.ms, note: scrolled.last });

    const activation = await activationTime(page, EXTENSION_ID);
    figures.push({ what: 'activation (VS Code: code loading + activate())', ms: activation.ms, note: 'cold start' });
    figures.push(...splitFigures(await activationSplit(page, EXTENSION_ID)));
    await page.waitForTimeout(1500);
    const hostAfter = server.pid ? extensionHostMemory(server.pid) : undefined;
    figures.push({
      what: 'extension host memory (RSS)',
      note: `${mib(hostAfter)} after all of the above (${mib(hostBefore)} before the view opened)`,
    });

    // Warm: the same window reloaded; the listing and the expanded package's versions come from the cache.
    await page.waitForTimeout(1500);
    const requestsBefore = gh.requestLog.length;
    firstRowAt = 0;
    if (process.env.GP_BENCH_WARM_LATENCY_MS) gh.setLatency(Number(process.env.GP_BENCH_WARM_LATENCY_MS));
    await page.reload();
    const warmRow = await whenRow(page, { level: 1, label: bench.owner });
    const warm = await marks(page);
    const activatedAt = activationStarts(userDataDir).at(-1);
    const after = gh.requestLog.slice(requestsBefore);
    const answered = after.filter((entry) => entry.end > 0 && entry.end <= firstRowAt).length;
    const firstRequest = after[0]?.start;
    const sinceRequest = firstRequest === undefined ? 'no request yet' : `${firstRowAt - firstRequest} ms after its first request`;
    figures.push({
      what: 'warm (after reload): view opened → first row',
      ms: warmRow - warm.view,
      rtt,
      note: `VS Code restarts its extension host meanwhile; ${listedHost(userDataDir)}`,
    });
    if (activatedAt !== undefined) {
      figures.push({
        what: '… activation started → first row',
        ms: firstRowAt - activatedAt,
        rtt,
        note: `${plural(answered, 'answer')} from GitHub by then; ${sinceRequest}`,
      });
    }
    await clickRow(page, 'npm', 2);
    await whenRow(page, { level: 3, label: bench.bigPackage });
    const versionRequests = gh.requestLog.length;
    await clickRow(page, bench.bigPackage, 3);
    const click = (await marks(page)).input;
    const warmExpanded = await whenRow(page, { level: 4, label: /^1\.0\.\d+$/ });
    const shownAt = Date.now();
    const versionAnswers = gh.requestLog.slice(versionRequests).filter((entry) => entry.end > 0 && entry.end <= shownAt).length;
    figures.push({
      what: `warm: expand ${bench.bigPackage} → first version`,
      ms: warmExpanded - click,
      rtt,
      note: `${plural(versionAnswers, 'answer')} from GitHub by then`,
    });
    await whenRow(page, { level: 1, label: bench.owner, description: /1,001 packages$/ });
    const warmActivation = await activationTime(page, EXTENSION_ID);
    figures.push({ what: 'activation (VS Code: code loading + activate())', ms: warmActivation.ms, note: 'after reload, with the cache' });
    figures.push(...splitFigures(await activationSplit(page, EXTENSION_ID)));
  } catch (error) {
    await page?.screenshot({ path: join(root, '.artifacts', 'bench-vscode-failure.png') });
    print(figures, root);
    // What the extension itself logged (which host it asked, and what failed) is the first thing to read.
    for (const log of extensionLogs(userDataDir)) console.error(`\n--- ${log.path} (last lines)\n${log.tail}`);
    throw error;
  } finally {
    await browser.close().catch(() => undefined);
    await server.stop();
    await gh.stop();
    rmSync(scratch, { recursive: true, force: true });
  }
  print(figures, root);
}

/** The page's clock origin (epoch ms), to set the stand-in's request log against times read in the page. */
function pageClock(page: Page): Promise<number> {
  return page.evaluate(() => performance.timeOrigin);
}

/** Where a Refresh's time went: the click to the first request, GitHub's answers, the last answer to the row drawn. */
function refreshTimeline(log: readonly RequestLogEntry[], clickedAt: number, shownAfter: number): Figure[] {
  const answered = log.filter((entry) => entry.end > 0);
  if (answered.length === 0) return [];
  const first = Math.min(...answered.map((entry) => entry.start)) - clickedAt;
  const last = Math.max(...answered.map((entry) => entry.end)) - clickedAt;
  return [
    { what: '… click → first request reaches GitHub', ms: first, note: `${plural(answered.length, 'request')}` },
    { what: '… click → last answer sent', ms: last },
    { what: '… last answer → row drawn', ms: shownAfter - last, note: 'the extension and VS Code after the data arrived' },
  ];
}

/** The two parts of VS Code's activation time, as rows under it. */
function splitFigures(split: ActivationSplit | undefined): Figure[] {
  if (!split) return [{ what: '… code loading / activate()', note: 'Startup Performance page not read' }];
  return [
    { what: '… loading the bundle (VS Code: Load Code)', ms: split.codeLoading },
    {
      what: '… activate() (VS Code: Call Activate)',
      ms: split.activateCall,
      note: `its promise settled ${split.activateResolved} ms later`,
    },
  ];
}

/** Wall-clock times at which the extension host began activating this extension, from VS Code's own log. */
/** Every log file code-server wrote under the user data folder whose name matches `name`, oldest first. */
function logFiles(userDataDir: string, name: RegExp): string[] {
  const found: string[] = [];
  const visit = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) visit(path);
      else if (name.test(entry.name)) found.push(path);
    }
  };
  if (existsSync(join(userDataDir, 'logs'))) visit(join(userDataDir, 'logs'));
  return found.sort((a, b) => statSync(a).mtimeMs - statSync(b).mtimeMs);
}

/** The tail of every log the extension's output channel wrote, in every window the run opened. */
function extensionLogs(userDataDir: string): { path: string; tail: string }[] {
  return logFiles(userDataDir, new RegExp(`${DISPLAY_NAME}\\.log$`)).map((path) => ({
    path,
    tail: readFileSync(path, 'utf8').split('\n').slice(-30).join('\n'),
  }));
}

/** The host the last activation listed packages on, from the extension's own log: the stand-in, or a wrong setting. */
function listedHost(userDataDir: string): string {
  const lines = extensionLogs(userDataDir).flatMap((log) => log.tail.split('\n'));
  const host = lines
    .map((line) => /Listing packages on (\S+)/.exec(line)?.[1])
    .filter(Boolean)
    .at(-1);
  return host ? `it listed ${host.replace(/\.$/, '')}` : 'no log of its listing found';
}

function activationStarts(userDataDir: string): number[] {
  const starts: number[] = [];
  for (const path of logFiles(userDataDir, /exthost.*\.log$/)) {
    for (const line of readFileSync(path, 'utf8').split('\n')) {
      const found = /^(\d{4}-\d\d-\d\d) (\d\d:\d\d:\d\d\.\d{3}).*_doActivateExtension github-packages-vscode\.github-packages\b/.exec(line);
      if (found) starts.push(new Date(`${found[1]}T${found[2]}`).getTime());
    }
  }
  return starts.sort((a, b) => a - b);
}

/** Scrolls the tree with the mouse wheel until the expanded package's last row is drawn. */
async function scrollToEnd(page: Page): Promise<{ ms: number; last: string }> {
  const box = await page.locator(`${VIEW} .monaco-list`).first().boundingBox();
  if (box) await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  const started = await page.evaluate(() => performance.now());
  for (let step = 0; step < 200; step++) {
    const last = await page.$$eval(`${VIEW} .monaco-list-row[aria-level="4"] .label-name`, (labels) =>
      labels.map((l) => l.textContent ?? ''),
    );
    const end = last.find((label) => label.startsWith('Load more')) ?? (last.includes('1.0.1') ? '1.0.1' : undefined);
    if (end) return { ms: (await page.evaluate(() => performance.now())) - started, last: `last row: “${end}”` };
    await page.mouse.wheel(0, 600);
    await page.waitForTimeout(16);
  }
  return { ms: NaN, last: 'end not reached' };
}

function print(figures: Figure[], root: string): void {
  const lines = figures.map((f) => [
    f.what,
    f.ms === undefined ? '' : f.ms.toFixed(0),
    f.ms !== undefined && f.rtt ? `${(f.ms / f.rtt).toFixed(2)}×` : '',
    [f.bound, f.note].filter(Boolean).join('; '),
  ]);
  const header = ['measure', 'ms', '× RTT', 'bound / note'];
  const widths = header.map((title, column) => Math.max(title.length, ...lines.map((line) => line[column].length)));
  const format = (cells: string[]) =>
    cells
      .map((cell, column) => cell.padEnd(widths[column]))
      .join('  ')
      .trimEnd();
  const load = loadavg()
    .map((n) => n.toFixed(1))
    .join(' ');
  console.log(
    `\nInside code-server (VS Code ${readVsCodeVersion(root)}), stand-in latency ${LATENCY_MS} ms, RTT measured with bare fetch;`,
  );
  console.log(`${cpus().length} cores, load average ${load} at the end (figures stretch with load).`);
  console.log(format(header));
  console.log(widths.map((width) => '-'.repeat(width)).join('  '));
  for (const line of lines) console.log(format(line));
}

function readVsCodeVersion(root: string): string {
  try {
    return (require(join(root, '.vscode-test/code-server/node_modules/code-server/lib/vscode/package.json')) as { version: string })
      .version;
  } catch {
    return '?';
  }
}

/** The entry file and the chunks it requires at once (not those behind a dynamic import, which load when first used). */
function loadedAtActivation(entry: string): { files: number; bytes: number } {
  const seen = new Set<string>();
  const visit = (file: string): void => {
    if (seen.has(file)) return;
    seen.add(file);
    const code = readFileSync(file, 'utf8');
    for (const found of code.matchAll(/require\("(\.\.?\/[^"]+)"\)/g)) {
      // esbuild writes a dynamic import() in CommonJS as `Promise.resolve().then(() => __toESM(require("…")))`.
      if (/then\(\(\)\s*=>\s*[\w$]*\($/.test(code.slice(Math.max(0, found.index - 20), found.index))) continue;
      visit(join(dirname(file), found[1]));
    }
  };
  visit(entry);
  return { files: seen.size, bytes: [...seen].reduce((sum, file) => sum + statSync(file).size, 0) };
}

function folderSize(dir: string, include: (name: string) => boolean): number {
  return readdirSync(dir, { withFileTypes: true }).reduce((sum, entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sum + folderSize(path, include);
    return include(entry.name) ? sum + statSync(path).size : sum;
  }, 0);
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;
const kib = (bytes: number): string => `${(bytes / 1024).toFixed(0)} KiB`;
const mib = (bytes: number | undefined): string => (bytes === undefined ? '?' : `${(bytes / 2 ** 20).toFixed(0)} MiB`);

void main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
