import { hasScope, json, parseJson, type Ctx, type Reply } from './http';
import { integrity, type PackageRecord, type VersionRecord } from './state';

/** npm registry protocol at /_registry/npm/ (the GHES path form of npm.pkg.github.com). */
export const NPM_PREFIX = '/_registry/npm/';
const ABBREVIATED = 'application/vnd.npm.install-v1+json';

const npmError = (status: number, error: string, headers: Record<string, string> = {}) => json(status, { error }, headers);

/** `@scope/name` from the path forms npm uses: `@scope%2fname`, `@scope/name`. */
function splitPath(rest: string): { scope: string; name: string; tail: string[] } | undefined {
  const parts = rest.split('/').map((p) => decodeURIComponent(p));
  const joined = parts.join('/');
  const m = /^@([^/]+)\/([^/]+)(?:\/(.*))?$/.exec(joined);
  if (!m) return undefined;
  return { scope: m[1], name: m[2], tail: m[3] ? m[3].split('/') : [] };
}

function distTags(ctx: Ctx, pkg: PackageRecord, live: VersionRecord[]): Record<string, string> {
  const names = new Set(live.map((v) => v.name));
  const tags: Record<string, string> = {};
  for (const v of live) for (const t of v.tags) if (!tags[t]) tags[t] = v.name;
  if (!tags.latest || !names.has(tags.latest)) {
    if (live.length) tags.latest = live[0].name;
  }
  void ctx;
  void pkg;
  return tags;
}

function canRead(ctx: Ctx, pkg: PackageRecord): boolean {
  if (ctx.state.effectiveVisibility(pkg) === 'public') return true;
  return canWrite(ctx, pkg.owner);
}

function canWrite(ctx: Ctx, ownerLogin: string): boolean {
  const owner = ctx.state.account(ownerLogin);
  const login = ctx.token?.user.toLowerCase();
  if (!owner || !login) return false;
  return owner.kind === 'User' ? owner.login.toLowerCase() === login : owner.members.has(login);
}

function tarballName(name: string, version: string): string {
  return `${name}-${version}.tgz`;
}

function packument(ctx: Ctx, pkg: PackageRecord, abbreviated: boolean): Reply {
  const { state } = ctx;
  const live = state.listVersions(pkg);
  const scoped = `@${pkg.owner.toLowerCase()}/${pkg.name}`;
  const base = `${ctx.api}${NPM_PREFIX}${scoped}/-/`;
  const versions: Record<string, unknown> = {};
  const time: Record<string, string> = { created: pkg.createdAt.toISOString(), modified: pkg.updatedAt.toISOString() };
  for (const v of [...live].reverse()) {
    const payload = state.npmPayload(pkg, v);
    const dist = { ...integrity(payload.tarball), tarball: base + tarballName(pkg.name, v.name) };
    const m = payload.manifest;
    versions[v.name] = abbreviated
      ? {
          name: scoped,
          version: v.name,
          dist,
          dependencies: m.dependencies,
          devDependencies: m.devDependencies,
          peerDependencies: m.peerDependencies,
          optionalDependencies: m.optionalDependencies,
          bin: m.bin,
          engines: m.engines,
        }
      : { ...m, name: scoped, version: v.name, _id: `${scoped}@${v.name}`, dist };
    time[v.name] = v.createdAt.toISOString();
  }
  const tags = distTags(ctx, pkg, live);
  const body = abbreviated
    ? { name: scoped, modified: pkg.updatedAt.toISOString(), 'dist-tags': tags, versions }
    : {
        _id: scoped,
        name: scoped,
        description: live[0] ? state.npmPayload(pkg, live[0]).manifest.description : undefined,
        'dist-tags': tags,
        versions,
        time,
      };
  return {
    status: 200,
    headers: { 'content-type': abbreviated ? ABBREVIATED : 'application/json' },
    body: Buffer.from(JSON.stringify(body)),
  };
}

