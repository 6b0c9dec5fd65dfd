import * as assert from 'node:assert/strict';
import { MANIFEST_MEDIA_TYPES, type Manifest, type ManifestDescriptor } from '../../../src/github/containerRegistry';
import { GitHubError, isGitHubError } from '../../../src/github/errors';
import { planDeletion } from '../../../src/registry/deletePlan';
import { readManifestGraph, type ManifestReader } from '../../../src/registry/multiArchGuard';
import { rejection } from '../github/local';
import { digest, version } from './fixtures';

const index = (children: ManifestDescriptor[], mediaType: string = MANIFEST_MEDIA_TYPES.ociIndex): Manifest => ({
  mediaType,
  manifests: children,
});
const image: Manifest = { mediaType: MANIFEST_MEDIA_TYPES.ociManifest, manifests: [] };
const child = (
  d: string,
  platform?: ManifestDescriptor['platform'],
  mediaType: string = MANIFEST_MEDIA_TYPES.ociManifest,
): ManifestDescriptor => ({ mediaType, digest: d, platform });
const attestation = (d: string, of: string): ManifestDescriptor => ({
  mediaType: MANIFEST_MEDIA_TYPES.ociManifest,
  digest: d,
  platform: { os: 'unknown', architecture: 'unknown' },
  annotations: { 'vnd.docker.reference.type': 'attestation-manifest', 'vnd.docker.reference.digest': of },
});

/** A registry that serves the given manifests by digest and records what was read. */
function registry(manifests: Record<string, Manifest | Error>, options: { delayMs?: number } = {}) {
  const reads: string[] = [];
  let inFlight = 0;
  let peak = 0;
  const reader: ManifestReader = {
    async getManifest(owner, name, reference) {
      reads.push(`${owner}/${name}@${reference}`);
      inFlight++;
      peak = Math.max(peak, inFlight);
      await new Promise((resolve) => setTimeout(resolve, options.delayMs ?? 0));
      inFlight--;
      const manifest = manifests[reference];
      if (manifest instanceof Error) throw manifest;
      if (!manifest) throw new GitHubError({ kind: 'notFound' });
      return manifest;
    },
  };
  return { reader, reads, peak: () => peak };
}

const app = { owner: 'mona', name: 'app' };
const pkg = { name: 'app', packageType: 'container' as const, visibility: 'private' };

