/**
 * What a clean-up rule selects in one package, in the order the design fixes (the semantics the established
 * clean-up Actions agree on): protected versions, filters, scope, keep-N, the rest. Pure; the delete plan's guards
 * (multi-arch, GitHub's refusals) apply afterwards. Every decision carries a reason a person can read.
 */
import * as semver from 'semver';
import type { PackageVersion } from '../github/types';
import { matcherOf, type CleanupRule } from './cleanupRule';
import { plural } from './plural';

export type RuleCriteria = Omit<CleanupRule, 'owner' | 'packageType' | 'packages' | 'dryRun'>;

export interface VersionDecision {
  version: PackageVersion;
  /** Why it was selected, or why it is kept. */
  why: string;
}

export interface CleanupSelection {
  /** Newest first. */
  selected: VersionDecision[];
  kept: VersionDecision[];
}

const DAY = 24 * 3600 * 1000;

export function selectForCleanup(versions: readonly PackageVersion[], rule: RuleCriteria, now = Date.now()): CleanupSelection {
  const times = new Map(
    versions.map((version) => [version, Date.parse(rule.age === 'updated' ? version.updatedAt || version.createdAt : version.createdAt)]),
  );
  const timeOf = (version: PackageVersion): number => times.get(version) ?? 0;
  const newestFirst = [...versions].sort((a, b) => timeOf(b) - timeOf(a) || b.id - a.id);
  const excludeTag = matcherOf(rule.excludeTags);
  const excludeVersion = matcherOf(rule.excludeVersions);
  const includeTag = matcherOf(rule.includeTags);
  const includeVersion = matcherOf(rule.includeVersions);
  const onlyUntagged = (rule.keepNewestUntagged !== undefined || rule.untaggedOnly === true) && rule.keepNewestTagged === undefined;
  const onlyTagged = rule.keepNewestTagged !== undefined && rule.keepNewestUntagged === undefined && !rule.untaggedOnly;

  const kept: VersionDecision[] = [];
  const candidates: { version: PackageVersion; reasons: string[] }[] = [];
  for (const version of newestFirst) {
    const keep = (why: string): void => void kept.push({ version, why });
    const tagged = version.tags.length > 0;

    // 1. Protected: never selected, never counted by keep-N.
    if (version.tags.includes('latest')) {
      keep('tagged latest (always kept)');
      continue;
    }
    const excludedTag = excludeTag && version.tags.find((tag) => excludeTag(tag));
    if (excludedTag) {
      keep(`tag ${excludedTag} matches excludeTags ${excludeTag(excludedTag)}`);
      continue;
    }
    const excludedName = excludeVersion?.(version.name);
    if (excludedName) {
      keep(`name matches excludeVersions ${excludedName}`);
      continue;
    }

    // 2. Every filter that is set must hold.
    const reasons: string[] = [];
    if (rule.untaggedOnly) {
      if (tagged) {
        keep('tagged (the rule takes untagged versions only)');
        continue;
      }
      reasons.push('untagged');
    }
    if (rule.preReleaseOnly) {
      if (!isPrerelease(version)) {
        keep('not a pre-release');
        continue;
      }
      reasons.push('pre-release');
    }
    if (rule.olderThanDays !== undefined) {
      const ageMs = now - timeOf(version);
      const when = `${rule.age === 'updated' ? 'updated' : 'created'} ${daysAgo(ageMs)}`;
      if (!(ageMs > rule.olderThanDays * DAY)) {
        keep(`${when}, not more than ${plural(rule.olderThanDays, 'day')} ago`);
        continue;
      }
      reasons.push(when);
    }
    if (includeTag || includeVersion) {
      const tagsMatch = includeTag !== undefined && tagged && version.tags.every((tag) => includeTag(tag));
      const nameMatch = includeVersion?.(version.name);
      if (tagsMatch) reasons.push(`${version.tags.length === 1 ? 'tag' : 'every tag'} matches ${rule.includeTags?.join(', ')}`);
      else if (nameMatch) reasons.push(`name matches ${nameMatch}`);
      else {
        const some = includeTag !== undefined && version.tags.some((tag) => includeTag(tag));
        keep(
          some
            ? `only some of its tags match ${rule.includeTags?.join(', ')} (Untag removes a single tag)`
            : 'matches none of the included tags or names',
        );
        continue;
      }
    }

    // 3. Scope.
    if (onlyTagged && !tagged) {
      keep('untagged (keepNewestTagged without keepNewestUntagged limits the rule to tagged versions)');
      continue;
    }
    if (onlyUntagged && tagged) {
      keep(`tagged (${rule.untaggedOnly ? 'untaggedOnly' : 'keepNewestUntagged'} limits the rule to untagged versions)`);
      continue;
    }
    candidates.push({ version, reasons });
  }

  // 4. Keep-N among what is left, newest first; each count runs over its own set, kept by any means kept.
  const selected: VersionDecision[] = [];
  const seen = { all: 0, tagged: 0, untagged: 0 };
  for (const { version, reasons } of candidates) {
    const tagged = version.tags.length > 0;
    const keptBy: string[] = [];
    const beyond: string[] = [];
    const count = (limit: number | undefined, position: number, words: string): void => {
      if (limit === undefined) return;
      (position < limit ? keptBy : beyond).push(`the ${limit} newest${words}`);
    };
    count(rule.keepNewest, seen.all++, '');
    if (tagged) count(rule.keepNewestTagged, seen.tagged++, ' tagged');
    else count(rule.keepNewestUntagged, seen.untagged++, ' untagged');
    if (keptBy.length) kept.push({ version, why: `among ${keptBy.join(' and ')}` });
    else {
      if (beyond.length) reasons.push(`beyond ${beyond.join(' and ')}`);
      selected.push({ version, why: reasons.length ? reasons.join(', ') : 'no rule keeps it' });
    }
  }
  return { selected, kept };
}

function daysAgo(ms: number): string {
  const days = Math.floor(ms / DAY);
  return days < 1 ? 'less than a day ago' : `${plural(days, 'day')} ago`;
}

/** A SemVer pre-release: the version name, or for a tagged container every tag (1.2.0-rc.1, v2.0.0-beta, 1.0-SNAPSHOT). */
export function isPrerelease(version: PackageVersion): boolean {
  const names = version.tags.length ? version.tags : [version.name];
  return names.every((name) => {
    const valid = semver.valid(name) ?? semver.valid(semver.coerce(name, { includePrerelease: true }));
    return (
      (valid !== null && (semver.prerelease(valid)?.length ?? 0) > 0 && /-/.test(name)) ||
      /-(rc|beta|alpha|pre|preview|dev|snapshot|pr-)/i.test(name)
    );
  });
}
