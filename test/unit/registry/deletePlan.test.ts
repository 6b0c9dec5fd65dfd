import * as assert from 'node:assert/strict';
import { GitHubError } from '../../../src/github/errors';
import { label, planDeletion, versionLabel, type DeleteRequest } from '../../../src/registry/deletePlan';
import type { ManifestGraph, TaggedImage } from '../../../src/registry/multiArchGuard';
import { digest, version } from './fixtures';

const npmPkg = { name: 'hello', packageType: 'npm' as const, visibility: 'private' };
const imagePkg = { name: 'app', packageType: 'container' as const, visibility: 'private' };
const graphOf = (images: TaggedImage[]): ManifestGraph => ({
  ok: true,
  images,
  protectedDigests: new Set(images.flatMap((i) => i.references.map((r) => r.digest))),
  parents: new Map(),
});
const ids = (plan: ReturnType<typeof planDeletion>) => plan.toDelete.map((item) => item.version.id);
const reasons = (plan: ReturnType<typeof planDeletion>) => plan.refusals.map((refusal) => [refusal.version.id, refusal.reason]);

describe('registry/deletePlan: what a delete will do, decided before anyone is asked', () => {
  it('deletes what was asked of a package that keeps other versions, saying nothing for a private package', () => {
    const active = [version(1, '1.0.0'), version(2, '1.1.0'), version(3, '2.0.0')];
    const plan = planDeletion({ pkg: npmPkg, selected: [active[0], active[1]], active });
    assert.deepEqual(ids(plan), [1, 2]);
    assert.deepEqual(plan.refusals, []);
    assert.equal(plan.offerPackageDelete, false);
    assert.deepEqual(plan.notes, []);
  });

  it('warns before confirming that GitHub refuses public versions downloaded over 5,000 times', () => {
    const active = [version(1, '1.0.0'), version(2, '1.1.0')];
    const plan = planDeletion({ pkg: { ...npmPkg, visibility: 'public' }, selected: [active[0]], active });
    assert.deepEqual(plan.notes, [
      'GitHub refuses to delete public versions downloaded more than 5,000 times; the summary will name any it refuses.',
    ]);
  });

  it('refuses versions that are gone already without calling it the last version, and never offers the package delete for them', () => {
    const active = [version(1, '1.0.0')];
    const gone = version(9, '0.9.0');
    const plan = planDeletion({ pkg: npmPkg, selected: [gone], active });
    assert.deepEqual(reasons(plan), [[9, 'notActive']]);
    assert.equal(plan.refusals[0].message, '0.9.0 is not an active version of hello any more (already deleted?).');
    assert.equal(plan.offerPackageDelete, false);
    assert.deepEqual(ids(plan), []);

    const nothingLeft = planDeletion({ pkg: npmPkg, selected: [gone], active: [] });
    assert.deepEqual(reasons(nothingLeft), [[9, 'notActive']]);
    assert.equal(nothingLeft.offerPackageDelete, false);
  });

  it('refuses every version when all that remain are asked for, naming the package delete as the way', () => {
    const active = [version(1, '1.0.0'), version(2, '1.1.0')];
    const plan = planDeletion({ pkg: { ...npmPkg, visibility: 'public' }, selected: [active[1], active[0], version(7, 'x')], active });
    assert.deepEqual(reasons(plan), [
      [7, 'notActive'],
      [2, 'lastVersion'],
      [1, 'lastVersion'],
    ]);
    assert.equal(
      plan.refusals[1].message,
      '1.1.0: these are all the versions of hello, and GitHub refuses to delete the last version of a package. Delete the package instead.',
    );
    assert.equal(plan.offerPackageDelete, true);
    assert.deepEqual(plan.notes, [], 'nothing to warn about when nothing will be deleted');
  });

  it('uses the versions as GitHub lists them now, not as they were when picked', () => {
    const active = [version(1, '1.0.0', ['old-tag']), version(2, '1.1.0')];
    const stale = { ...active[0], tags: [] };
    const plan = planDeletion({ pkg: npmPkg, selected: [stale], active });
    assert.equal(plan.toDelete[0].version, active[0]);
  });

  it('keeps the newest tagged image when every tagged image is asked for, and deletes the others', () => {
    const active = [
      version(1, digest('a'), ['1.0'], '2026-01-01T00:00:00Z'),
      version(2, digest('b'), ['2.0'], '2026-03-01T00:00:00Z'),
      version(3, digest('c'), ['1.5'], '2026-02-01T00:00:00Z'),
      version(4, digest('d')),
    ];
    const graph = graphOf(active.slice(0, 3).map((v) => ({ digest: v.name, tags: v.tags, references: [] })));
    const plan = planDeletion({ pkg: imagePkg, selected: active.slice(0, 3), active, manifests: graph });
    assert.deepEqual(ids(plan), [1, 3]);
    assert.deepEqual(reasons(plan), [[2, 'lastTaggedVersion']]);
    assert.equal(
      plan.refusals[0].message,
      '2.0 is the last tagged version of app; GitHub refuses to delete it. Delete the package instead.',
    );
    assert.equal(plan.offerPackageDelete, true);
  });

  it('keeps the higher id when two tagged images were published at the same moment', () => {
    const at = '2026-01-01T00:00:00Z';
    const active = [version(5, digest('a'), ['x'], at), version(6, digest('b'), ['y'], at), version(7, digest('c'))];
    const plan = planDeletion({ pkg: imagePkg, selected: [active[1], active[0]], active, manifests: graphOf([]) });
    assert.deepEqual(reasons(plan), [[6, 'lastTaggedVersion']]);
    const reversed = planDeletion({ pkg: imagePkg, selected: [active[0], active[1]], active, manifests: graphOf([]) });
    assert.deepEqual(reasons(reversed), [[6, 'lastTaggedVersion']]);
  });

  it('keeps a tagged image, never an untagged manifest, when a newer untagged one is asked for too', () => {
    const active = [
      version(1, digest('a'), ['1.0'], '2026-01-01T00:00:00Z'),
      version(2, digest('b'), [], '2026-05-01T00:00:00Z'),
      version(3, digest('c')),
    ];
    const plan = planDeletion({
      pkg: imagePkg,
      selected: [active[0], active[1]],
      active,
      manifests: graphOf([{ digest: digest('a'), tags: ['1.0'], references: [] }]),
    });
    assert.deepEqual(reasons(plan), [[1, 'lastTaggedVersion']]);
    assert.deepEqual(ids(plan), [2]);
  });

  it('deletes untagged manifests of an image package that has no tags at all', () => {
    const active = [version(1, digest('a')), version(2, digest('b')), version(3, digest('c'))];
    const plan = planDeletion({ pkg: imagePkg, selected: [active[0], active[1]], active, manifests: graphOf([]) });
    assert.deepEqual(ids(plan), [1, 2]);
    assert.deepEqual(plan.refusals, []);
    assert.equal(plan.offerPackageDelete, false);
  });

  it('deletes a tagged image freely while another tagged image stays', () => {
    const active = [version(1, digest('a'), ['1.0']), version(2, digest('b'), ['2.0']), version(3, digest('c'))];
    const plan = planDeletion({ pkg: imagePkg, selected: [active[0]], active });
    assert.deepEqual(ids(plan), [1]);
    assert.equal(plan.offerPackageDelete, false);
  });

  it('deletes nothing at all when untagged manifests are asked for but the tagged images were never read', () => {
    const active = [version(1, digest('a'), ['1.0']), version(2, digest('b'), ['2.0']), version(3, digest('c'))];
    const plan = planDeletion({ pkg: imagePkg, selected: [active[0], active[2]], active });
    assert.deepEqual(ids(plan), []);
    assert.deepEqual(reasons(plan), [
      [1, 'manifestsUnreadable'],
      [3, 'manifestsUnreadable'],
    ]);
    assert.equal(
      plan.refusals[1].message,
      'sha256:cccccccccccc: nothing was deleted because untagged manifests may belong to tagged multi-arch images and the image manifests of the tagged versions were not read.',
    );
    assert.equal(plan.offerPackageDelete, false);
  });

  it('fails closed with the registry’s own reason when the manifests could not be read', () => {
    const active = [version(1, digest('a'), ['1.0']), version(2, digest('b'))];
    const unreadable: ManifestGraph = {
      ok: false,
      error: new GitHubError({ kind: 'notSignedIn', tokenRejected: true }, { operation: 'read the manifest of app:1.0' }),
      unreadable: [digest('a')],
    };
    const plan = planDeletion({ pkg: imagePkg, selected: [active[1]], active, manifests: unreadable });
    assert.deepEqual(ids(plan), []);
    assert.match(
      plan.refusals[0].message,
      /^sha256:bbbbbbbbbbbb: nothing was deleted because .* and Could not read the manifest of app:1\.0: GitHub rejected the token/,
    );
  });

  it('guards Docker-registry images like container images', () => {
    const active = [version(1, digest('a'), ['1.0']), version(2, digest('b'))];
    const plan = planDeletion({ pkg: { ...imagePkg, packageType: 'docker' }, selected: [active[1]], active });
    assert.deepEqual(reasons(plan), [[2, 'manifestsUnreadable']]);
    assert.match(plan.refusals[0].message, /^sha256:bbbbbbbbbbbb: nothing was deleted/);
    const lastTagged = planDeletion({ pkg: { ...imagePkg, packageType: 'docker' }, selected: [active[0]], active });
    assert.deepEqual(reasons(lastTagged), [[1, 'lastTaggedVersion']]);
  });

  it('needs no manifests to delete only tagged images, or for packages that are not images', () => {
    const active = [version(1, digest('a'), ['1.0']), version(2, digest('b'), ['2.0'])];
    assert.deepEqual(ids(planDeletion({ pkg: imagePkg, selected: [active[0]], active })), [1]);
    const npm = [version(1, '1.0.0'), version(2, '1.1.0')];
    assert.deepEqual(ids(planDeletion({ pkg: npmPkg, selected: [npm[0]], active: npm })), [1]);
  });

  it('lets a child go when the only image referencing it is deleted in the same request, the image first', () => {
    const [index, child, other] = ['a', 'b', 'c'].map(digest);
    const active = [version(1, child), version(2, index, ['edge']), version(3, other, ['stable'])];
    const graph = graphOf([
      { digest: index, tags: ['edge'], references: [{ digest: child, role: 'platform', platform: 'linux/amd64' }] },
      { digest: other, tags: ['stable'], references: [] },
    ]);
    const plan = planDeletion({ pkg: imagePkg, selected: [active[0], active[1]], active, manifests: graph });
    assert.deepEqual(ids(plan), [2, 1], 'the tagged image before its untagged child');
    assert.deepEqual(plan.toDelete[0].tags, ['edge']);
    assert.deepEqual(plan.refusals, []);
  });

  it('names the first tagged image that keeps a shared child, with its platform', () => {
    const [first, second, shared] = ['a', 'b', 'c'].map(digest);
    const active = [version(1, first, ['v1']), version(2, second, ['v2', 'latest']), version(3, shared)];
    const graph = graphOf([
      { digest: first, tags: ['v1'], references: [{ digest: shared, role: 'platform', platform: 'linux/arm64' }] },
      { digest: second, tags: ['v2', 'latest'], references: [{ digest: shared, role: 'attestation', platform: 'linux/amd64' }] },
    ]);
    const plan = planDeletion({ pkg: imagePkg, selected: [active[2]], active, manifests: graph });
    assert.deepEqual(
      plan.refusals.map((refusal) => refusal.message),
      ['sha256:cccccccccccc is the linux/arm64 image of v1; deleting it would break pulling app:v1.'],
    );
  });

  it('lists the tags that disappear with each image, as a copy the plan’s reader cannot change', () => {
    const active = [version(1, digest('a'), ['1.0', 'stable']), version(2, digest('b'), ['2.0'])];
    const plan = planDeletion({ pkg: imagePkg, selected: [active[0]], active });
    assert.deepEqual(plan.toDelete[0].tags, ['1.0', 'stable']);
    plan.toDelete[0].tags.push('changed');
    assert.deepEqual(active[0].tags, ['1.0', 'stable']);
  });

  it('keeps the order asked for among tagged images and among untagged manifests', () => {
    const active = [
      version(1, digest('a')),
      version(2, digest('b'), ['x']),
      version(3, digest('c')),
      version(4, digest('d'), ['y']),
      version(5, digest('e'), ['z']),
    ];
    const plan = planDeletion({
      pkg: imagePkg,
      selected: [active[2], active[3], active[0], active[1]],
      active,
      manifests: graphOf([]),
    } satisfies DeleteRequest);
    assert.deepEqual(ids(plan), [4, 2, 3, 1]);
  });
});

