/** What the RegistryService holds and hands to the UI: per-owner listings, per-package versions, the account. */
import type { GitHubError } from '../github/errors';
import type { Owner, Package, PackageRef, PackageVersion, Viewer } from '../github/types';

export type LoadStatus = 'idle' | 'loading' | 'ok' | 'error';

export interface OwnerState {
  owner: Owner;
  /** `error` means the last refresh failed; `packages` then still holds what was shown before. */
  status: LoadStatus;
  /** All packages of the listed types, sorted by type then name; `undefined` until the first listing arrives. */
  packages: readonly Package[] | undefined;
  error?: GitHubError;
  /** The packages come from the last session and have not been confirmed by GitHub yet. */
  fromCache: boolean;
  /** GitHub serves at most 10,000 items per listing; some packages are missing. */
  truncated?: boolean;
}

export interface VersionsState {
  ref: PackageRef;
  status: LoadStatus;
  /** Newest first, as GitHub lists them. */
  active: readonly PackageVersion[] | undefined;
  /** Loaded on request (`loadVersions(ref, { state: 'deleted' | 'all' })`). */
  deleted: readonly PackageVersion[] | undefined;
  error?: GitHubError;
  truncated?: boolean;
  /** The active versions come from the last session and have not been confirmed by GitHub yet. */
  fromCache?: boolean;
}

export interface AccountState {
  status: LoadStatus;
  viewer: Viewer | undefined;
  /** Sign-in level failure (not signed in, token rejected, network): shown instead of the owners' errors. */
  error?: GitHubError;
  /** Something worth saying that does not stop the listing, e.g. organizations hidden without `read:org`. */
  notice?: GitHubError;
}

/** What changed; the tree refreshes from the named owner (or package) down, or everything when none is named. */
export interface RegistryChange {
  owner?: string;
  package?: PackageRef;
}

export interface WorkspaceInputs {
  /** Texts of the workspace's package.json files. */
  packageJsonTexts?: readonly string[];
  /** Texts of the workspace's .git/config files. */
  gitConfigTexts?: readonly string[];
}

/** Logins are case-insensitive on GitHub. */
export function ownerKey(login: string): string {
  return login.toLowerCase();
}

export function packageKey(ref: PackageRef): string {
  return `${ownerKey(ref.owner.login)}/${ref.type}/${ref.name}`;
}

export function samePackage(pkg: Package, ref: PackageRef): boolean {
  return pkg.packageType === ref.type && pkg.name === ref.name;
}
