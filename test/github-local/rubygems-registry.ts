import { createHash } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
import { readTar } from './archives';
import type { Ctx, Reply } from './http';
import { quickSpec, type GemRequirement, type GemSpecFields } from './ruby-marshal';
import { ensureSeededGem } from './seeded-files';
import { checkPublish, isRefusal, readRefusal, repositoryFromUrl, storeVersion, type Refusal } from './publishing';
import type { PackageRecord, VersionRecord } from './state';

/** RubyGems registry (rubygems.pkg.github.com) at `/_registry/rubygems/OWNER`: `gem push` and the compact index. */
export const RUBYGEMS_PREFIX = '/_registry/rubygems/';
const CHALLENGE = { 'www-authenticate': 'Basic realm="GitHub Package Registry"' };

const text = (status: number, body: string, headers: Record<string, string> = {}): Reply => ({
  status,
  headers: { 'content-type': 'text/plain; charset=utf-8', ...headers },
  body,
});
const refuse = (r: Refusal): Reply => text(r.status, r.message, r.status === 401 ? CHALLENGE : {});

export interface GemSpec extends GemSpecFields {
  githubRepo?: string;
}

const unquote = (s: string) => s.trim().replace(/^(['"])(.*)\1$/, '$2');

/** The fields the registry needs from a .gem's metadata.gz (the gemspec as YAML, in the form `gem build` writes). */
export function readGemSpec(gem: Buffer): GemSpec {
  const metadataGz = readTar(gem).get('metadata.gz');
  if (!metadataGz) throw new Error('not a gem: metadata.gz is missing');
  const yaml = gunzipSync(metadataGz).toString('utf8');
  const top = (key: string) => {
    const m = new RegExp(`^${key}:[ \\t]*(.*)$`, 'm').exec(yaml);
    return m ? unquote(m[1]) : undefined;
  };
  const name = top('name');
  const version = /^version: !ruby\/object:Gem::Version\n\s+version: (.+)$/m.exec(yaml)?.[1];
  if (!name || !version) throw new Error('the gemspec has no name or version');
  const metadataBlock = /^metadata:\n((?: {2}.*\n)*)/m.exec(yaml)?.[1] ?? '';
  const githubRepo = /^ {2}github_repo: (.+)$/m.exec(metadataBlock)?.[1];
  const dependencies: GemSpec['dependencies'] = [];
  const depsBlock = /^dependencies:\n((?:[- ].*\n)*)/m.exec(yaml)?.[1] ?? '';
  for (const dep of depsBlock.split(/^- !ruby\/object:Gem::Dependency\n/m).slice(1)) {
    if (!/^ {2}type: :runtime$/m.test(dep)) continue;
    const requirement = dep.split(/^ {2}type:/m)[0];
    const requirements: GemRequirement[] = [
      ...requirement.matchAll(/- - "?([^"\n]+)"?\n\s+- !ruby\/object:Gem::Version\n\s+version: (.+)\n/g),
    ].map((m) => ({ op: m[1], version: unquote(m[2]) }));
    dependencies.push({ name: unquote(/^ {2}name: (.+)$/m.exec(dep)?.[1] ?? ''), requirements });
  }
  const metadata: Record<string, string> = githubRepo ? { github_repo: unquote(githubRepo) } : {};
  return {
    name,
    version: unquote(version),
    platform: top('platform') ?? 'ruby',
    summary: top('summary'),
    githubRepo: metadata.github_repo,
    dependencies,
    metadata,
  };
}

const fullVersion = (spec: GemSpec) => (spec.platform === 'ruby' ? spec.version : `${spec.version}-${spec.platform}`);
const gemFile = (v: VersionRecord) => [...(v.files?.keys() ?? [])].find((f) => f.endsWith('.gem'));
/** Live versions that have a .gem (seeded ones get a generated one). */
const withGem = (ctx: Ctx, pkg: PackageRecord) => ctx.state.listVersions(pkg).filter((v) => ensureSeededGem(pkg, v));

function push(ctx: Ctx, owner: string): Reply {
  let spec: GemSpec;
  try {
    spec = readGemSpec(ctx.body);
  } catch (e) {
    return text(422, `Invalid gem: ${(e as Error).message}`);
  }
  const version = fullVersion(spec);
  const target = checkPublish(ctx, owner, 'rubygems', spec.name, version);
  if (isRefusal(target)) return refuse(target);
  const files = new Map([[`${spec.name}-${version}.gem`, ctx.body]]);
  storeVersion(ctx, target, 'rubygems', spec.name, version, {
    repository: repositoryFromUrl(spec.githubRepo),
    description: spec.summary,
    files,
    published: spec,
  });
  return text(200, `Successfully registered gem: ${spec.name} (${version})`);
}

/** `info/NAME`: one line per version, `VERSION DEP:REQ,…|checksum:SHA256`. */
function infoFile(ctx: Ctx, pkg: PackageRecord): string {
  const lines = ['---'];
  for (const v of withGem(ctx, pkg).reverse()) {
    const file = gemFile(v)!;
    const checksum = createHash('sha256').update(v.files!.get(file)!).digest('hex');
    const deps = (v.published as GemSpec).dependencies.map(
      (d) => `${d.name}:${d.requirements.map((r) => `${r.op} ${r.version}`).join('&')}`,
    );
    lines.push(`${v.name} ${deps.join(',')}|checksum:${checksum}`);
  }
  return lines.join('\n') + '\n';
}

function readable(ctx: Ctx, owner: string): PackageRecord[] {
  return ctx.state.listPackages(owner, 'rubygems').filter((p) => !readRefusal(ctx, p));
}

function read(ctx: Ctx, owner: string, path: string): Reply {
  if (!ctx.token) return refuse(readRefusal(ctx, undefined)!);
  if (path === '' || path === '/') return text(200, '');
  if (path === 'names') {
    const names = readable(ctx, owner)
      .filter((p) => withGem(ctx, p).length > 0)
      .map((p) => p.name);
    return text(200, ['---', ...names].join('\n') + '\n');
  }
  if (path === 'versions') {
    const lines = [`created_at: ${ctx.state.now().toISOString()}`, '---'];
    for (const pkg of readable(ctx, owner)) {
      const versions = withGem(ctx, pkg)
        .reverse()
        .map((v) => v.name);
      if (versions.length) lines.push(`${pkg.name} ${versions.join(',')} ${createHash('md5').update(infoFile(ctx, pkg)).digest('hex')}`);
    }
    return text(200, lines.join('\n') + '\n');
  }
  const info = /^info\/([^/]+)$/.exec(path);
  if (info) {
    const pkg = ctx.state.findPackage(owner, 'rubygems', decodeURIComponent(info[1]));
    const refused = readRefusal(ctx, pkg);
    return refused ? refuse(refused) : text(200, infoFile(ctx, pkg!));
  }
  const file = /^(?:gems\/(.+)\.gem|quick\/Marshal\.4\.8\/(.+)\.gemspec\.rz)$/.exec(path);
  const v = file ? publishedVersion(ctx, owner, decodeURIComponent(file[1] ?? file[2])) : undefined;
  if (!v) return text(404, 'Not Found');
  if (file![2]) return { status: 200, headers: { 'content-type': 'application/octet-stream' }, body: quickSpec(v.published as GemSpec) };
  v.downloads++;
  return { status: 200, headers: { 'content-type': 'application/octet-stream' }, body: v.files!.get(gemFile(v)!)! };
}

/** The version whose file stem is `NAME-VERSION`, among the gems the token may read. */
function publishedVersion(ctx: Ctx, owner: string, stem: string): VersionRecord | undefined {
  for (const pkg of readable(ctx, owner)) {
    const v = withGem(ctx, pkg).find((x) => `${pkg.name}-${x.name}` === stem);
    if (v) return v;
  }
  return undefined;
}

export function handleRubygems(ctx: Ctx): Reply {
  const rest = ctx.rawPath.slice(RUBYGEMS_PREFIX.length);
  const slash = rest.indexOf('/');
  const owner = decodeURIComponent(slash < 0 ? rest : rest.slice(0, slash));
  const path = slash < 0 ? '' : rest.slice(slash + 1);
  if (!owner) return text(404, 'Not Found');
  if (ctx.method === 'POST' && path === 'api/v1/gems') return push(ctx, owner);
  if (ctx.method === 'GET' || ctx.method === 'HEAD') return read(ctx, owner, path);
  return text(405, 'Method Not Allowed');
}
