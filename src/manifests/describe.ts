import type { PackageVersion } from '../github/types';
import { restorable, type DependencyStatus, type Resolution } from '../registry/dependencyStatus';
import { label } from '../registry/deletePlan';
import { shortDigest } from '../github/types';
import { relativeTime } from '../views/relativeTime';
import type { AnalyzedDependency } from './analyzer';

export type PackageStatus = Extract<DependencyStatus, { kind: 'package' }>;

/** The text beside a dependency: the latest version on GitHub Packages, and what the range resolves to when that differs. */
export function hintLabel(resolution: Resolution): string {
  if (resolution.kind === 'image') {
    if (!resolution.newest) return 'no tagged image';
    const newest = `${resolution.newestTag ?? ''} ${shortDigest(resolution.newest.name)}`.trim();
    return resolution.newer || !resolution.current ? `newest ${newest}` : `✓ newest ${newest}`;
  }
  const { latest, latestMatching, exact, range } = resolution.latest;
  if (!latest) return 'no versions';
  if (range === undefined) return `latest ${latest}`;
  if (!latestMatching) return `latest ${latest} · none matches`;
  if (latestMatching === latest) return `✓ latest ${latest}`;
  return exact ? `latest ${latest}` : `latest ${latest} · range gives ${latestMatching}`;
}

/** The newer version an update moves to: for a range, the latest overall; for an image, the newest tag. */
export function updateTarget(resolution: Resolution | undefined): string | undefined {
  if (!resolution) return undefined;
  if (resolution.kind === 'image') return resolution.newer || resolution.missing ? resolution.newestTag : undefined;
  const { latest, latestMatching } = resolution.latest;
  return latest && (resolution.latest.newer || resolution.missing) && latest !== latestMatching ? latest : undefined;
}

/** Why a package cannot be seen, in words that say what to do. */
export function missingReason(status: Extract<DependencyStatus, { kind: 'packageMissing' | 'ownerNotListed' }>, name: string): string {
  if (status.kind === 'ownerNotListed') {
    return `${name}: ${status.owner} is not in the GitHub Packages view, so this package cannot be checked. Add "${status.owner}" to the githubPackages.owners setting.`;
  }
  return status.error
    ? `${name}: the packages of ${status.owner.login} could not be read: ${status.error.message}`
    : `${name} is not on GitHub Packages for ${status.owner.login}, or you have no access to it: ask for access to the package (or its repository), or check the name.`;
}

/** The problem a diagnostic reports about a listed package, if any. */
export function versionProblem(
  analyzed: AnalyzedDependency,
  status: PackageStatus,
): { message: string; kind: 'deleted' | 'missing' | 'newer'; deleted?: PackageVersion } | undefined {
  const resolution = status.resolution;
  const name = analyzed.dependency.name;
  if (!resolution) return undefined;
  const written = analyzed.dependency.digest ?? analyzed.dependency.version;
  if (resolution.deleted) {
    const gone = resolution.deleted;
    const when = relativeTime(gone.deletedAt);
    const until = restorable(gone)
      ? ` It can be restored until ${new Date(Date.parse(gone.deletedAt!) + 30 * 86_400_000).toDateString()}.`
      : ' It is past the 30 days in which GitHub restores a version.';
    return {
      kind: 'deleted',
      deleted: gone,
      message: `${name} ${label(gone, resolution.kind === 'image')} was deleted from GitHub Packages ${when}.${until}`,
    };
  }
  if (resolution.missing) {
    const latest = resolution.kind === 'image' ? resolution.newestTag : resolution.latest.latest;
    const what =
      resolution.kind === 'image'
        ? analyzed.dependency.digest
          ? `no image ${shortDigest(written)}`
          : `no image tagged ${written || 'latest'}`
        : `no version matching ${written}`;
    return { kind: 'missing', message: `${name}: GitHub Packages has ${what}${latest ? ` (the latest is ${latest})` : ''}.` };
  }
  const target = updateTarget(resolution);
  if (target)
    return {
      kind: 'newer',
      message: `${name}: a newer ${resolution.kind === 'image' ? 'image' : 'version'}, ${target}, is on GitHub Packages.`,
    };
  return undefined;
}
