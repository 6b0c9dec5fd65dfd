import { hasScope, type Ctx } from './http';
import type { Account, PackageRecord, VersionRecord } from './state';
import type { PackageType } from './types';

/** Access and publish rules shared by the Maven, NuGet, RubyGems and container registries. */

export interface Refusal {
  status: 401 | 403 | 404 | 409;
  message: string;
}
export const isRefusal = (x: unknown): x is Refusal => !!x && typeof x === 'object' && 'status' in x && 'message' in x;

/** Whether the token's user may publish under this account: the user itself, or a member of the organization. */
export function mayWrite(ctx: Ctx, owner: Account | undefined): boolean {
  const login = ctx.token?.user.toLowerCase();
  if (!owner || !login) return false;
  return owner.kind === 'User' ? owner.login.toLowerCase() === login : owner.members.has(login);
}

/** Reads need `read:packages` (write implies it); private packages only for those who may write to the owner. */
export function mayRead(ctx: Ctx, pkg: PackageRecord): boolean {
  if (!ctx.token || !hasScope(ctx.token, 'read:packages')) return false;
  return ctx.state.effectiveVisibility(pkg) === 'public' || mayWrite(ctx, ctx.state.account(pkg.owner));
}

/** The registries answer 401 without a token, even for public packages (containers aside). */
export function readRefusal(ctx: Ctx, pkg: PackageRecord | undefined): Refusal | undefined {
  if (!ctx.token) return { status: 401, message: ctx.badCredentials ? 'Bad credentials' : 'authentication required' };
  if (!hasScope(ctx.token, 'read:packages'))
    return { status: 403, message: 'permission_denied: read_package (the token needs the read:packages scope)' };
  if (!pkg || !mayRead(ctx, pkg)) return { status: 404, message: 'package not found' };
  return undefined;
}

export interface PublishTarget {
  owner: Account;
  pkg?: PackageRecord;
}

/**
 * What GitHub checks before accepting a version: a token (401), `write:packages` (403), write access to the owner's
 * namespace (403), a version not already published (409, unless `version` is undefined) and, for repository-scoped packages, the same repository.
 */
export function checkPublish(
  ctx: Ctx,
  ownerLogin: string,
  type: PackageType,
  name: string,
  version: string | undefined,
  repository?: string,
): PublishTarget | Refusal {
  if (!ctx.token) return { status: 401, message: ctx.badCredentials ? 'Bad credentials' : 'authentication required' };
  if (!hasScope(ctx.token, 'write:packages'))
    return { status: 403, message: 'permission_denied: write_package (the token needs the write:packages scope)' };
  const owner = ctx.state.account(ownerLogin);
  if (!mayWrite(ctx, owner))
    return { status: 403, message: `permission_denied: ${ctx.token.user} may not publish to the ${ownerLogin} namespace` };
  const pkg = ctx.state.findPackage(owner!.login, type, name);
  if (pkg && version !== undefined && ctx.state.listVersions(pkg).some((v) => v.name === version)) {
    return { status: 409, message: `${name} ${version} already exists; versions cannot be published twice` };
  }
  // Unverified wording: a Maven package belongs to the repository it was first published from.
  if (pkg?.repository && repository && pkg.repository.toLowerCase() !== repository.toLowerCase()) {
    return { status: 409, message: `${name} belongs to the repository ${pkg.repository}, not ${repository}` };
  }
  return { owner: owner!, pkg };
}

/** What a registry read from an upload, kept with the version. */
export interface StoredDetails {
  repository?: string;
  tags?: string[];
  description?: string;
  files?: Map<string, Buffer>;
  published?: unknown;
}

/** Store a published version (creating the package, private, on first publish) and link its repository if known. */
export function storeVersion(
  ctx: Ctx,
  target: PublishTarget,
  type: PackageType,
  name: string,
  version: string,
  opts: StoredDetails = {},
): VersionRecord {
  const { state } = ctx;
  const repo = opts.repository ? state.repo(opts.repository) : undefined;
  const linked = repo ? `${repo.owner}/${repo.name}` : undefined;
  let pkg = target.pkg;
  if (!pkg) pkg = state.addPackage({ owner: target.owner.login, type, name, visibility: 'private', repository: linked });
  else if (linked && !pkg.repository) pkg.repository = linked;
  const v = state.addVersion(pkg, { name: version, tags: opts.tags, description: opts.description });
  v.files = opts.files ?? new Map();
  v.published = opts.published;
  return v;
}

/** `https://github.com/OWNER/REPO(.git)`, `git@github.com:OWNER/REPO`, `ssh://…` → `OWNER/REPO`. */
export function repositoryFromUrl(url: string | undefined): string | undefined {
  const m = /github\.com[/:]([^/\s]+)\/([^/#?\s]+?)(?:\.git)?\/?(?:[#?].*)?$/.exec(url ?? '');
  return m ? `${m[1]}/${m[2]}` : undefined;
}
