import * as assert from 'node:assert/strict';
import type { LocalGitHub } from '../../github-local';
import { isGitHubError } from '../../../src/github/errors';
import type { PackagesApi } from '../../../src/github/packages';
import { PACKAGE_TYPES, type PackageRef } from '../../../src/github/types';
import { MemoryCacheStore } from '../../../src/registry/cache';
import { RegistryService, type RegistryChange, type RegistryServiceOptions } from '../../../src/registry/service';
import { rejection, startLocal, testClient } from '../github/local';
import { cancelMidway, holding } from './fixtures';

const mona = { login: 'mona', kind: 'viewer' as const };
const octoOrg = { login: 'octo-org', kind: 'org' as const };
const hello: PackageRef = { owner: mona, type: 'npm', name: 'hello' };
const soloGem: PackageRef = { owner: mona, type: 'rubygems', name: 'solo-gem' };
const javaLib: PackageRef = { owner: octoOrg, type: 'maven', name: 'com.octo.java-lib' };

const isCancelled = (error: unknown) => isGitHubError(error) && error.kind === 'cancelled';

describe('registry/RegistryService: what the tree shows after a delete, restore, visibility change or publish', () => {
  let server: LocalGitHub;
  beforeEach(async () => (server = await startLocal()));
  afterEach(async () => server.stop());

  function service(options: Partial<RegistryServiceOptions> & { tokenName?: string } = {}) {
    const { tokenName = 'mona', ...rest } = options;
    const registry = new RegistryService({ api: testClient(server, tokenName).api, cacheScope: server.url, ...rest });
    const events: RegistryChange[] = [];
    registry.onDidChange((event) => events.push(event));
    return { registry, events };
  }

  /** A service whose calls of `method` can be held, listed and with `events` emptied. */
  async function listedHolding(method: keyof PackagesApi) {
    const held = holding(testClient(server, 'mona').api, method);
    const { registry, events } = service({ api: held.api });
    await registry.refresh();
    events.length = 0;
    return { held, registry, events };
  }

  const listed = (registry: RegistryService, ref: PackageRef) =>
    registry.getPackages(ref.owner.login)?.find((pkg) => pkg.packageType === ref.type && pkg.name === ref.name);
  const versionIds = (versions: readonly { id: number }[] | undefined) => (versions ?? []).map((version) => version.id);
  const serverVersion = (ref: PackageRef, name: string) =>
    server.state
      .listVersions(server.state.findPackage(ref.owner.login, ref.type, ref.name)!, 'all')
      .find((version) => version.name === name)!;

  describe('deleting', () => {
    it('a bulk delete GitHub refuses entirely fires no change and leaves the package as it was listed', async () => {
      const { registry, events } = service();
      await registry.refresh();
      const only = (await registry.loadVersions(soloGem)).active![0];
      const before = listed(registry, soloGem);
      events.length = 0;
      const result = await registry.deleteVersions(soloGem, [only.id]);
      assert.equal(result.failed[0]?.error.kind, 'refused');
      assert.deepEqual(events, []);
      assert.deepEqual(listed(registry, soloGem), before);
      assert.deepEqual(versionIds(registry.getVersions(soloGem)!.active), [only.id]);
    });

    it('a deleted package leaves its owner’s listing, its versions and the next start’s cache, with one event for the owner', async () => {
      const cache = new MemoryCacheStore();
      const { registry, events } = service({ cache });
      await registry.refresh();
      await registry.loadVersions(soloGem);
      events.length = 0;
      await registry.deletePackage(soloGem);
      assert.deepEqual(events, [{ owner: 'mona' }]);
      assert.equal(listed(registry, soloGem), undefined);
      assert.equal(registry.getVersions(soloGem), undefined);
      const next = service({ cache }).registry;
      assert.equal(listed(next, hello)?.name, 'hello', 'the rest of the listing is cached');
      assert.equal(listed(next, soloGem), undefined);
      assert.equal(next.getVersions(soloGem), undefined);
    });

    it('a package deleted before any listing loaded is deleted on GitHub with one event for its owner', async () => {
      const { registry, events } = service();
      await registry.deletePackage(soloGem);
      assert.equal(server.state.findPackage('mona', 'rubygems', 'solo-gem'), undefined);
      assert.deepEqual(events, [{ owner: 'mona' }]);
      assert.deepEqual(registry.getOwners(), []);
    });

    it('a package delete cancelled in flight throws cancelled, deletes nothing and keeps the package listed', async () => {
      const { held, registry, events } = await listedHolding('deletePackage');
      const error = await rejection(cancelMidway(held, (signal) => registry.deletePackage(soloGem, { signal })));
      assert.ok(isCancelled(error), String(error));
      assert.ok(server.state.findPackage('mona', 'rubygems', 'solo-gem'));
      assert.equal(listed(registry, soloGem)?.name, 'solo-gem');
      assert.deepEqual(events, []);
    });
  });

  describe('repository visibility', () => {
    it('re-reads every listed package of the repository, matched case-insensitively, and only those', async () => {
      server.state.addRepo('octo-org', 'Docs-Site', 'private');
      for (const name of ['com.octo.docs', 'com.octo.docs-plugin']) {
        const pkg = server.state.addPackage({ owner: 'octo-org', type: 'maven', name, repository: 'octo-org/Docs-Site' });
        server.state.addVersion(pkg, { name: '1.0' });
      }
      const { registry, events } = service();
      await registry.refresh();
      const docs: PackageRef = { owner: octoOrg, type: 'maven', name: 'com.octo.docs' };
      const plugin: PackageRef = { ...docs, name: 'com.octo.docs-plugin' };
      assert.equal(listed(registry, plugin)?.visibility, 'private');
      events.length = 0;
      server.requestLog.length = 0;
      const updated = await registry.setRepositoryVisibility(docs, { owner: 'Octo-Org', name: 'docs-site' }, 'public');
      assert.equal(updated?.visibility, 'public');
      assert.equal(listed(registry, docs)?.visibility, 'public');
      assert.equal(listed(registry, plugin)?.visibility, 'public', 'the other package of the repository follows it');
      assert.equal(listed(registry, javaLib)?.visibility, 'private');
      const reads = server.requestLog.filter((entry) => entry.method === 'GET').map((entry) => entry.path);
      assert.deepEqual(reads.sort(), ['/orgs/octo-org/packages/maven/com.octo.docs', '/orgs/octo-org/packages/maven/com.octo.docs-plugin']);
      assert.deepEqual(events, [{ owner: 'octo-org' }]);
    });

    it('changes the visibility before any listing loaded and answers with the package re-read', async () => {
      const { registry } = service();
      const updated = await registry.setRepositoryVisibility(javaLib, { owner: 'octo-org', name: 'java-lib' }, 'public');
      assert.equal(updated?.visibility, 'public');
      assert.equal(server.state.repo('octo-org/java-lib')!.visibility, 'public');
    });

    it('a visibility change cancelled in flight throws cancelled and the repository and listing stay as they were', async () => {
      const { held, registry, events } = await listedHolding('setRepositoryVisibility');
      const repo = { owner: 'octo-org', name: 'java-lib' };
      const error = await rejection(cancelMidway(held, (signal) => registry.setRepositoryVisibility(javaLib, repo, 'public', { signal })));
      assert.ok(isCancelled(error), String(error));
      assert.equal(server.state.repo('octo-org/java-lib')!.visibility, 'private');
      assert.equal(listed(registry, javaLib)?.visibility, 'private');
      assert.deepEqual(events, []);
    });
  });

  describe('re-reading one package', () => {
    it('shows what GitHub now says about the package, with one event for its owner, and caches it for the next start', async () => {
      const cache = new MemoryCacheStore();
      const { registry, events } = service({ cache });
      await registry.refresh();
      server.state.setVisibility(server.state.findPackage('mona', 'rubygems', 'solo-gem')!, 'private');
      events.length = 0;
      const pkg = await registry.refreshPackage(soloGem);
      assert.equal(pkg?.visibility, 'private');
      assert.equal(listed(registry, soloGem)?.visibility, 'private');
      assert.deepEqual(events, [{ owner: 'mona' }]);
      assert.equal(listed(service({ cache }).registry, soloGem)?.visibility, 'private');
    });

    it('keeps the package listed as it was when it cannot be read', async () => {
      const { registry } = service();
      await registry.refresh();
      const before = listed(registry, soloGem);
      server.setFaults({ rules: [{ method: 'GET', path: '/packages/rubygems/solo-gem$', status: 404 }] });
      assert.equal(await registry.refreshPackage(soloGem), undefined);
      assert.deepEqual(listed(registry, soloGem), before);
      assert.equal(registry.getPackages('mona')!.length, 4);
    });

    it('a re-read cancelled in flight throws cancelled and fires nothing', async () => {
      const { held, registry, events } = await listedHolding('getPackage');
      const error = await rejection(cancelMidway(held, (signal) => registry.refreshPackage(soloGem, { signal })));
      assert.ok(isCancelled(error), String(error));
      assert.deepEqual(events, []);
    });
  });

  describe('restoring', () => {
    it('a restored package whose re-read fails is restored on GitHub, with one event, and the listing stays as it was', async () => {
      const { registry, events } = service();
      await registry.refresh();
      await registry.deletePackage(soloGem);
      const before = registry.getPackages('mona');
      server.setFaults({ rules: [{ method: 'GET', path: '/packages/rubygems/solo-gem$', status: 500 }] });
      events.length = 0;
      assert.equal(await registry.restorePackage(soloGem), undefined);
      assert.ok(server.state.findPackage('mona', 'rubygems', 'solo-gem'), 'restored on GitHub');
      assert.deepEqual(registry.getPackages('mona'), before);
      assert.deepEqual(events, [{ owner: 'mona' }]);
    });

    it('a package restore cancelled in flight throws cancelled and the package stays deleted and unlisted', async () => {
      const { held, registry, events } = await listedHolding('restorePackage');
      await registry.deletePackage(soloGem);
      events.length = 0;
      const error = await rejection(cancelMidway(held, (signal) => registry.restorePackage(soloGem, { signal })));
      assert.ok(isCancelled(error), String(error));
      assert.equal(server.state.findPackage('mona', 'rubygems', 'solo-gem'), undefined);
      assert.equal(listed(registry, soloGem), undefined);
      assert.deepEqual(events, []);
    });

    it('a restored version moves from deleted to active, is counted again, fires one event and is cached for the next start', async () => {
      const cache = new MemoryCacheStore();
      const { registry, events } = service({ cache });
      await registry.refresh();
      await registry.loadVersions(hello, { state: 'all' });
      const count = listed(registry, hello)!.versionCount;
      const beta = serverVersion(hello, '2.0.0-beta.1');
      events.length = 0;
      await registry.restoreVersion(hello, beta.id);
      const shown = registry.getVersions(hello)!;
      assert.ok(versionIds(shown.active).includes(beta.id));
      assert.ok(!versionIds(shown.deleted).includes(beta.id));
      assert.equal(listed(registry, hello)!.versionCount, count + 1);
      assert.deepEqual(events, [{ owner: 'mona', package: hello }]);
      assert.ok(versionIds(service({ cache }).registry.getVersions(hello)!.active).includes(beta.id), 'cached');
    });

    it('a retried restore whose first answer was lost (404, version active) counts as restored', async () => {
      const { registry } = service();
      await registry.refresh();
      await registry.loadVersions(hello, { state: 'all' });
      const beta = serverVersion(hello, '2.0.0-beta.1');
      server.state.restoreVersion(beta);
      await registry.restoreVersion(hello, beta.id);
      assert.ok(versionIds(registry.getVersions(hello)!.active).includes(beta.id));
    });

    it('a 404 for a version still deleted is an error, and the version stays listed as deleted and uncounted', async () => {
      const { registry, events } = service();
      await registry.refresh();
      await registry.loadVersions(hello, { state: 'all' });
      const count = listed(registry, hello)!.versionCount;
      const beta = serverVersion(hello, '2.0.0-beta.1');
      server.setFaults({ rules: [{ method: 'POST', path: '/restore$', status: 404 }] });
      events.length = 0;
      const error = await rejection(registry.restoreVersion(hello, beta.id));
      assert.ok(isGitHubError(error) && error.kind === 'notFound', String(error));
      assert.ok(versionIds(registry.getVersions(hello)!.deleted).includes(beta.id));
      assert.equal(listed(registry, hello)!.versionCount, count);
      assert.deepEqual(events, []);
    });

    it('a restore GitHub fails with a server error is reported, even when the version was restored elsewhere meanwhile', async () => {
      const { registry } = service();
      await registry.refresh();
      await registry.loadVersions(hello, { state: 'all' });
      const beta = serverVersion(hello, '2.0.0-beta.1');
      server.state.restoreVersion(beta);
      server.setFaults({ rules: [{ method: 'POST', path: '/restore$', status: 502 }] });
      const error = await rejection(registry.restoreVersion(hello, beta.id));
      assert.ok(isGitHubError(error) && error.kind === 'server', String(error));
    });

    it('a version restore cancelled in flight throws cancelled and the version stays deleted', async () => {
      const { held, registry, events } = await listedHolding('restoreVersion');
      await registry.loadVersions(hello, { state: 'all' });
      const beta = serverVersion(hello, '2.0.0-beta.1');
      events.length = 0;
      const error = await rejection(cancelMidway(held, (signal) => registry.restoreVersion(hello, beta.id, { signal })));
      assert.ok(isCancelled(error), String(error));
      assert.ok(server.state.version(beta.id)!.deletedAt);
      assert.ok(versionIds(registry.getVersions(hello)!.deleted).includes(beta.id));
      assert.deepEqual(events, []);
    });

    it('a restore cancelled while a lost answer is being checked is not reported as restored', async () => {
      const { held, registry } = await listedHolding('getVersion');
      await registry.loadVersions(hello, { state: 'all' });
      const beta = serverVersion(hello, '2.0.0-beta.1');
      server.state.restoreVersion(beta);
      const error = await rejection(cancelMidway(held, (signal) => registry.restoreVersion(hello, beta.id, { signal })));
      assert.ok(isCancelled(error), String(error));
      assert.ok(versionIds(registry.getVersions(hello)!.deleted).includes(beta.id));
    });

    it('a restore cancelled after GitHub restored the version counts, showing the version as listed without reading it again', async () => {
      const app: PackageRef = { owner: mona, type: 'container', name: 'app' };
      const { held, registry } = await listedHolding('getVersion');
      const old = server.state.listVersions(server.state.findPackage('mona', 'container', 'app')!).find((v) => v.tags.includes('0.9'))!;
      server.state.deleteVersion(old);
      await registry.loadVersions(app, { state: 'all' });
      const count = listed(registry, app)!.versionCount;
      await cancelMidway(held, (signal) => registry.restoreVersion(app, old.id, { signal }));
      assert.deepEqual(server.state.version(old.id)!.tags, ['0.9']);
      const restored = registry.getVersions(app)!.active!.find((version) => version.id === old.id);
      assert.deepEqual(restored?.tags, [], 'as it was listed while deleted; the next load reads its tag');
      assert.equal(listed(registry, app)!.versionCount, count + 1);
    });

    it('a restored version that cannot be read again is shown active as it was listed, without its deletion date', async () => {
      const { registry } = service();
      await registry.refresh();
      await registry.loadVersions(hello, { state: 'all' });
      await registry.deleteVersions(hello, [serverVersion(hello, '1.0.0').id]);
      const beta = serverVersion(hello, '2.0.0-beta.1');
      assert.deepEqual(
        registry.getVersions(hello)!.deleted!.map((version) => version.name),
        ['1.0.0', '2.0.0-beta.1'],
      );
      server.setFaults({ rules: [{ method: 'GET', path: `/versions/${beta.id}$`, status: 500 }] });
      await registry.restoreVersion(hello, beta.id);
      const shown = registry.getVersions(hello)!;
      const restored = shown.active!.find((version) => version.id === beta.id);
      assert.equal(restored?.name, '2.0.0-beta.1');
      assert.equal(restored.deletedAt, undefined);
      assert.deepEqual(
        shown.deleted!.map((version) => version.name),
        ['1.0.0'],
      );
    });

    it('a restored version that cannot be read again and was never listed as deleted is counted, not invented', async () => {
      const { registry } = service();
      await registry.refresh();
      await registry.loadVersions(hello);
      const count = listed(registry, hello)!.versionCount;
      server.setFaults({ rules: [{ method: 'GET', path: '/versions/', status: 500 }] });
      await registry.restoreVersion(hello, serverVersion(hello, '2.0.0-beta.1').id);
      assert.deepEqual(
        registry.getVersions(hello)!.active!.map((version) => version.name),
        ['1.1.0', '1.0.0'],
      );
      assert.equal(listed(registry, hello)!.versionCount, count + 1);
    });

    it('a version restored before its package’s versions were ever loaded is counted in the listing', async () => {
      const { registry } = service();
      await registry.refresh();
      const count = listed(registry, hello)!.versionCount;
      server.setFaults({ rules: [{ method: 'GET', path: '/versions/', status: 500 }] });
      await registry.restoreVersion(hello, serverVersion(hello, '2.0.0-beta.1').id);
      assert.equal(registry.getVersions(hello), undefined);
      assert.equal(listed(registry, hello)!.versionCount, count + 1);
    });

    it('restoring a version GitHub does not know fails with the restore’s own error', async () => {
      const { registry } = service();
      await registry.refresh();
      const error = await rejection(registry.restoreVersion(hello, 987_654));
      assert.ok(isGitHubError(error) && error.kind === 'notFound', String(error));
      assert.match(error.message, /restore version 987654/);
    });
  });

  describe('recording a publish', () => {
    it('re-reads the versions shown from the last session, so the new one appears, confirmed and cached for the next start', async () => {
      const cache = new MemoryCacheStore();
      const first = service({ cache }).registry;
      await first.refresh();
      await first.loadVersions(hello);
      first.dispose();
      server.state.addVersion(server.state.findPackage('mona', 'npm', 'hello')!, { name: '1.2.0' });
      const { registry, events } = service({ cache });
      assert.equal(registry.getVersions(hello)!.fromCache, true);
      const pkg = await registry.recordPublished(hello);
      assert.equal(pkg?.versionCount, 3);
      assert.equal(listed(registry, hello)!.versionCount, 3);
      const shown = registry.getVersions(hello)!;
      assert.deepEqual(
        shown.active!.map((version) => version.name),
        ['1.2.0', '1.1.0', '1.0.0'],
      );
      assert.equal(shown.status, 'ok');
      assert.equal(shown.fromCache, false);
      assert.deepEqual(events, [{ owner: 'mona', package: hello }]);
      assert.equal(service({ cache }).registry.getVersions(hello)!.active!.length, 3, 'the next start shows it too');
    });

    it('keeps the versions shown when they cannot be listed again', async () => {
      const { registry } = service();
      await registry.refresh();
      await registry.loadVersions(hello);
      server.setFaults({ rules: [{ method: 'GET', path: '/versions\\?', status: 500 }] });
      await registry.recordPublished(hello);
      assert.deepEqual(
        registry.getVersions(hello)!.active!.map((version) => version.name),
        ['1.1.0', '1.0.0'],
      );
    });

    it('a publish whose versions re-read is cancelled throws cancelled and keeps the versions shown', async () => {
      const { held, registry } = await listedHolding('listVersionsPage');
      await registry.loadVersions(hello);
      server.state.addVersion(server.state.findPackage('mona', 'npm', 'hello')!, { name: '1.2.0' });
      const error = await rejection(cancelMidway(held, (signal) => registry.recordPublished(hello, { signal })));
      assert.ok(isCancelled(error), String(error));
      assert.equal(registry.getVersions(hello)!.active!.length, 2);
    });

    it('a published package GitHub cannot show yet leaves the listing as it was', async () => {
      const { registry, events } = service();
      await registry.refresh();
      const before = registry.getPackages('mona');
      const fresh: PackageRef = { owner: mona, type: 'npm', name: 'not-yet' };
      events.length = 0;
      assert.equal(await registry.recordPublished(fresh), undefined);
      assert.deepEqual(registry.getPackages('mona'), before);
      assert.deepEqual(events, [{ owner: 'mona', package: fresh }]);
    });

    it('a package published under an owner that is not listed adds no owner', async () => {
      const { registry } = service();
      await registry.refresh();
      const owners = registry.getOwners().map((state) => state.owner.login);
      const shared: PackageRef = { owner: { login: 'hubot', kind: 'user' }, type: 'npm', name: 'shared' };
      assert.equal((await registry.recordPublished(shared))?.name, 'shared');
      assert.deepEqual(
        registry.getOwners().map((state) => state.owner.login),
        owners,
      );
      assert.equal(registry.getPackages('hubot'), undefined);
    });
  });

  describe('package types and owners', () => {
    it('lists only the package types asked for, from the last session’s listing too', async () => {
      const cache = new MemoryCacheStore();
      await service({ cache }).registry.refresh();
      const { registry } = service({ cache, packageTypes: ['npm', 'nuget'] });
      assert.deepEqual(
        registry.getPackages('mona')!.map((pkg) => pkg.name),
        ['hello', 'Mona.Lib'],
      );
      assert.deepEqual(registry.getOwner('octo-org')!.owner.login, 'octo-org');
      assert.ok(registry.getOwners().every((state) => state.packages!.every((pkg) => ['npm', 'nuget'].includes(pkg.packageType))));
      assert.equal(service({ cache, packageTypes: PACKAGE_TYPES }).registry.getPackages('mona')!.length, 4);
    });

    it('shows an owner whose first listing failed as failed, without packages, while types are filtered', async () => {
      server.setFaults({ rules: [{ path: '^/orgs/acme-corp/packages', status: 500 }] });
      const { registry } = service({ packageTypes: ['npm'] });
      await registry.refresh();
      const acme = registry.getOwner('acme-corp')!;
      assert.equal(acme.status, 'error');
      assert.equal(acme.packages, undefined);
      assert.deepEqual(
        registry.getPackages('mona')!.map((pkg) => pkg.name),
        ['hello'],
      );
    });

    it('an owner added in the settings is listed and its packages load, announced by change events', async () => {
      const { registry } = service({ tokenName: 'monaNoOrg' });
      await registry.refresh();
      const loaded = new Promise<void>((resolve) =>
        registry.onDidChange(() => registry.getOwner('acme-corp')?.status === 'ok' && resolve()),
      );
      registry.setExtraOwners(['acme-corp']);
      await loaded;
      assert.deepEqual(
        registry.getPackages('acme-corp')!.map((pkg) => pkg.name),
        ['widgets'],
      );
    });
  });
});