describe('registry/deletePlan: how a version is named to a person', () => {
  it('names a package version by its version string, an image by its tags or short digest', () => {
    assert.equal(label(version(1, '1.0.0', ['latest']), false), '1.0.0');
    assert.equal(label(version(1, digest('a'), ['1.0', 'latest']), true), '1.0, latest');
    assert.equal(label(version(1, `sha256:0123456789abcdef${'0'.repeat(48)}`), true), 'sha256:0123456789ab');
    assert.equal(label(version(1, 'not-a-digest'), true), 'not-a-digest');
    assert.equal(label(version(1, 'sha256:ABCDEF0123456789'), true), 'sha256:ABCDEF0123456789');
    assert.equal(label(version(1, `app@sha256:${'a'.repeat(64)}`), true), `app@sha256:${'a'.repeat(64)}`);
  });

  it('names an untagged child in the tree by what it is and which image needs it', () => {
    const childVersion = version(2, digest('b'));
    const parent = { indexDigest: digest('a'), indexTags: ['v1', 'latest'], role: 'platform' as const, platform: 'linux/arm64' };
    assert.equal(versionLabel(childVersion, true, parent), 'linux/arm64 of v1, latest');
    assert.equal(versionLabel(childVersion, true, { ...parent, platform: undefined }), 'platform image of v1, latest');
    assert.equal(versionLabel(childVersion, true, { ...parent, platform: 'unknown/unknown' }), 'platform image of v1, latest');
    assert.equal(versionLabel(childVersion, true, { ...parent, platform: 'unknown/arm64' }), 'platform image of v1, latest');
    assert.equal(versionLabel(childVersion, true, { ...parent, indexTags: [] }), 'linux/arm64 of sha256:aaaaaaaaaaaa');
    assert.equal(
      versionLabel(childVersion, true, { ...parent, role: 'attestation', platform: 'linux/amd64' }),
      'attestation for linux/amd64 of v1, latest',
    );
    assert.equal(versionLabel(childVersion, true, { ...parent, role: 'attestation', platform: undefined }), 'attestation of v1, latest');
  });

  it('names a tagged image, an orphan manifest or a package version in the tree as elsewhere', () => {
    const parent = { indexDigest: digest('a'), indexTags: ['v1'], role: 'platform' as const, platform: 'linux/amd64' };
    assert.equal(versionLabel(version(1, digest('c'), ['edge']), true, parent), 'edge');
    assert.equal(versionLabel(version(1, digest('c')), true), 'sha256:cccccccccccc');
    assert.equal(versionLabel(version(1, '1.0.0'), false, parent), '1.0.0');
  });
});
