import type { PackageType } from '../../github/types';
import type { ManifestDependency } from './types';

/** The GitHub Packages registries of the configured host (from src/github/hosts.ts), one base per ecosystem. */
export interface GitHubRegistries {
  /** e.g. `https://npm.pkg.github.com` */
  npm: string;
  /** e.g. `https://maven.pkg.github.com` (owner and repository follow) */
  maven: string;
  /** e.g. `https://nuget.pkg.github.com` (owner and `index.json` follow) */
  nuget: string;
  /** e.g. `https://rubygems.pkg.github.com` (owner follows) */
  rubygems: string;
  /** Container registry host, e.g. `ghcr.io` or `containers.HOST`. */
  container: string;
}

/** A dependency that GitHub Packages hosts, or may host: which package it is and how sure that is. */
export interface HostedDependency extends ManifestDependency {
  packageType: PackageType;
  /** The package name as GitHub lists it (npm without scope, Maven `groupId.artifactId`, image path without owner). */
  packageName: string;
  /** Owners whose package it can be: the npm scope or image owner, or the owners of the configured registry URLs. */
  owners: string[];
  /**
   * True when the project's configuration maps it to the GitHub registry of the configured host; false when it only
   * may be (its scope is an owner, and it counts when that owner lists a package of this name).
   */
  mapped: boolean;
}

/** Host and path without scheme or trailing slashes, for comparing registry URLs. */
function stripped(url: string): string {
  return url
    .trim()
    .replace(/^[a-z]+:\/\//i, '')
    .replace(/^\/\//, '')
    .replace(/\/+$/, '');
}

function normalized(url: string): string {
  return stripped(url).toLowerCase();
}

/** The path segment right after `base` in `url` (the owner in GitHub's registry URLs), when `url` is under `base`. */
export function ownerUnder(base: string, url: string): string | undefined {
  const root = normalized(base);
  const candidate = stripped(url);
  if (!candidate.toLowerCase().startsWith(`${root}/`)) return undefined;
  const owner = candidate.slice(root.length + 1).split('/')[0];
  return /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$/.test(owner) ? owner : undefined;
}

function sameRegistry(a: string, b: string): boolean {
  return normalized(a) === normalized(b);
}

/** Decides whether GitHub Packages hosts a dependency; undefined when it clearly comes from elsewhere. */
export function hostedOnGitHub(dependency: ManifestDependency, registries: GitHubRegistries): HostedDependency | undefined {
  switch (dependency.ecosystem) {
    case 'npm': {
      const [, scope, name] = /^@([^/]+)\/(.+)$/.exec(dependency.name) ?? [];
      if (!scope) return undefined;
      const source = dependency.sources[0];
      if (source && !sameRegistry(source, registries.npm)) return undefined;
      return { ...dependency, packageType: 'npm', packageName: name, owners: [scope], mapped: source !== undefined };
    }
    case 'maven':
    case 'gradle': {
      const owners = unique(dependency.sources.map((url) => ownerUnder(registries.maven, url)));
      const [group, artifact] = dependency.name.split(':');
      if (owners.length === 0 || !artifact) return undefined;
      return { ...dependency, packageType: 'maven', packageName: `${group}.${artifact}`, owners, mapped: true };
    }
    case 'nuget':
    case 'rubygems': {
      const owners = unique(dependency.sources.map((url) => ownerUnder(registries[dependency.ecosystem as 'nuget' | 'rubygems'], url)));
      if (owners.length === 0) return undefined;
      return {
        ...dependency,
        packageType: dependency.ecosystem as 'nuget' | 'rubygems',
        packageName: dependency.name,
        owners,
        mapped: true,
      };
    }
    case 'container': {
      const [host, owner, ...path] = dependency.name.split('/');
      if (!owner || path.length === 0) return undefined;
      const mapped = sameRegistry(host, registries.container);
      // ghcr.io is github.com's registry: with another host configured, it counts only when a listed owner has the package.
      if (!mapped && host.toLowerCase() !== 'ghcr.io') return undefined;
      return { ...dependency, packageType: 'container', packageName: path.join('/').toLowerCase(), owners: [owner], mapped };
    }
  }
}

function unique(values: (string | undefined)[]): string[] {
  const seen = new Map<string, string>();
  for (const value of values) if (value && !seen.has(value.toLowerCase())) seen.set(value.toLowerCase(), value);
  return [...seen.values()];
}
