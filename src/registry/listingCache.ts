/** The last session's listing, kept so the next start shows it at once while GitHub is asked again. */
import type { Owner, OwnerKind, Package, Viewer } from '../github/types';
import type { CacheStore } from './cache';
import { ownerKey, type OwnerState } from './state';

const CACHE_VERSION = 1;

export type AccountKinds = Record<string, Exclude<OwnerKind, 'viewer'>>;

interface CachedListing {
  version: typeof CACHE_VERSION;
  viewer: Viewer;
  owners: Owner[];
  packages: Record<string, { items: Package[] }>;
  accountKinds: AccountKinds;
}

/** What the service starts from: the account, memberships, resolved account kinds and each owner's packages. */
export interface RestoredListing {
  viewer: Viewer;
  memberships: Owner[];
  accountKinds: AccountKinds;
  ownerStates: OwnerState[];
}

export class ListingCache {
  private readonly key: string;

  /** `scope` separates caches of different hosts, e.g. the API URL. */
  constructor(
    private readonly store: CacheStore | undefined,
    scope: string,
  ) {
    this.key = `githubPackages.registry.v${CACHE_VERSION}:${scope}`;
  }

  read(): RestoredListing | undefined {
    const cached = this.store?.get<CachedListing>(this.key);
    if (!cached || cached.version !== CACHE_VERSION) return undefined;
    return {
      viewer: cached.viewer,
      memberships: cached.owners.filter((owner) => owner.source === 'membership'),
      accountKinds: { ...cached.accountKinds },
      ownerStates: cached.owners.map((owner) => {
        const listing = cached.packages[ownerKey(owner.login)];
        return { owner, status: listing ? 'ok' : 'idle', packages: listing?.items, fromCache: true };
      }),
    };
  }

  async write(viewer: Viewer, ownerStates: Iterable<OwnerState>, accountKinds: AccountKinds): Promise<void> {
    // Stryker disable next-line ConditionalExpression: without a store the write below fails inside its try and is dropped alike
    if (!this.store) return;
    const owners: Owner[] = [];
    const packages: CachedListing['packages'] = {};
    for (const state of ownerStates) {
      owners.push(state.owner);
      if (state.packages) packages[ownerKey(state.owner.login)] = { items: [...state.packages] };
    }
    const listing: CachedListing = { version: CACHE_VERSION, viewer, owners, packages, accountKinds };
    try {
      await this.store.update(this.key, listing);
    } catch {
      // A cache that cannot be written only costs the next start its instant listing.
    }
  }
}
