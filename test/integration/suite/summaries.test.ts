import * as assert from 'node:assert';
import * as vscode from 'vscode';
import type { TreeNode, VersionNode } from '../../../src/views/nodes';
import { driver } from './driver';
import { clickRow, extensionApi, packageNodeOf, setExpanded, signedInSession, waitForRow, waitUntil } from './helpers';

const NOTIFICATION = '.notifications-center .notification-list-item-message';

/** Every notification's text, read from the notification center (a toast may already have gone there). */
async function notifications(): Promise<string[]> {
  await vscode.commands.executeCommand('notifications.showList');
  const texts = (await driver.query(NOTIFICATION)).map((n) => n.text.trim());
  return texts;
}

async function versionNodes(login: string, type: string, name: string): Promise<VersionNode[]> {
  const api = await extensionApi();
  const pkg = await packageNodeOf(login, type, name);
  await api
    .registry()
    .loadVersions({ owner: { login: pkg.owner.login, kind: pkg.owner.kind }, type: pkg.pkg.packageType, name: pkg.pkg.name });
  return (api.tree.getChildren(pkg) as TreeNode[]).filter((n): n is VersionNode => n.kind === 'version');
}

describe('Summaries that do not contradict themselves', function () {
  const session = signedInSession('small');

  before(async function () {
    if (!driver.available) this.skip();
    // Earlier suites leave notifications behind; the center draws only the ones that fit, so start from none.
    await vscode.commands.executeCommand('notifications.clearAll');
  });

  afterEach(async () => {
    await vscode.commands.executeCommand('notifications.clearAll');
    await vscode.commands.executeCommand('notifications.hideList');
  });

  it('deleting every version offers Delete Package, and no "Deleted 0 versions" notification sits beside it', async () => {
    const versions = await versionNodes('mona', 'nuget', 'Mona.Lib');
    assert.strictEqual(versions.length, 2);
    // Not awaited: after deleting, the command waits on the notification's Restore button.
    void vscode.commands.executeCommand('githubPackages.deleteVersion', versions[0], versions);
    await waitUntil(() => session.gh.state.findPackage('mona', 'nuget', 'Mona.Lib') === undefined, 'the package to be deleted');
    assert.match(session.questions[0] ?? '', /Delete the whole package Mona\.Lib instead\?/);
    let texts: string[] = [];
    await waitUntil(
      async () => (texts = await notifications()).some((t) => /Deleted the package mona\/Mona\.Lib/.test(t)),
      'the package deletion notification',
      40_000,
    );
    assert.ok(!texts.some((t) => /Deleted 0 versions/.test(t)), `notifications: ${texts.join(' | ')}`);
  });

  it('a refused version’s summary keeps GitHub’s sentence whole', async () => {
    const popular = (await versionNodes('octo-org', 'npm', 'popular')).find((n) => n.version.name === '1.0.0')!;
    await vscode.commands.executeCommand('githubPackages.deleteVersion', popular, [popular]);
    let texts: string[] = [];
    await waitUntil(async () => (texts = await notifications()).some((t) => t.includes('octo-org/popular')), 'the summary');
    const summary = texts.find((t) => t.includes('octo-org/popular'))!;
    assert.strictEqual(
      summary,
      'Deleted 0 versions of octo-org/popular; 1 refused or failed (GitHub refused: Publicly visible package versions with more than 5000 downloads cannot be deleted.).',
    );
    await driver.screenshot('summary-refused-popular');
  });

  it('does not offer Delete Version on an attestation row, which GitHub’s guard always refuses', async () => {
    await waitForRow('mona', { level: 1 });
    await setExpanded('Containers', 2);
    await setExpanded('app', 3);
    const rows = await waitForRow(/^attestation/, { level: 4, timeout: 30_000 });
    const attestation = rows.find((r) => r.level === 4 && /^attestation/.test(r.label))!;
    await clickRow(attestation.label, 4, 'right');
    const menu = (await driver.waitFor('.context-view .action-label', { text: 'Copy Install Command' }))
      .map((m) => m.text.trim())
      .filter(Boolean);
    await driver.press('Escape');
    assert.ok(!menu.includes('Delete Version'), `attestation menu: ${menu.join(', ')}`);
    await clickRow('0.9', 4, 'right');
    const tagged = (await driver.waitFor('.context-view .action-label', { text: 'Delete Version' })).map((m) => m.text.trim());
    await driver.press('Escape');
    assert.ok(tagged.includes('Delete Version'), 'a tagged version still offers it');
  });
});
