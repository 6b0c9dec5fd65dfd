/**
 * A clean-up rule as a scheduled GitHub Actions workflow, and the clean-up steps already in workflows as rules.
 * Containers use dataaxiom/ghcr-cleanup-action (in its dry-run mode first); other packages use
 * actions/delete-package-versions (which has no dry run: the workflow starts with a manual trigger only). Whatever
 * the action cannot say is listed, in the file and to the person. Pure.
 */
import { compilePattern, describeRule, type CleanupRule, type RulePackageType } from './cleanupRule';
import type { CleanupStep } from './workflowSteps';

export interface ExportedWorkflow {
  path: string;
  action: string;
  text: string;
  /** Parts of the rule the action cannot express; the workflow may then delete more than the rule would. */
  unexpressed: string[];
}

const DATAAXIOM = 'dataaxiom/ghcr-cleanup-action@v1';
const DELETE_PACKAGE_VERSIONS = 'actions/delete-package-versions@v5';

export function workflowFileName(rule: Pick<CleanupRule, 'packages' | 'packageType'>): string {
  const base = (rule.packages ?? rule.packageType ?? 'packages')
    .toLowerCase()
    .replace(/\*/g, 'all')
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return `.github/workflows/cleanup-${base || 'packages'}.yml`;
}

/** `packageNames`: the packages the rule covers today (delete-package-versions takes one name per step). */
export function exportWorkflow(rule: CleanupRule, packageNames: readonly string[], cron = '17 3 * * 1'): ExportedWorkflow {
  const container = (rule.packageType ?? 'container') === 'container';
  const { steps, unexpressed, dryRun } = container ? dataaxiomSteps(rule) : deletePackageVersionsSteps(rule, packageNames);
  const triggers = dryRun ? ['  schedule:', `    - cron: '${cron}'`, '  workflow_dispatch:'] : ['  workflow_dispatch:'];
  const header = [
    `# Written by GitHub Packages for VS Code from the clean-up rule: ${describeRule(rule)}.`,
    ...(dryRun
      ? ['# It starts in dry-run mode: read the run logs, then set dry-run to false.']
      : [
          '# actions/delete-package-versions has no dry-run mode, so this starts with a manual trigger only; add a schedule once you trust it.',
        ]),
    ...unexpressed.map((part) => `# Not expressed by ${container ? DATAAXIOM : DELETE_PACKAGE_VERSIONS}: ${part}`),
  ];
  const text = [
    ...header,
    `name: Clean up ${rule.packages ?? rule.packageType ?? 'packages'}`,
    'on:',
    ...triggers,
    'permissions:',
    '  packages: write',
    'jobs:',
    '  cleanup:',
    '    runs-on: ubuntu-latest',
    '    steps:',
    ...steps,
    '',
  ].join('\n');
  return { path: workflowFileName(rule), action: container ? DATAAXIOM : DELETE_PACKAGE_VERSIONS, text, unexpressed };
}

function quote(value: string | number | boolean): string {
  return typeof value === 'string' ? `'${value.replace(/'/g, "''")}'` : String(value);
}

function step(uses: string, inputs: [string, string | number | boolean | undefined][]): string[] {
  const lines = [`      - uses: ${uses}`, '        with:'];
  for (const [key, value] of inputs) if (value !== undefined) lines.push(`          ${key}: ${quote(value)}`);
  lines.push('          token: ${{ secrets.GITHUB_TOKEN }}');
  return lines;
}

