import type { Owner, Package, PackageVersion } from '../../github/types';
import type { TreeNode } from '../../views/nodes';

export interface PackageVersions {
  owner: Owner;
  pkg: Package;
  versions: PackageVersion[];
}

/** The selected version nodes, active or deleted ones only, grouped by package, each version once. */
export function groupByPackage(nodes: readonly TreeNode[], which: 'active' | 'deleted'): PackageVersions[] {
  const groups = new Map<string, PackageVersions>();
  for (const node of nodes) {
    if (node.kind !== 'version' || node.deleted !== (which === 'deleted')) continue;
    const id = `${node.owner.login}/${node.pkg.packageType}/${node.pkg.name}`;
    const group = groups.get(id) ?? { owner: node.owner, pkg: node.pkg, versions: [] };
    if (!group.versions.some((version) => version.id === node.version.id)) group.versions.push(node.version);
    groups.set(id, group);
  }
  return [...groups.values()];
}
