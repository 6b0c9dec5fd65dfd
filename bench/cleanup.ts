/**
 * The clean-up at scale, without a server: plan 10,000 versions over 50 packages (rule, multi-arch guard, review
 * with storage) and print the time and memory it takes, and the pacing bound GitHub's write limits put on deleting.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { Package, PackageVersion } from '../src/github/types';
import { pacingBoundMs, WRITE_LIMITS } from '../src/registry/cleanupJob';
import { reviewEntries, reviewTitle, type PackagePlan } from '../src/registry/cleanupReview';
import { planDeletion } from '../src/registry/deletePlan';
import type { ManifestGraph } from '../src/registry/multiArchGuard';
import { selectForCleanup } from '../src/registry/retention';
import type { BlobIndex } from '../src/registry/storage';

const PACKAGES = 50;
const VERSIONS_PER_PACKAGE = 200;
const DAY = 24 * 3600 * 1000;

function hex(n: number): string {
  return `sha256:${n.toString(16).padStart(64, '0')}`;
}

/** A container package: every 4th version is a tagged index of two platform images (the next two versions). */
function syntheticPackage(
  index: number,
  now: number,
): { pkg: Package; active: PackageVersion[]; graph: Extract<ManifestGraph, { ok: true }>; blobs: BlobIndex } {
  const pkg: Package = {
    id: index,
    name: `service-${index}`,
    packageType: 'container',
    visibility: 'private',
    htmlUrl: '',
    versionCount: VERSIONS_PER_PACKAGE,
    owner: { login: 'octo-org', type: 'Organization' },
    repository: null,
    createdAt: '',
    updatedAt: '',
  };
  const active: PackageVersion[] = [];
  const images: Extract<ManifestGraph, { ok: true }>['images'] = [];
  const blobs: BlobIndex = new Map();
  for (let v = 0; v < VERSIONS_PER_PACKAGE; v++) {
    const id = index * 100_000 + v;
    const at = new Date(now - v * DAY).toISOString();
    const tagged = v % 4 === 0;
    const name = hex(id);
    active.push({
      id,
      name,
      tags: tagged ? (v === 0 ? ['latest', `v${v}`] : [`v${v}`, `sha-${v}`]) : [],
      createdAt: at,
      updatedAt: at,
      packageHtmlUrl: '',
    });
    if (tagged)
      images.push({
        digest: name,
        tags: active[active.length - 1].tags,
        references: [1, 2].map((k) => ({
          digest: hex(id + k),
          role: 'platform' as const,
          platform: k === 1 ? 'linux/amd64' : 'linux/arm64',
        })),
      });
    blobs.set(
      name,
      tagged
        ? []
        : [
            { digest: `base-${index}`, size: 30_000_000 },
            { digest: `layer-${id}`, size: 2_000_000 + (v % 7) * 100_000 },
          ],
    );
  }
  const parents = new Map<string, { indexDigest: string; indexTags: string[]; role: 'platform'; platform?: string }>();
  for (const image of images)
    for (const ref of image.references)
      parents.set(ref.digest, { indexDigest: image.digest, indexTags: image.tags, role: 'platform', platform: ref.platform });
  return { pkg, active, graph: { ok: true, images, protectedDigests: new Set(parents.keys()), parents }, blobs };
}

export function cleanupBench(): string[] {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  const now = Date.now();
  const inputs = Array.from({ length: PACKAGES }, (_, i) => syntheticPackage(i, now));
  gc();
  const before = process.memoryUsage().heapUsed;
  const started = performance.now();
  const plans: PackagePlan[] = inputs.map(({ pkg, active, graph, blobs }) => {
    // Half the tagged images go (beyond the 10 newest tagged), so some platform images lose their protector.
    const selection = selectForCleanup(active, { olderThanDays: 7, keepNewestTagged: 10, keepNewestUntagged: 5 }, now);
    const plan = planDeletion({ pkg, selected: selection.selected.map((d) => d.version), active, manifests: graph });
    return {
      ref: { owner: { login: 'octo-org', kind: 'org' }, type: 'container', name: pkg.name },
      pkg,
      active,
      selection,
      plan,
      parents: graph.parents,
      inUse: () => undefined,
      sizes: { ok: true, blobs },
    };
  });
  const planned = performance.now();
  const entries = reviewEntries(plans, now);
  const ticked = entries.filter((entry) => entry.state === 'delete');
  const title = reviewTitle(plans, ticked, false);
  const reviewed = performance.now();
  const heap = process.memoryUsage().heapUsed - before;
  const total = PACKAGES * VERSIONS_PER_PACKAGE;
  const hours = (ms: number) => `${Math.floor(ms / 3_600_000)} h ${Math.round((ms % 3_600_000) / 60_000)} min`;
  return [
    '',
    `Clean-up plan: ${total.toLocaleString('en')} versions over ${PACKAGES} packages — rule + multi-arch guard ${(planned - started).toFixed(0)} ms, review with storage ${(reviewed - planned).toFixed(0)} ms, ${(heap / 2 ** 20).toFixed(1)} MiB of heap held by the plan and review.`,
    `  review: ${entries.length.toLocaleString('en')} rows (${ticked.length.toLocaleString('en')} to delete, ${entries.filter((e) => e.state === 'refused').length.toLocaleString('en')} refused by the guard); title "${title}"`,
    `Pacing bound for deletes (GitHub: ~${WRITE_LIMITS.perMinute} writes/min, ${WRITE_LIMITS.perHour}/hour per user): ${ticked.length.toLocaleString('en')} deletes take at least ${hours(pacingBoundMs(ticked.length))}; 13,000 take at least ${hours(pacingBoundMs(13_000))}.`,
  ];
}
