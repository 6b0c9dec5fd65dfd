import * as assert from 'node:assert/strict';
import type { PackageVersion } from '../../../src/github/types';
import { describeRule, selectForCleanup } from '../../../src/registry/retention';

const now = Date.parse('2026-11-25T00:00:00Z');
function v(id: number, name: string, daysAgo: number, tags: string[] = []): PackageVersion {
  const at = new Date(now - daysAgo * 24 * 3600 * 1000).toISOString();
  return { id, name, tags, createdAt: at, updatedAt: at, packageHtmlUrl: '' };
}

describe('registry/retention', () => {
  const npm = [v(1, '1.0.0', 300), v(2, '1.1.0-rc.1', 200), v(3, '1.1.0', 100), v(4, '2.0.0-beta.2', 20), v(5, '2.0.0', 5)];

  it('keeps the N newest and selects the rest, oldest last', () => {
    const { selected, kept } = selectForCleanup(npm, { keepLatest: 2 }, now);
    assert.deepEqual(selected.map((x) => x.name), ['1.1.0', '1.1.0-rc.1', '1.0.0']);
    assert.equal(kept, 2);
  });

  it('selects pre-releases older than a number of days', () => {
    assert.deepEqual(selectForCleanup(npm, { prereleaseOnly: true, olderThanDays: 30 }, now).selected.map((x) => x.name), ['1.1.0-rc.1']);
    assert.deepEqual(selectForCleanup(npm, { prereleaseOnly: true }, now).selected.map((x) => x.name), ['2.0.0-beta.2', '1.1.0-rc.1']);
  });

  it('never selects versions tagged latest (or the tags asked for), and can take only untagged manifests', () => {
    const images = [v(10, 'sha256:aa', 50, ['latest', '2.0']), v(11, 'sha256:bb', 60), v(12, 'sha256:cc', 70, ['1.0']), v(13, 'sha256:dd', 2)];
    assert.deepEqual(selectForCleanup(images, {}, now).selected.map((x) => x.id), [13, 11, 12]);
    assert.deepEqual(selectForCleanup(images, { untaggedOnly: true, olderThanDays: 7 }, now).selected.map((x) => x.id), [11]);
    assert.deepEqual(selectForCleanup(images, { keepTags: ['1.0', 'latest'] }, now).selected.map((x) => x.id), [13, 11]);
  });

  it('says the rule in words', () => {
    assert.equal(describeRule({ untaggedOnly: true, olderThanDays: 7 }), 'untagged versions older than 7 days (never tagged latest)');
    assert.equal(describeRule({ keepLatest: 10, keepTags: [] }), 'versions beyond the 10 newest');
  });
});
