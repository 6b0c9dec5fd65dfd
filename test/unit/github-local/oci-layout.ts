import { createHash } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { tar } from './fixtures';

/** Writes an OCI image layout (what `skopeo copy oci:DIR:TAG …` reads): one image per platform, and an index when several. */

const digestOf = (b: Buffer) => 'sha256:' + createHash('sha256').update(b).digest('hex');

/** A one-file tar layer, so each platform's layer has distinct, real bytes. */
function layerTar(name: string, text: string): Buffer {
  return gzipSync(tar({ [name]: text }));
}

export interface BuiltImage {
  dir: string;
  tag: string;
  digest: string;
  children: string[];
  layers: string[];
}

export async function writeOciLayout(
  dir: string,
  tag: string,
  opts: { platforms?: string[]; source?: string; text?: string } = {},
): Promise<BuiltImage> {
  const blobs = join(dir, 'blobs', 'sha256');
  await mkdir(blobs, { recursive: true });
  const put = async (b: Buffer) => {
    const d = digestOf(b);
    await writeFile(join(blobs, d.slice(7)), b);
    return { digest: d, size: b.length };
  };
  const platforms = opts.platforms ?? ['linux/amd64'];
  const manifests: Array<{ mediaType: string; digest: string; size: number; platform: { os: string; architecture: string } }> = [];
  const layers: string[] = [];
  for (const p of platforms) {
    const [os, architecture] = p.split('/');
    const layer = layerTar('hello.txt', `${opts.text ?? 'hello'} from ${p}\n`);
    const l = await put(layer);
    layers.push(l.digest);
    const diffId = digestOf(gunzipSync(layer));
    const config = await put(
      Buffer.from(
        JSON.stringify({
          architecture,
          os,
          config: { Labels: opts.source ? { 'org.opencontainers.image.source': opts.source } : {} },
          rootfs: { type: 'layers', diff_ids: [diffId] },
        }),
      ),
    );
    const manifest = Buffer.from(
      JSON.stringify({
        schemaVersion: 2,
        mediaType: 'application/vnd.oci.image.manifest.v1+json',
        config: { mediaType: 'application/vnd.oci.image.config.v1+json', ...config },
        layers: [{ mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip', ...l }],
      }),
    );
    manifests.push({ mediaType: 'application/vnd.oci.image.manifest.v1+json', ...(await put(manifest)), platform: { os, architecture } });
  }
  let top = manifests[0];
  if (platforms.length > 1) {
    const index = Buffer.from(JSON.stringify({ schemaVersion: 2, mediaType: 'application/vnd.oci.image.index.v1+json', manifests }));
    top = { mediaType: 'application/vnd.oci.image.index.v1+json', ...(await put(index)), platform: { os: '', architecture: '' } };
  }
  const { platform: _unused, ...entry } = top;
  void _unused;
  await writeFile(join(dir, 'oci-layout'), JSON.stringify({ imageLayoutVersion: '1.0.0' }));
  await writeFile(
    join(dir, 'index.json'),
    JSON.stringify({ schemaVersion: 2, manifests: [{ ...entry, annotations: { 'org.opencontainers.image.ref.name': tag } }] }),
  );
  return { dir, tag, digest: top.digest, children: platforms.length > 1 ? manifests.map((m) => m.digest) : [], layers };
}
