/**
 * The clean-up rule: one shape for the picker, the command's argument and the exported workflow. Pure: the shape,
 * its validation (messages a person can act on), its patterns and the rule in words.
 */
import { plural } from './plural';

export const RULE_PACKAGE_TYPES = ['container', 'npm', 'maven', 'nuget', 'rubygems'] as const;
export type RulePackageType = (typeof RULE_PACKAGE_TYPES)[number];

export interface CleanupRule {
  owner: string;
  packageType?: RulePackageType;
  /** A package name or a glob over package names ("api/*"); absent: the package clicked, or the whole type. */
  packages?: string;
  untaggedOnly?: boolean;
  preReleaseOnly?: boolean;
  olderThanDays?: number;
  age?: 'created' | 'updated';
  keepNewest?: number;
  keepNewestTagged?: number;
  keepNewestUntagged?: number;
  /** Globs, or "re:<regex>"; matched on container tags. */
  includeTags?: string[];
  excludeTags?: string[];
  /** Globs, or "re:<regex>"; matched on the version name (a container's digest). */
  includeVersions?: string[];
  excludeVersions?: string[];
  dryRun?: boolean;
}

type Kind = 'string' | 'boolean' | 'count' | 'days' | 'patterns' | 'packageType' | 'age';
const KEYS: Record<keyof CleanupRule, Kind> = {
  owner: 'string',
  packageType: 'packageType',
  packages: 'string',
  untaggedOnly: 'boolean',
  preReleaseOnly: 'boolean',
  olderThanDays: 'days',
  age: 'age',
  keepNewest: 'count',
  keepNewestTagged: 'count',
  keepNewestUntagged: 'count',
  includeTags: 'patterns',
  excludeTags: 'patterns',
  includeVersions: 'patterns',
  excludeVersions: 'patterns',
  dryRun: 'boolean',
};

/** Names people bring from earlier versions or from the Actions' inputs, and what this rule calls them. */
const RENAMED: Record<string, keyof CleanupRule> = {
  keepLatest: 'keepNewest',
  keepTags: 'excludeTags',
  prereleaseOnly: 'preReleaseOnly',
  package: 'packages',
  name: 'packages',
  tags: 'includeTags',
  minVersionsToKeep: 'keepNewest',
  ignoreVersions: 'excludeVersions',
  keepNTagged: 'keepNewestTagged',
  keepNUntagged: 'keepNewestUntagged',
};

export type RuleValidation = { ok: true; rule: CleanupRule } | { ok: false; problems: string[] };

/** Checks a rule from anywhere (a keybinding's `args`, a task, a workflow translation) before it selects anything. */
export function validateRule(input: unknown): RuleValidation {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return {
      ok: false,
      problems: ['A clean-up rule is an object such as { "owner": "octo-org", "packages": "api/*", "untaggedOnly": true }.'],
    };
  }
  const problems: string[] = [];
  const record = input as Record<string, unknown>;
  for (const [key, value] of Object.entries(record)) {
    const kind = KEYS[key as keyof CleanupRule];
    if (!kind) {
      const hint = RENAMED[key] ? ` Did you mean "${RENAMED[key]}"?` : '';
      problems.push(`Unknown key "${key}".${hint} A rule knows: ${Object.keys(KEYS).join(', ')}.`);
      continue;
    }
    if (value === undefined) continue;
    const problem = checkValue(key, kind, value);
    if (problem) problems.push(problem);
  }
  if (typeof record.owner !== 'string' || record.owner.trim() === '')
    problems.push('"owner" is required: the user or organization whose packages are cleaned up.');
  if (typeof record.packageType === 'string' && record.packageType !== 'container') {
    const containerOnly = ['untaggedOnly', 'keepNewestTagged', 'keepNewestUntagged', 'includeTags', 'excludeTags'].filter(
      (key) => record[key] !== undefined,
    );
    if (containerOnly.length)
      problems.push(
        `${containerOnly.join(', ')} ${containerOnly.length === 1 ? 'applies' : 'apply'} to container tags only; ${record.packageType} versions have no tags.`,
      );
  }
  if (problems.length) return { ok: false, problems };
  return { ok: true, rule: record as unknown as CleanupRule };
}

