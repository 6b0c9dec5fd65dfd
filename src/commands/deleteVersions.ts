import * as vscode from 'vscode';
import { type Owner, type Package, type PackageVersion, refOf, shortDigest } from '../github/types';
import { label, planDeletion, type DeletePlan } from '../registry/deletePlan';
import { summarizeDeletion } from '../registry/deleteSummary';
import { readManifestGraph, type ManifestGraph } from '../registry/multiArchGuard';
import { plural } from '../registry/plural';
import type { BulkResult } from '../registry/versionDelete';
import { isContainer, type TreeNode } from '../views/nodes';
import { confirm } from './confirm';
import { deletePackage } from './deletePackage';
import { pickVersions } from './pickVersions';
import { requireScope } from './requireScope';
import type { Services } from './services';
import { showError } from './shared/errors';
import { groupByPackage } from './shared/versionSelection';
import { manifestReader } from './shared/manifestReader';

const MAX_LISTED = 15;

/**
 * `githubPackages.deleteVersion`: the clicked version node plus every selected one (grouped by package), or the
 * palette flow. Plans first (GitHub's refusals, the multi-arch guard), confirms in a modal naming every version and
 * tag, deletes with progress and cancel, and ends with a summary; the tree follows the RegistryService's event.
 */
export async function deleteVersions(services: Services, node?: TreeNode, selected?: readonly TreeNode[]): Promise<void> {
  const groups = groupByPackage([...(selected ?? []), ...(node ? [node] : [])], 'active');
  if (groups.length === 0) {
    const picked = await pickVersions(services, vscode.l10n.t('Delete versions'), 'active');
    if (picked) await deleteFromPackage(services, picked.owner, picked.pkg, picked.versions);
    return;
  }
  for (const group of groups) await deleteFromPackage(services, group.owner, group.pkg, group.versions);
}

async function deleteFromPackage(services: Services, owner: Owner, pkg: Package, versions: PackageVersion[]): Promise<void> {
  const token = await requireScope(services, 'delete', vscode.l10n.t('delete versions of {0}', pkg.name));
  if (!token) return;
  const ref = refOf(owner, pkg);
  const container = isContainer(pkg);
  const target = { owner: owner.login, name: pkg.name, container };

  const checked = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Checking {0} before deleting…', pkg.name) },
    async (): Promise<{ active: readonly PackageVersion[]; manifests?: ManifestGraph } | { error: unknown }> => {
      const state = await services.registry.loadVersions(ref, { state: 'active' });
      if (!state.active || state.error)
        return { error: state.error ?? vscode.l10n.t('the versions of {0} could not be listed.', pkg.name) };
      const needsGuard = container && versions.some((version) => version.tags.length === 0);
      // The guard must see every tagged image; past GitHub's 10,000-item listing limit it cannot, so it fails closed.
      if (needsGuard && state.truncated) {
        return {
          error: vscode.l10n.t(
            'GitHub lists at most 10,000 versions of {0}, so not every tagged image could be checked for the untagged versions it needs.',
            pkg.name,
          ),
        };
      }
      const manifests = needsGuard
        ? await readManifestGraph(manifestReader(services, token), { owner: owner.login, name: pkg.name }, state.active)
        : undefined;
      if (needsGuard) {
        // A tagged image pushed while the manifests were read could need one of these children: list again and compare.
        const again = await services.registry.loadVersions(ref, { state: 'active' });
        if (!again.active || again.error || taggedKey(again.active) !== taggedKey(state.active)) {
          return { error: vscode.l10n.t('The tagged images of {0} changed while their manifests were read; try again.', pkg.name) };
        }
      }
      return { active: state.active, manifests };
    },
  );
  if ('error' in checked) {
    showError(services, checked.error, vscode.l10n.t('Nothing was deleted:'));
    return;
  }
  const plan = planDeletion({ pkg, selected: versions, active: checked.active, manifests: checked.manifests });

  if (plan.toDelete.length === 0) {
    if (plan.offerPackageDelete) await offerPackageDelete(services, owner, pkg, plan);
    else report(services, summarizeDeletion(target, plan, undefined));
    return;
  }

  const n = plan.toDelete.length;
  const button = vscode.l10n.t('Delete {0}', plural(n, 'version'));
  const choice = await confirm(
    vscode.l10n.t('Delete {0} of {1}?', plural(n, 'version'), `${owner.login}/${pkg.name}`),
    confirmationDetail(plan, container),
    button,
  );
  if (choice !== button) {
    services.output.info(`Delete versions of ${owner.login}/${pkg.name}: cancelled at the confirmation; nothing was deleted.`);
    return;
  }

  const result = await vscode.window.withProgress(
    {
      location: vscode.ProgressLocation.Notification,
      title: vscode.l10n.t('Deleting {0} of {1}', plural(n, 'version'), pkg.name),
      cancellable: true,
    },
    (progress, cancellation): Promise<BulkResult> => {
      const controller = new AbortController();
      cancellation.onCancellationRequested(() => {
        controller.abort();
        progress.report({ message: vscode.l10n.t('stopping after the current version…') });
      });
      progress.report({ message: vscode.l10n.t('{0} of {1}', 0, n) });
      return services.registry.deleteVersions(
        ref,
        plan.toDelete.map((item) => item.version.id),
        {
          signal: controller.signal,
          onProgress: (done, total) => progress.report({ increment: 100 / total, message: vscode.l10n.t('{0} of {1}', done, total) }),
        },
      );
    },
  );
  report(services, summarizeDeletion(target, plan, result));
  if (plan.offerPackageDelete) services.output.info(`To remove ${pkg.name} entirely, delete the package.`);
}

