import * as assert from 'node:assert/strict';
import type { PackageVersion } from '../../../src/github/types';
import { coversPackage, describeRule, validateRule } from '../../../src/registry/cleanupRule';
import { planDeletion } from '../../../src/registry/deletePlan';
import type { ManifestGraph } from '../../../src/registry/multiArchGuard';
import { selectForCleanup, type RuleCriteria } from '../../../src/registry/retention';
import { aged, digest, NOW } from './fixtures';

const npm = [
  aged(1, '1.0.0', 300),
  aged(2, '1.1.0-rc.1', 200),
  aged(3, '1.1.0', 100),
  aged(4, '2.0.0-beta.2', 20),
  aged(5, '2.0.0', 5),
  aged(6, '1.2.0', 3),
];
const images = [
  aged(11, digest('a'), 1, ['latest', 'v3']),
  aged(12, digest('b'), 10, ['v2.1']),
  aged(13, digest('c'), 20, ['v2.0-rc.1']),
  aged(14, digest('d'), 30, ['dev-123']),
  aged(15, digest('e'), 40, ['dev-122', 'v1.9']),
  aged(16, digest('f'), 5),
  aged(17, digest('9'), 50),
  aged(18, digest('8'), 60),
];

interface Case {
  source: string;
  rule: RuleCriteria;
  versions: PackageVersion[];
  selects: number[];
}

const cases: Case[] = [
  { source: 'delete-package-versions min-versions-to-keep: 2', versions: npm, rule: { keepNewest: 2 }, selects: [4, 3, 2, 1] },
  {
    source: 'delete-package-versions min-versions-to-keep: 2 with ignore-versions: ^2\\. (ignored versions are not counted)',
    versions: npm,
    rule: { keepNewest: 2, excludeVersions: ['re:^2\\.'] },
    selects: [2, 1],
  },
  {
    source: 'delete-package-versions delete-only-pre-release-versions with min-versions-to-keep: 1',
    versions: npm,
    rule: { preReleaseOnly: true, keepNewest: 1 },
    selects: [2],
  },
  {
    source: 'older than 100 days is strictly older (a version exactly 100 days old stays)',
    versions: npm,
    rule: { olderThanDays: 100 },
    selects: [2, 1],
  },
  {
    source: 'keepNewest counts only what the filters left (the 1 newest of the old ones stays)',
    versions: npm,
    rule: { olderThanDays: 30, keepNewest: 1 },
    selects: [2, 1],
  },
  {
    source: 'latest is never selected, even by includeTags ["*"]',
    versions: images,
    rule: { includeTags: ['*'] },
    selects: [12, 13, 14, 15],
  },
  {
    source: 'ghcr-cleanup-action delete-tags: dev-* (a version with another tag too is not selected)',
    versions: images,
    rule: { includeTags: ['dev-*'] },
    selects: [14],
  },
  { source: 'tag globs match tags, not digests', versions: images, rule: { includeTags: ['sha256:*'] }, selects: [] },
  { source: 'version globs match the digest', versions: images, rule: { includeVersions: [`sha256:f*`] }, selects: [16] },
  {
    source: 'includeTags and includeVersions together: matching either is enough',
    versions: images,
    rule: { includeTags: ['dev-*'], includeVersions: ['sha256:9*'] },
    selects: [14, 17],
  },
  { source: 're: patterns are unanchored regular expressions', versions: images, rule: { includeTags: ['re:rc'] }, selects: [13] },
  {
    source: 'snok skip-tags: one matching tag protects the version',
    versions: images,
    rule: { excludeTags: ['v1.*'], includeTags: ['dev-*', 'v1.*'] },
    selects: [14],
  },
  {
    source: 'ghcr-cleanup-action keep-n-tagged: 1 limits the rule to tagged versions',
    versions: images,
    rule: { keepNewestTagged: 1 },
    selects: [13, 14, 15],
  },
  {
    source: 'ghcr-cleanup-action keep-n-untagged: 1 limits the rule to untagged versions',
    versions: images,
    rule: { keepNewestUntagged: 1 },
    selects: [17, 18],
  },
  {
    source: 'keep-n-tagged and keep-n-untagged together cover both',
    versions: images,
    rule: { keepNewestTagged: 1, keepNewestUntagged: 1 },
    selects: [13, 14, 15, 17, 18],
  },
  {
    source: 'snok keep-n-most-recent: 2 over tagged and untagged',
    versions: images,
    rule: { keepNewest: 2 },
    selects: [13, 14, 15, 17, 18],
  },
  {
    source: 'keep-n with exclusions: excluded versions are not counted',
    versions: images,
    rule: { keepNewest: 2, excludeTags: ['v2.*'] },
    selects: [15, 17, 18],
  },
  { source: 'delete-untagged older than 7 days', versions: images, rule: { untaggedOnly: true, olderThanDays: 7 }, selects: [17, 18] },
  {
    source: 'untaggedOnly with keepNewestTagged stays untagged (filters hold)',
    versions: images,
    rule: { untaggedOnly: true, keepNewestTagged: 0 },
    selects: [16, 17, 18],
  },
  {
    source: 'pre-release containers: every tag must be a pre-release; digests never are',
    versions: images,
    rule: { preReleaseOnly: true },
    selects: [13],
  },
  { source: 'a rule with no criterion selects everything but latest', versions: images, rule: {}, selects: [16, 12, 13, 14, 15, 17, 18] },
];

