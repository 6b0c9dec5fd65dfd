import * as vscode from 'vscode';
import type { Owner } from '../github/types';
import { newJob, pacingBoundMs, type JobPackage } from '../registry/cleanupJob';
import { plural } from '../registry/plural';
import { storageText, type PackagePlan, type ReviewEntry } from '../registry/cleanupReview';
import type { CleanupJobs } from './cleanupJobs';
import { confirm } from './confirm';
import type { Services } from './services';

const MAX_LISTED = 15;

/** The same modal as Delete Version, naming what goes across packages; then the persisted plan runs. */
export async function deleteReviewed(
  services: Services,
  jobs: CleanupJobs,
  owner: Owner,
  rule: string,
  plans: readonly PackagePlan[],
  chosen: readonly ReviewEntry[],
): Promise<void> {
  const packages = new Set(chosen.map((entry) => entry.plan));
  const n = chosen.length;
  const button = vscode.l10n.t('Delete {0}', plural(n, 'version'));
  const question =
    packages.size === 1
      ? vscode.l10n.t('Delete {0} of {1}?', plural(n, 'version'), `${owner.login}/${plans[chosen[0].plan].pkg.name}`)
      : vscode.l10n.t('Delete {0} from {1} of {2}?', plural(n, 'version'), plural(packages.size, 'package'), owner.login);
  const choice = await confirm(question, confirmationDetail(plans, chosen), button);
  if (choice !== button) {
    services.output.info(`Clean-up of ${owner.login}: cancelled at the confirmation; nothing was deleted.`);
    return;
  }
  const byPlan: JobPackage[] = [];
  for (const index of packages) {
    const plan = plans[index];
    const going = chosen.filter((entry) => entry.plan === index);
    // Tagged images first, as Delete Version does: a paused run leaves untagged leftovers, never an index missing children.
    going.sort((a, b) => Number(b.version.tags.length > 0) - Number(a.version.tags.length > 0));
    byPlan.push({
      ref: plan.ref,
      pkg: { name: plan.pkg.name, packageType: plan.pkg.packageType, visibility: plan.pkg.visibility },
      pending: going.map((entry) => ({
        id: entry.version.id,
        name: entry.version.name,
        tags: [...entry.version.tags],
        label: entry.label,
      })),
      deleted: [],
      refused: [],
    });
  }
  await jobs.start(newJob(owner.login, rule, byPlan, Date.now()));
}

function confirmationDetail(plans: readonly PackagePlan[], chosen: readonly ReviewEntry[]): string {
  const lines: string[] = [];
  for (const entry of chosen.slice(0, MAX_LISTED)) {
    const tags = entry.version.tags.length ? vscode.l10n.t(' — tags that go with it: {0}', entry.version.tags.join(', ')) : '';
    lines.push(`• ${plans[entry.plan].pkg.name} ${entry.label}${tags}`);
  }
  if (chosen.length > MAX_LISTED) lines.push(vscode.l10n.t('• and {0} more (all listed in the output)', chosen.length - MAX_LISTED));
  const tags = chosen.flatMap((entry) => entry.version.tags);
  if (tags.length)
    lines.push(
      '',
      vscode.l10n.t(
        'These tags disappear: {0}. GitHub cannot remove a tag without its version.',
        `${tags.slice(0, 30).join(', ')}${tags.length > 30 ? '…' : ''}`,
      ),
    );
  lines.push('', vscode.l10n.t('Storage: {0}.', storageText(plans, chosen)));
  const bound = pacingBoundMs(chosen.length);
  if (bound >= 60_000) {
    lines.push(
      vscode.l10n.t(
        'GitHub allows about 80 deletes a minute and 500 an hour: this takes at least {0}. The run is saved, pauses when GitHub says so, and can be paused, resumed or abandoned from the Packages view.',
        duration(bound),
      ),
    );
  }
  lines.push(vscode.l10n.t('Deleted versions can be restored for 30 days.'));
  if (plans.some((plan) => plan.pkg.visibility === 'public'))
    lines.push(
      vscode.l10n.t('GitHub refuses to delete public versions downloaded more than 5,000 times; the summary will name any it refuses.'),
    );
  return lines.join('\n');
}

export function duration(ms: number): string {
  const minutes = Math.ceil(ms / 60_000);
  if (minutes < 60) return plural(minutes, 'minute');
  const hours = Math.floor(minutes / 60);
  return `${plural(hours, 'hour')}${minutes % 60 ? ` ${plural(minutes % 60, 'minute')}` : ''}`;
}
