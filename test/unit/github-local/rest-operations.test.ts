import assert from 'node:assert/strict';
import { start, type LocalGitHub } from '../../github-local';
import { call } from './client';
import { covered, PACKAGE_OPERATIONS } from './openapi-validator';

interface Pkg {
  id: number;
  name: string;
  version_count: number;
  visibility: string;
  repository: { full_name: string } | null;
}
interface Version {
  id: number;
  name: string;
  metadata?: { container?: { tags: string[] } };
}

describe('local GitHub: all 27 packages operations, checked against the OpenAPI schemas', () => {
  let gh: LocalGitHub;
  let token: string;
  before(async () => {
    gh = await start({ seed: 'small' });
    token = gh.tokens.mona;
  });
  after(() => gh.stop());

  const owners: Array<{ prefix: string; type: string; name: string; deletable: { type: string; name: string } }> = [
    { prefix: '/user', type: 'npm', name: 'hello', deletable: { type: 'nuget', name: 'Mona.Lib' } },
    { prefix: '/users/mona', type: 'container', name: 'app', deletable: { type: 'rubygems', name: 'solo-gem' } },
    { prefix: '/orgs/octo-org', type: 'maven', name: 'com.octo.java-lib', deletable: { type: 'npm', name: 'paged' } },
  ];

  for (const o of owners) {
    it(`${o.prefix}: list, get, versions, delete and restore a version and a package, docker conflicts`, async () => {
      const list = await call(gh.url, 'GET', `${o.prefix}/packages?package_type=${o.type}`, { token });
      assert.equal(list.status, 200);
      assert.ok((list.body as Pkg[]).some((p) => p.name === o.name));

      const enc = encodeURIComponent(o.name);
      const pkg = await call(gh.url, 'GET', `${o.prefix}/packages/${o.type}/${enc}`, { token });
      assert.equal(pkg.status, 200);
      assert.equal((pkg.body as Pkg).name, o.name);

      const versions = await call(gh.url, 'GET', `${o.prefix}/packages/${o.type}/${enc}/versions`, { token });
      assert.equal(versions.status, 200);
      const all = versions.body as Version[];
      assert.equal(all.length, (pkg.body as Pkg).version_count);
      // A version that the rules allow deleting: not the last tagged one, not the only one.
      const victim = o.type === 'container' ? all.find((v) => v.metadata?.container?.tags.includes('0.9'))! : all[all.length - 1];

      const one = await call(gh.url, 'GET', `${o.prefix}/packages/${o.type}/${enc}/versions/${victim.id}`, { token });
      assert.equal(one.status, 200);
      assert.equal((one.body as Version).name, victim.name);

      const del = await call(gh.url, 'DELETE', `${o.prefix}/packages/${o.type}/${enc}/versions/${victim.id}`, { token });
      assert.equal(del.status, 204, del.text);
      const deleted = await call(gh.url, 'GET', `${o.prefix}/packages/${o.type}/${enc}/versions?state=deleted`, { token });
      assert.ok((deleted.body as Version[]).some((v) => v.id === victim.id));
      const restore = await call(gh.url, 'POST', `${o.prefix}/packages/${o.type}/${enc}/versions/${victim.id}/restore`, { token });
      assert.equal(restore.status, 204, restore.text);

      const d = o.deletable;
      const delPkg = await call(gh.url, 'DELETE', `${o.prefix}/packages/${d.type}/${encodeURIComponent(d.name)}`, { token });
      assert.equal(delPkg.status, 204, delPkg.text);
      assert.equal((await call(gh.url, 'GET', `${o.prefix}/packages/${d.type}/${encodeURIComponent(d.name)}`, { token })).status, 404);
      const restorePkg = await call(gh.url, 'POST', `${o.prefix}/packages/${d.type}/${encodeURIComponent(d.name)}/restore`, { token });
      assert.equal(restorePkg.status, 204, restorePkg.text);
      assert.equal((await call(gh.url, 'GET', `${o.prefix}/packages/${d.type}/${encodeURIComponent(d.name)}`, { token })).status, 200);

      const conflicts = await call(gh.url, 'GET', `${o.prefix}/docker/conflicts`, { token });
      assert.equal(conflicts.status, 200);
      assert.deepEqual(conflicts.body, []);
    });
  }

  it('accounts and repositories answer in their documented shapes', async () => {
    const user = await call(gh.url, 'GET', '/user', { token });
    assert.equal((user.body as { login: string }).login, 'mona');
    assert.equal(user.headers.get('x-oauth-scopes'), 'delete:packages, read:org, read:packages, repo, write:packages');
    assert.equal((await call(gh.url, 'GET', '/users/hubot', { token })).status, 200);
    assert.equal((await call(gh.url, 'GET', '/orgs/octo-org', { token })).status, 200);
    assert.equal((await call(gh.url, 'GET', '/user/orgs', { token })).status, 200);
    assert.equal((await call(gh.url, 'GET', '/repos/octo-org/web', { token })).status, 200);
    assert.equal((await call(gh.url, 'PATCH', '/repos/octo-org/web', { token, body: { visibility: 'public' } })).status, 200);
  });

  it('the suite above triggered every one of the 27 packages operations', () => {
    assert.equal(PACKAGE_OPERATIONS.length, 27);
    const missing = PACKAGE_OPERATIONS.filter((id) => !covered.has(id));
    assert.deepEqual(missing, []);
  });
});
