import * as assert from 'node:assert';
import * as vscode from 'vscode';
import type { LocalGitHub } from '../../github-local';
import { driver } from './driver';
import { extensionApi, packageNodeOf, signInToLocalGitHub, signOutOfLocalGitHub, waitUntil } from './helpers';

describe('Package settings page', function () {
  let gh: LocalGitHub | undefined;

  before(async function () {
    if (!driver.available) this.skip();
    await vscode.commands.executeCommand('workbench.view.extension.githubPackages');
    gh = await signInToLocalGitHub({ seed: 'demo' }, 'mona');
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await signOutOfLocalGitHub(gh);
  });

  it('shows the package, its install command and versions, under a nonce Content-Security-Policy', async () => {
    await vscode.commands.executeCommand('githubPackages.openSettings', await packageNodeOf('mona', 'npm', 'hello-world'));
    await waitUntil(async () => (await driver.frameQuery('#app h1')).some((t) => t.text === 'hello-world'), 'the settings page');
    assert.strictEqual((await driver.frameQuery('#visibility'))[0]?.text.trim(), 'public');
    assert.match((await driver.frameQuery('#install'))[0]?.text ?? '', /^npm install @mona\/hello-world$/);
    const sections = (await driver.frameQuery('#app section p')).map((p) => p.text).join(' ');
    assert.match(sections, /own visibility only on its settings page/, 'an npm package on github.com has its own visibility');
    await waitUntil(async () => (await driver.frameQuery('#versions vscode-table-row')).length > 0, 'the versions table');
    const csp = (await driver.frameQuery('meta[http-equiv="Content-Security-Policy"]', ['content'])).map((m) => m.attrs.content ?? '').find((c) => c.includes('nonce-'));
    assert.ok(csp, 'the page has a nonce-based CSP');
    assert.match(csp!, /default-src 'none'/);
    assert.doesNotMatch(csp!, /unsafe-inline|unsafe-eval/);
    await driver.screenshot('settings-page');
  });

  it('copies the install command from the page', async () => {
    await vscode.env.clipboard.writeText('');
    await driver.frameClick('vscode-button[data-action="copyInstallCommand"]');
    await waitUntil(async () => (await vscode.env.clipboard.readText()) === 'npm install @mona/hello-world', 'the clipboard');
  });

  it('follows the RegistryService: a repository visibility change shows on the open page', async () => {
    const api = await extensionApi();
    const node = await packageNodeOf('octo-org', 'maven', 'com.octo.core');
    await vscode.commands.executeCommand('githubPackages.openSettings', node);
    await waitUntil(async () => (await driver.frameQuery('#app h1')).some((t) => t.text === 'com.octo.core'), 'the maven settings page');
    await waitUntil(async () => (await driver.frameQuery('#visibility')).some((v) => v.text.trim() === 'private'), 'private before');
    assert.match((await driver.frameQuery('#app section p')).map((p) => p.text).join(' '), /its visibility is the repository's/);
    api.testing.setConfirmHandler(async (_m, _d, buttons) => buttons[0]);
    try {
      await vscode.commands.executeCommand('githubPackages.setVisibility', node, 'public');
    } finally {
      api.testing.setConfirmHandler(undefined);
    }
    await waitUntil(async () => (await driver.frameQuery('#visibility')).some((v) => v.text.trim() === 'public'), 'the page to show public');
  });
});
