import assert from 'node:assert/strict';
import { MESSAGES, SAML_MESSAGE, start, versionNodeId, type LocalGitHub } from '../../github-local';
import { assertError, call } from './client';

interface Pkg {
  id: number;
  name: string;
  visibility: string;
  version_count: number;
  repository: { full_name: string } | null;
}
interface Version {
  id: number;
  name: string;
  deleted_at?: string;
  metadata?: { container?: { tags: string[] } };
}

describe('local GitHub: GitHub rules of the REST API', () => {
  let gh: LocalGitHub;
  let t: Record<string, string>;
  beforeEach(async () => {
    gh = await start({ seed: 'small' });
    t = gh.tokens;
  });
  afterEach(() => gh.stop());
  const versionsOf = async (path: string, token = t.mona) => (await call(gh.url, 'GET', path, { token })).body as Version[];

  it('401 "Requires authentication" without a token, "Bad credentials" for an unknown one', async () => {
    assertError(await call(gh.url, 'GET', '/user/packages?package_type=npm'), 401, 'Requires authentication');
    assertError(await call(gh.url, 'GET', '/orgs/octo-org/packages?package_type=npm'), 401, 'Requires authentication');
    assertError(await call(gh.url, 'GET', '/user/packages?package_type=npm', { token: 'gplocal_nobody' }), 401, 'Bad credentials');
    assertError(await call(gh.url, 'GET', '/user', { token: 'gplocal_nobody' }), 401, 'Bad credentials');
  });

  it('403 with X-OAuth-Scopes when read:packages or delete:packages is missing', async () => {
    const r = await call(gh.url, 'GET', '/user/packages?package_type=npm', { token: t.monaNoScopes });
    assertError(r, 403, /read:packages/);
    assert.equal(r.headers.get('x-oauth-scopes'), '');
    const v = (await versionsOf('/user/packages/npm/hello/versions'))[0];
    const d = await call(gh.url, 'DELETE', `/user/packages/npm/hello/versions/${v.id}`, { token: t.monaRead });
    assertError(d, 403, /delete:packages/);
    assert.equal(d.headers.get('x-accepted-oauth-scopes'), 'read:packages, delete:packages');
    assert.equal(d.headers.get('x-oauth-scopes'), 'read:packages');
  });

  it('hides private packages of others behind 404 and shows their public ones', async () => {
    assertError(await call(gh.url, 'GET', '/users/hubot/packages/npm/secret', { token: t.mona }), 404, MESSAGES.packageNotFound);
    const list = (await call(gh.url, 'GET', '/users/hubot/packages?package_type=npm', { token: t.mona })).body as Pkg[];
    assert.deepEqual(
      list.map((p) => p.name),
      ['shared'],
    );
    const own = (await call(gh.url, 'GET', '/users/hubot/packages?package_type=npm', { token: t.hubot })).body as Pkg[];
    assert.deepEqual(own.map((p) => p.name).sort(), ['secret', 'shared']);
    assert.equal((await call(gh.url, 'GET', '/orgs/octo-org/packages/npm/paged', { token: t.hubot })).status, 200);
    assertError(await call(gh.url, 'GET', '/orgs/acme-corp/packages/npm/widgets', { token: t.hubot }), 404, MESSAGES.packageNotFound);
  });

  it('package_type is required and must be known; visibility filters', async () => {
    assertError(await call(gh.url, 'GET', '/user/packages', { token: t.mona }), 400);
    assertError(await call(gh.url, 'GET', '/user/packages?package_type=pypi', { token: t.mona }), 400);
    const pub = (await call(gh.url, 'GET', '/orgs/octo-org/packages?package_type=npm&visibility=public', { token: t.mona })).body as Pkg[];
    assert.deepEqual(
      pub.map((p) => p.name),
      ['popular'],
    );
  });

  it('pages with Link next/prev/first/last, caps per_page at 100, refuses page*per_page > 10000', async () => {
    const first = await call(gh.url, 'GET', '/orgs/octo-org/packages/npm/paged/versions?per_page=20', { token: t.mona });
    assert.equal((first.body as Version[]).length, 20);
    const link = first.headers.get('link')!;
    assert.match(link, /page=2[^>]*>; rel="next"/);
    assert.match(link, /page=3[^>]*>; rel="last"/);
    const middle = await call(gh.url, 'GET', '/orgs/octo-org/packages/npm/paged/versions?per_page=20&page=2', { token: t.mona });
    for (const rel of ['prev', 'next', 'last', 'first']) assert.match(middle.headers.get('link')!, new RegExp(`rel="${rel}"`));
    const last = await call(gh.url, 'GET', '/orgs/octo-org/packages/npm/paged/versions?per_page=20&page=3', { token: t.mona });
    assert.equal((last.body as Version[]).length, 5);
    assert.doesNotMatch(last.headers.get('link')!, /rel="next"/);
    gh.state.addVersions(gh.state.findPackage('octo-org', 'npm', 'paged')!, 200);
    const big = await call(gh.url, 'GET', '/orgs/octo-org/packages/npm/paged/versions?per_page=500', { token: t.mona });
    assert.equal((big.body as Version[]).length, 100);
    assertError(
      await call(gh.url, 'GET', '/orgs/octo-org/packages/npm/paged/versions?per_page=100&page=101', { token: t.mona }),
      400,
      MESSAGES.pageLimit,
    );
    assertError(
      await call(gh.url, 'GET', '/user/packages?package_type=npm&per_page=100&page=101', { token: t.mona }),
      400,
      MESSAGES.pageLimit,
    );
  });

  it('names with "/" must be URL-encoded; org names are case-insensitive', async () => {
    assert.equal((await call(gh.url, 'GET', '/orgs/octo-org/packages/container/tools%2Fcli', { token: t.mona })).status, 200);
    assert.equal(
      (await call(gh.url, 'GET', '/orgs/octo-org/packages/container/tools/cli', { token: t.mona, validate: false })).status,
      404,
    );
    const upper = await call(gh.url, 'GET', '/orgs/OCTO-ORG/packages/container/tools%2Fcli', { token: t.mona });
    assert.equal((upper.body as Pkg).name, 'tools/cli');
    assert.equal((await call(gh.url, 'GET', '/orgs/Octo-Org', { token: t.mona })).status, 200);
  });

  it('state=deleted lists versions deleted within 30 days with deleted_at', async () => {
    const deleted = await versionsOf('/user/packages/npm/hello/versions?state=deleted');
    assert.deepEqual(
      deleted.map((v) => v.name),
      ['2.0.0-beta.1'],
    );
    assert.ok(deleted[0].deleted_at);
    const active = await versionsOf('/user/packages/npm/hello/versions');
    assert.deepEqual(
      active.map((v) => v.name),
      ['1.1.0', '1.0.0'],
    );
  });

  it('restores within 30 days only, and not after the version name was reused', async () => {
    const [beta] = await versionsOf('/user/packages/npm/hello/versions?state=deleted');
    gh.state.advanceClock(31 * 24 * 3600 * 1000);
    assertError(await call(gh.url, 'POST', `/user/packages/npm/hello/versions/${beta.id}/restore`, { token: t.mona }), 404);
    gh.state.advanceClock(-31 * 24 * 3600 * 1000);
    gh.state.addVersion(gh.state.findPackage('mona', 'npm', 'hello')!, { name: '2.0.0-beta.1' });
    assertError(
      await call(gh.url, 'POST', `/user/packages/npm/hello/versions/${beta.id}/restore`, { token: t.mona }),
      400,
      /cannot be restored/,
    );
    // A deleted package whose name was taken again cannot come back either.
    assert.equal((await call(gh.url, 'POST', '/user/packages/npm/gone/restore', { token: t.mona })).status, 204);
    assert.equal((await call(gh.url, 'DELETE', '/user/packages/npm/gone', { token: t.mona })).status, 204);
    gh.state.addPackage({ owner: 'mona', type: 'npm', name: 'gone' });
    assertError(await call(gh.url, 'POST', '/user/packages/npm/gone/restore', { token: t.mona }), 400, /cannot be restored/);
  });

  it('refuses to delete the last version, the last tagged container version, and popular public versions', async () => {
    const [gem] = await versionsOf('/user/packages/rubygems/solo-gem/versions');
    assertError(
      await call(gh.url, 'DELETE', `/user/packages/rubygems/solo-gem/versions/${gem.id}`, { token: t.mona }),
      400,
      MESSAGES.lastVersion,
    );
    const app = await versionsOf('/user/packages/container/app/versions');
    const tagged = app.filter((v) => v.metadata!.container!.tags.length);
    assert.equal(tagged.length, 2);
    assert.equal((await call(gh.url, 'DELETE', `/user/packages/container/app/versions/${tagged[1].id}`, { token: t.mona })).status, 204);
    assertError(
      await call(gh.url, 'DELETE', `/user/packages/container/app/versions/${tagged[0].id}`, { token: t.mona }),
      400,
      MESSAGES.lastTaggedVersion,
    );
    const popular = (await versionsOf('/orgs/octo-org/packages/npm/popular/versions')).find((v) => v.name === '1.0.0')!;
    assertError(
      await call(gh.url, 'DELETE', `/orgs/octo-org/packages/npm/popular/versions/${popular.id}`, { token: t.mona }),
      400,
      MESSAGES.popularVersion,
    );
    assertError(await call(gh.url, 'DELETE', '/orgs/octo-org/packages/npm/popular', { token: t.mona }), 400, MESSAGES.popularPackage);
  });

  it('deleting a container version drops all of its tags', async () => {
    const app = await versionsOf('/user/packages/container/app/versions');
    const index = app.find((v) => v.metadata!.container!.tags.includes('latest'))!;
    const old = app.find((v) => v.metadata!.container!.tags.includes('0.9'))!;
    assert.equal((await call(gh.url, 'DELETE', `/user/packages/container/app/versions/${index.id}`, { token: t.mona })).status, 204);
    const after = await versionsOf('/user/packages/container/app/versions?state=deleted');
    assert.deepEqual(after.find((v) => v.id === index.id)!.metadata!.container!.tags, []);
    assert.equal(gh.state.version(old.id)!.tags.length, 1);
  });

  it('SAML: an enforcing org answers 403 with X-GitHub-SSO until the token is authorized', async () => {
    const r = await call(gh.url, 'GET', '/orgs/saml-org/packages?package_type=npm', { token: t.monaRead });
    assertError(r, 403, SAML_MESSAGE);
    assert.match(r.headers.get('x-github-sso')!, /^required; url=https:\/\/github\.com\/orgs\/saml-org\/sso\?authorization_request=/);
    assert.equal((await call(gh.url, 'GET', '/orgs/saml-org/packages?package_type=npm', { token: t.mona })).status, 200);
  });

  it('/user/orgs without read:org is a partial list (public memberships), not an error', async () => {
    const full = (await call(gh.url, 'GET', '/user/orgs', { token: t.mona })).body as Array<{ login: string }>;
    assert.deepEqual(full.map((o) => o.login).sort(), ['acme-corp', 'octo-org', 'saml-org']);
    const partial = await call(gh.url, 'GET', '/user/orgs', { token: t.monaNoOrg });
    assert.equal(partial.status, 200);
    assert.deepEqual(
      (partial.body as Array<{ login: string }>).map((o) => o.login),
      ['octo-org'],
    );
  });

  it('maven packages take visibility from their repository; PATCH /repos changes it', async () => {
    const before = (await call(gh.url, 'GET', '/orgs/octo-org/packages/maven/com.octo.java-lib', { token: t.mona })).body as Pkg;
    assert.equal(before.visibility, 'private');
    gh.state.addUser('stranger');
    gh.state.addToken('stranger', 'gplocal_stranger', 'stranger', ['read:packages']);
    assertError(await call(gh.url, 'GET', '/orgs/octo-org/packages/maven/com.octo.java-lib', { token: 'gplocal_stranger' }), 404);
    assertError(await call(gh.url, 'PATCH', '/repos/octo-org/java-lib', { token: t.monaRead, body: { visibility: 'public' } }), 404);
    assertError(
      await call(gh.url, 'PATCH', '/repos/octo-org/java-lib', { token: t.hubot, body: { visibility: 'public' } }),
      403,
      'Must have admin rights to Repository.',
    );
    const patched = await call(gh.url, 'PATCH', '/repos/octo-org/java-lib', { token: t.mona, body: { visibility: 'public' } });
    assert.equal((patched.body as { visibility: string }).visibility, 'public');
    const after = (await call(gh.url, 'GET', '/orgs/octo-org/packages/maven/com.octo.java-lib', { token: 'gplocal_stranger' })).body as Pkg;
    assert.equal(after.visibility, 'public');
    assertError(await call(gh.url, 'GET', '/repos/hubot/private-stuff', { token: t.mona }), 404);
  });

  it('GraphQL deletePackageVersion deletes versions of repository-scoped packages only', async () => {
    const mutation = 'mutation($id: ID!) { deletePackageVersion(input: {packageVersionId: $id}) { success } }';
    const maven = await versionsOf('/orgs/octo-org/packages/maven/com.octo.java-lib/versions');
    const post = (token: string, id: string) =>
      fetch(gh.graphqlUrl, {
        method: 'POST',
        headers: { authorization: `bearer ${token}`, accept: 'application/vnd.github.package-deletes-preview+json' },
        body: JSON.stringify({ query: mutation, variables: { id } }),
      }).then(async (r) => ({
        status: r.status,
        body: (await r.json()) as { data?: { deletePackageVersion: { success: boolean } | null }; errors?: Array<{ type: string }> },
      }));
    const denied = await post(t.monaRead, versionNodeId(maven[0].id));
    assert.equal(denied.body.errors![0].type, 'INSUFFICIENT_SCOPES');
    const ok = await post(t.mona, versionNodeId(maven[0].id));
    assert.deepEqual(ok.body.data, { deletePackageVersion: { success: true } });
    assert.equal((await versionsOf('/orgs/octo-org/packages/maven/com.octo.java-lib/versions')).length, 1);
    const npm = (await versionsOf('/user/packages/npm/hello/versions'))[0];
    assert.equal((await post(t.mona, versionNodeId(npm.id))).body.errors![0].type, 'UNPROCESSABLE');
    assert.equal((await post(t.mona, 'bm9wZQ==')).body.errors![0].type, 'NOT_FOUND');
    const anon = await fetch(gh.graphqlUrl, { method: 'POST', body: JSON.stringify({ query: mutation }) });
    assert.equal(anon.status, 401);
  });

  it('sends X-GitHub-Request-Id, X-RateLimit-* and counts the primary limit per token', async () => {
    gh.state.rateLimit = 3;
    const a = await call(gh.url, 'GET', '/user', { token: t.mona });
    assert.ok(a.headers.get('x-github-request-id'));
    assert.equal(a.headers.get('x-ratelimit-limit'), '3');
    assert.equal(a.headers.get('x-ratelimit-remaining'), '2');
    assert.equal(a.headers.get('x-ratelimit-used'), '1');
    assert.equal(a.headers.get('x-ratelimit-resource'), 'core');
    assert.ok(Number(a.headers.get('x-ratelimit-reset')) > Date.now() / 1000);
    await call(gh.url, 'GET', '/user', { token: t.mona });
    await call(gh.url, 'GET', '/user', { token: t.mona });
    const limited = await call(gh.url, 'GET', '/user', { token: t.mona });
    assertError(limited, 403, /API rate limit exceeded for user ID 1001/);
    assert.equal(limited.headers.get('x-ratelimit-remaining'), '0');
    assert.equal((await call(gh.url, 'GET', '/user', { token: t.monaRead })).status, 200);
  });

  it("versions of the legacy docker type carry metadata.docker.tags, which GitHub's schema requires", async () => {
    const pkg = gh.state.addPackage({ owner: 'mona', type: 'docker', name: 'legacy' });
    gh.state.addVersion(pkg, { name: 'sha256:' + 'a'.repeat(64), tags: ['v0.1'] });
    // call() validates against the unpatched OpenAPI schema, which requires `tags` under metadata.docker.
    const [version] = (await call(gh.url, 'GET', '/user/packages/docker/legacy/versions', { token: t.mona })).body as Array<{
      metadata: { docker: { tags: string[] } };
    }>;
    assert.deepEqual(version.metadata.docker.tags, ['v0.1']);
  });
});
