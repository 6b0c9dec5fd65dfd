import { randomBytes } from 'node:crypto';
import { ContainerPush } from './container-push';
import { hasScope, json, type Ctx, type Reply } from './http';
import { mayWrite } from './publishing';
import type { PackageRecord, TokenRecord } from './state';

/** OCI distribution (ghcr.io): /token, /v2/, pulls here, pushes and referrers in container-push.ts. */

export interface RegistryGrant {
  token?: TokenRecord;
  /** lowercase repository → actions the token was asked for */ scopes: Map<string, Set<string>>;
}

export const ociError = (status: number, code: string, message: string, headers: Record<string, string> = {}) =>
  json(status, { errors: [{ code, message }] }, headers);
export const DISTRIBUTION = { 'docker-distribution-api-version': 'registry/2.0' };

/** What a registry request is about, once the grant is known. */
export interface RegistryRequest {
  ctx: Ctx;
  grant: RegistryGrant;
  owner: string;
  name: string;
  repository: string;
  pkg?: PackageRecord;
}

export class ContainerRegistry {
  private readonly grants = new Map<string, RegistryGrant>();
  private readonly push = new ContainerPush();

  clear(): void {
    this.grants.clear();
    this.push.clear();
  }

  handle(ctx: Ctx, host: string): Reply {
    if (ctx.rawPath === '/token') return this.issueToken(ctx);
    const challenge = (scope?: string, insufficient = false) => ({
      'www-authenticate': `Bearer realm="${ctx.api}/token",service="${host}"${scope ? `,scope="${scope}"` : ''}${insufficient ? ',error="insufficient_scope"' : ''}`,
      ...DISTRIBUTION,
    });
    const auth = ctx.req.headers.authorization ?? '';
    const grant = auth.toLowerCase().startsWith('bearer ') ? this.grants.get(auth.slice(7).trim()) : undefined;
    if (ctx.rawPath === '/v2/' || ctx.rawPath === '/v2') {
      return grant ? json(200, {}, DISTRIBUTION) : ociError(401, 'UNAUTHORIZED', 'authentication required', challenge());
    }
    const upload = /^\/v2\/(.+)\/blobs\/uploads\/(.*)$/.exec(ctx.rawPath);
    const m = upload ? undefined : /^\/v2\/(.+)\/(manifests|tags|blobs|referrers)\/(.+)$/.exec(ctx.rawPath);
    if (!upload && !m) return ociError(404, 'NOT_FOUND', 'not found');
    const repository = decodeURIComponent((upload ?? m!)[1]).toLowerCase();
    const [owner, ...image] = repository.split('/');
    const name = image.join('/');
    const writing = !!upload || (m![2] === 'manifests' && ctx.method === 'PUT');
    const scope = `repository:${repository}:${writing ? 'pull,push' : 'pull'}`;
    if (!grant) return ociError(401, 'UNAUTHORIZED', 'authentication required', challenge(scope));
    if (!grant.scopes.get(repository)?.has(writing ? 'push' : 'pull'))
      return ociError(401, 'UNAUTHORIZED', 'authentication required', challenge(scope, true));
    const pkg = ctx.state.findPackage(owner, 'container', name);
    const request: RegistryRequest = { ctx, grant, owner, name, repository, pkg };
    if (writing) {
      const refusal = pushRefusal(ctx, grant, owner, pkg);
      if (refusal) return ociError(403, 'DENIED', refusal);
      return upload ? this.push.upload(request, upload[2]) : this.push.putManifest(request, decodeURIComponent(m![3]));
    }
    if (!pkg) return ociError(404, 'NAME_UNKNOWN', 'repository name not known to registry');
    if (!mayPull(ctx, grant, pkg)) return ociError(403, 'DENIED', 'requested access to the resource is denied');
    const head = ctx.method === 'HEAD';
    if (m![2] === 'referrers') return this.push.referrers(request, decodeURIComponent(m![3]));
    if (m![2] === 'tags' && m![3] === 'list') {
      return json(200, {
        name: repository,
        tags: ctx.state
          .listVersions(pkg)
          .flatMap((v) => v.tags)
          .sort(),
      });
    }
    if (m![2] === 'blobs') {
      const blob = ctx.state.blobs.get(m![3]);
      if (!blob) return ociError(404, 'BLOB_UNKNOWN', 'blob unknown to registry');
      const headers = {
        'content-type': 'application/octet-stream',
        'docker-content-digest': blob.digest,
        'content-length': blob.body.length,
      };
      return { status: 200, headers, body: head ? undefined : blob.body };
    }
    const version = ctx.state.manifest(pkg, decodeURIComponent(m![3]));
    if (!version?.manifest) return ociError(404, 'MANIFEST_UNKNOWN', 'manifest unknown');
    const manifest = version.manifest;
    if (!head && version.tags.length) version.downloads++;
    return {
      status: 200,
      headers: {
        'content-type': manifest.mediaType,
        'docker-content-digest': manifest.digest,
        'content-length': manifest.body.length,
        ...DISTRIBUTION,
      },
      body: head ? undefined : manifest.body,
    };
  }

  /** GET /token?scope=repository:OWNER/IMAGE:pull[,push] (scope may repeat) — Basic user:TOKEN, or anonymous. */
  private issueToken(ctx: Ctx): Reply {
    // Unverified: users' reports of `denied: denied` at docker login suggest ghcr.io answers 403 DENIED here; the 401 stays
    // because the extension's registry client reads only a 401 as "sign in again" (src/github/containerRegistry.ts).
    if (ctx.badCredentials) return ociError(401, 'UNAUTHORIZED', 'authentication required');
    const scopes = new Map<string, Set<string>>();
    for (const scope of ctx.query.getAll('scope').flatMap((s) => s.split(' '))) {
      const m = /^repository:([^:]+):(.+)$/.exec(scope);
      if (m) scopes.set(m[1].toLowerCase(), new Set([...(scopes.get(m[1].toLowerCase()) ?? []), ...m[2].split(',')]));
    }
    const value = 'gplocal_reg_' + randomBytes(12).toString('hex');
    this.grants.set(value, { token: ctx.token, scopes });
    return json(200, { token: value });
  }
}

/**
 * Why GitHub refuses a push, in ghcr.io's words: a token without write:packages; an owner the user may not publish to;
 * an organization's package not linked to a repository, which (unverified: the stand-in has no per-package access
 * list) only the organization's admins may then write.
 */
function pushRefusal(ctx: Ctx, grant: RegistryGrant, owner: string, pkg: PackageRecord | undefined): string | undefined {
  const token = grant.token;
  if (!token || !hasScope(token, 'write:packages')) return 'permission_denied: The token provided does not match expected scopes.';
  const account = ctx.state.account(owner);
  if (!mayWrite({ ...ctx, token }, account)) return 'permission_denied: write_package';
  const admin = account?.members.get(token.user.toLowerCase()) === 'admin';
  if (account?.kind === 'Organization' && pkg && !pkg.repository && !admin) return 'permission_denied: write_package';
  return undefined;
}

/** Public images for anyone; private ones for tokens with read:packages whose user may write to the owner. */
export function mayPull(ctx: Ctx, grant: RegistryGrant, pkg: PackageRecord): boolean {
  if (ctx.state.effectiveVisibility(pkg) === 'public') return true;
  const token = grant.token;
  return !!token && hasScope(token, 'read:packages') && mayWrite({ ...ctx, token }, ctx.state.account(pkg.owner));
}
