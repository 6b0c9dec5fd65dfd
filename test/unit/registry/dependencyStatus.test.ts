import * as assert from 'node:assert/strict';
import { hostedOnGitHub, parseDependencies, type HostedDependency } from '../../../src/ecosystems/dependencies';
import { GitHubError } from '../../../src/github/errors';
import type { Owner, Package, PackageRef, PackageVersion } from '../../../src/github/types';
import { cannotAsk, dependencyStatus, needsDeletedVersions, restorable, type RegistryReader } from '../../../src/registry/dependencyStatus';
import type { OwnerState, VersionsState } from '../../../src/registry/service';
import { DOTCOM } from '../ecosystems/dependencies/helpers';

const NOW = Date.now();
const ago = (days: number) => new Date(NOW - days * 86_400_000).toISOString();
const mona: Owner = { login: 'mona', kind: 'viewer', source: 'self' };
const pkg = (name: string, packageType: Package['packageType'] = 'npm'): Package => ({
  id: 1,
  name,
  packageType,
  visibility: 'public',
  htmlUrl: `https://github.com/mona/${name}`,
  versionCount: 3,
  owner: { login: 'mona', type: 'User' },
  repository: null,
  createdAt: ago(400),
  updatedAt: ago(1),
});
const version = (name: string, days: number, extra: Partial<PackageVersion> = {}): PackageVersion => ({
  id: days,
  name,
  packageHtmlUrl: '',
  createdAt: ago(days),
  updatedAt: ago(days),
  tags: [],
  ...extra,
});

function reader(owners: OwnerState[], versions: Record<string, Partial<VersionsState>> = {}): RegistryReader {
  return {
    getOwners: () => owners,
    getVersions: (ref: PackageRef) =>
      versions[ref.name] && { ref, status: 'ok', active: undefined, deleted: undefined, ...versions[ref.name] },
  };
}

function dependency(text: string, npmrc?: string): HostedDependency {
  return hostedOnGitHub(parseDependencies('package.json', text, { npmrc })[0], DOTCOM)!;
}

describe('what the RegistryService says about a manifest dependency', () => {
  const listed: OwnerState = { owner: mona, status: 'ok', packages: [pkg('hello-world')], fromCache: false };

  it('finds the listed package and resolves its range against the loaded versions', () => {
    const status = dependencyStatus(
      dependency('{"dependencies":{"@mona/hello-world":"^1.0.0"}}'),
      reader([listed], {
        'hello-world': { active: [version('2.0.0', 12), version('1.2.0', 45), version('1.0.0', 400)] },
      }),
    );
    assert.equal(status.kind, 'package');
    assert.ok(status.kind === 'package' && status.resolution?.kind === 'semver');
    assert.equal(status.resolution.latest.latest, '2.0.0');
    assert.equal(status.resolution.current?.name, '1.2.0');
    assert.equal(status.resolution.missing, false);
  });

  it('knows the package before its versions load, so the versions can be asked for once', () => {
    const status = dependencyStatus(dependency('{"dependencies":{"@mona/hello-world":"1.0.0"}}'), reader([listed]));
    assert.ok(status.kind === 'package' && status.versions === undefined && status.resolution === undefined);
  });

  it('reports a pinned version that is gone, asks for deleted versions, then names the deleted one', () => {
    const text = '{"dependencies":{"@mona/hello-world":"2.0.0-rc.1"}}';
    const active = [version('2.0.0', 12)];
    const before = dependencyStatus(dependency(text), reader([listed], { 'hello-world': { active } }));
    assert.ok(before.kind === 'package' && before.resolution?.missing === true);
    assert.equal(needsDeletedVersions(before), true);
    const after = dependencyStatus(
      dependency(text),
      reader([listed], { 'hello-world': { active, deleted: [version('2.0.0-rc.1', 20, { deletedAt: ago(6) })] } }),
    );
    assert.ok(after.kind === 'package' && after.resolution?.deleted?.name === '2.0.0-rc.1');
    assert.equal(needsDeletedVersions(after), false);
    assert.equal(restorable(after.resolution.deleted), true);
    assert.equal(restorable(version('0.9.0', 420, { deletedAt: ago(60) })), false, 'GitHub restores within 30 days only');
  });

  it('says why a mapped package cannot be seen: a failed listing, a missing package, an owner not in the view', () => {
    const npmrc = '@mona:registry=https://npm.pkg.github.com';
    const saml = new GitHubError({ kind: 'saml' });
    const failing = dependencyStatus(
      dependency('{"dependencies":{"@mona/secret":"1.0.0"}}', npmrc),
      reader([{ ...listed, status: 'error', error: saml }]),
    );
    assert.ok(failing.kind === 'packageMissing' && failing.error === saml);
    const absent = dependencyStatus(dependency('{"dependencies":{"@mona/secret":"1.0.0"}}', npmrc), reader([listed]));
    assert.ok(absent.kind === 'packageMissing' && absent.error === undefined);
    const other = dependencyStatus(
      dependency('{"dependencies":{"@hubot/tools":"1.0.0"}}', '@hubot:registry=https://npm.pkg.github.com'),
      reader([listed]),
    );
    assert.deepEqual(other, { kind: 'ownerNotListed', owner: 'hubot' });
  });

  it('leaves an unmapped scoped dependency alone when its owner lists no such package (it comes from npmjs.com)', () => {
    assert.deepEqual(dependencyStatus(dependency('{"dependencies":{"@mona/left-pad":"1.0.0"}}'), reader([listed])), { kind: 'elsewhere' });
  });

  it('resolves an image tag, finds a deleted tag, and matches image names case-insensitively', () => {
    const images: OwnerState = { ...listed, packages: [pkg('hello-world', 'container')] };
    const [image] = parseDependencies('Dockerfile', 'FROM ghcr.io/Mona/Hello-World:nightly-old\n').map((d) => hostedOnGitHub(d, DOTCOM)!);
    const status = dependencyStatus(
      image,
      reader([images], {
        'hello-world': {
          active: [version('sha256:new', 3, { tags: ['latest', '2.0'] })],
          deleted: [version('sha256:old', 15, { tags: ['nightly-old'], deletedAt: ago(4) })],
        },
      }),
    );
    assert.ok(status.kind === 'package' && status.resolution?.kind === 'image');
    assert.equal(status.resolution.deleted?.name, 'sha256:old');
    assert.equal(status.resolution.newestTag, '2.0');
  });
});

