/**
 * How much storage deleting some container versions frees: the layers and configs their manifests name, less any
 * blob a kept manifest still names (shared layers stay). Reading is bounded; past the bound the answer is "unknown".
 */
import type { PackageVersion } from '../github/types';
import type { ManifestReader } from './multiArchGuard';

/** Digest → the blobs that manifest holds (an index holds none; its children are versions of their own). */
export type BlobIndex = Map<string, { digest: string; size: number }[]>;

export type SizeReading = { ok: true; blobs: BlobIndex } | { ok: false; why: string };

export async function readBlobIndex(
  reader: ManifestReader,
  image: { owner: string; name: string },
  active: readonly PackageVersion[],
  options: { signal?: AbortSignal; concurrency?: number; maxReads: number },
): Promise<SizeReading> {
  if (active.length > options.maxReads)
    return { ok: false, why: `sizes of ${image.name} were not read (${active.length} images, more than a clean-up reads for sizes)` };
  const blobs: BlobIndex = new Map();
  const queue = active.map((version) => version.name);
  let failure: string | undefined;
  const worker = async (): Promise<void> => {
    for (let digest = queue.shift(); digest && !failure; digest = queue.shift()) {
      try {
        const manifest = await reader.getManifest(image.owner, image.name, digest, { signal: options.signal });
        blobs.set(digest, manifest.blobs ?? []);
      } catch (error) {
        if (options.signal?.aborted) throw error;
        failure = error instanceof Error ? error.message : String(error);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(options.concurrency ?? 6, Math.max(1, queue.length)) }, worker));
  return failure ? { ok: false, why: `the manifests of ${image.name} could not be read (${failure})` } : { ok: true, blobs };
}

/** Bytes freed by deleting `going` when every other listed manifest stays: blobs only the going ones name. */
export function freedBytes(blobs: BlobIndex, going: ReadonlySet<string>): number {
  const kept = new Set<string>();
  for (const [digest, list] of blobs) if (!going.has(digest)) for (const blob of list) kept.add(blob.digest);
  const freed = new Map<string, number>();
  for (const digest of going) for (const blob of blobs.get(digest) ?? []) if (!kept.has(blob.digest)) freed.set(blob.digest, blob.size);
  let total = 0;
  for (const size of freed.values()) total += size;
  return total;
}

export function formatBytes(bytes: number): string {
  const units = ['bytes', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return unit === 0 ? `${value} bytes` : `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`;
}