function repositoryOf(manifest: Record<string, unknown>): string | undefined {
  const r = manifest.repository;
  const url = typeof r === 'string' ? r : r && typeof r === 'object' ? String((r as { url?: unknown }).url ?? '') : '';
  const m = /github\.com[/:]([^/]+)\/([^/#?]+?)(?:\.git)?(?:[#?].*)?$/.exec(url) ?? /^(?:github:)?([^/:]+)\/([^/]+)$/.exec(url);
  return m ? `${m[1]}/${m[2]}` : undefined;
}

function publish(ctx: Ctx, scope: string, name: string): Reply {
  const { state } = ctx;
  const token = ctx.token!;
  const owner = state.account(scope);
  if (!owner || !hasScope(token, 'write:packages') || !canWrite(ctx, scope)) {
    return npmError(403, `Permission permission_denied: The token provided does not have write access to the ${scope} namespace.`);
  }
  const doc = parseJson(ctx.body) as
    | {
        versions?: Record<string, Record<string, unknown>>;
        'dist-tags'?: Record<string, string>;
        _attachments?: Record<string, { data?: string }>;
      }
    | undefined;
  const [versionName, manifest] = Object.entries(doc?.versions ?? {})[0] ?? [];
  const attachment = Object.values(doc?._attachments ?? {})[0];
  if (!versionName || !manifest || !attachment?.data)
    return npmError(400, 'Invalid package: a version and its tarball attachment are required.');
  let pkg = state.findPackage(owner.login, 'npm', name);
  if (pkg && state.listVersions(pkg).some((v) => v.name === versionName)) return npmError(409, 'Cannot publish over existing version');
  const linked = repositoryOf(manifest);
  const repo = linked ? state.repo(linked) : undefined;
  if (!pkg)
    pkg = state.addPackage({
      owner: owner.login,
      type: 'npm',
      name,
      visibility: 'private',
      repository: repo ? `${repo.owner}/${repo.name}` : undefined,
    });
  else if (repo && !pkg.repository) pkg.repository = `${repo.owner}/${repo.name}`;
  const tags = Object.entries(doc?.['dist-tags'] ?? { latest: versionName })
    .filter(([, v]) => v === versionName)
    .map(([t]) => t);
  for (const other of state.listVersions(pkg)) other.tags = other.tags.filter((t) => !tags.includes(t));
  const clean = { ...manifest };
  delete clean.dist;
  const version = state.addVersion(pkg, {
    name: versionName,
    tags,
    description: typeof manifest.description === 'string' ? manifest.description : undefined,
    license: typeof manifest.license === 'string' ? manifest.license : undefined,
  });
  version.npm = { manifest: clean, tarball: Buffer.from(attachment.data, 'base64') };
  return json(200, { ok: true, id: `@${scope}/${name}`, rev: `${version.id}` });
}

export function handleNpm(ctx: Ctx): Reply {
  const rest = ctx.rawPath.slice(NPM_PREFIX.length);
  if (!ctx.token) {
    return npmError(401, ctx.badCredentials ? 'Bad credentials' : 'authentication token not provided', {
      'www-authenticate': 'Basic realm="GitHub Package Registry"',
    });
  }
  if (rest === '-/whoami') return json(200, { username: ctx.token.user });
  if (rest === '-/ping') return json(200, {});
  const distTagPath = /^-\/package\/(.+)\/dist-tags$/.exec(rest);
  const target = splitPath(distTagPath ? distTagPath[1] : rest);
  if (!target) return npmError(404, 'Not found');
  const { state } = ctx;
  if (ctx.method === 'PUT' && !distTagPath && target.tail.length === 0) return publish(ctx, target.scope, target.name);
  if (!hasScope(ctx.token, 'read:packages')) return npmError(403, 'Permission permission_denied: read:packages scope required');
  const pkg = state.findPackage(target.scope, 'npm', target.name);
  if (!pkg || !canRead(ctx, pkg)) return npmError(404, 'Not found');
  if (ctx.method !== 'GET' && ctx.method !== 'HEAD') return npmError(405, 'Method not allowed');
  if (distTagPath) return json(200, distTags(ctx, pkg, state.listVersions(pkg)));
  if (target.tail.length === 0) return packument(ctx, pkg, (ctx.req.headers.accept ?? '').includes(ABBREVIATED));
  if (target.tail.length === 2 && target.tail[0] === '-') {
    const version = state.listVersions(pkg).find((v) => tarballName(pkg.name, v.name) === target.tail[1]);
    if (!version) return npmError(404, 'Not found');
    version.downloads++;
    return { status: 200, headers: { 'content-type': 'application/octet-stream' }, body: state.npmPayload(pkg, version).tarball };
  }
  return npmError(404, 'Not found');
}
