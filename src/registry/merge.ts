/**
 * How a fresh answer from GitHub, or a finished mutation, folds into what is shown. Pure: a failed part keeps
 * what was shown before, so nothing the user saw is blanked by one bad answer.
 */
import { classifyError, GitHubError } from '../github/errors';
import type { Package, PackageRef, PackageType, PackageVersion, VersionState } from '../github/types';
import type { AllPages } from './paging';
import { samePackage, type LoadStatus, type OwnerState, type VersionsState } from './state';

/** One owner's packages, listed type by type; `results[i]` answers `types[i]`. */
export interface ListedPackages {
  types: PackageType[];
  results: PromiseSettledResult<AllPages<Package>>[];
}

/** The versions of one package, listed state by state; `results[i]` answers `states[i]`. */
export interface ListedVersions {
  states: VersionState[];
  results: PromiseSettledResult<AllPages<PackageVersion>>[];
}

/** The merged state, and the failure the caller rethrows when the listing was cancelled. */
export interface Merged<S> {
  state: S;
  cancelled?: GitHubError;
}

/** A type that failed keeps the packages shown before for it; the others are replaced by what GitHub listed. */
export function mergeOwnerListing(current: OwnerState, listed: ListedPackages): Merged<OwnerState> {
  const { types, results } = listed;
  const previous = current.packages ?? [];
  const packages: Package[] = previous.filter((pkg) => !types.includes(pkg.packageType));
  let firstError: GitHubError | undefined;
  let truncated = false;
  results.forEach((result, index) => {
    if (result.status === 'fulfilled') {
      packages.push(...result.value.items);
      truncated ||= result.value.truncated;
    } else {
      firstError ??= asGitHubError(result.reason);
      packages.push(...previous.filter((pkg) => pkg.packageType === types[index]));
    }
  });
  sortPackages(packages);
  if (firstError?.kind === 'cancelled') {
    return { state: { ...current, status: current.packages ? (current.error ? 'error' : 'ok') : 'idle' }, cancelled: firstError };
  }
  if (firstError) {
    const anyLoaded = results.some((result) => result.status === 'fulfilled');
    return { state: { ...current, status: 'error', error: firstError, packages: anyLoaded || current.packages ? packages : undefined } };
  }
  return { state: { owner: current.owner, status: 'ok', packages, fromCache: false, truncated } };
}

/** Each listed state replaces its list; a failed one leaves its list as it was and marks the state failed. */
export function mergeVersionListing(current: VersionsState, listed: ListedVersions): Merged<VersionsState> {
  const next: VersionsState = { ...current, status: 'ok', error: undefined };
  let cancelled: GitHubError | undefined;
  listed.results.forEach((result, index) => {
    if (result.status === 'fulfilled') {
      next[listed.states[index]] = result.value.items;
      if (result.value.truncated) next.truncated = true;
    } else {
      const failure = asGitHubError(result.reason);
      next.status = failure.kind === 'cancelled' ? statusOf(current.active) : 'error';
      if (failure.kind !== 'cancelled') next.error = failure;
      else cancelled ??= failure;
    }
  });
  return { state: next, cancelled };
}

/** Deleted versions move from the active list to the top of the deleted one (when that is loaded). */
export function withVersionsDeleted(state: VersionsState, versionIds: readonly number[], deletedAt: string): VersionsState {
  const gone = new Set(versionIds);
  // Stryker disable next-line ArrayDeclaration: a non-version in place of the empty list matches no id and moves nothing
  const moved = (state.active ?? []).filter((version) => gone.has(version.id)).map((version) => ({ ...version, deletedAt }));
  return {
    ...state,
    active: state.active?.filter((version) => !gone.has(version.id)),
    deleted: state.deleted ? [...moved, ...state.deleted] : undefined,
  };
}

/** A restored version leaves the deleted list and, when known, takes its place among the active ones. */
export function withVersionRestored(state: VersionsState, versionId: number, version: PackageVersion | undefined): VersionsState {
  return {
    ...state,
    deleted: state.deleted?.filter((candidate) => candidate.id !== versionId),
    active:
      state.active && version ? sortVersions([version, ...state.active.filter((candidate) => candidate.id !== versionId)]) : state.active,
  };
}

/** Adds `pkg` or replaces the package `ref` names, keeping the listing's order. */
export function withPackage(packages: readonly Package[] | undefined, ref: PackageRef, pkg: Package): Package[] {
  return sortPackages([...withoutPackage(packages ?? [], ref), pkg]);
}

export function withoutPackage(packages: readonly Package[], ref: PackageRef): Package[] {
  return packages.filter((candidate) => !samePackage(candidate, ref));
}

/** By type, then name: the order the tree shows. Sorts in place and returns the array. */
export function sortPackages(packages: Package[]): Package[] {
  return packages.sort((a, b) =>
    a.packageType === b.packageType ? a.name.localeCompare(b.name) : a.packageType.localeCompare(b.packageType),
  );
}

/** Newest first, as GitHub lists them. Sorts in place and returns the array. */
export function sortVersions(versions: PackageVersion[]): PackageVersion[] {
  return versions.sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.id - a.id);
}

/** What the service reports for any failure: GitHub's classified error, or a server error for the unforeseen. */
export function asGitHubError(error: unknown): GitHubError {
  return classifyError(error) ?? new GitHubError({ kind: 'server', status: 0 }, { operation: 'finish' });
}

export function statusOf(data: unknown): LoadStatus {
  return data ? 'ok' : 'idle';
}
