import { createHash } from 'node:crypto';
import { generateImage, type Blob, type StoredManifest } from './manifests';
import { npmTarball } from './tarball';
import type { PackageType, RepoVisibility, Seed, SeedImage, SeedPackage, SeedVersion, Visibility } from './types';
import { PACKAGE_TYPES } from './types';

const DAY = 24 * 60 * 60 * 1000;
export const RESTORE_WINDOW_MS = 30 * DAY;
/** Maven/Gradle packages take visibility and access from their repository on github.com. */
export const REPOSITORY_SCOPED: readonly PackageType[] = ['maven'];

export interface Account {
  kind: 'User' | 'Organization';
  login: string;
  id: number;
  name: string;
  createdAt: Date;
  /** lowercase login → role (organizations only) */
  members: Map<string, 'admin' | 'member'>;
  publicMembers: Set<string>;
  samlEnforced: boolean;
}
export interface TokenRecord {
  name: string;
  token: string;
  user: string;
  scopes: string[];
  ssoAuthorized: Set<string>;
}
export interface RepoRecord {
  id: number;
  owner: string;
  name: string;
  visibility: RepoVisibility;
  description: string | null;
  createdAt: Date;
  updatedAt: Date;
}
export interface PackageRecord {
  id: number;
  owner: string;
  type: PackageType;
  name: string;
  visibility: Visibility;
  repository?: string;
  createdAt: Date;
  updatedAt: Date;
  deletedAt?: Date;
}
export interface NpmPayload {
  manifest: Record<string, unknown>;
  tarball: Buffer;
}
export interface VersionRecord {
  id: number;
  packageId: number;
  name: string;
  tags: string[];
  /** Tags the version held when it was deleted, given back on restore when still free. */
  deletedTags: string[];
  downloads: number;
  createdAt: Date;
  updatedAt: Date;
  deletedAt?: Date;
  description?: string;
  license?: string;
  manifest?: StoredManifest;
  npm?: NpmPayload;
  /** Published files by name (Maven artifacts and checksums, a .nupkg, a .gem). */
  files?: Map<string, Buffer>;
  /** What the registry read from the upload (gemspec or nuspec fields), to answer its index requests. */
  published?: unknown;
}
export interface NewPackage {
  owner: string;
  type: PackageType;
  name: string;
  visibility?: Visibility;
  repository?: string;
  createdAt?: Date;
}
export interface NewVersion {
  name: string;
  tags?: string[];
  downloads?: number;
  createdAt?: Date;
  deletedAt?: Date;
  description?: string;
  license?: string;
}

const lower = (s: string) => s.toLowerCase();

/** All data of one server instance. Methods never check permissions: that is the HTTP layer's job. */
export class ServerState {
  readonly accounts = new Map<string, Account>();
  readonly tokens = new Map<string, TokenRecord>();
  readonly repos = new Map<string, RepoRecord>();
  readonly packages = new Map<number, PackageRecord>();
  readonly versions = new Map<number, VersionRecord>();
  readonly blobs = new Map<string, Blob>();
  /** Primary rate limit per token and hour (GitHub: 5,000 for a user token). */
  rateLimit = 5000;
  /** Added to Date.now(): tests move time forward (e.g. past the 30-day restore window). */
  clockOffsetMs = 0;
  private nextId = 1;
  private readonly versionsByPackage = new Map<number, VersionRecord[]>();

  constructor(seed?: Seed) {
    if (seed) this.load(seed);
  }

  now(): Date {
    return new Date(Date.now() + this.clockOffsetMs);
  }
  advanceClock(ms: number): void {
    this.clockOffsetMs += ms;
  }
  daysAgo(days: number | undefined): Date {
    return new Date(this.now().getTime() - (days ?? 0) * DAY);
  }

  /** Replace everything with the seed's data. */
  load(seed: Seed): void {
    this.accounts.clear();
    this.tokens.clear();
    this.repos.clear();
    this.packages.clear();
    this.versions.clear();
    this.blobs.clear();
    this.versionsByPackage.clear();
    this.nextId = 1;
    this.clockOffsetMs = 0;
    for (const u of seed.users) this.addUser(u.login, { name: u.name, id: u.id });
    for (const o of seed.orgs ?? [])
      this.addOrg(o.login, { name: o.name, id: o.id, members: o.members, publicMembers: o.publicMembers, samlEnforced: o.samlEnforced });
    for (const [name, t] of Object.entries(seed.tokens)) this.addToken(name, t.token, t.user, t.scopes, t.ssoAuthorized);
    for (const r of seed.repos ?? []) this.addRepo(r.owner, r.name, r.visibility ?? 'public', r.description);
    for (const p of seed.packages ?? []) this.addSeedPackage(p);
  }

