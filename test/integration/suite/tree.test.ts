import * as assert from 'node:assert';
import * as vscode from 'vscode';
import type { LocalGitHub } from '../../github-local';
import type { TreeNode } from '../../../src/views/nodes';
import { driver } from './driver';
import {
  clickRow,
  extensionApi,
  rowsUnder,
  setExpanded,
  signInToLocalGitHub,
  signOutOfLocalGitHub,
  treeRows,
  viewDescription,
  waitForRow,
  waitUntil,
} from './helpers';

describe('Packages tree', function () {
  let gh: LocalGitHub | undefined;

  before(async function () {
    await vscode.commands.executeCommand('workbench.view.extension.githubPackages');
    gh = await signInToLocalGitHub();
    await waitForRow('acme-corp', { level: 1 });
    // On a loaded machine a second refresh may still be listing the organizations: start from what it settles on.
    await waitUntil(
      async () => (await treeRows()).filter((r) => r.level === 1).every((r) => !r.description.endsWith('refreshing…')),
      'every owner to be listed',
    );
  });

  afterEach(async () => {
    await vscode.commands.executeCommand('githubPackages.filter', {});
    // Clearing a filter re-expands the rows it hid (after a re-render): let that happen before collapsing everything.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    await vscode.commands.executeCommand('workbench.actions.treeView.githubPackages.packages.collapseAll');
    await waitForRow('acme-corp', { level: 1 });
    // Bottom first: expanding an owner pushes the rows below it, and the list draws only what is on screen.
    for (const owner of ['acme-corp', 'octo-org', 'mona']) await setExpanded(owner, 1);
  });

  after(async () => {
    await vscode.commands.executeCommand('githubPackages.filter', {});
    await signOutOfLocalGitHub(gh);
  });

  it('lists you first, then your organizations, each with a role and package count', async () => {
    const owners = (await treeRows()).filter((r) => r.level === 1);
    assert.deepStrictEqual(
      owners.map((r) => [r.label, r.description]),
      [
        ['mona', 'you · 6 packages'],
        ['octo-org', 'organization · 9 packages'],
        ['acme-corp', 'organization · 3 packages'],
      ],
    );
    assert.deepStrictEqual(
      owners.map((r) => r.icon),
      ['codicon-account', 'codicon-organization', 'codicon-organization'],
    );
  });

  it('groups packages by type with an ecosystem icon and a count', async () => {
    const rows = await treeRows();
    const mona = rows.findIndex((r) => r.label === 'mona');
    const octo = rows.findIndex((r) => r.label === 'octo-org');
    const monaTypes = rows.slice(mona + 1, octo).map((r) => [r.label, r.description, r.icon]);
    assert.deepStrictEqual(monaTypes, [
      ['Containers', '2', 'image'],
      ['npm', '2', 'image'],
      ['NuGet', '1', 'image'],
      ['RubyGems', '1', 'image'],
    ]);
  });

  it('shows a package with visibility, version count, linked repository and age; versions newest first', async () => {
    await setExpanded('npm', 2);
    await waitForRow('scratch', { level: 3 });
    const rows = rowsUnder(await treeRows(), 'npm', 2);
    const pkg = rows.find((r) => r.label === 'hello-world' && r.level === 3)!;
    const active = gh!.state.listVersions(gh!.state.findPackage('mona', 'npm', 'hello-world')!, 'active').length;
    assert.match(pkg.description, new RegExp(`^public · ${active} versions · hello-world · .+ ago$`));
    assert.strictEqual(pkg.icon, 'codicon-unlock');
    const scratch = rows.find((r) => r.label === 'scratch')!;
    assert.match(
      scratch.description,
      /^private · \d+ versions · \d+ \w+ ago$/,
      `unlinked package shows no repository: ${scratch.description}`,
    );
    assert.strictEqual(scratch.icon, 'codicon-lock');

    await setExpanded('hello-world', 3);
    const withVersions = await waitForRow('1.0.0', { level: 4 });
    const versions = withVersions.filter((r) => r.level === 4);
    assert.ok(versions.length >= 4, `versions shown: ${versions.map((v) => v.label).join(', ')}`);
    assert.match(versions[0].description, /^latest · /, 'the newest version is marked latest');
    assert.ok(
      versions.every((v) => /ago|now|yesterday|last/.test(v.description)),
      'every version shows its age',
    );
    await driver.screenshot('tree-npm-versions-light');
    await setExpanded('hello-world', 3, false);
    await setExpanded('npm', 2, false);
  });

  it('labels container versions by their tags with the short digest, and marks untagged ones', async () => {
    await setExpanded('Containers', 2);
    await waitForRow('hello-world', { level: 3 });
    await setExpanded('hello-world', 3);
    const rows = await waitForRow(/latest/, { level: 4 });
    const versions = rows.filter((r) => r.level === 4);
    const latest = versions.find((r) => r.label === 'latest, 2.0');
    assert.ok(latest, `tagged version labelled by tags: ${versions.map((v) => v.label).join(' | ')}`);
    assert.match(latest.description, /sha256:[0-9a-f]{12}/);
    // Children of the multi-arch index are labelled with their platform and the image they belong to.
    const labelled = await waitForRow(/^linux\/arm64 of latest, 2\.0$/, { level: 4 });
    const children = labelled.filter((r) => r.level === 4 && / of latest, 2\.0$/.test(r.label)).map((r) => r.label);
    assert.ok(children.includes('linux/amd64 of latest, 2.0'), children.join(' | '));
    assert.ok(
      children.some((l) => /^attestation( for \S+)? of latest, 2\.0$/.test(l)),
      `attestations are labelled: ${children.join(' | ')}`,
    );
    assert.ok(
      labelled.filter((r) => r.level === 4 && / of /.test(r.label)).every((r) => /^sha256:[0-9a-f]{12}/.test(r.description)),
      'children show their short digest',
    );
    await driver.screenshot('tree-containers-light');
    await setExpanded('hello-world', 3, false);
    await setExpanded('Containers', 2, false);
  });

  it('gives each node contextValue tokens and the menus that match them', async () => {
    const api = await extensionApi();
    const roots = (await api.tree.getChildren()) as TreeNode[];
    const mona = roots.find((n) => n.kind === 'owner' && n.owner.login === 'mona')!;
    const types = api.tree.getChildren(mona);
    const npm = types.find((n) => n.kind === 'type' && n.packageType === 'npm')!;
    const pkg = api.tree.getChildren(npm).find((n) => n.kind === 'package' && n.pkg.name === 'hello-world')!;
    assert.strictEqual(api.tree.getTreeItem(pkg).contextValue, 'package');

    await setExpanded('npm', 2);
    await waitForRow('scratch', { level: 3 });
    await clickRow('scratch', 3, 'right');
    const menu = await driver.waitFor('.context-view .action-label', { text: 'Delete Package' });
    const items = menu.map((m) => m.text.trim()).filter(Boolean);
    for (const expected of [
      'Install Package into Project',
      'Copy Install Command',
      'Open on GitHub',
      'Change Visibility',
      'Delete Package',
    ]) {
      assert.ok(items.includes(expected), `context menu has ${expected}: ${items.join(', ')}`);
    }
    await driver.press('Escape');
    await setExpanded('npm', 2, false);
  });

  it('copies the install command of a version', async () => {
    const api = await extensionApi();
    const mona = (api.tree.getChildren() as TreeNode[]).find((n) => n.kind === 'owner' && n.owner.login === 'mona')!;
    const npm = api.tree.getChildren(mona).find((n) => n.kind === 'type' && n.packageType === 'npm')!;
    const pkg = api.tree.getChildren(npm).find((n) => n.kind === 'package' && n.pkg.name === 'hello-world')!;
    await waitUntil(() => api.tree.getChildren(pkg).some((n) => n.kind === 'version'), 'versions of hello-world');
    const version = api.tree.getChildren(pkg).find((n) => n.kind === 'version' && n.version.name === '1.1.0')!;
    await vscode.commands.executeCommand('githubPackages.copyInstallCommand', version);
    assert.strictEqual(await vscode.env.clipboard.readText(), 'npm install @mona/hello-world@1.1.0');
  });

  it('narrows the tree with the filter and shows it in the view description', async () => {
    await vscode.commands.executeCommand('githubPackages.filter', { text: 'octo-ui' });
    await waitUntil(async () => /Filter: “octo-ui”/.test(await viewDescription()), 'the filter in the view description');
    const rows = await waitForRow(/No packages match/, { level: 2 });
    assert.ok(
      rows.some((r) => r.label === 'Filter: “octo-ui”' && r.level === 1),
      'the active filter is a row',
    );
    const owners = rows.filter((r) => r.level === 1 && !r.label.startsWith('Filter:'));
    assert.deepStrictEqual(
      owners.map((r) => r.label),
      ['mona', 'octo-org', 'acme-corp'],
    );
    assert.strictEqual(owners.find((r) => r.label === 'octo-org')!.description, 'organization · 1 package');
    const types = rows.filter((r) => r.level === 2).map((r) => r.label);
    assert.deepStrictEqual(
      types.filter((t) => !/No packages match/.test(t)),
      ['npm'],
      'only the npm group with octo-ui is left',
    );
    await driver.screenshot('tree-filtered-light');

    await vscode.commands.executeCommand('githubPackages.filter', { visibility: 'private', types: ['container'] });
    const privateContainers = (await waitForRow('Containers', { level: 2 })).filter((r) => r.level === 2 && !/No packages/.test(r.label));
    assert.ok(
      privateContainers.every((r) => r.label === 'Containers'),
      privateContainers.map((r) => r.label).join(', '),
    );
    await vscode.commands.executeCommand('githubPackages.filter', {});
    await waitUntil(async () => !/Filter/.test(await viewDescription()), 'the filter description to go');
    await waitUntil(
      async () => (await treeRows()).filter((r) => r.level === 2).length === 13,
      'clearing the filter to bring all 13 type groups back',
    );
  });

  it('pages a 250-version package: 100 shown, then "Load more"', async () => {
    const api = await extensionApi();
    const octo = (api.tree.getChildren() as TreeNode[]).find((n) => n.kind === 'owner' && n.owner.login === 'octo-org')!;
    const npm = api.tree.getChildren(octo).find((n) => n.kind === 'type' && n.packageType === 'npm')!;
    const pkg = api.tree.getChildren(npm).find((n) => n.kind === 'package' && n.pkg.name === 'octo-ui')!;
    api.tree.getChildren(pkg);
    await waitUntil(() => api.tree.getChildren(pkg).filter((n) => n.kind === 'version').length > 0, 'versions of octo-ui', 30_000);
    let children = api.tree.getChildren(pkg);
    assert.strictEqual(children.filter((n) => n.kind === 'version').length, 100);
    const more = children[children.length - 1];
    assert.strictEqual(more.kind, 'loadMore');
    const total = gh!.state.listVersions(gh!.state.findPackage('octo-org', 'npm', 'octo-ui')!, 'active').length;
    assert.ok(total >= 250);
    assert.strictEqual(api.tree.getTreeItem(more).label, `Load more (100 of ${total} shown)`);

    // What a person does: expand the package, go to the end of the list, click "Load more".
    await vscode.commands.executeCommand('githubPackages.filter', { text: 'octo-ui' });
    await waitForRow(/No packages match/, { level: 2 });
    await setExpanded('npm', 2);
    await waitForRow('octo-ui', { level: 3 });
    await setExpanded('octo-ui', 3);
    await waitForRow(/^3\.\d+\.0$/, { level: 4 });
    await vscode.commands.executeCommand('githubPackages.packages.focus');
    await driver.press('End');
    const rows = await waitForRow(/^Load more/, { level: 4 });
    assert.strictEqual(rows.find((r) => /^Load more/.test(r.label))!.label, `Load more (100 of ${total} shown)`);
    await clickRow(`Load more (100 of ${total} shown)`, 4);
    await waitUntil(() => api.tree.getChildren(pkg).filter((n) => n.kind === 'version').length === 200, 'the next 100 versions');
    // The list re-renders after the click; End goes to whatever is last when it is pressed, so press until it shows.
    await waitUntil(async () => {
      await vscode.commands.executeCommand('githubPackages.packages.focus');
      await driver.press('End');
      return (await treeRows()).some((r) => r.label === `Load more (200 of ${total} shown)` && r.level === 4);
    }, 'the second "Load more" at the end of the list');
    children = api.tree.getChildren(pkg);
    assert.strictEqual(children.filter((n) => n.kind === 'version').length, 200);
    await driver.screenshot('tree-load-more-light');
  });

  it('shows an error item for one organization answering 500 while the others still show', async () => {
    gh!.setFaults({ rules: [{ path: '^/orgs/acme-corp/packages', status: 500 }] });
    try {
      await vscode.commands.executeCommand('githubPackages.refresh');
      const rows = await waitForRow('GitHub answered 500', { level: 2, timeout: 60_000 });
      const acme = rows.findIndex((r) => r.label === 'acme-corp');
      assert.strictEqual(rows[acme + 1].label, 'GitHub answered 500');
      assert.match(rows[acme + 1].description, /retry/);
      assert.strictEqual(rows[acme + 1].icon, 'codicon-error');
      const octo = rows.findIndex((r) => r.label === 'octo-org');
      assert.ok(rows[octo + 1].level === 2 && rows[octo + 1].label === 'Containers', 'octo-org still lists its packages');
      await driver.screenshot('tree-org-error-light');
    } finally {
      gh!.setFaults(undefined);
    }
    await vscode.commands.executeCommand('githubPackages.refresh');
    await waitForRow('GitHub answered 500', { level: 2, gone: true, timeout: 60_000 });
  });

  it('looks right in the dark theme', async () => {
    await vscode.workspace.getConfiguration('workbench').update('colorTheme', 'Default Dark Modern', vscode.ConfigurationTarget.Global);
    try {
      await waitForRow('Containers', { level: 2 });
      await setExpanded('Containers', 2);
      await waitForRow('hello-world', { level: 3 });
      await setExpanded('npm', 2);
      await new Promise((r) => setTimeout(r, 1000));
      const rows = await treeRows();
      assert.ok(
        rows.filter((r) => r.level === 2).every((r) => r.icon === 'image'),
        'ecosystem icons have dark variants',
      );
      await driver.screenshot('tree-dark');
    } finally {
      await vscode.workspace.getConfiguration('workbench').update('colorTheme', undefined, vscode.ConfigurationTarget.Global);
    }
  });
});