function dataaxiomSteps(rule: CleanupRule): { steps: string[]; unexpressed: string[]; dryRun: boolean } {
  const unexpressed: string[] = [];
  const globs = (patterns: string[] | undefined, what: string): string | undefined => {
    if (!patterns?.length) return undefined;
    if (patterns.some((p) => p.startsWith('re:')))
      unexpressed.push(`${what} mixes regular expressions into wildcard patterns (${patterns.join(', ')})`);
    return patterns.filter((p) => !p.startsWith('re:')).join(',') || undefined;
  };
  let keepUntagged = rule.keepNewestUntagged;
  if (rule.keepNewest !== undefined) {
    if (rule.untaggedOnly && keepUntagged === undefined) keepUntagged = rule.keepNewest;
    else
      unexpressed.push(
        `keepNewest ${rule.keepNewest} over tagged and untagged images together (only keep-n-tagged and keep-n-untagged exist)`,
      );
  }
  if (rule.preReleaseOnly) unexpressed.push('preReleaseOnly (the action has no pre-release filter)');
  if (rule.includeVersions?.length)
    unexpressed.push(`includeVersions ${rule.includeVersions.join(', ')} (the action selects by tag, not by digest)`);
  if (rule.excludeVersions?.length)
    unexpressed.push(`excludeVersions ${rule.excludeVersions.join(', ')} (the action excludes by tag, not by digest)`);
  if (rule.age === 'updated') unexpressed.push('age "updated" (older-than counts from the time the action reads)');
  if (rule.includeTags?.length)
    unexpressed.push('includeTags: the action untags an image that has other tags, where this rule keeps the image');
  const glob = rule.packages !== undefined && /[*?]/.test(rule.packages);
  const steps = step(DATAAXIOM, [
    ['owner', rule.owner],
    [glob ? 'packages' : 'package', rule.packages],
    ['expand-packages', glob ? true : undefined],
    ['delete-tags', globs(rule.includeTags, 'includeTags')],
    ['exclude-tags', ['latest', ...(globs(rule.excludeTags, 'excludeTags')?.split(',') ?? [])].join(',')],
    ['delete-untagged', rule.untaggedOnly && keepUntagged === undefined ? true : undefined],
    ['keep-n-tagged', rule.keepNewestTagged],
    ['keep-n-untagged', keepUntagged],
    ['older-than', rule.olderThanDays !== undefined ? `${rule.olderThanDays} days` : undefined],
    ['dry-run', true],
  ]);
  if (rule.packages === undefined) unexpressed.push('every container package of the owner (name them, or use a glob, in "packages")');
  return { steps, unexpressed, dryRun: true };
}

function deletePackageVersionsSteps(
  rule: CleanupRule,
  packageNames: readonly string[],
): { steps: string[]; unexpressed: string[]; dryRun: boolean } {
  const unexpressed: string[] = ['dry run (the action has none)'];
  if (rule.olderThanDays !== undefined)
    unexpressed.push(`olderThanDays ${rule.olderThanDays} (the action has no age filter: it would delete newer versions too)`);
  if (rule.includeVersions?.length)
    unexpressed.push(`includeVersions ${rule.includeVersions.join(', ')} (the action has no name filter to delete by)`);
  if ((rule.keepNewest ?? 0) > 100) unexpressed.push(`keepNewest ${rule.keepNewest} (min-versions-to-keep cannot be more than 100)`);
  const ignore = rule.excludeVersions?.length ? rule.excludeVersions.map((p) => `(?:${compilePattern(p).source})`).join('|') : undefined;
  const steps = packageNames.flatMap((name) =>
    step(DELETE_PACKAGE_VERSIONS, [
      ['owner', rule.owner],
      ['package-name', name],
      ['package-type', rule.packageType as RulePackageType],
      ['min-versions-to-keep', rule.keepNewest ?? 0],
      ['ignore-versions', ignore],
      ['delete-only-pre-release-versions', rule.preReleaseOnly ? true : undefined],
    ]),
  );
  return { steps, unexpressed, dryRun: false };
}

export interface TranslatedStep {
  rules: CleanupRule[];
  /** What the step says that a rule cannot, or inputs that could not be read. */
  notes: string[];
}

