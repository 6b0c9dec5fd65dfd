import { randomBytes } from 'node:crypto';
import { hasScope, json, type Ctx, type Reply } from './http';
import type { PackageRecord, TokenRecord } from './state';

/** OCI distribution subset (ghcr.io): /token, /v2/, manifests, tags and blobs. */

interface RegistryGrant { token?: TokenRecord; scope: string }

const ociError = (status: number, code: string, message: string, headers: Record<string, string> = {}) => json(status, { errors: [{ code, message }] }, headers);

export class ContainerRegistry {
  private readonly grants = new Map<string, RegistryGrant>();

  clear(): void { this.grants.clear(); }

  handle(ctx: Ctx, host: string): Reply {
    if (ctx.rawPath === '/token') return this.issueToken(ctx);
    const challenge = (scope?: string) => ({
      'www-authenticate': `Bearer realm="${ctx.api}/token",service="${host}"${scope ? `,scope="${scope}"` : ''}`,
      'docker-distribution-api-version': 'registry/2.0',
    });
    const auth = ctx.req.headers.authorization ?? '';
    const grant = auth.toLowerCase().startsWith('bearer ') ? this.grants.get(auth.slice(7).trim()) : undefined;
    if (ctx.rawPath === '/v2/' || ctx.rawPath === '/v2') {
      return grant ? json(200, {}, { 'docker-distribution-api-version': 'registry/2.0' }) : ociError(401, 'UNAUTHORIZED', 'authentication required', challenge());
    }
    const m = /^\/v2\/(.+)\/(manifests|tags|blobs)\/(.+)$/.exec(ctx.rawPath);
    if (!m) return ociError(404, 'NOT_FOUND', 'not found');
    const [owner, ...image] = decodeURIComponent(m[1]).split('/');
    const name = image.join('/');
    const scope = `repository:${owner}/${name}:pull`;
    if (!grant) return ociError(401, 'UNAUTHORIZED', 'authentication required', challenge(scope));
    const pkg = ctx.state.findPackage(owner, 'container', name);
    if (!pkg) return ociError(404, 'NAME_UNKNOWN', 'repository name not known to registry');
    if (!this.mayPull(ctx, grant, pkg)) return ociError(403, 'DENIED', 'requested access to the resource is denied');
    const head = ctx.method === 'HEAD';
    if (m[2] === 'tags' && m[3] === 'list') {
      return json(200, { name: `${owner}/${name}`.toLowerCase(), tags: ctx.state.listVersions(pkg).flatMap((v) => v.tags).sort() });
    }
    if (m[2] === 'blobs') {
      const blob = ctx.state.blobs.get(m[3]);
      if (!blob) return ociError(404, 'BLOB_UNKNOWN', 'blob unknown to registry');
      return { status: 200, headers: { 'content-type': 'application/octet-stream', 'docker-content-digest': blob.digest, 'content-length': blob.body.length }, body: head ? undefined : blob.body };
    }
    const version = ctx.state.manifest(pkg, decodeURIComponent(m[3]));
    if (!version?.manifest) return ociError(404, 'MANIFEST_UNKNOWN', 'manifest unknown');
    const manifest = version.manifest;
    if (!head && version.tags.length) version.downloads++;
    return {
      status: 200,
      headers: { 'content-type': manifest.mediaType, 'docker-content-digest': manifest.digest, 'content-length': manifest.body.length, 'docker-distribution-api-version': 'registry/2.0' },
      body: head ? undefined : manifest.body,
    };
  }

  private mayPull(ctx: Ctx, grant: RegistryGrant, pkg: PackageRecord): boolean {
    if (ctx.state.effectiveVisibility(pkg) === 'public') return true;
    const token = grant.token;
    if (!token || !hasScope(token, 'read:packages')) return false;
    const owner = ctx.state.account(pkg.owner)!;
    const login = token.user.toLowerCase();
    return owner.kind === 'User' ? owner.login.toLowerCase() === login : owner.members.has(login);
  }

  /** GET /token?scope=repository:OWNER/IMAGE:pull — Basic user:TOKEN, or anonymous for public images. */
  private issueToken(ctx: Ctx): Reply {
    if (ctx.badCredentials) return ociError(401, 'UNAUTHORIZED', 'authentication required');
    const value = 'gplocal_reg_' + randomBytes(12).toString('hex');
    this.grants.set(value, { token: ctx.token, scope: ctx.query.get('scope') ?? '' });
    return json(200, { token: value });
  }
}
