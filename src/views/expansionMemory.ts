import * as vscode from 'vscode';
import type { TreeNode } from './nodes';

/** The ids owner, type and package rows carry; expansion is remembered by them. */
export function rowId(node: TreeNode): string | undefined {
  switch (node.kind) {
    case 'owner':
      return `owner:${node.owner.login}`;
    case 'type':
      return `type:${node.owner.login}:${node.packageType}`;
    case 'package':
      return `package:${node.owner.login}:${node.pkg.packageType}:${node.pkg.name}`;
    default:
      return undefined;
  }
}

/**
 * Type and package rows the person expanded. VS Code forgets a row's state when a filter hides it; after a filter
 * change each row renders once from here, so it comes back as it was. Owners are never hidden, so VS Code keeps theirs.
 */
export class ExpansionMemory {
  private readonly expanded = new Set<string>();
  private restoring = new Set<string>();

  note(node: TreeNode, expanded: boolean): void {
    const id = rowId(node);
    if (!id) return;
    if (expanded) {
      if (node.kind !== 'owner') this.expanded.add(id);
      return;
    }
    // Collapsing a row (Collapse All collapses the owners) forgets what was open beneath it.
    const beneath =
      node.kind === 'owner'
        ? [`type:${node.owner.login}:`, `package:${node.owner.login}:`]
        : node.kind === 'type'
          ? [`package:${node.owner.login}:${node.packageType}:`]
          : [];
    for (const remembered of [...this.expanded])
      if (remembered === id || beneath.some((prefix) => remembered.startsWith(prefix))) this.expanded.delete(remembered);
  }

  /** A filter changed: rows it hid or shows again render once as they were; after that VS Code keeps their state. */
  filterChanged(): void {
    this.restoring = new Set(this.expanded);
  }

  state(node: TreeNode): vscode.TreeItemCollapsibleState {
    const id = rowId(node) ?? '';
    const open = node.kind === 'owner' || this.restoring.delete(id);
    return open ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed;
  }

  clear(): void {
    this.expanded.clear();
    this.restoring.clear();
  }
}
