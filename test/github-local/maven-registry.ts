import { createHash } from 'node:crypto';
import type { Ctx, Reply } from './http';
import { checkPublish, isRefusal, readRefusal, storeVersion, type Refusal } from './publishing';
import type { PackageRecord, VersionRecord } from './state';

/** Maven registry (maven.pkg.github.com) at `/_registry/maven/OWNER/REPOSITORY/group/path/artifact/version/file`. */
export const MAVEN_PREFIX = '/_registry/maven/';
const CHECKSUMS: Record<string, string> = { sha1: 'sha1', md5: 'md5', sha256: 'sha256', sha512: 'sha512' };
const CHALLENGE = { 'www-authenticate': 'Basic realm="GitHub Package Registry"' };
/** A 22-byte empty zip: the jar served for seeded versions, which were never uploaded. */
const EMPTY_JAR = Buffer.from([0x50, 0x4b, 0x05, 0x06, ...new Array<number>(18).fill(0)]);

const text = (status: number, body: string, headers: Record<string, string> = {}): Reply => ({
  status,
  headers: { 'content-type': 'text/plain; charset=utf-8', ...headers },
  body: body + '\n',
});
const refuse = (r: Refusal): Reply => text(r.status, r.message, r.status === 401 ? CHALLENGE : {});

interface MavenPath {
  owner: string;
  repo: string;
  groupId: string;
  artifactId: string;
  /** Absent for the artifact-level maven-metadata.xml. */
  version?: string;
  file: string;
  /** `sha1`… when the file is a checksum of `base`. */
  checksum?: string;
  base: string;
}

/** Splits the path after the prefix; a metadata file sits in the artifact folder, or in a -SNAPSHOT version folder. */
export function parseMavenPath(rest: string): MavenPath | undefined {
  const seg = rest.split('/').map((s) => decodeURIComponent(s));
  if (seg.length < 5 || seg.some((s) => !s || s === '.' || s === '..')) return undefined;
  const [owner, repo, ...tail] = seg;
  const file = tail[tail.length - 1];
  const ext = file.slice(file.lastIndexOf('.') + 1);
  const checksum = CHECKSUMS[ext] ? ext : undefined;
  const base = checksum ? file.slice(0, -(ext.length + 1)) : file;
  const artifactLevel = base === 'maven-metadata.xml' && !tail[tail.length - 2].endsWith('-SNAPSHOT');
  const folders = tail.slice(0, -1);
  if (artifactLevel) {
    if (folders.length < 2) return undefined;
    return { owner, repo, groupId: folders.slice(0, -1).join('.'), artifactId: folders[folders.length - 1], file, checksum, base };
  }
  if (folders.length < 3) return undefined;
  return {
    owner,
    repo,
    groupId: folders.slice(0, -2).join('.'),
    artifactId: folders[folders.length - 2],
    version: folders[folders.length - 1],
    file,
    checksum,
    base,
  };
}

function digest(algorithm: string, data: Buffer): string {
  return createHash(algorithm).update(data).digest('hex');
}

function timestamp(d: Date): string {
  return d.toISOString().replace(/[-:T]/g, '').slice(0, 14);
}

/** The artifact-level maven-metadata.xml, generated from the live versions (oldest first). */
function artifactMetadata(ctx: Ctx, pkg: PackageRecord, p: MavenPath): Buffer {
  const versions = ctx.state.listVersions(pkg).reverse();
  const releases = versions.filter((v) => !v.name.endsWith('-SNAPSHOT'));
  const latest = versions[versions.length - 1];
  const release = releases[releases.length - 1];
  return Buffer.from(
    [
      '<?xml version="1.0" encoding="UTF-8"?>',
      '<metadata>',
      `  <groupId>${p.groupId}</groupId>`,
      `  <artifactId>${p.artifactId}</artifactId>`,
      '  <versioning>',
      latest ? `    <latest>${latest.name}</latest>` : '',
      release ? `    <release>${release.name}</release>` : '',
      '    <versions>',
      ...versions.map((v) => `      <version>${v.name}</version>`),
      '    </versions>',
      `    <lastUpdated>${timestamp(pkg.updatedAt)}</lastUpdated>`,
      '  </versioning>',
      '</metadata>',
      '',
    ]
      .filter((l) => l !== '')
      .join('\n'),
  );
}

