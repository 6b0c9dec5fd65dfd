import { randomUUID } from 'node:crypto';
import { DISTRIBUTION, mayPull, ociError, type RegistryRequest } from './container-registry';
import { json, type Reply } from './http';
import { MEDIA, sha256, type StoredManifest } from './manifests';
import type { VersionRecord } from './state';

/** OCI distribution push: blob uploads (monolithic, chunked, cross-repository mount), manifest PUT, referrers. */

interface Upload {
  repository: string;
  chunks: Buffer[];
  size: number;
}
interface ManifestBody {
  mediaType?: string;
  artifactType?: string;
  config?: { digest?: string; mediaType?: string };
  layers?: Array<{ digest?: string }>;
  manifests?: Array<{ digest?: string }>;
  subject?: { digest?: string };
  annotations?: Record<string, string>;
}

const TAG = /^[A-Za-z0-9_][A-Za-z0-9._-]{0,127}$/;
const MANIFEST_TYPES = new Set<string>([MEDIA.ociIndex, MEDIA.ociManifest, MEDIA.dockerList, MEDIA.dockerManifest]);

export class ContainerPush {
  private readonly uploads = new Map<string, Upload>();

  clear(): void {
    this.uploads.clear();
  }

  /** `POST …/blobs/uploads/[?digest=|?mount=&from=]`, then `PATCH`/`PUT`/`GET`/`DELETE …/blobs/uploads/ID`. */
  upload(r: RegistryRequest, id: string): Reply {
    const { ctx } = r;
    const location = (uuid: string) => `/v2/${r.repository}/blobs/uploads/${uuid}`;
    const progress = (uuid: string, u: Upload, status: number) => ({
      status,
      headers: {
        location: location(uuid),
        'docker-upload-uuid': uuid,
        range: `0-${Math.max(0, u.size - 1)}`,
        'content-length': 0,
        ...DISTRIBUTION,
      },
    });
    if (ctx.method === 'POST' && !id) {
      const mount = ctx.query.get('mount');
      const from = ctx.query.get('from')?.toLowerCase();
      if (mount && from && ctx.state.blobs.has(mount) && this.mayMountFrom(r, from)) return this.created(r, mount);
      const digest = ctx.query.get('digest');
      if (digest) return this.store(r, digest, ctx.body);
      const uuid = randomUUID();
      const u: Upload = { repository: r.repository, chunks: [], size: 0 };
      this.uploads.set(uuid, u);
      return progress(uuid, u, 202);
    }
    const u = this.uploads.get(id);
    if (!u || u.repository !== r.repository) return ociError(404, 'BLOB_UPLOAD_UNKNOWN', 'blob upload unknown to registry');
    if (ctx.method === 'GET') return progress(id, u, 204);
    if (ctx.method === 'DELETE') {
      this.uploads.delete(id);
      return { status: 204 };
    }
    const range = /^(\d+)-(\d+)$/.exec(String(ctx.req.headers['content-range'] ?? ''));
    if (range && Number(range[1]) !== u.size) return { status: 416, headers: { range: `0-${Math.max(0, u.size - 1)}`, ...DISTRIBUTION } };
    if (ctx.body.length) {
      u.chunks.push(ctx.body);
      u.size += ctx.body.length;
    }
    if (ctx.method === 'PATCH') return progress(id, u, 202);
    if (ctx.method !== 'PUT') return ociError(405, 'UNSUPPORTED', 'method not allowed');
    const digest = ctx.query.get('digest');
    if (!digest) return ociError(400, 'DIGEST_INVALID', 'a digest is required to complete an upload');
    this.uploads.delete(id);
    return this.store(r, digest, Buffer.concat(u.chunks));
  }

  private mayMountFrom(r: RegistryRequest, from: string): boolean {
    if (!r.grant.scopes.get(from)?.has('pull')) return false;
    const [owner, ...image] = from.split('/');
    const source = r.ctx.state.findPackage(owner, 'container', image.join('/'));
    return !!source && mayPull(r.ctx, r.grant, source);
  }

  private store(r: RegistryRequest, digest: string, body: Buffer): Reply {
    if (sha256(body) !== digest) return ociError(400, 'DIGEST_INVALID', 'provided digest did not match uploaded content');
    if (!r.ctx.state.blobs.has(digest)) r.ctx.state.blobs.set(digest, { digest, body, mediaType: 'application/octet-stream' });
    return this.created(r, digest);
  }

  private created(r: RegistryRequest, digest: string): Reply {
    return {
      status: 201,
      headers: { location: `/v2/${r.repository}/blobs/${digest}`, 'docker-content-digest': digest, 'content-length': 0, ...DISTRIBUTION },
    };
  }

