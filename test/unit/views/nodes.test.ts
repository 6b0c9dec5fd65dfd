import * as assert from 'node:assert';
import type { Owner, Package, PackageVersion } from '../../../src/github/types';
import { describeFilter, matchesFilter } from '../../../src/views/model';
import { shortDigest } from '../../../src/github/types';
import { contextValueOf } from '../../../src/views/nodes';
import { relativeTime } from '../../../src/views/relativeTime';

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
  return { id: 10, name: '1.0.0', packageHtmlUrl: '', createdAt: '2026-11-01T00:00:00Z', updatedAt: '2026-11-01T00:00:00Z', tags: [], ...overrides };
}

describe('tree node contextValue tokens (matched by when clauses in package.json)', () => {
  it('names kind, ecosystem, visibility and link for packages', () => {
    assert.strictEqual(contextValueOf({ kind: 'package', owner, pkg: pkg() }), 'package+npm+private+unlinked');
    const linked = pkg({ packageType: 'container', visibility: 'public', repository: { name: 'web', fullName: 'octo-org/web', htmlUrl: 'https://github.com/octo-org/web', private: false } });
    assert.strictEqual(contextValueOf({ kind: 'package', owner, pkg: linked }), 'package+container+public+linked');
  });

  it('marks container versions tagged or untagged, latest, children and deleted', () => {
    const container = pkg({ packageType: 'container' });
    assert.strictEqual(contextValueOf({ kind: 'version', owner, pkg: container, version: version({ tags: ['latest'] }), deleted: false, latest: true }), 'version+container+tagged+latest+active');
    const child = { kind: 'version' as const, owner, pkg: container, version: version({ name: 'sha256:ab' }), deleted: false, latest: false, parent: { indexDigest: 'sha256:cd', indexTags: ['1.0'], role: 'platform' as const, platform: 'linux/arm64' } };
    assert.strictEqual(contextValueOf(child), 'version+container+untagged+child+active');
    assert.strictEqual(contextValueOf({ kind: 'version', owner, pkg: pkg(), version: version(), deleted: true, latest: false }), 'version+npm+deleted');
  });

  it('matches the menus in package.json: delete on active versions only, restore on deleted ones', async () => {
    const manifest = (await import('../../../package.json', { with: { type: 'json' } })).default as { contributes: { menus: Record<string, { command: string; when?: string }[]> } };
    const items = manifest.contributes.menus['view/item/context'];
    const whenFor = (command: string) => items.filter((i) => i.command === command).map((i) => /viewItem =~ \/(.+)\//.exec(i.when ?? '')?.[1]).filter((w): w is string => !!w);
    const matches = (command: string, value: string) => whenFor(command).some((re) => new RegExp(re).test(value));
    assert.ok(matches('githubPackages.deleteVersion', 'version+npm+latest+active'));
    assert.ok(!matches('githubPackages.deleteVersion', 'version+npm+deleted'));
    assert.ok(matches('githubPackages.restoreVersion', 'version+container+untagged+deleted'));
    assert.ok(!matches('githubPackages.restoreVersion', 'version+npm+active'));
    assert.ok(matches('githubPackages.deletePackage', 'package+maven+private+linked'));
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
