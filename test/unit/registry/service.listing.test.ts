import * as assert from 'node:assert/strict';
import type { LocalGitHub } from '../../github-local';
import { isGitHubError } from '../../../src/github/errors';
import type { PackageRef } from '../../../src/github/types';
import { MemoryCacheStore } from '../../../src/registry/cache';
import type { RegistryService } from '../../../src/registry/service';
import { rejection, startLocal } from '../github/local';
import { rootEvents, until, watchedServices } from './refreshHarness';

const remote = (host: string, owner: string) => `[remote "origin"]\n\turl = git@${host}:${owner}/tools.git\n`;
const mona = { login: 'mona', kind: 'viewer' as const };
const hello: PackageRef = { owner: mona, type: 'npm', name: 'hello' };
const paged: PackageRef = { owner: { login: 'octo-org', kind: 'org' }, type: 'npm', name: 'paged' };
const widgets: PackageRef = { owner: { login: 'acme-corp', kind: 'org' }, type: 'npm', name: 'widgets' };
/** The second argument of a call to `listVersionsPage`: which state and page it asked for. */
const pageOf = (args: unknown[]) => args[1] as { state?: string; page: number };
const turn = () => new Promise((resolve) => setImmediate(resolve));

describe('registry: what the service lists — types, owners, versions', () => {
  let server: LocalGitHub;
  beforeEach(async () => (server = await startLocal()));
  afterEach(async () => server.stop());
  const service = watchedServices(() => server);

  const logins = (registry: RegistryService) => registry.getOwners().map((state) => state.owner.login);
  const typesOf = (packages: readonly { packageType: string }[] | undefined) =>
    [...new Set((packages ?? []).map((p) => p.packageType))].sort();

  describe('package types', () => {
    it('narrows the listed types with one repaint from what is held, asking GitHub nothing', async () => {
      const { registry, held, events } = service();
      await registry.refresh();
      const calls = held.calls.length;
      events.length = 0;
      registry.setPackageTypes(['npm']);
      assert.deepEqual(events, [{}]);
      assert.equal(held.calls.length, calls);
      assert.deepEqual(typesOf(registry.getPackages('mona')), ['npm']);
      assert.deepEqual(typesOf(registry.getOwner('octo-org')!.packages), ['npm']);
      assert.deepEqual(typesOf(registry.getOwners()[0].packages), ['npm']);
    });

    it('lists every owner again when a type is added, showing packages of that type published meanwhile', async () => {
      const { registry } = service();
      await registry.refresh();
      registry.setPackageTypes(['npm']);
      server.state.addPackage({ owner: 'mona', type: 'container', name: 'fresh-image' });
      registry.setPackageTypes(['npm', 'container']);
      assert.ok(registry.getOwners().every((state) => state.status === 'loading'));
      await until(() => registry.getOwners().every((state) => state.status === 'ok'));
      assert.deepEqual(typesOf(registry.getPackages('mona')), ['container', 'npm']);
      assert.ok(registry.getPackages('mona')!.some((pkg) => pkg.name === 'fresh-image'));
    });
  });

  describe('owners from settings and the workspace', () => {
    it('adds an owner the workspace points at with one repaint, then lists its packages', async () => {
      const { registry, events } = service();
      await registry.refresh();
      events.length = 0;
      registry.setWorkspace({ gitConfigTexts: [remote('github.com', 'hubot')] });
      await until(() => registry.getOwner('hubot')?.status === 'ok');
      assert.equal(rootEvents(events).length, 1);
      const { login, kind, source } = registry.getOwner('hubot')!.owner;
      assert.deepEqual({ login, kind, source }, { login: 'hubot', kind: 'user', source: 'workspace' });
      assert.ok(registry.getPackages('hubot')!.length > 0);
    });

    it('lists nothing and asks GitHub nothing when the settings or workspace change before sign-in', async () => {
      const { registry, held, events } = service();
      registry.setExtraOwners(['hubot']);
      registry.setWorkspace({ gitConfigTexts: [remote('github.com', 'acme-corp')] });
      await turn();
      assert.deepEqual(registry.getOwners(), []);
      assert.deepEqual(events, []);
      assert.deepEqual(held.calls, []);
      await registry.refresh();
      assert.deepEqual(logins(registry), ['mona', 'octo-org', 'acme-corp', 'saml-org', 'hubot']);
    });

    it('changes nothing when the same owners are set again: no repaint, no request', async () => {
      const { registry, held, events } = service('mona', { extraOwners: ['hubot'] });
      await registry.refresh();
      const calls = held.calls.length;
      events.length = 0;
      registry.setExtraOwners(['hubot']);
      await turn();
      assert.deepEqual(events, []);
      assert.equal(held.calls.length, calls);
    });

    it('repaints when one owner in the settings is replaced by another of the same kind', async () => {
      const { registry, events } = service('mona', { extraOwners: ['ghost-one'] });
      await registry.refresh();
      assert.equal(registry.getOwner('ghost-one')!.owner.kind, 'org', 'an unknown login from the settings is tried as an organization');
      events.length = 0;
      registry.setExtraOwners(['ghost-two']);
      await until(() => registry.getOwner('ghost-two')?.status === 'error');
      assert.equal(rootEvents(events).length, 1);
      assert.deepEqual(logins(registry), ['mona', 'octo-org', 'acme-corp', 'saml-org', 'ghost-two']);
    });

    it('repaints when an owner named in the settings and the workspace is left only in the workspace', async () => {
      const { registry, events, held } = service('mona', {
        extraOwners: ['hubot'],
        workspace: { gitConfigTexts: [remote('github.com', 'hubot')] },
      });
      await registry.refresh();
      const calls = held.calls.length;
      events.length = 0;
      registry.setExtraOwners([]);
      await until(() => events.length > 0);
      assert.deepEqual(events, [{}]);
      assert.equal(registry.getOwner('hubot')!.owner.source, 'workspace');
      assert.equal(held.calls.length, calls, 'its packages are already listed');
    });

    it('repaints an owner from the settings first tried as an organization once GitHub says it is a user', async () => {
      server.setFaults({ rules: [{ path: '^/users/hubot$', status: 404, times: 1 }] });
      const { registry, events } = service('mona', { extraOwners: ['hubot'] });
      await registry.refresh();
      assert.equal(registry.getOwner('hubot')!.owner.kind, 'org');
      events.length = 0;
      await registry.refresh();
      assert.equal(registry.getOwner('hubot')!.owner.kind, 'user');
      assert.equal(rootEvents(events).length, 2, 'one for "loading", one for the owner that changed');
      assert.equal(registry.getOwner('hubot')!.status, 'ok');
    });

    it('recognises workspace remotes on github.com by default, and only on the configured web host otherwise', async () => {
      const workspace = { gitConfigTexts: [remote('github.com', 'hubot')] };
      const byDefault = service('mona', { workspace }).registry;
      await byDefault.refresh();
      assert.ok(logins(byDefault).includes('hubot'));

      const enterprise = service('mona', { workspace, webHost: 'ghe.example.com' }).registry;
      await enterprise.refresh();
      assert.ok(!logins(enterprise).includes('hubot'));
      enterprise.setWorkspace({ gitConfigTexts: [remote('ghe.example.com', 'hubot')] });
      await until(() => logins(enterprise).includes('hubot'));
    });

    it('sends GitHub one call at a time when the concurrency is one', async () => {
      const one = service('mona', { concurrency: 1 });
      await one.registry.refresh();
      assert.equal(one.held.mostInFlight, 1);
      assert.equal(one.registry.getOwners().length, 4);
    });
  });

  it('names your own packages as yours when listing them fails', async () => {
    server.setFaults({ rules: [{ path: '^/user/packages', status: 404 }] });
    const { registry } = service();
    await registry.refresh();
    const own = registry.getOwner('mona')!;
    assert.equal(own.status, 'error');
    assert.match(own.error!.message, /your \w+ packages/);
  });

  describe('versions', () => {
    it('shows a package loading on its first load, then its versions, with one event each', async () => {
      const { registry, events } = service();
      await registry.refresh();
      events.length = 0;
      const loaded = registry.loadVersions(paged);
      assert.equal(registry.getVersions(paged)!.status, 'loading');
      await loaded;
      const event = { owner: 'octo-org', package: paged };
      assert.deepEqual(events, [event, event]);
      assert.equal(registry.getVersions(paged)!.active!.length, 45);
    });

    it('keeps versions on screen while they load again, repainting once with the answer', async () => {
      const { registry, events } = service();
      await registry.refresh();
      await registry.loadVersions(paged);
      events.length = 0;
      await registry.loadVersions(paged);
      assert.deepEqual(events, [{ owner: 'octo-org', package: paged }]);
    });

    it('shows cached versions as loaded, and still as cached after only the deleted ones were listed', async () => {
      const cache = new MemoryCacheStore();
      const first = service('mona', { cache }).registry;
      await first.refresh();
      await first.loadVersions(hello);
      const { registry } = service('mona', { cache });
      assert.equal(registry.getVersions(hello)!.status, 'ok');
      await registry.loadVersions(hello, { state: 'deleted' });
      const state = registry.getVersions(hello)!;
      assert.equal(state.fromCache, true);
      assert.deepEqual(
        state.deleted!.map((version) => version.name),
        ['2.0.0-beta.1'],
      );
    });

    it('keeps cached versions marked as cached, and shown, when GitHub fails to confirm them', async () => {
      const cache = new MemoryCacheStore();
      const first = service('mona', { cache }).registry;
      await first.refresh();
      await first.loadVersions(hello);
      server.setFaults({ rules: [{ path: '/hello/versions', status: 404 }] });
      const { registry } = service('mona', { cache });
      await registry.loadVersions(hello);
      const state = registry.getVersions(hello)!;
      assert.equal(state.status, 'error');
      assert.equal(state.fromCache, true);
      assert.deepEqual(state.active!.map((version) => version.name).sort(), ['1.0.0', '1.1.0']);
    });

    it('asks for every known page of a list with the first, and no more pages than that list had', async () => {
      const { registry, held } = service('mona', { perPage: 10 });
      await registry.refresh();
      await registry.loadVersions(paged, { state: 'all' });
      held.calls.length = 0;
      const first = held.hold('listVersionsPage', (...args) => pageOf(args).state === 'active' && pageOf(args).page === 1);
      const loaded = registry.loadVersions(paged, { state: 'all' });
      await first.reached;
      await turn();
      const asked = () => held.calls.filter((call) => call.method === 'listVersionsPage').map((call) => pageOf(call.args));
      assert.deepEqual(
        asked()
          .filter((page) => page.state === 'active')
          .map((page) => page.page),
        [1, 2, 3, 4, 5],
      );
      first.release();
      await loaded;
      assert.deepEqual(
        asked()
          .filter((page) => page.state === 'deleted')
          .map((page) => page.page),
        [1],
      );
      assert.equal(registry.getVersions(paged)!.active!.length, 45);
    });

    it('keeps both lists when the deleted versions arrive while the active ones still load', async () => {
      const { registry, held } = service();
      await registry.refresh();
      const active = held.hold('listVersionsPage', (...args) => pageOf(args).state === 'active');
      const activeLoad = registry.loadVersions(hello);
      await active.reached;
      await registry.loadVersions(hello, { state: 'deleted' });
      active.release();
      await activeLoad;
      const state = registry.getVersions(hello)!;
      assert.deepEqual(state.active!.map((version) => version.name).sort(), ['1.0.0', '1.1.0']);
      assert.deepEqual(
        state.deleted!.map((version) => version.name),
        ['2.0.0-beta.1'],
      );
    });

    it('reloads on refresh both lists of shown versions, but not a package whose first load was cancelled', async () => {
      const { registry, held } = service();
      await registry.refresh();
      await registry.loadVersions(hello, { state: 'all' });
      await registry.loadVersions(widgets);
      const pagedLoad = held.hold('listVersionsPage', (ref) => (ref as PackageRef).name === 'paged');
      const controller = new AbortController();
      const cancelled = registry.loadVersions(paged, { signal: controller.signal });
      await pagedLoad.reached;
      controller.abort();
      assert.ok(isGitHubError(await rejection(cancelled)));
      assert.equal(registry.getVersions(paged)!.status, 'idle');
      pagedLoad.release();
      const pkg = server.state.findPackage('mona', 'npm', 'hello')!;
      server.state.deleteVersion(server.state.listVersions(pkg).find((version) => version.name === '1.0.0')!);
      server.state.addVersion(server.state.findPackage('acme-corp', 'npm', 'widgets')!, { name: '3.2.0' });
      held.calls.length = 0;
      await registry.refresh();
      const state = registry.getVersions(hello)!;
      assert.deepEqual(
        state.active!.map((version) => version.name),
        ['1.1.0'],
      );
      assert.ok(state.deleted!.some((version) => version.name === '1.0.0'));
      assert.ok(
        registry.getVersions(widgets)!.active!.some((version) => version.name === '3.2.0'),
        'active-only lists reload too',
      );
      assert.ok(!held.calls.some((call) => call.method === 'listVersionsPage' && (call.args[0] as PackageRef).name === 'paged'));
    });

    it('stops a refresh with the cancellation when cancelled while shown versions reload, keeping them', async () => {
      const { registry, held } = service();
      await registry.refresh();
      await registry.loadVersions(hello);
      held.hold('listVersionsPage');
      const controller = new AbortController();
      const refreshed = registry.refresh({ signal: controller.signal });
      await until(() => registry.getOwners().every((state) => state.status === 'ok'));
      controller.abort();
      const error = await rejection(refreshed);
      assert.ok(isGitHubError(error) && error.kind === 'cancelled');
      assert.equal(registry.getVersions(hello)!.status, 'ok');
      assert.equal(registry.getVersions(hello)!.active!.length, 2);
    });
  });
});