  private id(): number {
    return this.nextId++;
  }

  addUser(login: string, opts: { name?: string; id?: number } = {}): Account {
    const account: Account = {
      kind: 'User',
      login,
      id: opts.id ?? 1000 + this.id(),
      name: opts.name ?? login,
      createdAt: this.daysAgo(900),
      members: new Map(),
      publicMembers: new Set(),
      samlEnforced: false,
    };
    this.accounts.set(lower(login), account);
    return account;
  }

  addOrg(
    login: string,
    opts: {
      name?: string;
      id?: number;
      members?: Record<string, 'admin' | 'member'>;
      publicMembers?: string[];
      samlEnforced?: boolean;
    } = {},
  ): Account {
    const account: Account = {
      kind: 'Organization',
      login,
      id: opts.id ?? 5000 + this.id(),
      name: opts.name ?? login,
      createdAt: this.daysAgo(800),
      members: new Map(Object.entries(opts.members ?? {}).map(([m, r]) => [lower(m), r])),
      publicMembers: new Set((opts.publicMembers ?? []).map(lower)),
      samlEnforced: opts.samlEnforced ?? false,
    };
    this.accounts.set(lower(login), account);
    return account;
  }

  addToken(name: string, token: string, user: string, scopes: string[], ssoAuthorized: string[] = []): TokenRecord {
    const record: TokenRecord = { name, token, user, scopes: [...scopes].sort(), ssoAuthorized: new Set(ssoAuthorized.map(lower)) };
    this.tokens.set(token, record);
    return record;
  }

  addRepo(owner: string, name: string, visibility: RepoVisibility = 'public', description?: string): RepoRecord {
    const canonical = this.account(owner)?.login ?? owner;
    const repo: RepoRecord = {
      id: 100000 + this.id(),
      owner: canonical,
      name,
      visibility,
      description: description ?? null,
      createdAt: this.daysAgo(400),
      updatedAt: this.daysAgo(10),
    };
    this.repos.set(lower(`${canonical}/${name}`), repo);
    return repo;
  }

  account(login: string): Account | undefined {
    return this.accounts.get(lower(login));
  }
  repo(fullName: string): RepoRecord | undefined {
    return this.repos.get(lower(fullName));
  }
  tokenNames(): Record<string, string> {
    return Object.fromEntries([...this.tokens.values()].map((t) => [t.name, t.token]));
  }

  setRepoVisibility(fullName: string, visibility: RepoVisibility): void {
    const repo = this.repo(fullName);
    if (!repo) throw new Error(`no repository ${fullName}`);
    repo.visibility = visibility;
    repo.updatedAt = this.now();
  }

  /** Visibility as the API reports it: repository-scoped packages follow their repository. */
  effectiveVisibility(pkg: PackageRecord): Visibility {
    if (REPOSITORY_SCOPED.includes(pkg.type) && pkg.repository) {
      const repo = this.repo(pkg.repository);
      if (repo) return repo.visibility === 'public' ? 'public' : 'private';
    }
    return pkg.visibility;
  }

  /** What the web UI's "Change visibility" does; there is no API for it (granular packages). */
  setVisibility(pkg: PackageRecord, visibility: Visibility): void {
    pkg.visibility = visibility;
  }

  addPackage(p: NewPackage): PackageRecord {
    const owner = this.account(p.owner);
    if (!owner) throw new Error(`no account ${p.owner}`);
    const created = p.createdAt ?? this.now();
    const pkg: PackageRecord = {
      id: this.id(),
      owner: owner.login,
      type: p.type,
      name: p.name,
      visibility: p.visibility ?? 'private',
      repository: p.repository
        ? this.repo(p.repository)
          ? `${this.repo(p.repository)!.owner}/${this.repo(p.repository)!.name}`
          : p.repository
        : undefined,
      createdAt: created,
      updatedAt: created,
    };
    this.packages.set(pkg.id, pkg);
    this.versionsByPackage.set(pkg.id, []);
    return pkg;
  }

  addVersion(pkg: PackageRecord, v: NewVersion): VersionRecord {
    const created = v.createdAt ?? this.now();
    const version: VersionRecord = {
      id: this.id(),
      packageId: pkg.id,
      name: v.name,
      tags: v.tags ?? [],
      deletedTags: [],
      downloads: v.downloads ?? 0,
      createdAt: created,
      updatedAt: created,
      deletedAt: v.deletedAt,
      description: v.description,
      license: v.license,
    };
    if (version.deletedAt) {
      version.deletedTags = version.tags;
      version.tags = [];
    }
    this.versions.set(version.id, version);
    this.versionsByPackage.get(pkg.id)!.push(version);
    if (created > pkg.updatedAt) pkg.updatedAt = created;
    return version;
  }

