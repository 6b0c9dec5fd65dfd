/**
 * The in-use guard's reading: which package versions the workspace refers to. Container images in Dockerfiles,
 * compose, Kubernetes/Helm YAML and workflows (`HOST/OWNER/NAME:TAG` or `@sha256:…`); package versions in
 * package-lock.json, pom.xml, *.csproj and Gemfile.lock. Pure: texts in, references out.
 */
import type { PackageType, PackageVersion } from '../github/types';

export type WorkspaceReference =
  | { kind: 'container'; owner: string; name: string; tag?: string; digest?: string; where: string }
  | { kind: 'package'; type: Exclude<PackageType, 'container' | 'docker'>; name: string; version: string; where: string };

/** References in one file; `containerHosts` are the registry hosts images are pulled from (ghcr.io, containers.HOST). */
export function referencesIn(path: string, text: string, containerHosts: readonly string[]): WorkspaceReference[] {
  const base = path.split(/[\\/]/).pop() ?? path;
  if (base === 'package-lock.json') return npmLockReferences(path, text);
  if (base === 'Gemfile.lock') return gemLockReferences(path, text);
  if (base === 'pom.xml') return pomReferences(path, text);
  if (base.endsWith('.csproj')) return csprojReferences(path, text);
  return imageReferences(path, text, containerHosts);
}

function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

function imageReferences(path: string, text: string, hosts: readonly string[]): WorkspaceReference[] {
  if (hosts.length === 0) return [];
  const hostPattern = hosts.map((host) => host.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|');
  const pattern = new RegExp(
    `(?<=^|[\\s"'=(/:])(?:${hostPattern})/([a-z0-9][a-z0-9-]*)/([a-z0-9._/-]*[a-z0-9])(?::([\\w][\\w.-]{0,127}))?(?:@(sha256:[0-9a-f]{64}))?`,
    'gi',
  );
  const found: WorkspaceReference[] = [];
  for (const match of text.matchAll(pattern)) {
    const [, owner, name, tag, digest] = match;
    const where = `${path}:${lineAt(text, match.index ?? 0)}`;
    if (tag || digest) found.push({ kind: 'container', owner, name, tag, digest: digest?.toLowerCase(), where });
    else found.push(...helmSiblings(text, match.index ?? 0, owner, name, where));
  }
  return found;
}

/** Helm values name the image in two keys: `repository: ghcr.io/o/n` and a sibling `tag:` (or `digest:`). */
function helmSiblings(text: string, offset: number, owner: string, name: string, where: string): WorkspaceReference[] {
  const start = text.lastIndexOf('\n', offset) + 1;
  const line = text.slice(start, text.indexOf('\n', offset) < 0 ? undefined : text.indexOf('\n', offset));
  const key = /^(\s*)(?:-\s+)?repository:/.exec(line);
  if (!key) return [];
  const indent = key[1].length;
  const lines = text.split('\n');
  const at = lineAt(text, offset) - 1;
  const siblings: string[] = [];
  for (const step of [-1, 1]) {
    for (let i = at + step; i >= 0 && i < lines.length; i += step) {
      const leading = /^\s*/.exec(lines[i])?.[0].length ?? 0;
      if (lines[i].trim() === '' || lines[i].trim().startsWith('#')) continue;
      if (leading !== indent) break;
      siblings.push(lines[i]);
    }
  }
  const value = (k: string) => siblings.map((s) => new RegExp(`^\\s*${k}:\\s*["']?([\\w][\\w.:-]*)["']?`).exec(s)?.[1]).find(Boolean);
  const tag = value('tag');
  const digest = value('digest')?.toLowerCase();
  if (!tag && !digest?.startsWith('sha256:')) return [];
  return [{ kind: 'container', owner, name, tag, digest: digest?.startsWith('sha256:') ? digest : undefined, where }];
}

function npmLockReferences(path: string, text: string): WorkspaceReference[] {
  let lock: { packages?: Record<string, { version?: unknown }>; dependencies?: Record<string, { version?: unknown }> };
  try {
    lock = JSON.parse(text) as typeof lock;
  } catch {
    return [];
  }
  const found: WorkspaceReference[] = [];
  for (const [key, entry] of Object.entries(lock.packages ?? {})) {
    const name = /(?:^|node_modules\/)(@[^/]+\/[^/]+)$/.exec(key)?.[1];
    if (name && typeof entry?.version === 'string') found.push({ kind: 'package', type: 'npm', name, version: entry.version, where: path });
  }
  for (const [name, entry] of Object.entries(lock.dependencies ?? {})) {
    if (name.startsWith('@') && typeof entry?.version === 'string')
      found.push({ kind: 'package', type: 'npm', name, version: entry.version, where: path });
  }
  return found;
}

function gemLockReferences(path: string, text: string): WorkspaceReference[] {
  const found: WorkspaceReference[] = [];
  for (const match of text.matchAll(/^ {4}([A-Za-z0-9_.-]+) \(([^)\s]+)\)\s*$/gm)) {
    found.push({
      kind: 'package',
      type: 'rubygems',
      name: match[1],
      version: match[2],
      where: `${path}:${lineAt(text, match.index ?? 0)}`,
    });
  }
  return found;
}

