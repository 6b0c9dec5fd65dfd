import type { GitHubError } from '../github/errors';
import type { Owner, Package, PackageType, PackageVersion } from '../github/types';
import type { ManifestParent } from '../registry/multiArchGuard';

/** How an untagged container manifest relates to a tagged image (read by the multi-arch guard). */
export type { ManifestParent };

/** The tree's nodes: plain data the commands receive when invoked from the view. */
export type TreeNode = OwnerNode | TypeNode | PackageNode | VersionNode | DeletedGroupNode | LoadMoreNode | MessageNode;

export interface OwnerNode {
  kind: 'owner';
  owner: Owner;
}

export interface TypeNode {
  kind: 'type';
  owner: Owner;
  packageType: PackageType;
  packages: Package[];
}

export interface PackageNode {
  kind: 'package';
  owner: Owner;
  pkg: Package;
}

export interface VersionNode {
  kind: 'version';
  owner: Owner;
  pkg: Package;
  version: PackageVersion;
  deleted: boolean;
  latest: boolean;
  parent?: ManifestParent;
}

export interface DeletedGroupNode {
  kind: 'deletedGroup';
  owner: Owner;
  pkg: Package;
  versions: PackageVersion[];
}

export interface LoadMoreNode {
  kind: 'loadMore';
  owner: Owner;
  pkg: Package;
  shown: number;
  total: number;
}

export interface MessageNode {
  kind: 'message';
  id: string;
  label: string;
  detail?: string;
  icon: 'error' | 'warning' | 'info' | 'loading' | 'filter';
  command?: { command: string; title: string; arguments?: unknown[] };
  error?: GitHubError;
}

export const TYPE_LABELS: Record<PackageType, string> = {
  npm: 'npm',
  container: 'Containers',
  maven: 'Maven / Gradle',
  nuget: 'NuGet',
  rubygems: 'RubyGems',
  docker: 'Docker (legacy)',
};

/** `contextValue` tokens matched by `when` clauses such as `viewItem =~ /^version\+container\b.*\+tagged/`. */
export function contextValueOf(node: TreeNode): string {
  switch (node.kind) {
    case 'owner':
      return ['owner', node.owner.kind === 'org' ? 'org' : 'user', node.owner.kind === 'viewer' ? 'self' : ''].filter(Boolean).join('+');
    case 'type':
      return `type+${node.packageType}`;
    case 'package':
      return ['package', node.pkg.packageType, node.pkg.visibility, node.pkg.repository ? 'linked' : 'unlinked'].join('+');
    case 'version': {
      const tokens = ['version', node.pkg.packageType];
      if (node.pkg.packageType === 'container' || node.pkg.packageType === 'docker') tokens.push(node.version.tags.length ? 'tagged' : 'untagged');
      if (node.latest) tokens.push('latest');
      if (node.parent) tokens.push(node.parent.role === 'platform' ? 'child' : 'attestation');
      tokens.push(node.deleted ? 'deleted' : 'active');
      return tokens.join('+');
    }
    case 'deletedGroup':
      return 'deletedGroup';
    case 'loadMore':
      return 'loadMore';
    case 'message':
      return node.error ? `message+error+${node.error.kind}` : 'message';
  }
}

export function shortDigest(name: string): string {
  const m = /^sha256:([0-9a-f]{12})/.exec(name);
  return m ? `sha256:${m[1]}` : name;
}

export function isContainer(pkg: Package): boolean {
  return pkg.packageType === 'container' || pkg.packageType === 'docker';
}