  /** Bulk: `count` versions named by pattern ('{i}' → 1..count), oldest first, one minute apart. */
  addVersions(pkg: PackageRecord, count: number, pattern = '1.0.{i}'): VersionRecord[] {
    const start = this.now().getTime() - count * 60_000;
    const out: VersionRecord[] = [];
    for (let i = 1; i <= count; i++)
      out.push(this.addVersion(pkg, { name: pattern.replace('{i}', String(i)), createdAt: new Date(start + i * 60_000) }));
    return out;
  }

  /** Bulk: `count` packages for an owner, spread over `types` (default all), each with `versionsEach` versions. */
  addPackages(
    owner: string,
    count: number,
    opts: { types?: PackageType[]; versionsEach?: number; visibility?: Visibility; prefix?: string } = {},
  ): PackageRecord[] {
    const types = opts.types ?? [...PACKAGE_TYPES];
    const out: PackageRecord[] = [];
    for (let i = 0; i < count; i++) {
      const type = types[i % types.length];
      const pkg = this.addPackage({
        owner,
        type,
        name: `${opts.prefix ?? 'bulk'}-${type}-${i}`,
        visibility: opts.visibility ?? (i % 2 ? 'public' : 'private'),
      });
      if (type === 'container') {
        for (let j = 0; j < (opts.versionsEach ?? 1); j++) this.addImage(pkg, { tags: [`v${j}`] });
      } else {
        this.addVersions(pkg, opts.versionsEach ?? 1);
      }
      out.push(pkg);
    }
    return out;
  }

  /** A container image: one version per manifest (named by digest), children untagged. */
  addImage(pkg: PackageRecord, image: SeedImage): VersionRecord[] {
    const source = pkg.repository ? `https://github.com/${pkg.repository}` : undefined;
    const generated = generateImage(`${pkg.owner}/${pkg.name}`, image, source);
    for (const b of generated.blobs) this.blobs.set(b.digest, b);
    const created = this.daysAgo(image.createdDaysAgo);
    const deletedAt = image.deletedDaysAgo !== undefined ? this.daysAgo(image.deletedDaysAgo) : undefined;
    const out: VersionRecord[] = [];
    for (const m of [...generated.children, generated.top]) {
      const top = m === generated.top;
      const v = this.addVersion(pkg, {
        name: m.digest,
        tags: top ? image.tags : [],
        createdAt: created,
        deletedAt,
        downloads: top ? image.downloads : 0,
      });
      v.manifest = m;
      out.push(v);
    }
    return out;
  }

  private addSeedPackage(p: SeedPackage): void {
    const pkg = this.addPackage({
      owner: p.owner,
      type: p.type,
      name: p.name,
      visibility: p.visibility,
      repository: p.repository,
      createdAt: this.daysAgo(p.createdDaysAgo ?? 200),
    });
    if (p.generate) {
      const count = p.generate.count;
      for (let i = 1; i <= count; i++) {
        this.addVersion(pkg, {
          name: (p.generate.pattern ?? '1.0.{i}').replace('{i}', String(i)),
          createdAt: new Date(this.daysAgo(p.createdDaysAgo ?? 200).getTime() + i * 60_000),
        });
      }
    }
    for (const v of p.versions ?? []) this.addSeedVersion(pkg, v);
    for (const image of p.images ?? []) this.addImage(pkg, image);
    if (p.deletedDaysAgo !== undefined) pkg.deletedAt = this.daysAgo(p.deletedDaysAgo);
  }

  private addSeedVersion(pkg: PackageRecord, v: SeedVersion): void {
    this.addVersion(pkg, {
      name: v.name,
      tags: v.tags,
      downloads: v.downloads,
      description: v.description,
      license: v.license,
      createdAt: this.daysAgo(v.createdDaysAgo ?? 100),
      deletedAt: v.deletedDaysAgo !== undefined ? this.daysAgo(v.deletedDaysAgo) : undefined,
    });
  }

  /** The live (not deleted) package, owner case-insensitive. */
  findPackage(owner: string, type: PackageType, name: string): PackageRecord | undefined {
    for (const p of this.packages.values()) {
      if (!p.deletedAt && p.type === type && p.name === name && lower(p.owner) === lower(owner)) return p;
    }
    return undefined;
  }

