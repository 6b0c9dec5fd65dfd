import * as assert from 'node:assert/strict';
import { GitHubError } from '../../../src/github/errors';
import type { Package, PackageType, PackageVersion } from '../../../src/github/types';
import { MemoryCacheStore, type CacheStore } from '../../../src/registry/cache';
import { ListingCache } from '../../../src/registry/listingCache';
import { mergeOwnerListing, mergeVersionListing, withPackage, withVersionRestored, withVersionsDeleted } from '../../../src/registry/merge';
import type { AllPages } from '../../../src/registry/paging';
import { SingleFlight } from '../../../src/registry/singleFlight';
import type { OwnerState, VersionsState } from '../../../src/registry/state';

const owner = { login: 'mona', kind: 'viewer' as const, source: 'self' as const };
const ref = { owner, type: 'npm' as const, name: 'hello' };

function pkg(packageType: PackageType, name: string, versionCount = 1): Package {
  const at = '2026-01-01T00:00:00Z';
  return {
    id: name.length,
    name,
    packageType,
    visibility: 'public',
    htmlUrl: '',
    versionCount,
    owner: { login: 'mona', type: 'User' },
    repository: null,
    createdAt: at,
    updatedAt: at,
  };
}

function version(id: number, createdAt: string): PackageVersion {
  return { id, name: `1.0.${id}`, packageHtmlUrl: '', createdAt, updatedAt: createdAt, tags: [] };
}

function listed<T>(items: T[], truncated = false): PromiseFulfilledResult<AllPages<T>> {
  return { status: 'fulfilled', value: { items, truncated, requests: 1 } };
}

function failed(error: unknown): PromiseRejectedResult {
  return { status: 'rejected', reason: error };
}

const shown: OwnerState = { owner, status: 'ok', packages: [pkg('npm', 'old-npm'), pkg('nuget', 'Old.Lib')], fromCache: true };

describe('registry/merge', () => {
  it('replaces every listed type with what GitHub listed, sorted by type then name', () => {
    const { state, cancelled } = mergeOwnerListing(shown, {
      types: ['npm', 'container'],
      results: [listed([pkg('npm', 'zeta'), pkg('npm', 'alpha')]), listed([pkg('container', 'app')], true)],
    });
    assert.equal(cancelled, undefined);
    assert.deepEqual(
      state.packages!.map((one) => `${one.packageType}/${one.name}`),
      ['container/app', 'npm/alpha', 'npm/zeta', 'nuget/Old.Lib'],
    );
    assert.equal(state.status, 'ok');
    assert.equal(state.fromCache, false);
    assert.equal(state.truncated, true);
  });

  it('keeps what was shown for a type whose listing failed, and reports the failure', () => {
    const refused = new GitHubError({ kind: 'server', status: 502 });
    const { state } = mergeOwnerListing(shown, { types: ['npm', 'nuget'], results: [failed(refused), listed([])] });
    assert.equal(state.status, 'error');
    assert.equal(state.error, refused);
    assert.deepEqual(
      state.packages!.map((one) => one.name),
      ['old-npm'],
    );
  });

  it('shows nothing rather than an empty list when every type failed and nothing was shown before', () => {
    const { state } = mergeOwnerListing(
      { owner, status: 'loading', packages: undefined, fromCache: false },
      { types: ['npm'], results: [failed(new Error('socket hang up'))] },
    );
    assert.equal(state.status, 'error');
    assert.equal(state.packages, undefined);
  });

  it('leaves the listing as it was when cancelled, and hands back the cancellation', () => {
    const { state, cancelled } = mergeOwnerListing(
      { ...shown, status: 'loading' },
      { types: ['npm'], results: [failed(new GitHubError({ kind: 'cancelled' }))] },
    );
    assert.equal(cancelled?.kind, 'cancelled');
    assert.equal(state.status, 'ok');
    assert.deepEqual(state.packages, shown.packages);
  });

  it('fills active and deleted versions from their own listings; a failed one keeps its list', () => {
    const before: VersionsState = { ref, status: 'loading', active: [version(1, '2026-01-01')], deleted: [version(9, '2025-01-01')] };
    const { state } = mergeVersionListing(before, {
      states: ['active', 'deleted'],
      results: [listed([version(2, '2026-02-01')]), failed(new GitHubError({ kind: 'rateLimited', until: new Date(0), secondary: false }))],
    });
    assert.deepEqual(
      state.active!.map((one) => one.id),
      [2],
    );
    assert.deepEqual(
      state.deleted!.map((one) => one.id),
      [9],
    );
    assert.equal(state.status, 'error');
    assert.equal(state.error?.kind, 'rateLimited');
  });

  it('moves deleted versions to the top of the deleted list, and restores one in date order', () => {
    const before: VersionsState = {
      ref,
      status: 'ok',
      active: [version(3, '2026-03-01'), version(2, '2026-02-01'), version(1, '2026-01-01')],
      deleted: [],
    };
    const deleted = withVersionsDeleted(before, [2], '2026-04-01T00:00:00Z');
    assert.deepEqual(
      deleted.active!.map((one) => one.id),
      [3, 1],
    );
    assert.deepEqual(
      deleted.deleted!.map((one) => [one.id, one.deletedAt]),
      [[2, '2026-04-01T00:00:00Z']],
    );
    const restored = withVersionRestored(deleted, 2, version(2, '2026-02-01'));
    assert.deepEqual(
      restored.active!.map((one) => one.id),
      [3, 2, 1],
    );
    assert.deepEqual(restored.deleted, []);
    assert.equal(
      withVersionsDeleted({ ...before, deleted: undefined }, [2], 'now').deleted,
      undefined,
      'an unloaded deleted list stays unloaded',
    );
  });

  it('replaces a re-read package in place and keeps the order', () => {
    const packages = withPackage(shown.packages, ref, pkg('npm', 'hello', 7));
    assert.deepEqual(
      packages.map((one) => one.name),
      ['hello', 'old-npm', 'Old.Lib'],
    );
    assert.deepEqual(
      withPackage(packages, ref, pkg('npm', 'hello', 8)).map((one) => one.versionCount),
      [8, 1, 1],
    );
  });
});

