import * as semver from 'semver';
import type { EcosystemId } from '../types';

/** What the resolution needs of a package version (the RegistryService's PackageVersion has these). */
export interface VersionFacts {
  name: string;
  createdAt: string;
  tags?: readonly string[];
  deletedAt?: string;
}

export interface LatestVersions {
  /** The newest version overall: the highest stable one, pre-releases too when the manifest asks for one. */
  latest?: string;
  /** The highest version the manifest's range accepts; undefined when none does or the range is unreadable. */
  latestMatching?: string;
  /** The range as semver reads it; undefined when semver cannot read it (then it is shown as written). */
  range?: string;
  /** The manifest names one exact version. */
  exact: boolean;
  /** A version newer than what the range resolves to exists. */
  newer: boolean;
}

/** Translates an ecosystem's version requirement to a semver range; undefined when it has no semver reading. */
export function semverRangeOf(ecosystem: EcosystemId, spec: string): string | undefined {
  return memo(translatedRanges, `${ecosystem} ${spec}`, () => translateRange(ecosystem, spec.trim()));
}

const translatedRanges = new Map<string, string | undefined>();

function translateRange(ecosystem: EcosystemId, written: string): string | undefined {
  if (ecosystem === 'npm') return written === '' || written === 'latest' ? '*' : (semver.validRange(written) ?? undefined);
  if (ecosystem === 'rubygems') return joinValid(written.split(',').map((part) => rubyRequirement(part.trim())));
  if (ecosystem === 'maven' || ecosystem === 'gradle' || ecosystem === 'nuget') {
    if (/^latest\.(release|integration)$/.test(written)) return '*';
    const interval = /^([[(])\s*([^,\])]*)\s*(?:,\s*([^\])]*)\s*)?([\])])$/.exec(written);
    if (interval) return intervalRange(interval[1], interval[2], interval[3], interval[4]);
    const wildcard = /^(\d+(?:\.\d+)*)\.[+*]$|^[+*]$/.exec(written);
    if (wildcard) return semver.validRange(wildcard[1] ? `${wildcard[1]}.x` : '*') ?? undefined;
    return exactOf(written);
  }
  return undefined;
}

function joinValid(parts: (string | undefined)[]): string | undefined {
  if (parts.length === 0 || parts.some((part) => part === undefined)) return undefined;
  return semver.validRange(parts.join(' ')) ?? undefined;
}

/** RubyGems: `~> 1.2` is `>=1.2 <2`, `~> 1.2.3` is `>=1.2.3 <1.3`; `=`, `!=` (unsupported), `>=` and the like. */
function rubyRequirement(part: string): string | undefined {
  const match = /^(~>|>=|<=|>|<|=|!=)?\s*(\d+(?:\.\d+)*(?:[.-][0-9A-Za-z.]+)?)$/.exec(part);
  if (!match || match[1] === '!=') return undefined;
  const version = exactOf(match[2]);
  if (!version) return undefined;
  if (match[1] !== '~>') return `${match[1] === '=' || !match[1] ? '' : match[1]}${version}`;
  const segments = match[2].split('.').filter((s) => /^\d+$/.test(s));
  const upper = segments.length <= 1 ? `${Number(segments[0]) + 1}.0.0` : bump(segments.slice(0, -1));
  return `>=${version} <${upper}`;
}

function bump(segments: string[]): string {
  const next = [...segments.slice(0, -1), String(Number(segments.at(-1)) + 1)];
  while (next.length < 3) next.push('0');
  return next.join('.');
}

/** Maven/NuGet intervals: `[1.0,2.0)`, `[1.0]`, `(,1.0]`, `[1.0,)`. */
function intervalRange(open: string, low: string, high: string | undefined, close: string): string | undefined {
  if (high === undefined) return open === '[' && close === ']' ? exactOf(low) : undefined;
  const parts: (string | undefined)[] = [];
  if (low) parts.push(`${open === '[' ? '>=' : '>'}${exactOf(low) ?? 'x'}`);
  if (high) parts.push(`${close === ']' ? '<=' : '<'}${exactOf(high) ?? 'x'}`);
  return joinValid(parts.length ? parts : ['*']);
}

/** A version as semver reads it, padding `1.2` to `1.2.0` (Maven, NuGet and RubyGems write short versions). */
export function exactOf(version: string): string | undefined {
  const valid = semver.valid(version, { loose: true });
  if (valid) return valid;
  const short = /^(\d+)(?:\.(\d+))?([-+].*)?$/.exec(version.trim());
  return short ? (semver.valid(`${short[1]}.${short[2] ?? '0'}.0${short[3] ?? ''}`, { loose: true }) ?? undefined) : undefined;
}

