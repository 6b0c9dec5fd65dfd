/**
 * The RegistryService: the single source of truth the UI reads. It knows owners, their packages and package
 * versions; shows the last session's listing at once and refreshes it in the background; and routes every
 * mutation through itself so the cache and one change event stay in step.
 * Longer than most files because loading and mutations share one in-memory state and one change event; what
 * stands alone lives beside it: merge.ts (pure merges), ownerComposition.ts, listingCache.ts, singleFlight.ts,
 * versionDelete.ts (the bulk-delete loop).
 */
import { setMaxListeners } from 'node:events';
import { GitHubError } from '../github/errors';
import { missingScopes } from '../github/scopes';
import type { PackagesApi } from '../github/packages';
import {
  PACKAGE_TYPES,
  refOf,
  type Owner,
  type OwnerRef,
  type Package,
  type PackageRef,
  type PackageType,
  type PackageVersion,
  type Page,
  type VersionState,
  type Viewer,
} from '../github/types';
import type { CacheStore } from './cache';
import { Emitter, type Disposable, type Event } from './events';
import { GITHUB_CONCURRENCY, Limiter } from './limiter';
import { ListingCache, type AccountKinds } from './listingCache';
import {
  asGitHubError,
  mergeOwnerListing,
  mergeVersionListing,
  statusOf,
  withoutPackage,
  withPackage,
  withVersionRestored,
  withVersionsDeleted,
  type ListedPackages,
  type ListedVersions,
} from './merge';
import { composeOwners, ownerStatesFor, workspaceOwnerLogins } from './ownerComposition';
import { fetchAllPages, type AllPages } from './paging';
import { VersionCache } from './versionCache';
import { SingleFlight } from './singleFlight';
import {
  ownerKey,
  packageKey,
  samePackage,
  type AccountState,
  type OwnerState,
  type RegistryChange,
  type VersionsState,
  type WorkspaceInputs,
} from './state';
import { deleteVersionsInTurn, type BulkResult } from './versionDelete';

export type { AccountState, LoadStatus, OwnerState, RegistryChange, VersionsState, WorkspaceInputs } from './state';
export type { BulkResult } from './versionDelete';

export interface RegistryServiceOptions {
  api: PackagesApi;
  /** Separates caches of different hosts, e.g. the API URL. */
  cacheScope: string;
  cache?: CacheStore;
  packageTypes?: readonly PackageType[];
  /** The `githubPackages.owners` setting. */
  extraOwners?: readonly string[];
  workspace?: WorkspaceInputs;
  /** Host of the web UI, to recognise GitHub remotes (default github.com). */
  webHost?: string;
  /** Most GitHub calls in flight at once (default `GITHUB_CONCURRENCY`, 50; GitHub allows 100). */
  concurrency?: number;
  /** Page size (default 100, GitHub's maximum). */
  perPage?: number;
}

export interface MutationOptions {
  signal?: AbortSignal;
}

type PagingOptions = { page: number; perPage: number; signal: AbortSignal };

export class RegistryService implements Disposable {
  private readonly changes = new Emitter<RegistryChange>();
  /** Fires after state changed; one event per mutation. */
  readonly onDidChange: Event<RegistryChange> = this.changes.event;

  private readonly api: PackagesApi;
  private readonly cache: ListingCache;
  private readonly versionCache: VersionCache;
  private readonly limiter: Limiter;
  private readonly perPage: number;
  private readonly webHost: string;
  private readonly lifetime = new AbortController();

  private packageTypes: readonly PackageType[];
  private extraOwners: readonly string[];
  private workspace: WorkspaceInputs;

  private account: AccountState = { status: 'idle', viewer: undefined };
  private memberships: Owner[] = [];
  private accountKinds: AccountKinds = {};
  private ownerStates = new Map<string, OwnerState>();
  private readonly versionStates = new Map<string, VersionsState>();
  private readonly refreshes = new SingleFlight<'account', void>();
  private readonly ownerRefreshes = new SingleFlight<string, OwnerState>();
  private readonly versionLoads = new SingleFlight<string, VersionsState>();

