/** The Packages tree over the current registry: multi-arch labels read in the background, the filter, deleted versions. */
import * as vscode from 'vscode';
import type { Account } from '../account';
import type { Services } from '../commands/services';
import { viewSettings } from '../configuration';
import { GitHubError } from '../github/errors';
import { isGitHubWebUrl } from '../github/hosts';
import { ManifestParents } from './manifestParents';
import type { PackageFilter } from './model';
import { PackagesTreeProvider, setTooltipLinkPolicy } from './packagesTree';

const FILTER_KEY = 'githubPackages.filter';

export interface PackagesView {
  tree: PackagesTreeProvider;
  view: vscode.TreeView<unknown>;
  applyFilter(filter: PackageFilter): void;
}

/** `services` is read only when a multi-arch image is shown, after activation has built it. */
export function registerPackagesView(
  context: vscode.ExtensionContext,
  account: Account,
  viewId: string,
  services: () => Services,
): PackagesView {
  const { auth, current, hosts } = account;
  const manifestParents = new ManifestParents(
    async (owner, pkg, active) => {
      const token = await auth.current();
      if (!token) return { ok: false, error: new GitHubError({ kind: 'notSignedIn', tokenRejected: false }), unreadable: [] };
      // Loaded when a multi-arch image is first shown, not at activation.
      const { readManifestGraph, manifestReader } = await import('../lazyFeatures.js');
      return readManifestGraph(manifestReader(services(), token), { owner: owner.login, name: pkg.name }, active);
    },
    () => current.fire(),
  );
  setTooltipLinkPolicy((url) => isGitHubWebUrl(url, hosts.host()));
  const tree = new PackagesTreeProvider(current, vscode.Uri.joinPath(context.extensionUri, 'media'), (owner, pkg, active) =>
    manifestParents.get(owner, pkg, active),
  );
  const view = vscode.window.createTreeView(viewId, { treeDataProvider: tree, canSelectMany: true, showCollapseAll: true });
  context.subscriptions.push(
    tree,
    view,
    view.onDidExpandElement((event) => tree.didExpand(event.element)),
    view.onDidCollapseElement((event) => tree.didCollapse(event.element)),
    view.onDidChangeSelection((event) => tree.setSelection(event.selection)),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('githubPackages.showDeleted')) tree.setShowDeleted(viewSettings.showDeleted());
    }),
  );
  const applyFilter = (filter: PackageFilter): void => {
    tree.setFilter(filter);
    view.description = tree.filterDescription();
    void context.workspaceState.update(FILTER_KEY, filter);
  };
  applyFilter(context.workspaceState.get<PackageFilter>(FILTER_KEY) ?? {});
  tree.setShowDeleted(viewSettings.showDeleted());
  return { tree, view: view as vscode.TreeView<unknown>, applyFilter };
}
