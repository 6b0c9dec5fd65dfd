/**
 * The Packages tree: which rows exist (owners, types, packages, versions, messages), paging, filtering, expansion
 * memory and repainting, which share the provider's state. Owner and type rows are drawn here (they read that state);
 * the other rows in treeItems.ts, node shapes in nodes.ts, text in model.ts.
 */
import * as vscode from 'vscode';
import type { Owner, Package, PackageVersion } from '../github/types';
import { describeFilter, matchesFilter, PackageFilter, PackagesModel } from './model';
import { contextValueOf, isContainer, type ManifestParent, type OwnerNode, type TreeNode, type TypeNode, TYPE_LABELS } from './nodes';
import { plural } from '../registry/plural';
import { ExpansionMemory, rowId } from './expansionMemory';
import {
  CACHED_NOTE,
  errorMessage,
  escapeMd,
  latestVersionId,
  message,
  noticeMessage,
  renderDeletedGroup,
  renderLoadMore,
  renderMessage,
  renderPackage,
  renderVersion,
  sourceNote,
} from './treeItems';
import { versionLabel } from '../registry/deletePlan';

export const PAGE_SIZE = 100;
/**
 * VS Code shows a tree change at once only when no other came in the last 200 ms; one inside that window waits until
 * 200 ms after the latest, so every change restarts the wait (extHostTreeViews: Event.debounce(…, 200, leading)).
 */
const VSCODE_TREE_DEBOUNCE_MS = 200;

