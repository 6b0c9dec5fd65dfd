import * as assert from 'node:assert';
import * as vscode from 'vscode';
import type { LocalGitHub } from '../../github-local';
import type { OwnerListing, PackagesModel, VersionListing } from '../../../src/views/model';
import type { TreeNode } from '../../../src/views/nodes';
import { PackagesTreeProvider } from '../../../src/views/packagesTree';
import { driver } from './driver';
import { extensionApi, rowsUnder, signInToLocalGitHub, signOutOfLocalGitHub, treeRows, waitForRow, waitUntil } from './helpers';

describe('Packages tree: what each state asks you to do', function () {
  let gh: LocalGitHub | undefined;

  before(async () => {
    await vscode.commands.executeCommand('workbench.view.extension.githubPackages');
  });

  afterEach(async () => {
    await vscode.workspace.getConfiguration('githubPackages').update('owners', undefined, vscode.ConfigurationTarget.Global);
    await signOutOfLocalGitHub(gh);
    gh = undefined;
  });

  it('says organizations may be hidden when the token lacks read:org, and still lists your packages', async () => {
    gh = await signInToLocalGitHub({ seed: 'small' }, 'monaNoOrg');
    const rows = await waitForRow('Some organizations may be hidden', { level: 1 });
    const notice = rows.find((r) => r.label === 'Some organizations may be hidden')!;
    assert.match(notice.description, /read:org/);
    assert.ok(
      rows.some((r) => r.label === 'mona' && r.level === 1),
      'your own packages are listed',
    );
    const api = await extensionApi();
    const item = (api.tree.getChildren() as TreeNode[]).find(
      (n) => n.kind === 'message' && n.label === 'Some organizations may be hidden',
    )!;
    assert.strictEqual(api.tree.getTreeItem(item).command?.command, 'githubPackages.signIn', 'clicking it offers to add the scope');
  });

  it('shows "Authorize SAML single sign-on" under an organization that enforces SAML, linking to GitHub’s authorization page', async () => {
    gh = await signInToLocalGitHub({ seed: 'small' }, 'monaRead');
    gh.state.addToken('monaNoSso', 'gplocal_mona_nosso', 'mona', ['read:packages', 'read:org']);
    await vscode.commands.executeCommand('githubPackages.signInWithToken', 'gplocal_mona_nosso');
    const api = await extensionApi();
    await api.whenIdle();
    let rows = await waitForRow('Authorize SAML single sign-on', { level: 2, timeout: 30_000 });
    // VS Code may draw the children of one state under the owner row of the one before; its next refresh follows.
    await waitUntil(
      async () => (rows = await treeRows()).find((r) => r.label === 'saml-org')?.description !== 'organization · refreshing…',
      'the saml-org row to leave "refreshing…"',
    );
    const under = rowsUnder(rows, 'saml-org', 1);
    assert.strictEqual(under[0]?.label, 'Authorize SAML single sign-on');
    assert.strictEqual(
      rows.find((r) => r.label === 'saml-org')!.description,
      'organization · could not list',
      'no "0 packages" for an owner that could not be listed',
    );
    assert.ok(
      rows.some((r) => r.label === 'octo-org' && r.level === 1),
      'the other organizations still show',
    );
    const saml = (api.tree.getChildren() as TreeNode[]).find((n) => n.kind === 'owner' && n.owner.login === 'saml-org')!;
    const item = api.tree.getTreeItem(api.tree.getChildren(saml)[0]);
    assert.strictEqual(item.command?.command, 'githubPackages.openGitHubUrl', 'the link is checked against the web host before it opens');
    assert.match(String(item.command?.arguments?.[0]), /\/orgs\/saml-org\/sso/);
    await driver.screenshot('tree-saml');
  });

  it('lists an extra owner from githubPackages.owners, marked as coming from the setting', async () => {
    gh = await signInToLocalGitHub({ seed: 'small' }, 'mona');
    await vscode.workspace.getConfiguration('githubPackages').update('owners', ['hubot'], vscode.ConfigurationTarget.Global);
    await waitForRow('hubot', { level: 1, timeout: 30_000 });
    const api = await extensionApi();
    const hubot = (api.tree.getChildren() as TreeNode[]).find((n) => n.kind === 'owner' && n.owner.login === 'hubot')!;
    const tooltip = api.tree.getTreeItem(hubot).tooltip as vscode.MarkdownString;
    assert.match(tooltip.value, /githubPackages\.owners/);
  });

  it('keeps the listing and asks to sign in again when the token is revoked; a dropped connection says GitHub could not be reached', async () => {
    gh = await signInToLocalGitHub({ seed: 'small' }, 'mona');
    await waitForRow('acme-corp', { level: 1 });
    const token = gh.tokens.mona;
    const record = gh.state.tokens.get(token)!;
    gh.state.tokens.delete(token);
    try {
      await vscode.commands.executeCommand('githubPackages.refresh');
      const rows = await waitForRow('Sign in again', { level: 1, timeout: 30_000 });
      assert.match(rows.find((r) => r.label === 'Sign in again')!.description, /rejected the token.*showing the last listing/);
      assert.ok(
        rows.some((r) => r.label === 'octo-org' && r.level === 1),
        'what was shown stays',
      );
      const api = await extensionApi();
      const item = (api.tree.getChildren() as TreeNode[]).find((n) => n.kind === 'message' && n.label === 'Sign in again')!;
      assert.deepStrictEqual(
        api.tree.getTreeItem(item).command?.arguments,
        [undefined, 'reauthenticate'],
        'clicking it replaces the rejected token',
      );
      await driver.screenshot('tree-token-revoked');
    } finally {
      gh.state.tokens.set(token, record);
    }
    gh.setFaults({ rules: [{ path: '^/user$', drop: true }] });
    try {
      await vscode.commands.executeCommand('githubPackages.refresh');
      const rows = await waitForRow('GitHub could not be reached', { level: 1, timeout: 60_000 });
      assert.ok(
        rows.some((r) => r.label === 'mona' && r.level === 1),
        'what was shown stays',
      );
    } finally {
      gh.setFaults(undefined);
    }
    await vscode.commands.executeCommand('githubPackages.refresh');
    await waitForRow('GitHub could not be reached', { level: 1, gone: true, timeout: 30_000 });
  });

  it('says GitHub lists at most 10,000 versions (or packages of a type) where a listing was cut short, and only there', () => {
    const owner = { login: 'mona', kind: 'viewer' as const, source: 'self' as const };
    const at = '2026-01-01T00:00:00Z';
    const pkg = {
      id: 7,
      name: 'busy',
      packageType: 'npm' as const,
      visibility: 'public' as const,
      htmlUrl: '',
      versionCount: 10_000,
      owner: { login: 'mona', type: 'User' },
      repository: null,
      createdAt: at,
      updatedAt: at,
    };
    const versions = [1, 2].map((id) => ({
      id,
      name: `1.0.${id}`,
      packageHtmlUrl: '',
      createdAt: `2026-01-0${id}T00:00:00Z`,
      updatedAt: at,
      tags: [],
    }));
    const rowsOf = (truncated: boolean) => {
      const model = signedInModel([{ owner, state: 'ok', packages: [pkg], truncated }], { state: 'ok', active: versions, truncated });
      const tree = new PackagesTreeProvider(model, vscode.Uri.file('/'));
      const label = (node: TreeNode) => String(tree.getTreeItem(node).label);
      const rows = {
        owner: tree.getChildren({ kind: 'owner', owner }).map(label),
        versions: tree.getChildren({ kind: 'package', owner, pkg }).map(label),
      };
      tree.dispose();
      return rows;
    };
    assert.deepStrictEqual(rowsOf(true), {
      owner: ['npm', 'GitHub lists at most 10,000 packages of a type'],
      versions: ['1.0.2', '1.0.1', 'GitHub lists at most 10,000 versions'],
    });
    assert.deepStrictEqual(rowsOf(false), { owner: ['npm'], versions: ['1.0.2', '1.0.1'] });
  });

  it("links a package's tooltip to GitHub only where the link policy the tree was built with allows", () => {
    const owner = { login: 'mona', kind: 'viewer' as const, source: 'self' as const };
    const at = '2026-01-01T00:00:00Z';
    const tooltipOf = (htmlUrl: string, linkAllowed?: (url: string) => boolean) => {
      const pkg = {
        id: 8,
        name: 'linked',
        packageType: 'npm' as const,
        visibility: 'public' as const,
        htmlUrl,
        versionCount: 1,
        owner: { login: 'mona', type: 'User' },
        repository: null,
        createdAt: at,
        updatedAt: at,
      };
      const model = signedInModel([{ owner, state: 'ok', packages: [pkg] }], { state: 'ok', active: [] });
      const tree = new PackagesTreeProvider(model, vscode.Uri.file('/'), undefined, linkAllowed);
      const tooltip = (tree.getTreeItem({ kind: 'package', owner, pkg }).tooltip as vscode.MarkdownString).value;
      tree.dispose();
      return tooltip;
    };
    const onGitHub = (url: string) => url.startsWith('https://github.com/');
    assert.match(
      tooltipOf('https://github.com/users/mona/packages/npm/package/linked', onGitHub),
      /\[Open on GitHub\]\(https:\/\/github\.com\//,
    );
    assert.doesNotMatch(tooltipOf('https://evil.example/linked', onGitHub), /\]\(https:\/\/evil/);
    assert.doesNotMatch(tooltipOf('https://github.com/users/mona/packages/npm/package/linked'), /\]\(https:/, 'no policy, no link');
  });
});

/** A signed-in model that always holds `owners` and answers `versions` for every package, as the tree reads it. */
function signedInModel(owners: OwnerListing[], versions: VersionListing): PackagesModel {
  return {
    onDidChange: () => ({ dispose: () => undefined }),
    signedIn: () => true,
    signInPending: () => false,
    accountError: () => undefined,
    notice: () => undefined,
    owners: () => owners,
    versions: () => versions,
    loadVersions: () => undefined,
  };
}