describe('registry/merge: edge cases a user would see', () => {
  const ids = (versions: readonly PackageVersion[] | undefined) => versions?.map((one) => one.id);
  const cancellation = () => failed(new GitHubError({ kind: 'cancelled' }));

  it('after a cancelled listing shows what was there: nothing yet, or the error already shown', () => {
    const never: OwnerState = { owner, status: 'loading', packages: undefined, fromCache: false };
    assert.equal(mergeOwnerListing(never, { types: ['npm'], results: [cancellation()] }).state.status, 'idle');
    const broken: OwnerState = { ...shown, status: 'loading', error: new GitHubError({ kind: 'server', status: 502 }) };
    assert.equal(mergeOwnerListing(broken, { types: ['npm'], results: [cancellation()] }).state.status, 'error');
    const versions = mergeVersionListing(
      { ref, status: 'loading', active: undefined, deleted: undefined },
      { states: ['active'], results: [cancellation()] },
    );
    assert.equal(versions.state.status, 'idle');
    assert.equal(versions.cancelled?.kind, 'cancelled');
  });

  it('marks a version list cut at GitHub’s limit, and only that one', () => {
    const empty: VersionsState = { ref, status: 'loading', active: undefined, deleted: undefined };
    assert.equal(
      mergeVersionListing(empty, { states: ['active'], results: [listed([version(1, '2026-01-01')], true)] }).state.truncated,
      true,
    );
    assert.notEqual(
      mergeVersionListing(empty, { states: ['active'], results: [listed([version(1, '2026-01-01')])] }).state.truncated,
      true,
    );
  });

  it('reports an unforeseen failure as something unexpected, with what to do', () => {
    const { state } = mergeOwnerListing(shown, { types: ['npm'], results: [failed(new TypeError('x is undefined'))] });
    assert.equal(state.error?.kind, 'server');
    assert.equal(
      state.error?.message,
      'Could not finish: something unexpected went wrong. Try again; if it keeps happening, report it with the GitHub Packages output log.',
    );
  });

  it('leaves versions that were never loaded unloaded when some are deleted or restored', () => {
    const unloaded: VersionsState = { ref, status: 'idle', active: undefined, deleted: undefined };
    const deleted = withVersionsDeleted(unloaded, [1], '2026-04-01T00:00:00Z');
    assert.deepEqual([deleted.active, deleted.deleted], [undefined, undefined]);
    const restored = withVersionRestored(unloaded, 1, version(1, '2026-01-01'));
    assert.deepEqual([restored.active, restored.deleted], [undefined, undefined]);
  });

  it('restores one version: it leaves the deleted list, joins the active ones once, in date order, newest id first on a tie', () => {
    const state: VersionsState = {
      ref,
      status: 'ok',
      active: [version(5, '2026-03-01'), version(2, '2026-01-01'), version(1, '2026-01-01')],
      deleted: [version(4, '2026-02-01'), version(9, '2025-01-01')],
    };
    const restored = withVersionRestored(state, 4, version(4, '2026-02-01'));
    assert.deepEqual(ids(restored.active), [5, 4, 2, 1]);
    assert.deepEqual(ids(restored.deleted), [9]);
    const old = withVersionRestored(state, 9, version(9, '2025-01-01'));
    assert.deepEqual(ids(old.active), [5, 2, 1, 9], 'an old version goes to the end, whatever its id');
    const tie = withVersionRestored({ ...state, active: [version(1, '2026-01-01')] }, 3, version(3, '2026-01-01'));
    assert.deepEqual(ids(tie.active), [3, 1]);
    const lowerTie = withVersionRestored({ ...state, active: [version(5, '2026-01-01')] }, 2, version(2, '2026-01-01'));
    assert.deepEqual(ids(lowerTie.active), [5, 2]);
    const again = withVersionRestored(state, 2, version(2, '2026-01-01'));
    assert.deepEqual(ids(again.active), [5, 2, 1], 'a version already listed again is not shown twice');
    const unknown = withVersionRestored(state, 4, undefined);
    assert.deepEqual(ids(unknown.active), [5, 2, 1], 'without the restored version, the active list stays as it was');
    assert.deepEqual(ids(unknown.deleted), [9]);
  });

  it('shows the types that were listed on a first listing where another type failed, with the error', () => {
    const first: OwnerState = { owner, status: 'loading', packages: undefined, fromCache: false };
    const { state } = mergeOwnerListing(first, {
      types: ['npm', 'container'],
      results: [listed([pkg('npm', 'hello')]), failed(new GitHubError({ kind: 'server', status: 502 }))],
    });
    assert.equal(state.status, 'error');
    assert.deepEqual(
      state.packages?.map((one) => one.name),
      ['hello'],
    );
  });

  it('adds a re-read package to an owner whose packages were not listed yet', () => {
    assert.deepEqual(
      withPackage(undefined, ref, pkg('npm', 'hello')).map((one) => one.name),
      ['hello'],
    );
  });
});