/** Every version was asked for: the modal offering Delete Package is the whole answer, with no "Deleted 0" beside it. */
async function offerPackageDelete(services: Services, owner: Owner, pkg: Package, plan: DeletePlan): Promise<void> {
  const last = plan.refusals[0]?.reason === 'lastTaggedVersion' ? 'last tagged version' : 'last version';
  services.output.info(
    `Delete versions of ${owner.login}/${pkg.name}: GitHub keeps the ${last} of a package; offering to delete the package.`,
  );
  const choice = await confirm(
    plan.refusals[0]?.reason === 'lastTaggedVersion'
      ? vscode.l10n.t('GitHub does not delete the last tagged version of a package. Delete the whole package {0} instead?', pkg.name)
      : vscode.l10n.t('GitHub does not delete the last version of a package. Delete the whole package {0} instead?', pkg.name),
    plan.refusals
      .map((refusal) => refusal.message)
      .slice(0, MAX_LISTED)
      .join('\n'),
    vscode.l10n.t('Delete Package…'),
  );
  if (choice) await deletePackage(services, { kind: 'package', owner, pkg });
  else services.output.info(`Delete versions of ${owner.login}/${pkg.name}: nothing was deleted.`);
}

function confirmationDetail(plan: DeletePlan, container: boolean): string {
  const lines: string[] = [];
  for (const item of plan.toDelete.slice(0, MAX_LISTED)) {
    const tags = container && item.tags.length ? vscode.l10n.t(' — tags that go with it: {0}', item.tags.join(', ')) : '';
    const digest = container && item.tags.length ? ` (${shortDigest(item.version.name)}…)` : '';
    lines.push(`• ${label(item.version, container)}${digest}${tags}`);
  }
  if (plan.toDelete.length > MAX_LISTED)
    lines.push(vscode.l10n.t('• and {0} more (all listed in the output after deleting)', plan.toDelete.length - MAX_LISTED));
  const allTags = plan.toDelete.flatMap((item) => item.tags);
  if (container && allTags.length)
    lines.push('', vscode.l10n.t('These tags disappear: {0}. GitHub cannot remove a tag without its version.', allTags.join(', ')));
  if (plan.refusals.length) {
    lines.push('', vscode.l10n.t('Not deleted ({0}):', plan.refusals.length));
    for (const refusal of plan.refusals.slice(0, 5)) lines.push(`• ${refusal.message}`);
    if (plan.refusals.length > 5) lines.push(vscode.l10n.t('• and {0} more', plan.refusals.length - 5));
  }
  lines.push('', vscode.l10n.t('Deleted versions can be restored for 30 days.'), ...plan.notes);
  return lines.join('\n');
}

function report(services: Services, summary: ReturnType<typeof summarizeDeletion>): void {
  services.output.info(summary.headline);
  for (const line of summary.details) services.output.info(`  ${line}`);
  const show = (choice: string | undefined) => choice && services.output.show(true);
  const details = vscode.l10n.t('Show Details');
  if (summary.complete) void vscode.window.showInformationMessage(summary.headline, details).then(show);
  else void vscode.window.showWarningMessage(summary.headline, details).then(show);
}

/** The tagged versions and their tags, as one comparable string. */
/** The tagged images of a listing, to notice one pushed or retagged while manifests were read. */
export function taggedKey(versions: readonly PackageVersion[]): string {
  return versions
    .filter((version) => version.tags.length > 0)
    .map((version) => `${version.name}=${[...version.tags].sort().join(',')}`)
    .sort()
    .join(';');
}
