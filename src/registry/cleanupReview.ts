/**
 * The review of a clean-up before anything goes: every version a rule selects, across packages, as what will be
 * deleted, what the workspace still uses (kept unless ticked) and what the guards refuse (with the reason), named
 * as the tree names them, and the storage the deletions free. Pure.
 */
import type { Package, PackageRef, PackageVersion } from '../github/types';
import { plural } from './plural';
import { label, versionLabel, type DeletePlan } from './deletePlan';
import type { ManifestParent } from './multiArchGuard';
import type { CleanupSelection } from './retention';
import { formatBytes, freedBytes, type SizeReading } from './storage';

export interface PackagePlan {
  ref: PackageRef;
  pkg: Package;
  active: readonly PackageVersion[];
  selection: CleanupSelection;
  /** Planned over every selected version (the multi-arch guard and GitHub's refusals already applied). */
  plan: DeletePlan;
  /** Containers: which tagged image an untagged manifest belongs to, for labels like "linux/arm64 of v1". */
  parents?: ReadonlyMap<string, ManifestParent>;
  /** Where the workspace uses a version, if it does. */
  inUse: (version: PackageVersion) => string | undefined;
  /** Containers: the blobs of every active manifest, or why they could not be read. */
  sizes?: SizeReading;
}

export type ReviewState = 'delete' | 'inUse' | 'refused';

export interface ReviewEntry {
  /** Index into the plans. */
  plan: number;
  version: PackageVersion;
  state: ReviewState;
  label: string;
  /** Why it was selected, or why it is refused. */
  why: string;
  /** What it is: tags, age, digest. */
  what: string;
}

export function reviewEntries(plans: readonly PackagePlan[], now = Date.now()): ReviewEntry[] {
  const entries: ReviewEntry[] = [];
  plans.forEach((plan, index) => {
    const container = isContainerType(plan.pkg);
    const refused = new Map(plan.plan.refusals.map((refusal) => [refusal.version.id, refusal.message]));
    for (const { version, why } of plan.selection.selected) {
      const name = versionLabel(version, container, plan.parents?.get(version.name));
      const what = describeVersion(version, container, now);
      const refusal = refused.get(version.id);
      const usedAt = refusal ? undefined : plan.inUse(version);
      if (refusal) entries.push({ plan: index, version, state: 'refused', label: name, why: refusal, what });
      else if (usedAt)
        entries.push({ plan: index, version, state: 'inUse', label: name, why: `in use: ${usedAt} (kept unless ticked); ${why}`, what });
      else entries.push({ plan: index, version, state: 'delete', label: name, why, what });
    }
  });
  return entries;
}

/** The review's title: how many versions from how many packages, and the storage they free (or why unknown). */
export function reviewTitle(
  plans: readonly PackagePlan[],
  chosen: readonly ReviewEntry[],
  dryRun: boolean,
  all: readonly ReviewEntry[] = chosen,
): string {
  const packages = new Set(chosen.map((entry) => entry.plan)).size;
  const head = `${dryRun ? 'Dry run: would delete' : 'Delete'} ${plural(chosen.length, 'version')} from ${plural(packages, 'package')}`;
  const refused = all.filter((entry) => entry.state === 'refused').length;
  const kept = all.filter((entry) => entry.state === 'inUse' && !chosen.includes(entry)).length;
  const others = [refused ? `${plural(refused, 'version')} refused` : '', kept ? `${kept} in use kept` : ''].filter(Boolean);
  return `${head} — ${storageText(plans, chosen)}${others.length ? `; ${others.join(', ')}` : ''}`;
}

export function storageText(plans: readonly PackagePlan[], chosen: readonly ReviewEntry[]): string {
  let bytes = 0;
  const unknown: string[] = [];
  const byPlan = new Map<number, Set<string>>();
  for (const entry of chosen) byPlan.set(entry.plan, (byPlan.get(entry.plan) ?? new Set()).add(entry.version.name));
  for (const [index, going] of byPlan) {
    const plan = plans[index];
    if (!isContainerType(plan.pkg)) unknown.push(`GitHub does not report the size of ${plan.pkg.packageType} versions (${plan.pkg.name})`);
    else if (!plan.sizes || !plan.sizes.ok)
      unknown.push(plan.sizes && !plan.sizes.ok ? plan.sizes.why : `sizes of ${plan.pkg.name} not read`);
    else bytes += freedBytes(plan.sizes.blobs, going);
  }
  const known = byPlan.size > unknown.length ? `frees ${formatBytes(bytes)} (layers shared with kept images stay)` : '';
  if (unknown.length === 0) return known || 'frees nothing';
  const why = unknown.length > 2 ? `${unknown.slice(0, 2).join('; ')}; and ${unknown.length - 2} more` : unknown.join('; ');
  return known ? `${known}, more not known: ${why}` : `storage freed not known: ${why}`;
}

function describeVersion(version: PackageVersion, container: boolean, now: number): string {
  const days = Math.floor((now - Date.parse(version.createdAt)) / (24 * 3600 * 1000));
  const age = days < 1 ? 'created today' : `created ${plural(days, 'day')} ago`;
  if (!container) return age;
  const tags = version.tags.length ? `tags ${version.tags.join(', ')}` : 'untagged';
  return `${tags} · ${age} · ${label({ ...version, tags: [] }, true)}`;
}

function isContainerType(pkg: Pick<Package, 'packageType'>): boolean {
  return pkg.packageType === 'container' || pkg.packageType === 'docker';
}
