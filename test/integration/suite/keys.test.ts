import * as assert from 'node:assert';
import * as vscode from 'vscode';
import { driver } from './driver';
import { clickRow, packageNodeOf, setExpanded, signedInSession, treeRows, VIEW, waitForRow, waitUntil } from './helpers';

/** Selects a row with the mouse and waits until VS Code shows it selected (the keys act on the selection). */
async function selectRow(label: string, level: number): Promise<void> {
  await clickRow(label, level);
  await vscode.commands.executeCommand('githubPackages.packages.focus');
  await waitUntil(
    async () => (await treeRows()).some((r) => r.label === label && r.level === level && r.selected),
    `${label} to be selected`,
  );
  // The selection reaches the keybinding's context through the extension host: give it that round trip.
  await new Promise((resolve) => setTimeout(resolve, 300));
}

/** Presses a key on the focused row; once more if nothing happened (the selection's context may still be on its way). */
async function pressUntil(key: string, happened: () => Promise<boolean>, what: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    await vscode.commands.executeCommand('githubPackages.packages.focus');
    await driver.press(key);
    try {
      await waitUntil(happened, what, 5000);
      return;
    } catch (e) {
      if (attempt === 3) {
        await driver.screenshot(`keys-${key}-nothing-happened`);
        throw e;
      }
    }
  }
}

describe('Keys and names on tree rows', function () {
  const session = signedInSession('small');

  before(async function () {
    if (!driver.available) this.skip();
    // Earlier suites leave rows expanded; start from owners only, so "npm" below is mona's.
    await vscode.commands.executeCommand('workbench.actions.treeView.githubPackages.packages.collapseAll');
    await waitForRow('mona', { level: 1 });
    await setExpanded('mona', 1);
    await setExpanded('npm', 2);
    await waitForRow('hello', { level: 3 });
    await setExpanded('hello', 3);
    await waitForRow('1.0.0', { level: 4 });
  });

  after(async () => {
    await vscode.workspace.getConfiguration('githubPackages').update('showDeleted', undefined, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.commands.executeCommand('notifications.clearAll');
  });

  it('Enter on a version row opens its package’s settings page', async () => {
    await selectRow('1.1.0', 4);
    await pressUntil(
      'Enter',
      async () => (await driver.frameQuery('#app h1')).some((h) => h.text === 'hello'),
      'the settings page of hello',
    );
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('Delete on a version row asks to delete that version, and deletes it', async () => {
    await vscode.commands.executeCommand('workbench.view.extension.githubPackages');
    await selectRow('1.0.0', 4);
    const asked = session.questions.length;
    await driver.press('Delete');
    await waitUntil(() => session.questions.length > asked, 'the delete confirmation');
    assert.match(session.questions.at(-1)!, /Delete 1 version of mona\/hello\?[\s\S]*1\.0\.0/);
    await waitForRow('1.0.0', { level: 4, gone: true });
  });

  it('announces the "Deleted versions" row with its count', async () => {
    await vscode.workspace.getConfiguration('githubPackages').update('showDeleted', true, vscode.ConfigurationTarget.Global);
    await waitForRow('Deleted versions', { level: 4, timeout: 30_000 });
    // 2.0.0-beta.1 (deleted 3 days ago) and 1.0.0 (deleted by the test above); 0.9.0 is past GitHub's 30 days.
    const rows = await driver.query(`${VIEW} .monaco-list-row`, ['aria-label']);
    const label = rows.map((r) => r.attrs['aria-label'] ?? '').find((l) => l.startsWith('Deleted versions'));
    assert.match(label ?? '', /^Deleted versions, 2 versions restorable for 30 days/);
  });

  it('names the Change Visibility notification’s button for where it goes: GitHub', async () => {
    void vscode.commands.executeCommand('githubPackages.setVisibility', await packageNodeOf('mona', 'container', 'app'));
    // The notification may arrive as a toast or straight into the notification center: read the center.
    await vscode.commands.executeCommand('notifications.showList');
    const buttons = await driver.waitFor('.notifications-center .notification-list-item .monaco-button', { text: 'on GitHub' });
    await vscode.commands.executeCommand('notifications.hideList');
    assert.ok(
      buttons.some((b) => b.text.trim() === 'Open Settings on GitHub'),
      buttons.map((b) => b.text).join(' | '),
    );
  });
});