/** Renders what the PackagesModel holds; refreshes on its events and never fetches by itself. */
export class PackagesTreeProvider implements vscode.TreeDataProvider<TreeNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<TreeNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly subscription: { dispose(): void };
  private readonly shownVersions = new Map<number, number>();
  private filter: PackageFilter = {};
  private showDeleted = false;
  private readonly expansion = new ExpansionMemory();
  private selected: readonly TreeNode[] = [];
  /** Set while VS Code's debounce window of our last change is open; a change meanwhile waits for it to close. */
  private windowTimer: ReturnType<typeof setTimeout> | undefined;
  private repaintPending = false;

  constructor(
    private readonly model: PackagesModel,
    private readonly mediaUri: vscode.Uri,
    private readonly manifestParents: (
      owner: Owner,
      pkg: Package,
      active: readonly PackageVersion[],
    ) => Map<string, ManifestParent> | undefined = () => undefined,
    /** Which links from GitHub a tooltip may carry; the extension allows https on GitHub's web host. */
    private readonly linkAllowed: (url: string) => boolean = () => false,
  ) {
    this.subscription = model.onDidChange(() => {
      // The next account starts from a fresh tree, as VS Code shows one after the rows were gone.
      if (!model.signedIn()) this.expansion.clear();
      this.repaint();
    });
  }

  dispose(): void {
    clearTimeout(this.windowTimer);
    this.subscription.dispose();
    this.changed.dispose();
  }

  setFilter(filter: PackageFilter): void {
    this.filter = filter;
    this.expansion.filterChanged();
    this.repaint();
  }

  getFilter(): PackageFilter {
    return this.filter;
  }

  filterDescription(): string | undefined {
    return describeFilter(this.filter);
  }

  setShowDeleted(show: boolean): void {
    this.showDeleted = show;
    this.repaint();
  }

  /** The view's selection, for the keys (Delete, Enter) that act on it; `when` clauses read the first row's tokens. */
  setSelection(nodes: readonly TreeNode[]): void {
    this.selected = nodes;
    void vscode.commands.executeCommand('setContext', 'githubPackages.selectedItem', nodes[0] ? contextValueOf(nodes[0]) : '');
  }

  selection(): readonly TreeNode[] {
    return this.selected;
  }

  /** Expanding a package whose versions failed to load asks again: an outage must not stick until a reload. */
  didExpand(node: TreeNode): void {
    this.expansion.note(node, true);
    if (node.kind === 'package' && this.model.versions(node.owner, node.pkg).state === 'error')
      this.model.loadVersions(node.owner, node.pkg, this.showDeleted);
  }

  didCollapse(node: TreeNode): void {
    this.expansion.note(node, false);
  }

  /** A version named as its row names it ("linux/arm64 of v1"), for pages that list versions outside the tree. */
  labelOf(owner: Owner, pkg: Package, version: PackageVersion): string {
    const active = this.model.versions(owner, pkg).active;
    const parents = isContainer(pkg) && version.tags.length === 0 ? this.manifestParents(owner, pkg, active) : undefined;
    return versionLabel(version, isContainer(pkg), parents?.get(version.name));
  }

  loadMore(pkg: Package): void {
    this.shownVersions.set(pkg.id, (this.shownVersions.get(pkg.id) ?? PAGE_SIZE) + PAGE_SIZE);
    this.repaint();
  }

  /**
   * Tells VS Code the tree changed, so that it draws the change at the earliest moment its debounce allows: at once
   * when its window is closed, else once when the window closes (firing inside it would push the drawing 200 ms
   * past the latest change). Changes meanwhile are drawn together.
   */
  private repaint(): void {
    if (this.windowTimer) {
      this.repaintPending = true;
      return;
    }
    this.changed.fire(undefined);
    // Created just after VS Code's own 200 ms timer (set synchronously by the fire above), so it runs after it.
    this.windowTimer = setTimeout(() => {
      this.windowTimer = undefined;
      if (!this.repaintPending) return;
      this.repaintPending = false;
      this.repaint();
    }, VSCODE_TREE_DEBOUNCE_MS + 1);
  }

  getChildren(node?: TreeNode): TreeNode[] {
    if (!node) return this.roots();
    switch (node.kind) {
      case 'owner':
        return this.ownerChildren(node.owner);
      case 'type':
        return node.packages.map((pkg) => ({ kind: 'package', owner: node.owner, pkg }));
      case 'package':
        return this.versionChildren(node.owner, node.pkg);
      case 'deletedGroup':
        return node.versions.map((version) => ({
          kind: 'version',
          owner: node.owner,
          pkg: node.pkg,
          version,
          deleted: true,
          latest: false,
        }));
      default:
        return [];
    }
  }

  getTreeItem(node: TreeNode): vscode.TreeItem {
    const item = this.render(node);
    item.contextValue = contextValueOf(node);
    return item;
  }

  private roots(): TreeNode[] {
    const pending = this.model.signInPending();
    if (!this.model.signedIn() && !pending) return [];
    const owners = this.model.owners();
    // Before the token is known only the last session's listing is worth showing; with none, the welcome says "Connecting".
    if (pending) return owners.some((o) => o.fromCache) ? owners.map((o): TreeNode => ({ kind: 'owner', owner: o.owner })) : [];
    const nodes: TreeNode[] = [];
    const filter = describeFilter(this.filter);
    if (filter)
      nodes.push(
        message('filter', filter, 'filter', 'click to clear', { command: 'githubPackages.filter', title: 'Clear Filter', arguments: [{}] }),
      );
    const accountError = this.model.accountError();
    if (accountError) nodes.push(errorMessage('account', accountError, owners.length > 0));
    const notice = this.model.notice();
    if (notice && !accountError) nodes.push(noticeMessage(notice));
    if (owners.length === 0 && !accountError) return [...nodes, message('loading-owners', 'Loading your packages…', 'loading')];
    return [...nodes, ...owners.map((o): TreeNode => ({ kind: 'owner', owner: o.owner }))];
  }

  private ownerChildren(owner: Owner): TreeNode[] {
    const listing = this.model.owners().find((o) => o.owner.login === owner.login);
    if (!listing) return [];
    const nodes: TreeNode[] = [];
    if (listing.error) nodes.push(errorMessage(`error-${owner.login}`, listing.error, listing.packages.length > 0));
    if (listing.state === 'loading' && listing.packages.length === 0)
      return [message(`loading-${owner.login}`, 'Loading packages…', 'loading')];
    const visible = listing.packages.filter((p) => matchesFilter(p, this.filter));
    if (listing.state !== 'error' && visible.length === 0) {
      nodes.push(
        listing.packages.length === 0
          ? message(`empty-${owner.login}`, 'No packages yet', 'info', 'Publish this project’s package', {
              command: 'githubPackages.publish',
              title: 'Publish',
            })
          : message(`filtered-${owner.login}`, `No packages match the filter (${listing.packages.length} hidden)`, 'info', undefined, {
              command: 'githubPackages.filter',
              title: 'Change filter',
            }),
      );
      return nodes;
    }
    const byType = new Map<Package['packageType'], Package[]>();
    for (const pkg of visible) byType.set(pkg.packageType, [...(byType.get(pkg.packageType) ?? []), pkg]);
    for (const [packageType, packages] of [...byType].sort((a, b) => TYPE_LABELS[a[0]].localeCompare(TYPE_LABELS[b[0]]))) {
      nodes.push({ kind: 'type', owner, packageType, packages: packages.sort((a, b) => a.name.localeCompare(b.name)) });
    }
    if (listing.truncated)
      nodes.push(message(`truncated-${owner.login}`, 'GitHub lists at most 10,000 packages of a type', 'info', 'some are not shown'));
    return nodes;
  }

  private versionChildren(owner: Owner, pkg: Package): TreeNode[] {
    const listing = this.model.versions(owner, pkg);
    if (listing.state === 'idle' || (listing.state === 'loading' && listing.active.length === 0)) {
      this.model.loadVersions(owner, pkg, this.showDeleted);
      return [message(`loading-${pkg.id}`, 'Loading versions…', 'loading')];
    }
    // The last session's versions stay on screen while GitHub is asked again.
    if (listing.fromCache && listing.state === 'ok') this.model.loadVersions(owner, pkg, this.showDeleted);
    const nodes: TreeNode[] = [];
    if (listing.error) nodes.push(errorMessage(`error-${pkg.id}`, listing.error, listing.active.length > 0));
    const parents = isContainer(pkg) && listing.state === 'ok' ? this.manifestParents(owner, pkg, listing.active) : undefined;
    const sorted = [...listing.active].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
    const limit = this.shownVersions.get(pkg.id) ?? PAGE_SIZE;
    const latestId = latestVersionId(pkg, sorted);
    for (const version of sorted.slice(0, limit)) {
      nodes.push({
        kind: 'version',
        owner,
        pkg,
        version,
        deleted: false,
        latest: version.id === latestId,
        parent: parents?.get(version.name),
      });
    }
    if (sorted.length > limit) nodes.push({ kind: 'loadMore', owner, pkg, shown: limit, total: sorted.length });
    if (listing.truncated)
      nodes.push(message(`truncated-${pkg.id}`, 'GitHub lists at most 10,000 versions', 'info', 'older versions are not shown'));
    if (this.showDeleted) {
      if (listing.deleted === undefined && listing.state === 'ok') this.model.loadVersions(owner, pkg, true);
      else if (listing.deleted && listing.deleted.length > 0) nodes.push({ kind: 'deletedGroup', owner, pkg, versions: listing.deleted });
    }
    if (nodes.length === 0 && listing.state === 'ok') nodes.push(message(`noversions-${pkg.id}`, 'No versions', 'info'));
    return nodes;
  }

  private render(node: TreeNode): vscode.TreeItem {
    switch (node.kind) {
      case 'owner':
        return this.renderOwner(node);
      case 'type':
        return this.renderType(node);
      case 'package':
        return renderPackage(
          node,
          this.expansion.state(node),
          this.model.versions(node.owner, node.pkg).fromCache === true,
          this.linkAllowed,
        );
      case 'version':
        return renderVersion(node, this.linkAllowed);
      case 'deletedGroup':
        return renderDeletedGroup(node);
      case 'loadMore':
        return renderLoadMore(node);
      case 'message':
        return renderMessage(node);
    }
  }

  private renderOwner(node: OwnerNode): vscode.TreeItem {
    const listing = this.model.owners().find((o) => o.owner.login === node.owner.login);
    const item = new vscode.TreeItem(node.owner.login, this.expansion.state(node));
    item.id = rowId(node);
    const role = node.owner.kind === 'viewer' ? 'you' : node.owner.kind === 'org' ? 'organization' : 'user';
    const count = listing?.packages.filter((p) => matchesFilter(p, this.filter)).length;
    const cached = listing?.fromCache === true && listing.packages.length > 0;
    const status =
      cached && count !== undefined
        ? `${plural(count, 'package')} · cached`
        : listing?.state === 'loading'
          ? 'refreshing…'
          : listing?.state === 'error' && listing.packages.length === 0
            ? 'could not list'
            : count !== undefined
              ? plural(count, 'package')
              : undefined;
    item.description = [role, status].filter(Boolean).join(' · ');
    item.iconPath = new vscode.ThemeIcon(node.owner.kind === 'org' ? 'organization' : node.owner.kind === 'viewer' ? 'account' : 'person');
    item.tooltip = new vscode.MarkdownString(
      `**${escapeMd(node.owner.login)}** — ${role}${sourceNote(node.owner)}${cached ? CACHED_NOTE : ''}`,
    );
    return item;
  }

  private renderType(node: TypeNode): vscode.TreeItem {
    const item = new vscode.TreeItem(TYPE_LABELS[node.packageType], this.expansion.state(node));
    item.id = rowId(node);
    item.description = String(node.packages.length);
    item.iconPath = {
      light: vscode.Uri.joinPath(this.mediaUri, 'ecosystems', 'light', `${node.packageType}.svg`),
      dark: vscode.Uri.joinPath(this.mediaUri, 'ecosystems', 'dark', `${node.packageType}.svg`),
    };
    item.tooltip = `${plural(node.packages.length, `${TYPE_LABELS[node.packageType]} package`)} of ${node.owner.login}`;
    return item;
  }
}