  constructor(options: RegistryServiceOptions) {
    this.api = options.api;
    this.cache = new ListingCache(options.cache, options.cacheScope);
    this.versionCache = new VersionCache(options.cache, `githubPackages.versions.v1:${options.cacheScope}`);
    this.limiter = new Limiter(options.concurrency ?? GITHUB_CONCURRENCY);
    this.perPage = options.perPage ?? 100;
    this.webHost = options.webHost ?? 'github.com';
    this.packageTypes = options.packageTypes ?? PACKAGE_TYPES;
    // Stryker disable next-line ArrayDeclaration: a default entry that is no login is skipped by composeOwners like none
    this.extraOwners = options.extraOwners ?? [];
    this.workspace = options.workspace ?? {};
    // Every in-flight call listens for cancellation; hundreds at once are expected, not a leak.
    setMaxListeners(0, this.lifetime.signal);
    this.restoreFromCache();
  }

  get accountState(): AccountState {
    return this.account;
  }

  get viewer(): Viewer | undefined {
    return this.account.viewer;
  }

  /** Owners in display order: you, your organizations, owners from settings, owners found in the workspace. */
  getOwners(): OwnerState[] {
    return [...this.ownerStates.values()].map((state) => this.filtered(state));
  }

  getOwner(login: string): OwnerState | undefined {
    const state = this.ownerStates.get(ownerKey(login));
    return state && this.filtered(state);
  }

  getPackages(login: string): readonly Package[] | undefined {
    return this.getOwner(login)?.packages;
  }

  /** What is known of a package's versions; the last session's active versions until a load replaces them. */
  getVersions(ref: PackageRef): VersionsState | undefined {
    const id = packageKey(ref);
    const known = this.versionStates.get(id);
    if (known) return known;
    const cached = this.versionCache.get(id);
    if (!cached) return undefined;
    const restored: VersionsState = { ref, status: 'ok', active: cached.items, deleted: undefined, fromCache: true };
    this.versionStates.set(id, restored);
    return restored;
  }

  setPackageTypes(types: readonly PackageType[]): void {
    const widened = types.some((type) => !this.packageTypes.includes(type));
    this.packageTypes = types;
    this.changes.fire({});
    if (widened) void this.refreshAllOwners().catch(() => undefined);
  }

  setExtraOwners(logins: readonly string[]): void {
    this.extraOwners = logins;
    void this.recomposeOwners().catch(() => undefined);
  }

  setWorkspace(inputs: WorkspaceInputs): void {
    this.workspace = inputs;
    void this.recomposeOwners().catch(() => undefined);
  }

  /**
   * Refreshes everything: the account, the owners and each owner's packages. The cached listing stays visible
   * while this runs and when it fails. Concurrent calls share one refresh.
   */
  refresh(options: { signal?: AbortSignal } = {}): Promise<void> {
    return this.refreshes.run('account', () => this.doRefresh(this.signal(options.signal)));
  }