/** A workflow step's inputs as rules (one per package it names); `context` fills the owner a step leaves implicit. */
export function ruleFromStep(step: CleanupStep, context: { repositoryOwner?: string; viewer?: string }): TranslatedStep {
  const notes = step.unreadable.map((key) => `input ${key} could not be read`);
  const inputs = step.inputs;
  const expression = Object.entries(inputs).filter(([, value]) => value.includes('${{'));
  for (const [key] of expression)
    if (key !== 'token') notes.push(`input ${key} is a workflow expression, evaluated only on GitHub; it was left out`);
  const value = (key: string) => (inputs[key] !== undefined && !inputs[key].includes('${{') ? inputs[key] : undefined);
  const number = (key: string) => (value(key) !== undefined && /^\d+$/.test(value(key)!.trim()) ? Number(value(key)) : undefined);
  const truthy = (key: string) => value(key)?.trim().toLowerCase() === 'true';
  const list = (key: string) =>
    value(key)
      ?.split(/[\s,]+/)
      .map((s) => s.trim())
      .filter(Boolean) ?? [];

  if (step.action === 'dataaxiom/ghcr-cleanup-action') {
    const owner = value('owner') ?? context.repositoryOwner;
    const regex = truthy('use-regex');
    const pattern = (p: string) => (regex ? `re:${p}` : p);
    const names = [...list('package'), ...list('packages')];
    const base: Omit<CleanupRule, 'owner'> = { packageType: 'container' };
    const tags = [...list('delete-tags'), ...list('tags')].map(pattern);
    if (tags.length) base.includeTags = tags;
    const exclude = list('exclude-tags').map(pattern);
    if (exclude.length) base.excludeTags = exclude;
    if (number('keep-n-tagged') !== undefined) base.keepNewestTagged = number('keep-n-tagged');
    if (number('keep-n-untagged') !== undefined) base.keepNewestUntagged = number('keep-n-untagged');
    if (truthy('delete-untagged') && base.keepNewestUntagged === undefined) base.untaggedOnly = true;
    const days = durationDays(value('older-than'));
    if (days !== undefined) base.olderThanDays = days;
    if (tags.length === 0 && base.keepNewestTagged === undefined && base.keepNewestUntagged === undefined && !base.untaggedOnly)
      base.untaggedOnly = true;
    for (const option of ['delete-ghost-images', 'delete-partial-images', 'delete-orphaned-images'])
      if (truthy(option)) notes.push(`${option} has no rule equivalent`);
    return withOwner(owner, names, base, notes, 'the repository owner');
  }
  if (step.action === 'snok/container-retention-policy') {
    const account = value('account');
    const owner = account === 'user' ? context.viewer : account;
    const base: Omit<CleanupRule, 'owner'> = { packageType: 'container' };
    const tags = list('image-tags');
    const include = tags.filter((t) => !t.startsWith('!'));
    const exclude = tags.filter((t) => t.startsWith('!')).map((t) => t.slice(1));
    if (include.length) base.includeTags = include;
    if (exclude.length) base.excludeTags = exclude;
    const selection = value('tag-selection') ?? 'both';
    const keep = number('keep-n-most-recent');
    if (selection === 'untagged') {
      base.untaggedOnly = true;
      if (keep !== undefined) base.keepNewestUntagged = keep;
    } else if (selection === 'tagged') base.keepNewestTagged = keep ?? 0;
    else if (keep !== undefined) base.keepNewest = keep;
    const days = durationDays(value('cut-off'));
    if (days !== undefined) base.olderThanDays = days;
    if (value('timestamp-to-use') === 'updated_at') base.age = 'updated';
    const skip = list('shas-to-skip');
    if (skip.length) base.excludeVersions = skip;
    return withOwner(owner, list('image-names'), base, notes, 'the signed-in account');
  }
  const base: Omit<CleanupRule, 'owner'> = {};
  const type = value('package-type');
  if (type === 'container' || type === 'npm' || type === 'maven' || type === 'nuget' || type === 'rubygems') base.packageType = type;
  if (number('min-versions-to-keep') !== undefined) base.keepNewest = number('min-versions-to-keep');
  else
    notes.push(
      `num-old-versions-to-delete ${value('num-old-versions-to-delete') ?? 1}: the action deletes that many of the oldest versions; the preview shows every version it could reach instead`,
    );
  if (value('ignore-versions')) base.excludeVersions = [`re:${value('ignore-versions')}`];
  if (truthy('delete-only-pre-release-versions')) base.preReleaseOnly = true;
  if (truthy('delete-only-untagged-versions')) base.untaggedOnly = true;
  if (value('package-version-ids')) notes.push('package-version-ids names versions by id; the preview cannot follow them');
  return withOwner(value('owner') ?? context.repositoryOwner, list('package-name'), base, notes, 'the repository owner');
}

function withOwner(
  owner: string | undefined,
  names: string[],
  base: Omit<CleanupRule, 'owner'>,
  notes: string[],
  implicit: string,
): TranslatedStep {
  if (!owner) return { rules: [], notes: [...notes, `the owner is ${implicit}, which is not known here; add "owner" to the step`] };
  if (names.length === 0) return { rules: [], notes: [...notes, 'the step names no package'] };
  return { rules: names.map((packages) => ({ owner, ...base, packages })), notes };
}

/** "7 days", "2w 3d", "1w", "36h" → days; `undefined` when absent or unreadable. */
export function durationDays(text: string | undefined): number | undefined {
  if (!text) return undefined;
  const units: Record<string, number> = { s: 1 / 86400, m: 1 / 1440, h: 1 / 24, d: 1, w: 7, y: 365 };
  let total = 0;
  let found = false;
  for (const match of text
    .toLowerCase()
    .matchAll(/(\d+(?:\.\d+)?)\s*(seconds?|secs?|s|minutes?|mins?|m|hours?|hrs?|h|days?|d|weeks?|w|years?|y)\b/g)) {
    const unit = match[2].startsWith('mi') || match[2] === 'm' ? 'm' : match[2][0];
    total += Number(match[1]) * (units[unit] ?? 0);
    found = true;
  }
  return found ? Math.round(total * 1000) / 1000 : undefined;
}