describe('registry/SingleFlight', () => {
  it('gives a second caller the run in flight, and starts afresh once it settled', async () => {
    const flights = new SingleFlight<string, number>();
    let starts = 0;
    const start = async () => ++starts;
    const [a, b] = await Promise.all([flights.run('k', start), flights.run('k', start)]);
    assert.deepEqual([a, b, starts], [1, 1, 1]);
    assert.equal(flights.has('k'), false);
    assert.equal(await flights.run('k', start), 2);
    await assert.rejects(
      flights.run('x', async () => Promise.reject(new Error('boom'))),
      /boom/,
    );
    assert.equal(flights.has('x'), false, 'a failed run does not stick');
  });
});

describe('registry/ListingCache', () => {
  it('gives back the owners and packages it was given, per host, marked as from the last session', async () => {
    const store = new MemoryCacheStore();
    const viewer = { login: 'mona', id: 1, scopes: ['read:packages'] };
    const org = { login: 'Octo-Org', kind: 'org' as const, source: 'membership' as const };
    await new ListingCache(store, 'https://api.github.com').write(
      viewer,
      [
        { owner, status: 'ok', packages: [pkg('npm', 'hello')], fromCache: false },
        { owner: org, status: 'idle', packages: undefined, fromCache: false },
      ],
      { hubot: 'user' },
    );
    const restored = new ListingCache(store, 'https://api.github.com').read()!;
    assert.deepEqual(restored.viewer, viewer);
    assert.deepEqual(restored.memberships, [org]);
    assert.deepEqual(restored.accountKinds, { hubot: 'user' });
    assert.deepEqual(restored.ownerStates, [
      { owner, status: 'ok', packages: [pkg('npm', 'hello')], fromCache: true },
      { owner: org, status: 'idle', packages: undefined, fromCache: true },
    ]);
    assert.equal(new ListingCache(store, 'https://ghe.example.com/api/v3').read(), undefined);
  });

  it('starts from nothing when nothing was kept, or when it was kept by another version of the extension', async () => {
    const memory = new MemoryCacheStore();
    const written: string[] = [];
    const store: CacheStore = { get: (key) => memory.get(key), update: (key, value) => (written.push(key), memory.update(key, value)) };
    assert.equal(new ListingCache(store, 'https://api.github.com').read(), undefined);
    await new ListingCache(store, 'https://api.github.com').write({ login: 'mona', id: 1, scopes: [] }, [], {});
    assert.ok(new ListingCache(store, 'https://api.github.com').read(), 'read back as written');
    await memory.update(written[0], { ...memory.get<object>(written[0]), version: 0 });
    assert.equal(new ListingCache(store, 'https://api.github.com').read(), undefined);
  });
});
