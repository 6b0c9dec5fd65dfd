import * as assert from 'node:assert';
import * as vscode from 'vscode';
import { driver } from './driver';
import { clickRow, packageNodeOf, rowsUnder, setExpanded, signedInSession, waitForRow, waitUntil } from './helpers';

const UNREACHABLE = 'GitHub could not be reached';

describe('Refresh and retry', function () {
  const session = signedInSession('small');

  afterEach(async () => {
    session.gh.setFaults(undefined);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  beforeEach(async () => {
    // Earlier suites leave rows expanded; start from owners only, so "npm" and "NuGet" below are mona's.
    await vscode.commands.executeCommand('workbench.actions.treeView.githubPackages.packages.collapseAll');
    await waitForRow('mona', { level: 1 });
    await setExpanded('mona', 1);
  });

  it('Refresh drops from an expanded package a version deleted outside VS Code', async () => {
    await setExpanded('npm', 2);
    await waitForRow('hello', { level: 3 });
    await setExpanded('hello', 3);
    await waitForRow('1.0.0', { level: 4 });
    const pkg = session.gh.state.findPackage('mona', 'npm', 'hello')!;
    session.gh.state.deleteVersion(session.gh.state.listVersions(pkg).find((v) => v.name === '1.0.0')!);
    await vscode.commands.executeCommand('githubPackages.refresh');
    const rows = await waitForRow('1.0.0', { level: 4, gone: true });
    assert.deepStrictEqual(
      rowsUnder(rows, 'hello', 3).map((r) => r.label),
      ['1.1.0'],
    );
  });

  it('after an outage, expanding again, "click to retry" and Refresh each ask GitHub again and show the versions', async () => {
    await setExpanded('NuGet', 2);
    await waitForRow('Mona.Lib', { level: 3 });
    const versionsPath = { path: 'Mona\\.Lib/versions', drop: true };
    const requestsForVersions = () => session.gh.requestLog.filter((entry) => /Mona\.Lib\/versions/.test(entry.path)).length;

    session.gh.setFaults({ rules: [versionsPath] });
    await setExpanded('Mona.Lib', 3);
    await waitForRow(UNREACHABLE, { level: 4, timeout: 60_000 });
    session.gh.setFaults(undefined);
    let asked = requestsForVersions();
    await setExpanded('Mona.Lib', 3, false);
    await setExpanded('Mona.Lib', 3);
    await waitForRow('1.0.1', { level: 4 });
    assert.ok(requestsForVersions() > asked, 'expanding again sent a request');

    session.gh.setFaults({ rules: [versionsPath] });
    await vscode.commands.executeCommand('githubPackages.refresh');
    await waitForRow(UNREACHABLE, { level: 4, timeout: 60_000 });
    session.gh.setFaults(undefined);
    asked = requestsForVersions();
    await clickRow(UNREACHABLE, 4);
    await waitForRow(UNREACHABLE, { level: 4, gone: true, timeout: 30_000 });
    assert.ok(requestsForVersions() > asked, 'click to retry sent a request');
    await driver.screenshot('refresh-retried');
  });

  it('the settings page opened during an outage retries from its Retry button', async function () {
    if (!driver.available) this.skip();
    const node = await packageNodeOf('mona', 'rubygems', 'solo-gem');
    session.gh.setFaults({ rules: [{ path: 'solo-gem/versions', drop: true }] });
    await vscode.commands.executeCommand('githubPackages.openSettings', node);
    await waitUntil(
      async () => (await driver.frameQuery('#versions-error vscode-button')).length > 0,
      'the versions error with Retry',
      60_000,
    );
    session.gh.setFaults(undefined);
    await driver.frameClick('#versions-error vscode-button', 'Retry');
    await waitUntil(async () => (await driver.frameQuery('#versions tbody tr')).length > 0, 'the versions table after Retry', 30_000);
  });
});
