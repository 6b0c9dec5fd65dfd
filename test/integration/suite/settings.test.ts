import * as assert from 'node:assert';
import * as vscode from 'vscode';
import type { LocalGitHub } from '../../github-local';
import { driver } from './driver';
import { hostFromApiUrl } from '../../../src/github/hosts';
import { SettingsPanelSerializer } from '../../../src/views/settingsSerializer';
import { extensionApi, EXTENSION_ID, packageNodeOf, signInToLocalGitHub, signOutOfLocalGitHub, waitUntil } from './helpers';

const VERSION_CELLS = '#versions td, #versions th[scope="row"]';
const pageTexts = async (selector: string): Promise<string[]> => (await driver.frameQuery(selector)).map((e) => e.text.trim());

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
    await waitUntil(async () => (await driver.frameQuery('#versions tbody tr')).length > 0, 'the versions table');
    const csp = (await driver.frameQuery('meta[http-equiv="Content-Security-Policy"]', ['content']))
      .map((m) => m.attrs.content ?? '')
      .find((c) => c.includes('nonce-'));
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
    assert.match(
      (await driver.frameQuery('#app section p')).map((p) => p.text).join(' '),
      /takes its visibility from its repository, octo-org\/octo-java, which is private\./,
    );
    api.testing.setConfirmHandler(async (_m, _d, buttons) => buttons[0]);
    try {
      await vscode.commands.executeCommand('githubPackages.setVisibility', node, 'public');
    } finally {
      api.testing.setConfirmHandler(undefined);
    }
    await waitUntil(
      async () => (await driver.frameQuery('#visibility')).some((v) => v.text.trim() === 'public'),
      'the page to show public',
    );
  });

  it('labels container versions as the tree does, and says what "latest" means for npm', async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.commands.executeCommand('githubPackages.openSettings', await packageNodeOf('mona', 'container', 'hello-world'));
    await waitUntil(
      async () => (await pageTexts(VERSION_CELLS)).includes('linux/arm64 of latest, 2.0'),
      'the platform image labelled like the tree',
      30_000,
    );
    await driver.screenshot('settings-container-versions');
    await vscode.commands.executeCommand('githubPackages.openSettings', await packageNodeOf('mona', 'npm', 'hello-world'));
    await waitUntil(async () => (await pageTexts('#tags-note')).length > 0, 'the note on "latest"');
    assert.match((await pageTexts('#tags-note'))[0], /newest version published/);
    const cells = await pageTexts(VERSION_CELLS);
    assert.strictEqual(cells[1], 'latest', `the newest version is marked latest: ${cells.slice(0, 6).join(' | ')}`);
  });

  it('restores a settings tab after a window reload from the state the page saved', async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    const api = await extensionApi();
    const extensionUri = vscode.extensions.getExtension(EXTENSION_ID)!.extensionUri;
    const deps = {
      registry: () => api.registry(),
      onDidChange: (listener: () => void) => api.registry().onDidChange(() => listener()),
      host: () => hostFromApiUrl(gh!.url),
      installSnippet: () => undefined,
      versionLabel: (_o: unknown, _p: unknown, version: { name: string }) => version.name,
      signedIn: () => true,
    };
    const panel = vscode.window.createWebviewPanel('githubPackages.settings', 'restored', vscode.ViewColumn.Active, {});
    await new SettingsPanelSerializer(extensionUri, deps).deserializeWebviewPanel(panel, {
      owner: 'mona',
      ownerKind: 'viewer',
      packageType: 'rubygems',
      name: 'mona_gem',
    });
    await waitUntil(async () => (await pageTexts('#app h1')).includes('mona_gem'), 'the restored page');
    const manifest = vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON as { activationEvents: string[] };
    assert.ok(
      manifest.activationEvents.includes('onWebviewPanel:githubPackages.settings'),
      'VS Code activates the extension to restore the tab',
    );
  });

  it('closes a private package’s page at Sign Out', async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.commands.executeCommand('githubPackages.openSettings', await packageNodeOf('mona', 'npm', 'scratch'));
    await waitUntil(async () => (await pageTexts('#app h1')).includes('scratch'), 'the private package page');
    await vscode.commands.executeCommand('githubPackages.signOut');
    await waitUntil(async () => !(await pageTexts('#app h1')).includes('scratch'), 'the page to close');
    const tabs = vscode.window.tabGroups.all.flatMap((group) => group.tabs.map((tab) => tab.label));
    assert.ok(!tabs.some((label) => label.startsWith('scratch')), `tabs: ${tabs.join(', ')}`);
  });
});
