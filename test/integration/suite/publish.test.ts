import * as assert from 'node:assert';
import * as vscode from 'vscode';
import type { LocalGitHub } from '../../github-local';
import { driver } from './driver';
import { acceptConfirmations, extensionApi, signInToLocalGitHub, signOutOfLocalGitHub, stopAnsweringConfirmations, waitForRow } from './helpers';

describe('Publish the project’s package', function () {
  let gh: LocalGitHub | undefined;
  const lib = () => vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0].uri, 'fresh-lib');
  let questions: string[] = [];

  before(async () => {
    await vscode.commands.executeCommand('workbench.view.extension.githubPackages');
    gh = await signInToLocalGitHub({ seed: 'demo' }, 'mona');
    questions = await acceptConfirmations();
    const manifest = { name: '@octo-org/fresh-lib', version: '0.1.0', main: 'index.js', repository: { type: 'git', url: 'https://github.com/octo-org/octo-web.git' } };
    await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(lib(), 'package.json'), new TextEncoder().encode(JSON.stringify(manifest, null, 2)));
    await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(lib(), 'index.js'), new TextEncoder().encode('module.exports = 1;\n'));
  });

  after(async () => {
    await stopAnsweringConfirmations();
    await vscode.workspace.fs.delete(lib(), { recursive: true }).then(undefined, () => undefined);
    await signOutOfLocalGitHub(gh);
  });

  it('publishes with npm after showing the .npmrc edit and the command, and the new package appears in the tree', async function () {
    this.timeout(180_000);
    await vscode.commands.executeCommand('githubPackages.publish', vscode.Uri.joinPath(lib(), 'package.json'));
    const asked = questions.at(-1)!;
    assert.match(asked, /Publish fresh-lib 0\.1\.0 to GitHub Packages as octo-org\?/);
    assert.match(asked, /Create fresh-lib\/\.npmrc \(no token is written\)/);
    assert.match(asked, /Run: npm publish --registry=/);
    assert.ok(!asked.includes('gplocal_'), 'the token is not shown');
    const published = gh!.state.findPackage('octo-org', 'npm', 'fresh-lib');
    assert.ok(published, 'the package exists on the server');
    assert.strictEqual(gh!.state.listVersions(published).map((v) => v.name).join(), '0.1.0');
    assert.strictEqual(published.repository, 'octo-org/octo-web', 'linked to its repository');
    const api = await extensionApi();
    assert.ok(api.registry().getPackages('octo-org')!.some((pkg) => pkg.name === 'fresh-lib'), 'the RegistryService lists it without a refresh');
    const npmrc = new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(lib(), '.npmrc')));
    assert.ok(!npmrc.includes('gplocal_'), 'no token in .npmrc');
    await vscode.commands.executeCommand('githubPackages.filter', { text: 'fresh-lib' });
    await waitForRow('npm', { level: 2 });
    await vscode.commands.executeCommand('githubPackages.filter', {});
  });

  it('says the version already exists before asking or running npm', async function () {
    this.timeout(180_000);
    const before = questions.length;
    await vscode.commands.executeCommand('githubPackages.publish', vscode.Uri.joinPath(lib(), 'package.json'));
    assert.strictEqual(questions.length, before, 'no confirmation: nothing would be published');
    await vscode.commands.executeCommand('notifications.showList');
    const texts = await driver.waitFor('.notifications-center .notification-list-item-message', { text: 'already published' });
    assert.ok(texts.some((t) => /fresh-lib 0\.1\.0 is already published to GitHub Packages as octo-org.*Raise the version in package\.json/.test(t.text)), texts.map((t) => t.text).join(' | '));
    await vscode.commands.executeCommand('notifications.hideList');
    assert.strictEqual(gh!.state.listVersions(gh!.state.findPackage('octo-org', 'npm', 'fresh-lib')!).length, 1, 'still one version');
  });
});
