/** Retention rules: which versions a clean-up deletes. Pure; the delete plan's guards still apply afterwards. */
import * as semver from 'semver';
import type { PackageVersion } from '../github/types';

export interface RetentionRule {
  /** Keep this many newest versions (by publication date), whatever else the rule says. */
  keepLatest?: number;
  /** Only versions published more than this many days ago. */
  olderThanDays?: number;
  /** Containers: only untagged manifests. */
  untaggedOnly?: boolean;
  /** Only semver pre-releases (1.2.0-rc.1) or, for containers, only versions whose every tag is one. */
  prereleaseOnly?: boolean;
  /** Never versions carrying one of these tags (default: `latest`). */
  keepTags?: string[];
}

export interface CleanupSelection {
  selected: PackageVersion[];
  kept: number;
}

const DAY = 24 * 3600 * 1000;

export function selectForCleanup(versions: readonly PackageVersion[], rule: RetentionRule, now = Date.now()): CleanupSelection {
  const newestFirst = [...versions].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  const protectedTags = new Set(rule.keepTags ?? ['latest']);
  const selected = newestFirst.filter((version, index) => {
    if (rule.keepLatest !== undefined && index < rule.keepLatest) return false;
    if (version.tags.some((tag) => protectedTags.has(tag))) return false;
    if (rule.olderThanDays !== undefined && now - Date.parse(version.createdAt) < rule.olderThanDays * DAY) return false;
    if (rule.untaggedOnly && version.tags.length > 0) return false;
    if (rule.prereleaseOnly && !isPrerelease(version)) return false;
    return true;
  });
  return { selected, kept: versions.length - selected.length };
}

/** A rule in words, for titles and the output channel. */
export function describeRule(rule: RetentionRule): string {
  const parts: string[] = [];
  if (rule.untaggedOnly) parts.push('untagged');
  if (rule.prereleaseOnly) parts.push('pre-release');
  parts.push('versions');
  if (rule.olderThanDays !== undefined) parts.push(`older than ${rule.olderThanDays} day${rule.olderThanDays === 1 ? '' : 's'}`);
  if (rule.keepLatest !== undefined) parts.push(`beyond the ${rule.keepLatest} newest`);
  const keep = rule.keepTags ?? ['latest'];
  if (keep.length) parts.push(`(never tagged ${keep.join(', ')})`);
  return parts.join(' ');
}

function isPrerelease(version: PackageVersion): boolean {
  const names = version.tags.length ? version.tags : [version.name];
  return names.every((name) => (semver.prerelease(semver.valid(semver.coerce(name, { includePrerelease: true })) ?? name)?.length ?? 0) > 0 || /-(rc|beta|alpha|pre|dev|snapshot|pr-)/i.test(name));
}
