/** What the RegistryService knows about one manifest dependency: pure reads of its state, no requests. */
import { deletedVersionFor, imageVersions, latestVersions, type HostedDependency, type LatestVersions } from '../ecosystems/dependencies';
import type { GitHubError } from '../github/errors';
import type { Owner, Package, PackageRef, PackageVersion } from '../github/types';
import type { OwnerState, VersionsState } from './state';

/** The parts of the RegistryService a dependency's status is read from. */
export interface RegistryReader {
  getOwners(): OwnerState[];
  readonly accountState?: { error?: GitHubError };
  getVersions(ref: PackageRef): VersionsState | undefined;
}

export type DependencyStatus =
  /** Not on GitHub Packages as far as anyone can tell: no decoration at all. */
  | { kind: 'elsewhere' }
  /** The configuration names GitHub's registry, but no listed owner is the one it names. */
  | { kind: 'ownerNotListed'; owner: string }
  /** The owner's listing failed (SAML, scope, no access) or is missing the package. */
  | { kind: 'packageMissing'; owner: Owner; error?: GitHubError }
  /** The package is listed; `versions` is undefined until they are loaded. */
  | { kind: 'package'; owner: Owner; pkg: Package; ref: PackageRef; versions?: VersionsState; resolution?: Resolution };

export type Resolution =
  | { kind: 'semver'; latest: LatestVersions; current?: PackageVersion; deleted?: PackageVersion; missing: boolean }
  | {
      kind: 'image';
      current?: PackageVersion;
      newest?: PackageVersion;
      newestTag?: string;
      newer: boolean;
      deleted?: PackageVersion;
      missing: boolean;
    };

const RESTORE_DAYS = 30;

/** Whether GitHub still restores a version deleted at `deletedAt` (within 30 days). */
export function restorable(version: PackageVersion, now = Date.now()): boolean {
  return version.deletedAt !== undefined && now - Date.parse(version.deletedAt) < RESTORE_DAYS * 86_400_000;
}

/** Finds the package a dependency names among the listed owners and reads what its versions say. */
export function dependencyStatus(dependency: HostedDependency, registry: RegistryReader, owners = registry.getOwners()): DependencyStatus {
  let missing: DependencyStatus | undefined;
  for (const login of dependency.owners) {
    const state = owners.find((candidate) => candidate.owner.login.toLowerCase() === login.toLowerCase());
    if (!state) continue;
    const pkg = state.packages?.find(
      (candidate) =>
        candidate.packageType === dependency.packageType && sameName(candidate.name, dependency.packageName, dependency.packageType),
    );
    if (pkg) {
      const ref: PackageRef = { owner: { login: state.owner.login, kind: state.owner.kind }, type: pkg.packageType, name: pkg.name };
      const versions = registry.getVersions(ref);
      return { kind: 'package', owner: state.owner, pkg, ref, versions, resolution: versions?.active && resolve(dependency, versions) };
    }
    if (state.status === 'error' || state.packages !== undefined)
      missing ??= { kind: 'packageMissing', owner: state.owner, error: state.error };
  }
  if (!dependency.mapped) return { kind: 'elsewhere' };
  return missing ?? (owners.length > 0 ? { kind: 'ownerNotListed', owner: dependency.owners[0] } : { kind: 'elsewhere' });
}

/** NuGet ids are case-insensitive; other names are compared as GitHub lists them. */
function sameName(listed: string, wanted: string, type: Package['packageType']): boolean {
  return type === 'nuget' || type === 'container' ? listed.toLowerCase() === wanted.toLowerCase() : listed === wanted;
}

function resolve(dependency: HostedDependency, versions: VersionsState): Resolution {
  const active = versions.active ?? [];
  const deleted = versions.deleted ?? [];
  if (dependency.packageType === 'container') {
    const image = imageVersions(dependency.version, dependency.digest, active);
    const wanted = (v: PackageVersion) =>
      dependency.digest ? v.name === dependency.digest : v.tags.includes(dependency.version || 'latest');
    const gone = image.current ? undefined : deleted.find(wanted);
    return { kind: 'image', ...image, deleted: gone, missing: !image.current };
  }
  const latest = latestVersions(dependency.ecosystem, dependency.version, active);
  const current = active.find((v) => v.name === (latest.latestMatching ?? dependency.version.trim()));
  const missing = dependency.version.trim() !== '' && !current && (latest.range !== undefined || active.length > 0);
  return {
    kind: 'semver',
    latest,
    current,
    deleted: missing ? deletedVersionFor(dependency.ecosystem, dependency.version, deleted) : undefined,
    missing,
  };
}

/** Whether asking GitHub is pointless now: offline, or not signed in (the cached listing still decorates). */
export function cannotAsk(registry: RegistryReader): boolean {
  const kind = registry.accountState?.error?.kind;
  return kind === 'network' || kind === 'notSignedIn';
}

/** Whether the deleted versions are worth loading: the manifest names a version no active one provides. */
export function needsDeletedVersions(status: DependencyStatus): boolean {
  return status.kind === 'package' && status.resolution?.missing === true && status.versions?.deleted === undefined;
}
