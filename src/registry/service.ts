/**
 * The RegistryService: the single source of truth the UI reads. It knows owners, their packages and package
 * versions; shows the last session's listing at once and refreshes it in the background; and routes every
 * mutation through itself so the cache and one change event stay in step.
 */
import { setMaxListeners } from 'node:events';
import { classifyError, GitHubError, missingScope } from '../github/errors';
import type { PackagesApi } from '../github/packages';
import {
  PACKAGE_TYPES,
  type Owner,
  type OwnerKind,
  type OwnerRef,
  type Package,
  type PackageRef,
  type PackageType,
  type PackageVersion,
  type VersionState,
  type Viewer,
} from '../github/types';
import type { CacheStore } from './cache';
import { Emitter, type Disposable, type Event } from './events';
import { Limiter } from './limiter';
import { deleteVersionChecked, type VersionDeleteOutcome } from './versionDelete';
import { fetchAllPages, type AllPages } from './paging';
import { ownersFromGitConfig, ownersFromPackageJson } from './workspaceOwners';

export type LoadStatus = 'idle' | 'loading' | 'ok' | 'error';

export interface OwnerState {
  owner: Owner;
  /** `error` means the last refresh failed; `packages` then still holds what was shown before. */
  status: LoadStatus;
  /** All packages of the listed types, sorted by type then name; `undefined` until the first listing arrives. */
  packages: readonly Package[] | undefined;
  error?: GitHubError;
  /** When the packages were fetched (epoch ms). */
  fetchedAt?: number;
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
  fetchedAt?: number;
  truncated?: boolean;
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
  /** Most GitHub calls in flight at once (default 20; GitHub allows 100). */
  concurrency?: number;
  /** Page size (default 100, GitHub's maximum). */
  perPage?: number;
}

export interface MutationOptions {
  signal?: AbortSignal;
}

export interface BulkResult {
  succeeded: number[];
  failed: { id: number; error: GitHubError }[];
  /** Ids not attempted because the operation was cancelled. */
  skipped: number[];
  /** Succeeded ids whose deletion was confirmed by reading the version (lost answer) or done through GraphQL. */
  confirmed?: { id: number; how: Exclude<VersionDeleteOutcome, 'deleted'> }[];
}

interface CachedListing {
  version: 1;
  viewer: Viewer;
  owners: Owner[];
  packages: Record<string, { items: Package[]; fetchedAt: number }>;
  accountKinds: Record<string, Exclude<OwnerKind, 'viewer'>>;
}

const CACHE_VERSION = 1;

type OwnerListing = Promise<{ types: PackageType[]; results: PromiseSettledResult<AllPages<Package>>[] }>;

export class RegistryService implements Disposable {
  private readonly changes = new Emitter<RegistryChange>();
  /** Fires after state changed; one event per mutation. */
  readonly onDidChange: Event<RegistryChange> = this.changes.event;

  private readonly api: PackagesApi;
  private readonly cache: CacheStore | undefined;
  private readonly cacheKey: string;
  private readonly limiter: Limiter;
  private readonly perPage: number;
  private readonly webHost: string;
  private readonly lifetime = new AbortController();

  private packageTypes: readonly PackageType[];
  private extraOwners: readonly string[];
  private workspace: WorkspaceInputs;

  private account: AccountState = { status: 'idle', viewer: undefined };
  private memberships: Owner[] = [];
  private accountKinds: Record<string, Exclude<OwnerKind, 'viewer'>> = {};
  private readonly ownerStates = new Map<string, OwnerState>();
  private readonly versionStates = new Map<string, VersionsState>();
  private readonly ownerRefreshes = new Map<string, Promise<OwnerState>>();
  private readonly versionLoads = new Map<string, Promise<VersionsState>>();
  private refreshing: Promise<void> | undefined;

  constructor(options: RegistryServiceOptions) {
    this.api = options.api;
    this.cache = options.cache;
    this.cacheKey = `githubPackages.registry.v${CACHE_VERSION}:${options.cacheScope}`;
    this.limiter = new Limiter(options.concurrency ?? 20);
    this.perPage = options.perPage ?? 100;
    this.webHost = options.webHost ?? 'github.com';
    this.packageTypes = options.packageTypes ?? PACKAGE_TYPES;
    this.extraOwners = options.extraOwners ?? [];
    this.workspace = options.workspace ?? {};
    // Every in-flight call listens for cancellation; hundreds at once are expected, not a leak.
    setMaxListeners(0, this.lifetime.signal);
    this.restoreFromCache();
  }

