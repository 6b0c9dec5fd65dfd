import type { GitHubError } from '../github/errors';
import { refOf, type Owner, type Package } from '../github/types';
import type { RegistryService } from '../registry/service';
import type { OwnerListing, PackagesModel, VersionListing } from './model';

/** The tree's read-only view of the RegistryService. */
export class RegistryModel implements PackagesModel {
  /** Undefined until the first token look-up answers. */
  private signed: boolean | undefined;

  constructor(private readonly registry: RegistryService) {}

  readonly onDidChange = (listener: () => void): { dispose(): void } => this.registry.onDidChange(() => listener());

  setSignedIn(value: boolean): void {
    this.signed = value;
  }

  signedIn(): boolean {
    return this.signed === true;
  }

  signInPending(): boolean {
    return this.signed === undefined;
  }

  accountError(): GitHubError | undefined {
    return this.registry.accountState.error;
  }

  notice(): GitHubError | undefined {
    return this.registry.accountState.notice;
  }

  owners(): OwnerListing[] {
    return this.registry.getOwners().map((state) => ({
      owner: state.owner,
      state: state.status === 'idle' ? 'loading' : state.status,
      packages: [...(state.packages ?? [])],
      error: state.error,
      fromCache: state.fromCache,
      truncated: state.truncated,
    }));
  }

  versions(owner: Owner, pkg: Package): VersionListing {
    const state = this.registry.getVersions(refOf(owner, pkg));
    if (!state) return { state: 'idle', active: [] };
    return {
      state: state.status,
      active: [...(state.active ?? [])],
      deleted: state.deleted && [...state.deleted],
      error: state.error,
      truncated: state.truncated,
      fromCache: state.fromCache,
    };
  }

  loadVersions(owner: Owner, pkg: Package, includeDeleted: boolean): void {
    void this.registry.loadVersions(refOf(owner, pkg), { state: includeDeleted ? 'all' : 'active' }).catch(() => undefined);
  }
}