  private async doRefresh(signal: AbortSignal): Promise<void> {
    // One event now says what is being refreshed; VS Code delays a tree change that follows another within 200 ms,
    // so the listing's own event, one round trip or two later, must not come right after a second "loading" event.
    const statusesBefore = this.markOwnersLoading();
    const shownError = this.account.error;
    this.account = { ...this.account, status: 'loading', error: undefined };
    if (shownError || [...statusesBefore.values()].some((status) => status !== 'loading')) this.changes.fire({});
    // Neither call needs the other's answer: asking both at once saves a round trip at every start.
    const memberships = this.allPages(signal, (paging) => this.api.listViewerOrgsPage(paging));
    memberships.catch(() => undefined);
    // `/user/packages` needs no login either, so your own packages load in the same round as the account.
    const known = this.account.viewer && this.ownerStates.get(ownerKey(this.account.viewer.login))?.packages;
    const ownListing = this.listOwnerPackages({ login: '', kind: 'viewer' }, signal, known);
    let viewer: Viewer;
    try {
      viewer = await this.limiter.run(() => this.api.getViewer({ signal }), signal);
    } catch (error) {
      const failure = asGitHubError(error);
      const cancelled = failure.kind === 'cancelled';
      const status = cancelled ? statusOf(this.account.viewer) : 'error';
      this.account = { ...this.account, status, error: cancelled ? undefined : failure };
      this.restoreOwnerStatuses(statusesBefore);
      this.changes.fire({});
      if (cancelled) throw failure;
      return;
    }
    const switched = this.account.viewer !== undefined && ownerKey(this.account.viewer.login) !== ownerKey(viewer.login);
    if (switched) {
      // Another account: the previous one's listing must not be shown under it.
      this.ownerStates.clear();
      this.versionStates.clear();
      void this.versionCache.clear();
      this.memberships = [];
    }
    const noticeBefore = this.account.notice;
    this.account = { status: 'ok', viewer, notice: undefined };
    let recomposed: boolean;
    try {
      await this.loadMemberships(viewer, memberships);
      recomposed = await this.recomposeOwners(signal, false);
    } catch (error) {
      // Cancelled before any owner was listed: each shows what it showed before, not "loading" for good.
      this.restoreOwnerStatuses(statusesBefore);
      this.changes.fire({});
      throw error;
    }
    if (switched || recomposed || this.account.notice?.message !== noticeBefore?.message) this.changes.fire({});
    await Promise.all([this.refreshAllOwners(signal, { login: viewer.login, listing: ownListing }), this.reloadLoadedVersions(signal)]);
    await this.persist();
  }

  /**
   * Reloads, all at once, the versions of every package whose versions were asked for (shown, or failed to load),
   * so a refresh shows versions deleted or published elsewhere and ends an outage's error.
   */
  private async reloadLoadedVersions(signal: AbortSignal): Promise<void> {
    const loaded = [...this.versionStates.values()].filter((state) => state.status !== 'idle');
    const results = await Promise.allSettled(
      loaded.map((state) => this.loadVersions(state.ref, { state: state.deleted ? 'all' : 'active', signal })),
    );
    // Stryker disable next-line LogicalOperator: a version load rejects only when cancelled, so either half alone finds the same result
    const cancelled = results.find((result) => result.status === 'rejected' && asGitHubError(result.reason).kind === 'cancelled');
    if (cancelled) throw (cancelled as PromiseRejectedResult).reason;
  }

  private async loadMemberships(viewer: Viewer, memberships: Promise<{ items: Owner[] }>): Promise<void> {
    try {
      this.memberships = (await memberships).items;
      const lacking = viewer.scopes ? missingScopes('orgs', viewer.scopes)[0] : undefined;
      if (lacking) {
        // GitHub then lists only public memberships; say why an organization may be missing.
        const detail = { kind: 'scopeMissing', scope: lacking, granted: viewer.scopes ?? [] } as const;
        this.account = { ...this.account, notice: new GitHubError(detail, { operation: 'list all your organizations' }) };
      }
    } catch (error) {
      const failure = asGitHubError(error);
      if (failure.kind === 'cancelled') throw failure;
      // Degrade, never fail: keep the organizations known before and carry on with the rest.
      this.account = { ...this.account, notice: failure };
    }
  }

  /** Lists every package of one owner across all listed types at once. Never blanks what is shown on failure. */
  refreshOwner(login: string, options: { signal?: AbortSignal } = {}): Promise<OwnerState> {
    const id = ownerKey(login);
    return this.ownerRefreshes.run(id, () => this.doRefreshOwner(id, this.signal(options.signal)));
  }

  private async doRefreshOwner(id: string, signal: AbortSignal, prefetched?: Promise<ListedPackages>): Promise<OwnerState> {
    const before = this.ownerStates.get(id);
    if (!before) throw new GitHubError({ kind: 'notFound' }, { operation: `list packages of ${id} (not a listed owner)` });
    this.ownerStates.set(id, { ...before, status: 'loading' });
    if (before.status !== 'loading') this.changes.fire({ owner: before.owner.login });

    const listed = await (prefetched ?? this.listOwnerPackages(before.owner, signal, before.packages));
    const { state: next, cancelled } = mergeOwnerListing(this.ownerStates.get(id) ?? before, listed);
    if (this.ownerStates.get(id) === undefined) return next;
    this.ownerStates.set(id, next);
    this.changes.fire({ owner: next.owner.login });
    if (cancelled) throw cancelled;
    if (!this.refreshes.has('account')) await this.persist();
    return this.filtered(next);
  }