  // ---- reading -------------------------------------------------------------------------------------------

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
    const state = this.ownerStates.get(key(login));
    return state && this.filtered(state);
  }

  getPackages(login: string): readonly Package[] | undefined {
    return this.getOwner(login)?.packages;
  }

  getVersions(ref: PackageRef): VersionsState | undefined {
    return this.versionStates.get(refKey(ref));
  }

  // ---- settings and workspace ------------------------------------------------------------------------------

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

  // ---- loading ---------------------------------------------------------------------------------------------

  /**
   * Refreshes everything: the account, the owners and each owner's packages. The cached listing stays visible
   * while this runs and when it fails. Concurrent calls share one refresh.
   */
  refresh(options: { signal?: AbortSignal } = {}): Promise<void> {
    this.refreshing ??= this.doRefresh(this.signal(options.signal)).finally(() => (this.refreshing = undefined));
    return this.refreshing;
  }

  private async doRefresh(signal: AbortSignal): Promise<void> {
    this.account = { ...this.account, status: 'loading', error: undefined };
    this.changes.fire({});
    // Neither call needs the other's answer: asking both at once saves a round trip at every start.
    const memberships = fetchAllPages((page) => this.api.listViewerOrgsPage({ page, perPage: this.perPage, signal }), this.limiter, { perPage: this.perPage, signal });
    memberships.catch(() => undefined);
    // `/user/packages` needs no login either, so your own packages load in the same round as the account.
    const ownListing = this.listOwnerPackages({ login: '', kind: 'viewer' }, signal);
    let viewer: Viewer;
    try {
      viewer = await this.limiter.run(() => this.api.getViewer({ signal }), signal);
    } catch (error) {
      const failure = asGitHubError(error);
      this.account = { ...this.account, status: failure.kind === 'cancelled' ? statusOf(this.account.viewer) : 'error', error: failure.kind === 'cancelled' ? undefined : failure };
      this.changes.fire({});
      if (failure.kind === 'cancelled') throw failure;
      return;
    }
    if (this.account.viewer && this.account.viewer.login.toLowerCase() !== viewer.login.toLowerCase()) {
      // Another account: the previous one's listing must not be shown under it.
      this.ownerStates.clear();
      this.versionStates.clear();
      this.memberships = [];
    }
    this.account = { status: 'ok', viewer, notice: undefined };
    await this.loadMemberships(viewer, memberships);
    await this.recomposeOwners(signal, false);
    this.changes.fire({});
    await Promise.all([this.refreshAllOwners(signal, { login: viewer.login, listing: ownListing }), this.reloadLoadedVersions(signal)]);
    await this.persist();
  }

  /**
   * Reloads, all at once, the versions of every package whose versions were asked for (shown, or failed to load),
   * so a refresh shows versions deleted or published elsewhere and ends an outage's error.
   */
  private async reloadLoadedVersions(signal: AbortSignal): Promise<void> {
    const loaded = [...this.versionStates.values()].filter((state) => state.status !== 'idle');
    const results = await Promise.allSettled(loaded.map((state) => this.loadVersions(state.ref, { state: state.deleted ? 'all' : 'active', signal })));
    const cancelled = results.find((result) => result.status === 'rejected' && asGitHubError(result.reason).kind === 'cancelled');
    if (cancelled) throw (cancelled as PromiseRejectedResult).reason;
  }

  private async loadMemberships(viewer: Viewer, memberships: Promise<{ items: Owner[] }>): Promise<void> {
    try {
      this.memberships = (await memberships).items;
      const lacking = viewer.scopes ? missingScope(viewer.scopes, ['read:org']) : undefined;
      if (lacking) {
        // GitHub then lists only public memberships; say why an organization may be missing.
        this.account = { ...this.account, notice: new GitHubError({ kind: 'scopeMissing', scope: lacking, granted: viewer.scopes ?? [] }, { operation: 'list all your organizations' }) };
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
    const id = key(login);
    const running = this.ownerRefreshes.get(id);
    if (running) return running;
    const promise = this.doRefreshOwner(id, this.signal(options.signal)).finally(() => this.ownerRefreshes.delete(id));
    this.ownerRefreshes.set(id, promise);
    return promise;
  }

  private async doRefreshOwner(id: string, signal: AbortSignal, prefetched?: OwnerListing): Promise<OwnerState> {
    const before = this.ownerStates.get(id);
    if (!before) throw new GitHubError({ kind: 'notFound' }, { operation: `list packages of ${id} (not a listed owner)` });
    this.ownerStates.set(id, { ...before, status: 'loading' });
    this.changes.fire({ owner: before.owner.login });

    const { types, results } = await (prefetched ?? this.listOwnerPackages(before.owner, signal));
    const current = this.ownerStates.get(id) ?? before;
    const previous = current.packages ?? [];
    let packages: Package[] = previous.filter((pkg) => !types.includes(pkg.packageType));
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
    packages = sortPackages(packages);

    let next: OwnerState;
    if (firstError?.kind === 'cancelled') {
      next = { ...current, status: current.packages ? (current.error ? 'error' : 'ok') : 'idle' };
    } else if (firstError) {
      const anyLoaded = results.some((result) => result.status === 'fulfilled');
      next = { ...current, status: 'error', error: firstError, packages: anyLoaded || current.packages ? packages : undefined };
    } else {
      next = { owner: current.owner, status: 'ok', packages, fetchedAt: Date.now(), fromCache: false, truncated };
    }
    if (this.ownerStates.get(id) === undefined) return next;
    this.ownerStates.set(id, next);
    this.changes.fire({ owner: next.owner.login });
    if (firstError?.kind === 'cancelled') throw firstError;
    if (!this.refreshing) await this.persist();
    return this.filtered(next);
  }

  /** Every listed type at once; each type pages on its own (first page, then the rest together). */
  private async listOwnerPackages(owner: OwnerRef, signal: AbortSignal): Promise<{ types: PackageType[]; results: PromiseSettledResult<AllPages<Package>>[] }> {
    const types = [...this.packageTypes];
    const results = await Promise.allSettled(
      types.map((type) =>
        fetchAllPages((page) => this.api.listPackagesPage(owner, type, { page, perPage: this.perPage, signal }), this.limiter, {
          perPage: this.perPage,
          signal,
        }),
      ),
    );
    return { types, results };
  }

  private async refreshAllOwners(signal?: AbortSignal, prefetched?: { login: string; listing: OwnerListing }): Promise<void> {
    const logins = [...this.ownerStates.values()].map((state) => state.owner.login);
    const results = await Promise.allSettled(
      logins.map((login) => {
        if (!prefetched || key(login) !== key(prefetched.login) || this.ownerRefreshes.has(key(login))) return this.refreshOwner(login, { signal });
        const id = key(login);
        const promise = this.doRefreshOwner(id, this.signal(signal), prefetched.listing).finally(() => this.ownerRefreshes.delete(id));
        this.ownerRefreshes.set(id, promise);
        return promise;
      }),
    );
    const cancelled = results.find((result) => result.status === 'rejected' && asGitHubError(result.reason).kind === 'cancelled');
    if (cancelled) throw (cancelled as PromiseRejectedResult).reason;
  }

  /** Lists the versions of a package: active, deleted, or both. Keeps what was shown when it fails. */
  loadVersions(ref: PackageRef, options: { state?: VersionState | 'all'; signal?: AbortSignal } = {}): Promise<VersionsState> {
    const which = options.state ?? 'active';
    const id = `${refKey(ref)}#${which}`;
    const running = this.versionLoads.get(id);
    if (running) return running;
    const promise = this.doLoadVersions(ref, which, this.signal(options.signal)).finally(() => this.versionLoads.delete(id));
    this.versionLoads.set(id, promise);
    return promise;
  }

  private async doLoadVersions(ref: PackageRef, which: VersionState | 'all', signal: AbortSignal): Promise<VersionsState> {
    const id = refKey(ref);
    const before = this.versionStates.get(id) ?? { ref, status: 'idle', active: undefined, deleted: undefined };
    this.versionStates.set(id, { ...before, status: 'loading' });
    this.changes.fire({ owner: ref.owner.login, package: ref });
    const states: VersionState[] = which === 'all' ? ['active', 'deleted'] : [which];
    const results = await Promise.allSettled(
      states.map((state) =>
        fetchAllPages((page) => this.api.listVersionsPage(ref, { state, page, perPage: this.perPage, signal }), this.limiter, {
          perPage: this.perPage,
          signal,
        }),
      ),
    );
    const current = this.versionStates.get(id) ?? before;
    const next: VersionsState = { ...current, status: 'ok', error: undefined };
    results.forEach((result, index) => {
      if (result.status === 'fulfilled') {
        next[states[index]] = result.value.items;
        if (result.value.truncated) next.truncated = true;
      } else {
        const failure = asGitHubError(result.reason);
        next.status = failure.kind === 'cancelled' ? statusOf(current.active) : 'error';
        if (failure.kind !== 'cancelled') next.error = failure;
      }
    });
    if (next.status === 'ok') next.fetchedAt = Date.now();
    this.versionStates.set(id, next);
    this.changes.fire({ owner: ref.owner.login, package: ref });
    const cancelled = results.find((result) => result.status === 'rejected' && asGitHubError(result.reason).kind === 'cancelled');
    if (cancelled) throw asGitHubError((cancelled as PromiseRejectedResult).reason);
    return next;
  }

  // ---- mutations: each updates the state and fires ONE change event ---------------------------------------

  /**
   * Deletes versions one after another (the client paces writes as GitHub asks). Each id is tried once; a 404 or a
   * failure after the client's retries is checked against the version's state, so a DELETE whose answer was lost is
   * not reported as failed. Cancelling stops before the next version; the one in flight finishes, so the result
   * says exactly what happened.
   */
  async deleteVersions(ref: PackageRef, versionIds: readonly number[], options: MutationOptions & { onProgress?: (done: number, total: number) => void } = {}): Promise<BulkResult> {
    const cancel = this.signal(options.signal);
    const ids = [...new Set(versionIds)];
    const result: BulkResult = { succeeded: [], failed: [], skipped: [], confirmed: [] };
    for (const [index, id] of ids.entries()) {
      if (cancel.aborted) {
        result.skipped.push(...ids.slice(index));
        break;
      }
      try {
        const outcome = await this.limiter.run(() => deleteVersionChecked(this.api, ref, id, this.lifetime.signal), cancel);
        result.succeeded.push(id);
        if (outcome !== 'deleted') result.confirmed?.push({ id, how: outcome });
      } catch (error) {
        const failure = asGitHubError(error);
        if (failure.kind === 'cancelled') {
          result.skipped.push(...ids.slice(index));
          break;
        }
        result.failed.push({ id, error: failure });
        if (STOPS_BULK.has(failure.kind)) {
          // Every further version would fail the same way: leave them unattempted.
          result.skipped.push(...ids.slice(index + 1));
          break;
        }
      }
      options.onProgress?.(index + 1, ids.length);
    }
    if (result.succeeded.length > 0) {
      const deletedAt = new Date().toISOString();
      this.updateVersions(ref, (state) => {
        const gone = new Set(result.succeeded);
        const moved = (state.active ?? []).filter((version) => gone.has(version.id)).map((version) => ({ ...version, deletedAt }));
        return {
          ...state,
          active: state.active?.filter((version) => !gone.has(version.id)),
          deleted: state.deleted ? [...moved, ...state.deleted] : undefined,
        };
      });
      this.updatePackage(ref, (pkg) => ({ ...pkg, versionCount: Math.max(0, pkg.versionCount - result.succeeded.length), updatedAt: deletedAt }));
      await this.commit({ owner: ref.owner.login, package: ref });
    }
    return result;
  }

  async deletePackage(ref: PackageRef, options: MutationOptions = {}): Promise<void> {
    const signal = this.signal(options.signal);
    await this.limiter.run(() => this.api.deletePackage(ref, { signal }), signal);
    this.versionStates.delete(refKey(ref));
    const state = this.ownerStates.get(key(ref.owner.login));
    if (state?.packages) {
      this.ownerStates.set(key(ref.owner.login), { ...state, packages: state.packages.filter((pkg) => !samePackage(pkg, ref)) });
    }
    await this.commit({ owner: ref.owner.login });
  }

  /**
   * Changes a REPOSITORY's visibility (`PATCH /repos/{owner}/{repo}`) — for a repository-scoped package that is the
   * package's visibility — then re-reads the package so the listing shows it. Callers must say the whole repository
   * changes before calling.
   */
  async setRepositoryVisibility(ref: PackageRef, repo: { owner: string; name: string }, visibility: 'public' | 'private' | 'internal', options: MutationOptions = {}): Promise<Package | undefined> {
    const signal = this.signal(options.signal);
    await this.limiter.run(() => this.api.setRepositoryVisibility(repo, visibility, { signal }), signal);
    // Every listed package of that repository follows it; re-read them all, then fire once.
    const fullName = `${repo.owner}/${repo.name}`.toLowerCase();
    const linked = (this.ownerStates.get(key(ref.owner.login))?.packages ?? []).filter((pkg) => pkg.repository?.fullName.toLowerCase() === fullName && !samePackage(pkg, ref));
    const refs = [ref, ...linked.map((pkg): PackageRef => ({ owner: ref.owner, type: pkg.packageType, name: pkg.name }))];
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
      version = await this.limiter.run(() => this.api.getVersion(ref, versionId, { signal }), signal).catch(() => undefined);
      if (!version || version.deletedAt) throw failure;
    }
    try {
      version ??= await this.limiter.run(() => this.api.getVersion(ref, versionId, { signal }), signal);
    } catch {
      version = this.versionStates.get(refKey(ref))?.deleted?.find((candidate) => candidate.id === versionId);
      if (version) version = { ...version, deletedAt: undefined };
    }
    this.updateVersions(ref, (state) => ({
      ...state,
      deleted: state.deleted?.filter((candidate) => candidate.id !== versionId),
      active: state.active && version ? sortVersions([version, ...state.active.filter((candidate) => candidate.id !== versionId)]) : state.active,
    }));
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
    const versions = this.versionStates.get(refKey(ref));
    if (versions?.active) {
      try {
        const listed = await fetchAllPages((page) => this.api.listVersionsPage(ref, { page, perPage: this.perPage, signal }), this.limiter, {
          perPage: this.perPage,
          signal,
        });
        this.versionStates.set(refKey(ref), { ...versions, active: listed.items, status: 'ok', error: undefined, fetchedAt: Date.now() });
      } catch (error) {
        if (asGitHubError(error).kind === 'cancelled') throw asGitHubError(error);
      }
    }
    await this.commit({ owner: ref.owner.login, package: ref });
    return pkg;
  }

  dispose(): void {
    this.lifetime.abort();
    this.changes.dispose();
  }

  // ---- internals -------------------------------------------------------------------------------------------

  private signal(signal: AbortSignal | undefined): AbortSignal {
    if (!signal) return this.lifetime.signal;
    const combined = AbortSignal.any([signal, this.lifetime.signal]);
    setMaxListeners(0, combined);
    return combined;
  }

  private filtered(state: OwnerState): OwnerState {
    if (!state.packages || this.packageTypes.length === PACKAGE_TYPES.length) return state;
    return { ...state, packages: state.packages.filter((pkg) => this.packageTypes.includes(pkg.packageType)) };
  }

  private async tryGetPackage(ref: PackageRef, signal: AbortSignal): Promise<Package | undefined> {
    try {
      return await this.limiter.run(() => this.api.getPackage(ref, { signal }), signal);
    } catch (error) {
      const failure = asGitHubError(error);
      if (failure.kind === 'cancelled') throw failure;
      return undefined;
    }
  }

  private upsertPackage(ref: PackageRef, pkg: Package): void {
    const id = key(ref.owner.login);
    const state = this.ownerStates.get(id);
    if (!state) return;
    const others = (state.packages ?? []).filter((candidate) => !samePackage(candidate, ref));
    this.ownerStates.set(id, { ...state, packages: sortPackages([...others, pkg]) });
  }

  private updatePackage(ref: PackageRef, change: (pkg: Package) => Package): void {
    const id = key(ref.owner.login);
    const state = this.ownerStates.get(id);
    if (!state?.packages) return;
    this.ownerStates.set(id, { ...state, packages: state.packages.map((pkg) => (samePackage(pkg, ref) ? change(pkg) : pkg)) });
  }

  private updateVersions(ref: PackageRef, change: (state: VersionsState) => VersionsState): void {
    const state = this.versionStates.get(refKey(ref));
    if (state) this.versionStates.set(refKey(ref), change(state));
  }

  private async commit(change: RegistryChange): Promise<void> {
    this.changes.fire(change);
    await this.persist();
  }

  /** Owners in order: you, memberships, settings, workspace; the first source of a login wins. */
  private async recomposeOwners(signal?: AbortSignal, fire = true): Promise<void> {
    const viewer = this.account.viewer;
    if (!viewer) return;
    const wanted: { login: string; source: Owner['source'] }[] = [
      ...this.extraOwners.map((login) => ({ login, source: 'setting' as const })),
      ...this.workspaceOwnerLogins().map((login) => ({ login, source: 'workspace' as const })),
    ];
    const owners: Owner[] = [{ login: viewer.login, kind: 'viewer', avatarUrl: viewer.avatarUrl, source: 'self' }, ...this.memberships];
    const seen = new Set(owners.map((owner) => key(owner.login)));
    const unresolved = wanted.filter(({ login }) => {
      const id = key(login);
      if (seen.has(id) || !/^[A-Za-z0-9][A-Za-z0-9-]*$/.test(login)) return false;
      seen.add(id);
      return true;
    });
    // Settings and workspace name a login; whether it is a user or an organization decides the API path.
    await Promise.all(
      unresolved.map(async ({ login }) => {
        if (this.accountKinds[key(login)]) return;
        try {
          const account = await this.limiter.run(() => this.api.getAccount(login, { signal: this.signal(signal) }), this.signal(signal));
          this.accountKinds[key(login)] = account.kind;
        } catch (error) {
          if (asGitHubError(error).kind === 'cancelled') throw asGitHubError(error);
        }
      }),
    );
    for (const { login, source } of unresolved) {
      const kind = this.accountKinds[key(login)];
      if (kind) owners.push({ login, kind, source });
      else if (source === 'setting') owners.push({ login, kind: 'org', source });
    }

    const previous = new Map(this.ownerStates);
    this.ownerStates.clear();
    const added: string[] = [];
    for (const owner of owners) {
      const id = key(owner.login);
      const existing = previous.get(id);
      if (existing) this.ownerStates.set(id, { ...existing, owner });
      else {
        this.ownerStates.set(id, { owner, status: 'idle', packages: undefined, fromCache: false });
        added.push(owner.login);
      }
    }
    if (fire) {
      this.changes.fire({});
      await Promise.allSettled(added.map((login) => this.refreshOwner(login, { signal })));
    }
  }

  private workspaceOwnerLogins(): string[] {
    return [
      ...(this.workspace.packageJsonTexts ?? []).flatMap((text) => ownersFromPackageJson(text, this.webHost)),
      ...(this.workspace.gitConfigTexts ?? []).flatMap((text) => ownersFromGitConfig(text, this.webHost)),
    ];
  }

  private restoreFromCache(): void {
    const cached = this.cache?.get<CachedListing>(this.cacheKey);
    if (!cached || cached.version !== CACHE_VERSION) return;
    this.account = { status: 'idle', viewer: cached.viewer };
    this.accountKinds = { ...cached.accountKinds };
    this.memberships = cached.owners.filter((owner) => owner.source === 'membership');
    for (const owner of cached.owners) {
      const listing = cached.packages[key(owner.login)];
      this.ownerStates.set(key(owner.login), {
        owner,
        status: listing ? 'ok' : 'idle',
        packages: listing?.items,
        fetchedAt: listing?.fetchedAt,
        fromCache: true,
      });
    }
  }

  private async persist(): Promise<void> {
    const viewer = this.account.viewer;
    if (!this.cache || !viewer) return;
    const packages: CachedListing['packages'] = {};
    for (const [id, state] of this.ownerStates) {
      if (state.packages) packages[id] = { items: [...state.packages], fetchedAt: state.fetchedAt ?? Date.now() };
    }
    const listing: CachedListing = {
      version: CACHE_VERSION,
      viewer,
      owners: [...this.ownerStates.values()].map((state) => state.owner),
      packages,
      accountKinds: this.accountKinds,
    };
    try {
      await this.cache.update(this.cacheKey, listing);
    } catch {
      // A cache that cannot be written only costs the next start its instant listing.
    }
  }
}

/** Failures that are about the account or the host, not the version: a bulk operation stops at the first. */
const STOPS_BULK = new Set<GitHubError['kind']>(['notSignedIn', 'scopeMissing', 'saml', 'rateLimited']);

function key(login: string): string {
  return login.toLowerCase();
}

function refKey(ref: PackageRef): string {
  return `${key(ref.owner.login)}/${ref.type}/${ref.name}`;
}

function samePackage(pkg: Package, ref: PackageRef): boolean {
  return pkg.packageType === ref.type && pkg.name === ref.name;
}

function statusOf(data: unknown): LoadStatus {
  return data ? 'ok' : 'idle';
}

function sortPackages(packages: Package[]): Package[] {
  return packages.sort((a, b) => (a.packageType === b.packageType ? a.name.localeCompare(b.name) : a.packageType.localeCompare(b.packageType)));
}

function sortVersions(versions: PackageVersion[]): PackageVersion[] {
  return versions.sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.id - a.id);
}

function asGitHubError(error: unknown): GitHubError {
  return classifyError(error) ?? new GitHubError({ kind: 'server', status: 0 }, { operation: 'finish' });
}