  /**
   * `PUT …/manifests/REF`: the manifest becomes a version named by its digest; a tag moves from whichever version held it
   * (how ghcr-cleanup-action "untags"). An index's children, pushed first by digest, stay as untagged versions.
   */
  putManifest(r: RegistryRequest, reference: string): Reply {
    const { ctx } = r;
    const digest = sha256(ctx.body);
    const byDigest = reference.startsWith('sha256:');
    if (byDigest && reference !== digest) return ociError(400, 'DIGEST_INVALID', 'the manifest digest does not match the reference');
    if (!byDigest && !TAG.test(reference)) return ociError(400, 'TAG_INVALID', 'manifest tag did not match URI');
    let body: ManifestBody;
    try {
      body = JSON.parse(ctx.body.toString('utf8')) as ManifestBody;
    } catch {
      return ociError(400, 'MANIFEST_INVALID', 'manifest invalid');
    }
    const mediaType = String(ctx.req.headers['content-type'] ?? body.mediaType ?? '').split(';')[0];
    if (!MANIFEST_TYPES.has(mediaType))
      return ociError(400, 'MANIFEST_INVALID', `manifest media type ${mediaType || '(none)'} is not supported`);
    const live = r.pkg ? ctx.state.listVersions(r.pkg) : [];
    const missing = body.manifests
      ? body.manifests.map((m) => m.digest).find((d) => !live.some((v) => v.name === d))
      : [body.config?.digest, ...(body.layers ?? []).map((l) => l.digest)].find((d) => !d || !ctx.state.blobs.has(d));
    if (missing !== undefined || (!body.manifests && !body.config))
      return ociError(400, 'MANIFEST_BLOB_UNKNOWN', `blob unknown to registry: ${missing ?? 'config'}`);
    const pkg = r.pkg ?? ctx.state.addPackage({ owner: r.owner, type: 'container', name: r.name, visibility: 'private' });
    const source = this.sourceRepository(r, body);
    if (source && !pkg.repository) pkg.repository = source;
    const stored: StoredManifest = { mediaType, body: Buffer.from(ctx.body), digest };
    let version: VersionRecord | undefined = live.find((v) => v.name === digest);
    if (!version) {
      version = ctx.state.addVersion(pkg, { name: digest });
      version.manifest = stored;
    }
    if (!byDigest) {
      for (const other of ctx.state.listVersions(pkg)) other.tags = other.tags.filter((t) => t !== reference);
      version.tags.push(reference);
      version.updatedAt = ctx.state.now();
    }
    const headers: Record<string, string | number> = {
      location: `/v2/${r.repository}/manifests/${digest}`,
      'docker-content-digest': digest,
      'content-length': 0,
      ...DISTRIBUTION,
    };
    if (body.subject?.digest) headers['oci-subject'] = body.subject.digest;
    return { status: 201, headers };
  }

  /** `org.opencontainers.image.source` from the manifest's annotations or its config's labels, when the owner has that repository. */
  private sourceRepository(r: RegistryRequest, body: ManifestBody): string | undefined {
    let url = body.annotations?.['org.opencontainers.image.source'];
    const config = body.config?.digest ? r.ctx.state.blobs.get(body.config.digest) : undefined;
    if (!url && config) {
      try {
        const parsed = JSON.parse(config.body.toString('utf8')) as { config?: { Labels?: Record<string, string> } };
        url = parsed.config?.Labels?.['org.opencontainers.image.source'];
      } catch {
        /* not JSON: no label */
      }
    }
    const m = /github\.com\/([^/]+)\/([^/#?]+?)(?:\.git)?\/?$/.exec(url ?? '');
    const repo = m ? r.ctx.state.repo(`${m[1]}/${m[2]}`) : undefined;
    // GitHub links a package only to a repository of the same owner.
    return repo && repo.owner.toLowerCase() === r.owner ? `${repo.owner}/${repo.name}` : undefined;
  }

  /** `GET …/referrers/DIGEST[?artifactType=]`: an index of the manifests whose `subject` is DIGEST. */
  referrers(r: RegistryRequest, digest: string): Reply {
    const wanted = r.ctx.query.get('artifactType');
    const manifests = [];
    for (const v of r.ctx.state.listVersions(r.pkg!)) {
      if (!v.manifest) continue;
      let body: ManifestBody;
      try {
        body = JSON.parse(v.manifest.body.toString('utf8')) as ManifestBody;
      } catch {
        continue;
      }
      if (body.subject?.digest !== digest) continue;
      const artifactType = body.artifactType ?? body.config?.mediaType;
      if (wanted && artifactType !== wanted) continue;
      manifests.push({
        mediaType: v.manifest.mediaType,
        digest: v.manifest.digest,
        size: v.manifest.body.length,
        artifactType,
        annotations: body.annotations,
      });
    }
    const headers = { 'content-type': MEDIA.ociIndex, ...(wanted ? { 'oci-filters-applied': 'artifactType' } : {}) };
    return json(200, { schemaVersion: 2, mediaType: MEDIA.ociIndex, manifests }, headers);
  }
}
