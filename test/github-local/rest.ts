import { apiError, hasScope, json, parseJson, type Ctx, type Reply } from './http';
import { fullRepo, fullUser, orgFull, orgSimple, packageJson, versionJson } from './representations';
import type { Account, PackageRecord, ServerState, VersionRecord } from './state';
import { PACKAGE_TYPES, type PackageType } from './types';

const PKG_DOCS = 'https://docs.github.com/rest/packages/packages';
export const SAML_MESSAGE =
  'Resource protected by organization SAML enforcement. You must grant your Personal Access token access to this organization.';
export const MESSAGES = {
  lastVersion: 'You cannot delete the last version of a package. You must delete the package instead.',
  lastTaggedVersion: 'You cannot delete the last tagged version of a package. You must delete the package instead.',
  popularVersion:
    'Publicly visible package versions with more than 5000 downloads cannot be deleted. Contact GitHub support for further assistance.',
  popularPackage:
    'Publicly visible packages with more than 5000 downloads cannot be deleted. Contact GitHub support for further assistance.',
  pageLimit: 'The value of `per_page` multiplied by `page` cannot be greater than 10000.',
  packageNotFound: 'Package not found.',
  versionNotFound: 'Package version not found.',
} as const;

type Relation = 'self' | 'admin' | 'member' | 'none';
interface OwnerScope {
  account: Account;
  relation: Relation;
  prefix: string;
}

function relation(ctx: Ctx, account: Account): Relation {
  const login = ctx.token?.user.toLowerCase();
  if (!login) return 'none';
  if (account.kind === 'User') return account.login.toLowerCase() === login ? 'self' : 'none';
  return account.members.get(login) ?? 'none';
}

function samlBlocked(ctx: Ctx, account: Account): Reply | undefined {
  if (account.kind !== 'Organization' || !account.samlEnforced || !ctx.token) return undefined;
  if (!account.members.has(ctx.token.user.toLowerCase()) || ctx.token.ssoAuthorized.has(account.login.toLowerCase())) return undefined;
  const sso = `required; url=https://github.com/orgs/${account.login}/sso?authorization_request=${ctx.requestId.replace(/:/g, '')}`;
  return apiError(403, SAML_MESSAGE, 'https://docs.github.com/articles/authenticating-to-a-github-organization-with-saml-single-sign-on/', {
    'x-github-sso': sso,
  });
}

/**
 * One page of `items` as JSON, paged as GitHub does it: per_page capped at 100, page*per_page over 10000 refused, Link
 * header (besides `headers`).
 */
function pagedJson<T>(ctx: Ctx, items: T[], toJson: (item: T) => unknown, headers: Record<string, string> = {}): Reply {
  const perPageRaw = Number.parseInt(ctx.query.get('per_page') ?? '', 10);
  const pageRaw = Number.parseInt(ctx.query.get('page') ?? '', 10);
  const perPage = Math.min(100, perPageRaw > 0 ? perPageRaw : 30);
  const page = pageRaw > 0 ? pageRaw : 1;
  if (page * perPage > 10000) return apiError(400, MESSAGES.pageLimit, `${PKG_DOCS}#list-packages-for-an-organization`);
  const last = Math.max(1, Math.ceil(items.length / perPage));
  const link = (n: number) => {
    const q = new URLSearchParams(ctx.query);
    q.set('per_page', String(perPage));
    q.set('page', String(n));
    return `<${ctx.api}${ctx.rawPath}?${q.toString()}>`;
  };
  const rels: string[] = [];
  if (page > 1) rels.push(`${link(Math.min(page - 1, last))}; rel="prev"`);
  if (page < last) rels.push(`${link(page + 1)}; rel="next"`, `${link(last)}; rel="last"`);
  if (page > 1) rels.push(`${link(1)}; rel="first"`);
  const pageItems = items.slice((page - 1) * perPage, page * perPage);
  return json(200, pageItems.map(toJson), { ...headers, ...(rels.length ? { link: rels.join(', ') } : {}) });
}

function needScopes(ctx: Ctx, scopes: string[], message: string): Reply | undefined {
  if (scopes.every((s) => hasScope(ctx.token!, s))) return undefined;
  return apiError(403, message, PKG_DOCS);
}