  /** The most recently deleted package with that name, still within the restore window. */
  findDeletedPackage(owner: string, type: PackageType, name: string): PackageRecord | undefined {
    let best: PackageRecord | undefined;
    for (const p of this.packages.values()) {
      if (p.deletedAt && p.type === type && p.name === name && lower(p.owner) === lower(owner) && this.restorable(p.deletedAt)) {
        if (!best || p.deletedAt > best.deletedAt!) best = p;
      }
    }
    return best;
  }

  restorable(deletedAt: Date): boolean {
    return this.now().getTime() - deletedAt.getTime() <= RESTORE_WINDOW_MS;
  }

  /** Live packages of an owner (all types unless given), oldest first. */
  listPackages(owner: string, type?: PackageType): PackageRecord[] {
    return [...this.packages.values()].filter((p) => !p.deletedAt && (!type || p.type === type) && lower(p.owner) === lower(owner));
  }

  /** Versions newest first: 'active', or 'deleted' within the restore window, or 'all'. */
  listVersions(pkg: PackageRecord, state: 'active' | 'deleted' | 'all' = 'active'): VersionRecord[] {
    const all = this.versionsByPackage.get(pkg.id) ?? [];
    const pick = all.filter((v) => state === 'all' || (state === 'active' ? !v.deletedAt : !!v.deletedAt && this.restorable(v.deletedAt)));
    return pick.sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || b.id - a.id);
  }

  version(id: number): VersionRecord | undefined {
    return this.versions.get(id);
  }
  packageOf(v: VersionRecord): PackageRecord {
    return this.packages.get(v.packageId)!;
  }
  versionCount(pkg: PackageRecord): number {
    return (this.versionsByPackage.get(pkg.id) ?? []).filter((v) => !v.deletedAt).length;
  }

  setDownloads(versionId: number, downloads: number): void {
    this.mustVersion(versionId).downloads = downloads;
  }
  setDeletedAt(versionId: number, deletedAt: Date | undefined): void {
    const v = this.mustVersion(versionId);
    if (deletedAt && !v.deletedAt) {
      v.deletedTags = v.tags;
      v.tags = [];
    }
    v.deletedAt = deletedAt;
  }
  private mustVersion(id: number): VersionRecord {
    const v = this.versions.get(id);
    if (!v) throw new Error(`no version ${id}`);
    return v;
  }

  /** Deleting a version drops all of its tags (GitHub has no per-tag delete). */
  deleteVersion(v: VersionRecord): void {
    v.deletedAt = this.now();
    v.deletedTags = v.tags;
    v.tags = [];
  }

  restoreVersion(v: VersionRecord): void {
    const pkg = this.packageOf(v);
    const taken = new Set(this.listVersions(pkg).flatMap((o) => o.tags));
    v.deletedAt = undefined;
    v.tags = v.deletedTags.filter((t) => !taken.has(t));
    v.deletedTags = [];
  }

  deletePackage(pkg: PackageRecord): void {
    pkg.deletedAt = this.now();
  }
  restorePackage(pkg: PackageRecord): void {
    pkg.deletedAt = undefined;
  }

  /** Container manifest by tag or digest among live versions of a live package. */
  manifest(pkg: PackageRecord, reference: string): VersionRecord | undefined {
    const live = this.listVersions(pkg);
    return reference.startsWith('sha256:')
      ? live.find((v) => v.name === reference && v.manifest)
      : live.find((v) => v.tags.includes(reference) && v.manifest);
  }

  /** npm tarball and manifest for a version; seeded versions get a generated one. */
  npmPayload(pkg: PackageRecord, v: VersionRecord): NpmPayload {
    if (!v.npm) {
      const manifest: Record<string, unknown> = {
        name: `@${lower(pkg.owner)}/${pkg.name}`,
        version: v.name,
        description: v.description ?? `${pkg.name} (local seed)`,
        main: 'index.js',
        license: v.license ?? 'MIT',
      };
      if (pkg.repository) manifest.repository = { type: 'git', url: `git+https://github.com/${pkg.repository}.git` };
      const tarball = npmTarball({
        'package.json': JSON.stringify(manifest, null, 2),
        'index.js': `module.exports = ${JSON.stringify(v.name)};\n`,
      });
      v.npm = { manifest, tarball };
    }
    return v.npm;
  }
}

export function integrity(data: Buffer): { shasum: string; integrity: string } {
  return {
    shasum: createHash('sha1').update(data).digest('hex'),
    integrity: 'sha512-' + createHash('sha512').update(data).digest('base64'),
  };
}
