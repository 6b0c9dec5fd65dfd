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

/**
 * `contextValue`: the node's kind, plus `active`/`deleted` (and `attestation`) for versions; only tokens a `when` clause in package.json
 * reads (`viewItem =~ /^version\b.*\+deleted\b/`). Add a token together with the clause that reads it.
 */
export function contextValueOf(node: TreeNode): string {
  if (node.kind !== 'version') return node.kind;
  // `+untaggable`: an image with several tags, one of which Untag can remove (`viewItem =~ /\+untaggable\b/`).
  const untaggable = !node.deleted && isContainer(node.pkg) && node.version.tags.length > 1;
  // `+attestation`: attestations of tagged images are always refused, so the menu and the Delete key leave them out.
  const attestation = node.parent?.role === 'attestation' ? '+attestation' : '';
  return `version+${node.deleted ? 'deleted' : 'active'}${untaggable ? '+untaggable' : ''}${attestation}`;
}

export function isContainer(pkg: Package): boolean {
  return pkg.packageType === 'container' || pkg.packageType === 'docker';
}
