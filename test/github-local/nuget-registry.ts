import { readZip } from './archives';
import { json, type Ctx, type Reply } from './http';
import { checkPublish, isRefusal, readRefusal, repositoryFromUrl, storeVersion, type Refusal } from './publishing';
import { ensureSeededNupkg } from './seeded-files';
import type { PackageRecord, VersionRecord } from './state';

/** NuGet v3 feed (nuget.pkg.github.com) at `/_registry/nuget/OWNER/index.json`: publish, flat container, registration. */
export const NUGET_PREFIX = '/_registry/nuget/';
const CHALLENGE = { 'www-authenticate': 'Basic realm="GitHub Package Registry"' };

const refuse = (r: Refusal): Reply => json(r.status, { message: r.message }, r.status === 401 ? CHALLENGE : {});

export interface Nuspec {
  id: string;
  version: string;
  description?: string;
  repositoryUrl?: string;
  dependencies: Array<{ id: string; range: string }>;
}

const attr = (tag: string, name: string) => new RegExp(`\\b${name}="([^"]*)"`).exec(tag)?.[1];

/** The fields the feed needs from the .nuspec inside a .nupkg. */
export function readNuspec(nupkg: Buffer): Nuspec {
  const entry = [...readZip(nupkg)].find(([name]) => !name.includes('/') && name.toLowerCase().endsWith('.nuspec'));
  if (!entry) throw new Error('the package has no .nuspec');
  const xml = entry[1].toString('utf8');
  const element = (name: string) => new RegExp(`<${name}>([^<]*)</${name}>`).exec(xml)?.[1]?.trim();
  const id = element('id');
  const version = element('version');
  if (!id || !version) throw new Error('the .nuspec has no id or version');
  const repository = /<repository\b[^>]*>/.exec(xml)?.[0];
  const dependencies = [...xml.matchAll(/<dependency\b[^>]*>/g)]
    .map((m) => ({ id: attr(m[0], 'id') ?? '', range: attr(m[0], 'version') ?? '' }))
    .filter((d) => d.id);
  return {
    id,
    version,
    description: element('description'),
    repositoryUrl: repository ? attr(repository, 'url') : undefined,
    dependencies,
  };
}

/** The package file in a multipart/form-data body (what `nuget push` and `dotnet nuget push` send). */
function multipartFile(ctx: Ctx): Buffer {
  const boundary = /boundary="?([^";]+)"?/.exec(String(ctx.req.headers['content-type'] ?? ''))?.[1];
  if (!boundary) return ctx.body;
  const start = ctx.body.indexOf('\r\n\r\n', ctx.body.indexOf(`--${boundary}`));
  const end = ctx.body.indexOf(`\r\n--${boundary}`, start);
  return ctx.body.subarray(start + 4, end < 0 ? undefined : end);
}

const lower = (s: string) => s.toLowerCase();
/** NuGet's normalized version, which clients put in flat-container URLs: no build metadata, at least three parts. */
function normalized(version: string): string {
  const m = /^(\d+)(?:\.(\d+))?(?:\.(\d+))?(?:\.(\d+))?(-[^+]+)?(?:\+.*)?$/.exec(version);
  if (!m) return version;
  const n = (p?: string) => String(Number(p ?? '0'));
  return `${n(m[1])}.${n(m[2])}.${n(m[3])}${m[4] && Number(m[4]) ? `.${n(m[4])}` : ''}${m[5] ?? ''}`;
}
const nupkgName = (v: VersionRecord) => [...(v.files?.keys() ?? [])].find((f) => f.endsWith('.nupkg'));

function findPackage(ctx: Ctx, owner: string, id: string): PackageRecord | undefined {
  return ctx.state.listPackages(owner, 'nuget').find((p) => lower(p.name) === lower(id));
}

function publish(ctx: Ctx, owner: string): Reply {
  let spec: Nuspec;
  const file = multipartFile(ctx);
  try {
    spec = readNuspec(file);
  } catch (e) {
    return json(400, { message: `Invalid package: ${(e as Error).message}` });
  }
  spec.version = normalized(spec.version);
  const name = findPackage(ctx, owner, spec.id)?.name ?? spec.id;
  const target = checkPublish(ctx, owner, 'nuget', name, spec.version);
  if (isRefusal(target)) return refuse(target);
  const files = new Map([[`${lower(spec.id)}.${lower(spec.version)}.nupkg`, file]]);
  storeVersion(ctx, target, 'nuget', name, spec.version, {
    repository: repositoryFromUrl(spec.repositoryUrl),
    description: spec.description,
    files,
    published: spec,
  });
  return { status: 201, headers: {}, body: undefined };
}

