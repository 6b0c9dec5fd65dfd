import type { GitHubError } from '../github/errors';
import type { Owner, Package, PackageType, PackageVersion } from '../github/types';

/** What the tree reads: a view of the RegistryService, so the tree renders and never fetches by itself. */
export interface PackagesModel {
  readonly onDidChange: (listener: () => void) => { dispose(): void };
  signedIn(): boolean;
  /** True until the token has been looked up once: the last session's listing is shown meanwhile. */
  signInPending(): boolean;
  /** A failure of the whole account (token rejected, GitHub unreachable) shown instead of the owners. */
  accountError(): GitHubError | undefined;
  /** Something worth saying that does not stop the listing (organizations hidden without read:org). */
  notice(): GitHubError | undefined;
  owners(): OwnerListing[];
  versions(owner: Owner, pkg: Package): VersionListing;
  /** Starts loading versions of `pkg` if they are not loaded; the change event tells when they are. */
  loadVersions(owner: Owner, pkg: Package, includeDeleted: boolean): void;
}

export type LoadState = 'loading' | 'ok' | 'error';

export interface OwnerListing {
  owner: Owner;
  state: LoadState;
  packages: Package[];
  error?: GitHubError;
  /** The packages come from the last session and GitHub has not confirmed them yet. */
  fromCache?: boolean;
  /** GitHub lists at most 10,000 packages of a type; some are missing. */
  truncated?: boolean;
}

export interface VersionListing {
  state: LoadState | 'idle';
  active: PackageVersion[];
  deleted?: PackageVersion[];
  error?: GitHubError;
  /** The active versions come from the last session and GitHub has not confirmed them yet. */
  fromCache?: boolean;
  /** GitHub lists at most 10,000 versions; the oldest are missing. */
  truncated?: boolean;
}

export interface PackageFilter {
  text?: string;
  types?: PackageType[];
  visibility?: 'public' | 'private' | 'internal';
}

export function describeFilter(filter: PackageFilter): string | undefined {
  const parts: string[] = [];
  if (filter.text) parts.push(`“${filter.text}”`);
  if (filter.types?.length) parts.push(filter.types.join(', '));
  if (filter.visibility) parts.push(filter.visibility);
  return parts.length ? `Filter: ${parts.join(' · ')}` : undefined;
}

export function matchesFilter(pkg: Package, filter: PackageFilter): boolean {
  if (filter.text && !pkg.name.toLowerCase().includes(filter.text.toLowerCase())) return false;
  if (filter.types?.length && !filter.types.includes(pkg.packageType)) return false;
  if (filter.visibility && pkg.visibility !== filter.visibility) return false;
  return true;
}
