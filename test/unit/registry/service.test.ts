import * as assert from 'node:assert/strict';
import type { LocalGitHub } from '../../github-local';
import { isGitHubError } from '../../../src/github/errors';
import { MemoryCacheStore } from '../../../src/registry/cache';
import { RegistryService, type RegistryChange, type RegistryServiceOptions } from '../../../src/registry/service';
import { rejection, startLocal, testClient } from '../github/local';

const mona = { login: 'mona', kind: 'viewer' as const };

describe('registry/RegistryService', () => {
  let server: LocalGitHub;
  beforeEach(async () => (server = await startLocal()));
  afterEach(async () => server.stop());

  function service(tokenName: string, options: Partial<RegistryServiceOptions> = {}, clientOptions: Parameters<typeof testClient>[2] = {}) {
    const { api } = testClient(server, tokenName, clientOptions);
    const registry = new RegistryService({ api, cacheScope: server.url, ...options });
    const events: RegistryChange[] = [];
    registry.onDidChange((event) => events.push(event));
    return { registry, events };
  }

  const logins = (registry: RegistryService) => registry.getOwners().map((state) => state.owner.login);

  /** A cache holding mona's listing, as a previous start of VS Code left it. */
  async function cachedListing() {
    const cache = new MemoryCacheStore();
    const { registry } = service('mona', { cache });
    await registry.refresh();
    return { cache, registry };
  }

  describe('owners', () => {
    it('lists you and your organizations with read:org, each with its packages across all types', async () => {
      const { registry } = service('mona');
      await registry.refresh();
      assert.deepEqual(logins(registry), ['mona', 'octo-org', 'acme-corp', 'saml-org']);
      assert.equal(registry.accountState.status, 'ok');
      assert.equal(registry.accountState.notice, undefined);
      const own = registry.getOwner('mona')!;
      assert.equal(own.status, 'ok');
      assert.deepEqual(
        own.packages!.map((pkg) => `${pkg.packageType}/${pkg.name}`),
        ['container/app', 'npm/hello', 'nuget/Mona.Lib', 'rubygems/solo-gem'],
      );
      const org = registry.getPackages('OCTO-ORG')!;
      assert.deepEqual(new Set(org.map((pkg) => pkg.packageType)), new Set(['maven', 'container', 'npm', 'docker']));
      assert.equal(registry.getOwner('saml-org')!.status, 'ok');
    });

    it('degrades without read:org: public memberships only, with a notice, never a failure', async () => {
      const { registry } = service('monaNoOrg');
      await registry.refresh();
      assert.deepEqual(logins(registry), ['mona', 'octo-org']);
      const notice = registry.accountState.notice;
      assert.ok(
        isGitHubError(notice) &&
          notice.kind === 'scopeMissing' &&
          notice.detail.kind === 'scopeMissing' &&
          notice.detail.scope === 'read:org',
      );
      assert.equal(registry.getOwner('mona')!.status, 'ok');
    });

    it('keeps going when /user/orgs is refused', async () => {
      server.setFaults({ rules: [{ path: '^/user/orgs', status: 403 }] });
      const { registry } = service('mona');
      await registry.refresh();
      assert.deepEqual(logins(registry), ['mona']);
      assert.equal(registry.accountState.status, 'ok');
      assert.ok(isGitHubError(registry.accountState.notice));
      assert.equal(registry.getOwner('mona')!.packages!.length, 4);
    });

    it('adds owners from settings and the workspace, resolving users and organizations', async () => {
      const { registry } = service('monaNoOrg', {
        extraOwners: ['acme-corp'],
        workspace: {
          packageJsonTexts: [JSON.stringify({ name: '@hubot/tool' })],
          gitConfigTexts: ['[remote "origin"]\n\turl = git@github.com:mona/hello-npm.git\n'],
        },
      });
      await registry.refresh();
      assert.deepEqual(logins(registry), ['mona', 'octo-org', 'acme-corp', 'hubot']);
      assert.deepEqual(
        registry.getOwners().map((state) => `${state.owner.kind}:${state.owner.source}`),
        ['viewer:self', 'org:membership', 'org:setting', 'user:workspace'],
      );
      assert.deepEqual(
        registry.getPackages('hubot')!.map((pkg) => pkg.name),
        ['shared'],
      );
      assert.deepEqual(
        registry.getPackages('acme-corp')!.map((pkg) => pkg.name),
        ['widgets'],
      );

      registry.setExtraOwners([]);
      await new Promise((resolve) => setTimeout(resolve, 20));
      assert.deepEqual(logins(registry), ['mona', 'octo-org', 'hubot']);
    });

    it('shows one failing organization as its own error and the others as usual', async () => {
      server.state.addToken('monaNoSso', 'gplocal_mona_nosso_1', 'mona', ['read:packages', 'read:org']);
      const { registry } = service('monaNoSso');
      await registry.refresh();
      const saml = registry.getOwner('saml-org')!;
      assert.equal(saml.status, 'error');
      assert.equal(saml.error?.kind, 'saml');
      assert.equal(registry.getOwner('octo-org')!.status, 'ok');
      assert.equal(registry.getOwner('mona')!.status, 'ok');
    });

    it('reports a sign-in problem on the account, not as an empty listing', async () => {
      const { registry } = service('nobody');
      await registry.refresh();
      assert.equal(registry.accountState.status, 'error');
      assert.equal(registry.accountState.error?.kind, 'notSignedIn');
    });
  });

  describe('paging fan-out', () => {
    it('lists an owner with hundreds of packages: first pages of all types, then the rest in parallel', async () => {
      server.state.addPackages('hubot', 630);
      const { registry } = service('hubot', { perPage: 50 });
      await registry.refresh();
      assert.equal(registry.getPackages('hubot')!.length, 632);

      server.requestLog.length = 0;
      server.setLatency(100);
      await registry.refreshOwner('hubot');
      server.setLatency(undefined);
      const listing = server.requestLog.filter((entry) => entry.path.startsWith('/user/packages?'));
      assert.equal(listing.length, 6 * 3, '105 packages per type at 50 per page: 3 pages each');
      const isFirst = (entry: { path: string }) => /[?&]page=1(&|$)/.test(entry.path);
      const firstPages = listing.filter(isFirst);
      const laterPages = listing.filter((entry) => !isFirst(entry));
      // Round 1: every type's first page in flight together; round 2: every remaining page in flight together.
      assert.ok(Math.max(...firstPages.map((e) => e.start)) < Math.min(...firstPages.map((e) => e.end)), 'first pages overlap');
      assert.ok(Math.max(...laterPages.map((e) => e.start)) < Math.min(...laterPages.map((e) => e.end)), 'remaining pages overlap');
    });

    it('lists versions across pages, active and deleted', async () => {
      const { registry } = service('mona', { perPage: 10 });
      await registry.refresh();
      const ref = { owner: { login: 'octo-org', kind: 'org' as const }, type: 'npm' as const, name: 'paged' };
      server.requestLog.length = 0;
      server.setLatency(100);
      const state = await registry.loadVersions(ref);
      server.setLatency(undefined);
      assert.equal(state.active!.length, 45);
      assert.equal(new Set(state.active!.map((version) => version.id)).size, 45);
      assert.equal(server.requestLog.length, 5);
      const pagesAfterFirst = server.requestLog.slice(1);
      assert.ok(
        Math.max(...pagesAfterFirst.map((entry) => entry.start)) < Math.min(...pagesAfterFirst.map((entry) => entry.end)),
        'pages 2–5 in flight together',
      );

      const hello = await registry.loadVersions({ owner: mona, type: 'npm', name: 'hello' }, { state: 'all' });
      assert.deepEqual(hello.active!.map((version) => version.name).sort(), ['1.0.0', '1.1.0']);
      assert.deepEqual(
        hello.deleted!.map((version) => version.name),
        ['2.0.0-beta.1'],
      );
    });

    it('refresh reloads the versions of every loaded package together, and ends a failed load once GitHub answers', async () => {
      const { registry } = service('mona');
      await registry.refresh();
      const hello = { owner: mona, type: 'npm' as const, name: 'hello' };
      const widgets = { owner: { login: 'acme-corp', kind: 'org' as const }, type: 'npm' as const, name: 'widgets' };
      await registry.loadVersions(hello);
      server.setFaults({ rules: [{ path: '/widgets/versions', drop: true }] });
      assert.equal((await registry.loadVersions(widgets)).status, 'error');
      server.setFaults(undefined);
      const deleted = server.state.findPackage('mona', 'npm', 'hello')!;
      server.state.deleteVersion(server.state.listVersions(deleted).find((version) => version.name === '1.0.0')!);
      server.requestLog.length = 0;
      server.setLatency(100);
      await registry.refresh();
      server.setLatency(undefined);
      assert.deepEqual(
        registry.getVersions(hello)!.active!.map((version) => version.name),
        ['1.1.0'],
        'the version deleted elsewhere is gone',
      );
      const reloaded = registry.getVersions(widgets)!;
      assert.equal(reloaded.status, 'ok');
      assert.deepEqual(reloaded.active!.map((version) => version.name).sort(), ['3.0.0', '3.1.0']);
      const versionCalls = server.requestLog.filter((entry) => /\/versions/.test(entry.path));
      assert.equal(versionCalls.length, 2);
      assert.ok(
        Math.max(...versionCalls.map((e) => e.start)) < Math.min(...versionCalls.map((e) => e.end)),
        'both packages reload at once',
      );
    });

    it('absorbs random server errors with retries (faults on)', async () => {
      server.state.addPackages('mona', 120);
      // Random faults, and one certain one: with ~12 requests, 0.8^12 ≈ 7% of runs would otherwise see none.
      server.setFaults({ errorRate: 0.2, rules: [{ path: '^/user/packages\\?package_type=npm', status: 502, times: 1 }] });
      const { registry } = service('mona', { perPage: 20 }, { throttle: { retries: 6 } });
      await registry.refresh();
      server.setFaults(undefined);
      assert.equal(registry.getPackages('mona')!.length, 124);
      assert.ok(
        server.requestLog.some((entry) => entry.status >= 500),
        'faults were injected',
      );
    });
  });

  describe('cache', () => {
    it('shows the last listing at once on the next start, then refreshes it in the background', async () => {
      const { cache, registry: first } = await cachedListing();
      first.dispose();

      server.state.addPackage({ owner: 'mona', type: 'npm', name: 'fresh' });
      server.requestLog.length = 0;
      const second = service('mona', { cache });
      const shown = second.registry.getOwner('mona')!;
      assert.equal(server.requestLog.length, 0, 'no request needed for the first paint');
      assert.equal(shown.fromCache, true);
      assert.equal(shown.packages!.length, 4);
      assert.deepEqual(logins(second.registry), ['mona', 'octo-org', 'acme-corp', 'saml-org']);
      assert.equal(second.registry.viewer?.login, 'mona');

      await second.registry.refresh();
      const refreshed = second.registry.getOwner('mona')!;
      assert.equal(refreshed.fromCache, false);
      assert.ok(refreshed.packages!.some((pkg) => pkg.name === 'fresh'));
      assert.ok(second.events.length > 0);
    });

    it('never blanks what is shown when a refresh fails', async () => {
      const { cache } = await cachedListing();
      server.setFaults({ rules: [{ path: '/packages', status: 503 }] });
      const second = service('mona', { cache }, { throttle: { retries: 1 } });
      await second.registry.refresh();
      for (const state of second.registry.getOwners()) {
        assert.equal(state.status, 'error');
        assert.equal(state.error?.kind, 'server');
        assert.ok(state.packages && state.packages.length > 0, `${state.owner.login} kept its packages`);
      }
      server.setFaults({ rules: [{ path: '.', drop: true }] });
      await second.registry.refresh();
      assert.equal(second.registry.accountState.error?.kind, 'network');
      assert.equal(second.registry.getOwner('mona')!.packages!.length, 4);
    });

    it('does not show another account’s cached listing', async () => {
      const { cache } = await cachedListing();
      const other = service('hubot', { cache });
      assert.equal(other.registry.getOwners().length, 4, 'cached listing shown before sign-in is confirmed');
      await other.registry.refresh();
      assert.deepEqual(logins(other.registry), ['hubot', 'octo-org']);
    });
  });

  describe('mutations', () => {
    it('deletes versions and fires ONE change event, reporting GitHub’s refusals per version', async () => {
      const { registry, events } = service('mona');
      await registry.refresh();
      const ref = { owner: mona, type: 'nuget' as const, name: 'Mona.Lib' };
      const before = await registry.loadVersions(ref, { state: 'all' });
      const ids = before.active!.map((version) => version.id);
      events.length = 0;
      const progress: number[] = [];
      const result = await registry.deleteVersions(ref, ids, { onProgress: (done) => progress.push(done) });
      assert.equal(events.length, 1);
      assert.deepEqual(events[0].package, ref);
      assert.deepEqual(progress, [1, 2]);
      assert.equal(result.succeeded.length, 1);
      assert.equal(result.failed.length, 1);
      assert.equal(result.failed[0].error.kind, 'refused');
      const after = registry.getVersions(ref)!;
      assert.equal(after.active!.length, 1);
      assert.equal(after.deleted!.length, 1);
      assert.equal(registry.getPackages('mona')!.find((pkg) => pkg.name === 'Mona.Lib')!.versionCount, 1);

      events.length = 0;
      await registry.restoreVersion(ref, result.succeeded[0]);
      assert.equal(events.length, 1);
      assert.equal(registry.getVersions(ref)!.active!.length, 2);
      assert.equal(registry.getVersions(ref)!.deleted!.length, 0);
    });

    it('deletes and restores a package, each with one event and the cache updated', async () => {
      const cache = new MemoryCacheStore();
      const { registry, events } = service('mona', { cache });
      await registry.refresh();
      const ref = { owner: mona, type: 'rubygems' as const, name: 'solo-gem' };
      events.length = 0;
      await registry.deletePackage(ref);
      assert.equal(events.length, 1);
      assert.ok(!registry.getPackages('mona')!.some((pkg) => pkg.name === 'solo-gem'));
      assert.ok(
        !new RegistryService({ api: testClient(server, 'mona').api, cacheScope: server.url, cache })
          .getPackages('mona')!
          .some((pkg) => pkg.name === 'solo-gem'),
        'cache updated',
      );

      events.length = 0;
      const restored = await registry.restorePackage(ref);
      assert.equal(restored?.name, 'solo-gem');
      assert.equal(events.length, 1);
      assert.ok(registry.getPackages('mona')!.some((pkg) => pkg.name === 'solo-gem'));
    });

    it('records a publish with one event', async () => {
      const { registry, events } = service('mona');
      await registry.refresh();
      const pkg = server.state.addPackage({ owner: 'mona', type: 'npm', name: 'just-published' });
      server.state.addVersion(pkg, { name: '1.0.0' });
      events.length = 0;
      await registry.recordPublished({ owner: mona, type: 'npm', name: 'just-published' });
      assert.equal(events.length, 1);
      assert.ok(registry.getPackages('mona')!.some((candidate) => candidate.name === 'just-published'));
    });

    it('reports a missing scope for a mutation as an error value', async () => {
      const { registry } = service('monaRead');
      await registry.refresh();
      const error = await rejection(registry.deletePackage({ owner: mona, type: 'npm', name: 'hello' }));
      assert.ok(isGitHubError(error) && error.kind === 'scopeMissing');
      assert.ok(
        registry.getPackages('mona')!.some((pkg) => pkg.name === 'hello'),
        'nothing removed',
      );
    });
  });

  describe('cancellation', () => {
    it('cancels a refresh and keeps what was shown', async () => {
      const { cache } = await cachedListing();
      server.setLatency(2000);
      const { registry } = service('mona', { cache });
      const controller = new AbortController();
      setTimeout(() => controller.abort(), 50);
      const started = Date.now();
      const error = await rejection(registry.refresh({ signal: controller.signal }));
      assert.ok(isGitHubError(error) && error.kind === 'cancelled');
      assert.ok(Date.now() - started < 1500, 'stopped without waiting for the 2-second answer');
      server.setLatency(undefined);
      assert.equal(registry.getOwner('mona')!.packages!.length, 4);
      assert.notEqual(registry.accountState.status, 'loading');
    });

    it('cancels loading versions and a bulk delete part-way', async () => {
      const { registry } = service('mona', { perPage: 10 });
      await registry.refresh();
      const ref = { owner: { login: 'octo-org', kind: 'org' as const }, type: 'npm' as const, name: 'paged' };
      const loaded = await registry.loadVersions(ref);
      server.setLatency(100);
      const controller = new AbortController();
      setTimeout(() => controller.abort(), 30);
      const error = await rejection(registry.loadVersions(ref, { signal: controller.signal }));
      assert.ok(isGitHubError(error) && error.kind === 'cancelled');
      assert.equal(registry.getVersions(ref)!.active!.length, 45);
      assert.equal(registry.getVersions(ref)!.status, 'ok');

      server.setLatency(40);
      const bulk = new AbortController();
      setTimeout(() => bulk.abort(), 100);
      const ids = loaded.active!.slice(0, 10).map((version) => version.id);
      const result = await registry.deleteVersions(ref, ids, { signal: bulk.signal });
      assert.ok(result.succeeded.length >= 1 && result.succeeded.length < 10, `deleted ${result.succeeded.length}`);
      assert.equal(result.succeeded.length + result.skipped.length + result.failed.length, 10);
      assert.equal(registry.getVersions(ref)!.active!.length, 45 - result.succeeded.length);
    });

    it('dispose() cancels everything in flight', async () => {
      server.setLatency(200);
      const { registry } = service('mona');
      const refresh = registry.refresh();
      setTimeout(() => registry.dispose(), 20);
      const error = await rejection(refresh);
      assert.ok(isGitHubError(error) && error.kind === 'cancelled');
    });
  });
});