function serviceIndex(base: string): Reply {
  const resource = (id: string, type: string) => ({ '@id': id, '@type': type });
  return json(200, {
    version: '3.0.0',
    resources: [
      resource(`${base}/download/`, 'PackageBaseAddress/3.0.0'),
      resource(base, 'PackagePublish/2.0.0'),
      resource(`${base}/query`, 'SearchQueryService'),
      resource(`${base}/query`, 'SearchQueryService/3.0.0-beta'),
      ...['', '/3.0.0-beta', '/3.0.0-rc', '/3.4.0', '/3.6.0'].map((v) => resource(`${base}/registration/`, `RegistrationsBaseUrl${v}`)),
    ],
  });
}

function registration(base: string, pkg: PackageRecord, versions: VersionRecord[]): Reply {
  const id = lower(pkg.name);
  const items = versions.map((v) => {
    const content = `${base}/download/${id}/${lower(v.name)}/${nupkgName(v)}`;
    const deps = (v.published as Nuspec).dependencies;
    return {
      '@id': `${base}/registration/${id}/${lower(v.name)}.json`,
      packageContent: content,
      catalogEntry: {
        '@id': `${base}/registration/${id}/${lower(v.name)}.json#entry`,
        id: pkg.name,
        version: v.name,
        listed: true,
        packageContent: content,
        description: v.description ?? '',
        published: v.createdAt.toISOString(),
        dependencyGroups: deps.length ? [{ dependencies: deps.map((d) => ({ id: d.id, range: d.range })) }] : [],
      },
    };
  });
  const page = {
    '@id': `${base}/registration/${id}/index.json#page`,
    count: items.length,
    lower: versions[0]?.name,
    upper: versions[versions.length - 1]?.name,
    items,
  };
  return json(200, { '@id': `${base}/registration/${id}/index.json`, count: 1, items: [page] });
}

function read(ctx: Ctx, owner: string, path: string, base: string): Reply {
  if (path === 'index.json') return serviceIndex(base);
  const m = /^(download|registration)\/([^/]+)\/(.+)$/.exec(path);
  const query = path === 'query';
  if (!m && !query) return json(404, { message: 'Not Found' });
  if (query) {
    const q = lower(ctx.query.get('q') ?? '');
    const found = ctx.state.listPackages(owner, 'nuget').filter((p) => !readRefusal(ctx, p) && lower(p.name).includes(q));
    const data = found.map((p) => ({
      id: p.name,
      version: ctx.state.listVersions(p)[0]?.name,
      versions: ctx.state.listVersions(p).map((v) => ({ version: v.name })),
    }));
    return json(200, { totalHits: found.length, data });
  }
  const pkg = findPackage(ctx, owner, decodeURIComponent(m![2]));
  const refused = readRefusal(ctx, pkg);
  if (refused) return refused.status === 404 ? json(404, { message: 'Not Found' }) : refuse(refused);
  const versions = ctx.state
    .listVersions(pkg!)
    .reverse()
    .filter((v) => ensureSeededNupkg(pkg!, v));
  if (m![1] === 'registration') return m![3] === 'index.json' ? registration(base, pkg!, versions) : json(404, { message: 'Not Found' });
  if (m![3] === 'index.json') return json(200, { versions: versions.map((v) => lower(v.name)) });
  const [version, file] = m![3].split('/');
  const v = versions.find((x) => lower(x.name) === lower(decodeURIComponent(version ?? '')));
  const stored = v && file ? v.files!.get(lower(decodeURIComponent(file))) : undefined;
  if (!stored) return json(404, { message: 'Not Found' });
  v!.downloads++;
  return { status: 200, headers: { 'content-type': 'application/octet-stream' }, body: stored };
}

export function handleNuget(ctx: Ctx): Reply {
  const rest = ctx.rawPath.slice(NUGET_PREFIX.length);
  const [ownerSegment, ...tail] = rest.split('/');
  const owner = decodeURIComponent(ownerSegment);
  const path = tail.join('/');
  if (!owner) return json(404, { message: 'Not Found' });
  // nuget push sends the token as X-NuGet-ApiKey; restore and install send Basic credentials from nuget.config.
  const apiKey = ctx.req.headers['x-nuget-apikey'];
  if (!ctx.token && typeof apiKey === 'string' && apiKey) {
    ctx.token = ctx.state.tokens.get(apiKey);
    ctx.badCredentials = !ctx.token;
  }
  if (!ctx.token) return refuse(readRefusal(ctx, undefined)!);
  if (ctx.method === 'PUT' && (path === '' || path === 'api/v2/package')) return publish(ctx, owner);
  if (ctx.method === 'GET' || ctx.method === 'HEAD') return read(ctx, owner, path, `${ctx.api}${NUGET_PREFIX}${ownerSegment}`);
  return json(405, { message: 'Method Not Allowed' });
}
