import * as assert from 'node:assert';
import * as vscode from 'vscode';
import type { LocalGitHub } from '../../github-local';
import { extensionApi, packageNodeOf, signInToLocalGitHub, signOutOfLocalGitHub } from './helpers';

describe('Changing visibility', function () {
  let gh: LocalGitHub | undefined;
  const asked: string[] = [];

  before(async () => {
    await vscode.commands.executeCommand('workbench.view.extension.githubPackages');
    gh = await signInToLocalGitHub({ seed: 'small' }, 'mona');
  });

  after(async () => {
    (await extensionApi()).testing.setConfirmHandler(undefined);
    await signOutOfLocalGitHub(gh);
  });

  const mavenPackage = () => packageNodeOf('octo-org', 'maven', 'com.octo.java-lib');

  it('does nothing when the confirmation that the whole repository changes is dismissed', async () => {
    const api = await extensionApi();
    api.testing.setConfirmHandler(async (message, detail) => {
      asked.push(`${message} ${detail}`);
      return undefined;
    });
    await vscode.commands.executeCommand('githubPackages.setVisibility', await mavenPackage(), 'public');
    assert.match(asked[0], /Make the repository octo-org\/java-lib public\?/);
    assert.match(asked[0], /WHOLE repository/);
    assert.strictEqual(gh!.state.repo('octo-org/java-lib')!.visibility, 'private');
  });

  it('makes a repository-scoped package public by changing its repository, and the tree shows it', async () => {
    const api = await extensionApi();
    api.testing.setConfirmHandler(async (_message, _detail, buttons) => buttons[0]);
    const node = await mavenPackage();
    assert.strictEqual(node.pkg.visibility, 'private');
    assert.match(String(api.tree.getTreeItem(node).description), /^private · /);
    await vscode.commands.executeCommand('githubPackages.setVisibility', node, 'public');
    assert.strictEqual(gh!.state.repo('octo-org/java-lib')!.visibility, 'public');
    const after = await mavenPackage();
    assert.strictEqual(after.pkg.visibility, 'public');
    assert.match(String(api.tree.getTreeItem(after).description), /^public · /);
  });
});