function resolveOwner(ctx: Ctx, seg: string[]): { owner: OwnerScope; rest: string[] } | Reply | undefined {
  if (seg[0] === 'user') {
    if (!ctx.token) return apiError(401, 'Requires authentication', DOCS_AUTH);
    const account = ctx.state.account(ctx.token.user)!;
    return { owner: { account, relation: 'self', prefix: 'user' }, rest: seg.slice(1) };
  }
  if ((seg[0] === 'users' || seg[0] === 'orgs') && seg.length >= 2) {
    const account = ctx.state.account(seg[1]);
    const wanted = seg[0] === 'orgs' ? 'Organization' : 'User';
    if (!ctx.token) return apiError(401, 'Requires authentication', DOCS_AUTH);
    if (!account || account.kind !== wanted) return apiError(404, 'Not Found', PKG_DOCS);
    return { owner: { account, relation: relation(ctx, account), prefix: seg[0] }, rest: seg.slice(2) };
  }
  return undefined;
}
const DOCS_AUTH = 'https://docs.github.com/rest';

function packageType(value: string | null): PackageType | undefined {
  return PACKAGE_TYPES.includes(value as PackageType) ? (value as PackageType) : undefined;
}

function visibleTo(ctx: Ctx, owner: OwnerScope, pkg: PackageRecord): boolean {
  return owner.relation !== 'none' || ctx.state.effectiveVisibility(pkg) === 'public';
}

function packagesRoute(ctx: Ctx, owner: OwnerScope, rest: string[]): Reply | undefined {
  const { state, method } = ctx;
  const saml = samlBlocked(ctx, owner.account);
  if (rest.length === 2 && rest[0] === 'docker' && rest[1] === 'conflicts' && method === 'GET') {
    return saml ?? needScopes(ctx, ['read:packages'], 'You need at least read:packages scope to list packages.') ?? json(200, []);
  }
  if (rest[0] !== 'packages') return undefined;
  if (rest.length === 1) {
    if (method !== 'GET') return undefined;
    const denied = needScopes(ctx, ['read:packages'], 'You need at least read:packages scope to list packages.');
    if (denied) return denied;
    if (saml) return saml;
    const type = packageType(ctx.query.get('package_type'));
    if (!type) return apiError(400, 'Invalid argument.', `${PKG_DOCS}#list-packages-for-the-authenticated-users-namespace`);
    const visibility = ctx.query.get('visibility');
    if (visibility && !['public', 'private', 'internal'].includes(visibility)) return apiError(400, 'Invalid argument.', PKG_DOCS);
    const wanted = visibility === 'internal' ? 'private' : visibility;
    const list = state
      .listPackages(owner.account.login, type)
      .filter((p) => visibleTo(ctx, owner, p))
      .filter((p) => !wanted || state.effectiveVisibility(p) === wanted);
    return pagedJson(ctx, list, (p) => packageJson(ctx.api, state, p));
  }
  const type = packageType(rest[1]);
  const name = rest[2];
  if (!type || name === undefined) return rest.length >= 3 ? apiError(404, 'Not Found', PKG_DOCS) : undefined;
  const tail = rest.slice(3);
  const isRestore = method === 'POST' && (tail.length === 1 || tail.length === 3) && tail[tail.length - 1] === 'restore';
  const isDelete = method === 'DELETE';
  const known =
    (tail.length === 0 && (method === 'GET' || isDelete)) ||
    (tail.length === 1 && isRestore) ||
    (tail.length === 1 && tail[0] === 'versions' && method === 'GET') ||
    (tail.length === 2 && tail[0] === 'versions' && (method === 'GET' || isDelete)) ||
    (tail.length === 3 && tail[0] === 'versions' && isRestore);
  if (!known) return undefined;
  const scopes = isDelete ? ['read:packages', 'delete:packages'] : isRestore ? ['read:packages', 'write:packages'] : ['read:packages'];
  const denied = needScopes(
    ctx,
    scopes,
    isDelete
      ? 'You need the delete:packages and read:packages scopes to delete packages.'
      : isRestore
        ? 'You need the write:packages and read:packages scopes to restore packages.'
        : 'You need at least read:packages scope to view packages.',
  );
  if (denied) return { ...denied, headers: { ...denied.headers, 'x-accepted-oauth-scopes': scopes.join(', ') } };
  if (saml) return saml;

  if (tail.length === 1 && isRestore) return restorePackage(ctx, owner, type, name);
  const pkg = state.findPackage(owner.account.login, type, name);
  if (!pkg || !visibleTo(ctx, owner, pkg)) return apiError(404, MESSAGES.packageNotFound, PKG_DOCS);
  const admin = owner.relation === 'self' || owner.relation === 'admin';
  if (tail.length === 0) {
    if (method === 'GET') return json(200, packageJson(ctx.api, state, pkg));
    if (!admin) return apiError(403, 'You do not have admin permission on this package.', PKG_DOCS);
    if (state.effectiveVisibility(pkg) === 'public' && state.listVersions(pkg, 'all').some((v) => v.downloads > 5000))
      return apiError(400, MESSAGES.popularPackage, PKG_DOCS);
    state.deletePackage(pkg);
    return { status: 204 };
  }
  if (tail.length === 1) {
    const stateParam = ctx.query.get('state') ?? 'active';
    if (stateParam !== 'active' && stateParam !== 'deleted') return apiError(400, 'Invalid argument.', PKG_DOCS);
    return pagedJson(ctx, state.listVersions(pkg, stateParam), (v) => versionJson(ctx.api, state, v));
  }
  const id = Number(tail[1]);
  const version = Number.isInteger(id) ? state.version(id) : undefined;
  if (!version || version.packageId !== pkg.id || (version.deletedAt && !state.restorable(version.deletedAt)))
    return apiError(404, MESSAGES.versionNotFound, PKG_DOCS);
  if (method === 'GET') return json(200, versionJson(ctx.api, state, version));
  if (!admin) return apiError(403, 'You do not have admin permission on this package.', PKG_DOCS);
  if (isDelete) {
    if (version.deletedAt) return apiError(404, MESSAGES.versionNotFound, PKG_DOCS);
    const refusal = versionDeleteRefusal(state, pkg, version);
    if (refusal) return apiError(400, refusal, PKG_DOCS);
    state.deleteVersion(version);
    return { status: 204 };
  }
  if (!version.deletedAt) return apiError(404, MESSAGES.versionNotFound, PKG_DOCS);
  // Unverified wording: GitHub refuses to restore a version whose name was published again since.
  if (state.listVersions(pkg).some((v) => v.name === version.name))
    return apiError(400, `A version named ${version.name} was published after this one was deleted, so it cannot be restored.`, PKG_DOCS);
  state.restoreVersion(version);
  return { status: 204 };
}