describe('registry/retention: what a clean-up rule selects', () => {
  for (const { source, rule, versions, selects } of cases) {
    it(`selects what the Actions would for: ${source}`, () => {
      const { selected, kept } = selectForCleanup(versions, rule, NOW);
      assert.deepEqual(
        selected.map((d) => d.version.id),
        selects,
      );
      assert.equal(selected.length + kept.length, versions.length, 'every version is either selected or kept');
    });
  }

  it('orders by the update time when age is "updated", falling back to the creation time', () => {
    const touched = [aged(1, '1.0.0', 300, [], 1), aged(2, '1.1.0', 200)];
    assert.deepEqual(
      selectForCleanup(touched, { olderThanDays: 30, age: 'updated' }, NOW).selected.map((d) => d.version.id),
      [2],
    );
    const noUpdate = { ...aged(3, '0.9.0', 400), updatedAt: '' };
    assert.deepEqual(
      selectForCleanup([noUpdate], { olderThanDays: 30, age: 'updated' }, NOW).selected.map((d) => d.version.id),
      [3],
    );
  });

  it('says why each version was selected or kept', () => {
    const { selected, kept } = selectForCleanup(images, { untaggedOnly: true, olderThanDays: 7, keepNewestUntagged: 1 }, NOW);
    assert.deepEqual(
      selected.map((d) => d.why),
      ['untagged, created 60 days ago, beyond the 1 newest untagged'],
    );
    const why = new Map(kept.map((d) => [d.version.id, d.why]));
    assert.equal(why.get(11), 'tagged latest (always kept)');
    assert.equal(why.get(16), 'created 5 days ago, not more than 7 days ago');
    assert.equal(why.get(17), 'among the 1 newest untagged');
    assert.match(
      selectForCleanup(images, { includeTags: ['dev-*'] }, NOW).kept.find((d) => d.version.id === 15)!.why,
      /only some of its tags.*Untag/,
    );
  });

  it('selects the untagged children of a tagged index, and the multi-arch guard then refuses them', () => {
    const graph: ManifestGraph = {
      ok: true,
      images: [
        {
          digest: digest('a'),
          tags: ['latest', 'v3'],
          references: [
            { digest: digest('f'), role: 'platform', platform: 'linux/amd64' },
            { digest: digest('9'), role: 'platform', platform: 'linux/arm64' },
          ],
        },
      ],
      protectedDigests: new Set([digest('f'), digest('9')]),
      parents: new Map(),
    };
    const { selected } = selectForCleanup(images, { untaggedOnly: true }, NOW);
    assert.deepEqual(
      selected.map((d) => d.version.id),
      [16, 17, 18],
    );
    const plan = planDeletion({
      pkg: { name: 'app', packageType: 'container', visibility: 'private' },
      selected: selected.map((d) => d.version),
      active: images,
      manifests: graph,
    });
    assert.deepEqual(
      plan.toDelete.map((item) => item.version.id),
      [18],
    );
    assert.deepEqual(
      plan.refusals.map((r) => [r.version.id, r.reason]),
      [
        [16, 'referencedByTaggedImage'],
        [17, 'referencedByTaggedImage'],
      ],
    );
    assert.match(plan.refusals[1].message, /linux\/arm64 image of latest, v3/);
  });
});

