import * as assert from 'node:assert';
import * as vscode from 'vscode';
import { driver } from './driver';
import { clickRow, rowsUnder, setExpanded, signedInSession, treeRows, waitForRow, waitUntil } from './helpers';

describe('The filter, typed and visible', function () {
  signedInSession('small');

  before(function () {
    if (!driver.available) this.skip();
  });

  after(async () => {
    await vscode.commands.executeCommand('githubPackages.filter', {});
  });

  it('typing a name in the filter picker and pressing Enter filters; the filter shows as the first row and one click clears it, keeping what was expanded', async () => {
    await waitForRow('mona', { level: 1 });
    await setExpanded('Containers', 2);
    await setExpanded('npm', 2);
    await waitForRow('hello', { level: 3 });
    await setExpanded('hello', 3);
    await waitForRow('1.1.0', { level: 4 });

    void vscode.commands.executeCommand('githubPackages.filter');
    await driver.waitFor('.quick-input-widget .quick-input-box input');
    await driver.type('hello');
    await driver.waitFor('.quick-input-widget .monaco-list-row', { text: 'Name contains “hello”' });
    await driver.press('Enter');

    let rows = await waitForRow('Filter: “hello”', { level: 1 });
    // The list reuses row elements, so DOM order is not screen order: the row is checked, not its position.
    assert.strictEqual(rows.find((r) => r.label === 'Filter: “hello”')!.description, 'click to clear');
    await waitForRow('Containers', { level: 2, gone: true });
    rows = await treeRows();
    assert.deepStrictEqual(
      rowsUnder(rows, 'hello', 3).map((r) => r.label),
      ['1.1.0', '1.0.0'],
      'the expanded package stays expanded',
    );
    await driver.screenshot('tree-filter-row');

    await clickRow('Filter: “hello”', 1);
    await waitForRow('Filter: “hello”', { level: 1, gone: true });
    await waitUntil(
      async () => (await treeRows()).some((r) => r.label === 'Containers' && r.level === 2 && r.expanded === true),
      'Containers to come back expanded',
    );
    rows = await treeRows();
    assert.ok(
      rowsUnder(rows, 'hello', 3).some((r) => r.label === '1.1.0'),
      'hello is still expanded after clearing',
    );
  });
});
