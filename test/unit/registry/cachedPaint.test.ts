import * as assert from 'node:assert/strict';
import type { LocalGitHub } from '../../github-local';
import { MemoryCacheStore } from '../../../src/registry/cache';
import { RegistryService, type RegistryServiceOptions } from '../../../src/registry/service';
import { VersionCache } from '../../../src/registry/versionCache';
import type { PackageRef, PackageVersion } from '../../../src/github/types';
import { startLocal, testClient } from '../github/local';

const paged: PackageRef = { owner: { login: 'octo-org', kind: 'org' }, type: 'npm', name: 'paged' };

describe('registry: the last session on screen before GitHub answers', () => {
  let server: LocalGitHub;
  beforeEach(async () => (server = await startLocal()));
  afterEach(async () => server.stop());

  function service(tokenName: string, options: Partial<RegistryServiceOptions> = {}): RegistryService {
    return new RegistryService({ api: testClient(server, tokenName).api, cacheScope: server.url, ...options });
  }

  it('shows an expanded package’s versions from the last session at once, marked cached, until GitHub confirms them', async () => {
    const cache = new MemoryCacheStore();
    const first = service('mona', { cache });
    await first.refresh();
    await first.loadVersions(paged);
    first.dispose();

    server.requestLog.length = 0;
    const second = service('mona', { cache });
    const shown = second.getVersions(paged)!;
    assert.equal(server.requestLog.length, 0, 'no request for the first paint');
    assert.equal(shown.fromCache, true);
    assert.equal(shown.active!.length, 45);

    server.state.addVersion(server.state.findPackage('octo-org', 'npm', 'paged')!, { name: '9.9.9' });
    await second.loadVersions(paged);
    const confirmed = second.getVersions(paged)!;
    assert.equal(confirmed.fromCache, false);
    assert.equal(confirmed.active!.length, 46);
    assert.equal(service('mona', { cache }).getVersions(paged)!.active!.length, 46, 'the cache holds the confirmed versions');
  });

  it('shows nothing cached for another API host', async () => {
    const cache = new MemoryCacheStore();
    const first = service('mona', { cache });
    await first.refresh();
    await first.loadVersions(paged);
    const elsewhere = service('mona', { cache, cacheScope: 'https://ghe.example.com/api/v3' });
    assert.deepEqual(elsewhere.getOwners(), []);
    assert.equal(elsewhere.getVersions(paged), undefined);
  });

  it('forgets the cached versions when another account turns out to be signed in', async () => {
    const cache = new MemoryCacheStore();
    const first = service('mona', { cache });
    await first.refresh();
    await first.loadVersions(paged);
    const other = service('hubot', { cache });
    await other.refresh();
    assert.equal(other.getVersions(paged), undefined);
    assert.equal(service('hubot', { cache }).getVersions(paged), undefined);
  });

  it('takes deleted versions out of the cached versions', async () => {
    const cache = new MemoryCacheStore();
    const first = service('mona', { cache });
    await first.refresh();
    const [newest] = (await first.loadVersions(paged)).active!;
    const result = await first.deleteVersions(paged, [newest.id]);
    assert.deepEqual(result.succeeded, [newest.id]);
    const next = service('mona', { cache }).getVersions(paged)!;
    assert.equal(next.active!.length, 44);
    assert.ok(!next.active!.some((version) => version.id === newest.id));
  });
});

describe('registry/VersionCache', () => {
  const version = (id: number): PackageVersion => ({
    id,
    name: `1.0.${id}`,
    packageHtmlUrl: '',
    createdAt: '2026-11-01T00:00:00Z',
    updatedAt: '2026-11-01T00:00:00Z',
    tags: [],
  });

  it('keeps the versions of the most recently loaded packages only, so every write stays small', async () => {
    const store = new MemoryCacheStore();
    const cache = new VersionCache(store, 'versions', 2);
    await cache.put('a', [version(1)]);
    await cache.put('b', [version(2)]);
    await cache.put('a', [version(3)]);
    await cache.put('c', [version(4)]);
    const reopened = new VersionCache(store, 'versions', 2);
    assert.equal(reopened.get('b'), undefined, 'the least recently loaded package is dropped');
    assert.deepEqual(
      reopened.get('a')!.items.map((v) => v.id),
      [3],
    );
    assert.deepEqual(
      reopened.get('c')!.items.map((v) => v.id),
      [4],
    );
  });

  it('forgets a deleted package’s versions for the next session too, and everything on clear', async () => {
    const store = new MemoryCacheStore();
    const cache = new VersionCache(store, 'versions');
    await cache.put('a', [version(1)]);
    await cache.put('b', [version(2)]);
    await cache.delete('a');
    await cache.delete('never-loaded');
    const reopened = new VersionCache(store, 'versions');
    assert.equal(reopened.get('a'), undefined);
    assert.deepEqual(
      reopened.get('b')!.items.map((v) => v.id),
      [2],
    );
    await reopened.clear();
    assert.equal(new VersionCache(store, 'versions').get('b'), undefined);
  });

  it('ignores a stored value of another shape instead of failing', () => {
    const store = new MemoryCacheStore();
    void store.update('versions', { version: 99, packages: 'nonsense' });
    assert.equal(new VersionCache(store, 'versions').get('a'), undefined);
  });
});
