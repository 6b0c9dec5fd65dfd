/**
 * What a delete request will do, decided before anyone is asked: which versions go (with every tag that goes with
 * them), which are refused and why, in words a person can act on. Pure: the caller supplies the package's active
 * versions and, for containers, the manifest graph of its tagged images.
 */
import { shortDigest, type PackageType, type PackageVersion } from '../github/types';
import type { ManifestGraph, ManifestParent } from './multiArchGuard';

/**
 * Why the plan leaves a version out before GitHub is asked. Not GitHub's own `RefusalReason` (src/github/errors.ts),
 * which says why GitHub refused a call; the first two foresee GitHub's refusals of the same name.
 */
export type PlannedRefusalReason =
  /** Every remaining version was asked for: GitHub refuses the last one; deleting the package is the way. */
  | 'lastVersion'
  /** The last tagged container version: GitHub refuses it. */
  | 'lastTaggedVersion'
  /** An untagged manifest that a tagged image references (platform image or attestation). */
  | 'referencedByTaggedImage'
  /** The tagged images' manifests could not be read, so untagged manifests cannot be told apart: fail closed. */
  | 'manifestsUnreadable'
  /** Not among the package's active versions (already deleted, or not this package's). */
  | 'notActive';

export interface Refusal {
  version: PackageVersion;
  reason: PlannedRefusalReason;
  message: string;
}

export interface PlannedDeletion {
  version: PackageVersion;
  /** Tags that disappear with the version (GitHub has no per-tag delete). */
  tags: string[];
}

export interface DeletePlan {
  /** In the order they will be deleted: tagged images before untagged manifests. */
  toDelete: PlannedDeletion[];
  refusals: Refusal[];
  /** The request covers every remaining version (or the last tagged one): offer deleting the package instead. */
  offerPackageDelete: boolean;
  /** Said before confirming; e.g. that public versions with over 5,000 downloads are refused by GitHub. */
  notes: string[];
}

export interface DeleteRequest {
  pkg: { name: string; packageType: PackageType; visibility: string };
  /** The versions the person asked to delete. */
  selected: readonly PackageVersion[];
  /** Every active version of the package (all pages). */
  active: readonly PackageVersion[];
  /** Containers: the manifests of the tagged images; required when untagged versions are selected. */
  manifests?: ManifestGraph;
}

export function planDeletion(request: DeleteRequest): DeletePlan {
  const { pkg } = request;
  const container = pkg.packageType === 'container' || pkg.packageType === 'docker';
  const activeById = new Map(request.active.map((version) => [version.id, version]));
  const refusals: Refusal[] = [];
  const notes: string[] = [];
  const seen = new Set<number>();
  let wanted: PackageVersion[] = [];
  for (const version of request.selected) {
    if (seen.has(version.id)) continue;
    seen.add(version.id);
    const current = activeById.get(version.id);
    if (current) wanted.push(current);
    else
      refusals.push({
        version,
        reason: 'notActive',
        message: `${label(version, container)} is not an active version of ${pkg.name} any more (already deleted?).`,
      });
  }

  if (wanted.length > 0 && wanted.length >= request.active.length) {
    for (const version of wanted) {
      refusals.push({
        version,
        reason: 'lastVersion',
        message: `${label(version, container)}: these are all the versions of ${pkg.name}, and GitHub refuses to delete the last version of a package. Delete the package instead.`,
      });
    }
    return { toDelete: [], refusals, offerPackageDelete: true, notes };
  }

  let offerPackageDelete = false;
  if (container) {
    const taggedWanted = wanted.filter((version) => version.tags.length > 0);
    const taggedKept = request.active.some((version) => version.tags.length > 0 && !taggedWanted.includes(version));
    if (taggedWanted.length > 0 && !taggedKept) {
      // Keep the newest tagged version: GitHub would refuse whichever tagged version came last anyway.
      const keep = [...taggedWanted].sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.id - a.id)[0];
      wanted = wanted.filter((version) => version !== keep);
      offerPackageDelete = true;
      refusals.push({
        version: keep,
        reason: 'lastTaggedVersion',
        message: `${label(keep, container)} is the last tagged version of ${pkg.name}; GitHub refuses to delete it. Delete the package instead.`,
      });
    }

    const untagged = wanted.filter((version) => version.tags.length === 0);
    if (untagged.length > 0) {
      const graph = request.manifests;
      if (!graph || !graph.ok) {
        const why = graph && !graph.ok ? graph.error.message : 'the image manifests of the tagged versions were not read.';
        for (const version of wanted) {
          refusals.push({
            version,
            reason: 'manifestsUnreadable',
            message: `${label(version, container)}: nothing was deleted because untagged manifests may belong to tagged multi-arch images and ${why}`,
          });
        }
        return { toDelete: [], refusals, offerPackageDelete: false, notes };
      }
      const going = new Set(wanted.map((version) => version.name));
      // Only images that stay tagged protect their children; an image deleted in the same request protects nothing.
      const protectors = graph.images.filter((image) => !going.has(image.digest));
      const protectedBy = new Map<string, { tags: string[]; role: string; platform?: string }>();
      for (const image of protectors) {
        for (const reference of image.references) {
          if (!protectedBy.has(reference.digest))
            protectedBy.set(reference.digest, { tags: image.tags, role: reference.role, platform: reference.platform });
        }
      }
      wanted = wanted.filter((version) => {
        const parent = protectedBy.get(version.name);
        if (!parent) return true;
        const what =
          parent.role === 'attestation'
            ? `the attestation${parent.platform ? ` of the ${parent.platform} image` : ''}`
            : `the ${parent.platform ?? 'platform'} image`;
        refusals.push({
          version,
          reason: 'referencedByTaggedImage',
          message: `${label(version, container)} is ${what} of ${parent.tags.join(', ')}; deleting it would break pulling ${pkg.name}:${parent.tags[0]}.`,
        });
        return false;
      });
    }
  }

  if (pkg.visibility === 'public') {
    notes.push('GitHub refuses to delete public versions downloaded more than 5,000 times; the summary will name any it refuses.');
  }
  // Tagged images first: an interrupted run then leaves harmless untagged leftovers, never an index missing children.
  const toDelete = [...wanted]
    .sort((a, b) => Number(b.tags.length > 0) - Number(a.tags.length > 0))
    .map((version) => ({ version, tags: [...version.tags] }));
  return { toDelete, refusals, offerPackageDelete, notes };
}

/** How a version is named to a person: the version string, or a container's tags (or short digest). */
export function label(version: PackageVersion, container: boolean): string {
  if (!container) return version.name;
  if (version.tags.length > 0) return version.tags.join(', ');
  return shortDigest(version.name);
}

/** How the tree names a version: its version string, its tags, "linux/arm64 of v1" for a child, or a short digest. */
export function versionLabel(version: PackageVersion, container: boolean, parent?: ManifestParent): string {
  if (!container || version.tags.length > 0 || !parent) return label(version, container);
  const of = parent.indexTags.length ? parent.indexTags.join(', ') : shortDigest(parent.indexDigest);
  const platform = parent.platform && !parent.platform.startsWith('unknown') ? parent.platform : undefined;
  return parent.role === 'attestation'
    ? `attestation${platform ? ` for ${platform}` : ''} of ${of}`
    : `${platform ?? 'platform image'} of ${of}`;
}
