import * as assert from 'node:assert';
import * as vscode from 'vscode';
import { driver } from './driver';

const EXTENSION_ID = 'github-packages-vscode.github-packages';

describe('extension foundation', () => {
  it('activates when its view opens and registers every contributed command', async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is installed`);
    await vscode.commands.executeCommand('workbench.view.extension.githubPackages');
    await waitUntil(() => extension.isActive, 'extension activated');
    const contributed = (extension.packageJSON.contributes.commands as { command: string }[]).map((c) => c.command);
    const registered = new Set(await vscode.commands.getCommands(true));
    assert.deepStrictEqual(
      contributed.filter((c) => !registered.has(c)),
      [],
    );
  });

  it('shows the Packages view with the signed-out welcome content', async function () {
    if (!driver.available) this.skip();
    await vscode.commands.executeCommand('workbench.view.extension.githubPackages');
    const buttons = await driver.waitFor('.welcome-view-content a.monaco-button', { text: 'Sign in with GitHub' });
    const labels = buttons.map((b) => b.text.trim());
    assert.ok(labels.includes('Sign in with GitHub'), labels.join(', '));
    assert.ok(labels.includes('Use a Personal Access Token'), labels.join(', '));
    const title = await driver.query('.pane-header .title', []);
    assert.ok(
      title.some((t) => /Packages/i.test(t.text)),
      'view titled Packages',
    );
    await driver.screenshot('foundation-signed-out');
  });
});

async function waitUntil(predicate: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
