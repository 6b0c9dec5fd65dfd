import * as vscode from 'vscode';
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
    if (!resolution.newest) return vscode.l10n.t('no tagged image');
    const newest = `${resolution.newestTag ?? ''} ${shortDigest(resolution.newest.name)}`.trim();
    return resolution.newer || !resolution.current ? vscode.l10n.t('newest {0}', newest) : vscode.l10n.t('✓ newest {0}', newest);
  }
  const { latest, latestMatching, exact, range } = resolution.latest;
  if (!latest) return vscode.l10n.t('no versions');
  if (range === undefined) return vscode.l10n.t('latest {0}', latest);
  if (!latestMatching) return vscode.l10n.t('latest {0} · none matches', latest);
  if (latestMatching === latest) return vscode.l10n.t('✓ latest {0}', latest);
  return exact ? vscode.l10n.t('latest {0}', latest) : vscode.l10n.t('latest {0} · range gives {1}', latest, latestMatching);
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
    return vscode.l10n.t(
      '{0}: {1} is not in the GitHub Packages view, so this package cannot be checked. Add "{1}" to the githubPackages.owners setting.',
      name,
      status.owner,
    );
  }
  return status.error
    ? vscode.l10n.t('{0}: the packages of {1} could not be read: {2}', name, status.owner.login, status.error.message)
    : vscode.l10n.t(
        '{0} is not on GitHub Packages for {1}, or you have no access to it: ask for access to the package (or its repository), or check the name.',
        name,
        status.owner.login,
      );
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
      ? vscode.l10n.t(' It can be restored until {0}.', new Date(Date.parse(gone.deletedAt!) + 30 * 86_400_000).toDateString())
      : vscode.l10n.t(' It is past the 30 days in which GitHub restores a version.');
    return {
      kind: 'deleted',
      deleted: gone,
      message: vscode.l10n.t('{0} {1} was deleted from GitHub Packages {2}.', name, label(gone, resolution.kind === 'image'), when) + until,
    };
  }
  if (resolution.missing) {
    const latest = resolution.kind === 'image' ? resolution.newestTag : resolution.latest.latest;
    const what =
      resolution.kind === 'image'
        ? analyzed.dependency.digest
          ? vscode.l10n.t('no image {0}', shortDigest(written))
          : vscode.l10n.t('no image tagged {0}', written || 'latest')
        : vscode.l10n.t('no version matching {0}', written);
    const message = latest
      ? vscode.l10n.t('{0}: GitHub Packages has {1} (the latest is {2}).', name, what, latest)
      : vscode.l10n.t('{0}: GitHub Packages has {1}.', name, what);
    return { kind: 'missing', message };
  }
  const target = updateTarget(resolution);
  if (target)
    return {
      kind: 'newer',
      message:
        resolution.kind === 'image'
          ? vscode.l10n.t('{0}: a newer image, {1}, is on GitHub Packages.', name, target)
          : vscode.l10n.t('{0}: a newer version, {1}, is on GitHub Packages.', name, target),
    };
  return undefined;
}