/** GitHub's refusals to delete a version, shared by REST and GraphQL. */
export function versionDeleteRefusal(state: ServerState, pkg: PackageRecord, version: VersionRecord): string | undefined {
  const live = state.listVersions(pkg);
  if (live.length <= 1) return MESSAGES.lastVersion;
  if (pkg.type === 'container' && version.tags.length && !live.some((v) => v !== version && v.tags.length))
    return MESSAGES.lastTaggedVersion;
  if (state.effectiveVisibility(pkg) === 'public' && version.downloads > 5000) return MESSAGES.popularVersion;
  return undefined;
}

function restorePackage(ctx: Ctx, owner: OwnerScope, type: PackageType, name: string): Reply {
  const { state } = ctx;
  if (owner.relation !== 'self' && owner.relation !== 'admin') return apiError(404, MESSAGES.packageNotFound, PKG_DOCS);
  const deleted = state.findDeletedPackage(owner.account.login, type, name);
  if (!deleted) return apiError(404, MESSAGES.packageNotFound, PKG_DOCS);
  // Unverified wording: the namespace was reused by a new package since the deletion.
  if (state.findPackage(owner.account.login, type, name))
    return apiError(400, `A package named ${name} was published after this one was deleted, so it cannot be restored.`, PKG_DOCS);
  state.restorePackage(deleted);
  return { status: 204 };
}

function accountRoutes(ctx: Ctx, seg: string[]): Reply | undefined {
  const { state, method } = ctx;
  if (method === 'GET' && seg.length === 1 && seg[0] === 'user') {
    if (!ctx.token) return apiError(401, 'Requires authentication', 'https://docs.github.com/rest/users/users#get-the-authenticated-user');
    return json(200, fullUser(ctx.api, state.account(ctx.token.user)!, true));
  }
  if (method === 'GET' && seg.length === 2 && seg[0] === 'user' && seg[1] === 'orgs') {
    if (!ctx.token)
      return apiError(
        401,
        'Requires authentication',
        'https://docs.github.com/rest/orgs/orgs#list-organizations-for-the-authenticated-user',
      );
    // GitHub answers 200 here even without read:org, listing only the organizations the token may
    // "operate on" — in practice those where the membership is public. So: a partial list, never 403.
    const login = ctx.token.user.toLowerCase();
    const full = hasScope(ctx.token, 'read:org') || hasScope(ctx.token, 'user');
    const orgs = [...state.accounts.values()].filter(
      (a) => a.kind === 'Organization' && a.members.has(login) && (full || a.publicMembers.has(login)),
    );
    return pagedJson(ctx, orgs, (o) => orgSimple(ctx.api, o), {
      'x-accepted-oauth-scopes': 'admin:org, read:org, repo, user, write:org',
    });
  }
  if (method === 'GET' && seg.length === 2 && seg[0] === 'users') {
    const account = state.account(seg[1]);
    if (!account) return apiError(404, 'Not Found', 'https://docs.github.com/rest/users/users#get-a-user');
    return json(200, fullUser(ctx.api, account, account.login.toLowerCase() === ctx.token?.user.toLowerCase()));
  }
  if (method === 'GET' && seg.length === 2 && seg[0] === 'orgs') {
    const account = state.account(seg[1]);
    if (!account || account.kind !== 'Organization')
      return apiError(404, 'Not Found', 'https://docs.github.com/rest/orgs/orgs#get-an-organization');
    return json(200, orgFull(ctx.api, account));
  }
  if (seg.length === 3 && seg[0] === 'repos' && (method === 'GET' || method === 'PATCH')) return repoRoute(ctx, seg[1], seg[2]);
  return undefined;
}

