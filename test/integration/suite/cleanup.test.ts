import * as assert from 'node:assert';
import * as vscode from 'vscode';
import type { LocalGitHub } from '../../github-local';
import type { PackageNode, TreeNode } from '../../../src/views/nodes';
import { extensionApi, signInToLocalGitHub, signOutOfLocalGitHub, waitUntil } from './helpers';

describe('Clean up by retention rule', function () {
  let gh: LocalGitHub | undefined;
  const questions: string[] = [];

  before(async () => {
    gh = await signInToLocalGitHub({ seed: 'demo' }, 'mona');
    (await extensionApi()).testing.setConfirmHandler(async (message, detail, buttons) => {
      questions.push(`${message}\n${detail}`);
      return buttons[0];
    });
  });

  after(async () => {
    (await extensionApi()).testing.setConfirmHandler(undefined);
    await signOutOfLocalGitHub(gh);
  });

  it('deletes exactly the versions beyond the 245 newest of a 250-version package, after naming them', async function () {
    this.timeout(180_000);
    const api = await extensionApi();
    await waitUntil(() => (api.tree.getChildren() as TreeNode[]).some((n) => n.kind === 'owner' && n.owner.login === 'octo-org'), 'octo-org');
    const octo = (api.tree.getChildren() as TreeNode[]).find((n) => n.kind === 'owner' && n.owner.login === 'octo-org')!;
    const npm = api.tree.getChildren(octo).find((n) => n.kind === 'type' && n.packageType === 'npm')!;
    const node = api.tree.getChildren(npm).find((n): n is PackageNode => n.kind === 'package' && n.pkg.name === 'octo-ui')!;
    const record = gh!.state.findPackage('octo-org', 'npm', 'octo-ui')!;
    const before = gh!.state.listVersions(record);
    const oldest = [...before].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime()).slice(0, before.length - 245).map((v) => v.name);

    await vscode.commands.executeCommand('githubPackages.cleanup', node, { keepLatest: 245, keepTags: [] });
    assert.match(questions.at(-1)!, new RegExp(`Delete ${oldest.length} versions of octo-org/octo-ui\\?`));
    for (const name of oldest) assert.ok(questions.at(-1)!.includes(name), `the confirmation names ${name}`);
    const after = gh!.state.listVersions(record).map((v) => v.name);
    assert.strictEqual(after.length, 245);
    assert.deepStrictEqual(oldest.filter((name) => after.includes(name)), [], 'the oldest ones went');
  });
});
