import * as assert from 'node:assert/strict';
import { isGitHubError } from '../../../src/github/errors';
import { parseLinkHeader, toPackage, toPackageVersion } from '../../../src/github/packages';

type ApiPackage = Parameters<typeof toPackage>[0];
type ApiVersion = Parameters<typeof toPackageVersion>[0];

describe('github/packages: listings read as GitHub sends them', () => {
  it('reads the pages a Link header names, and ignores what is not a page', () => {
    const base = 'https://api.github.com/user/packages?package_type=npm&per_page=100';
    assert.deepEqual(parseLinkHeader(`<${base}&page=2>; rel="next", <${base}&page=5>; rel="last"`), { next: 2, last: 5 });
    assert.deepEqual(parseLinkHeader(`<${base}&page=1>; rel="prev first", <${base}&page=3>;rel="next"`), { prev: 1, first: 1, next: 3 });
    assert.deepEqual(parseLinkHeader(`<${base}&page=0>; rel="next", <${base}>; rel="last", <${base}&page=x>; rel="prev"`), {});
    assert.deepEqual(parseLinkHeader(`<${base}&page=4>; rel="self", not a link`), {});
    assert.deepEqual(parseLinkHeader(undefined), {});
    assert.deepEqual(parseLinkHeader(3), {});
  });

  it('fills what a package leaves out with safe defaults', () => {
    assert.deepEqual(toPackage({ id: 1, name: 'hello', package_type: 'npm' } as unknown as ApiPackage), {
      id: 1,
      name: 'hello',
      packageType: 'npm',
      visibility: 'private',
      htmlUrl: '',
      versionCount: 0,
      owner: { login: '', type: 'User' },
      repository: null,
      createdAt: '',
      updatedAt: '',
    });
    const full = toPackage({
      id: 2,
      name: 'app',
      package_type: 'container',
      visibility: 'public',
      html_url: 'https://github.com/orgs/octo/packages/container/package/app',
      version_count: 7,
      owner: { login: 'octo', type: 'Organization' },
      repository: { name: 'app', full_name: 'octo/app', html_url: 'https://github.com/octo/app', private: true, visibility: 'internal' },
      created_at: '2026-01-01T00:00:00Z',
    } as unknown as ApiPackage);
    assert.deepEqual(full.owner, { login: 'octo', type: 'Organization' });
    assert.deepEqual(full.repository, {
      name: 'app',
      fullName: 'octo/app',
      htmlUrl: 'https://github.com/octo/app',
      private: true,
      visibility: 'internal',
    });
    assert.equal(full.versionCount, 7);
    assert.equal(full.updatedAt, '2026-01-01T00:00:00Z', 'never updated: its creation time');
    const publicRepo = toPackage({
      id: 3,
      name: 'x',
      package_type: 'npm',
      repository: { name: 'x', full_name: 'o/x', private: 'yes' },
    } as unknown as ApiPackage);
    assert.equal(publicRepo.repository?.private, false, 'only true is private');
    assert.equal(publicRepo.repository?.htmlUrl, '');
  });

  it('refuses a package or repository without its name, or an owner that is not an object', () => {
    const problem = (raw: unknown) => {
      try {
        toPackage(raw as unknown as ApiPackage);
        return undefined;
      } catch (error) {
        return isGitHubError(error) && error.detail.kind === 'badResponse' ? error.detail.problem : String(error);
      }
    };
    assert.equal(problem({ id: 1, name: 'x', package_type: 'npm', owner: 'octo' }), 'a package owner that is not a JSON object');
    assert.equal(problem({ id: 1, name: 'x', package_type: 'npm', repository: { full_name: 'o/x' } }), 'a repository without a name');
    assert.equal(problem({ id: 1, name: 'x', package_type: 'npm', repository: { name: 'x' } }), 'a repository without a name');
    assert.equal(problem({ id: 'one', name: 'x', package_type: 'npm' }), 'a package without a numeric id');
    assert.equal(problem({ id: 1, name: 'x', package_type: 'npm', owner: null, repository: undefined }), undefined);
  });

  it('reads a version’s tags from container or docker metadata, and its dates', () => {
    const version = (metadata: unknown) =>
      toPackageVersion({ id: 9, name: 'sha256:abc', metadata, created_at: '2026-02-01T00:00:00Z' } as unknown as ApiVersion);
    assert.deepEqual(version({ container: { tags: ['v1'] } }).tags, ['v1']);
    assert.deepEqual(version({ docker: { tag: ['old'] } }).tags, ['old']);
    assert.deepEqual(version({ docker: { tags: ['older'] } }).tags, ['older']);
    assert.deepEqual(version(null).tags, []);
    assert.equal(version(undefined).updatedAt, '2026-02-01T00:00:00Z');
    assert.equal(version(undefined).packageHtmlUrl, '');
  });
});
