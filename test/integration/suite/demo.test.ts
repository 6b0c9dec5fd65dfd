import * as assert from 'node:assert';
import * as vscode from 'vscode';
import { driver } from './driver';
import { packageNodeOf, signedInSession } from './helpers';

const NOTIFICATION = '.notifications-center .notification-list-item-message';

describe('Demo data for every ecosystem', function () {
  const session = signedInSession('demo');

  before(function () {
    if (!driver.available) this.skip();
  });

  afterEach(async () => {
    await vscode.commands.executeCommand('notifications.clearAll');
    await vscode.commands.executeCommand('notifications.hideList');
  });

  it('a registry URL that is not a URL names the githubPackages.registryUrls setting that fixes it', async () => {
    const config = vscode.workspace.getConfiguration('githubPackages');
    const before = config.get<Record<string, string>>('registryUrls');
    await config.update('registryUrls', { ...before, maven: 'http://maven.127.0.0.1:1' }, vscode.ConfigurationTarget.Global);
    try {
      // Not awaited: the command waits until the error notification is dismissed.
      void vscode.commands.executeCommand('githubPackages.copyInstallCommand', await packageNodeOf('octo-org', 'maven', 'com.octo.core'));
      await vscode.commands.executeCommand('notifications.showList');
      const shown = await driver.waitFor(NOTIFICATION, { text: 'is not a URL' });
      const text = shown.map((n) => n.text).find((t) => t.includes('is not a URL'))!;
      assert.match(text, /"githubPackages\.registryUrls" setting/);
    } finally {
      await config.update('registryUrls', before, vscode.ConfigurationTarget.Global);
    }
  });

  it('Open on GitHub stays on the local stand-in, which serves a page for the package', async () => {
    const node = await packageNodeOf('mona', 'npm', 'hello-world');
    assert.ok(node.pkg.htmlUrl.startsWith(session.gh.url), `package page ${node.pkg.htmlUrl}`);
    const page = await fetch(node.pkg.htmlUrl, { headers: { accept: 'text/html' } });
    assert.strictEqual(page.status, 200);
    assert.match(page.headers.get('content-type') ?? '', /text\/html/);
    assert.match(await page.text(), /<h1>\/users\/mona\/packages\/npm\/package\/hello-world<\/h1>.*local GitHub Packages stand-in/s);
    await vscode.commands.executeCommand('githubPackages.openOnGitHub', node);
    await vscode.commands.executeCommand('notifications.showList');
    const warnings = (await driver.query(NOTIFICATION)).map((n) => n.text).filter((t) => /Not opening/.test(t));
    assert.deepStrictEqual(warnings, [], 'the link is opened, not refused');
  });
});
