/**
 * The multi-arch guard: a multi-platform image (or one with attestations) is an index whose children are separate,
 * UNTAGGED package versions. Reads the index manifests of the tagged versions so nobody deletes a child a tagged
 * image still needs. When any tagged manifest cannot be read it fails closed: callers delete nothing.
 */
import { classifyError, GitHubError } from '../github/errors';
import type { Manifest } from '../github/containerRegistry';
import { isIndex, mayBeIndex } from '../github/containerRegistry';
import type { PackageVersion } from '../github/types';

/** How an untagged manifest relates to a tagged image (the tree's `ManifestParent` has the same shape). */
export interface ManifestParent {
  indexDigest: string;
  indexTags: string[];
  role: 'platform' | 'attestation';
  platform?: string;
}

export interface ManifestReader {
  getManifest(owner: string, image: string, reference: string, options?: { signal?: AbortSignal }): Promise<Manifest>;
}

/** One tagged version and every digest it references, recursively. */
export interface TaggedImage {
  digest: string;
  tags: string[];
  references: { digest: string; role: 'platform' | 'attestation'; platform?: string }[];
}

export type ManifestGraph =
  | {
      ok: true;
      images: TaggedImage[];
      /** Every digest a tagged image references. */
      protectedDigests: Set<string>;
      /** Child digest → the (first) tagged image that references it. */
      parents: Map<string, ManifestParent>;
    }
  | { ok: false; error: GitHubError; /** Digests (or tags) whose manifest could not be read. */ unreadable: string[] };

const MAX_DEPTH = 4;

export async function readManifestGraph(
  reader: ManifestReader,
  image: { owner: string; name: string },
  activeVersions: readonly PackageVersion[],
  options: { signal?: AbortSignal; concurrency?: number } = {},
): Promise<ManifestGraph> {
  const tagged = activeVersions.filter((version) => version.tags.length > 0);
  const images: TaggedImage[] = [];
  const failures: { digest: string; error: GitHubError }[] = [];
  const queue = [...tagged];
  const worker = async (): Promise<void> => {
    for (let version = queue.shift(); version; version = queue.shift()) {
      try {
        const references: TaggedImage['references'] = [];
        await collect(reader, image, version.name, references, options.signal, 0);
        images.push({ digest: version.name, tags: [...version.tags], references });
      } catch (error) {
        // The error returned below names every unreadable tag, so this one needs no operation of its own.
        const failure = classifyError(error, { signal: options.signal });
        if (!failure) throw error;
        if (failure.kind === 'cancelled') throw failure;
        failures.push({ digest: version.name, error: failure });
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(options.concurrency ?? 6, Math.max(1, tagged.length)) }, worker));

  if (failures.length > 0) {
    const first = failures[0];
    // Stryker disable next-line OptionalChaining: every failure is of a tagged version, so the lookup always finds it.
    const names = failures.map((failure) => tagged.find((version) => version.name === failure.digest)?.tags[0] ?? failure.digest);
    const error = new GitHubError(first.error.detail, {
      ...first.error.context,
      operation: `read the image manifests of ${image.name} (${names.join(', ')}) to protect multi-arch images, so nothing was deleted`,
    });
    return { ok: false, error, unreadable: failures.map((failure) => failure.digest) };
  }
  const order = new Map(tagged.map((version, index) => [version.name, index]));
  images.sort((a, b) => (order.get(a.digest) ?? 0) - (order.get(b.digest) ?? 0));
  const protectedDigests = new Set<string>();
  const parents = new Map<string, ManifestParent>();
  for (const tagImage of images) {
    for (const reference of tagImage.references) {
      protectedDigests.add(reference.digest);
      if (!parents.has(reference.digest)) {
        parents.set(reference.digest, {
          indexDigest: tagImage.digest,
          indexTags: tagImage.tags,
          role: reference.role,
          platform: reference.platform,
        });
      }
    }
  }
  return { ok: true, images, protectedDigests, parents };
}

async function collect(
  reader: ManifestReader,
  image: { owner: string; name: string },
  digest: string,
  into: TaggedImage['references'],
  signal: AbortSignal | undefined,
  depth: number,
): Promise<void> {
  const manifest = await reader.getManifest(image.owner, image.name, digest, { signal });
  // Stryker disable next-line ConditionalExpression: the registry client gives an image manifest an empty child list.
  if (!isIndex(manifest)) return;
  const platformOf = new Map(manifest.manifests.map((child) => [child.digest, platformText(child.platform)]));
  for (const child of manifest.manifests) {
    const annotations = child.annotations ?? {};
    const attestation = annotations['vnd.docker.reference.type'] === 'attestation-manifest';
    // Stryker disable next-line StringLiteral: any key that is not a child's digest finds no platform.
    const platform = attestation ? platformOf.get(annotations['vnd.docker.reference.digest'] ?? '') : platformText(child.platform);
    into.push({ digest: child.digest, role: attestation ? 'attestation' : 'platform', platform });
    // An index may nest indexes (whatever media type the descriptor claims); their children are needed too.
    if (depth < MAX_DEPTH && mayBeIndex(child.mediaType)) await collect(reader, image, child.digest, into, signal, depth + 1);
  }
}

function platformText(platform: { os?: string; architecture?: string; variant?: string } | undefined): string | undefined {
  if (!platform?.os || !platform.architecture || platform.os === 'unknown') return undefined;
  return [platform.os, platform.architecture, platform.variant].filter(Boolean).join('/');
}