/** Files of a seeded version, which nobody uploaded: a pom and an empty jar. */
function seededFile(p: MavenPath, v: VersionRecord): Buffer | undefined {
  const stem = `${p.artifactId}-${v.name}`;
  if (p.base === `${stem}.pom`) {
    return Buffer.from(
      [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<project xmlns="http://maven.apache.org/POM/4.0.0">',
        '  <modelVersion>4.0.0</modelVersion>',
        `  <groupId>${p.groupId}</groupId>`,
        `  <artifactId>${p.artifactId}</artifactId>`,
        `  <version>${v.name}</version>`,
        '</project>',
        '',
      ].join('\n'),
    );
  }
  return p.base === `${stem}.jar` ? EMPTY_JAR : undefined;
}

function read(ctx: Ctx, p: MavenPath): Reply {
  const name = `${p.groupId}.${p.artifactId}`;
  const pkg = ctx.state.findPackage(p.owner, 'maven', name);
  const refused = readRefusal(ctx, pkg);
  if (refused) return refuse(refused);
  let data: Buffer | undefined;
  if (!p.version) {
    const metadata = artifactMetadata(ctx, pkg!, p);
    data = p.checksum ? Buffer.from(digest(CHECKSUMS[p.checksum], metadata)) : metadata;
  } else {
    const v = ctx.state.listVersions(pkg!).find((x) => x.name === p.version);
    if (!v) return text(404, 'not found');
    data = v.files?.get(p.file);
    const base = v.files ? v.files.get(p.base) : seededFile(p, v);
    if (!data && p.checksum && base) data = Buffer.from(digest(CHECKSUMS[p.checksum], base));
    if (!data && !p.checksum) data = base;
    if (data && !p.checksum && !p.base.endsWith('.pom') && !p.base.startsWith('maven-metadata')) v.downloads++;
  }
  if (!data) return text(404, 'not found');
  const type = p.checksum
    ? 'text/plain'
    : p.base.endsWith('.xml') || p.base.endsWith('.pom')
      ? 'application/xml'
      : 'application/java-archive';
  return { status: 200, headers: { 'content-type': type, etag: `"${digest('sha1', data)}"` }, body: data };
}

function write(ctx: Ctx, p: MavenPath): Reply {
  const name = `${p.groupId}.${p.artifactId}`;
  const repository = `${p.owner}/${p.repo}`;
  const repo = ctx.state.repo(repository);
  const pkg = ctx.state.findPackage(p.owner, 'maven', name);
  const existing = p.version && pkg ? ctx.state.listVersions(pkg).find((v) => v.name === p.version) : undefined;
  const target = checkPublish(ctx, p.owner, 'maven', name, undefined, repo ? repository : undefined);
  if (isRefusal(target)) return refuse(target);
  // Unverified: GitHub's answer when REPOSITORY does not exist under OWNER.
  if (!repo || repo.owner.toLowerCase() !== target.owner.login.toLowerCase()) return text(404, `repository ${repository} not found`);
  if (!p.version) return text(201, 'stored');
  const snapshot = p.version.endsWith('-SNAPSHOT');
  if (existing && !snapshot && (!existing.files || existing.files.has(p.file))) {
    return text(409, `${name} ${p.version}: ${p.file} already exists; a published version cannot be overwritten`);
  }
  const v = existing ?? storeVersion(ctx, target, 'maven', name, p.version, { repository: `${repo.owner}/${repo.name}` });
  v.files!.set(p.file, ctx.body);
  v.updatedAt = ctx.state.now();
  return text(201, 'stored');
}

export function handleMaven(ctx: Ctx): Reply {
  const p = parseMavenPath(ctx.rawPath.slice(MAVEN_PREFIX.length));
  if (!p) return text(404, 'not found');
  if (ctx.method === 'PUT') return write(ctx, p);
  if (ctx.method === 'GET' || ctx.method === 'HEAD') return read(ctx, p);
  return text(405, 'method not allowed');
}