describe('registry/cleanupRule: validating and describing rules', () => {
  it('accepts the full documented shape', () => {
    const rule = {
      owner: 'octo-org',
      packageType: 'container',
      packages: 'api/*',
      untaggedOnly: false,
      preReleaseOnly: false,
      olderThanDays: 7,
      age: 'updated',
      keepNewest: 3,
      keepNewestTagged: 2,
      keepNewestUntagged: 1,
      includeTags: ['pr-*'],
      excludeTags: ['re:^v\\d+$'],
      includeVersions: ['sha256:*'],
      excludeVersions: ['sha256:abc*'],
      dryRun: true,
    };
    assert.deepEqual(validateRule(rule), { ok: true, rule });
  });

  it('names what is wrong: bad regex, negative numbers, unknown keys (with the new name), a missing owner', () => {
    const result = validateRule({
      keepLatest: 5,
      keepNewest: -1,
      olderThanDays: 'seven',
      includeTags: ['re:(unclosed'],
      packageType: 'pypi',
    });
    assert.equal(result.ok, false);
    const problems = result.ok ? [] : result.problems;
    assert.ok(
      problems.some((p) => /Unknown key "keepLatest". Did you mean "keepNewest"\?/.test(p)),
      problems.join('\n'),
    );
    assert.ok(problems.some((p) => /"keepNewest" must be a whole number, 0 or more \(got -1\)/.test(p)));
    assert.ok(problems.some((p) => /"olderThanDays" must be a number of days/.test(p)));
    assert.ok(problems.some((p) => /"re:\(unclosed" is not a valid regular expression/.test(p)));
    assert.ok(problems.some((p) => /"packageType" must be one of container, npm/.test(p)));
    assert.ok(problems.some((p) => /"owner" is required/.test(p)));
  });

  it('refuses tag options for packages that have no tags, and a rule that is not an object', () => {
    const result = validateRule({ owner: 'o', packageType: 'npm', untaggedOnly: true, keepNewestTagged: 1 });
    assert.deepEqual(result, {
      ok: false,
      problems: ['untaggedOnly, keepNewestTagged apply to container tags only; npm versions have no tags.'],
    });
    assert.equal(validateRule([{ owner: 'o' }]).ok, false);
    assert.equal(validateRule('keep 10').ok, false);
  });

  it('covers packages by type and by name or glob over the whole name', () => {
    const api = { name: 'api/web', packageType: 'container' };
    assert.equal(coversPackage({ packages: 'api/*' }, api), true);
    assert.equal(coversPackage({ packages: 'api/*' }, { name: 'apiary', packageType: 'container' }), false);
    assert.equal(coversPackage({ packages: 'api' }, api), false);
    assert.equal(coversPackage({ packageType: 'npm' }, api), false);
    assert.equal(coversPackage({ packageType: 'container' }, api), true);
  });

  it('says the rule in words', () => {
    assert.equal(
      describeRule({ untaggedOnly: true, olderThanDays: 7 }),
      'untagged versions created more than 7 days ago (never tagged latest)',
    );
    assert.equal(describeRule({ keepNewest: 10, excludeTags: ['v*'] }), 'versions beyond the 10 newest (never tagged latest, v*)');
  });
});