  /**
   * Every listed type at once; each type pages on its own (first page, then the rest together). `known`: the packages
   * listed last time, whose pages are asked for with the first.
   */
  private async listOwnerPackages(owner: OwnerRef, signal: AbortSignal, known?: readonly Package[]): Promise<ListedPackages> {
    const types = [...this.packageTypes];
    const results = await Promise.allSettled(
      types.map((type) =>
        this.allPages(
          signal,
          (paging) => this.api.listPackagesPage(owner, type, paging),
          known?.filter((pkg) => pkg.packageType === type).length,
        ),
      ),
    );
    return { types, results };
  }

  private async refreshAllOwners(signal?: AbortSignal, prefetched?: { login: string; listing: Promise<ListedPackages> }): Promise<void> {
    const ids = [...this.ownerStates.keys()];
    const results = await Promise.allSettled(
      ids.map((id) => {
        const listing = prefetched && id === ownerKey(prefetched.login) ? prefetched.listing : undefined;
        return this.ownerRefreshes.run(id, () => this.doRefreshOwner(id, this.signal(signal), listing));
      }),
    );
    const cancelled = results.find(
      // Stryker disable next-line LogicalOperator: an owner's listing rejects only when cancelled, so either half alone finds the same
      (result): result is PromiseRejectedResult => result.status === 'rejected' && asGitHubError(result.reason).kind === 'cancelled',
    );
    if (cancelled) throw cancelled.reason;
  }

  /** Lists the versions of a package: active, deleted, or both. Keeps what was shown when it fails. */
  loadVersions(ref: PackageRef, options: { state?: VersionState | 'all'; signal?: AbortSignal } = {}): Promise<VersionsState> {
    const which = options.state ?? 'active';
    return this.versionLoads.run(`${packageKey(ref)}#${which}`, () => this.doLoadVersions(ref, which, this.signal(options.signal)));
  }

  private async doLoadVersions(ref: PackageRef, which: VersionState | 'all', signal: AbortSignal): Promise<VersionsState> {
    const id = packageKey(ref);
    // Stryker disable next-line StringLiteral: this status is never shown: "loading" replaces it at once and the merge sets its own
    const before = this.getVersions(ref) ?? { ref, status: 'idle', active: undefined, deleted: undefined };
    this.versionStates.set(id, { ...before, status: 'loading' });
    // Versions on screen stay as they are while they load again: no event, so the one with the answer shows at once.
    if (!before.active?.length) this.changes.fire({ owner: ref.owner.login, package: ref });
    const states: VersionState[] = which === 'all' ? ['active', 'deleted'] : [which];
    const results = await Promise.allSettled(
      states.map((state) =>
        this.allPages(
          signal,
          (paging) => this.api.listVersionsPage(ref, { state, ...paging }),
          (state === 'active' ? before.active : before.deleted)?.length,
        ),
      ),
    );
    const listed: ListedVersions = { states, results };
    const { state: next, cancelled } = mergeVersionListing(this.versionStates.get(id) ?? before, listed);
    const confirmed = next.status === 'ok' && states.includes('active');
    if (confirmed) next.fromCache = false;
    this.versionStates.set(id, next);
    if (confirmed && next.active) void this.versionCache.put(id, next.active);
    this.changes.fire({ owner: ref.owner.login, package: ref });
    if (cancelled) throw cancelled;
    return next;
  }

