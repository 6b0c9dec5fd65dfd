/** The words after a delete: what was deleted, what was refused and why, what was not attempted. Pure. */
import type { PackageVersion } from '../github/types';
import { label, type DeletePlan } from './deletePlan';
import { plural } from './plural';
import type { BulkResult } from './versionDelete';

export interface DeletionSummary {
  /** One line for the notification. */
  headline: string;
  /** Every version by name, for the output channel. */
  details: string[];
  /** True when everything asked for was deleted. */
  complete: boolean;
}

export function summarizeDeletion(
  target: { owner: string; name: string; container: boolean },
  plan: Pick<DeletePlan, 'refusals' | 'toDelete'>,
  result: BulkResult | undefined,
): DeletionSummary {
  const versions = new Map<number, PackageVersion>(plan.toDelete.map((item) => [item.version.id, item.version]));
  const name = (id: number): string => {
    const version = versions.get(id);
    return version ? label(version, target.container) : `version ${id}`;
  };
  const succeeded = result?.succeeded ?? [];
  const failed = result?.failed ?? [];
  const skipped = result?.skipped ?? [];
  const details: string[] = [];
  for (const id of succeeded) {
    const tags = versions.get(id)?.tags ?? [];
    const how = result?.confirmed?.find((entry) => entry.id === id)?.how;
    const note = how === 'confirmedDeleted' ? ' (confirmed after a lost answer)' : how === 'deletedWithGraphQL' ? ' (through GraphQL)' : '';
    details.push(`Deleted ${name(id)}${target.container && tags.length ? ` with tags ${tags.join(', ')}` : ''}${note}`);
  }
  for (const refusal of plan.refusals) details.push(`Not deleted: ${refusal.message}`);
  for (const failure of failed) details.push(`Refused or failed: ${name(failure.id)}: ${failure.error.message}`);
  if (skipped.length > 0) details.push(`Not attempted (${skipped.length}): ${skipped.map(name).join(', ')}`);

  const parts = [`Deleted ${plural(succeeded.length, 'version')} of ${target.owner}/${target.name}`];
  const refused = plan.refusals.length + failed.length;
  if (refused > 0) {
    const first = failed[0]?.error.message ?? plan.refusals[0]?.message;
    parts.push(`${refused} refused or failed${first ? ` (${refusalHint(first)})` : ''}`);
  }
  if (skipped.length > 0) parts.push(`${skipped.length} not attempted`);
  return { headline: `${parts.join('; ')}.`, details, complete: refused === 0 && skipped.length === 0 };
}

function refusalHint(message: string): string {
  const trimmed = message.replace(/^Could not [^:]+: /, '');
  return trimmed.length > 140 ? `${trimmed.slice(0, 137)}…` : trimmed;
}
