import { createHash } from 'node:crypto';
import type { SeedImage } from './types';

/** Generated container manifests: real JSON bytes with their real sha256 digests. */

export const MEDIA = {
  ociIndex: 'application/vnd.oci.image.index.v1+json',
  ociManifest: 'application/vnd.oci.image.manifest.v1+json',
  ociConfig: 'application/vnd.oci.image.config.v1+json',
  ociLayer: 'application/vnd.oci.image.layer.v1.tar+gzip',
  dockerList: 'application/vnd.docker.distribution.manifest.list.v2+json',
  dockerManifest: 'application/vnd.docker.distribution.manifest.v2+json',
  dockerConfig: 'application/vnd.docker.container.image.v1+json',
  dockerLayer: 'application/vnd.docker.image.rootfs.diff.tar.gzip',
  inToto: 'application/vnd.in-toto+json',
} as const;

export interface StoredManifest {
  mediaType: string;
  body: Buffer;
  digest: string;
}
export interface Blob {
  digest: string;
  body: Buffer;
  mediaType: string;
}
/** Manifests of one image, children first and the tagged top-level manifest last. */
export interface GeneratedImage {
  children: StoredManifest[];
  top: StoredManifest;
  blobs: Blob[];
}

export function sha256(data: Buffer | string): string {
  return 'sha256:' + createHash('sha256').update(data).digest('hex');
}

function blob(body: string, mediaType: string): Blob {
  const bytes = Buffer.from(body);
  return { digest: sha256(bytes), body: bytes, mediaType };
}

function stored(mediaType: string, value: unknown): StoredManifest {
  const body = Buffer.from(JSON.stringify(value, null, 2));
  return { mediaType, body, digest: sha256(body) };
}

function parsePlatform(p: string): { os: string; architecture: string; variant?: string } {
  const [os, architecture, variant] = p.split('/');
  return variant ? { os, architecture, variant } : { os, architecture };
}

export function generateImage(imageRef: string, image: SeedImage, sourceUrl?: string): GeneratedImage {
  const docker = image.format === 'docker';
  const platforms = image.platforms?.length ? image.platforms : ['linux/amd64'];
  const blobs: Blob[] = [];
  const children: StoredManifest[] = [];
  const platformManifests: Array<{ manifest: StoredManifest; platform: ReturnType<typeof parsePlatform> }> = [];
  for (const p of platforms) {
    const platform = parsePlatform(p);
    const layer = blob(`layer of ${imageRef}:${image.tags.join(',')} for ${p}`, docker ? MEDIA.dockerLayer : MEDIA.ociLayer);
    const config = blob(
      JSON.stringify({
        architecture: platform.architecture,
        os: platform.os,
        config: { Labels: sourceUrl ? { 'org.opencontainers.image.source': sourceUrl } : {} },
        rootfs: { type: 'layers', diff_ids: [layer.digest] },
      }),
      docker ? MEDIA.dockerConfig : MEDIA.ociConfig,
    );
    blobs.push(layer, config);
    const mediaType = docker ? MEDIA.dockerManifest : MEDIA.ociManifest;
    const manifest = stored(mediaType, {
      schemaVersion: 2,
      mediaType,
      config: { mediaType: config.mediaType, digest: config.digest, size: config.body.length },
      layers: [{ mediaType: layer.mediaType, digest: layer.digest, size: layer.body.length }],
    });
    platformManifests.push({ manifest, platform });
  }
  if (platforms.length === 1 && !image.platforms?.length) {
    return { children: [], top: platformManifests[0].manifest, blobs };
  }
  const entries: unknown[] = [];
  for (const { manifest, platform } of platformManifests) {
    children.push(manifest);
    entries.push({ mediaType: manifest.mediaType, digest: manifest.digest, size: manifest.body.length, platform });
  }
  if (image.attestations && !docker) {
    for (const { manifest } of platformManifests) {
      const statement = blob(
        JSON.stringify({
          _type: 'https://in-toto.io/Statement/v0.1',
          predicateType: 'https://slsa.dev/provenance/v0.2',
          subject: [{ digest: { sha256: manifest.digest.slice(7) } }],
        }),
        MEDIA.inToto,
      );
      const config = blob(
        '{"architecture":"unknown","os":"unknown","config":{},"rootfs":{"type":"layers","diff_ids":[]}}',
        MEDIA.ociConfig,
      );
      blobs.push(statement, config);
      const attestation = stored(MEDIA.ociManifest, {
        schemaVersion: 2,
        mediaType: MEDIA.ociManifest,
        config: { mediaType: config.mediaType, digest: config.digest, size: config.body.length },
        layers: [
          {
            mediaType: MEDIA.inToto,
            digest: statement.digest,
            size: statement.body.length,
            annotations: { 'in-toto.io/predicate-type': 'https://slsa.dev/provenance/v0.2' },
          },
        ],
      });
      children.push(attestation);
      entries.push({
        mediaType: attestation.mediaType,
        digest: attestation.digest,
        size: attestation.body.length,
        annotations: { 'vnd.docker.reference.digest': manifest.digest, 'vnd.docker.reference.type': 'attestation-manifest' },
        platform: { architecture: 'unknown', os: 'unknown' },
      });
    }
  }
  const indexType = docker ? MEDIA.dockerList : MEDIA.ociIndex;
  const top = stored(indexType, { schemaVersion: 2, mediaType: indexType, manifests: entries });
  return { children, top, blobs };
}