  /**
   * Deletes versions one after another (see `deleteVersionsInTurn`): a DELETE whose answer was lost is checked
   * against the version's state, not reported as failed. Cancelling stops before the next version; the one in flight
   * finishes, so the result says exactly what happened.
   */
  async deleteVersions(
    ref: PackageRef,
    versionIds: readonly number[],
    options: MutationOptions & { onProgress?: (done: number, total: number) => void } = {},
  ): Promise<BulkResult> {
    const cancel = this.signal(options.signal);
    const lifetime = this.lifetime.signal;
    const result = await deleteVersionsInTurn(this.api, this.limiter, ref, versionIds, {
      cancel,
      lifetime,
      onProgress: options.onProgress,
    });
    if (result.succeeded.length > 0) {
      const deletedAt = new Date().toISOString();
      this.updateVersions(ref, (state) => withVersionsDeleted(state, result.succeeded, deletedAt));
      this.updatePackage(ref, (pkg) => ({
        ...pkg,
        versionCount: Math.max(0, pkg.versionCount - result.succeeded.length),
        updatedAt: deletedAt,
      }));
      await this.commit({ owner: ref.owner.login, package: ref });
    }
    return result;
  }

  async deletePackage(ref: PackageRef, options: MutationOptions = {}): Promise<void> {
    const signal = this.signal(options.signal);
    await this.limiter.run(() => this.api.deletePackage(ref, { signal }), signal);
    this.versionStates.delete(packageKey(ref));
    void this.versionCache.delete(packageKey(ref));
    const state = this.ownerStates.get(ownerKey(ref.owner.login));
    if (state?.packages) this.ownerStates.set(ownerKey(ref.owner.login), { ...state, packages: withoutPackage(state.packages, ref) });
    await this.commit({ owner: ref.owner.login });
  }

  /**
   * Changes a REPOSITORY's visibility (`PATCH /repos/{owner}/{repo}`) — for a repository-scoped package that is the
   * package's visibility — then re-reads the package so the listing shows it. Callers must say the whole repository
   * changes before calling.
   */
  async setRepositoryVisibility(
    ref: PackageRef,
    repo: { owner: string; name: string },
    visibility: 'public' | 'private' | 'internal',
    options: MutationOptions = {},
  ): Promise<Package | undefined> {
    const signal = this.signal(options.signal);
    await this.limiter.run(() => this.api.setRepositoryVisibility(repo, visibility, { signal }), signal);
    // Every listed package of that repository follows it; re-read them all, then fire once.
    const fullName = `${repo.owner}/${repo.name}`.toLowerCase();
    // Stryker disable next-line ArrayDeclaration: with no listing nothing is linked; a non-package there has no repository either.
    const listed = this.ownerStates.get(ownerKey(ref.owner.login))?.packages ?? [];
    const linked = listed.filter((pkg) => pkg.repository?.fullName.toLowerCase() === fullName && !samePackage(pkg, ref));
    const refs = [ref, ...linked.map((pkg) => refOf(ref.owner, pkg))];
    const reread = await Promise.all(refs.map((one) => this.tryGetPackage(one, signal)));
    reread.forEach((pkg, i) => pkg && this.upsertPackage(refs[i], pkg));
    await this.commit({ owner: ref.owner.login });
    return reread[0];
  }

  /** Re-reads one package (e.g. after its visibility was changed on GitHub's settings page) and fires one event. */
  async refreshPackage(ref: PackageRef, options: MutationOptions = {}): Promise<Package | undefined> {
    const signal = this.signal(options.signal);
    const pkg = await this.tryGetPackage(ref, signal);
    if (pkg) this.upsertPackage(ref, pkg);
    await this.commit({ owner: ref.owner.login });
    return pkg;
  }

  async restorePackage(ref: PackageRef, options: MutationOptions & { token?: string } = {}): Promise<Package | undefined> {
    const signal = this.signal(options.signal);
    await this.limiter.run(() => this.api.restorePackage(ref, { signal, token: options.token }), signal);
    const restored = await this.tryGetPackage(ref, signal);
    if (restored) this.upsertPackage(ref, restored);
    await this.commit({ owner: ref.owner.login });
    return restored;
  }

