/** Reading the workbench from outside (Playwright): marks taken inside the page, rows as a person sees them. */
import { readdirSync, readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';

export const VIEW = '[id="workbench.view.extension.githubPackages"]';

/**
 * Runs in the page before the workbench loads: records (page clock) when the Packages view first appears, when its
 * first row is drawn, and the last click or key press, so a time is read where it happens rather than polled.
 * Plain text, not a function: tsx would wrap a function's inner helpers in names the page does not define.
 */
export const INSTRUMENT = `(() => {
  const marks = (window.gpMarks = {});
  const input = () => (marks.input = performance.now());
  document.addEventListener('mousedown', input, true);
  document.addEventListener('keydown', input, true);
  new MutationObserver(() => {
    const pane = document.querySelector(${JSON.stringify(VIEW)});
    if (!pane) return;
    marks.view ??= performance.now();
    if (marks.row === undefined && pane.querySelector('.monaco-list-row .label-name')?.textContent) {
      marks.row = performance.now();
      window.gpFirstRow?.();
    }
  }).observe(document, { subtree: true, childList: true });
})();`;

export interface Row {
  level: number;
  label: string;
  description: string;
}

export function marks(page: Page): Promise<Record<string, number>> {
  return page.evaluate(() => ({ ...(window as unknown as { gpMarks: Record<string, number> }).gpMarks }));
}

/** Page time (ms since navigation) at which a row matching the condition was first seen; polled every frame. */
export async function whenRow(
  page: Page,
  match: { level?: number; label?: string | RegExp; description?: RegExp },
  timeout = 120_000,
): Promise<number> {
  const spec = {
    view: VIEW,
    level: match.level,
    label: typeof match.label === 'string' ? `^${match.label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$` : match.label?.source,
    description: match.description?.source,
  };
  const handle = await page.waitForFunction(
    (s) => {
      for (const row of Array.from(document.querySelectorAll(`${s.view} .monaco-list-row`))) {
        if (s.level !== undefined && Number(row.getAttribute('aria-level')) !== s.level) continue;
        if (s.label && !new RegExp(s.label).test(row.querySelector('.label-name')?.textContent?.trim() ?? '')) continue;
        if (s.description && !new RegExp(s.description).test(row.querySelector('.label-description')?.textContent?.trim() ?? '')) continue;
        return performance.now();
      }
      return false;
    },
    spec,
    { polling: 'raf', timeout },
  );
  return (await handle.jsonValue()) as number;
}

export function rows(page: Page): Promise<Row[]> {
  return page.$$eval(`${VIEW} .monaco-list-row`, (elements) =>
    elements.map((row) => ({
      level: Number(row.getAttribute('aria-level')),
      label: row.querySelector('.label-name')?.textContent?.trim() ?? '',
      description: row.querySelector('.label-description')?.textContent?.trim() ?? '',
    })),
  );
}

export async function clickRow(page: Page, label: string, level: number): Promise<void> {
  const exact = new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
  await page
    .locator(`${VIEW} .monaco-list-row[aria-level="${level}"]`, { has: page.locator('.label-name', { hasText: exact }) })
    .first()
    .click();
}

/** "Developer: Show Running Extensions": VS Code's own activation time of the extension (code loading + activate()). */
export async function activationTime(page: Page, displayName: string): Promise<{ ms: number; text: string }> {
  await page.keyboard.press('F1');
  await page.locator('.quick-input-widget input').waitFor({ state: 'visible' });
  await page.keyboard.type('Show Running Extensions');
  await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Show Running Extensions' }).first().waitFor();
  await page.keyboard.press('Enter');
  const row = page.locator('.runtime-extensions-editor .monaco-list-row', { hasText: displayName }).first();
  await row.waitFor({ timeout: 30_000 });
  const text = (await row.innerText()).replace(/\s+/g, ' ');
  const found = /Activation: (\d+)\s*ms/.exec(text);
  await page.keyboard.press('Control+W');
  return { ms: found ? Number(found[1]) : NaN, text };
}

/** Resident memory of the extension host that code-server (process `rootPid`) started, in bytes. */
export function extensionHostMemory(rootPid: number): number | undefined {
  const parents = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      parents.set(Number(entry), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      // The process ended while the list was read.
    }
  }
  const descends = (pid: number): boolean => {
    for (let p: number | undefined = pid; p && p > 1; p = parents.get(p)) if (p === rootPid) return true;
    return false;
  };
  for (const pid of parents.keys()) {
    if (!descends(pid)) continue;
    try {
      if (!readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('extensionHost')) continue;
      const rss = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
      if (rss) return Number(rss[1]) * 1024;
    } catch {
      // gone meanwhile
    }
  }
  return undefined;
}
