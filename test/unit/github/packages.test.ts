import * as assert from 'node:assert/strict';
import type { LocalGitHub } from '../../github-local';
import { versionNodeId } from '../../github-local';
import { isGitHubError } from '../../../src/github/errors';
import { legacyPackageVersionNodeId, parseLinkHeader } from '../../../src/github/packages';
import { rejection, startLocal, testClient } from './local';

const mona = { login: 'mona', kind: 'viewer' as const };
const octoOrg = { login: 'octo-org', kind: 'org' as const };

describe('github/packages', () => {
  let server: LocalGitHub;
  beforeEach(async () => (server = await startLocal()));
  afterEach(async () => server.stop());

  it('parses Link headers', () => {
    const header =
      '<https://api.github.com/user/packages?package_type=npm&page=2&per_page=100>; rel="next", <https://api.github.com/user/packages?package_type=npm&page=5&per_page=100>; rel="last"';
    assert.deepEqual(parseLinkHeader(header), { next: 2, last: 5 });
    assert.deepEqual(parseLinkHeader(undefined), {});
  });

  it('reads the viewer and its scopes', async () => {
    const viewer = await testClient(server, 'monaRead').api.getViewer();
    assert.equal(viewer.login, 'mona');
    assert.deepEqual(viewer.scopes, ['read:packages']);
  });

  it('lists packages of the viewer, an org and a user, mapped to domain types', async () => {
    const { api } = testClient(server, 'mona');
    const npm = await api.listPackagesPage(mona, 'npm');
    const hello = npm.items.find((pkg) => pkg.name === 'hello')!;
    assert.equal(hello.packageType, 'npm');
    assert.equal(hello.visibility, 'private');
    assert.equal(hello.owner.login, 'mona');
    assert.equal(hello.repository?.fullName, 'mona/hello-npm');
    assert.equal(typeof hello.versionCount, 'number');
    assert.equal(npm.hasNext, false);

    const containers = await api.listPackagesPage(octoOrg, 'container');
    assert.deepEqual(
      containers.items.map((pkg) => pkg.name),
      ['tools/cli'],
    );
    const hubot = await api.listPackagesPage({ login: 'hubot', kind: 'user' }, 'npm');
    assert.deepEqual(
      hubot.items.map((pkg) => pkg.name),
      ['shared'],
      'only public packages of another user',
    );
  });

  it('URL-encodes container names that contain a slash', async () => {
    const { api } = testClient(server, 'mona');
    const ref = { owner: octoOrg, type: 'container' as const, name: 'tools/cli' };
    const pkg = await api.getPackage(ref);
    assert.equal(pkg.name, 'tools/cli');
    const versions = await api.listVersionsPage(ref);
    assert.ok(versions.items.some((version) => version.tags.includes('edge')));
    assert.ok(server.requestLog.some((entry) => entry.path.includes('/packages/container/tools%2Fcli')));
  });

  it('pages with Link, active and deleted versions', async () => {
    const { api } = testClient(server, 'mona');
    const ref = { owner: octoOrg, type: 'npm' as const, name: 'paged' };
    const first = await api.listVersionsPage(ref, { perPage: 10 });
    assert.equal(first.items.length, 10);
    assert.equal(first.lastPage, 5);
    assert.equal(first.hasNext, true);
    const last = await api.listVersionsPage(ref, { perPage: 10, page: 5 });
    assert.equal(last.items.length, 5);
    assert.equal(last.hasNext, false);

    const hello = { owner: mona, type: 'npm' as const, name: 'hello' };
    const deleted = await api.listVersionsPage(hello, { state: 'deleted' });
    assert.deepEqual(deleted.items.map((version) => version.name).sort(), ['2.0.0-beta.1']);
    assert.ok(deleted.items.every((version) => version.deletedAt));
  });

  it('deletes and restores versions and packages', async () => {
    const { api } = testClient(server, 'mona');
    const ref = { owner: mona, type: 'nuget' as const, name: 'Mona.Lib' };
    const [newest] = (await api.listVersionsPage(ref)).items;
    await api.deleteVersion(ref, newest.id);
    assert.ok((await api.listVersionsPage(ref, { state: 'deleted' })).items.some((version) => version.id === newest.id));
    await api.restoreVersion(ref, newest.id);
    assert.equal((await api.getVersion(ref, newest.id)).name, newest.name);

    await api.deletePackage(ref);
    assert.equal(isGitHubError(await rejection(api.getPackage(ref))), true);
    await api.restorePackage(ref);
    assert.equal((await api.getPackage(ref)).name, 'Mona.Lib');
  });

  it('deletes a repository-scoped version through GraphQL', async () => {
    const { api } = testClient(server, 'mona');
    const ref = { owner: octoOrg, type: 'maven' as const, name: 'com.octo.java-lib' };
    const [newest] = (await api.listVersionsPage(ref)).items;
    assert.equal(legacyPackageVersionNodeId(newest.id), versionNodeId(newest.id));
    await api.deleteVersionGraphQL(legacyPackageVersionNodeId(newest.id));
    assert.ok(!(await api.listVersionsPage(ref)).items.some((version) => version.id === newest.id));
    const missing = await rejection(api.deleteVersionGraphQL(legacyPackageVersionNodeId(newest.id)));
    assert.ok(isGitHubError(missing) && missing.kind === 'notFound');
    const scope = await rejection(testClient(server, 'monaRead').api.deleteVersionGraphQL(legacyPackageVersionNodeId(newest.id)));
    assert.ok(isGitHubError(scope) && scope.kind === 'scopeMissing');
  });

  it('changes a repository’s visibility', async () => {
    const { api } = testClient(server, 'mona');
    await api.setRepositoryVisibility({ owner: 'octo-org', name: 'java-lib' }, 'public');
    const pkg = await api.getPackage({ owner: octoOrg, type: 'maven', name: 'com.octo.java-lib' });
    assert.equal(pkg.visibility, 'public');
    const denied = await rejection(
      testClient(server, 'monaRead').api.setRepositoryVisibility({ owner: 'octo-org', name: 'java-lib' }, 'private'),
    );
    assert.ok(
      isGitHubError(denied) && denied.kind === 'scopeMissing' && denied.detail.kind === 'scopeMissing' && denied.detail.scope === 'repo',
    );
  });

  it('lists your organizations, and tells users from organizations', async () => {
    const { api } = testClient(server, 'mona');
    const orgs = await api.listViewerOrgsPage();
    assert.deepEqual(orgs.items.map((org) => org.login).sort(), ['acme-corp', 'octo-org', 'saml-org']);
    assert.equal((await api.getAccount('octo-org')).kind, 'org');
    assert.equal((await api.getAccount('hubot')).kind, 'user');
  });
});