  async restoreVersion(ref: PackageRef, versionId: number, options: MutationOptions = {}): Promise<void> {
    const signal = this.signal(options.signal);
    let version: PackageVersion | undefined;
    try {
      await this.limiter.run(() => this.api.restoreVersion(ref, versionId, { signal }), signal);
    } catch (error) {
      // A retried restore whose first answer was lost gets 404: the version is active again, which is success.
      const failure = asGitHubError(error);
      if (failure.kind !== 'notFound') throw failure;
      // Cancelled while checking a lost answer: that is what happened, not "not found".
      version = await unlessFailed(this.limiter.run(() => this.api.getVersion(ref, versionId, { signal }), signal));
      if (!version || version.deletedAt) throw failure;
    }
    try {
      version ??= await this.limiter.run(() => this.api.getVersion(ref, versionId, { signal }), signal);
    } catch {
      version = this.versionStates.get(packageKey(ref))?.deleted?.find((candidate) => candidate.id === versionId);
      if (version) version = { ...version, deletedAt: undefined };
    }
    this.updateVersions(ref, (state) => withVersionRestored(state, versionId, version));
    this.updatePackage(ref, (pkg) => ({ ...pkg, versionCount: pkg.versionCount + 1 }));
    await this.commit({ owner: ref.owner.login, package: ref });
  }

  /**
   * Tells the service a package was just published (by a package manager, outside this service): reads the
   * package and, when its versions are shown, the versions again, then fires one change event.
   */
  async recordPublished(ref: PackageRef, options: MutationOptions = {}): Promise<Package | undefined> {
    const signal = this.signal(options.signal);
    const pkg = await this.tryGetPackage(ref, signal);
    if (pkg) this.upsertPackage(ref, pkg);
    const versions = this.getVersions(ref);
    if (versions?.active) {
      const listed = await unlessFailed(this.allPages(signal, (paging) => this.api.listVersionsPage(ref, paging)));
      if (listed)
        this.versionStates.set(packageKey(ref), { ...versions, active: listed.items, status: 'ok', error: undefined, fromCache: false });
    }
    await this.commit({ owner: ref.owner.login, package: ref });
    return pkg;
  }

  dispose(): void {
    this.lifetime.abort();
    this.changes.dispose();
  }

  private signal(signal: AbortSignal | undefined): AbortSignal {
    if (!signal) return this.lifetime.signal;
    const combined = AbortSignal.any([signal, this.lifetime.signal]);
    setMaxListeners(0, combined);
    return combined;
  }

  /** Every page of one listing, through the limiter, at the service's page size; `expectedItems`: as many as last time. */
  private allPages<T>(
    signal: AbortSignal,
    fetchPage: (paging: PagingOptions) => Promise<Page<T>>,
    expectedItems?: number,
  ): Promise<AllPages<T>> {
    const fetchOne = (page: number) => fetchPage({ page, perPage: this.perPage, signal });
    return fetchAllPages(fetchOne, this.limiter, { perPage: this.perPage, signal, expectedItems });
  }

  private filtered(state: OwnerState): OwnerState {
    if (!state.packages || this.packageTypes.length === PACKAGE_TYPES.length) return state;
    return { ...state, packages: state.packages.filter((pkg) => this.packageTypes.includes(pkg.packageType)) };
  }

  private tryGetPackage(ref: PackageRef, signal: AbortSignal): Promise<Package | undefined> {
    return unlessFailed(this.limiter.run(() => this.api.getPackage(ref, { signal }), signal));
  }

  private upsertPackage(ref: PackageRef, pkg: Package): void {
    const id = ownerKey(ref.owner.login);
    const state = this.ownerStates.get(id);
    if (state) this.ownerStates.set(id, { ...state, packages: withPackage(state.packages, ref, pkg) });
  }

  private updatePackage(ref: PackageRef, change: (pkg: Package) => Package): void {
    const id = ownerKey(ref.owner.login);
    const state = this.ownerStates.get(id);
    if (!state?.packages) return;
    this.ownerStates.set(id, { ...state, packages: state.packages.map((pkg) => (samePackage(pkg, ref) ? change(pkg) : pkg)) });
  }

  private updateVersions(ref: PackageRef, change: (state: VersionsState) => VersionsState): void {
    const state = this.getVersions(ref);
    if (state) this.versionStates.set(packageKey(ref), change(state));
  }

