import * as assert from 'node:assert/strict';
import type { LocalGitHub } from '../../github-local';
import { isGitHubError } from '../../../src/github/errors';
import { MemoryCacheStore } from '../../../src/registry/cache';
import { ListingCache } from '../../../src/registry/listingCache';
import { rejection, startLocal } from '../github/local';
import { RecordingStore, rootEvents, until, watchedServices, type Watched } from './refreshHarness';

const hubotRemote = '[remote "origin"]\n\turl = git@github.com:hubot/private-stuff.git\n';
const ownerIs = (login: string) => (owner: unknown) => (owner as { login: string }).login === login;

describe('registry: refreshing the account and its owners', () => {
  let server: LocalGitHub;
  beforeEach(async () => (server = await startLocal()));
  afterEach(async () => server.stop());
  const service = watchedServices(() => server);

  const logins = ({ registry }: Pick<Watched, 'registry'>) => registry.getOwners().map((state) => state.owner.login);
  const statuses = ({ registry }: Pick<Watched, 'registry'>) => registry.getOwners().map((state) => state.status);

  /** A memento holding mona's listing, as the previous start of VS Code left it. */
  async function cachedListing(options: Parameters<typeof service>[1] = {}) {
    const cache = new MemoryCacheStore();
    await service('mona', { cache, ...options }).registry.refresh();
    return cache;
  }

  describe('before and at the start of a refresh', () => {
    it('starts idle, with no account, owners or packages, when nothing is cached', () => {
      const { registry } = service();
      assert.equal(registry.accountState.status, 'idle');
      assert.equal(registry.viewer, undefined);
      assert.deepEqual(registry.getOwners(), []);
      assert.equal(registry.getOwner('mona'), undefined);
      assert.equal(registry.getPackages('mona'), undefined);
    });

    it('starts from the cached listing as idle, not loading, until a refresh is asked for', async () => {
      const cache = await cachedListing();
      const { registry } = service('mona', { cache });
      assert.equal(registry.accountState.status, 'idle');
      assert.equal(registry.viewer?.login, 'mona');
      assert.deepEqual(statuses({ registry }), ['ok', 'ok', 'ok', 'ok']);
    });

    it('paints nothing on a first refresh until GitHub names the account, then the owners in one event', async () => {
      const watched = service();
      const account = watched.held.hold('getViewer');
      const refreshed = watched.registry.refresh();
      assert.equal(watched.registry.accountState.status, 'loading');
      await account.reached;
      assert.deepEqual(watched.events, []);
      const ownersAtFirstEvent: string[][] = [];
      watched.registry.onDidChange(() => ownersAtFirstEvent.push(logins(watched)));
      account.release();
      await refreshed;
      assert.deepEqual(watched.events[0], {});
      assert.deepEqual(ownersAtFirstEvent[0], ['mona', 'octo-org', 'acme-corp', 'saml-org']);
      assert.equal(rootEvents(watched.events).length, 1);
    });

    it('marks every cached owner loading in one event, then repaints each owner once when its packages arrive', async () => {
      const watched = service('mona', { cache: await cachedListing() });
      const account = watched.held.hold('getViewer');
      const refreshed = watched.registry.refresh();
      assert.deepEqual(watched.events, [{}]);
      assert.deepEqual(statuses(watched), ['loading', 'loading', 'loading', 'loading']);
      await account.reached;
      account.release();
      await refreshed;
      assert.equal(rootEvents(watched.events).length, 1, 'no second whole-tree repaint: the owners did not change');
      assert.deepEqual(
        watched.events
          .slice(1)
          .map((event) => event.owner)
          .sort(),
        ['acme-corp', 'mona', 'octo-org', 'saml-org'],
      );
      assert.deepEqual(statuses(watched), ['ok', 'ok', 'ok', 'ok']);
    });

    it('adds no event of its own when every owner is already being listed', async () => {
      const watched = service('mona', { cache: await cachedListing() });
      const listings = watched.held.hold('listPackagesPage');
      const owners = logins(watched).map((login) => watched.registry.refreshOwner(login));
      watched.events.length = 0;
      const refreshed = watched.registry.refresh();
      assert.deepEqual(watched.events, []);
      listings.release();
      await Promise.all([refreshed, ...owners]);
      assert.deepEqual(statuses(watched), ['ok', 'ok', 'ok', 'ok']);
    });

    it('clears a shown sign-in error at once when asked again, even with no owner listed', async () => {
      server.setFaults({ rules: [{ path: '^/user$', status: 401, times: 1 }] });
      const watched = service();
      await watched.registry.refresh();
      assert.equal(watched.registry.accountState.error?.kind, 'notSignedIn');
      watched.events.length = 0;
      const account = watched.held.hold('getViewer');
      const refreshed = watched.registry.refresh();
      assert.deepEqual(watched.events, [{}]);
      assert.equal(watched.registry.accountState.error, undefined);
      account.release();
      await refreshed;
      assert.equal(watched.registry.accountState.status, 'ok');
    });
  });

  describe('when the account check fails or the refresh is cancelled', () => {
    it('puts the owners back as they were after a failed sign-in check, with their packages, and the error on the account', async () => {
      const watched = service('mona', { cache: await cachedListing() });
      server.setFaults({ rules: [{ path: '^/user$', status: 401 }] });
      await watched.registry.refresh();
      assert.equal(watched.registry.accountState.status, 'error');
      assert.equal(watched.registry.accountState.error?.kind, 'notSignedIn');
      assert.deepEqual(statuses(watched), ['ok', 'ok', 'ok', 'ok']);
      assert.equal(watched.registry.getPackages('mona')!.length, 4);
    });

    it('leaves an owner whose own refresh still runs loading after a failed sign-in check, until that refresh ends', async () => {
      const watched = service('mona', { cache: await cachedListing() });
      const octo = watched.held.hold('listPackagesPage', ownerIs('octo-org'));
      const ownRefresh = watched.registry.refreshOwner('octo-org');
      server.setFaults({ rules: [{ path: '^/user$', status: 401 }] });
      await watched.registry.refresh();
      assert.equal(watched.registry.getOwner('octo-org')!.status, 'loading');
      assert.equal(watched.registry.getOwner('mona')!.status, 'ok');
      octo.release();
      await ownRefresh;
      assert.equal(watched.registry.getOwner('octo-org')!.status, 'ok');
    });

    it('keeps the fresh status of an owner listed again while the sign-in check was outstanding when that check fails', async () => {
      server.setFaults({ rules: [{ path: '^/orgs/octo-org/packages', status: 404 }] });
      const watched = service();
      await watched.registry.refresh();
      assert.equal(watched.registry.getOwner('octo-org')!.status, 'error');
      server.setFaults({ rules: [{ path: '^/user$', status: 401 }] });
      const account = watched.held.hold('getViewer');
      const refreshed = watched.registry.refresh();
      await watched.registry.refreshOwner('octo-org');
      account.release();
      await refreshed;
      assert.equal(watched.registry.accountState.status, 'error');
      assert.equal(watched.registry.getOwner('octo-org')!.status, 'ok');
      assert.equal(watched.registry.getOwner('octo-org')!.error, undefined);
    });

    it('simply drops an owner removed from the settings while the sign-in check was outstanding when that check fails', async () => {
      const cache = await cachedListing({ extraOwners: ['hubot'] });
      const watched = service('mona', { cache, extraOwners: ['hubot'] });
      assert.ok(logins(watched).includes('hubot'));
      const account = watched.held.hold('getViewer');
      const refreshed = watched.registry.refresh();
      watched.registry.setExtraOwners([]);
      await until(() => !logins(watched).includes('hubot'));
      server.setFaults({ rules: [{ path: '^/user$', status: 401 }] });
      account.release();
      await refreshed;
      assert.deepEqual(logins(watched), ['mona', 'octo-org', 'acme-corp', 'saml-org']);
      assert.deepEqual(statuses(watched), ['ok', 'ok', 'ok', 'ok']);
    });

    it('keeps the owners and their statuses, with no notice, when cancelled while your organizations are listed', async () => {
      const watched = service('mona', { cache: await cachedListing() });
      watched.held.hold('listViewerOrgsPage');
      const controller = new AbortController();
      const refreshed = watched.registry.refresh({ signal: controller.signal });
      await until(() => watched.registry.accountState.status === 'ok');
      watched.events.length = 0;
      controller.abort();
      const error = await rejection(refreshed);
      assert.ok(isGitHubError(error) && error.kind === 'cancelled');
      assert.equal(watched.registry.accountState.notice, undefined);
      assert.deepEqual(statuses(watched), ['ok', 'ok', 'ok', 'ok']);
      assert.equal(watched.registry.getPackages('octo-org')!.length > 0, true);
      assert.deepEqual(rootEvents(watched.events), [{}], 'the owners are repainted as they were');
    });

    it('reports the cancellation of a refresh that found another account, cancelled while its organizations are listed', async () => {
      const watched = service('hubot', { cache: await cachedListing() });
      watched.held.hold('listViewerOrgsPage');
      const controller = new AbortController();
      const refreshed = watched.registry.refresh({ signal: controller.signal });
      await until(() => watched.registry.viewer?.login === 'hubot');
      controller.abort();
      const error = await rejection(refreshed);
      assert.ok(isGitHubError(error) && error.kind === 'cancelled');
      assert.ok(!logins(watched).some((login) => ['mona', 'acme-corp', 'saml-org'].includes(login)), 'nothing of mona is shown');
    });

    it('keeps the owners as they were when cancelled while an owner from the settings is looked up, and cancels that call', async () => {
      const watched = service('mona', { cache: await cachedListing(), extraOwners: ['hubot'] });
      const lookup = watched.held.hold('getAccount');
      const controller = new AbortController();
      const refreshed = watched.registry.refresh({ signal: controller.signal });
      await lookup.reached;
      controller.abort();
      const call = watched.held.calls.find((one) => one.method === 'getAccount')!;
      assert.equal((call.args[1] as { signal?: AbortSignal }).signal?.aborted, true, 'the lookup is cancelled too');
      const error = await rejection(refreshed);
      assert.ok(isGitHubError(error) && error.kind === 'cancelled');
      assert.deepEqual(logins(watched), ['mona', 'octo-org', 'acme-corp', 'saml-org']);
      assert.deepEqual(statuses(watched), ['ok', 'ok', 'ok', 'ok']);
    });

    it('stops with the cancellation, keeping that owner’s packages, when cancelled while an owner is listed', async () => {
      const watched = service('mona', { cache: await cachedListing() });
      const shown = watched.registry.getPackages('octo-org');
      watched.held.hold('listPackagesPage', ownerIs('octo-org'));
      const controller = new AbortController();
      const refreshed = watched.registry.refresh({ signal: controller.signal });
      await until(() => statuses(watched).filter((status) => status === 'ok').length === 3);
      controller.abort();
      const error = await rejection(refreshed);
      assert.ok(isGitHubError(error) && error.kind === 'cancelled');
      assert.equal(watched.registry.getOwner('octo-org')!.status, 'ok');
      assert.deepEqual(watched.registry.getPackages('octo-org'), shown);
    });
  });

  describe('memberships', () => {
    it('keeps the known organizations when listing them fails, with a notice, repainting once for it', async () => {
      const watched = service('mona', { cache: await cachedListing() });
      server.setFaults({ rules: [{ path: '^/user/orgs', status: 403 }] });
      await watched.registry.refresh();
      assert.deepEqual(logins(watched), ['mona', 'octo-org', 'acme-corp', 'saml-org']);
      assert.ok(isGitHubError(watched.registry.accountState.notice));
      assert.equal(rootEvents(watched.events).length, 2, 'one for "loading", one for the notice');
    });

    it('says, without read:org, that it could not list all your organizations', async () => {
      const { registry } = service('monaNoOrg');
      await registry.refresh();
      assert.match(registry.accountState.notice!.message, /list all your organizations/);
    });

    it('shows only the new account when another one signed in and its organizations cannot be listed', async () => {
      const cache = await cachedListing();
      server.setFaults({ rules: [{ path: '^/user/orgs', status: 403 }] });
      const watched = service('hubot', { cache });
      await watched.registry.refresh();
      assert.deepEqual(logins(watched), ['hubot']);
      assert.ok(isGitHubError(watched.registry.accountState.notice));
    });
  });

  describe('one owner', () => {
    it('shows an owner loading, then its packages, with one event each, and keeps them for the next start', async () => {
      const cache = new MemoryCacheStore();
      const watched = service('mona', { cache });
      await watched.registry.refresh();
      server.state.addPackage({ owner: 'octo-org', type: 'npm', name: 'fresh' });
      watched.events.length = 0;
      const refreshed = watched.registry.refreshOwner('octo-org');
      assert.equal(watched.registry.getOwner('octo-org')!.status, 'loading');
      assert.deepEqual(watched.events, [{ owner: 'octo-org' }]);
      const state = await refreshed;
      assert.deepEqual(watched.events, [{ owner: 'octo-org' }, { owner: 'octo-org' }]);
      assert.ok(state.packages!.some((pkg) => pkg.name === 'fresh'));
      assert.ok(
        service('mona', { cache })
          .registry.getPackages('octo-org')!
          .some((pkg) => pkg.name === 'fresh'),
      );
    });

    it('writes the listing kept for the next start once per refresh, when every owner is listed', async () => {
      const cache = new RecordingStore();
      const { registry } = service('mona', { cache });
      await registry.refresh();
      const listingKey = cache.written.filter((key) => key.startsWith('githubPackages.registry'));
      assert.equal(listingKey.length, 1);
    });

    it('refuses to list an owner that is not listed, naming it', async () => {
      const { registry } = service();
      await registry.refresh();
      const error = await rejection(registry.refreshOwner('stranger'));
      assert.ok(isGitHubError(error) && error.kind === 'notFound');
      assert.match(error.message, /stranger/);
    });

    it('keeps an owner’s packages and status when its refresh is cancelled, and reports the cancellation', async () => {
      const { registry, held } = service();
      await registry.refresh();
      const shown = registry.getPackages('acme-corp');
      const listing = held.hold('listPackagesPage', ownerIs('acme-corp'));
      const controller = new AbortController();
      const refreshed = registry.refreshOwner('acme-corp', { signal: controller.signal });
      await listing.reached;
      controller.abort();
      const error = await rejection(refreshed);
      assert.ok(isGitHubError(error) && error.kind === 'cancelled');
      assert.equal(registry.getOwner('acme-corp')!.status, 'ok');
      assert.deepEqual(registry.getPackages('acme-corp'), shown);
    });

    it('does not bring back an owner removed from the settings while its packages loaded', async () => {
      const { registry, held } = service('mona', { extraOwners: ['hubot'] });
      await registry.refresh();
      const listing = held.hold('listPackagesPage', ownerIs('hubot'));
      const refreshed = registry.refreshOwner('hubot');
      await listing.reached;
      registry.setExtraOwners([]);
      await until(() => registry.getOwner('hubot') === undefined);
      listing.release();
      await refreshed;
      assert.equal(registry.getOwner('hubot'), undefined);
      assert.ok(!registry.getOwners().some((state) => state.owner.login === 'hubot'));
    });

    it('keeps where an owner now comes from when its listing arrives after the settings changed', async () => {
      const { registry, held } = service('mona', { extraOwners: ['hubot'], workspace: { gitConfigTexts: [hubotRemote] } });
      await registry.refresh();
      assert.equal(registry.getOwner('hubot')!.owner.source, 'setting');
      const listing = held.hold('listPackagesPage', ownerIs('hubot'));
      const refreshed = registry.refreshOwner('hubot');
      await listing.reached;
      registry.setExtraOwners([]);
      await until(() => registry.getOwner('hubot')!.owner.source === 'workspace');
      listing.release();
      await refreshed;
      assert.equal(registry.getOwner('hubot')!.owner.source, 'workspace');
      assert.equal(registry.getOwner('hubot')!.status, 'ok');
    });
  });

  it('refreshes from a cache that names the account but no owner into the full listing', async () => {
    const cache = new MemoryCacheStore();
    const viewer = { login: 'mona', id: 1001, scopes: ['read:packages', 'read:org'] };
    await new ListingCache(cache, server.url).write(viewer, [], {});
    const { registry } = service('mona', { cache });
    assert.equal(registry.viewer?.login, 'mona');
    assert.deepEqual(registry.getOwners(), []);
    await registry.refresh();
    assert.deepEqual(logins({ registry }), ['mona', 'octo-org', 'acme-corp', 'saml-org']);
  });
});
