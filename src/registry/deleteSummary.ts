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
    // Stryker disable next-line OptionalChaining: inside this loop there is a result (something succeeded).
    const how = result?.confirmed?.find((entry) => entry.id === id)?.how;
    const note = how === 'confirmedDeleted' ? ' (confirmed after a lost answer)' : how === 'deletedWithGraphQL' ? ' (through GraphQL)' : '';
    details.push(`Deleted ${name(id)}${target.container && tags.length ? ` with tags ${tags.join(', ')}` : ''}${note}`);
  }
  for (const refusal of plan.refusals) details.push(`Not deleted: ${refusal.message}`);
  for (const failure of failed) details.push(`Refused or failed: ${name(failure.id)}: ${withoutOperation(failure.error.message)}`);
  if (skipped.length > 0) details.push(`Not attempted (${skipped.length}): ${skipped.map(name).join(', ')}`);

  const parts = [`Deleted ${plural(succeeded.length, 'version')} of ${target.owner}/${target.name}`];
  const refused = plan.refusals.length + failed.length;
  if (refused > 0) {
    // Stryker disable next-line OptionalChaining: with something refused, one of the two lists has a first entry.
    const first = failed[0]?.error.message ?? plan.refusals[0]?.message;
    // Stryker disable next-line StringLiteral: `first` is always set here (see above); the fallback is never shown.
    parts.push(`${refused} refused or failed${first ? ` (${refusalHint(first)})` : ''}`);
  }
  if (skipped.length > 0) parts.push(`${skipped.length} not attempted`);
  return { headline: `${parts.join('; ')}.`, details, complete: refused === 0 && skipped.length === 0 };
}

const HINT_LENGTH = 160;

/** The version is already named beside it; "Could not delete version 9 of …:" would name it again, by its id. */
function withoutOperation(message: string): string {
  return message.replace(/^Could not [^:]+: /, '');
}

/** GitHub's reason in a notification: its first sentence, or whole words up to the limit, never a word cut. */
function refusalHint(message: string): string {
  const text = withoutOperation(message);
  const sentence = /^(.*?[.!?])\s+(?=[A-Z])/.exec(text)?.[1] ?? text;
  if (sentence.length <= HINT_LENGTH) return sentence;
  const cut = sentence.slice(0, HINT_LENGTH);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), 1)).replace(/[\s,;:]+$/, '')}…`;
}