describe('registry/multiArchGuard: children of tagged images are never deleted', () => {
  it('protects the children of an index inside an index, and the plan refuses them', async () => {
    const [top, inner, amd, arm, loose] = ['a', 'b', 'c', 'd', 'e'].map(digest);
    const active = [
      version(1, top, ['latest']),
      version(2, inner),
      version(3, amd),
      version(4, arm),
      version(5, loose),
      version(6, digest('f'), ['old']),
    ];
    const { reader } = registry({
      [top]: index([child(inner, undefined, MANIFEST_MEDIA_TYPES.ociIndex)]),
      [inner]: index([
        child(amd, { os: 'linux', architecture: 'amd64' }),
        child(arm, { os: 'linux', architecture: 'arm64', variant: 'v8' }),
      ]),
      [digest('f')]: image,
    });
    const graph = await readManifestGraph(reader, app, active);
    assert.ok(graph.ok);
    assert.deepEqual([...graph.protectedDigests].sort(), [inner, amd, arm].sort());
    assert.deepEqual(graph.parents.get(arm), { indexDigest: top, indexTags: ['latest'], role: 'platform', platform: 'linux/arm64/v8' });

    const plan = planDeletion({ pkg, selected: active.slice(1, 5), active, manifests: graph });
    assert.deepEqual(
      plan.toDelete.map((item) => item.version.id),
      [5],
      'only the manifest nothing references goes',
    );
    assert.deepEqual(
      plan.refusals.map((refusal) => [refusal.version.id, refusal.reason]),
      [
        [2, 'referencedByTaggedImage'],
        [3, 'referencedByTaggedImage'],
        [4, 'referencedByTaggedImage'],
      ],
    );
    assert.match(plan.refusals[2].message, /is the linux\/arm64\/v8 image of latest; deleting it would break pulling app:latest/);
  });

  it('also follows a Docker manifest list nested in one', async () => {
    const [top, list, amd] = ['a', 'b', 'c'].map(digest);
    const { reader } = registry({
      [top]: index([child(list, undefined, MANIFEST_MEDIA_TYPES.dockerList)], MANIFEST_MEDIA_TYPES.dockerList),
      [list]: index(
        [child(amd, { os: 'linux', architecture: 'amd64' }, MANIFEST_MEDIA_TYPES.dockerManifest)],
        MANIFEST_MEDIA_TYPES.dockerList,
      ),
    });
    const graph = await readManifestGraph(reader, app, [version(1, top, ['v1']), version(2, list), version(3, amd)]);
    assert.ok(graph.ok);
    assert.deepEqual([...graph.protectedDigests].sort(), [list, amd].sort());
  });

  it('follows indexes nested up to four levels below the tagged one, so an index that nests itself is read five times, not forever', async () => {
    const top = digest('a');
    const { reader, reads } = registry({ [top]: index([child(top, undefined, MANIFEST_MEDIA_TYPES.ociIndex)]) });
    const graph = await readManifestGraph(reader, app, [version(1, top, ['loop'])]);
    assert.ok(graph.ok);
    assert.equal(reads.length, 5);
  });

  it('follows a child whose media type is not a plain image manifest, in case it is an index', async () => {
    const [top, odd, leaf] = ['a', 'b', 'c'].map(digest);
    const { reader } = registry({
      [top]: index([child(odd, undefined, 'application/octet-stream')]),
      [odd]: index([child(leaf, { os: 'linux', architecture: 'amd64' })]),
    });
    const graph = await readManifestGraph(reader, app, [version(1, top, ['x']), version(2, odd), version(3, leaf)]);
    assert.ok(graph.ok);
    assert.ok(graph.protectedDigests.has(leaf));
  });

  it('names an attestation by the platform image it attests, and a child without a known platform plainly', async () => {
    const [top, amd, att, odd] = ['a', 'b', 'c', 'd'].map(digest);
    const { reader } = registry({
      [top]: index([
        child(amd, { os: 'linux', architecture: 'amd64' }),
        attestation(att, amd),
        child(odd, { os: 'linux' }),
        attestation(digest('e'), digest('9')),
      ]),
      [digest('f')]: image,
    });
    const active = [
      version(1, top, ['1.0', 'latest']),
      version(2, amd),
      version(3, att),
      version(4, odd),
      version(5, digest('e')),
      version(6, digest('f'), ['keep']),
    ];
    const graph = await readManifestGraph(reader, app, active);
    assert.ok(graph.ok);
    assert.deepEqual(graph.parents.get(att), {
      indexDigest: top,
      indexTags: ['1.0', 'latest'],
      role: 'attestation',
      platform: 'linux/amd64',
    });
    assert.deepEqual(graph.parents.get(odd), { indexDigest: top, indexTags: ['1.0', 'latest'], role: 'platform', platform: undefined });
    assert.equal(graph.parents.get(digest('e'))?.platform, undefined);

    const plan = planDeletion({ pkg, selected: [active[2], active[3], active[4]], active, manifests: graph });
    assert.deepEqual(
      plan.refusals.map((refusal) => refusal.message),
      [
        'sha256:cccccccccccc is the attestation of the linux/amd64 image of 1.0, latest; deleting it would break pulling app:1.0.',
        'sha256:dddddddddddd is the platform image of 1.0, latest; deleting it would break pulling app:1.0.',
        'sha256:eeeeeeeeeeee is the attestation of 1.0, latest; deleting it would break pulling app:1.0.',
      ],
    );
  });

  it('does not treat an "unknown" platform as one', async () => {
    const [top, a] = ['a', 'b'].map(digest);
    const { reader } = registry({ [top]: index([child(a, { os: 'unknown', architecture: 'amd64' })]) });
    const graph = await readManifestGraph(reader, app, [version(1, top, ['x']), version(2, a)]);
    assert.ok(graph.ok);
    assert.equal(graph.parents.get(a)?.platform, undefined);
  });

  it('reads only the tagged versions, and a single-platform image protects nothing', async () => {
    const [tagged, loose] = ['a', 'b'].map(digest);
    const { reader, reads } = registry({ [tagged]: image });
    const graph = await readManifestGraph(reader, app, [version(1, tagged, ['v1']), version(2, loose)]);
    assert.ok(graph.ok);
    assert.deepEqual(reads, [`mona/app@${tagged}`]);
    assert.equal(graph.protectedDigests.size, 0);
    assert.deepEqual(graph.images, [{ digest: tagged, tags: ['v1'], references: [] }]);
  });

  it('credits a child shared by several images to the first tagged version listed, however the reads finish', async () => {
    const [first, second, third, shared] = ['a', 'b', 'c', 'd'].map(digest);
    const delays: Record<string, number> = { [first]: 20, [second]: 0, [third]: 40 };
    const reader: ManifestReader = {
      async getManifest(_owner, _name, reference) {
        await new Promise((resolve) => setTimeout(resolve, delays[reference]));
        return index([child(shared, { os: 'linux', architecture: 'amd64' })]);
      },
    };
    const active = [version(1, first, ['first']), version(2, second, ['second']), version(3, third, ['third']), version(4, shared)];
    const graph = await readManifestGraph(reader, app, active);
    assert.ok(graph.ok);
    assert.deepEqual(
      graph.images.map((one) => one.tags[0]),
      ['first', 'second', 'third'],
    );
    assert.deepEqual(graph.parents.get(shared)?.indexTags, ['first']);
  });

  it('reads several tagged images at once, up to the limit asked for', async () => {
    const tagged = ['1', '2', '3', '4', '5', '6', '7', '8'].map((c, i) => version(i + 1, digest(c), [`v${c}`]));
    const fast = registry(Object.fromEntries(tagged.map((one) => [one.name, image])), { delayMs: 10 });
    await readManifestGraph(fast.reader, app, tagged);
    assert.equal(fast.peak(), 6, 'six at a time by default');
    const two = registry(Object.fromEntries(tagged.map((one) => [one.name, image])), { delayMs: 10 });
    const graph = await readManifestGraph(two.reader, app, tagged, { concurrency: 2 });
    assert.equal(two.peak(), 2);
    assert.ok(graph.ok);
    assert.equal(graph.images.length, 8);
  });

  it('fails closed, naming every tag it could not read, and the plan then deletes nothing at all', async () => {
    const [a, b, c, loose] = ['a', 'b', 'c', 'd'].map(digest);
    const { reader } = registry({
      [a]: new GitHubError({ kind: 'server', status: 503 }),
      [b]: image,
      [c]: new GitHubError({ kind: 'notFound' }),
    });
    const active = [version(1, a, ['edge', 'main']), version(2, b, ['stable']), version(3, c, ['old']), version(4, loose)];
    const graph = await readManifestGraph(reader, app, active);
    assert.ok(!graph.ok);
    assert.deepEqual(graph.unreadable, [a, c]);
    assert.equal(graph.error.kind, 'server');
    assert.match(
      graph.error.message,
      /^Could not read the image manifests of app \(edge, old\) to protect multi-arch images, so nothing was deleted: .*server error \(503\)/,
    );

    const plan = planDeletion({ pkg, selected: [active[2], active[3]], active, manifests: graph });
    assert.equal(plan.toDelete.length, 0);
    assert.deepEqual(
      plan.refusals.map((refusal) => [refusal.version.id, refusal.reason]),
      [
        [3, 'manifestsUnreadable'],
        [4, 'manifestsUnreadable'],
      ],
    );
    assert.equal(plan.offerPackageDelete, false);
    assert.match(
      plan.refusals[1].message,
      /^sha256:dddddddddddd: nothing was deleted because untagged manifests may belong to tagged multi-arch images and Could not read/,
    );
  });

  it('stops on cancellation, and lets a programming error through, instead of reporting unreadable manifests', async () => {
    const a = digest('a');
    const cancelled = registry({ [a]: new GitHubError({ kind: 'cancelled' }) });
    const stopped = await rejection(readManifestGraph(cancelled.reader, app, [version(1, a, ['x'])]));
    assert.ok(isGitHubError(stopped) && stopped.kind === 'cancelled');
    const bug = new RangeError('bug');
    const broken = registry({ [a]: bug });
    assert.equal(await rejection(readManifestGraph(broken.reader, app, [version(1, a, ['x'])])), bug);
  });

  it('hands the cancellation signal to the registry, and calls a read cut short by it cancelled, not unreadable', async () => {
    const a = digest('a');
    const controller = new AbortController();
    const seen: (AbortSignal | undefined)[] = [];
    const reader: ManifestReader = {
      async getManifest(_owner, _name, _reference, options) {
        seen.push(options?.signal);
        controller.abort();
        throw new TypeError('fetch failed');
      },
    };
    const error = await rejection(readManifestGraph(reader, app, [version(1, a, ['x'])], { signal: controller.signal }));
    assert.ok(isGitHubError(error) && error.kind === 'cancelled', String(error));
    assert.deepEqual(seen, [controller.signal]);
  });

  it('reads nothing and protects nothing when no version is tagged', async () => {
    const { reader, reads } = registry({});
    const graph = await readManifestGraph(reader, app, [version(1, digest('a'))]);
    assert.ok(graph.ok);
    assert.equal(reads.length, 0);
    assert.equal(graph.images.length, 0);
  });
});
