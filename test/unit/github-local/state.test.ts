import assert from 'node:assert/strict';
import { SEEDS, ServerState, start, type LocalGitHub, type PackageType } from '../../github-local';
import { call } from './client';

describe('local GitHub: seeds and the ServerState API', () => {
  let gh: LocalGitHub | undefined;
  afterEach(async () => {
    await gh?.stop();
    gh = undefined;
  });

  it('the demo seed has every package type, linked and unlinked, deleted versions, a 250-version package, and the tokens the demo needs', async () => {
    gh = await start({ seed: 'demo' });
    const { state, tokens } = gh;
    assert.deepEqual(Object.keys(tokens).sort(), ['hubot', 'mona', 'monaNoOrg', 'monaRead']);
    for (const token of Object.values(tokens)) assert.doesNotMatch(token, /^(ghp_|gho_|github_pat_)/);
    const all = [...state.packages.values()];
    const types = new Set(all.map((p) => p.type));
    for (const t of ['npm', 'maven', 'rubygems', 'docker', 'nuget', 'container'] as PackageType[]) assert.ok(types.has(t), t);
    assert.ok(all.some((p) => p.repository) && all.some((p) => !p.repository));
    assert.ok(all.some((p) => state.effectiveVisibility(p) === 'public') && all.some((p) => state.effectiveVisibility(p) === 'private'));
    assert.equal(state.versionCount(state.findPackage('octo-org', 'npm', 'octo-ui')!), 250);
    assert.ok(all.some((p) => state.listVersions(p, 'deleted').length > 0));
    assert.ok(all.some((p) => state.effectiveVisibility(p) === 'public' && state.listVersions(p).some((v) => v.downloads > 5000)));
    const web = state.findPackage('octo-org', 'container', 'octo-web/api')!;
    assert.ok(state.listVersions(web).filter((v) => v.tags.length === 0).length >= 4, 'untagged children');
    for (const prefix of ['/user', '/orgs/octo-org', '/orgs/acme-corp', '/users/hubot']) {
      for (const type of ['npm', 'maven', 'rubygems', 'docker', 'nuget', 'container']) {
        assert.equal(
          (await call(gh.url, 'GET', `${prefix}/packages?package_type=${type}&per_page=100`, { token: tokens.mona })).status,
          200,
        );
      }
    }
    const paged = await call(gh.url, 'GET', '/orgs/octo-org/packages/npm/octo-ui/versions?per_page=100&page=3', { token: tokens.mona });
    assert.equal((paged.body as unknown[]).length, 50);
  });

  it('bulk methods build an owner with 1,000 packages over all types and a package with 2,000 versions', async () => {
    gh = await start();
    const t0 = Date.now();
    gh.state.addUser('bench');
    gh.state.addToken('bench', 'gplocal_bench', 'bench', ['read:packages', 'delete:packages']);
    const pkgs = gh.state.addPackages('bench', 1000);
    assert.equal(pkgs.length, 1000);
    assert.equal(gh.state.listPackages('bench').length, 1000);
    const big = gh.state.addPackage({ owner: 'bench', type: 'npm', name: 'huge', visibility: 'public' });
    gh.state.addVersions(big, 2000);
    assert.ok(Date.now() - t0 < 5000);
    const page = await call(gh.url, 'GET', '/users/bench/packages?package_type=container&per_page=100&page=2', { token: 'gplocal_bench' });
    assert.equal((page.body as unknown[]).length, 66);
    const versions = await call(gh.url, 'GET', '/users/bench/packages/npm/huge/versions?per_page=100&page=20', { token: 'gplocal_bench' });
    assert.equal((versions.body as unknown[]).length, 100);
    assert.match(versions.headers.get('link')!, /rel="first"/);
  });

  it('setDownloads and setDeletedAt change what the API reports', async () => {
    gh = await start();
    const pkg = gh.state.findPackage('hubot', 'npm', 'shared')!;
    const [newest, oldest] = gh.state.listVersions(pkg);
    gh.state.setDownloads(oldest.id, 9000);
    const refused = await call(gh.url, 'DELETE', `/users/hubot/packages/npm/shared/versions/${oldest.id}`, { token: gh.tokens.hubot });
    assert.equal(refused.status, 400);
    gh.state.setDeletedAt(newest.id, new Date(Date.now() - 29 * 24 * 3600 * 1000));
    const deleted = await call(gh.url, 'GET', '/users/hubot/packages/npm/shared/versions?state=deleted', { token: gh.tokens.hubot });
    assert.deepEqual(
      (deleted.body as Array<{ id: number }>).map((v) => v.id),
      [newest.id],
    );
  });

  it('a ServerState can be built from a seed object without a server', () => {
    const state = new ServerState(SEEDS.small);
    assert.equal(state.account('OCTO-ORG')!.login, 'octo-org');
    assert.equal(state.tokenNames().mona, 'gplocal_mona_all');
  });
});
