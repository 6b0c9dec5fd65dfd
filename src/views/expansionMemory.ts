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
 * Type and package rows the person expanded. VS Code forgets a row's state when a filter hides it; rendering it from
 * here brings it back as it was. Owners are never hidden by the filter, so VS Code keeps their state itself.
 */
export class ExpansionMemory {
  private readonly expanded = new Set<string>();

  note(node: TreeNode, expanded: boolean): void {
    const id = rowId(node);
    if (!id || node.kind === 'owner') return;
    if (expanded) this.expanded.add(id);
    else this.expanded.delete(id);
  }

  state(node: TreeNode): vscode.TreeItemCollapsibleState {
    const open = node.kind === 'owner' || this.expanded.has(rowId(node) ?? '');
    return open ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed;
  }

  clear(): void {
    this.expanded.clear();
  }
}