/** Parsed ranges and versions, kept because typing re-resolves every dependency of the manifest. */
const parsedRanges = new Map<string, { range: semver.Range; prerelease: boolean }>();
const parsedVersions = new Map<string, semver.SemVer | null>();

function memo<K, V>(map: Map<K, V>, key: K, make: () => V): V {
  if (map.has(key)) return map.get(key) as V;
  if (map.size > 10_000) map.clear();
  const value = make();
  map.set(key, value);
  return value;
}

function parsedVersion(name: string): semver.SemVer | null {
  return memo(parsedVersions, name, () => {
    const exact = exactOf(name);
    return exact ? new semver.SemVer(exact, { loose: true }) : null;
  });
}

/** Latest overall and latest matching the manifest's range among active versions (given newest first). */
export function latestVersions(ecosystem: EcosystemId, spec: string, versions: readonly VersionFacts[]): LatestVersions {
  const range = semverRangeOf(ecosystem, spec);
  const pinned = exactOf(spec.trim());
  const exact = pinned !== undefined && range === pinned;
  const readable = versions.flatMap((version) => {
    const parsed = parsedVersion(version.name);
    return parsed ? [{ name: version.name, semver: parsed }] : [];
  });
  const compiled =
    range === undefined
      ? undefined
      : memo(parsedRanges, range, () => ({ range: new semver.Range(range), prerelease: asksForPrerelease(range) }));
  const candidates = readable.filter((v) => compiled?.prerelease || v.semver.prerelease.length === 0);
  const highest = candidates.reduce<(typeof readable)[number] | undefined>(
    (best, v) => (!best || v.semver.compare(best.semver) > 0 ? v : best),
    undefined,
  );
  const latest = highest?.name ?? (readable.length === 0 ? versions[0]?.name : undefined);
  const matching =
    compiled &&
    readable
      .filter((v) => compiled.range.test(v.semver))
      .reduce<(typeof readable)[number] | undefined>((best, v) => (!best || v.semver.compare(best.semver) > 0 ? v : best), undefined);
  const newer = highest !== undefined && matching !== undefined && highest.semver.compare(matching.semver) > 0;
  return { latest, latestMatching: matching?.name, range, exact, newer };
}

/** Whether a range names a pre-release itself (`^2.1.0-beta.0`), not only semver's `<2.0.0-0` upper bound. */
function asksForPrerelease(range: string): boolean {
  const prerelease = (c: semver.Comparator) => (c.semver as semver.SemVer | undefined)?.prerelease ?? [];
  return new semver.Range(range).set.some((set) => set.some((c) => prerelease(c).length > 0 && prerelease(c).join('.') !== '0'));
}

/** A deleted version the manifest asks for: the pinned one, or the highest deleted one its range accepts. */
export function deletedVersionFor<V extends VersionFacts>(ecosystem: EcosystemId, spec: string, deleted: readonly V[]): V | undefined {
  const range = semverRangeOf(ecosystem, spec);
  if (range === undefined) return deleted.find((version) => version.name === spec.trim());
  let best: { version: V; semver: string } | undefined;
  for (const version of deleted) {
    const parsed = exactOf(version.name);
    if (parsed && semver.satisfies(parsed, range) && (!best || semver.gt(parsed, best.semver))) best = { version, semver: parsed };
  }
  return best?.version;
}

export interface ImageVersions<V extends VersionFacts> {
  /** The version the manifest names (by digest, else by tag; `latest` when neither is written). */
  current?: V;
  /** The newest tagged version. */
  newest?: V;
  /** The tag to move to: the newest version's most specific tag (a version-like tag before `latest`). */
  newestTag?: string;
  newer: boolean;
}

/** Containers: which version a tag or digest names and whether a newer tagged image exists (versions newest first). */
export function imageVersions<V extends VersionFacts>(tag: string, digest: string | undefined, versions: readonly V[]): ImageVersions<V> {
  const current = digest ? versions.find((v) => v.name === digest) : versions.find((v) => v.tags?.includes(tag || 'latest'));
  const newest = [...versions].filter((v) => (v.tags?.length ?? 0) > 0).sort((a, b) => b.createdAt.localeCompare(a.createdAt))[0];
  const tags = [...(newest?.tags ?? [])];
  const newestTag = tags.find((t) => exactOf(t.replace(/^v/, '')) !== undefined) ?? tags.find((t) => t !== 'latest') ?? tags[0];
  return { current, newest, newestTag, newer: current !== undefined && newest !== undefined && newest.name !== current.name };
}

/** The new version written the way the old one was: `^1.0.0` → `^2.0.0`, `~> 1.2` → `~> 2.0.0`, an exact pin stays exact. */
export function respelled(written: string, version: string): string {
  const operator = /^\s*(\^|~>?\s*|>=\s*)\d/.exec(written)?.[1];
  return operator ? `${operator}${version}` : version;
}