  private async commit(change: RegistryChange): Promise<void> {
    this.changes.fire(change);
    // Versions kept for the next start follow a mutation of the package they belong to.
    const versions = change.package && this.versionStates.get(packageKey(change.package));
    if (versions?.active && this.versionCache.get(packageKey(versions.ref)))
      await this.versionCache.put(packageKey(versions.ref), versions.active);
    await this.persist();
  }

  /**
   * Owners in order: you, memberships, settings, workspace (see `composeOwners`); new owners are listed at once.
   * Says whether the owners shown changed; fires only then.
   */
  private async recomposeOwners(signal?: AbortSignal, fire = true): Promise<boolean> {
    const viewer = this.account.viewer;
    if (!viewer) return false;
    const sources = {
      viewer,
      memberships: this.memberships,
      extraOwners: this.extraOwners,
      workspaceLogins: workspaceOwnerLogins(this.workspace, this.webHost),
    };
    // Settings and workspace name a login; whether it is a user or an organization decides the API path.
    const { unknownKinds } = composeOwners({ ...sources, accountKinds: this.accountKinds });
    await Promise.all(unknownKinds.map((login) => this.resolveAccountKind(login, this.signal(signal))));
    const { owners } = composeOwners({ ...sources, accountKinds: this.accountKinds });
    const { states, added } = ownerStatesFor(owners, this.ownerStates);
    const changed = !sameOwners(this.ownerStates, states);
    this.ownerStates = states;
    if (fire && changed) {
      this.changes.fire({});
      // Stryker disable next-line ObjectLiteral: only the setters fire here, and they pass no signal
      await Promise.allSettled(added.map((login) => this.refreshOwner(login, { signal })));
    }
    return changed;
  }

  /** Every listed owner as refreshing; returns their statuses before, to put back if the refresh stops early. */
  private markOwnersLoading(): Map<string, OwnerState['status']> {
    const before = new Map<string, OwnerState['status']>();
    for (const [id, state] of this.ownerStates) {
      before.set(id, state.status);
      if (state.status !== 'loading') this.ownerStates.set(id, { ...state, status: 'loading' });
    }
    return before;
  }

  private restoreOwnerStatuses(before: ReadonlyMap<string, OwnerState['status']>): void {
    for (const [id, status] of before) {
      const state = this.ownerStates.get(id);
      if (state && state.status === 'loading' && !this.ownerRefreshes.has(id)) this.ownerStates.set(id, { ...state, status });
    }
  }

  private async resolveAccountKind(login: string, signal: AbortSignal): Promise<void> {
    const account = await unlessFailed(this.limiter.run(() => this.api.getAccount(login, { signal }), signal));
    if (account) this.accountKinds[ownerKey(login)] = account.kind;
  }

  private restoreFromCache(): void {
    const restored = this.cache.read();
    if (!restored) return;
    this.account = { status: 'idle', viewer: restored.viewer };
    this.accountKinds = restored.accountKinds;
    this.memberships = restored.memberships;
    for (const state of restored.ownerStates) this.ownerStates.set(ownerKey(state.owner.login), state);
  }

  private async persist(): Promise<void> {
    const viewer = this.account.viewer;
    if (viewer) await this.cache.write(viewer, this.ownerStates.values(), this.accountKinds);
  }
}

/** What `call` answers, or undefined when it failed; a cancellation is thrown on, since the caller must stop. */
async function unlessFailed<T>(call: Promise<T>): Promise<T | undefined> {
  try {
    return await call;
  } catch (error) {
    const failure = asGitHubError(error);
    if (failure.kind === 'cancelled') throw failure;
    return undefined;
  }
}

/** The same owners in the same order, each with the same login, kind and source. */
function sameOwners(a: ReadonlyMap<string, OwnerState>, b: ReadonlyMap<string, OwnerState>): boolean {
  if (a.size !== b.size) return false;
  const left = [...a.values()];
  return [...b.values()].every((state, i) => {
    const other = left[i].owner;
    return other.login === state.owner.login && other.kind === state.owner.kind && other.source === state.owner.source;
  });
}