describe('what the RegistryService says about a dependency, at the edges', () => {
  const listed: OwnerState = {
    owner: mona,
    status: 'ok',
    packages: [pkg('hello-world'), pkg('Hello-World'), pkg('Mona.Lib', 'nuget')],
    fromCache: false,
  };
  const npmrc = '@mona:registry=https://npm.pkg.github.com';

  it('matches npm names exactly, and only a package of the same type', () => {
    const exact = dependencyStatus(dependency('{"dependencies":{"@mona/Hello-World":"1.0.0"}}', npmrc), reader([listed]));
    assert.ok(exact.kind === 'package' && exact.pkg.name === 'Hello-World');
    const wrongType = dependencyStatus(dependency('{"dependencies":{"@mona/Mona.Lib":"1.0.0"}}', npmrc), reader([listed]));
    assert.equal(wrongType.kind, 'packageMissing', 'a NuGet package of that name is not the npm one');
  });

  it('does not call a package missing while its owner’s listing has not come yet, nor when no owner is listed at all', () => {
    const loading: OwnerState = { owner: mona, status: 'loading', packages: undefined, fromCache: false };
    assert.deepEqual(dependencyStatus(dependency('{"dependencies":{"@mona/secret":"1.0.0"}}', npmrc), reader([loading])), {
      kind: 'ownerNotListed',
      owner: 'mona',
    });
    assert.deepEqual(dependencyStatus(dependency('{"dependencies":{"@mona/secret":"1.0.0"}}', npmrc), reader([])), { kind: 'elsewhere' });
  });

  it('calls a version missing only when some version or a range could have matched', () => {
    const status = (range: string, active: PackageVersion[]) => {
      const got = dependencyStatus(
        dependency(`{"dependencies":{"@mona/hello-world":"${range}"}}`),
        reader([listed], { 'hello-world': { active } }),
      );
      return got.kind === 'package' && got.resolution?.kind === 'semver' ? got.resolution.missing : undefined;
    };
    assert.equal(status('3.0.0', [version('2.0.0', 1)]), true);
    assert.equal(status('3.0.0', []), true, 'an exact version is a range too');
    assert.equal(status('beta-build', []), false, 'not a version nor a range, and nothing listed to compare with');
    assert.equal(status('beta-build', [version('2.0.0', 1)]), true);
    assert.equal(status('^3.0.0', []), true, 'a range no version meets');
    assert.equal(status('  ', [version('2.0.0', 1)]), false, 'no version asked for');
    assert.equal(status(' 2.0.0 ', [version('2.0.0', 1)]), false);
  });

  it('asks for deleted versions only for a package whose wanted version is missing and whose deleted ones are not loaded', () => {
    const text = '{"dependencies":{"@mona/hello-world":"9.9.9"}}';
    const missing = dependencyStatus(dependency(text), reader([listed], { 'hello-world': { active: [version('1.0.0', 1)] } }));
    assert.equal(needsDeletedVersions(missing), true);
    const loaded = dependencyStatus(dependency(text), reader([listed], { 'hello-world': { active: [version('1.0.0', 1)], deleted: [] } }));
    assert.equal(needsDeletedVersions(loaded), false);
    const found = dependencyStatus(
      dependency('{"dependencies":{"@mona/hello-world":"1.0.0"}}'),
      reader([listed], { 'hello-world': { active: [version('1.0.0', 1)] } }),
    );
    assert.equal(needsDeletedVersions(found), false);
    assert.equal(needsDeletedVersions({ kind: 'elsewhere' }), false);
  });

  it('restores within 30 days, not on the 30th day, and never a version that was not deleted', () => {
    const now = Date.parse('2026-11-26T00:00:00Z');
    const deletedAt = (days: number) => new Date(now - days * 86_400_000).toISOString();
    assert.equal(restorable(version('1', 1, { deletedAt: deletedAt(29.9) }), now), true);
    assert.equal(restorable(version('1', 1, { deletedAt: deletedAt(30) }), now), false);
    assert.equal(restorable(version('1', 1), now), false);
  });

  it('does not ask GitHub while offline or signed out, and does otherwise', () => {
    const withError = (error?: GitHubError): RegistryReader => ({ ...reader([]), accountState: { error } });
    assert.equal(cannotAsk(withError(new GitHubError({ kind: 'network', cause: 'unreachable' }))), true);
    assert.equal(cannotAsk(withError(new GitHubError({ kind: 'notSignedIn', tokenRejected: false }))), true);
    assert.equal(cannotAsk(withError(new GitHubError({ kind: 'server', status: 502 }))), false);
    assert.equal(cannotAsk(withError(undefined)), false);
    assert.equal(cannotAsk(reader([])), false);
  });
});