describe('registry/retention: the review says why each version goes or stays', () => {
  const images = [
    aged(1, digest('a'), 40, ['latest']),
    aged(2, digest('b'), 40, ['pr-1']),
    aged(3, digest('c'), 40, ['pr-2', 'v2']),
    aged(4, digest('d'), 40),
    aged(5, digest('e'), 0.5),
    aged(6, digest('f'), 40, ['keep-me']),
    aged(7, digest('9'), 40, ['pr-3', 'pr-4']),
  ];
  const why = (versions: PackageVersion[], rule: RuleCriteria) => {
    const { selected, kept } = selectForCleanup(versions, rule, NOW);
    return { selected: selected.map((d) => [d.version.id, d.why]), kept: kept.map((d) => [d.version.id, d.why]) };
  };

  it('by tags: every tag or only some, excluded tags, age and latest', () => {
    assert.deepEqual(why(images, { includeTags: ['pr-*'], excludeTags: ['keep-*'], olderThanDays: 30 }), {
      selected: [
        [7, 'created 40 days ago, every tag matches pr-*'],
        [2, 'created 40 days ago, tag matches pr-*'],
      ],
      kept: [
        [5, 'created less than a day ago, not more than 30 days ago'],
        [6, 'tag keep-me matches excludeTags keep-*'],
        [4, 'matches none of the included tags or names'],
        [3, 'only some of its tags match pr-* (Untag removes a single tag)'],
        [1, 'tagged latest (always kept)'],
      ],
    });
  });

  it('by tagged and untagged counts, and by names', () => {
    const taggedKept = 'tagged (the rule takes untagged versions only)';
    assert.deepEqual(why(images, { untaggedOnly: true, keepNewestUntagged: 1 }), {
      selected: [[4, 'untagged, beyond the 1 newest untagged']],
      kept: [
        [7, taggedKept],
        [6, taggedKept],
        [3, taggedKept],
        [2, taggedKept],
        [1, 'tagged latest (always kept)'],
        [5, 'among the 1 newest untagged'],
      ],
    });
    assert.deepEqual(why(images, { keepNewestUntagged: 1 }).kept[0], [
      7,
      'tagged (keepNewestUntagged limits the rule to untagged versions)',
    ]);
    assert.deepEqual(why(images, { keepNewestTagged: 1, olderThanDays: 0, age: 'updated' }), {
      selected: [
        [6, 'updated 40 days ago, beyond the 1 newest tagged'],
        [3, 'updated 40 days ago, beyond the 1 newest tagged'],
        [2, 'updated 40 days ago, beyond the 1 newest tagged'],
      ],
      kept: [
        [5, 'untagged (keepNewestTagged without keepNewestUntagged limits the rule to tagged versions)'],
        [4, 'untagged (keepNewestTagged without keepNewestUntagged limits the rule to tagged versions)'],
        [1, 'tagged latest (always kept)'],
        [7, 'among the 1 newest tagged'],
      ],
    });
    const names = why(images, { includeVersions: ['sha256:d*'], excludeVersions: ['sha256:e*'] });
    assert.deepEqual(names.selected, [[4, 'name matches sha256:d*']]);
    assert.deepEqual(names.kept.slice(0, 2), [
      [5, 'name matches excludeVersions sha256:e*'],
      [7, 'matches none of the included tags or names'],
    ]);
  });

  it('by pre-release and newest counts, telling pre-releases by their names', () => {
    const npm = [
      aged(11, '1.0.0', 300),
      aged(12, '1.1.0-rc.1', 200),
      aged(13, '2.0.0-beta', 20),
      aged(14, '2.0.0', 5),
      aged(15, 'v3-alpha', 2),
      aged(16, 'nightly-2024', 1),
    ];
    assert.deepEqual(why(npm, { preReleaseOnly: true, keepNewest: 1 }), {
      selected: [
        [13, 'pre-release, beyond the 1 newest'],
        [12, 'pre-release, beyond the 1 newest'],
      ],
      kept: [
        [16, 'not a pre-release'],
        [14, 'not a pre-release'],
        [11, 'not a pre-release'],
        [15, 'among the 1 newest'],
      ],
    });
    assert.deepEqual(why(npm, { keepNewest: 2 }).kept, [
      [16, 'among the 2 newest'],
      [15, 'among the 2 newest'],
    ]);
  });
});
