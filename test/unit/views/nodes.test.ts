import * as assert from 'node:assert';
import { shortDigest, type Owner, type Package, type PackageVersion } from '../../../src/github/types';
import { describeFilter, matchesFilter } from '../../../src/views/model';
import { contextValueOf, type TreeNode } from '../../../src/views/nodes';
import { relativeTime } from '../../../src/views/relativeTime';
import { extensionManifest } from '../extensionManifest';

const owner: Owner = { login: 'octo-org', kind: 'org', source: 'membership' };

function pkg(overrides: Partial<Package> = {}): Package {
  return {
    id: 1,
    name: 'hello',
    packageType: 'npm',
    visibility: 'private',
    htmlUrl: 'https://github.com/orgs/octo-org/packages/npm/package/hello',
    versionCount: 3,
    owner: { login: 'octo-org', type: 'Organization' },
    repository: null,
    createdAt: '2026-01-01T00:00:00Z',
    updatedAt: '2026-11-01T00:00:00Z',
    ...overrides,
  };
}

function version(overrides: Partial<PackageVersion> = {}): PackageVersion {
  return {
    id: 10,
    name: '1.0.0',
    packageHtmlUrl: '',
    createdAt: '2026-11-01T00:00:00Z',
    updatedAt: '2026-11-01T00:00:00Z',
    tags: [],
    ...overrides,
  };
}

describe('tree node contextValue tokens (matched by when clauses in package.json)', () => {
  it('names the node kind, and whether a version is active or deleted', () => {
    const container = pkg({ packageType: 'container' });
    assert.strictEqual(contextValueOf({ kind: 'owner', owner }), 'owner');
    assert.strictEqual(contextValueOf({ kind: 'package', owner, pkg: pkg() }), 'package');
    assert.strictEqual(
      contextValueOf({ kind: 'version', owner, pkg: container, version: version({ tags: ['latest'] }), deleted: false, latest: true }),
      'version+active',
    );
    assert.strictEqual(
      contextValueOf({ kind: 'version', owner, pkg: pkg(), version: version(), deleted: true, latest: false }),
      'version+deleted',
    );
  });

  it('matches the menus in package.json: delete on active versions only, restore on deleted ones', () => {
    const manifest = extensionManifest<{
      contributes: { menus: Record<string, { command: string; when?: string }[]> };
    }>();
    const items = manifest.contributes.menus['view/item/context'];
    const whenFor = (command: string) =>
      items
        .filter((i) => i.command === command)
        .map((i) => /viewItem =~ \/(.+)\//.exec(i.when ?? '')?.[1])
        .filter((w): w is string => !!w);
    const matches = (command: string, node: TreeNode) => whenFor(command).some((re) => new RegExp(re).test(contextValueOf(node)));
    const active: TreeNode = { kind: 'version', owner, pkg: pkg(), version: version(), deleted: false, latest: true };
    const deleted: TreeNode = { ...active, deleted: true, latest: false };
    const aPackage: TreeNode = { kind: 'package', owner, pkg: pkg() };
    assert.ok(matches('githubPackages.deleteVersion', active));
    assert.ok(!matches('githubPackages.deleteVersion', deleted));
    assert.ok(matches('githubPackages.restoreVersion', deleted));
    assert.ok(!matches('githubPackages.restoreVersion', active));
    assert.ok(matches('githubPackages.deletePackage', aPackage));
    assert.ok(!matches('githubPackages.deletePackage', active));
    assert.ok(matches('githubPackages.refresh', { kind: 'owner', owner }));
    assert.ok(!matches('githubPackages.refresh', aPackage));
    const parent = { indexDigest: 'sha256:' + 'a'.repeat(64), indexTags: ['v1'], platform: 'linux/amd64' };
    const attestation: TreeNode = {
      kind: 'version',
      owner,
      pkg: pkg({ packageType: 'container' }),
      version: version(),
      deleted: false,
      latest: false,
      parent: { ...parent, role: 'attestation' },
    };
    const platformImage: TreeNode = { ...attestation, parent: { ...parent, role: 'platform' } };
    assert.strictEqual(contextValueOf(attestation), 'version+active+attestation');
    assert.ok(!matches('githubPackages.deleteVersion', attestation), 'GitHub’s guard always refuses an attestation');
    assert.ok(matches('githubPackages.copyInstallCommand', attestation));
    assert.ok(matches('githubPackages.deleteVersion', platformImage));
  });

  it('reads no token it does not set: every viewItem clause in package.json matches some node', () => {
    const manifest = extensionManifest<{
      contributes: { menus: Record<string, { when?: string }[]> };
    }>();
    const clauses = Object.values(manifest.contributes.menus)
      .flat()
      .map((i) => /viewItem =~ \/(.+)\//.exec(i.when ?? '')?.[1])
      .filter((w): w is string => !!w);
    const values = [
      contextValueOf({ kind: 'owner', owner }),
      contextValueOf({ kind: 'type', owner, packageType: 'container', packages: [] }),
      contextValueOf({ kind: 'package', owner, pkg: pkg() }),
      contextValueOf({ kind: 'version', owner, pkg: pkg(), version: version(), deleted: false, latest: false }),
      contextValueOf({ kind: 'version', owner, pkg: pkg(), version: version(), deleted: true, latest: false }),
      contextValueOf({
        kind: 'version',
        owner,
        pkg: pkg({ packageType: 'container' }),
        version: version({ tags: ['v1', 'stable'] }),
        deleted: false,
        latest: false,
      }),
    ];
    assert.ok(clauses.length > 0);
    for (const clause of clauses)
      assert.ok(
        values.some((value) => new RegExp(clause).test(value)),
        `no node matches ${clause}`,
      );
  });
});

describe('package filter', () => {
  it('narrows by name (case-insensitive), type and visibility, and says so', () => {
    const filter = { text: 'HEL', types: ['npm' as const], visibility: 'private' as const };
    assert.ok(matchesFilter(pkg(), filter));
    assert.ok(!matchesFilter(pkg({ name: 'other' }), filter));
    assert.ok(!matchesFilter(pkg({ packageType: 'nuget' }), filter));
    assert.ok(!matchesFilter(pkg({ visibility: 'public' }), filter));
    assert.strictEqual(describeFilter(filter), 'Filter: “HEL” · npm · private');
    assert.strictEqual(describeFilter({}), undefined);
  });
});

describe('labels', () => {
  it('shortens digests to 12 hex digits and leaves versions alone', () => {
    assert.strictEqual(shortDigest('sha256:0123456789abcdef0123456789abcdef'), 'sha256:0123456789ab');
    assert.strictEqual(shortDigest('1.2.3'), '1.2.3');
  });

  it('says how long ago in words', () => {
    const now = Date.parse('2026-11-25T12:00:00Z');
    assert.strictEqual(relativeTime('2026-11-25T11:59:30Z', now), 'now');
    assert.strictEqual(relativeTime('2026-11-25T09:00:00Z', now), '3 hours ago');
    assert.strictEqual(relativeTime('2026-11-24T12:00:00Z', now), 'yesterday');
    assert.strictEqual(relativeTime('2026-09-25T12:00:00Z', now), '2 months ago');
    assert.strictEqual(relativeTime(undefined, now), '');
    assert.strictEqual(relativeTime('not a date', now), '');
  });
});