function repoRoute(ctx: Ctx, ownerLogin: string, name: string): Reply {
  const { state } = ctx;
  const docs = 'https://docs.github.com/rest/repos/repos#get-a-repository';
  const repo = state.repo(`${ownerLogin}/${name}`);
  const owner = repo ? state.account(repo.owner) : undefined;
  const rel = owner ? relation(ctx, owner) : 'none';
  if (!repo || !owner || (repo.visibility !== 'public' && rel === 'none')) return apiError(404, 'Not Found', docs);
  const saml = samlBlocked(ctx, owner);
  if (saml && repo.visibility !== 'public') return saml;
  const admin = rel === 'self' || rel === 'admin';
  if (ctx.method === 'GET') return json(200, fullRepo(ctx.api, state, repo, admin));
  if (!ctx.token) return apiError(401, 'Requires authentication', 'https://docs.github.com/rest/repos/repos#update-a-repository');
  // Classic tokens without `repo` get 404 on repository writes: GitHub hides what the token may not touch.
  if (!hasScope(ctx.token, 'repo'))
    return apiError(404, 'Not Found', 'https://docs.github.com/rest/repos/repos#update-a-repository', {
      'x-accepted-oauth-scopes': 'repo',
    });
  if (saml) return saml;
  if (!admin) return apiError(403, 'Must have admin rights to Repository.', 'https://docs.github.com/rest/repos/repos#update-a-repository');
  const body = parseJson(ctx.body) as { visibility?: unknown; private?: unknown } | undefined;
  const visibility = body?.visibility ?? (typeof body?.private === 'boolean' ? (body.private ? 'private' : 'public') : undefined);
  if (visibility !== undefined) {
    if (visibility !== 'public' && visibility !== 'private' && visibility !== 'internal') {
      return json(422, {
        message: 'Validation Failed',
        errors: [{ resource: 'Repository', code: 'invalid', field: 'visibility' }],
        documentation_url: 'https://docs.github.com/rest/repos/repos#update-a-repository',
        status: '422',
      });
    }
    if (visibility === 'internal' && owner.kind !== 'Organization') {
      return json(422, {
        message: 'Validation Failed',
        errors: [
          {
            resource: 'Repository',
            code: 'custom',
            field: 'visibility',
            message: 'visibility can only be internal for organization-owned repositories',
          },
        ],
        documentation_url: 'https://docs.github.com/rest/repos/repos#update-a-repository',
        status: '422',
      });
    }
    state.setRepoVisibility(`${repo.owner}/${repo.name}`, visibility);
  }
  return json(200, fullRepo(ctx.api, state, repo, admin));
}

/** Every REST path of the stand-in: the 27 packages operations, accounts and repositories. */
export function handleRest(ctx: Ctx): Reply {
  const seg = ctx.rawPath
    .split('/')
    .slice(1)
    .map((s) => {
      try {
        return decodeURIComponent(s);
      } catch {
        return s;
      }
    });
  if (seg[seg.length - 1] === '' && seg.length > 1) seg.pop();
  const accountReply = accountRoutes(ctx, seg);
  if (accountReply) return accountReply;
  const owner = resolveOwner(ctx, seg);
  if (owner && 'status' in owner) return owner;
  if (owner) {
    const reply = packagesRoute(ctx, owner.owner, owner.rest);
    if (reply) return reply;
  }
  return apiError(404, 'Not Found', DOCS_AUTH);
}
