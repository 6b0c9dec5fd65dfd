import * as assert from 'node:assert/strict';
import type { LocalGitHub, RequestLogEntry } from '../../github-local';
import { RegistryService } from '../../../src/registry/service';
import type { PackageRef } from '../../../src/github/types';
import { startLocal, testClient } from '../github/local';

const LATENCY = 60;
const paged: PackageRef = { owner: { login: 'octo-org', kind: 'org' }, type: 'npm', name: 'paged' };

/** Requests for the same path (page and all) more than once: what a duplicate costs GitHub. */
function duplicates(log: readonly RequestLogEntry[]): string[] {
  const seen = new Set<string>();
  const repeated: string[] = [];
  for (const { method, path } of log) {
    if (seen.has(`${method} ${path}`)) repeated.push(path);
    seen.add(`${method} ${path}`);
  }
  return repeated;
}

describe('registry: work asked for while a listing runs', () => {
  let server: LocalGitHub;
  let registry: RegistryService;
  beforeEach(async () => {
    server = await startLocal({ latency: LATENCY });
    registry = new RegistryService({ api: testClient(server, 'mona').api, cacheScope: server.url });
  });
  afterEach(async () => {
    registry.dispose();
    await server.stop();
  });

  it('joins a refresh asked for while one runs: every request reaches GitHub once', async () => {
    const first = registry.refresh();
    await new Promise((resolve) => setTimeout(resolve, LATENCY / 2));
    const second = registry.refresh();
    await Promise.all([first, second]);
    assert.ok(server.requestLog.length > 5);
    assert.deepEqual(duplicates(server.requestLog), []);
  });

  it('asks for a package’s versions at once while the listing runs, once, and does not wait for the listing', async () => {
    await registry.refresh();
    server.requestLog.length = 0;
    const refreshed = registry.refresh();
    const expanded = registry.loadVersions(paged);
    const again = registry.loadVersions(paged);
    await Promise.all([refreshed, expanded, again]);
    const versionRequests = server.requestLog.filter((entry) => entry.path.includes('/packages/npm/paged/versions'));
    assert.equal(versionRequests.length, 1, '45 versions fit one page, asked for once');
    const listingEnds = Math.max(...server.requestLog.filter((entry) => !entry.path.includes('/versions')).map((entry) => entry.end));
    assert.ok(versionRequests[0].start < listingEnds - LATENCY, 'the versions were asked for while the listing was still running');
    assert.deepEqual(duplicates(server.requestLog), []);
    assert.equal(registry.getVersions(paged)!.active!.length, 45);
  });

  it('lists your packages again in one round trip: every page is asked for before GitHub answers the first', async () => {
    for (const name of ['second', 'third']) server.state.addVersions(server.state.addPackage({ owner: 'mona', type: 'npm', name }), 1);
    const onePerPage = new RegistryService({ api: testClient(server, 'mona').api, cacheScope: server.url, perPage: 1 });
    await onePerPage.refresh();
    const listed = onePerPage.getPackages('mona')!.length;
    server.requestLog.length = 0;
    await onePerPage.refresh();
    onePerPage.dispose();
    const own = server.requestLog.filter((entry) => entry.path.startsWith('/user/packages?'));
    assert.ok(
      own.some((entry) => /[?&]page=3\b/.test(entry.path)),
      'three pages of npm packages',
    );
    assert.ok(own.length >= listed, 'a page per package');
    const firstAnswer = Math.min(...server.requestLog.map((entry) => entry.end));
    assert.ok(own.every((entry) => entry.start < firstAnswer));
    assert.deepEqual(duplicates(server.requestLog), []);
  });

  it('narrows the listed types while listing without asking GitHub again or waiting', async () => {
    const refreshed = registry.refresh();
    await new Promise((resolve) => setTimeout(resolve, LATENCY / 2));
    const before = server.requestLog.length;
    registry.setPackageTypes(['npm']);
    assert.equal(server.requestLog.length, before, 'narrowing is answered from what is held');
    await refreshed;
    assert.deepEqual(duplicates(server.requestLog), []);
    assert.ok(registry.getOwners().every((state) => (state.packages ?? []).every((pkg) => pkg.packageType === 'npm')));
  });
});
