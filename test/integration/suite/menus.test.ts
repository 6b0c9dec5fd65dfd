import * as assert from 'node:assert';
import * as vscode from 'vscode';
import { driver } from './driver';
import { extensionApi } from './helpers';

const EXPLORER_ROW = '.explorer-folders-view .monaco-list-row';
const MANIFEST_COMMANDS = ['Publish Package', 'Install Package into Project', 'Configure Registry for Project'];

/** The items of the Explorer's context menu on a file of the workspace folder. */
async function explorerMenuOf(fileName: string): Promise<string[]> {
  const uri = vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0].uri, fileName);
  await vscode.commands.executeCommand('revealInExplorer', uri);
  await driver.waitFor(`${EXPLORER_ROW} .label-name`, { text: fileName });
  await driver.click(EXPLORER_ROW, { button: 'right', label: fileName });
  // A built-in entry every file has: once it is there, the menu is complete.
  const items = await driver.waitFor('.context-view .action-label', { text: 'Copy Relative Path' });
  await driver.press('Escape');
  await driver.waitFor('.context-view .action-label', { gone: true });
  return items.map((item) => item.text.trim()).filter(Boolean);
}

describe('Manifest menus in the Explorer', function () {
  before(async function () {
    if (!driver.available) this.skip();
    await vscode.commands.executeCommand('workbench.view.extension.githubPackages');
    await extensionApi();
    await vscode.commands.executeCommand('workbench.view.explorer');
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.view.extension.githubPackages');
  });

  it('offers Publish, Install and Configure Registry on package.json and on a Dockerfile', async () => {
    for (const file of ['package.json', 'Dockerfile']) {
      const items = await explorerMenuOf(file);
      for (const command of MANIFEST_COMMANDS) assert.ok(items.includes(command), `${file}: ${command} in ${items.join(', ')}`);
    }
  });

  it('offers none of them on a file that is not a manifest', async () => {
    const notes = vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0].uri, 'notes.txt');
    await vscode.workspace.fs.writeFile(notes, new TextEncoder().encode('not a manifest\n'));
    try {
      const items = await explorerMenuOf('notes.txt');
      for (const command of MANIFEST_COMMANDS) assert.ok(!items.includes(command), `notes.txt: ${command} in ${items.join(', ')}`);
    } finally {
      await vscode.workspace.fs.delete(notes);
    }
  });
});
