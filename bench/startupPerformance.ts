/** VS Code's own activation figures for one extension, read from its Startup Performance page. */
import type { Page } from 'playwright-core';

/** VS Code's split of the activation time (Developer: Startup Performance, "Extension Activation Stats"), in ms. */
export interface ActivationSplit {
  /** Loading the extension's main module (require/import of the bundle). */
  codeLoading: number;
  /** The activate() call, until it returned. */
  activateCall: number;
  /** From activate() returning until its promise settled (0 for a synchronous activate). */
  activateResolved: number;
}

/** Opens "Developer: Startup Performance" and reads this extension's row of its activation table. */
export async function activationSplit(page: Page, extensionId: string): Promise<ActivationSplit | undefined> {
  await page.keyboard.press('F1');
  await page.locator('.quick-input-widget input').waitFor({ state: 'visible' });
  await page.keyboard.type('Startup Performance');
  await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Startup Performance' }).first().waitFor();
  await page.keyboard.press('Enter');
  const editor = page.locator('.editor-group-container.active .monaco-editor').first();
  await editor.locator('.view-line').first().waitFor({ timeout: 30_000 });
  const row = new RegExp(
    `\\|\\s*${extensionId.replace(/\./g, '\\.')}\\s*\\|\\s*(?:true|false)\\s*\\|\\s*(-?\\d+)\\s*\\|\\s*(-?\\d+)\\s*\\|\\s*(-?\\d+)`,
  );
  const box = await editor.boundingBox();
  if (box) await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  let found: RegExpExecArray | null = null;
  for (let attempt = 0; attempt < 50 && !found; attempt++) {
    const lines = await editor.locator('.view-line').allTextContents();
    found = lines.map((line) => row.exec(line.replace(/\u00a0/g, ' '))).find(Boolean) ?? null;
    // Monaco draws only the lines on screen: scroll down to the activation table.
    if (!found) await page.mouse.wheel(0, 300);
    if (!found) await page.waitForTimeout(50);
  }
  await page.keyboard.press('Control+W');
  if (!found) return undefined;
  return { codeLoading: Number(found[1]), activateCall: Number(found[2]), activateResolved: Number(found[3]) };
}