function checkValue(key: string, kind: Kind, value: unknown): string | undefined {
  switch (kind) {
    case 'string':
      return typeof value === 'string' && value.trim() !== '' ? undefined : `"${key}" must be a non-empty string.`;
    case 'boolean':
      return typeof value === 'boolean' ? undefined : `"${key}" must be true or false.`;
    case 'count':
      return Number.isInteger(value) && (value as number) >= 0
        ? undefined
        : `"${key}" must be a whole number, 0 or more (got ${JSON.stringify(value)}).`;
    case 'days':
      return typeof value === 'number' && Number.isFinite(value) && value >= 0
        ? undefined
        : `"${key}" must be a number of days, 0 or more (got ${JSON.stringify(value)}).`;
    case 'age':
      return value === 'created' || value === 'updated' ? undefined : `"${key}" must be "created" or "updated".`;
    case 'packageType':
      return (RULE_PACKAGE_TYPES as readonly unknown[]).includes(value)
        ? undefined
        : `"${key}" must be one of ${RULE_PACKAGE_TYPES.join(', ')}.`;
    case 'patterns': {
      if (!Array.isArray(value) || value.some((item) => typeof item !== 'string' || item === '')) {
        return `"${key}" must be a list of globs or "re:<regex>" strings, e.g. ["v1.*", "re:^pr-\\\\d+$"].`;
      }
      for (const pattern of value as string[]) {
        const error = patternError(pattern);
        if (error) return `"${key}": ${error}`;
      }
      return undefined;
    }
  }
}

/** Why a pattern cannot be used, or `undefined`. */
export function patternError(pattern: string): string | undefined {
  if (!pattern.startsWith('re:')) return undefined;
  try {
    new RegExp(pattern.slice(3));
    return undefined;
  } catch (error) {
    return `"${pattern}" is not a valid regular expression (${error instanceof Error ? error.message : String(error)}).`;
  }
}

/** `*` and `?` over the whole text; `re:` is a JavaScript regular expression, unanchored. */
export function compilePattern(pattern: string): RegExp {
  if (pattern.startsWith('re:')) return new RegExp(pattern.slice(3));
  const body = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${body}$`);
}

export type Matcher = (text: string) => string | undefined;

/** A matcher over a list of patterns that returns the first pattern matching, for "why" texts. */
export function matcherOf(patterns: readonly string[] | undefined): Matcher | undefined {
  if (!patterns || patterns.length === 0) return undefined;
  const compiled = patterns.map((pattern) => ({ pattern, regex: compilePattern(pattern) }));
  return (text) => compiled.find(({ regex }) => regex.test(text))?.pattern;
}

/** Does the rule cover this package (type and name or glob)? `packages` absent covers the whole type. */
export function coversPackage(rule: Pick<CleanupRule, 'packageType' | 'packages'>, pkg: { name: string; packageType: string }): boolean {
  if (rule.packageType && rule.packageType !== pkg.packageType && !(rule.packageType === 'container' && pkg.packageType === 'docker'))
    return false;
  return rule.packages === undefined || compilePattern(rule.packages).test(pkg.name);
}

/** A rule in words, for titles and the output channel. */
export function describeRule(rule: Omit<CleanupRule, 'owner'>): string {
  const parts: string[] = [];
  if (rule.untaggedOnly) parts.push('untagged');
  if (rule.preReleaseOnly) parts.push('pre-release');
  parts.push('versions');
  if (rule.includeTags?.length) parts.push(`tagged only ${rule.includeTags.join(', ')}`);
  if (rule.includeVersions?.length) parts.push(`${rule.includeTags?.length ? 'or ' : ''}named ${rule.includeVersions.join(', ')}`);
  if (rule.olderThanDays !== undefined)
    parts.push(`${rule.age === 'updated' ? 'updated' : 'created'} more than ${plural(rule.olderThanDays, 'day')} ago`);
  const keeps: string[] = [];
  if (rule.keepNewest !== undefined) keeps.push(`the ${rule.keepNewest} newest`);
  if (rule.keepNewestTagged !== undefined) keeps.push(`the ${rule.keepNewestTagged} newest tagged`);
  if (rule.keepNewestUntagged !== undefined) keeps.push(`the ${rule.keepNewestUntagged} newest untagged`);
  if (keeps.length) parts.push(`beyond ${keeps.join(' and ')}`);
  const never = ['latest', ...(rule.excludeTags ?? [])];
  parts.push(`(never tagged ${never.join(', ')}${rule.excludeVersions?.length ? `, never named ${rule.excludeVersions.join(', ')}` : ''})`);
  return parts.join(' ');
}