function pomReferences(path: string, text: string): WorkspaceReference[] {
  const found: WorkspaceReference[] = [];
  for (const match of text.matchAll(/<dependency>([\s\S]*?)<\/dependency>/g)) {
    const field = (name: string) => new RegExp(`<${name}>\\s*([^<\\s]+)\\s*</${name}>`).exec(match[1])?.[1];
    const group = field('groupId');
    const artifact = field('artifactId');
    const version = field('version');
    if (group && artifact && version && !version.includes('${')) {
      found.push({
        kind: 'package',
        type: 'maven',
        name: `${group}.${artifact}`,
        version,
        where: `${path}:${lineAt(text, match.index ?? 0)}`,
      });
    }
  }
  return found;
}

function csprojReferences(path: string, text: string): WorkspaceReference[] {
  const found: WorkspaceReference[] = [];
  for (const match of text.matchAll(/<PackageReference\b([^>]*)>/gi)) {
    const attribute = (name: string) => new RegExp(`\\b${name}\\s*=\\s*"([^"]+)"`, 'i').exec(match[1])?.[1];
    const name = attribute('Include');
    const version = attribute('Version');
    if (name && version) found.push({ kind: 'package', type: 'nuget', name, version, where: `${path}:${lineAt(text, match.index ?? 0)}` });
  }
  return found;
}

/** For one package: where (if anywhere) the workspace uses a version. */
export function inUseMatcher(
  references: readonly WorkspaceReference[],
  pkg: { owner: string; name: string; packageType: PackageType },
): (version: PackageVersion) => string | undefined {
  const lower = (s: string) => s.toLowerCase();
  if (pkg.packageType === 'container' || pkg.packageType === 'docker') {
    const mine = references.filter(
      (ref): ref is Extract<WorkspaceReference, { kind: 'container' }> =>
        ref.kind === 'container' && lower(ref.owner) === lower(pkg.owner) && lower(ref.name) === lower(pkg.name),
    );
    return (version) => {
      const hit = mine.find(
        (ref) =>
          (ref.digest !== undefined && ref.digest === lower(version.name)) ||
          (ref.digest === undefined && ref.tag !== undefined && version.tags.includes(ref.tag)),
      );
      return hit && `${hit.digest ? hit.digest.slice(0, 19) : hit.tag} in ${hit.where}`;
    };
  }
  const wanted = pkg.packageType === 'npm' ? `@${lower(pkg.owner)}/${lower(pkg.name)}` : lower(pkg.name);
  const mine = references.filter((ref) => ref.kind === 'package' && ref.type === pkg.packageType && lower(ref.name) === wanted);
  return (version) => {
    const hit = mine.find((ref) => ref.kind === 'package' && ref.version === version.name);
    return hit && `in ${hit.where}`;
  };
}
