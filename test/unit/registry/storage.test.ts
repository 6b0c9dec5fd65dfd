import * as assert from 'node:assert/strict';
import type { Manifest } from '../../../src/github/containerRegistry';
import { formatBytes, freedBytes, readBlobIndex } from '../../../src/registry/storage';
import { aged, digest } from './fixtures';

const image = { owner: 'octo', name: 'app' };
const manifest = (blobs?: { digest: string; size: number }[]): Manifest =>
  ({ mediaType: 'application/vnd.oci.image.manifest.v1+json', manifests: [], blobs }) as Manifest;

describe('registry/storage: how much a clean-up frees, in words', () => {
  it('says sizes in bytes, then KB to TB, one decimal below 10', () => {
    const table: [number, string][] = [
      [0, '0 bytes'],
      [999, '999 bytes'],
      [1000, '1.0 KB'],
      [9_949, '9.9 KB'],
      [10_000, '10 KB'],
      [999_499, '999 KB'],
      [1_500_000, '1.5 MB'],
      [2_000_000_000, '2.0 GB'],
      [3_000_000_000_000, '3.0 TB'],
      [4_000_000_000_000_000, '4000 TB'],
    ];
    for (const [bytes, text] of table) assert.equal(formatBytes(bytes), text, String(bytes));
  });

  it('reads every manifest, as many at once as allowed, and up to the bound only', async () => {
    const versions = [aged(1, digest('a'), 1), aged(2, digest('b'), 1), aged(3, digest('c'), 1)];
    let running = 0;
    let peak = 0;
    const reader = {
      getManifest: async (_owner: string, _name: string, reference: string) => {
        peak = Math.max(peak, ++running);
        await new Promise((resolve) => setTimeout(resolve, 5));
        running--;
        return manifest(reference === digest('c') ? undefined : [{ digest: `blob-${reference.slice(7, 8)}`, size: 10 }]);
      },
    };
    const read = await readBlobIndex(reader, image, versions, { maxReads: 3, concurrency: 2 });
    assert.ok(read.ok);
    assert.equal(peak, 2);
    assert.deepEqual([...read.blobs.keys()], [digest('a'), digest('b'), digest('c')]);
    assert.equal(freedBytes(read.blobs, new Set([digest('a'), digest('c')])), 10, 'an index or a manifest without blobs frees nothing');
    assert.deepEqual(await readBlobIndex(reader, image, versions, { maxReads: 2 }), {
      ok: false,
      why: 'sizes of app were not read (3 images, more than a clean-up reads for sizes)',
    });
    assert.equal((await readBlobIndex(reader, image, versions, { maxReads: 3 })).ok, true, 'exactly the bound is read');
  });

  it('says which manifests could not be read, and stops reading after the first failure', async () => {
    const asked: string[] = [];
    const reader = {
      getManifest: async (_owner: string, _name: string, reference: string) => {
        asked.push(reference);
        throw new Error('registry said no');
      },
    };
    const versions = [aged(1, digest('a'), 1), aged(2, digest('b'), 1), aged(3, digest('c'), 1)];
    assert.deepEqual(await readBlobIndex(reader, image, versions, { maxReads: 10, concurrency: 1 }), {
      ok: false,
      why: 'the manifests of app could not be read (registry said no)',
    });
    assert.deepEqual(asked, [digest('a')]);
  });

  it('stops at once when cancelled, with the cancellation', async () => {
    const controller = new AbortController();
    const reader = {
      getManifest: async () => {
        controller.abort();
        throw new Error('aborted');
      },
    };
    await assert.rejects(readBlobIndex(reader, image, [aged(1, digest('a'), 1)], { maxReads: 10, signal: controller.signal }), /aborted/);
  });
});
